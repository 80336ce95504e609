package org.seedplan.structure;

import org.seedplan.geometry.Grid;

/**
 * The part of each voxel of a grid that lies inside a structure: a fraction in [0, 1] per voxel,
 * with, for partially covered voxels, where their inside part lies ({@link VoxelCentroids}).
 */
public record Mask(String name, Grid grid, float[] fraction, VoxelCentroids centroids) {

    public Mask {
        if (fraction.length != grid.voxelCount()) {
            throw new IllegalArgumentException("mask '" + name + "' has " + fraction.length + " values for " + grid.voxelCount() + " voxels");
        }
        if (centroids == null) {
            centroids = VoxelCentroids.NONE;
        }
        if (centroids.size() > 0 && (centroids.index()[0] < 0 || centroids.index()[centroids.size() - 1] >= fraction.length)) {
            throw new IllegalArgumentException("mask '" + name + "' has voxel centroids outside its grid of " + fraction.length + " voxels");
        }
    }

    /** A mask without centroid information (partial voxels are sampled at their centres). */
    public Mask(String name, Grid grid, float[] fraction) {
        this(name, grid, fraction, VoxelCentroids.NONE);
    }

    /** Volume inside the structure, cc: the sum of voxel fractions times the voxel volume. */
    public double volumeCc() {
        double sum = 0;
        for (float f : fraction) {
            sum += f;
        }
        return sum * grid.voxelVolumeCc();
    }

    /** The same mask under another name. */
    public Mask withName(String newName) {
        return new Mask(newName, grid, fraction, centroids);
    }
}
