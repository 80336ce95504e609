package org.seedplan.dose.montecarlo;

import java.util.Arrays;
import java.util.List;
import org.seedplan.geometry.Grid;

/**
 * Voxelised patient for transport: one material index and one mass density per voxel (grid order of {@link Grid}).
 * Space outside the grid is vacuum: a photon that leaves it is gone.
 *
 * @param materialNames names known to {@link MaterialLibrary}; {@code materialIndex} points into this list
 * @param materialIndex per voxel, the index of its material in {@code materialNames} (0..127)
 * @param densityGPerCm3 per voxel, mass density; 0 makes the voxel vacuum
 */
public record VoxelPhantom(Grid grid, List<String> materialNames, byte[] materialIndex, float[] densityGPerCm3) {

    public VoxelPhantom {
        materialNames = List.copyOf(materialNames);
        int n = grid.voxelCount();
        if (materialIndex.length != n || densityGPerCm3.length != n) {
            throw new IllegalArgumentException("voxel phantom needs one material index and one density per voxel ("
                    + n + "), got " + materialIndex.length + " and " + densityGPerCm3.length);
        }
        if (materialNames.isEmpty() || materialNames.size() > 127) {
            throw new IllegalArgumentException("voxel phantom must name 1 to 127 materials, got " + materialNames.size());
        }
        for (int v = 0; v < n; v++) {
            int m = materialIndex[v];
            if (m < 0 || m >= materialNames.size()) {
                throw new IllegalArgumentException("voxel phantom: voxel " + v + " has material index " + m + " outside 0.."
                        + (materialNames.size() - 1) + " (the material names list)");
            }
            float d = densityGPerCm3[v];
            if (!(d >= 0) || d > 25) {
                throw new IllegalArgumentException("voxel phantom: voxel " + v + " has density " + d
                        + " g/cm3; give a mass density between 0 and 25 g/cm3");
            }
        }
    }

    /** A phantom of one material at one density filling the whole grid. */
    public static VoxelPhantom homogeneous(Grid grid, String material, double densityGPerCm3) {
        float[] density = new float[grid.voxelCount()];
        Arrays.fill(density, (float) densityGPerCm3);
        return new VoxelPhantom(grid, List.of(material), new byte[grid.voxelCount()], density);
    }
}
