package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.ConnectedComponents;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * Needle seeds lying nearly along z merge through thick slices into one long object that the image model may explain badly:
 * it is still seeds when its metal content along its axis comes in seed-long segments with gaps ({@link ChainProfile}: a chain
 * of n seeds beats a uniform rod by the information criterion). docs/seed-finder.md, sixth round. Scenes from the independent generator ({@code verify.scanner}), not from the finder's image model.
 */
class ChainsOfSeedsTest {

    /** The needle's and the wires' direction: nearly along z (z-component 0.99), as the needles of scans 9716 and 10214. */
    private static final Vec3 AXIS = new Vec3(0.1, 0.08, 1).normalized();
    private static final Vec3 CHAIN_FROM = new Vec3(-10, 15, -13);
    /** Where the wires start: other metal beside the chain, as on a scan (their profiles are not asserted, see the test). */
    private static final Vec3 WIRE_20_FROM = new Vec3(20, 15, -10);
    private static final Vec3 WIRE_40_FROM = new Vec3(45, -5, -22);

    @Test
    void aChainOfFourSeedsAlongZOnFiveMmSlicesIsFourSeeds() {
        // Every slice profile and HU scale of the bench's typical scanner, 5 mm slices. The chain's four seeds are found, and
        // its content profile is a chain of four (on box slices the object spans six slices, six numbers: too few for a chain
        // of four, five parameters, to be told from a rod, three, so the test says no chain there; the finder keeps those seeds
        // because its image model explains them). The wires' profiles are not asserted because the test does not hold for them
        // on every scanner: the 20 mm wire (six 5 mm slices) reads as a chain of three on triangle 12-bit slices and the 40 mm
        // wire as a chain of six on Gaussian extended ones (a chain blurred over thick slices fills them as evenly as a wire;
        // docs/seed-finder.md, sixth round). The finder's image model explains both wires to 86-99 %, so they never come to the
        // chain test; the 40 mm wire is told from seeds along z by wiresAlongZOnFiveMmSlicesAreNamedOrListedAndNeedleSeedsSpacedByGapsAreNot.
        for (SliceProfile profile : SliceProfile.values()) {
            for (HuScale scale : HuScale.values()) {
                String label = profile + " " + scale;
                Scene s = scene(ScannerModel.typical(profile, scale), NEEDLE_GAPS);
                for (Vec3 c : s.chain) {
                    assertThat(within(s.found, c, 2.5)).as("%s: seeds found within 2.5 mm of the chain's seed at %s", label, c)
                            .isEqualTo(1);
                }
                if (profile != SliceProfile.BOX) {
                    assertThat(s.profileNear(midpoint(CHAIN_FROM, 26)).isChain(4, s.model.lengthMm()))
                            .as("%s: the needle's four seeds' profile is a chain of four", label).isTrue();
                }
            }
        }
    }

    private static Vec3 midpoint(Vec3 from, double lengthMm) {
        return from.plus(AXIS.times(lengthMm / 2));
    }

    /** A rendered scan, what the finder found on it, and the image model it learned there. */
    private record Scene(Volume ct, SeedFinding finding, List<Vec3> chain, List<Vec3> found, SeedImageModel model,
                         boolean extended) {

        /** The content profile, read as the finder reads it, of the object above the finder's threshold nearest a point. */
        ChainProfile profileNear(Vec3 p) {
            Grid g = ct.grid();
            SeedFinderCalibration cal = finding.calibration();
            float[] hu = ct.hu();
            boolean[] above = new boolean[hu.length];
            for (int v = 0; v < hu.length; v++) {
                above[v] = hu[v] >= cal.thresholdHu();
            }
            int[] labels = new int[hu.length];
            List<int[]> comps = ConnectedComponents.of(g, above, labels);
            Blob b = comps.stream().map(c -> new Blob(g, c, hu))
                    .min(Comparator.comparingDouble(c -> nearest(c, p))).orElseThrow();
            double lowHu = cal.backgroundHu() + 0.15 * (cal.metalLevelHu() - cal.backgroundHu());
            return SeedFinder.profile(g, hu, labels, b, cal.backgroundHu(),
                    extended ? Double.POSITIVE_INFINITY : cal.metalLevelHu(), lowHu, model);
        }

        private static double nearest(Blob b, Vec3 p) {
            double d = Double.POSITIVE_INFINITY;
            for (int q = 0; q < b.size(); q++) {
                d = Math.min(d, new Vec3(b.x[q], b.y[q], b.z[q]).minus(p).norm());
            }
            return d;
        }
    }

