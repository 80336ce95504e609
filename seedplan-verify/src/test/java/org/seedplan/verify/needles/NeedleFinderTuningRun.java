package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.needle.Needle;

/**
 * The tuning run of the needle finder, by hand only ({@code -Dseedplan.needles.tuning=1401}): the acceptance test's four
 * scanners on random scenarios other than the acceptance ones (default seeds 1401–1408), every needle's tip (depth and
 * across) and axis error printed with the summary; it asserts nothing and is no part of the suite.
 */
class NeedleFinderTuningRun {

    @Test
    void printTheErrorsOnTheTuningScenarios() {
        String from = System.getProperty("seedplan.needles.tuning");
        Assumptions.assumeTrue(from != null, "tuning run: give -Dseedplan.needles.tuning=FIRST_SEED to run it");
        long seed = Long.parseLong(from);
        List<Double> tips = new ArrayList<>();
        List<Double> angles = new ArrayList<>();
        for (NeedleFinderAcceptanceTest.Scan scan : NeedleFinderAcceptanceTest.scans()) {
            for (int repeat = 0; repeat < 2; repeat++, seed++) {
                Grid grid = new Grid(new Vec3(-191.6, -191.6, -scan.sliceMm() * (scan.slices() - 1) / 2), 0.75, 0.75, scan.sliceMm(), 512, 512,
                        scan.slices());
                IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
                Volume ct = new IntraOpCtGenerator(scan.scanner()).render(grid, scenario.placed(), scenario.seeds(), seed);
                NeedleFinding finding = new NeedleFinder().find(ct);
                List<Needle> truth = scenario.placed().stream().map(p -> new Needle(p.hubMm(), p.tipMm(), null, false)).toList();
                NeedleMatching m = new NeedleMatcher(5, 10).match(truth, finding.needles());
                System.out.printf(Locale.ROOT, "%s seed %d: %d found, %d missed, %d false, %.2f s%n", scan.name(), seed, m.matches().size(),
                        m.unmatchedPlanned().size(), m.unmatchedFound().size(), finding.seconds());
                for (NeedleMatch x : m.matches()) {
                    SimulatedNeedle t = scenario.placed().get(x.planned());
                    FoundNeedle f = m.found().get(x.found());
                    Vec3 axis = t.axisAtTip(10);
                    Vec3 e = f.tipMm().minus(t.tipMm());
                    double depth = e.dot(axis);
                    double angle = NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
                    tips.add(e.norm());
                    angles.add(angle);
                    System.out.printf(Locale.ROOT, "  %-32s %d n%2d tip %.2f depth %+.2f across %.2f axis %.2f° tiltz %.0f° bend %.1f%s%n",
                            scan.name(), seed, x.planned() + 1, e.norm(), depth, e.minus(axis.times(depth)).norm(), angle,
                            Math.toDegrees(Math.asin(Math.abs(axis.z()))), t.bendMm(), e.norm() > 1 || angle > 2 ? "  <<<" : "");
                }
            }
        }
        System.out.printf(Locale.ROOT, "tips within 1 mm %d of %d, worst %.2f mm, mean %.2f mm; worst axis %.2f°, mean %.2f°%n",
                tips.stream().filter(v -> v <= 1).count(), tips.size(), tips.stream().mapToDouble(v -> v).max().orElse(0),
                tips.stream().mapToDouble(v -> v).average().orElse(0), angles.stream().mapToDouble(v -> v).max().orElse(0),
                angles.stream().mapToDouble(v -> v).average().orElse(0));
    }
}
