package org.seedplan.structure;

import org.seedplan.geometry.Grid;

/** The part of each voxel of a grid that lies inside a structure: a fraction in [0, 1] per voxel. */
public record Mask(String name, Grid grid, float[] fraction) {

    public Mask {
        if (fraction.length != grid.voxelCount()) {
            throw new IllegalArgumentException("mask '" + name + "' has " + fraction.length + " values for " + grid.voxelCount() + " voxels");
        }
    }

    /** Volume inside the structure, cc: the sum of voxel fractions times the voxel volume. */
    public double volumeCc() {
        double sum = 0;
        for (float f : fraction) {
            sum += f;
        }
        return sum * grid.voxelVolumeCc();
    }
}
