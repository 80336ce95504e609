package org.seedplan.dicom.ct;

import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Maps a stack of DICOM image frames (columns, rows, slices) onto seedplan's axis-aligned
 * {@link Grid}. The column, row and slice directions must each lie along a patient axis (±x, ±y,
 * ±z, any permutation: head-first or feet-first, supine or prone, also coronal or sagittal
 * stacks); the data are reordered so that grid indices grow along +x, +y, +z. Directions off the
 * axes are refused here; {@link CtSeriesReader} resamples tilted or rotated axial stacks first.
 */
public final class AxisAlignedFrame {

    /** Largest off-axis direction-cosine component accepted as axis-aligned (0.06°). */
    public static final double COSINE_TOLERANCE = 1e-3;

    private final Grid grid;
    private final int[] stride = new int[3];
    private final int base;

    /**
     * @param source      names the input in messages
     * @param firstMm     position of the first voxel (column 0, row 0, first slice), patient mm
     * @param colDir      direction of increasing column index (the first Image Orientation triplet)
     * @param rowDir      direction of increasing row index (the second triplet)
     * @param sliceDir    direction from one slice to the next
     * @param spacingMm   spacing along columns, rows and slices, mm
     * @param cols        number of columns
     * @param rows        number of rows
     * @param slices      number of slices
     */
    public AxisAlignedFrame(String source, Vec3 firstMm, Vec3 colDir, Vec3 rowDir, Vec3 sliceDir,
                            double[] spacingMm, int cols, int rows, int slices) {
        Vec3[] dirs = {colDir, rowDir, sliceDir};
        int[] n = {cols, rows, slices};
        int[] axisOf = new int[3];
        int[] sign = new int[3];
        boolean[] used = new boolean[3];
        for (int a = 0; a < 3; a++) {
            double[] c = {dirs[a].x(), dirs[a].y(), dirs[a].z()};
            int p = 0;
            for (int q = 1; q < 3; q++) {
                if (Math.abs(c[q]) > Math.abs(c[p])) {
                    p = q;
                }
            }
            for (int q = 0; q < 3; q++) {
                if (q != p && Math.abs(c[q]) > COSINE_TOLERANCE) {
                    throw new IllegalArgumentException(source + ": the image " + (a == 2 ? "slice direction" : "orientation")
                            + " " + dirs[a] + " is oblique (or the gantry was tilted): seedplan needs images whose rows,"
                            + " columns and slices run along the patient axes; reconstruct or resample the series axially");
                }
            }
            if (used[p]) {
                throw new IllegalArgumentException(source + ": image directions " + colDir + ", " + rowDir + ", " + sliceDir
                        + " are not independent: the orientation is corrupt");
            }
            used[p] = true;
            axisOf[a] = p;
            sign[a] = c[p] > 0 ? 1 : -1;
        }
        double[] origin = {firstMm.x(), firstMm.y(), firstMm.z()};
        double[] gridSpacing = new double[3];
        int[] gridSize = new int[3];
        for (int a = 0; a < 3; a++) {
            int p = axisOf[a];
            gridSpacing[p] = spacingMm[a];
            gridSize[p] = n[a];
            if (sign[a] < 0) {
                origin[p] -= (n[a] - 1) * spacingMm[a];
            }
        }
        grid = new Grid(new Vec3(origin[0], origin[1], origin[2]), gridSpacing[0], gridSpacing[1], gridSpacing[2],
                gridSize[0], gridSize[1], gridSize[2]);
        int[] gridStride = {1, grid.nx(), grid.nx() * grid.ny()};
        int b = 0;
        for (int a = 0; a < 3; a++) {
            stride[a] = sign[a] * gridStride[axisOf[a]];
            if (sign[a] < 0) {
                b += (n[a] - 1) * gridStride[axisOf[a]];
            }
        }
        base = b;
    }

    public Grid grid() {
        return grid;
    }

    /** Flat grid index of the voxel at column 0, row 0 of slice {@code k}. */
    public int sliceStart(int k) {
        return base + k * stride[2];
    }

    /** Grid-index step per column. */
    public int columnStride() {
        return stride[0];
    }

    /** Grid-index step per row. */
    public int rowStride() {
        return stride[1];
    }

    /** Grid-index step per slice. */
    public int sliceStride() {
        return stride[2];
    }
}
