package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * A seed touching the vertebra's cortex on 5 mm slices is averaged with the bone through the slice: it joins the bone's object,
 * and split off it at the seeds' peak level only a voxel or two of its core stay, too small or too light for a seed. It is not
 * counted, but since the fourteenth round the self-check names such an object where it peaks at least {@value
 * SeedFinder#PEAK_BESIDE_BONE} of the way to the metal level (METAL MAY HIDE A SEED), while the pieces split off a screw's object
 * (0.65-0.68 of the way on the 5 mm 12-bit screw scans) stay unnamed; since the nineteenth round also where it rises {@value
 * SeedFinder#RISE_ABOVE_BONE} of the way above the bone beside it (the screw's pieces rise at most 0.149). Scans of the independent
 * bench from the tuning data (docs/seed-finder.md, fourteenth and nineteenth rounds), with the truth of its generator.
 */
class SeedsTouchingBoneOnThickSlicesTest {

    @Test
    void aSeedTouchingBoneLostInItOnThickSlicesIsNamed() {
        // 12616 (Gaussian) and 12832 (triangle): a seed touching the cortex missed, a two-voxel piece of it split off the bone.
        for (long randomSeed : new long[] {12616, 12832}) {
            Scan s = scan(randomSeed);
            List<TrueSeed> missed = s.matching.missingPlanned().stream().map(i -> s.scan.seeds().get(i))
                    .filter(t -> t.situation() == TrueSeed.Situation.TOUCHING_BONE).toList();
            assertThat(missed).as("%d: the seed touching bone is still missed (not counted)", randomSeed).hasSize(1);
            List<String> named = s.lines.stream().filter(l -> l.startsWith("METAL MAY HIDE A SEED: a small object split off bone")).toList();
            assertThat(named).as("%d: lines naming an object split off bone", randomSeed).hasSize(1);
            Vec3 at = BundlesOnClippedScansTest.near(named.get(0));
            assertThat(at.minus(missed.get(0).centreMm()).norm()).as("%d: named place to the missed seed, mm", randomSeed)
                    .isLessThanOrEqualTo(IndependentScanMatrix.MATCH_GATE_MM);
        }
    }

    @Test
    void aSeedTouchingBoneInSlicesDarkenedByAScrewsBandsIsNamedByItsRiseAboveTheBone() {
        // 14214 (triangle): the seed lies 2.3 mm from its slice's centre, half in each slice, where the screw's dark bands darken the
        // cortex to about 1400 HU; the 2-voxel piece it leaves above the split level peaks at 2150 HU, 0.696 of the way (under the
        // 0.7), and 0.244 of the way above the bone beside it (the bar 0.2; the screw's pieces rise at most 0.149). Named since the
        // nineteenth round, 2.4 mm from the seed along z (the match gate 2.5 mm: the piece lies in the slice past the boundary).
        Scan s = scan(14214);
        List<TrueSeed> missed = s.matching.missingPlanned().stream().map(i -> s.scan.seeds().get(i))
                .filter(t -> t.situation() == TrueSeed.Situation.TOUCHING_BONE).toList();
        assertThat(missed).as("the seed touching bone is still missed (not counted)").hasSize(1);
        List<String> named = s.lines.stream().filter(l -> l.startsWith("METAL MAY HIDE A SEED: a small object split off bone")).toList();
        assertThat(named).as("lines naming an object split off bone").hasSize(1);
        assertThat(BundlesOnClippedScansTest.near(named.get(0)).minus(missed.get(0).centreMm()).norm())
                .as("named place to the missed seed, mm").isLessThanOrEqualTo(IndependentScanMatrix.MATCH_GATE_MM);
    }

    @Test
    void aSeedTouchingBoneWhoseHalfStandsOverSoftTissueInTheCleanNextSliceIsNamed() {
        // 18016 (Gaussian): the seed lies in-plane 2.42 mm from its slice's centre, across the boundary of two slices the screw's
        // bands darken (the lower crushed to -1020 HU, the upper's cortex to 700-1050 HU); its half in the upper peaks at 1565 HU,
        // under the split level (2009 HU) and 0.19 of the way above the darkened bone (under inDarkenedSlice's 0.27): lost with no
        // line before the twenty-eighth round. Two of that half's voxels (1290, 1300 HU) stand over soft tissue (-10, 50 HU) in the
        // clean slice above, which shows the cortex at 1800 HU beside them: named since (seedbone10), 2.4 mm from the seed along z
        // (the match gate 2.5 mm).
        Scan s = scan(18016);
        List<TrueSeed> missed = s.matching.missingPlanned().stream().map(i -> s.scan.seeds().get(i))
                .filter(t -> t.situation() == TrueSeed.Situation.TOUCHING_BONE).toList();
        assertThat(missed).as("the seed touching bone is still missed (not counted)").hasSize(1);
        List<String> named = s.lines.stream().filter(l -> l.startsWith("METAL MAY HIDE A SEED: a small piece of bone's object")
                && l.contains("stands over soft tissue in the next slice")).toList();
        assertThat(named).as("lines naming a piece over soft tissue in the next slice").hasSize(1);
        assertThat(BundlesOnClippedScansTest.near(named.get(0)).minus(missed.get(0).centreMm()).norm())
                .as("named place to the missed seed, mm").isLessThanOrEqualTo(IndependentScanMatrix.MATCH_GATE_MM);
    }

    @Test
    void piecesSplitOffAScrewsObjectOnThickSlicesAreNotNamed() {
        // 12632 (triangle, 12-bit): a piece of 9.6 mm³ split off the screw's object, peaking at 2087 HU (0.68 of the way), and no
        // seed touching bone lost; 12614's seed touching bone leaves nothing above the split level and its screw's piece 2085 HU.
        // Against the bone beside them the screw's pieces rise 0.081 and 0.091 of the way (under the nineteenth round's 0.2).
        for (long randomSeed : new long[] {12632, 12614}) {
            assertThat(scan(randomSeed).lines).as("%d: self-check", randomSeed).noneMatch(l -> l.startsWith("METAL MAY"));
        }
    }

    private record Scan(SimulatedPostOpScan scan, SeedMatching matching, List<String> lines) {
    }

    private static Scan scan(long randomSeed) {
        int n = (int) (randomSeed % 100);
        SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
        assertThat(IndependentScanMatrix.label(n)).startsWith("5.0 mm").endsWith("CLIPPED_12_BIT");
        SeedFinding f = new SeedFinder().find(s.ct());
        return new Scan(s, IndependentScanMatrix.score(s, f, new MatchTally()), f.selfCheck());
    }
}
