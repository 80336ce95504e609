package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The z fit's voxel order for its lower bound's pass ({@code NeedleZFit.Misfit.nearFirst}: greatest in-plane weight first),
 * made by a merge sort of the ints instead of a sort of the boxed indices (docs/needles.md, thirty-sixth round, needlespeed18),
 * held to the start commit's boxed stream sort exactly (no tolerance: the order is a permutation, and a voxel moved changes
 * where the bounded misfit stops and the numbers the lower bound's pass leaves for the whole sum): on weights with many ties
 * (where only a stable sort keeps the voxels of one weight in their own order), on weights as the z fit makes them (the
 * voxel's distance across the line, a Gaussian of it), on every length from 0 to 70 (the merge's runs at their ragged ends)
 * and on the signed zeros, infinities and NaN {@code Double.compare} orders.
 */
class NeedleZFitNearFirstTest {

    /** The start commit's order: the boxed indices sorted by the weights, greatest first; a stream's sort is stable. */
    private static int[] boxed(double[] inPlane) {
        return java.util.stream.IntStream.range(0, inPlane.length).boxed()
                .sorted((p, q) -> Double.compare(inPlane[q], inPlane[p])).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void theOrderIsTheBoxedStableSortsOnTiesAndOnEveryLength() {
        SplittableRandom rnd = new SplittableRandom(36018);
        for (int n = 0; n <= 70; n++) {
            for (int round = 0; round < 20; round++) {
                double[] w = new double[n];
                for (int q = 0; q < n; q++) {
                    w[q] = rnd.nextInt(4) * 0.25;
                }
                assertThat(NeedleZFit.Misfit.nearFirst(w)).as("n %d round %d", n, round).isEqualTo(boxed(w));
            }
        }
    }

    @Test
    void theOrderIsTheBoxedStableSortsOnTheFitsOwnWeights() {
        SplittableRandom rnd = new SplittableRandom(5221);
        for (int round = 0; round < 20; round++) {
            int n = 1000 + rnd.nextInt(9000);
            double[] w = new double[n];
            double sxy = 0.4 + rnd.nextDouble();
            for (int q = 0; q < n; q++) {
                // Voxel centres 0.75 mm apart across the line: distances repeat, and so do the weights.
                double d = (rnd.nextInt(10) - 4.5) * 0.75 + (round % 2 == 0 ? 0 : rnd.nextDouble() * 0.01);
                w[q] = Math.exp(-d * d / (2 * sxy * sxy)) / (Math.sqrt(2 * Math.PI) * sxy);
            }
            assertThat(NeedleZFit.Misfit.nearFirst(w)).as("round %d", round).isEqualTo(boxed(w));
        }
    }

    @Test
    void theOrderIsTheBoxedStableSortsOnSpecialValues() {
        double[] w = {0.0, -0.0, Double.NaN, 1.0, Double.POSITIVE_INFINITY, -0.0, 0.0, Double.NaN, Double.NEGATIVE_INFINITY, 1.0,
                Double.MIN_VALUE, -Double.MIN_VALUE};
        assertThat(NeedleZFit.Misfit.nearFirst(w)).isEqualTo(boxed(w));
        assertThat(NeedleZFit.Misfit.nearFirst(w)).startsWith(2, 7, 4, 3, 9);
    }
}
