package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link StrictLog1p} against {@code Math.log1p} (on Java 17 {@code StrictMath.log1p}, fdlibm in native code) bit for bit: no
 * tolerance, for the z fits' and the z pairing's misfits sum it where they summed {@code Math.log1p}, and their answers must
 * not move by an ulp (docs/needles.md, thirtieth round, needlespeed12). Drawn over the misfits' own arguments (r² / c², 0 up to
 * the clip's square over c²), every binade of the doubles, the branches' edges (0.41422, −0.2929, 2⁻²⁹, 2⁻⁵⁴, 2⁵³, the
 * normalisation's √2) and the special values. A single differing bit fails it.
 */
class StrictLog1pTest {

    @Test
    void givesStrictMathsBitsOnTheMisfitsArguments() {
        SplittableRandom rnd = new SplittableRandom(4501);
        double c2 = NeedleEndFit.ROBUST_HU * NeedleEndFit.ROBUST_HU;
        for (int i = 0; i < 400_000; i++) {
            // A residual up to the extended scale's 30 710 HU and beyond, and one of noise's size.
            double r = rnd.nextDouble(-40_000, 40_000);
            same(r * r / c2);
            double noise = rnd.nextDouble(-60, 60);
            same(noise * noise / c2);
        }
    }

    @Test
    void givesStrictMathsBitsOverEveryBinade() {
        SplittableRandom rnd = new SplittableRandom(4789);
        for (int i = 0; i < 600_000; i++) {
            // Any finite double's bits, either sign (below −1 and −1 itself included).
            double x = Double.longBitsToDouble(rnd.nextLong() & 0x7fefffffffffffffL);
            same(x);
            same(-x);
            same(rnd.nextDouble(-1, 1));
            same(rnd.nextDouble(0, 1e6));
        }
    }

    @Test
    void givesStrictMathsBitsAtTheBranchesEdgesAndSpecialValues() {
        double[] edges = {0.41422, 0.414213562373095, Math.sqrt(2) - 1, -0.2929, -0.29289321881345, 1 - Math.sqrt(2) / 2,
            0x1p-29, 0x1p-54, 0x1p53, 0x1p54, Math.sqrt(2), Math.sqrt(2) / 2, 1, 2, 0.5, -0.5, 1e-300, Double.MIN_VALUE,
            Double.MIN_NORMAL, Double.MAX_VALUE, 0x1.6a09ep0, 0x1.6a09ep1, 0x1.6a09ep2};
        for (double e : edges) {
            for (int ulps = -64; ulps <= 64; ulps++) {
                double x = e;
                for (int u = 0; u < Math.abs(ulps); u++) {
                    x = ulps > 0 ? Math.nextUp(x) : Math.nextDown(x);
                }
                same(x);
                same(-x);
            }
        }
        for (double x : new double[] {0.0, -0.0, -1.0, -2.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            same(x);
        }
        assertThat(StrictLog1p.of(Double.NaN)).isNaN();
    }

    private static void same(double x) {
        long expected = Double.doubleToLongBits(Math.log1p(x));
        long got = Double.doubleToLongBits(StrictLog1p.of(x));
        if (got != expected) {
            assertThat(Double.toHexString(Double.longBitsToDouble(got))).as("log1p(%s) [%s]", x, Double.toHexString(x))
                    .isEqualTo(Double.toHexString(Double.longBitsToDouble(expected)));
        }
    }
}
