package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seedplan.geometry.Grid;

/** Groups the voxels at or above a threshold into 26-connected components (breadth-first flood fill). */
final class ConnectedComponents {

    private ConnectedComponents() {
    }

    /** The components of {@code {v : ct[v] ≥ thresholdHu}}, each as an array of flat voxel indices. */
    static List<int[]> of(Grid g, float[] ct, double thresholdHu) {
        return of(g, ct, thresholdHu, null);
    }

    /**
     * The components as {@link #of(Grid, float[], double)}; when {@code labels} is given, each
     * voxel also receives 1 + the index of its component (0 for none).
     */
    static List<int[]> of(Grid g, float[] ct, double thresholdHu, int[] labels) {
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int nxy = nx * ny;
        boolean[] seen = new boolean[ct.length];
        List<int[]> out = new ArrayList<>();
        int[] queue = new int[1024];
        float t = (float) thresholdHu;
        for (int start = 0; start < ct.length; start++) {
            if (ct[start] < t || seen[start]) {
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
                for (int dk = -1; dk <= 1; dk++) {
                    int kk = k + dk;
                    if (kk < 0 || kk >= nz) {
                        continue;
                    }
                    for (int dj = -1; dj <= 1; dj++) {
                        int jj = j + dj;
                        if (jj < 0 || jj >= ny) {
                            continue;
                        }
                        for (int di = -1; di <= 1; di++) {
                            int ii = i + di;
                            if (ii < 0 || ii >= nx) {
                                continue;
                            }
                            int w = ii + nx * jj + nxy * kk;
                            if (!seen[w] && ct[w] >= t) {
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
