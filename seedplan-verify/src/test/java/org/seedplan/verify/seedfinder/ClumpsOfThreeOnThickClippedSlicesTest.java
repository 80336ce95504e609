package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * Clumps of three seeds on 12-bit scans with slices of 3 mm or more, whose third seed hides in the other two's saturated core: where
 * the count stays two, the self-check names the object (TWO SEEDS OR THREE) when the three fitted seeds lie within
 * {@link SeedFinder#CHAIN_CLUMP_SPREAD_MM} of each other and the third lowers the misfit by {@link SeedFinder#CLUMP_NAMED_GAIN} of
 * a seed's energy; never counted (docs/seed-finder.md, twenty-fifth round, seedclump6). Exact counts: the scans are drawn from fixed
 * random seeds.
 */
class ClumpsOfThreeOnThickClippedSlicesTest {

    @Test
    void benchClumpsCountedTwoOnThickSlicesAreNamed() {
        // Seen 5 mm 12-bit scans whose clump of three is counted two (a seed missed): 16230, 16512 and 16730 (box), 16214, 16714 and
        // 16732 (triangle). The third seed lowers the misfit by 0.020-0.075 of a seed's energy, under the scans' bars for a further
        // seed (0.068-0.120) and over the line's 0.01: one TWO SEEDS OR THREE line within the match gate of the missed seed (none
        // before: the line was written under 3 mm only).
        for (long randomSeed : new long[] {16230, 16512, 16730, 16214, 16714, 16732}) {
            int n = (int) (randomSeed % 100);
            SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
            assertThat(IndependentScanMatrix.scale(n)).isEqualTo(HuScale.CLIPPED_12_BIT);
            assertThat(IndependentScanMatrix.sliceMm(n)).isEqualTo(5.0);
            SeedFinding f = new SeedFinder().find(s.ct());
            SeedMatching m = IndependentScanMatrix.score(s, f, new MatchTally());
            List<Vec3> missedClump = m.missingPlanned().stream().map(i -> s.seeds().get(i))
                    .filter(t -> t.situation() == TrueSeed.Situation.CLUMP).map(TrueSeed::centreMm).toList();
            assertThat(missedClump).as("%d: the clump's seed counted two", randomSeed).hasSize(1);
            List<String> named = f.selfCheck().stream().filter(l -> l.startsWith("TWO SEEDS OR THREE")).toList();
            assertThat(named).as("%d: TWO SEEDS OR THREE lines naming the missed seed", randomSeed)
                    .filteredOn(l -> BundlesOnClippedScansTest.near(l).minus(missedClump.get(0)).norm() <= IndependentScanMatrix.MATCH_GATE_MM)
                    .hasSize(1);
        }
    }

    @Test
    void renderedPairsAndSinglesOnThickClippedSlicesAreNotNamedAndClumpsStayThree() {
        // A rendered 5 mm box 12-bit scene (the bench's scanner and beam hardening): its side-by-side pairs stay two, its single
        // seeds one, no seed is false and none of them carries a TWO SEEDS OR THREE line. Its six clumps, each at a slice's centre,
        // are three, as at the start commit (the bench's clumps counted two differ from them in ways not traced).
        Scene s = scene(ScannerModel.typical(SliceProfile.BOX, HuScale.CLIPPED_12_BIT));
        for (Vec3 c : s.singles) {
            assertThat(within(s.found, c, 2.5)).as("seeds found within 2.5 mm of the single seed at %s", c).isEqualTo(1);
        }
        for (Vec3 p : s.pairs) {
            assertThat(within(s.found, p, 2.5)).as("seeds found within 2.5 mm of the pair at %s", p).isEqualTo(2);
        }
        SeedMatching m = new SeedMatcher(IndependentScanMatrix.MATCH_GATE_MM).match(s.truth, s.found);
        assertThat(m.extraFound()).as("false seeds").isEmpty();
        List<Vec3> notClumps = new ArrayList<>(s.singles);
        notClumps.addAll(s.pairs);
        for (Vec3 b : s.clumps) {
            assertThat(within(s.found, b, 2.5)).as("seeds found within 2.5 mm of the clump at %s", b).isEqualTo(3);
        }
        assertThat(s.selfCheck).as("TWO SEEDS OR THREE lines near a single seed or a pair")
                .filteredOn(l -> l.startsWith("TWO SEEDS OR THREE"))
                .noneMatch(l -> notClumps.stream().anyMatch(c -> BundlesOnClippedScansTest.near(l).minus(c).norm() <= 2.5));
    }

    private record Scene(List<Vec3> truth, List<Vec3> singles, List<Vec3> pairs, List<Vec3> clumps, List<Vec3> found,
                         List<String> selfCheck) {
    }

    private static Scene scene(ScannerModel scanner) {
        // A 5 mm 12-bit scan of the bench anatomy: single seeds (most objects, as on a post-implant scan: the finder learns the seed's
        // image, its metal and its plateau from them), clumps of three and side-by-side pairs lying near the slices' plane, each at
        // a slice's centre, 10 mm apart in-plane and 15 mm along z.
        double slice = 5;
        int nx = 208;
        int nz = 12;
        Grid g = new Grid(new Vec3(-(nx - 1) * 0.8 / 2, -(nx - 1) * 0.8 / 2, -(nz - 1) * slice / 2), 0.8, 0.8, slice, nx, nx, nz);
        Vec3[] dirs = {new Vec3(1, 0, 0), new Vec3(1, 1, 0.2), new Vec3(0.2, 1, 0), new Vec3(1, -0.5, 0.3)};
        SeedGroups.Laid laid = SeedGroups.lay(new double[] {-17.5, -2.5, 12.5}, dirs, spot -> switch (spot % 10) {
            case 3, 7 -> SeedGroups.Kind.CLUMP;
            case 5 -> SeedGroups.Kind.PAIR;
            default -> SeedGroups.Kind.SINGLE;
        });
        SeedFinding f = new SeedFinder().find(new PostOpScanner(scanner).scan(g, laid.objects(), 15));
        return new Scene(laid.truth(), laid.singles(), laid.pairs(), laid.clumps(), f.seeds().stream().map(FoundSeed::centreMm).toList(), f.selfCheck());
    }

    private static long within(List<Vec3> found, Vec3 c, double mm) {
        return found.stream().filter(p -> p.minus(c).norm() <= mm).count();
    }
}
