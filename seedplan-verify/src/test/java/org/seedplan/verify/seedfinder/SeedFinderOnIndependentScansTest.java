package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.BenchScanSpec;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * The seed finder on post-op CTs made by the independent bench ({@code verify.scanner}: seeds as a titanium
 * capsule with a silver marker, box, triangle and Gaussian slice profiles, 12-bit and extended HU scales,
 * beam hardening, a screw or a stent, calcifications, seeds touching bone, beside the implant and migrated
 * into the lung). Acceptance set: random seeds 9000–9017, one scan per slice thickness × profile × scale
 * (a screw on even seeds, a stent on odd ones). The finder's constants were tuned on other random scans only
 * (seeds 100 and 101; later the same matrix on seeds 100–153, 200–253 and the earlier rounds' fresh sets 9100–9635,
 * see {@link SeedFinderTuningRun}); these scans were run once per change of method, never per parameter.
 */
class SeedFinderOnIndependentScansTest {

    /** A found seed is the true seed only within 2.5 mm: half a seed length, well beyond the centre errors measured. */
    private static final double MATCH_GATE_MM = IndependentScanMatrix.MATCH_GATE_MM;

    private static String line(String label, MatchTally t) {
        return String.format(Locale.ROOT, "%s: %d of %d found (%.2f %%), %d false (%.2f per 100), mean centre error %.3f mm"
                + " (in-plane %.3f mm), isolated seeds' axis error mean %.1f°, worst %.1f° (%d seeds)", label, t.found(), t.truth(),
                100 * t.foundShare(), t.falses(), t.falsePer100(), t.meanErrorMm(), t.meanInPlaneErrorMm(), t.meanAngleDeg(),
                t.worstAngleDeg(), t.angleCount());
    }

