package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * Bundles of three seeds on extended-scale scans read as two before the eighteenth round (docs/seed-finder.md), on seen matrix scans
 * of the independent bench: the bundle's metal, read unclipped, is three seeds', while its image, fitted through the 12-bit window
 * with its shoulders darkened by the bench's beam-hardening bands, barely tells three from two.
 */
class BundlesOnExtendedScalesTest {

    @Test
    void aBundleWhoseUnclippedMetalReadsThreeIsThreeWhereTheImageBarelyObjects() {
        // 13801 (1.25 mm box), 13525 (2.5 mm box), 14031 (5 mm box), all extended: the metal read unclipped is 2.92, 2.96 and 3.09
        // seeds, and the 3-seed fit leaves 0.0046, 0.0003 and 0.0012 of a seed's image energy more misfit than the 2-seed fit (the
        // rule before asked it to leave less). The bar a further seed must clear on the image alone is 0.020-0.024 there; the rule
        // takes the third seed unless the image objects by more than that bar.
        for (long randomSeed : new long[] {13801, 13525, 14031}) {
            int n = (int) (randomSeed % 100);
            assertThat(IndependentScanMatrix.scale(n)).isEqualTo(HuScale.EXTENDED);
            assertEveryClumpSeedFoundAndNoFalseSeed(randomSeed, n);
        }
    }

    /** Matrix scan {@code n} drawn from {@code randomSeed}: no seed of its bundle missed, no false seed. */
    private static void assertEveryClumpSeedFoundAndNoFalseSeed(long randomSeed, int n) {
        SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
        SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
        assertThat(m.missingPlanned().stream().map(i -> s.seeds().get(i).situation()).toList())
                .as("%d %s: situations of the seeds not found", randomSeed, IndependentScanMatrix.label(n))
                .doesNotContain(TrueSeed.Situation.CLUMP);
        assertThat(m.extraFound()).as("%d: false seeds", randomSeed).isEmpty();
    }
}
