package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * A lone seed whose object lies in one 5 mm triangle or Gaussian slice, fitted 1.4-2.8 mm off the slice's centre on the wrong side
 * and tilted, with less than 0.7 of the object's signal explained: a beam-hardening band through the seed's tail in the neighbouring
 * slice (or a streak in the other) moved the fit. Before the fifteenth round a miss and a false seed each; now at the slice's centre
 * ({@link SliceCentring#unsupportedInOneSlice}; docs/seed-finder.md, fifteenth round). Scans of the independent bench from the tuning
 * data, with its generator's truth; scored with the 2.5 mm gate.
 */
class OneSliceSeedsOnThickSlicesTest {

    @Test
    void aLoneSeedInOneThickSliceFittedOffCentreAndPoorlyExplainedIsFoundAtTheSlicesCentre() {
        // 13114: triangle 12-bit, the needle seed 1.47 mm below its slice's centre was fitted 1.96 mm above it (explained 0.585);
        // 12814: triangle 12-bit, 1.20 mm above, fitted 1.46 mm below (0.628); 12817: Gaussian extended, 2.07 mm below, fitted
        // 2.76 mm above, outside the object's slice (0.417).
        long[] scans = {13114, 12814, 12817};
        Vec3[] seeds = {new Vec3(-9.85, -7.06, 6.03), new Vec3(-18.96, -3.49, -1.30), new Vec3(-28.26, -16.83, 0.43)};
        for (int q = 0; q < scans.length; q++) {
            int n = (int) (scans[q] % 100);
            SimulatedPostOpScan s = IndependentScanMatrix.scan(scans[q], n);
            assertThat(IndependentScanMatrix.label(n)).startsWith("5.0 mm").doesNotContain("BOX");
            SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
            Vec3 at = seeds[q];
            int seed = java.util.stream.IntStream.range(0, s.seeds().size())
                    .filter(i -> s.seeds().get(i).centreMm().minus(at).norm() < 0.15).findFirst().orElseThrow();
            assertThat(m.missingPlanned()).as("%d: the seed at %s missed", scans[q], s.seeds().get(seed).centreMm()).doesNotContain(seed);
        }
    }

    @Test
    void aLoneNeedleSeedFittedExactlyTheBarOffItsSlicesCentreIsFoundAtTheCentre() {
        // Seen 20716 (5 mm Gaussian 12-bit; the fortieth round's fresh draw): a needle seed 1.20 mm above its slice's centre, alone in
        // an object of one slice, fitted 1.30 mm below it (lung in the slice above hides its tail there; a seed of another needle
        // 1.4 mm off in-plane two slices down leaves its tail, up to 1012 HU, in the slice below), tilted (axis z 0.63), explained
        // 0.590: at the rule's bar, read under it by the arithmetic's rounding, so neither
        // centred nor named; a miss and a false seed 2.50 mm off. Now centred, 1.2 mm off: found. The false seed left is a piece of
        // bone by the screw counted by the thirty-fourth round's rule (docs/seed-finder.md, forty-second round, seedneedle24).
        // No tolerance: the scan is drawn from its random seed. At the start commit 57 found, 2 false.
        IndependentScanMatrix.assertFoundAndFalse("5.0 mm GAUSSIAN CLIPPED", new long[][] {{20716, 58, 1}});
    }
}
