package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The z pairing's misfit of a reading summed only while it can stay below a bound
 * ({@link NeedleZPairing.Reading#misfit(double[], double[], double[], double, double, double)}, docs/needles.md, twenty-fifth
 * round, needlespeed): wherever the misfit is at most the bound it is the very number the whole sum gives (bit for bit, no
 * tolerance: the readings' comparison must not move), and wherever it is above, so is the answer. Two needles one above the
 * other in 5 mm box slices, 12-bit clip, noise 25 HU, the terms from hundredths (tissue) to tens (a height off the steel).
 */
class NeedleZPairingBoundTest {

    @Test
    void belowTheBoundTheMisfitIsTheWholeSumAndAboveItSoIsTheAnswer() {
        SplittableRandom rnd = new SplittableRandom(2512);
        double[] table = new double[900];
        for (int q = 0; q < table.length; q++) {
            table[q] = NeedleEndFit.sliceProfile(q * NeedleZFit.TABLE_STEP_MM, 5, 0.32);
        }
        int n = 700;
        List<double[]> own = new ArrayList<>();
        double[] context = new double[n];
        double[] tissue = new double[n];
        double[] value = new double[n];
        for (int q = 0; q < n; q++) {
            double along = rnd.nextDouble();
            double[] c = new double[8];
            for (int j = 0; j < 2; j++) {
                double d = rnd.nextDouble(-2.2, 2.2);
                c[4 * j] = j;
                c[4 * j + 1] = Math.exp(-d * d / (2 * 0.55 * 0.55)) / (Math.sqrt(2 * Math.PI) * 0.55);
                c[4 * j + 2] = rnd.nextDouble(-7, 7);
                c[4 * j + 3] = along;
            }
            own.add(c);
            context[q] = rnd.nextInt(10) == 0 ? 0.05 : 0;
            tissue[q] = 40 + rnd.nextGaussian() * 5;
            double steel = c[1] * NeedleEndFit.sliceProfile(c[2] - 0.4, 5, 0.32) + c[5] * NeedleEndFit.sliceProfile(c[6] + 0.3, 5, 0.32);
            value[q] = Math.min(3071, tissue[q] + 25000 * steel + rnd.nextGaussian() * 25);
        }
        NeedleZPairing.Reading reading = new NeedleZPairing.Reading(own, context, table, 2);
        double c2 = NeedleEndFit.ROBUST_HU * NeedleEndFit.ROBUST_HU;
        int within = 0;
        int beyond = 0;
        for (int trial = 0; trial < 100; trial++) {
            double[] x = {Math.log(25000) + rnd.nextDouble(-0.5, 0.5), rnd.nextDouble(-2.5, 2.5), rnd.nextDouble(-2.5, 2.5),
                rnd.nextDouble(-2.5, 2.5), rnd.nextDouble(-2.5, 2.5)};
            double full = reading.misfit(x, tissue, value, 3071, c2, Double.POSITIVE_INFINITY);
            double[] bounds = {full * 0.5, full * 0.99, Math.nextDown(full), full, Math.nextUp(full), full * 1.01, full * 2};
            for (double bound : bounds) {
                double got = reading.misfit(x, tissue, value, 3071, c2, bound);
                if (full <= bound) {
                    assertThat(got).isEqualTo(full);
                    within++;
                } else {
                    assertThat(got).isGreaterThan(bound);
                    beyond++;
                }
            }
        }
        assertThat(within).isEqualTo(400);
        assertThat(beyond).isEqualTo(300);
    }
}
