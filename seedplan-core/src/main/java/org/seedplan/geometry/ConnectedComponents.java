package org.seedplan.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Groups the marked voxels of a grid into 26-connected components (breadth-first flood fill). */
public final class ConnectedComponents {

    private ConnectedComponents() {
    }

    /**
     * The components of the voxels with {@code inside[v]}, each as an array of flat voxel indices in the
     * order they were reached; when {@code labels} is not null each voxel also receives 1 + the index of
     * its component (0 for none).
     *
     * <p>The voxels reached are marked in a bitmap ({@code reached}, a bit per voxel: a 26 million voxel scan's marks in 3.3 MB
     * where a {@code boolean[]} of the voxels reached took 26 MB to clear and to read beside the marks), read only where a voxel
     * is marked; a voxel off the grid's faces has its 26 neighbours at fixed offsets, visited in the order the loops over the
     * neighbourhood's slices, rows and columns visit them (ascending offsets), so the components and the order of their
     * voxels are those of the loops: the same output (docs/needles.md, thirty-eighth round, branch {@code needlespeed20}).
     */
    public static List<int[]> of(Grid g, boolean[] inside, int[] labels) {
        if (inside.length != g.voxelCount()) {
            throw new IllegalArgumentException("voxel marks have " + inside.length + " values for " + g.voxelCount() + " voxels");
        }
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int nxy = nx * ny;
        long[] reached = new long[(inside.length + 63) >>> 6];
        int[] around = new int[26];
        int a = 0;
        for (int dk = -1; dk <= 1; dk++) {
            for (int dj = -1; dj <= 1; dj++) {
                for (int di = -1; di <= 1; di++) {
                    if (di != 0 || dj != 0 || dk != 0) {
                        around[a++] = di + nx * dj + nxy * dk;
                    }
                }
            }
        }
        List<int[]> out = new ArrayList<>();
        int[] queue = new int[1024];
        for (int start = 0; start < inside.length; start++) {
            if (!inside[start] || (reached[start >>> 6] & (1L << start)) != 0) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            reached[start >>> 6] |= 1L << start;
            while (head < tail) {
                int v = queue[head++];
                if (queue.length - tail < around.length) {
                    queue = Arrays.copyOf(queue, queue.length * 2);
                }
                int k = v / nxy;
                int j = (v - k * nxy) / nx;
                int i = v - k * nxy - j * nx;
                if (i > 0 && i < nx - 1 && j > 0 && j < ny - 1 && k > 0 && k < nz - 1) {
                    for (int d : around) {
                        int w = v + d;
                        if (inside[w] && (reached[w >>> 6] & (1L << w)) == 0) {
                            reached[w >>> 6] |= 1L << w;
                            queue[tail++] = w;
                        }
                    }
                    continue;
                }
                for (int kk = Math.max(k - 1, 0); kk <= Math.min(k + 1, nz - 1); kk++) {
                    for (int jj = Math.max(j - 1, 0); jj <= Math.min(j + 1, ny - 1); jj++) {
                        for (int ii = Math.max(i - 1, 0); ii <= Math.min(i + 1, nx - 1); ii++) {
                            int w = ii + nx * jj + nxy * kk;
                            if (inside[w] && (reached[w >>> 6] & (1L << w)) == 0) {
                                reached[w >>> 6] |= 1L << w;
                                queue[tail++] = w;
                            }
                        }
                    }
                }
            }
            if (labels != null) {
                for (int q = 0; q < tail; q++) {
                    labels[queue[q]] = out.size() + 1;
                }
            }
            out.add(Arrays.copyOf(queue, tail));
        }
        return out;
    }
}
