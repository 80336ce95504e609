package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * A side-by-side pair counted three: the fit of two from the blob's starts stops short of the pair, a third seed takes part of the
 * partner's image and clears its bar. Fitted from the one-seed fit's axis ({@code BlobCount.besideOne}) the pair explains that part
 * itself and the third seed is left next to nothing (docs/seed-finder.md, twenty-seventh round, seedfalse9). Exact counts: the bench
 * scans are drawn from their random seeds, so the finder's answer is exact; places within the bench's 2.5 mm match gate.
 */
class PairsCountedThreeTest {

    @Test
    void sideBySidePairsOnThinClippedSlicesAreTwo() {
        // Seen 2.5 mm 12-bit scans, each with one false seed at the start commit a5b2b9c1 (58 of 58 found, 1 false): the pair's
        // object fitted three, the false seed 0.50-0.92 mm from a seed of the pair. From the one-seed start the fit of two is better
        // by 1.28-2.56 of the bar for a second seed (the rule asks 0.5), its seeds 0.80-0.89 mm apart across their axes, and the third
        // seed lowers its misfit by 0.073 of the further seed's bar or less (17426; the rule asks under 0.3).
        for (long randomSeed : new long[] {17426, 17428, 17608, 17828}) {
            int n = (int) (randomSeed % 100);
            assertThat(IndependentScanMatrix.scale(n)).isEqualTo(HuScale.CLIPPED_12_BIT);
            assertThat(IndependentScanMatrix.sliceMm(n)).isEqualTo(2.5);
            allFoundNoneFalse(randomSeed, n);
        }
    }

    @Test
    void clumpsOfThreeTheRuleAsksStayThree() {
        // Seen 12-bit scans with a clump of three the rule asks and leaves at three (all 58 found, none false, as at the start
        // commit): 17924 (2.5 mm box; its third seed lowers the one-seed start's fit of two by 0.604 of the further seed's bar, the
        // lowest of the clumps fitted better from that start by more than 0.5 of the second seed's bar: 0.30 over the 0.3) and 17928
        // (2.5 mm Gaussian; that start fits 1.471 of the bar better, the third still 0.809), and 17620 (1.25 mm, a clump counted by
        // its plateau whose third seed that start leaves at -0.125, held by the gain bar alone: 0.322 against 0.5).
        for (long randomSeed : new long[] {17924, 17928, 17620}) {
            int n = (int) (randomSeed % 100);
            assertThat(IndependentScanMatrix.scale(n)).isEqualTo(HuScale.CLIPPED_12_BIT);
            allFoundNoneFalse(randomSeed, n);
        }
    }

    @Test
    void clumpsWhoseBlobFitOfThreeStoppedShortStayThree() {
        // Seen 12-bit 2.5 mm scans, each with a clump of three in one object that the image counts three and the metal two, and at
        // the start commit 9fc80bba a clump's seed missed (57 of 58, none false) and named by no self-check line: the one-seed
        // start's fit of two beat the blob's by 0.95 (20710, Gaussian) and 1.30 (20526, triangle) of the bar for a second seed
        // (the rule asks over 0.5), its seeds 0.76 and 0.96 mm apart across, and the blob's fit of three, stopped with its seeds
        // steep across the clump's flat axis, lowered it by 0.146 and 0.051 of the further seed's bar (under the 0.3: two). Fitted
        // from that pair with one of its seeds split in two side by side, the third seed lowers it by 0.624 and 1.766: three, all 58
        // found, none false (docs/seed-finder.md, forty-first round, seedclump23). Exact counts: the scans are drawn from their
        // random seeds; places within the bench's 2.5 mm match gate.
        for (long randomSeed : new long[] {20710, 20526}) {
            int n = (int) (randomSeed % 100);
            assertThat(IndependentScanMatrix.scale(n)).isEqualTo(HuScale.CLIPPED_12_BIT);
            assertThat(IndependentScanMatrix.sliceMm(n)).isEqualTo(2.5);
            allFoundNoneFalse(randomSeed, n);
        }
    }

    /** Scan {@code n} of the matrix drawn from {@code randomSeed}: every seed found, no false seed. */
    private static void allFoundNoneFalse(long randomSeed, int n) {
        SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
        SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
        assertThat(m.matches()).as("%d: seeds found", randomSeed).hasSize(s.seeds().size());
        assertThat(m.extraFound()).as("%d: false seeds", randomSeed).isEmpty();
    }
}
