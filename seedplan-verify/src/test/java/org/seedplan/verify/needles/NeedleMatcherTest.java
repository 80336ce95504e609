package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.needle.Needle;

/** Pairing planned with found needles, the errors reported per pair, and needles left unpaired. */
class NeedleMatcherTest {

    private static FoundNeedle found(Vec3 hubSide, Vec3 tip, boolean certain) {
        Vec3 axis = tip.minus(hubSide).normalized();
        List<Vec3> path = new java.util.ArrayList<>();
        double len = hubSide.distanceTo(tip);
        for (double s = 0; s < len; s += 2) {
            path.add(hubSide.plus(axis.times(s)));
        }
        path.add(tip);
        return new FoundNeedle(tip, hubSide, axis, len, path, false, certain, 0.3, 0, 0, 0, 0);
    }

    @Test
    void tipErrorSplitsIntoDepthAndLateralAndAngleIsBetweenAxes() {
        Needle plan = new Needle(new Vec3(0, -100, 0), new Vec3(0, 0, 0), null, false);
        // 3 mm deeper, 4 mm to the side, axis tilted by atan(4/100).
        FoundNeedle f = found(new Vec3(0, -97, 0), new Vec3(4, 3, 0), true);
        NeedleMatching m = new NeedleMatcher().match(List.of(plan), List.of(f));
        assertThat(m.matches()).hasSize(1);
        NeedleMatch x = m.matches().get(0);
        assertThat(x.tipErrorMm()).isCloseTo(5, within(1e-9));
        assertThat(x.depthErrorMm()).isCloseTo(3, within(1e-9));
        assertThat(x.lateralErrorMm()).isCloseTo(4, within(1e-9));
        assertThat(x.angleErrorDeg()).isCloseTo(Math.toDegrees(Math.atan2(4, 100)), within(1e-9));
    }

    @Test
    void assignmentMinimisesTheTotalAndLeavesFarNeedlesUnpaired() {
        Needle a = new Needle(new Vec3(0, -100, 0), new Vec3(0, 0, 0), null, false);
        Needle b = new Needle(new Vec3(6, -100, 0), new Vec3(6, 0, 0), null, false);
        Needle lost = new Needle(new Vec3(60, -100, 0), new Vec3(60, 0, 0), null, false);
        // Found near b and near a (in the other order), plus one needle nowhere in the plan.
        FoundNeedle nearB = found(new Vec3(7, -100, 0), new Vec3(7, 1, 0), true);
        FoundNeedle nearA = found(new Vec3(-1, -100, 0), new Vec3(-1, 1, 0), true);
        FoundNeedle stray = found(new Vec3(-60, -100, 0), new Vec3(-60, 0, 30), true);
        NeedleMatching m = new NeedleMatcher().match(List.of(a, b, lost), List.of(nearB, nearA, stray));
        assertThat(m.matches()).extracting(NeedleMatch::planned, NeedleMatch::found)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(1, 0));
        assertThat(m.unmatchedPlanned()).containsExactly(2);
        assertThat(m.unmatchedFound()).containsExactly(2);
        assertThat(m.meanTipErrorMm()).isCloseTo(Math.sqrt(2), within(1e-9));
    }

    @Test
    void aNeedleWhoseTipTheScanCouldNotTellIsTurnedToAgreeWithThePlan() {
        Needle plan = new Needle(new Vec3(0, -100, 0), new Vec3(0, 0, 0), null, false);
        FoundNeedle backwards = found(new Vec3(0, 1, 0), new Vec3(0, -99, 0), false);
        NeedleMatching m = new NeedleMatcher().match(List.of(plan), List.of(backwards));
        assertThat(m.matches()).hasSize(1);
        assertThat(m.found().get(0).tipMm().distanceTo(new Vec3(0, 1, 0))).isLessThan(1e-9);
        assertThat(m.matches().get(0).tipErrorMm()).isCloseTo(1, within(1e-9));
        // The same needle with a certain tip at the wrong end is not paired: 99 mm is beyond the gate.
        NeedleMatching sure = new NeedleMatcher().match(List.of(plan), List.of(found(new Vec3(0, 1, 0), new Vec3(0, -99, 0), true)));
        assertThat(sure.matches()).isEmpty();
    }

    @Test
    void gatesOutOfRangeAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NeedleMatcher(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gates");
    }
}
