package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
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

/**
 * Bundles of three seeds on 12-bit scans, whose saturated core hides the third seed's CT numbers: the count is read from the
 * extent of the clipped plateau against the fits' predictions (docs/seed-finder.md, fifth round), and side-by-side pairs must
 * stay pairs; where neither can call three on slices under 3 mm, the self-check names the object (TWO SEEDS OR THREE, thirteenth
 * round). The scans come from the independent generator ({@code verify.scanner}), not from the finder's image model.
 */
class BundlesOnClippedScansTest {

    @Test
    void renderedPairsStayTwoAndBundlesAcrossTheSlicesAreThree() {
        // The bench's typical scanner. The bundles lying across the slices (direction (0.3, 1, 0.8)) are three seeds by the
        // plateau (fifth round); the three lying nearer the plane of the slices are read as two: there the 3-seed fit leaves more
        // residual than the 2-seed fit, because the bench's beam hardening (a band between every two dense objects of a slice)
        // darkens a bundle's shoulders below three seeds' images adding up (without beam hardening all five are three: the next
        // test). With the bands in the model (fifteenth round) one of them, (-32, -18, -6), fits better as three, but the rule
        // also asks the 3-seed fit without the bands to be better, as the plateau rule does, and it is not: it stays two. That
        // condition keeps the in-plane pair at (-12, -2, 6) a pair (with the bands alone it was read as three). Pairs stay pairs
        // and nothing else is split.
        Scene s = scene(ScannerModel.typical(SliceProfile.GAUSSIAN, HuScale.CLIPPED_12_BIT));
        s.assertSinglesAndPairs();
        for (Vec3 b : s.bundlesAcross) {
            assertThat(within(s.found, b, 2.5)).as("seeds found within 2.5 mm of the bundle at %s", b).isEqualTo(3);
        }
    }

    @Test
    void withoutBeamHardeningEveryRenderedBundleIsThree() {
        Scene s = scene(new ScannerModel(SliceProfile.GAUSSIAN, 0.9, 20, 0, HuScale.CLIPPED_12_BIT));
        s.assertSinglesAndPairs();
        for (Vec3 b : s.bundles) {
            assertThat(within(s.found, b, 2.5)).as("seeds found within 2.5 mm of the bundle at %s", b).isEqualTo(3);
        }
    }

    /** The rendered seeds, where each group lies, and the seeds found. */
    private record Scene(List<Vec3> truth, List<Vec3> singles, List<Vec3> pairs, List<Vec3> bundles, List<Vec3> bundlesAcross,
                         List<Vec3> found, List<String> selfCheck) {

        void assertSinglesAndPairs() {
            for (Vec3 c : singles) {
                assertThat(within(found, c, 2.5)).as("seeds found within 2.5 mm of the single seed at %s", c).isEqualTo(1);
            }
            for (Vec3 p : pairs) {
                assertThat(within(found, p, 2.5)).as("seeds found within 2.5 mm of the pair at %s", p).isEqualTo(2);
            }
            SeedMatching m = new SeedMatcher(IndependentScanMatrix.MATCH_GATE_MM).match(truth, found);
            assertThat(m.extraFound()).as("false seeds").isEmpty();
        }
    }

    private static Scene scene(ScannerModel scanner) {
        // A 2.5 mm Gaussian-profile 12-bit scan of the bench anatomy: thirty single seeds (most objects, as on a post-implant
        // scan: the finder learns the seed's image, its metal content and its plateau from them), five bundles and five
        // side-by-side pairs in four directions, 10 mm apart in-plane and 12 mm along z.
        double slice = 2.5;
        int nx = 208;
        int nz = 24;
        Grid g = new Grid(new Vec3(-(nx - 1) * 0.8 / 2, -(nx - 1) * 0.8 / 2, -(nz - 1) * slice / 2), 0.8, 0.8, slice, nx, nx, nz);
        Vec3[] dirs = {new Vec3(1, 0, 0), new Vec3(1, 1, 0.3), new Vec3(0.3, 1, 0.8), new Vec3(1, -0.4, 1.5)};
        SeedGroups.Laid laid = SeedGroups.lay(new double[] {-18, -6, 6, 18}, dirs, spot -> switch (spot / 5) {
            case 2 -> SeedGroups.Kind.CLUMP;
            case 5 -> SeedGroups.Kind.PAIR;
            default -> SeedGroups.Kind.SINGLE;
        });
        List<Vec3> bundlesAcross = IntStream.range(0, laid.clumps().size()).filter(i -> laid.clumpSpots().get(i) % 4 == 2)
                .mapToObj(laid.clumps()::get).toList();
        SeedFinding f = new SeedFinder().find(new PostOpScanner(scanner).scan(g, laid.objects(), 15));
        return new Scene(laid.truth(), laid.singles(), laid.pairs(), laid.clumps(), bundlesAcross, f.seeds().stream().map(FoundSeed::centreMm).toList(), f.selfCheck());
    }

    @Test
    void tuningScansBundlesReadAsTwoBeforeAreThree() {
        // Tuning scans (docs/seed-finder.md, fifth round) whose bundle of three the finder read as two before the plateau
        // count: 210 (2.5 mm Gaussian), 100 (1.25 mm box), 240 (1.25 mm Gaussian), all 12-bit.
        for (long randomSeed : new long[] {210, 100, 240}) {
            assertEveryClumpSeedFoundAndNoFalseSeed(randomSeed, (int) (randomSeed % 100) % 54);
        }
    }

