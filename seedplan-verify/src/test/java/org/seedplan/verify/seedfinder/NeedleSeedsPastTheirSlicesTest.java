package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * Two needle seeds one after another, one near each outer boundary of two 5 mm Gaussian slices, merge into one object of two seeds'
 * metal; the fit of two lays them in their places, one centre a hair past the object's upper boundary (all-implant 4417, 5 mm
 * Gaussian extended, seen since the thirty-ninth round's fresh draw). Refused as lying outside their slices, the count stayed one and
 * the object, judged against one seed's length, was taken for a rod (a clip's legs) with no self-check line. Now a seed counts as in
 * its slices where the image places it as well at the boundary ({@code SeedFinder.inItsSlices}), and an object counted one, taken
 * for a rod, whose metal reads two seeds or more is named (docs/seed-finder.md, fortieth round, seedneedle22).
 */
class NeedleSeedsPastTheirSlicesTest {

    @Test
    void twoNeedleSeedsAtTheOuterBoundariesOfTwoThickSlicesAreFoundNotTakenForARod() {
        SimulatedPostOpScan s = IndependentScanMatrix.allImplants(4417, 17);
        SeedFinding f = new SeedFinder().find(s.ct());
        SeedMatching m = IndependentScanMatrix.score(s, f, new MatchTally());
        // Before: 57 of 59, the two needle seeds at (-18.9, -9.7, 4.3) and (-19.2, -12.4, -4.3) mm lost in a 29 mm³ object
        // rejected as other metal. A bench scan is drawn from its random seed: the finder's answer is exact, no tolerance.
        for (Vec3 needle : List.of(new Vec3(-18.9, -9.7, 4.3), new Vec3(-19.2, -12.4, -4.3))) {
            assertThat(f.seeds()).as("a found seed within the scoring gate of the needle seed at %s", needle)
                    .anyMatch(x -> x.centreMm().distanceTo(needle) <= IndependentScanMatrix.MATCH_GATE_MM);
        }
        assertThat(m.matches()).as("seeds found").hasSize(59);
        assertThat(m.extraFound()).as("false seeds").isEmpty();
        assertThat(f.rejected()).as("no other metal where the two seeds lie")
                .noneMatch(r -> r.reason() == RejectedObject.Reason.OTHER_METAL && r.centreMm().distanceTo(new Vec3(-19.1, -11.3, -0.3)) < 2);
    }

    @Test
    void anObjectCountedOneTakenForARodHoldingTwoSeedsMetalIsNamedWhereItLies() {
        RejectedObject rod = new RejectedObject(new Vec3(-19.1, -11.3, -0.3), 29, 2724, RejectedObject.Reason.OTHER_METAL,
                MetalShape.UNKNOWN, 10);
        List<String> lines = SelfCheck.of(null, Double.NaN, List.of(new FoundSeed(new Vec3(0, 0, 0), new Vec3(1, 0, 0), 0.9, 1)),
                List.of(), 0, List.of(rod), List.of(), List.of(new SelfCheck.MetalHoldingSeeds(rod, 2, rod.centreMm(),
                        SelfCheck.MetalHoldingSeeds.Kind.LONGER_THAN_ONE_SEED)), null, OptionalInt.empty());
        assertThat(lines).anyMatch(l -> l.startsWith("METAL MAY HOLD SEEDS: the ") && l.contains("10 mm long, 29 mm³")
                && l.contains("longer than one seed and not counted, but holds about 2 seeds' metal near (-19.1, -11.3, -0.3) mm"));
    }
}
