package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bent reading's bounded misfit ({@code NeedleZFit.Misfit.bentAt}) summed in two passes — every voxel's r² / c² first,
 * then the terms in the voxels' order until the sum passes the bound (docs/needles.md, fortieth round, needlespeed22) — held to
 * the one loop it replaces, kept here as it was at the start commit ({@link #startCommitBentAt}: each voxel's term computed and
 * added in turn, stopped once the sum passes the bound), bit for bit — no tolerance, for the finder's answers must not move:
 * the very value at every bound, within it or above it, and the bent search (Nelder–Mead over mass, both end heights and the
 * bend, as {@code Fitted.bentReading} runs it) the same points and value. The voxels are drawn about a line of steel ({@link SteelLineVoxels}),
 * straight and bent, its ends 0–2.4 mm off the slice centre; the bend held at either end.
 */
class NeedleZFitBentTwoPassTest {

    private static final double C2 = NeedleEndFit.ROBUST_HU * NeedleEndFit.ROBUST_HU;

    private static final double[][] ENDS = {{0, 0}, {2.1, 1.6}, {2.35, 2.2}, {-2.2, -1.3}, {-0.6, 2.3}, {1.1, 1.4}};

    /** The start commit's {@code Misfit.bentAt}, as it was (mass fitted; the misfit's prior about −5 mm at both ends). */
    private static double startCommitBentAt(SteelLineVoxels d, double[] x, double[] shape, double bound) {
        double bend = NeedleZFit.Fitted.heldBendMm(x[3]);
        double mass = Math.exp(x[0]);
        double sum = NeedleZFit.PRIOR_PER_MM2 * ((x[1] + 5) * (x[1] + 5) + (x[2] + 5) * (x[2] + 5));
        for (int q = 0; q < d.tv().length && sum <= bound; q++) {
            double r = Math.min(3071, d.tissue()[q] + mass * steelAt(d.table(), d.inPlane()[q],
                    d.zv()[q] - (x[1] + (x[2] - x[1]) * (d.tv()[q] - SteelLineVoxels.A) / SteelLineVoxels.SPAN + bend * shape[q])))
                    - d.value()[q];
            sum += StrictLog1p.of(r * r / C2);
        }
        return sum;
    }

    private static double steelAt(double[] table, double inPlane, double dz) {
        double f = Math.min(Math.abs(dz) / NeedleZFit.TABLE_STEP_MM, table.length - 1.001);
        int k = (int) f;
        return inPlane * (table[k] + (f - k) * (table[k + 1] - table[k]));
    }

    /** The cantilever's shape at each voxel, held at the first end where {@code tipAtSecond} (as {@code Fitted.bentShape}). */
    private static double[] shape(SteelLineVoxels d, boolean tipAtSecond) {
        double[] out = new double[d.tv().length];
        for (int q = 0; q < out.length; q++) {
            double w = (d.tv()[q] - SteelLineVoxels.A) / SteelLineVoxels.SPAN;
            out[q] = NeedleZFit.Fitted.cantileverFromChord(tipAtSecond ? w : 1 - w);
        }
        return out;
    }

    @Test
    void everyValueIsTheStartCommitsAtEveryBound() {
        SplittableRandom rnd = new SplittableRandom(2040);
        int within = 0;
        int above = 0;
        for (int e = 0; e < ENDS.length; e++) {
            SteelLineVoxels d = SteelLineVoxels.drawn(1500, ENDS[e][0], ENDS[e][1], 6000, 20, 4001 + e);
            NeedleZFit.Misfit misfit = d.misfit();
            for (boolean tipAtSecond : new boolean[] {true, false}) {
                double[] shape = shape(d, tipAtSecond);
                for (int trial = 0; trial < 40; trial++) {
                    // Bends to beyond the held ±5 mm, the ends about the drawn line.
                    double[] x = {Math.log(6000) + rnd.nextDouble(-0.6, 0.6), -5 + rnd.nextDouble(-2.5, 2.5),
                        -5 + rnd.nextDouble(-2.5, 2.5), rnd.nextDouble(-7, 7)};
                    double full = startCommitBentAt(d, x, shape, Double.POSITIVE_INFINITY);
                    assertThat(Double.doubleToRawLongBits(misfit.bentAt(x, shape, Double.POSITIVE_INFINITY)))
                            .isEqualTo(Double.doubleToRawLongBits(full));
                    // Bounds about the misfit, down to an ulp either side of it, and far off.
                    double[] bounds = {full * 0.5, full * 0.99, Math.nextDown(full), full, Math.nextUp(full), full * 1.01, full * 2};
                    for (double bound : bounds) {
                        double before = startCommitBentAt(d, x, shape, bound);
                        double got = misfit.bentAt(x, shape, bound);
                        assertThat(Double.doubleToRawLongBits(got)).as("ends %s, trial %d, bound %s", Arrays.toString(ENDS[e]), trial, bound)
                                .isEqualTo(Double.doubleToRawLongBits(before));
                        if (before <= bound) {
                            within++;
                        } else {
                            above++;
                        }
                    }
                }
            }
        }
        assertThat(within).isGreaterThan(1000);
        assertThat(above).isGreaterThan(1000);
    }

    @Test
    void theBentSearchFindsTheStartCommitsPoints() {
        for (int e = 0; e < ENDS.length; e++) {
            // The far end as drawn, or on every other line 2.5 mm higher: a steeper line the search may take by its ends or its bend.
            SteelLineVoxels d = SteelLineVoxels.drawn(1500, ENDS[e][0], ENDS[e][1] + (e % 2 == 0 ? 0 : 2.5), 6000, 20, 4101 + e);
            NeedleZFit.Misfit misfit = d.misfit();
            for (boolean tipAtSecond : new boolean[] {true, false}) {
                double[] shape = shape(d, tipAtSecond);
                NelderMead.Bounded before = (x, bound) -> startCommitBentAt(d, x, shape, bound);
                NelderMead.Bounded now = (x, bound) -> misfit.bentAt(x, shape, bound);
                double[] start = {Math.log(6000), -5 + ENDS[e][0], -5 + ENDS[e][1], 0};
                double[] steps = {0.1, 0.25, 0.25, 1};
                NelderMead.Least was = NelderMead.least(before, start, steps, 300, 1e-3);
                NelderMead.Least is = NelderMead.least(now, start, steps, 300, 1e-3);
                assertThat(is.x()).as("ends %s, tip at second %s", Arrays.toString(ENDS[e]), tipAtSecond).containsExactly(was.x());
                assertThat(Double.doubleToRawLongBits(is.value())).isEqualTo(Double.doubleToRawLongBits(was.value()));
            }
        }
    }
}