    @Test
    void findsSeedsOnScansMadeDifferentlyWithTheDocumentedAccuracy() {
        MatchTally all = new MatchTally();
        MatchTally thin = new MatchTally();
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 18; n++) {
            SimulatedPostOpScan s = IndependentScanMatrix.scan(9000 + n, n);
            SeedFinding f = new SeedFinder().find(s.ct());
            MatchTally one = new MatchTally();
            boolean box5 = IndependentScanMatrix.sliceMm(n) == 5 && IndependentScanMatrix.profile(n) == SliceProfile.BOX;
            if (box5) {
                IndependentScanMatrix.score(s, f, one, all);
            } else {
                IndependentScanMatrix.score(s, f, one, all, thin);
            }
            lines.add(line(IndependentScanMatrix.label(n), one));
            // The screw is metal but not seeds: the self-check names it (a stent's thin struts may stay below
            // the metal threshold, and then there is nothing to name).
            if ((9000 + n) % 2 == 0) { // a screw on even random seeds
                assertThat(f.selfCheck()).as("self-check of " + IndependentScanMatrix.label(n))
                        .anyMatch(x -> x.startsWith("OTHER METAL") && x.contains("screw or rod"));
            }
        }
        lines.forEach(System.out::println);
        System.out.println(line("all 18 scans", all));
        System.out.println(line("all but 5 mm box", thin));
        assertThat(all.truth()).isGreaterThan(900);
        // The acceptance (issue 15). Measured 2026-12-04 04:36 UTC (docs/seed-finder.md, fourth round): 1042 of
        // 1044 found = 99.81 %, 1 false = 0.10 per 100, mean centre error 0.249 mm (0.240 before the slice centring of
        // 5 mm box scans), 0.153 mm without 5 mm box, isolated seeds' axis error 7.6° on average. This set is on the lucky
        // side: the fourth round's fresh sets run once each (9700–9935) give 99.60 % pooled (95 % interval 99.41–99.73 %)
        // and 0.34 false per 100. A change that costs a seed here must be weighed on the tuning scans first
        // (SeedFinderTuningRun: 100–253 and 9100–9635), not tuned on these.
        assertThat(all.foundShare()).as("share of seeds found").isGreaterThanOrEqualTo(0.995);
        assertThat(all.falsePer100()).as("false seeds per 100").isLessThanOrEqualTo(0.5);
        assertThat(all.meanErrorMm()).as("mean centre error, mm").isLessThanOrEqualTo(0.3);
        // Box slice profile on 5 mm slices: a seed lying in one slice has no partial-volume tails, so its z is
        // unknown within the slice (σ = 5 / √12 = 1.4 mm): the centre error there is the profile's, not the finder's.
        assertThat(thin.meanErrorMm()).as("mean centre error without 5 mm box, mm").isLessThanOrEqualTo(0.1625);
        // Mean over isolated seeds found alone; the issue asks ≤ 10°.
        assertThat(all.meanAngleDeg()).as("isolated seeds' mean axis error, degrees").isLessThanOrEqualTo(10);
    }

    @Test
    void seedsReadOutOfOtherMetalCountOnceTowardsTheExpectedCount() {
        // 10112 (5 mm box, 12-bit): two of three needle seeds are read out of an object rejected as other metal; 57 seeds found
        // (56 true, 1 false) of 58. Given 58 as expected, the reconciling step before the twentieth round counted only the seeds of
        // counted objects (55) and added three (60 found, 4 false, "2 more seeds found than the 58 expected"). The two read out now
        // count once: the count is one short, and one seed is added.
        SimulatedPostOpScan s = IndependentScanMatrix.scan(10112, 12);
        SeedFinding plain = new SeedFinder().find(s.ct());
        assertThat(plain.selfCheck()).as("the case: seeds read out of other metal").anyMatch(x -> x.contains("read out of"));
        int expected = s.seeds().size();
        SeedFinding f = new SeedFinder().find(s.ct(), null, OptionalInt.of(expected));
        assertThat(f.notes().stream().filter(x -> x.contains("to approach the expected")).count()).as("seeds added to reach the count")
                .isEqualTo(expected - plain.seeds().size());
        assertThat(f.seeds()).hasSize(expected);
        assertThat(f.notes()).noneMatch(x -> x.contains("more seeds found than"));
    }

    @Test
    void aScanWhoseOnlyMetalIsAScrewHasNoSeedsAndSaysSo() {
        for (HuScale scale : HuScale.values()) {
            SimulatedPostOpScan s = SimulatedPostOpScan.generate(new BenchScanSpec(200, 200, 0.8, 29, 2.5,
                    ScannerModel.typical(SliceProfile.GAUSSIAN, scale), 1, Set.of(DenseObject.Kind.SCREW), false, 77));
            SimulatedPostOpScan screwOnly = new SimulatedPostOpScan(s.spec(), screwOnlyCt(scale), List.of(), List.of(), s.others());
            SeedFinding f = new SeedFinder().find(screwOnly.ct(), null, OptionalInt.of(20));
            assertThat(f.seeds()).as(scale.name()).isEmpty();
            assertThat(f.selfCheck().get(0)).startsWith("NO SEEDS FOUND").contains("screw or rod");
            assertThat(f.selfCheck()).anyMatch(x -> x.startsWith("SEED COUNT: 0 found, 20 implanted"));
        }
    }

    /** The bench anatomy with only the pedicle screw (and calcifications) in it. */
    private static org.seedplan.geometry.Volume screwOnlyCt(HuScale scale) {
        var grid = new org.seedplan.geometry.Grid(new Vec3(-79.6, -79.6, -35), 0.8, 0.8, 2.5, 200, 200, 29);
        var origin = org.seedplan.verify.scanner.Anatomy.centre(grid);
        List<DenseObject> objects = List.of(
                DenseObject.pedicleScrew(origin.plus(new Vec3(-2, 32, 0)), new Vec3(-0.2, 1, 0.15), 24),
                DenseObject.calcification(origin.plus(new Vec3(-20, -10, 5)), 2.5));
        return new org.seedplan.verify.scanner.PostOpScanner(ScannerModel.typical(SliceProfile.GAUSSIAN, scale)).scan(grid, objects, 5);
    }

    @Test
    void anEarlierImplantsSeedsAreListedApartWhenTheirPositionsAreGiven() {
        SimulatedPostOpScan s = SimulatedPostOpScan.generate(new BenchScanSpec(200, 200, 0.8, 29, 2.5,
                ScannerModel.typical(SliceProfile.TRIANGLE, HuScale.EXTENDED), 8, Set.of(DenseObject.Kind.SCREW), true, 31));
        // The old seed list as an earlier verification wrote it: each seed known to within 1 mm (seeds settle).
        List<Vec3> old = s.previousSeeds().stream().map(p -> p.centreMm().plus(new Vec3(0.6, -0.5, 0.5))).toList();
        SeedFinding f = new SeedFinder().find(s.ct(), null, OptionalInt.of(s.seeds().size()), old);
        assertThat(f.previousImplantSeeds()).hasSize(6);
        SeedMatching m = new SeedMatcher(MATCH_GATE_MM).match(s.seeds().stream().map(TrueSeed::centreMm).toList(),
                f.seeds().stream().map(FoundSeed::centreMm).toList());
        // Within one seed of the new implant's count (the acceptance of the test set above allows about 1 %).
        assertThat(m.matches().size()).isBetween(s.seeds().size() - 1, s.seeds().size());
        assertThat(f.selfCheck()).anyMatch(x -> x.startsWith("PREVIOUS IMPLANT: 6 of its 6 seeds"));
        // Without the old list they are counted as this implant's and the count says so.
        SeedFinding blind = new SeedFinder().find(s.ct(), null, OptionalInt.of(s.seeds().size()));
        assertThat(blind.previousImplantSeeds()).isEmpty();
        assertThat(blind.seeds().size()).isGreaterThan(s.seeds().size() + 3);
    }
}
