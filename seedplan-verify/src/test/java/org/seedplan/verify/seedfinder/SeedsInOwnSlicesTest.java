package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An object's metal read slice by slice counting the seeds of a needle's strand that stand each in a thick slice of its own
 * ({@link SeedFinder#seedsInOwnSlices}; docs/seed-finder.md, thirtieth round, seedneedle12). Synthetic readings, in seeds per slice;
 * the count is a whole number from rounding each slice, so the cases sit either side of a slice's half seed, with no tolerance. And
 * the seen scan it was made for, 18612 (5 mm box 12-bit, the twenty-ninth round's fresh draw): scored with the 2.5 mm gate;
 * no tolerance, a scan is drawn from its random seed.
 */
class SeedsInOwnSlicesTest {

    @Test
    void aSteepStrandThroughAlternateSlicesCountsOneSeedInEach() {
        // 18612's strand of three over five 5 mm box slices: 2.33 seeds in all rounds to two.
        assertThat(SeedFinder.seedsInOwnSlices(new double[] {0.72, 0.18, 0.61, 0.16, 0.66})).isEqualTo(3);
        assertThat(SeedFinder.seedsInOwnSlices(new double[] {0.72, 0.18, 0.61})).as("two of them").isEqualTo(2);
        assertThat(SeedFinder.seedsInOwnSlices(new double[] {0.1, 0.72, 0.18, 0.61, 0.0})).as("tails in the end slices").isEqualTo(2);
        assertThat(SeedFinder.seedsInOwnSlices(new double[] {0.72, 0.49, 0.61})).as("a gap of 0.49 rounds to none").isEqualTo(2);
    }

    @Test
    void oneSeedOrSeedsSharingSlicesAreNotCountedSo() {
        assertThat(SeedFinder.seedsInOwnSlices(new double[] {0.55, 0.55})).as("one seed across a boundary").isZero();
        assertThat(SeedFinder.seedsInOwnSlices(new double[] {0.3, 0.9, 0.2})).as("one seed").isZero();
        assertThat(SeedFinder.seedsInOwnSlices(new double[] {0.72, 0.51, 0.61})).as("the slice between reads a seed").isZero();
        assertThat(SeedFinder.seedsInOwnSlices(new double[] {0.7, 0.6, 0.1})).as("two slices side by side").isZero();
        assertThat(SeedFinder.seedsInOwnSlices(new double[] {1.6, 0.1, 0.9})).as("a pair in one slice").isZero();
        assertThat(SeedFinder.seedsInOwnSlices(new double[] {0.2, 0.3, 0.2})).as("no seed standing alone").isZero();
    }

    @Test
    void theSteepStrandOf18612FindsItsThreeSeeds() {
        // At the start commit f0ac4ab: 55 of 58 and 2 false. Its strand of three, one object over five box slices, was fitted as one
        // seed and rejected as a wire (one seed read out of it); counted three, two seeds more are found. Left: a needle's end seed
        // across a box boundary fitted as two and rejected, and the two false seeds of another strand fitted as five.
        IndependentScanMatrix.assertFoundAndFalse("5.0 mm BOX", new long[][] {{18612, 57, 2}});
    }
}
