package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * Two seeds side by side lying across the boundary of two 5 mm box-profile slices (seen scans 14713, box extended, 0.04 mm from
 * the boundary; 14412, box 12-bit; 14231, box extended) merge into one object fitted as one seed in each slice, each slice reading
 * one seed's metal. Before the twenty-first round {@link SliceCentring#bySlice} sent both to their slices' centres, about 2.6 mm
 * from the truth: two misses and two false seeds per scan. The metal of two box slices cannot tell such a pair from one seed at
 * each slice's centre, so each seed now lies halfway between its slice's centre and the boundary (1.25 mm off under either
 * reading) and the self-check names the pair. Scans of the independent bench from the seen sets, with the truth of its generator;
 * scored with the 2.5 mm gate.
 */
class SideBySidePairsAcrossBoxSlicesTest {

    @Test
    void aSideBySidePairAcrossABoxSliceBoundaryIsFoundAndNamed() {
        for (long randomSeed : new long[] {14713, 14412, 14231}) {
            int n = (int) (randomSeed % 100);
            SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
            assertThat(IndependentScanMatrix.label(n)).startsWith("5.0 mm BOX");
            SeedFinding f = new SeedFinder().find(s.ct());
            SeedMatching m = IndependentScanMatrix.score(s, f, new MatchTally());
            List<TrueSeed> missedPairs = m.missingPlanned().stream().map(i -> s.seeds().get(i))
                    .filter(t -> t.situation() == TrueSeed.Situation.SIDE_BY_SIDE).toList();
            assertThat(missedPairs).as("%d: side-by-side seeds not found", randomSeed).isEmpty();
            assertThat(f.selfCheck()).as("%d: the pair named", randomSeed)
                    .anyMatch(l -> l.startsWith("SEED PLACE ALONG Z UNSURE: the two seeds counted near"));
        }
    }
}
