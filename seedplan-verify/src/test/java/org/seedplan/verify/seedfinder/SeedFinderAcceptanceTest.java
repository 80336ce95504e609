package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.phantom.PhantomSpec;
import org.seedplan.verify.phantom.PostOpPhantom;
import org.seedplan.verify.phantom.SeedPose;

/**
 * The verification issue's acceptance on the synthetic post-op phantoms: per slice thickness,
 * three independent phantoms of 70 seeds (each with two touching end-to-end pairs, two clumps of
 * three side by side, bone, calcifications, a screw, streaks and noise) are measured against
 * their ground truth.
 */
class SeedFinderAcceptanceTest {

    /** A found seed counts as the true seed only within 2.5 mm: half a seed length, well beyond the centre errors measured. */
    private static final double MATCH_GATE_MM = 2.5;

    /**
     * Each slice thickness is held to the accuracy docs/verify.md reports for these phantoms (test set,
     * random seeds 1000–1002), at the precision printed there: found share to 0.1 %, false seeds per 100
     * to 0.01, mean centre error to 0.01 mm (so 0.07 mm allows up to 0.075 mm). All are well inside the
     * issue's acceptance (≥ 99 % found, ≤ 1 false per 100, ≤ 0.5 mm).
     */
    @ParameterizedTest(name = "{0} mm slices: found ≥ {1}, false per 100 ≤ {2}, mean error ≤ {3} mm")
    @CsvSource({
            "1.25, 0.9945, 0.005, 0.075",
            "2.5, 0.9995, 0.005, 0.085",
            "5.0, 0.9995, 0.485, 0.245",
    })
    void findsSeedsWithTheDocumentedAccuracy(double sliceMm, double minFound, double maxFalsePer100, double maxMeanErrorMm) {
        int truth = 0;
        int found = 0;
        int falses = 0;
        double errorSum = 0;
        boolean sawPair = false;
        boolean sawClump = false;
        for (long seed = 1000; seed < 1003; seed++) {
            PostOpPhantom ph = PostOpPhantom.generate(PhantomSpec.standard(sliceMm, seed));
            SeedFinding f = new SeedFinder().find(ph.ct());
            List<Vec3> t = ph.seeds().stream().map(SeedPose::centreMm).toList();
            SeedMatching m = new SeedMatcher(MATCH_GATE_MM).match(t, f.seeds().stream().map(FoundSeed::centreMm).toList());
            truth += t.size();
            found += m.matches().size();
            falses += m.extraFound().size();
            errorSum += m.matches().stream().mapToDouble(x -> x.distanceMm()).sum();
            sawPair |= ph.seeds().stream().anyMatch(s -> s.arrangement() == SeedPose.Arrangement.TOUCHING_PAIR);
            sawClump |= ph.seeds().stream().anyMatch(s -> s.arrangement() == SeedPose.Arrangement.CLUMP_OF_THREE);
            // The screw in the vertebra (a 5 × 35 mm rod, about 690 mm³; a seed shows as about 20 mm³) is metal
            // but not seeds: it must be reported, not dropped silently.
            assertThat(f.rejected()).anyMatch(r -> r.reason() == RejectedObject.Reason.OTHER_METAL && r.volumeMm3() > 300);
        }
        assertThat(sawPair && sawClump).as("phantoms contain touching pairs and clumps").isTrue();
        assertThat(truth).isEqualTo(210);
        assertThat(found / (double) truth).as("share of seeds found").isGreaterThanOrEqualTo(minFound);
        assertThat(100.0 * falses / truth).as("false seeds per 100").isLessThanOrEqualTo(maxFalsePer100);
        assertThat(errorSum / found).as("mean centre error, mm").isLessThanOrEqualTo(maxMeanErrorMm);
    }
}
