package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * Clumps of three on 12-bit scans with slices under 3 mm whose third seed hides in the saturated core: beam hardening's bands read
 * three (the fifteenth round's test) while the image without the bands fits three a hair worse than two. The bands' test is now
 * asked where the plain image objects by less than {@link SeedFinder#BANDED_THIRD_OBJECTION_SHARE} of the bar for a further seed
 * (docs/seed-finder.md, twenty-sixth round, seedclump7). Exact counts: the scans are drawn from fixed random seeds.
 */
class ClumpsReadByTheirBandsOnThinSlicesTest {

    @Test
    void benchClumpsTheBandsReadAreThree() {
        // Seen 2.5 mm 12-bit scans (16208 and 17226 triangle, 17106 box) whose clump was counted two at the start commit (one clump
        // seed missed each: 57 of 58): without the bands the third seed lies 0.011, 0.007 and 0.000 of a seed's energy worse than
        // two, under half the further seed's bar (0.0135, 0.010, 0.010); with the bands it gains more than the bar. All 58 found.
        for (long randomSeed : new long[] {16208, 17106, 17226}) {
            int n = (int) (randomSeed % 100);
            SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
            assertThat(IndependentScanMatrix.scale(n)).isEqualTo(HuScale.CLIPPED_12_BIT);
            assertThat(IndependentScanMatrix.sliceMm(n)).isEqualTo(2.5);
            SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
            List<TrueSeed> missedClump = m.missingPlanned().stream().map(i -> s.seeds().get(i))
                    .filter(t -> t.situation() == TrueSeed.Situation.CLUMP).toList();
            assertThat(missedClump).as("%d: clump seeds missed", randomSeed).isEmpty();
            assertThat(m.matches()).as("%d: seeds found", randomSeed).hasSize(s.seeds().size());
        }
    }

    @Test
    void benchPairsTheImageObjectsToStayTwo() {
        // Seen 2.5 mm 12-bit scans holding an object counted two that the bands alone would read as three: 16424's end-to-end pair
        // (box; banded gain 0.029 over the bar 0.021, but 0.021 of a seed's energy worse without the bands, over half the bar,
        // 0.0105) and 16228's (Gaussian; 0.026 over 0.020, 0.138 worse), and 16810's side-by-side pair (Gaussian; the image agrees,
        // +0.012, the banded gain 0.020 not over the bar): every seed found, none false, as at the start commit.
        for (long randomSeed : new long[] {16424, 16228, 16810}) {
            int n = (int) (randomSeed % 100);
            SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
            assertThat(IndependentScanMatrix.sliceMm(n)).isEqualTo(2.5);
            SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
            assertThat(m.matches()).as("%d: seeds found", randomSeed).hasSize(s.seeds().size());
            assertThat(m.extraFound()).as("%d: false seeds", randomSeed).isEmpty();
        }
    }
}
