package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.ConnectedComponents;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * The clip level read from the metal's components (thirty-eighth round, needlespeed20) against the pass over the whole scan's
 * marks it replaced (kept here as the reference): the same level or NaN on scans with 0–14 metal voxels at or within half a HU
 * of the greatest value, some just beyond that half HU, scattered over several components. No tolerance: the level is a CT
 * number or NaN, and it decides whether the finder reads any steel as clipped.
 */
class NeedleFinderClipLevelTest {

    @Test
    void theClipLevelOfTheComponentsIsThatOfTheWholeScansPass() {
        SplittableRandom rnd = new SplittableRandom(38);
        Grid g = new Grid(Vec3.ZERO, 0.75, 0.75, 5, 24, 20, 6);
        int clipped = 0;
        int notClipped = 0;
        for (int trial = 0; trial < 200; trial++) {
            float[] hu = new float[g.voxelCount()];
            boolean[] metal = new boolean[hu.length];
            float top = rnd.nextBoolean() ? 3071f : 30710f;
            for (int v = 0; v < hu.length; v++) {
                hu[v] = (float) rnd.nextDouble(-1000, 1500);
            }
            // Steel in a few short lines; of its voxels, some at the top, some just within or just beyond half a HU of it.
            int atTop = rnd.nextInt(15);
            for (int line = 0; line < 6; line++) {
                int i = rnd.nextInt(g.nx() - 8);
                int j = rnd.nextInt(g.ny());
                int k = rnd.nextInt(g.nz());
                for (int s = 0; s < 8; s++) {
                    hu[g.index(i + s, j, k)] = (float) rnd.nextDouble(2000, top - 1);
                }
            }
            int put = 0;
            while (put < atTop) {
                int v = g.index(rnd.nextInt(g.nx()), rnd.nextInt(g.ny()), rnd.nextInt(g.nz()));
                hu[v] = rnd.nextBoolean() ? top : top - 0.5f;
                put++;
            }
            for (int near = 0; near < 3; near++) {
                hu[g.index(rnd.nextInt(g.nx()), rnd.nextInt(g.ny()), rnd.nextInt(g.nz()))] = Math.nextDown(top - 0.5f);
            }
            float max = NeedleFinder.metalMarked(hu, metal, 2000, g.nx() * g.ny());
            List<int[]> components = ConnectedComponents.of(g, metal, null);
            double expected = wholeScansPass(hu, metal, max);
            double got = NeedleFinder.clipLevel(hu, components, max);
            assertThat(Double.doubleToRawLongBits(got)).as("trial %d: %s against %s", trial, got, expected)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            if (Double.isNaN(expected)) {
                notClipped++;
            } else {
                clipped++;
            }
        }
        assertThat(clipped).isGreaterThan(40);
        assertThat(notClipped).isGreaterThan(40);
    }

    /** The clip level as it was until the thirty-seventh round: the whole scan's marks in order, stopped at 10. */
    private static double wholeScansPass(float[] hu, boolean[] metal, float max) {
        int atMax = 0;
        for (int v = 0; v < hu.length && atMax < 10; v++) {
            atMax += metal[v] && hu[v] >= max - 0.5f ? 1 : 0;
        }
        return atMax >= 10 ? max : Double.NaN;
    }
}
