package org.seedplan.structure;

import java.util.Arrays;

/**
 * Where the inside part of each partially covered voxel of a mask has its centre of volume, as an
 * offset in mm from the voxel centre; sparse (only listed voxels), sorted by flat voxel index.
 *
 * <p>A dose-volume histogram samples the dose of a partial voxel here rather than at the voxel
 * centre, so that the dose of a thin rim of a structure is read inside the structure (this is what
 * makes D100 and Dmin converge to the dose on the surface; see docs/structures-and-dvh.md).
 * Voxels not listed (fully covered ones, or any mask built without this information) are sampled
 * at their centre.
 */
public record VoxelCentroids(int[] index, float[] dxMm, float[] dyMm, float[] dzMm) {

    /** No centroid information: every voxel is sampled at its centre. */
    public static final VoxelCentroids NONE = new VoxelCentroids(new int[0], new float[0], new float[0], new float[0]);

    public VoxelCentroids {
        if (dxMm.length != index.length || dyMm.length != index.length || dzMm.length != index.length) {
            throw new IllegalArgumentException("voxel centroids need one offset per index, got " + index.length
                    + " indices and " + dxMm.length + "/" + dyMm.length + "/" + dzMm.length + " offsets");
        }
        for (int n = 1; n < index.length; n++) {
            if (index[n] <= index[n - 1]) {
                throw new IllegalArgumentException("voxel centroid indices must be strictly increasing, index "
                        + index[n] + " follows " + index[n - 1]);
            }
        }
    }

    public int size() {
        return index.length;
    }

    /** Position of {@code voxel} in this list, or a negative number when it is not listed. */
    public int find(int voxel) {
        return Arrays.binarySearch(index, voxel);
    }

    /** Collects offsets in increasing voxel order. */
    static final class Builder {
        private int[] index = new int[256];
        private float[] dx = new float[256];
        private float[] dy = new float[256];
        private float[] dz = new float[256];
        private int size;

        void add(int voxel, double dxMm, double dyMm, double dzMm) {
            if (size == index.length) {
                int capacity = size * 2;
                index = Arrays.copyOf(index, capacity);
                dx = Arrays.copyOf(dx, capacity);
                dy = Arrays.copyOf(dy, capacity);
                dz = Arrays.copyOf(dz, capacity);
            }
            index[size] = voxel;
            dx[size] = (float) dxMm;
            dy[size] = (float) dyMm;
            dz[size] = (float) dzMm;
            size++;
        }

        VoxelCentroids build() {
            return size == 0 ? NONE : new VoxelCentroids(Arrays.copyOf(index, size), Arrays.copyOf(dx, size),
                    Arrays.copyOf(dy, size), Arrays.copyOf(dz, size));
        }
    }
}
