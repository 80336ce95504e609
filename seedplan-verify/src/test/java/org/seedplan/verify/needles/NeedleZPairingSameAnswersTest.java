package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The z pairing's fits with less work (docs/needles.md, twenty-ninth round, needlespeed11) against the start commit's
 * computation, kept here as it was: the mass alone fitted from each voxel's steel summed once, the grid's and the simplex's
 * points summed only while they can still beat the value they are compared with, the grid's unshifted point not summed again.
 * Compared bit for bit (no tolerance: the finder's answers must not move) on readings of one and of two needles drawn about a
 * stretch of steel in 5 mm box slices, 12-bit clip, with the context's steel, noise and a seed's bright voxels, so that the
 * terms range from hundredths to tens and the clip is met.
 */
class NeedleZPairingSameAnswersTest {

    private static final double CLIP = 3071;
    private static final double C2 = NeedleEndFit.ROBUST_HU * NeedleEndFit.ROBUST_HU;
    private static final double THICKNESS = 5;

    @Test
    void theFitsGiveTheStartCommitsNumbers() {
        for (long seed = 2026; seed < 2032; seed++) {
            for (int needles = 1; needles <= 2; needles++) {
                Drawn d = drawn(seed, needles);
                NelderMead.Least mass = d.reading.massFitted(d.tissue, d.value, CLIP, C2);
                double lnMass = mass.x()[0];
                double[] x = {lnMass};
                assertThat(lnMass).as("seed %d, %d needles: the mass", seed, needles).isEqualTo(oldMass(d));
                assertThat(d.reading.massMisfit(lnMass, d.tissue, d.value, CLIP, C2, Double.POSITIVE_INFINITY))
                        .as("seed %d, %d needles: the mass's misfit", seed, needles).isEqualTo(oldMisfit(d, x));
                // The mass's misfit as the simplex gave it (thirty-fourth round, needlespeed17): the whole sum's very bits.
                assertThat(Double.doubleToRawLongBits(mass.value())).as("seed %d, %d needles: the simplex's value", seed, needles)
                        .isEqualTo(Double.doubleToRawLongBits(oldMisfit(d, x)));
                double fitted = d.reading.fitted(lnMass, mass.value(), d.tissue, d.value, CLIP, C2, THICKNESS);
                assertThat(Double.doubleToRawLongBits(fitted)).as("seed %d, %d needles: %s against %s", seed, needles, fitted, oldFitted(d))
                        .isEqualTo(Double.doubleToRawLongBits(oldFitted(d)));
            }
        }
    }

    @Test
    void aBoundedMisfitIsTheWholeOneWithinItsBoundAndAboveItElse() {
        SplittableRandom rnd = new SplittableRandom(7);
        Drawn d = drawn(2040, 2);
        int within = 0;
        int beyond = 0;
        for (int trial = 0; trial < 60; trial++) {
            double[] x = {Math.log(8000) + rnd.nextDouble(-0.5, 0.5), rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3),
                rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3)};
            double penalty = trial % 3 == 0 ? 0 : 1000 * rnd.nextDouble(0, 0.5);
            double full = oldMisfit(d, x) + penalty;
            assertThat(d.reading.misfit(x, penalty, d.tissue, d.value, CLIP, C2, Double.POSITIVE_INFINITY)).isEqualTo(full);
            for (double bound : new double[] {full * 0.5, full * 0.99, Math.nextDown(full), full, Math.nextUp(full), full * 1.01}) {
                if (BoundedMisfit.holds(full, bound, d.reading.misfit(x, penalty, d.tissue, d.value, CLIP, C2, bound))) {
                    within++;
                } else {
                    beyond++;
                }
            }
        }
        for (int trial = 0; trial < 30; trial++) {
            double lnMass = Math.log(8000) + rnd.nextDouble(-1, 1);
            double full = oldMisfit(d, new double[] {lnMass});
            for (double bound : new double[] {full * 0.5, Math.nextDown(full), full, Math.nextUp(full), full * 2}) {
                if (BoundedMisfit.holds(full, bound, d.reading.massMisfit(lnMass, d.tissue, d.value, CLIP, C2, bound))) {
                    within++;
                } else {
                    beyond++;
                }
            }
        }
        assertThat(within).isGreaterThan(150);
        assertThat(beyond).isGreaterThan(150);
    }

    /**
     * Readings that share one {@link NeedleZPairing.Places} (the first reading's, flattened once for its three shapes' fits and
     * its own: thirty-eighth round, needlespeed20) against readings each flattening the voxels' lists itself, as before, under
     * three slice profiles: the steel with no needle shifted, the mass, its misfit and the fitted misfit bit for bit (no
     * tolerance: the finder's answers must not move), and the shared places unchanged by the fits that read them.
     */
    @Test
    void readingsSharingOnePlacesGiveTheNumbersOfReadingsFlatteningTheirOwn() {
        for (long seed = 2026; seed < 2029; seed++) {
            for (int needles = 1; needles <= 2; needles++) {
                Drawn d = drawn(seed, needles);
                NeedleZPairing.Places shared = NeedleZPairing.Places.of(d.own);
                NeedleZPairing.Places untouched = NeedleZPairing.Places.of(d.own);
                for (double sigma : new double[] {0.5, 1.5, 2.5}) {
                    double[] table = new double[d.table.length];
                    for (int q = 0; q < table.length; q++) {
                        table[q] = NeedleEndFit.sliceProfile(q * NeedleZFit.TABLE_STEP_MM, THICKNESS, sigma);
                    }
                    NeedleZPairing.Reading a = new NeedleZPairing.Reading(shared, d.reading.context(), table, needles);
                    NeedleZPairing.Reading b = new NeedleZPairing.Reading(d.own, d.reading.context(), table, needles);
                    assertThat(a.unshifted()).isEqualTo(b.unshifted());
                    NelderMead.Least ma = a.massFitted(d.tissue, d.value, CLIP, C2);
                    NelderMead.Least mb = b.massFitted(d.tissue, d.value, CLIP, C2);
                    assertThat(Double.doubleToRawLongBits(ma.x()[0])).isEqualTo(Double.doubleToRawLongBits(mb.x()[0]));
                    assertThat(Double.doubleToRawLongBits(ma.value())).isEqualTo(Double.doubleToRawLongBits(mb.value()));
                    assertThat(Double.doubleToRawLongBits(a.fitted(ma.x()[0], ma.value(), d.tissue, d.value, CLIP, C2, THICKNESS)))
                            .as("seed %d, %d needles, profile σ %.1f", seed, needles, sigma)
                            .isEqualTo(Double.doubleToRawLongBits(b.fitted(mb.x()[0], mb.value(), d.tissue, d.value, CLIP, C2, THICKNESS)));
                }
                assertThat(shared.start()).isEqualTo(untouched.start());
                assertThat(shared.needle()).isEqualTo(untouched.needle());
                assertThat(shared.weight()).isEqualTo(untouched.weight());
                assertThat(shared.dz()).isEqualTo(untouched.dz());
                assertThat(shared.along()).isEqualTo(untouched.along());
            }
        }
    }

    private record Drawn(NeedleZPairing.Reading reading, double[] tissue, double[] value, List<double[]> own, double[] table) {
    }

    /**
     * Voxels every 0.75 mm along a stretch of 90 mm and across ±3 mm in three 5 mm slices; {@code needles} needles (the stretch
     * whole, or its two halves) a little off the voxel centres' line along z, 8 000 HU mm² per mm; context steel at a fifth of the
     * voxels; tissue 40 HU, noise σ 15 HU, one voxel in 40 a seed's 900 HU; clip 3 071 HU.
     */
    private static Drawn drawn(long seed, int needles) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] table = new double[(int) Math.ceil(12 / NeedleZFit.TABLE_STEP_MM) + 2];
        for (int q = 0; q < table.length; q++) {
            table[q] = NeedleEndFit.sliceProfile(q * NeedleZFit.TABLE_STEP_MM, THICKNESS, 0.5);
        }
        double[] trueShift = {rnd.nextDouble(-2, 2), rnd.nextDouble(-2, 2), rnd.nextDouble(-2, 2), rnd.nextDouble(-2, 2)};
        List<double[]> own = new ArrayList<>();
        List<Double> context = new ArrayList<>();
        List<Double> tissue = new ArrayList<>();
        List<Double> value = new ArrayList<>();
        double sxy = 0.55;
        for (double t = 0; t <= 90; t += 0.75) {
            for (double across = -3; across <= 3 + 1e-9; across += 0.75) {
                for (int k = -1; k <= 1; k++) {
                    double dz = k * THICKNESS + rnd.nextDouble(-0.3, 0.3);
                    double w = Math.exp(-across * across / (2 * sxy * sxy)) / (Math.sqrt(2 * Math.PI) * sxy);
                    int j = needles == 1 ? 0 : (t < 45 ? 0 : 1);
                    double along = needles == 1 ? t / 90 : (j == 0 ? t / 45 : (t - 45) / 45);
                    double shift = trueShift[2 * j] + (trueShift[2 * j + 1] - trueShift[2 * j]) * along;
                    double c = rnd.nextInt(5) == 0 ? 0.02 * rnd.nextDouble() : 0;
                    double level = 40 + rnd.nextGaussian() * 3;
                    double hu = level + 8000 * (c + w * profileAt(table, dz - shift)) + 15 * rnd.nextGaussian()
                            + (rnd.nextInt(40) == 0 ? 900 : 0);
                    own.add(new double[] {j, w, dz, along});
                    context.add(c);
                    tissue.add(level);
                    value.add(Math.min(CLIP, hu));
                }
            }
        }
        double[] ctx = context.stream().mapToDouble(Double::doubleValue).toArray();
        return new Drawn(new NeedleZPairing.Reading(own, ctx, table, needles), tissue.stream().mapToDouble(Double::doubleValue).toArray(),
                value.stream().mapToDouble(Double::doubleValue).toArray(), own, table);
    }

    // The start commit's computation (a6741d0f), as it was.

    private static double profileAt(double[] table, double dz) {
        double f = Math.min(Math.abs(dz) / NeedleZFit.TABLE_STEP_MM, table.length - 1.001);
        int i = (int) f;
        return table[i] + (f - i) * (table[i + 1] - table[i]);
    }

    private static double oldMisfit(Drawn d, double[] x) {
        NeedleZPairing.Reading r = d.reading;
        double mass = Math.exp(x[0]);
        boolean shifted = x.length > 1;
        double sum = 0;
        for (int q = 0; q < r.context().length; q++) {
            double s = r.context()[q];
            for (int j = r.start()[q]; j < r.start()[q + 1]; j++) {
                double shift = shifted ? x[1 + 2 * r.needle()[j]] + (x[2 + 2 * r.needle()[j]] - x[1 + 2 * r.needle()[j]]) * r.along()[j] : 0;
                s += r.weight()[j] * profileAt(r.table(), r.dz()[j] - shift);
            }
            double residual = Math.min(CLIP, d.tissue[q] + mass * s) - d.value[q];
            sum += Math.log1p(residual * residual / C2);
        }
        return sum;
    }

    private static double oldMass(Drawn d) {
        return NelderMead.minimise(m -> oldMisfit(d, new double[] {m[0]}), new double[] {Math.log(25000)}, new double[] {0.5}, 40, 1e-3)[0];
    }

    private static double oldFitted(Drawn d) {
        int needles = d.reading.needles();
        double[] x = new double[1 + 2 * needles];
        double[] steps = new double[x.length];
        x[0] = oldMass(d);
        steps[0] = 0.2;
        java.util.Arrays.fill(steps, 1, steps.length, 0.5);
        double bound = THICKNESS / 2;
        java.util.function.ToDoubleFunction<double[]> f = y -> {
            double beyond = 0;
            for (int k = 1; k < y.length; k++) {
                beyond += Math.max(0, Math.abs(y[k]) - bound);
            }
            return oldMisfit(d, y) + 1000 * beyond;
        };
        double least = f.applyAsDouble(x);
        double step = bound / 2;
        for (int k = 0; k < needles; k++) {
            double[] best = x.clone();
            for (int ia = -2; ia <= 2; ia++) {
                for (int ib = -2; ib <= 2; ib++) {
                    double[] y = x.clone();
                    y[1 + 2 * k] = ia * step;
                    y[2 + 2 * k] = ib * step;
                    double m = f.applyAsDouble(y);
                    if (m < least) {
                        least = m;
                        best = y;
                    }
                }
            }
            x = best;
        }
        x = NelderMead.minimise(f, x, steps, 60 * needles, 1e-3);
        return f.applyAsDouble(x);
    }
}
