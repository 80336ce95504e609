package org.seedplan.dose;

import org.seedplan.geometry.Grid;

/** Dose on a voxel grid, in Gy, one value per voxel in the grid's order. */
public record DoseGrid(Grid grid, float[] doseGy) {

    public DoseGrid {
        if (doseGy.length != grid.voxelCount()) {
            throw new IllegalArgumentException("dose grid has " + doseGy.length + " values for a grid of " + grid.voxelCount() + " voxels");
        }
    }

    public float at(int i, int j, int k) {
        return doseGy[grid.index(i, j, k)];
    }

    /** Largest dose on the grid, Gy. */
    public double maxGy() {
        float max = 0;
        for (float d : doseGy) {
            max = Math.max(max, d);
        }
        return max;
    }
}
