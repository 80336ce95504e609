package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SliceProfile;

/**
 * Two seeds side by side lying steeply through thick 12-bit slices, which the image and the metal both counted as one: the two-seed
 * fit lays two steep seeds side by side, the second explaining {@link SeedFinder#STEEP_PAIR_GAIN_SHARE} of the image's bar or more, and
 * the object holds {@link SeedFinder#STEEP_PAIR_METAL_SEEDS} seeds' metal or more: two (docs/seed-finder.md, twenty-sixth round,
 * seedpair7). Exact counts: the scans are drawn or rendered from fixed random seeds.
 */
class SteepPairsOnThickClippedSlicesTest {

    @Test
    void benchSteepPairsCountedOneAreTwoAndSingleSeedsStayOne() {
        // The three steep pairs of the seen 5 mm 12-bit scans counted one at the start commit (each scan a seed short: 57, 57, 56):
        // 17212 box, 17132 triangle, 17316 Gaussian (its other miss, a seed touching bone, named in its darkened slice, is counted at
        // that piece since the thirty-fourth round, seedbone15: 58). Beside them the scans where the gain-and-metal switch alone (not
        // kept) fired on a seed touching bone: 17112 took a false seed from it.
        IndependentScanMatrix.assertFoundAndFalse("5.0 mm", new long[][] {{17212, 58, 0}, {17132, 58, 0}, {17316, 58, 0}, {17112, 58, 0}});
    }

    @Test
    void renderedSteepPairsOnThickClippedSlicesAreTwoAndSinglesOne() {
        // A rendered 5 mm Gaussian 12-bit scene (the bench's scanner and beam hardening): single seeds and side-by-side pairs 0.85 mm
        // apart, four of every six spots' seeds lying 22-24° from z, the others near the slices' plane, the groups 1.2 mm above the
        // slices' centres. At the start commit two of the steep pairs were counted one (the pair at (-12, -18) mm on the middle
        // layer, gain 0.715 of the bar, and the one at (-2, -2) mm, 0.768); every pair is two now, and no single seed's spot holds
        // two found seeds (one single on the middle layer is missed as at the start commit: not this rule's).
        double slice = 5;
        int nx = 208;
        int nz = 12;
        Grid g = new Grid(new Vec3(-(nx - 1) * 0.8 / 2, -(nx - 1) * 0.8 / 2, -(nz - 1) * slice / 2), 0.8, 0.8, slice, nx, nx, nz);
        Vec3[] dirs = {new Vec3(0.4, 0, 0.92), new Vec3(0, 0.38, 0.93), new Vec3(0.28, 0.28, 0.92), new Vec3(-0.3, 0.25, 0.92),
                new Vec3(1, 0, 0), new Vec3(1, 1, 0.2)};
        SeedGroups.Laid laid = SeedGroups.lay(new double[] {-16.3, -1.3, 13.7}, dirs, spot -> switch (spot % 10) {
            case 3, 6, 9 -> SeedGroups.Kind.PAIR;
            default -> SeedGroups.Kind.SINGLE;
        });
        SeedFinding f = new SeedFinder().find(new PostOpScanner(ScannerModel.typical(SliceProfile.GAUSSIAN, HuScale.CLIPPED_12_BIT))
                .scan(g, laid.objects(), 15));
        List<Vec3> found = f.seeds().stream().map(FoundSeed::centreMm).toList();
        for (Vec3 p : laid.pairs()) {
            assertThat(within(found, p, 2.5)).as("seeds found within 2.5 mm of the pair at %s", p).isEqualTo(2);
        }
        for (Vec3 c : laid.singles()) {
            assertThat(within(found, c, 2.5)).as("seeds found within 2.5 mm of the single seed at %s", c).isLessThanOrEqualTo(1);
        }
        SeedMatching m = new SeedMatcher(IndependentScanMatrix.MATCH_GATE_MM).match(laid.truth(), found);
        assertThat(m.extraFound()).as("false seeds").isEmpty();
        assertThat(m.matches()).as("seeds found of %d", laid.truth().size()).hasSize(laid.truth().size() - 1);
    }

    private static long within(List<Vec3> found, Vec3 c, double mm) {
        return found.stream().filter(p -> p.minus(c).norm() <= mm).count();
    }
}
