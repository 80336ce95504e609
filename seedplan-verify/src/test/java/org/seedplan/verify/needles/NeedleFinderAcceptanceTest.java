package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.needle.Needle;
import org.seedplan.verify.matching.MatchTally;

/**
 * Issue 15's needle acceptance on simulated intra-operative CTs with ten needles (three bent, a
 * crossing pair, one touching an implanted seed, one leaving the scanned range; ribs, a vertebra,
 * eight more seeds, metal streaks and noise) on four scanners (box, Gaussian and triangular slice
 * profiles, 1.25 and 2.5 mm, 12-bit and extended CT numbers): every needle found, nothing else
 * taken for a needle, every axis within 2° of the needle's true last 40 mm and every tip within 1 mm
 * (the figures; on the 12-bit scans by {@link NeedleEndFit}, on the extended scale by
 * {@link SteelMassTip}).
 * The finder was tuned on other random scenarios (seeds 1401–1408, {@link NeedleFinderTuningRun}; before that 901–908),
 * never on these (1501–1508).
 */
class NeedleFinderAcceptanceTest {

    /** Issue 15: tips within 1 mm, every one. */
    static final double TIP_TARGET_MM = 1.0;
    /** Issue 15: axes within 2°. */
    static final double ANGLE_TOLERANCE_DEG = 2.0;

    record Scan(String name, double sliceMm, int slices, IntraOpScanner scanner) {
    }

    static List<Scan> scans() {
        return List.of(
                new Scan("2.5 mm box, 12-bit", 2.5, 40, new IntraOpScanner(0.9, IntraOpScanner.SliceProfile.BOX, 20, 250, 3071)),
                new Scan("1.25 mm Gaussian, extended HU", 1.25, 80, new IntraOpScanner(0.7, IntraOpScanner.SliceProfile.GAUSSIAN, 25, 300, 30710)),
                new Scan("2.5 mm triangle, extended HU", 2.5, 40, new IntraOpScanner(1.1, IntraOpScanner.SliceProfile.TRIANGLE, 15, 200, 30710)),
                new Scan("1.25 mm box, 12-bit", 1.25, 80, new IntraOpScanner(0.8, IntraOpScanner.SliceProfile.BOX, 30, 350, 3071)));
    }

    @Test
    void everyNeedleTipWithinOneMillimetreAndAxisWithinTwoDegrees() {
        // Acceptance phantoms: random seeds 1501-1508, never used while the finder was developed or tuned (901-908, 1401-1408).
        long seed = 1501;
        List<String> lines = new ArrayList<>();
        MatchTally tally = new MatchTally();
        int leavingFound = 0;
        for (Scan scan : scans()) {
            for (int repeat = 0; repeat < 2; repeat++, seed++) {
                Grid grid = new Grid(new Vec3(-191.6, -191.6, -scan.sliceMm() * (scan.slices() - 1) / 2), 0.75, 0.75, scan.sliceMm(), 512, 512,
                        scan.slices());
                IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
                Volume ct = new IntraOpCtGenerator(scan.scanner()).render(grid, scenario.placed(), scenario.seeds(), seed);
                NeedleFinding finding = new NeedleFinder().find(ct);
                List<Needle> truth = scenario.placed().stream().map(p -> new Needle(p.hubMm(), p.tipMm(), null, false)).toList();
                NeedleMatching m = new NeedleMatcher(5, 10).match(truth, finding.needles());
                for (int j : m.unmatchedFound()) {
                    FoundNeedle f = m.found().get(j);
                    lines.add(String.format(Locale.ROOT, "%-32s seed %d FALSE needle tip %s hub-side %s length %.1f", scan.name(), seed,
                            f.tipMm(), f.hubSideEndMm(), f.visibleLengthMm()));
                }
                for (int i : m.unmatchedPlanned()) {
                    lines.add(String.format(Locale.ROOT, "%-32s seed %d MISSED needle %d tip %s", scan.name(), seed, i + 1,
                            scenario.placed().get(i).tipMm()));
                }
                tally.addCounts(truth.size(), m.matches().size(), m.unmatchedFound().size());
                for (NeedleMatch x : m.matches()) {
                    SimulatedNeedle t = scenario.placed().get(x.planned());
                    FoundNeedle f = m.found().get(x.found());
                    double tip = f.tipMm().distanceTo(t.tipMm());
                    double angle = NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
                    double depth = f.tipMm().minus(t.tipMm()).dot(t.axisAtTip(10));
                    lines.add(String.format(Locale.ROOT, "%-32s seed %d needle %2d: tip %.2f mm (depth %+.2f), axis %.2f°, bend %.1f mm true %s",
                            scan.name(), seed, x.planned() + 1, tip, depth, angle, t.bendMm(), t.tipMm()));
                    tally.addError(f.tipMm().minus(t.tipMm()));
                    tally.addAngle(angle);
                    leavingFound += x.planned() == 9 && f.leavesFieldOfView() ? 1 : 0;
                }
            }
        }
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%d of %d tips within %.1f mm; worst tip %.2f mm, mean %.2f mm; worst axis %.2f°, mean %.2f°%n",
                tally.errorCount() - tally.errorsAbove(TIP_TARGET_MM), tally.errorCount(), TIP_TARGET_MM, tally.worstErrorMm(),
                tally.meanErrorMm(), tally.worstAngleDeg(), tally.meanAngleDeg());
        assertThat(tally.missed()).as("needles not found").isZero();
        assertThat(tally.falses()).as("needles found that are not there").isZero();
        assertThat(leavingFound).as("the steep needle, whose hub is above the scan, found and said to leave it").isEqualTo(8);
        assertThat(tally.errorsAbove(TIP_TARGET_MM)).as("tips beyond 1 mm").isZero();
        assertThat(tally.worstErrorMm()).isLessThanOrEqualTo(TIP_TARGET_MM);
        assertThat(tally.worstAngleDeg()).isLessThanOrEqualTo(ANGLE_TOLERANCE_DEG);
    }
}
