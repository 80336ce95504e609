package org.seedplan.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectedComponents#of} against the flood it replaced (the thirty-seventh round's, a mark of the voxels reached beside
 * the marks and the neighbourhood's loops for every voxel; kept here as the reference): the same components in the same order,
 * each with its voxels in the same order, and the same labels. Tolerance none: the needle finder reads its components' runs
 * in this order and the seed finder its voxels, so a voxel moved within a component could move an answer.
 */
class ConnectedComponentsTest {

    @Test
    void theSameComponentsInTheSameOrderAsTheNeighbourhoodLoops() {
        SplittableRandom rnd = new SplittableRandom(38);
        int grids = 0;
        // Thin grids (one or two voxels across: every voxel on a face), small ones and larger ones; sparse marks, dense ones
        // (long winding components, the queue grown many times) and lines along each axis and across.
        int[][] sizes = {{1, 1, 1}, {1, 7, 5}, {2, 2, 2}, {3, 3, 3}, {9, 1, 4}, {4, 5, 1}, {17, 13, 6}, {40, 33, 12}, {64, 64, 20}};
        double[] densities = {0.02, 0.1, 0.3, 0.5, 0.8, 1.0};
        for (int[] n : sizes) {
            for (double density : densities) {
                Grid g = new Grid(Vec3.ZERO, 0.75, 0.75, 5, n[0], n[1], n[2]);
                boolean[] inside = new boolean[g.voxelCount()];
                for (int v = 0; v < inside.length; v++) {
                    inside[v] = rnd.nextDouble() < density;
                }
                boolean[] before = inside.clone();
                int[] labels = new int[inside.length];
                int[] expectedLabels = new int[inside.length];
                List<int[]> got = ConnectedComponents.of(g, inside, labels);
                List<int[]> expected = neighbourhoodLoops(g, inside, expectedLabels);
                assertThat(got).hasSameSizeAs(expected);
                for (int c = 0; c < got.size(); c++) {
                    assertThat(got.get(c)).as("component %d of %s at %.2f", c, Arrays.toString(n), density).isEqualTo(expected.get(c));
                }
                assertThat(labels).isEqualTo(expectedLabels);
                List<int[]> unlabelled = ConnectedComponents.of(g, inside, null);
                assertThat(unlabelled).hasSameSizeAs(expected);
                for (int c = 0; c < unlabelled.size(); c++) {
                    assertThat(unlabelled.get(c)).isEqualTo(expected.get(c));
                }
                assertThat(inside).as("the marks are not changed").isEqualTo(before);
                grids++;
            }
        }
        assertThat(grids).isEqualTo(sizes.length * densities.length);
    }

    @Test
    void aNeedleLikeLineAcrossTheGridIsOneComponentInTheLoopsOrder() {
        // A staircase of 2 × 2 voxels through every slice from one face to the other, and a seed-sized blob touching a face.
        Grid g = new Grid(Vec3.ZERO, 0.75, 0.75, 5, 30, 20, 10);
        boolean[] inside = new boolean[g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int s = 0; s < 2; s++) {
                for (int t = 0; t < 2; t++) {
                    inside[g.index(3 + 2 * k + s, 5 + k + t, k)] = true;
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 17; j < 20; j++) {
                inside[g.index(i, j, 4)] = true;
            }
        }
        List<int[]> got = ConnectedComponents.of(g, inside, null);
        List<int[]> expected = neighbourhoodLoops(g, inside, null);
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).hasSize(40).isEqualTo(expected.get(0));
        assertThat(got.get(1)).hasSize(9).isEqualTo(expected.get(1));
    }

    /** The flood as it was until the thirty-seventh round: a mark of the voxels reached, the loops for every voxel. */
    private static List<int[]> neighbourhoodLoops(Grid g, boolean[] inside, int[] labels) {
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
