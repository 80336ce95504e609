package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The scan on which the end fit took a tip one bevel length short (seed 2407 of the 3 mm draw: box profile, 12-bit, needles
 * 8–10° out of the slice plane; needle 4 read 4.13 mm short): along such a needle the misfit has two minima about a bevel
 * length apart, and the deeper one needs the bevel turned half-way between two of the four turns the search used to try.
 * This scan was found in a fresh set and the search was then changed for it, so it is a regression check, not acceptance.
 */
class NeedleFinderBevelTurnTest {

    @Test
    void tiltedNeedlesOnThreeMillimetreBoxSlicesKeepTheirTipsWithinOneMillimetre() {
        // Seed 2407 is scan 6 of the draw from 2401: box profile, clip at 3071 HU. Measured with the eight turns: worst tip 0.73 mm
        // (needle 5, the one a seed touches), needle 4 0.16 mm; with the axis also refitted at the end: worst 0.26 mm. The
        // issue's 1 mm and 2° are asserted.
        NeedleFinderThickSliceTest.Scanned s = NeedleFinderThickSliceTest.scan(2407, 6, 3.0);
        assertThat(s.profile()).isEqualTo(IntraOpScanner.SliceProfile.BOX);
        assertThat(s.maxHu()).isEqualTo(3071);
        NeedleMatching m = s.matching();
        assertThat(m.matches()).as("needles found of 10").hasSize(10);
        assertThat(m.unmatchedFound()).as("needles found that are not there").isEmpty();
        for (NeedleMatch x : m.matches()) {
            SimulatedNeedle t = s.scenario().placed().get(x.planned());
            FoundNeedle f = m.found().get(x.found());
            assertThat(f.tipMm().distanceTo(t.tipMm())).as("needle %d tip error, mm", x.planned() + 1)
                    .isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
            assertThat(NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM))).as("needle %d axis error, °",
                    x.planned() + 1).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
        }
    }
}
