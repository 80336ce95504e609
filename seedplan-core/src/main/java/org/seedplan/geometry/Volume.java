package org.seedplan.geometry;

/** A CT-like image: one value per voxel of a grid, in Hounsfield units. */
public record Volume(Grid grid, float[] hu) {

    public Volume {
        if (hu.length != grid.voxelCount()) {
            throw new IllegalArgumentException("volume has " + hu.length + " values for a grid of " + grid.voxelCount() + " voxels");
        }
    }

    public float at(int i, int j, int k) {
        return hu[grid.index(i, j, k)];
    }
}
