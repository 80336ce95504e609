package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The z fit's misfit summed with a lower bound first ({@link NeedleZFit.Misfit#at(double[], double[], double[], double[], double)}):
 * wherever the misfit is at most the bound it is the very number one pass over the voxels gives (compared bit for bit, no
 * tolerance: the finder's answers must not move), and wherever it is above, so is the answer. The voxels are drawn about a line
 * of steel in 5 mm box slices, 12-bit clip, with noise, streaks and a seed's bright voxels, so that the terms range from
 * hundredths (tissue) to tens (a line off the steel).
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
        SplittableRandom rnd = new SplittableRandom(2026);
        int n = 1200;
        double a = 3;
        double span = 80;
        double[] tv = new double[n];
        double[] zv = new double[n];
        double[] inPlane = new double[n];
        double[] value = new double[n];
        double[] tissue = new double[n];
        double sxy = 0.55;
        double[] table = new double[1100];
        for (int q = 0; q < table.length; q++) {
            table[q] = NeedleEndFit.sliceProfile(q * NeedleZFit.TABLE_STEP_MM, 5, 0.32);
        }
        for (int q = 0; q < n; q++) {
            tv[q] = a + rnd.nextDouble() * span;
            double d = rnd.nextDouble(-2.2, 2.2);
            zv[q] = -5 + 5 * rnd.nextInt(-1, 2);
            inPlane[q] = Math.exp(-d * d / (2 * sxy * sxy)) / (Math.sqrt(2 * Math.PI) * sxy);
            tissue[q] = 40 + rnd.nextGaussian() * 5;
            double line = -6.2 + 1.5 * (tv[q] - a) / span;
            double steel = inPlane[q] * NeedleEndFit.sliceProfile(zv[q] - line, 5, 0.32) * 3000;
            value[q] = Math.min(3071, tissue[q] + steel + rnd.nextGaussian() * 25 + (rnd.nextInt(40) == 0 ? 900 : 0));
        }
        NeedleZFit.Misfit misfit = new NeedleZFit.Misfit(tv, zv, inPlane, value, tissue, table, 3071, a, span, -5, -5);
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