    /** The gaps between the needle's seeds' centres, mm (the generator's needles: 7-10 mm). */
    private static final double[] NEEDLE_GAPS = {0, 8, 9.5, 8.5};
    /** A needle loaded with its seeds 5 mm apart (0.5 mm between capsules), one 5 mm slice apart like a wire's pieces. */
    private static final double[] TIGHT_GAPS = {0, 5, 5, 5};

    private static Scene scene(ScannerModel scanner, double[] gaps) {
        // Twenty single seeds in four directions (most objects, as on a post-implant scan: the finder learns the seed's image
        // and metal content from them), a needle of four seeds along AXIS 8, 9.5 and 8.5 mm apart (the generator's needles:
        // 7-10 mm), and 0.8 mm steel wires 20 and 40 mm long along AXIS, all at least 25 mm apart.
        double slice = 5;
        int nx = 208;
        int nz = 16;
        Grid g = new Grid(new Vec3(-(nx - 1) * 0.8 / 2, -(nx - 1) * 0.8 / 2, -(nz - 1) * slice / 2), 0.8, 0.8, slice, nx, nx, nz);
        List<DenseObject> objects = new ArrayList<>();
        SeedsAtOtherMetalScenes.singleSeeds(objects);
        List<Vec3> chain = new ArrayList<>();
        double along = 0;
        for (double gap : gaps) {
            along += gap;
            Vec3 c = CHAIN_FROM.plus(AXIS.times(along));
            chain.add(c);
            objects.add(DenseObject.seed(c, AXIS));
        }
        objects.add(DenseObject.wire(List.of(WIRE_20_FROM, WIRE_20_FROM.plus(AXIS.times(20))), 0.8));
        objects.add(DenseObject.wire(List.of(WIRE_40_FROM, WIRE_40_FROM.plus(AXIS.times(40))), 0.8));
        Volume ct = new PostOpScanner(scanner).scan(g, objects, 17);
        SeedFinding f = new SeedFinder().find(ct);
        SeedFinderCalibration cal = f.calibration();
        SeedImageModel model = new SeedImageModel(cal.seedImageLengthMm(), cal.psfSigmaInPlaneMm(), cal.psfSigmaAxialMm(), 1,
                cal.backgroundHu(), cal.metalLevelHu());
        return new Scene(ct, f, chain, f.seeds().stream().map(FoundSeed::centreMm).toList(), model,
                scanner.scale() == HuScale.EXTENDED);
    }

    @Test
    void tuningScansNeedleSeedsAlongZAreFound() {
        // Tuning scans whose needle along z on 5 mm slices was one object taken for a wire (docs/seed-finder.md, sixth round):
        // 9716 (4 seeds, 5 mm Gaussian) and 10214 (5 seeds, 5 mm triangle; fresh in the fifth round, tuning data now), both
        // 12-bit. No needle seed is lost on either, and the false seeds stay what they were (10214: 0; 9716: 0 since the fifteenth
        // round, 1 before: a seed touching the vertebra, alone in one slice and found off its place by a tilted, poorly explained fit,
        // is now at its slice's centre, SliceCentring.unsupportedInOneSlice).
        long[][] scans = {{9716, 0}, {10214, 0}};
        for (long[] scan : scans) {
            long randomSeed = scan[0];
            int n = (int) (randomSeed % 100);
            SimulatedPostOpScan s = IndependentScanMatrix.scan(randomSeed, n);
            assertThat(IndependentScanMatrix.sliceMm(n)).isEqualTo(5);
            SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
            assertThat(m.missingPlanned().stream().map(i -> s.seeds().get(i).situation()).toList())
                    .as("%d %s: situations of the seeds not found", randomSeed, IndependentScanMatrix.label(n))
                    .doesNotContain(TrueSeed.Situation.NEEDLE);
            assertThat(m.extraFound()).as("%d: false seeds", randomSeed).hasSize((int) scan[1]);
        }
    }

    @Test
    void aSeedWhoseMetalReadsAsTwoIsOneWhereTheSecondImageExplainsNothing() {
        // All-implant tuning scan 1015 (5 mm triangle, extended): a needle seed lying steeply across a slice boundary leaves a
        // 5-voxel object whose metal, read over its box widened by a voxel, comes to 2.1 seeds; two fitted seeds lowered the
        // residual by 0.014 of one seed's signal energy (0.04 of the bar an image-fitted second seed must pass), and the content
        // count raised the object to two: one false seed 1.7 mm from the true one (docs/seed-finder.md, twelfth round). A second
        // seed the content alone adds must now lower the residual by SeedFinder.MIN_EVIDENCE (0.02) of a seed's energy, as a seed
        // added to reach an expected count must: no false seed, and all 59 seeds still found.
        SimulatedPostOpScan s = IndependentScanMatrix.allImplants(1015, 15);
        SeedMatching m = IndependentScanMatrix.score(s, new SeedFinder().find(s.ct()), new MatchTally());
        assertThat(m.matches()).as("1015: seeds found of %d", s.seeds().size()).hasSize(59);
        assertThat(m.extraFound()).as("1015: false seeds").isEmpty();
    }

