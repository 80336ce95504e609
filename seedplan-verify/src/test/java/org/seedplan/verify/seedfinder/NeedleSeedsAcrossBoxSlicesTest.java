package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * Two needle seeds of crossing needles at one place in-plane, one in each of two 5 mm box-profile slices, merge into one object
 * fitted as two seeds; the fit's Gaussian blur along z put one of them 3.0 mm (12612, 12-bit) and 4.1 mm (12631, extended scale)
 * from its seed, a miss and a false seed each before the fourteenth round. Each slice holds one fitted seed and one seed's metal,
 * so each seed now lies at its slice's centre ({@link SliceCentring#bySlice}; docs/seed-finder.md, fourteenth round). Scans of the
 * independent bench from the tuning data, with the truth of its generator; scored with the 2.5 mm gate.
 */
class NeedleSeedsAcrossBoxSlicesTest {

    @Test
    void twoNeedleSeedsMergedAcrossTwoBoxSlicesAreBothFound() {
        for (long randomSeed : new long[] {12612, 12631}) {
            int n = (int) (randomSeed % 100);
            SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
            assertThat(IndependentScanMatrix.label(n)).startsWith("5.0 mm BOX");
            SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
            assertThat(m.missingPlanned()).as("%d: seeds not found", randomSeed).isEmpty();
            assertThat(m.extraFound()).as("%d: false seeds", randomSeed).isEmpty();
        }
    }
}
