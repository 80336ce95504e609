package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A needle's tip part lost with a run dropped when a pair of runs is read again along z (docs/needles.md, twenty-fourth round,
 * branch {@code needlepart}): scan 4300 of the set 4285–4308 (fresh in the twenty-third round, seen since; box, extended CT
 * numbers), drawn as the generalisation run draws it. Needle 6 (3.8° out of the plane) was read as a staircase run of the whole
 * needle (its hub end on needle 2's steel) and a run of its middle in one slice; the middle run alone explained the CT best and
 * the staircase run was dropped with its tip part (56 mm one slice below): the tip read 7.5 mm short, a false needle, needle 6
 * missed (the start commit's generalisation run on this draw; this test fails there on the false needle). The voxels a dropped
 * run held that no kept run holds are now taken again, and the tip part is joined.
 */
class NeedleFinderTipPartTest {

    @Test
    void aDroppedRunsTipPartIsTakenAgain() {
        // 4300, the 16th scan: needle 6's tip part (124 voxels no kept run held, in a 58.4 mm run of 165) taken again and joined;
        // measured 0.08 mm and 0.00° (the start commit: missed, its tip 7.5 mm short, a 125.5 mm false needle).
        assertFoundRight(4300, 15, 6);
    }

    private static void assertFoundRight(long seed, int n, int needle) {
        NeedleFinderThickSliceTest.Scanned s = NeedleFinderThickSliceTest.scan(seed, n, 5.0);
        NeedleMatching m = s.matching();
        List<SimulatedNeedle> placed = s.scenario().placed();
        assertThat(m.unmatchedFound()).as("false needles on %d", seed).isEmpty();
        NeedleMatch x = m.matches().stream().filter(k -> k.planned() == needle - 1).findFirst().orElseThrow(
                () -> new AssertionError("needle " + needle + " of " + seed + " missed"));
        FoundNeedle f = m.found().get(x.found());
        SimulatedNeedle t = placed.get(needle - 1);
        double tip = f.tipMm().distanceTo(t.tipMm());
        double axis = NeedleMatcher.angleDeg(f.axisAtTip(), t.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
        System.out.printf(Locale.ROOT, "%d needle %d: tip %.2f mm, axis %.2f°%n", seed, needle, tip, axis);
        // The bounds for a needle found right: 1 mm at the tip, 2° on the axis.
        assertThat(tip).as("tip, mm").isLessThan(1);
        assertThat(axis).as("axis, degrees").isLessThan(2);
    }
}
