package org.seedplan.server.imaging;

import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Volume;

/**
 * A CT series as the browser gets it: the axis-aligned grid (mm LPS) and the HU of every voxel rounded to 16-bit
 * integers (i fastest, then j, then k), with the identifiers that contours and plans refer to.
 *
 * @param sliceSopInstanceUids the SOP Instance UID of each slice k
 * @param sliceThicknessMm     the series' Slice Thickness (0018,0050), mm, NaN when not recorded: the seed and needle finders
 *                             take the slice profile's width from it ({@link Volume#sliceProfileFwhmMm()})
 */
public record BrowserVolume(String seriesInstanceUid, String studyInstanceUid, String frameOfReferenceUid, long patientDbId,
        Grid grid, short[] hu, List<String> sliceSopInstanceUids, double sliceThicknessMm) {

    public BrowserVolume {
        if (hu.length != grid.voxelCount()) {
            throw new IllegalArgumentException("volume of series " + seriesInstanceUid + " has " + hu.length + " values for "
                    + grid.voxelCount() + " voxels");
        }
        sliceSopInstanceUids = List.copyOf(sliceSopInstanceUids);
    }

    /** The same volume labelled with patient {@code patientDbId} (the voxels are shared, not copied). */
    public BrowserVolume forPatient(long patientDbId) {
        return new BrowserVolume(seriesInstanceUid, studyInstanceUid, frameOfReferenceUid, patientDbId, grid, hu, sliceSopInstanceUids,
                sliceThicknessMm);
    }

    /** Bytes of slices {@code from} … {@code from + count - 1} as Int16 little-endian. */
    public byte[] sliceBytes(int from, int count) {
        int nz = grid.nz();
        if (from < 0 || count < 1 || from + count > nz) {
            throw new IllegalArgumentException("slices " + from + "+" + count + " of series " + seriesInstanceUid
                    + ": from must be 0–" + (nz - 1) + " and from + count at most " + nz);
        }
        int perSlice = grid.nx() * grid.ny();
        byte[] out = new byte[2 * perSlice * count];
        int start = from * perSlice;
        for (int n = 0, end = perSlice * count; n < end; n++) {
            short v = hu[start + n];
            out[2 * n] = (byte) v;
            out[2 * n + 1] = (byte) (v >> 8);
        }
        return out;
    }

    /** The volume in HU as the engines take it (seed and needle finding), with the series' slice thickness. */
    public Volume toVolume() {
        float[] out = new float[hu.length];
        for (int i = 0; i < hu.length; i++) {
            out[i] = hu[i];
        }
        return new Volume(grid, out, sliceThicknessMm);
    }

    /** Size in bytes of the voxels, for the cache's budget. */
    public long sizeBytes() {
        return 2L * hu.length;
    }
}
