package org.seedplan.geometry;

/**
 * A CT-like image: one value per voxel of a grid, in Hounsfield units, with the scanner's nominal slice thickness when it
 * is known.
 *
 * @param sliceThicknessMm the nominal slice thickness, mm: the full width at half maximum of the slice sensitivity profile
 *                         (DICOM Slice Thickness (0018,0050); IEC 61223-3-5), which on an overlapping reconstruction (5 mm
 *                         slices every 2.5 mm) is wider than the grid's slice spacing; NaN when not recorded
 */
public record Volume(Grid grid, float[] hu, double sliceThicknessMm) {

    public Volume {
        if (hu.length != grid.voxelCount()) {
            throw new IllegalArgumentException("volume has " + hu.length + " values for a grid of " + grid.voxelCount() + " voxels");
        }
        if (!(Double.isNaN(sliceThicknessMm) || sliceThicknessMm > 0 && Double.isFinite(sliceThicknessMm))) {
            throw new IllegalArgumentException("slice thickness " + sliceThicknessMm + " mm: give a positive thickness, or NaN when"
                    + " it is not known");
        }
    }

    /** A volume whose slice thickness is not recorded ({@link #sliceProfileFwhmMm()} then takes the slice spacing). */
    public Volume(Grid grid, float[] hu) {
        this(grid, hu, Double.NaN);
    }

    public float at(int i, int j, int k) {
        return hu[grid.index(i, j, k)];
    }

    /** Whether the scanner's slice thickness is recorded (else the slice spacing stands in for it). */
    public boolean hasSliceThickness() {
        return !Double.isNaN(sliceThicknessMm);
    }

    /**
     * The full width at half maximum of the slice sensitivity profile, mm: the recorded slice thickness, or the slice spacing
     * when none is recorded (contiguous slices, as most axial and helical series are reconstructed).
     */
    public double sliceProfileFwhmMm() {
        return hasSliceThickness() ? sliceThicknessMm : grid.dzMm();
    }
}
