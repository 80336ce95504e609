package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.scanner.BenchScanSpec;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;

/**
 * The self-check lines a clinician reads first still fire where they should with the finder as it is: a count that
 * differs from the number implanted, a seed appearance outside what scanners produce, and metal other than seeds;
 * and stay silent on a scan whose count and appearance are usual. The scans are the independent bench's (random
 * seeds 300–302, used by no tuning or acceptance set).
 */
class SelfCheckTest {

    private static SimulatedPostOpScan scan(Set<DenseObject.Kind> metal, long randomSeed) {
        return SimulatedPostOpScan.generate(new BenchScanSpec(200, 200, 0.8, 29, 2.5,
                ScannerModel.typical(SliceProfile.TRIANGLE, HuScale.CLIPPED_12_BIT), 6, metal, false, randomSeed));
    }

    @Test
    void aCountThatDiffersFromTheNumberImplantedComesFirstAfterNoSeedsAndSaysByHowMuch() {
        SimulatedPostOpScan s = scan(Set.of(DenseObject.Kind.SCREW), 300);
        int found = new SeedFinder().find(s.ct()).seeds().size();
        SeedFinding more = new SeedFinder().find(s.ct(), null, OptionalInt.of(found + 5));
        assertThat(more.selfCheck().get(0)).startsWith("SEED COUNT: ").contains("implanted").contains("not found");
        SeedFinding fewer = new SeedFinder().find(s.ct(), null, OptionalInt.of(Math.max(1, found - 5)));
        assertThat(fewer.selfCheck().get(0)).startsWith("SEED COUNT: ").contains("more than implanted");
        SeedFinding same = new SeedFinder().find(s.ct(), null, OptionalInt.of(found));
        assertThat(same.selfCheck()).noneMatch(x -> x.startsWith("SEED COUNT"));
    }

    @Test
    void metalOtherThanSeedsIsNamedByShape() {
        SeedFinding screw = new SeedFinder().find(scan(Set.of(DenseObject.Kind.SCREW), 301).ct());
        assertThat(screw.selfCheck()).anyMatch(x -> x.startsWith("OTHER METAL") && x.contains("screw or rod"));
        SeedFinding none = new SeedFinder().find(scan(Set.of(), 302).ct());
        // Calcifications and the vertebra are bone, not metal: no line about other metal.
        assertThat(none.selfCheck()).noneMatch(x -> x.startsWith("OTHER METAL"));
        assertThat(none.selfCheck()).noneMatch(x -> x.startsWith("SEED APPEARANCE"));
    }

    @Test
    void anUnusualSeedAppearanceIsReportedForEachOfItsCauses() {
        Grid g = new Grid(new Vec3(0, 0, 0), 0.8, 0.8, 2.5, 10, 10, 10);
        List<FoundSeed> seeds = List.of(new FoundSeed(new Vec3(4, 4, 10), Vec3.UNIT_Z, 1, 1));
        // Usual: σ in-plane 0.5 mm, σ axial 1.05 mm on 2.5 mm slices (a triangle profile), learned from 20 seeds.
        assertThat(SelfCheck.of(g, g.dzMm(), seeds, List.of(), 0, List.of(), List.of(), List.of(), calibration(0.5, 1.05, 20), OptionalInt.empty())).isEmpty();
        assertThat(SelfCheck.of(g, g.dzMm(), seeds, List.of(), 0, List.of(), List.of(), List.of(), calibration(1.4, 1.05, 20), OptionalInt.empty()))
                .singleElement().asString().startsWith("SEED APPEARANCE: in-plane blur sigma 1.40 mm");
        assertThat(SelfCheck.of(g, g.dzMm(), seeds, List.of(), 0, List.of(), List.of(), List.of(), calibration(0.5, 3.0, 20), OptionalInt.empty()))
                .singleElement().asString().startsWith("SEED APPEARANCE: axial blur sigma 3.00 mm").contains("slices 2.50 mm thick every 2.50 mm");
        // 5 mm slices every 2.5 mm: σ 2.1 mm is a 5 mm triangle or Gaussian profile's (0.42 T), usual for the thickness though
        // above the 0.75 × 2.5 mm a contiguous 2.5 mm scan allows; 4 mm is above 0.75 × 5 mm and named with the profile used.
        assertThat(SelfCheck.of(g, 5, seeds, List.of(), 0, List.of(), List.of(), List.of(), calibration(0.5, 2.1, 20), OptionalInt.empty())).isEmpty();
        assertThat(SelfCheck.of(g, 5, seeds, List.of(), 0, List.of(), List.of(), List.of(), calibration(0.5, 4.0, 20), OptionalInt.empty()))
                .singleElement().asString().contains("0.75-3.75 mm for slices 5.00 mm thick every 2.50 mm");
        assertThat(SelfCheck.of(g, g.dzMm(), seeds, List.of(), 0, List.of(), List.of(), List.of(), calibration(0.5, 1.05, 2), OptionalInt.empty()))
                .singleElement().asString().startsWith("SEED APPEARANCE: fewer than 3 isolated seeds");
    }

    @Test
    void theFinderLearnsAUsualAppearanceOnEveryProfileOfTheBench() {
        // The appearance line must not fire on ordinary scans of any slice profile, or clinicians learn to ignore it.
        for (SliceProfile p : SliceProfile.values()) {
            SimulatedPostOpScan s = SimulatedPostOpScan.generate(new BenchScanSpec(200, 200, 0.8, 14, 5,
                    ScannerModel.typical(p, HuScale.EXTENDED), 6, Set.of(), false, 303));
            assertThat(new SeedFinder().find(s.ct()).selfCheck()).as(p.name()).noneMatch(x -> x.startsWith("SEED APPEARANCE"));
        }
    }

    private static SeedFinderCalibration calibration(double sigmaXyMm, double sigmaZMm, int used) {
        return new SeedFinderCalibration(40, 3071, 1250, 25, sigmaXyMm, sigmaZMm, used, 3.2);
    }
}