    @Test
    void wiresAlongZOnFiveMmSlicesAreNamedOrListedAndNeedleSeedsSpacedByGapsAreNot() {
        // Every profile and scale, 5 mm slices. The finder reads the 20 mm wire as 4 seeds 3.6-5.3 mm apart along z, one slice
        // apart (sixth round); the self-check names such a line of 3 or more (SelfCheck.linesAlongZ), every seed of it within 2.5 mm
        // (the matching gate) of the wire's axis. The needle whose seeds lie 8-9.5 mm apart is in no line. A needle loaded 5 mm
        // apart (0.5 mm between capsules) gives the image of a wire and is named as well: the line says so (eighth round).
        // The 40 mm wire was read as 5 seeds 6-9.5 mm apart, as a needle's seeds lie, and not named (before the tenth round, on
        // all six scanners); its metal is even through nine consecutive slices where the fitted seeds claim gaps, so it is listed
        // as a wire (SeedFinder.wireAlongZ) and none of its pieces is a seed. Its listed length is the extent of its voxels above
        // the threshold along its axis (41 mm measured on 5 mm box 12-bit slices): within one 5 mm slice of its 40 mm, the slices
        // at its two ends being partly filled.
        for (SliceProfile profile : SliceProfile.values()) {
            for (HuScale scale : HuScale.values()) {
                String label = profile + " " + scale;
                Scene s = scene(ScannerModel.typical(profile, scale), NEEDLE_GAPS);
                List<List<FoundSeed>> lines = SelfCheck.linesAlongZ(s.finding.seeds(), 5);
                assertThat(lines).as("%s: a line of 3 or more seeds on the 20 mm wire", label)
                        .anyMatch(l -> l.size() >= 3 && l.stream().allMatch(x -> onSegment(x.centreMm(), WIRE_20_FROM, 20)));
                assertThat(s.found).as("%s: seeds found on the 40 mm wire", label).noneMatch(x -> onSegment(x, WIRE_40_FROM, 40));
                assertThat(s.finding.rejected()).as("%s: the 40 mm wire listed as a wire about 40 mm long", label)
                        .anyMatch(r -> r.shape() == MetalShape.WIRE && onSegment(r.centreMm(), WIRE_40_FROM, 40)
                                && Math.abs(r.lengthMm() - 40) <= 5);
                assertThat(s.finding.selfCheck()).as("%s: the self-check lists it", label)
                        .anyMatch(x -> x.startsWith("OTHER METAL") && x.contains("wire, 4"));
                assertThat(lines).as("%s: no line holds a seed of the needle", label)
                        .noneMatch(l -> l.stream().anyMatch(x -> s.chain.stream().anyMatch(c -> x.centreMm().minus(c).norm() <= 2.5)));
                assertThat(s.finding.selfCheck()).as("%s: the self-check names the lines", label)
                        .filteredOn(line -> line.startsWith("SEEDS IN A LINE ALONG Z")).hasSize(lines.size());
                Scene tight = scene(ScannerModel.typical(profile, scale), TIGHT_GAPS);
                assertThat(SelfCheck.linesAlongZ(tight.finding.seeds(), 5)).as("%s: the needle loaded 5 mm apart is named", label)
                        .anyMatch(l -> l.stream().filter(x -> tight.chain.stream().anyMatch(c -> x.centreMm().minus(c).norm() <= 2.5))
                                .count() >= 3);
            }
        }
    }

    /** Whether a point lies within the matching gate (2.5 mm) of the segment of the given length along AXIS from a start. */
    private static boolean onSegment(Vec3 p, Vec3 from, double lengthMm) {
        double t = Math.max(0, Math.min(lengthMm, p.minus(from).dot(AXIS)));
        return p.minus(from.plus(AXIS.times(t))).norm() <= 2.5;
    }

    private static long within(List<Vec3> found, Vec3 c, double mm) {
        return found.stream().filter(p -> p.minus(c).norm() <= mm).count();
    }
}
