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
     */
    public static List<int[]> of(Grid g, boolean[] inside, int[] labels) {
        if (inside.length != g.voxelCount()) {
            throw new IllegalArgumentException("voxel marks have " + inside.length + " values for " + g.voxelCount() + " voxels");
        }
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int nxy = nx * ny;
        boolean[] seen = new boolean[inside.length];
        List<int[]> out = new ArrayList<>();
        int[] queue = new int[1024];
        for (int start = 0; start < inside.length; start++) {
            if (!inside[start] || seen[start]) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            seen[start] = true;
            while (head < tail) {
                int v = queue[head++];
                int k = v / nxy;
                int j = (v - k * nxy) / nx;
                int i = v - k * nxy - j * nx;
                for (int kk = Math.max(k - 1, 0); kk <= Math.min(k + 1, nz - 1); kk++) {
                    for (int jj = Math.max(j - 1, 0); jj <= Math.min(j + 1, ny - 1); jj++) {
                        for (int ii = Math.max(i - 1, 0); ii <= Math.min(i + 1, nx - 1); ii++) {
                            int w = ii + nx * jj + nxy * kk;
                            if (inside[w] && !seen[w]) {
                                seen[w] = true;
                                if (tail == queue.length) {
                                    queue = Arrays.copyOf(queue, queue.length * 2);
                                }
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
