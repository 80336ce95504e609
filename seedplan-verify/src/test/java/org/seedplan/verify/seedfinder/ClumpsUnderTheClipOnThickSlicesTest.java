package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * Clumps of three on 12-bit slices of 3 mm or more whose image counts three and whose clipped metal reads two: the 12-bit clip hides
 * the third seed's metal behind the other two's, so the metal reads 0.52-0.60 a seed for three, under
 * {@link SeedFinder#MIN_CONTENT_PER_SEED}; where the image's three fitted seeds lie within {@link SeedFinder#CHAIN_CLUMP_SPREAD_MM}
 * of each other, as a clump's do, the metal does not lower the count (docs/seed-finder.md, thirty-first round, seedclump13). Exact
 * counts, no tolerance: the scans are drawn by the independent scanner bench from fixed random seeds; a seed is found within the
 * issue's gate, {@value IndependentScanMatrix#MATCH_GATE_MM} mm.
 */
class ClumpsUnderTheClipOnThickSlicesTest {

    @Test
    void benchClumpsTheClippedMetalLoweredAreThree() {
        // Seen 5 mm 12-bit scans whose clump the image counted three and the metal lowered to two, a seed lost: 19012 (box; the third
        // seed 1.25 times its bar; 1.56 seeds' metal, 0.52 a seed; fitted within 0.89 mm) and 18932 (triangle; 1.00 times its bar;
        // 1.69 seeds, 0.56 a seed; 0.90 mm). At the start commit 57 and 56 of 58 (18932's other miss is a seed touching bone, not
        // this rule's: counted at its named piece since the thirty-fourth round, seedbone15, so 58); false seeds as there (19012's
        // two lie in an object of five, not the clump's).
        long[][] matrix = {{19012, 58, 2}, {18932, 58, 0}};
        for (long[] e : matrix) {
            int n = (int) (e[0] % 100);
            SimulatedPostOpScan s = IndependentScanMatrix.scan(e[0], n);
            assertThat(IndependentScanMatrix.scale(n)).isEqualTo(HuScale.CLIPPED_12_BIT);
            assertThat(IndependentScanMatrix.sliceMm(n)).isEqualTo(5.0);
            assertCounts(e, s, IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally()));
        }
        // All-implant 2614 (5 mm triangle 12-bit; fitted within 0.71 mm) and 3516 (5 mm Gaussian 12-bit; 1.81 mm): 58 of 59 each at
        // the start commit, the clump's seed lost the same way.
        long[][] allImplant = {{2614, 59, 0}, {3516, 59, 0}};
        for (long[] e : allImplant) {
            int n = (int) (e[0] % 100) % 18;
            SimulatedPostOpScan s = IndependentScanMatrix.allImplants(e[0], n);
            assertThat(IndependentScanMatrix.sliceMm(n)).isEqualTo(5.0);
            assertCounts(e, s, IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally()));
        }
    }

    @Test
    void threesFittedWideAreStillLoweredByTheMetal() {
        // The nearest objects the metal lowers rightly from three to two on the seen 5 mm 12-bit scans, left to it: 14716 (Gaussian: a
        // seed touching bone fitted as three 3.79 mm apart, 0.79 mm over the bar), 16412 (box: an end-to-end pair, 5.79 mm, and a
        // needle seed's object, 7.94 mm) and 12812 (box: an end-to-end pair, 5.86 mm). Found and false as at the start commit, but
        // 14716's seed touching bone, lowered to two by the metal, is counted once since the thirty-second round (seedbone14: the
        // metal of a core split off bone read without its tail touching the bone), one false seed fewer.
        long[][] expected = {{14716, 58, 1}, {16412, 58, 0}, {12812, 57, 0}};
        for (long[] e : expected) {
            int n = (int) (e[0] % 100);
            SimulatedPostOpScan s = IndependentScanMatrix.scan(e[0], n);
            SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
            assertThat(m.matches()).as("%d: found", e[0]).hasSize((int) e[1]);
            assertThat(m.extraFound()).as("%d: false seeds", e[0]).hasSize((int) e[2]);
        }
    }

    private static void assertCounts(long[] e, SimulatedPostOpScan s, SeedMatching m) {
        assertThat(m.missingPlanned().stream().map(i -> s.seeds().get(i).situation()))
                .as("%d: clump seeds missed", e[0]).doesNotContain(TrueSeed.Situation.CLUMP);
        assertThat(m.matches()).as("%d: found", e[0]).hasSize((int) e[1]);
        assertThat(m.extraFound()).as("%d: false seeds", e[0]).hasSize((int) e[2]);
    }
}