    @Test
    void tuningBundlesReadAsTwoAreThreeWithBeamHardeningsBandsInTheModel() {
        // Tuning scans whose bundle of three the finder read as two before the fifteenth round (docs/seed-finder.md): 11618 (1.25 mm
        // box), 11604 (1.25 mm Gaussian), 13006 (2.5 mm box), all 12-bit. The bench darkens a band between every two dense objects
        // of a slice, and a bundle's three seeds draw three objects' bands where a pair draws two: its shoulders lie below three
        // seeds' images adding up, and the model without the bands fitted two. With the bands (their depth per seed learned from
        // the scan's single seeds) three fit better than two by more than the bar: each bundle is three, and no seed is false.
        for (long randomSeed : new long[] {11618, 11604, 13006}) {
            assertEveryClumpSeedFoundAndNoFalseSeed(randomSeed, (int) (randomSeed % 100));
        }
    }

    @Test
    void aBundleReadAsTwoIsNamedWhereNeitherThePlateauNorTheImageRulesOutThree() {
        // A tuning scan whose bundle of three is still read as two with beam hardening's bands in the model (docs/seed-finder.md,
        // thirteenth and fifteenth rounds): 13010 (2.5 mm Gaussian, 12-bit). The third seed lowers the misfit, by less than the bar
        // also with the bands, and the plateau is as large as two seeds' or larger: not counted, named. (11618 and 11604, this test's
        // scans in the thirteenth round, are counted three since the fifteenth: the test above; 13128, here until the thirty-first
        // round, since the thirty-second: its image's three, fitted side by side, are no longer lowered by the clipped metal,
        // ClumpsUnderTheClipOnThinSlicesTest.)
        for (long randomSeed : new long[] {13010}) {
            int n = (int) (randomSeed % 100);
            SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
            SeedFinding f = new SeedFinder().find(s.ct());
            SeedMatching m = IndependentScanMatrix.score(s, f, new MatchTally());
            List<Vec3> missedBundle = m.missingPlanned().stream().map(i -> s.seeds().get(i))
                    .filter(t -> t.situation() == org.seedplan.verify.scanner.TrueSeed.Situation.CLUMP).map(t -> t.centreMm()).toList();
            assertThat(missedBundle).as("%d: the bundle's seed read as two", randomSeed).hasSize(1);
            List<String> named = f.selfCheck().stream().filter(l -> l.startsWith("TWO SEEDS OR THREE")).toList();
            assertThat(named).as("%d: TWO SEEDS OR THREE lines", randomSeed).hasSize(1);
            // The line names the blob's centre: within the match gate of the missed seed.
            assertThat(near(named.get(0)).minus(missedBundle.get(0)).norm()).as("%d: named place to the missed seed, mm", randomSeed)
                    .isLessThanOrEqualTo(IndependentScanMatrix.MATCH_GATE_MM);
        }
    }

    @Test
    void noPairOrSingleSeedOfTheRenderedSceneIsNamedAsPerhapsThree() {
        // The rendered scene's five side-by-side pairs and thirty single seeds (2.5 mm Gaussian 12-bit, with the bench's beam
        // hardening) carry no TWO SEEDS OR THREE line. Its three bundles read as two are not named either: there the 3-seed fit
        // leaves more residual than the 2-seed fit (the first test), which the line asks to be lower - the line's limit.
        Scene s = scene(ScannerModel.typical(SliceProfile.GAUSSIAN, HuScale.CLIPPED_12_BIT));
        assertThat(s.selfCheck).as("self-check of the rendered scene").noneMatch(x -> x.startsWith("TWO SEEDS OR THREE"));
    }

    /** The place a self-check line names ("near (x, y, z) mm"). */
    static Vec3 near(String line) {
        java.util.regex.Matcher x = java.util.regex.Pattern.compile("near \\((-?[\\d.]+), (-?[\\d.]+), (-?[\\d.]+)\\)").matcher(line);
        assertThat(x.find()).as("a place named in: %s", line).isTrue();
        return new Vec3(Double.parseDouble(x.group(1)), Double.parseDouble(x.group(2)), Double.parseDouble(x.group(3)));
    }

    private static long within(List<Vec3> found, Vec3 c, double mm) {
        return found.stream().filter(p -> p.minus(c).norm() <= mm).count();
    }

    /** The 12-bit matrix scan {@code n} drawn from {@code randomSeed}: no seed of a clump missed, no false seed. */
    private static void assertEveryClumpSeedFoundAndNoFalseSeed(long randomSeed, int n) {
        SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
        assertThat(IndependentScanMatrix.scale(n)).isEqualTo(HuScale.CLIPPED_12_BIT);
        SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
        assertThat(m.missingPlanned().stream().map(i -> s.seeds().get(i).situation()).toList())
                .as("%d %s: situations of the seeds not found", randomSeed, IndependentScanMatrix.label(n))
                .doesNotContain(org.seedplan.verify.scanner.TrueSeed.Situation.CLUMP);
        assertThat(m.extraFound()).as("%d: false seeds", randomSeed).isEmpty();
    }
}
