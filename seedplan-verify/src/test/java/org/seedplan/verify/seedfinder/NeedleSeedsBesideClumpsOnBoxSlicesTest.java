package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.DenseObject;

/**
 * Needle seeds merged with other seeds on 5 mm box slices (docs/seed-finder.md, twenty-fourth round). 16113 (box, extended): a
 * bundle of three in one slice and a needle seed in the next, 3.98 seeds' metal (3.02 and 0.97 slice by slice), whose four-seed
 * fit put the needle seed twice and the bundle as two, 0.0044 of a seed's energy worse than three: the four-seed fit is started
 * again from where each slice's metal puts its seeds. 16130 (box, 12-bit): a needle seed alone and wholly inside the end slice of
 * a three-slice object, fitted 2.96 mm off along z: it goes to its slice's centre. Scans of the independent bench from the seen
 * sets, with the truth of its generator, scored with the 2.5 mm gate; no tolerance: the scans are drawn from their random
 * seeds.
 */
class NeedleSeedsBesideClumpsOnBoxSlicesTest {

    @Test
    void theSeenScansFindEverySeedOfTheirMergedObjectsAndNoFalseSeed() {
        // 16113: 56 of 58 and 2 false at the start commit 753eb52; 16130: 56 of 58 and 1 false (its other miss, a bundle's seed
        // elsewhere, stays).
        long[][] expected = {{16113, 58, 0}, {16130, 57, 0}};
        IndependentScanMatrix.assertFoundAndFalse("5.0 mm BOX", expected);
    }

    /**
     * Drawn on the bench (5 mm box slices, extended scale, centred at z = ±2.5, ±7.5 … mm) in 16113's poses: a bundle of three
     * parallel seeds tilted 14° out of the slices' plane lying in the slice at z = −12.5 (0.1–0.9 mm below its centre) and a needle
     * seed tilted 28° out of it 1.59 mm above the centre of the slice above, 0.7 mm from the bundle's axis in-plane;
     * 24 isolated seeds 11 mm apart teach the finder the scan's seed image. All four are found within the 2.5 mm gate, no
     * false seed. This passes at the start commit too: on 16 noise draws of this scene the four-seed fit came out better than three,
     * so the retry is not asked (16113's failed search needs its own scan, which the first test runs); it guards the other side,
     * that a right four beside each other in two slices stays four, each in its slice.
     */
    @Test
    void aBundleOfThreeInOneBoxSliceWithANeedleSeedInTheNextIsCountedAsFour() {
        Vec3 dir = new Vec3(0.920, -0.310, 0.240).normalized();
        List<Vec3> truth = new ArrayList<>(List.of(new Vec3(-38.61, -12.10, -13.10), new Vec3(-37.95, -11.55, -13.43),
                new Vec3(-38.30, -11.43, -12.65)));
        List<DenseObject> objects = new ArrayList<>();
        truth.forEach(p -> objects.add(DenseObject.seed(p, dir)));
        Vec3 needle = new Vec3(-37.23, -11.81, -5.91);
        truth.add(needle);
        objects.add(DenseObject.seed(needle, new Vec3(0.071, 0.880, -0.470).normalized()));
        SeedFinding f = IsolatedSeedsOnBoxSlices.find(truth, objects, -10);
        SeedMatching m = new SeedMatcher(IndependentScanMatrix.MATCH_GATE_MM).match(truth, IndependentScanMatrix.found(f));
        assertThat(m.missingPlanned()).as("seeds not found (0-2: the bundle, 3: the needle seed)").isEmpty();
        assertThat(m.extraFound()).as("false seeds").isEmpty();
    }
}
