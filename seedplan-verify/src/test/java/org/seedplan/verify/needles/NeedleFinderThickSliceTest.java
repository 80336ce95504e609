package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.needle.Needle;

/**
 * Needles on 3 mm slices (issue 15): six simulated intra-operative CTs with ten needles each (random seeds 2201–2206,
 * scanners drawn as {@link NeedleFinderGeneralisationRun} draws them: box, Gaussian and triangle profiles, 12-bit and
 * extended CT numbers, in-plane FWHM 0.6–1.2 mm, noise and streaks). The thick-slice joins, echoes and the end in air
 * were tuned on seeds 1701–1712 and 1801–1824, never on these. Every needle found and nothing else; on Gaussian and
 * triangle slices every tip within the 1 mm; on box slices, where a needle's place inside the slice is not in
 * the image, within 2 mm (the measured worst over 48 such scans is 3.65 mm, docs/needles.md); axes within 2°.
 */
class NeedleFinderThickSliceTest {

    @Test
    void everyNeedleFoundOnThreeMillimetreSlicesOfEveryProfileAndHuScale() {
        IntraOpScanner.SliceProfile[] profiles = IntraOpScanner.SliceProfile.values();
        int found = 0;
        int falseNeedles = 0;
        for (int n = 0; n < 6; n++) {
            long seed = 2201 + n;
            SplittableRandom rnd = new SplittableRandom(seed * 7919);
            IntraOpScanner.SliceProfile profile = profiles[n % 3];
            double maxHu = (n / 3) % 2 == 0 ? 3071 : 30710;
            rnd.nextInt(1);
            IntraOpScanner scanner = new IntraOpScanner(rnd.nextDouble(0.6, 1.2), profile, rnd.nextDouble(10, 40), rnd.nextDouble(0, 350),
                    maxHu);
            Grid grid = new Grid(new Vec3(-191.6, -191.6, -3.0 * 32 / 2), 0.75, 0.75, 3.0, 512, 512, 33);
            IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
            Volume ct = new IntraOpCtGenerator(scanner).render(grid, scenario.placed(), scenario.seeds(), seed);
            NeedleFinding finding = new NeedleFinder().find(ct);
            List<Needle> truth = scenario.placed().stream().map(p -> new Needle(p.hubMm(), p.tipMm(), null, false)).toList();
            NeedleMatching m = new NeedleMatcher(5, 10).match(truth, finding.needles());
            found += m.matches().size();
            falseNeedles += m.unmatchedFound().size();
            double tipLimit = profile == IntraOpScanner.SliceProfile.BOX ? 2.0 : NeedleFinderAcceptanceTest.TIP_TARGET_MM;
            for (NeedleMatch x : m.matches()) {
                SimulatedNeedle t = scenario.placed().get(x.planned());
                FoundNeedle f = m.found().get(x.found());
                String what = String.format(Locale.ROOT, "seed %d (%s, clip %.0f HU) needle %d", seed, profile, maxHu, x.planned() + 1);
                assertThat(f.tipMm().distanceTo(t.tipMm())).as(what + " tip error, mm").isLessThanOrEqualTo(tipLimit);
                assertThat(NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM))).as(what + " axis error, °")
                        .isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
            }
        }
        assertThat(found).as("needles found of 60").isEqualTo(60);
        assertThat(falseNeedles).as("needles found that are not there").isZero();
    }
}
