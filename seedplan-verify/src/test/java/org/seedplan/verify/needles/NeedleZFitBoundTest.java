package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The z fit's misfit summed with a lower bound first ({@link NeedleZFit.Misfit#at(double[], double[], double[], double[], double)}):
 * wherever the misfit is at most the bound it is the very number one pass over the voxels gives (compared bit for bit, no
 * tolerance: the finder's answers must not move), and wherever it is above, so is the answer, on voxels drawn about a line of
 * steel ({@link SteelLineVoxels}).
 */
class NeedleZFitBoundTest {

    @Test
    void theLowerBoundNeverPassesTheTerm() {
        // ln(1 + u) ≥ 2u / (2 + u) for u ≥ 0; from 1 on the bound is ln(1 + u) itself, within the rounding of 1 + u (a few
        // parts in 10¹⁶, far inside the misfit's margin of 10⁻⁹).
        double worst = Double.NEGATIVE_INFINITY;
        for (double u = 0; u < 1e6; u = u * 1.01 + 1e-12) {
            worst = Math.max(worst, NeedleZFit.Misfit.lowerTerm(u) - (Math.log1p(u) * (1 + 1e-15) + 1e-16));
        }
        assertThat(worst).isLessThanOrEqualTo(0);
        // Tight where most voxels' terms lie (|r| well under the robust 200 HU): short by u³ / 12 at most.
        assertThat(NeedleZFit.Misfit.lowerTerm(0.1)).isGreaterThan(Math.log1p(0.1) - 1e-4);
    }

    @Test
    void whereTheMisfitIsWithinTheBoundItIsTheOnePassSumBitForBit() {
        int n = 1200;
        NeedleZFit.Misfit misfit = SteelLineVoxels.drawn(n, -1.2, 0.3, 3000, 25, 2026).misfit();
        SplittableRandom rnd = new SplittableRandom(2027);
        int within = 0;
        int beyond = 0;
        for (int trial = 0; trial < 120; trial++) {
            double[] x = {Math.log(3000) + rnd.nextDouble(-0.5, 0.5), -5 + rnd.nextDouble(-2.5, 2.5), -5 + rnd.nextDouble(-2.5, 2.5)};
            double full = misfit.at(x, Double.POSITIVE_INFINITY);
            // Bounds about the misfit, down to within a few ulps of it either side.
            double[] bounds = {full * 0.5, full * 0.99, Math.nextDown(full), full, Math.nextUp(full), full * 1.01, full * 2};
            for (double bound : bounds) {
                double[] steel = new double[n];
                java.util.Arrays.fill(steel, Double.NaN);
                double[] rise = trial % 2 == 0 ? null : misfit.riseAt(x[2] - x[1]);
                double viaGrid = misfit.at(x, rise, steel, new double[n], bound);
                double viaSimplex = misfit.at(x, bound);
                for (double got : new double[] {viaGrid, viaSimplex}) {
                    if (BoundedMisfit.holds(full, bound, got)) {
                        within++;
                    } else {
                        beyond++;
                    }
                }
            }
        }
        assertThat(within).isGreaterThan(300);
        assertThat(beyond).isGreaterThan(300);
    }
}
