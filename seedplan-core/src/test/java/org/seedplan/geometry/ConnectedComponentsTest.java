package org.seedplan.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectedComponents#of(Grid, boolean[], int, int)}: the components found in parts and joined in the parts' order are
 * the one flood's over the whole grid, the same arrays (voxels and their order) in the same order: tolerance 0, integers.
 */
class ConnectedComponentsTest {

    @Test
    void thePartsJoinedInOrderAreTheOneFloodsComponents() {
        SplittableRandom rnd = new SplittableRandom(30);
        Grid g = new Grid(new Vec3(0, 0, 0), 1, 1, 1, 23, 17, 11);
        int n = g.voxelCount();
        int slice = g.nx() * g.ny();
        // Sparse marks (many small components) to dense ones (a few large components crossing every part's start), and
        // lines along z crossing every slice boundary: a component whose first voxel lies in one part and others in the next.
        for (double share : new double[] {0.02, 0.1, 0.25, 0.4}) {
            boolean[] inside = new boolean[n];
            for (int v = 0; v < n; v++) {
                inside[v] = rnd.nextDouble() < share;
            }
            for (int line = 0; line < 3; line++) {
                int i = rnd.nextInt(g.nx());
                int j = rnd.nextInt(g.ny());
                for (int k = rnd.nextInt(3); k < g.nz() - rnd.nextInt(3); k++) {
                    inside[i + g.nx() * j + slice * k] = true;
                }
            }
            List<int[]> whole = ConnectedComponents.of(g, inside, null);
            // Above about a fifth marked, 26-connected marks percolate: one component holds nearly all of them.
            assertThat(whole).isNotEmpty();
            // Two parts at every slice boundary and inside slices, three parts, one part of all, and empty parts.
            List<int[]> cuts = new ArrayList<>();
            for (int k = 0; k <= g.nz(); k++) {
                cuts.add(new int[] {0, k * slice, n});
            }
            for (int c = 0; c < 20; c++) {
                int a = rnd.nextInt(n + 1);
                int b = rnd.nextInt(n + 1);
                cuts.add(new int[] {0, Math.min(a, b), Math.max(a, b), n});
            }
            cuts.add(new int[] {0, n});
            cuts.add(new int[] {0, 0, 0, n, n});
            for (int[] cut : cuts) {
                List<int[]> joined = new ArrayList<>();
                for (int p = 0; p + 1 < cut.length; p++) {
                    joined.addAll(ConnectedComponents.of(g, inside, cut[p], cut[p + 1]));
                }
                assertThat(joined).as("share %s, parts from %s", share, java.util.Arrays.toString(cut)).hasSameSizeAs(whole);
                for (int c = 0; c < whole.size(); c++) {
                    assertThat(joined.get(c)).as("component %d, share %s, parts from %s", c, share, java.util.Arrays.toString(cut))
                            .isEqualTo(whole.get(c));
                }
            }
        }
    }

    @Test
    void aPartOutsideTheGridIsRefused() {
        Grid g = new Grid(new Vec3(0, 0, 0), 1, 1, 1, 4, 3, 2);
        boolean[] inside = new boolean[g.voxelCount()];
        assertThatThrownBy(() -> ConnectedComponents.of(g, inside, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectedComponents.of(g, inside, 5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConnectedComponents.of(g, inside, 0, 25)).isInstanceOf(IllegalArgumentException.class);
    }
}
