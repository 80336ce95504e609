package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Ray intersections with the 6711's bevelled silver rod (r 0.025, h 0.14, bevel 0.0075 cm), against hand geometry. */
class BevelledRodTest {

    private static final BevelledRod ROD = new BevelledRod(0.025, 0.14, 0.0075);

    @Test
    void rayAlongTheAxisEntersAtTheEndFace() {
        assertThat(ROD.entryDistance(0, 0, 1, 0, 0, -1)).isCloseTo(1 - 0.14, within(1e-12));
        assertThat(ROD.exitDistance(0, 0, 0, 0, 0, 1)).isCloseTo(0.14, within(1e-12));
    }

    @Test
    void rayThroughTheCutCornerMissesTheRod() {
        // parallel to the axis at ρ = 0.024: the bevel's plane there is at z = 0.14 − (0.024 − 0.0175) = 0.1335
        assertThat(ROD.entryDistance(0.024, 0, 1, 0, 0, -1)).isCloseTo(1 - 0.1335, within(1e-12));
        // sideways at z = 0.138: the rod's radius there is 0.0175 + 0.002
        assertThat(ROD.entryDistance(-1, 0, 0.138, 1, 0, 0)).isCloseTo(1 - 0.0195, within(1e-12));
        // sideways through the removed corner (ρ 0.0245 at z 0.1395 would be silver in a plain cylinder)
        assertThat(ROD.entryDistance(0.0245, -1, 0.1395, 0, 1, 0)).isInfinite();
    }

    @Test
    void rayFromTheSideLeavesThroughTheOtherSideOrTheBevel() {
        assertThat(ROD.exitDistance(-0.025, 0, 0, 1, 0, 0)).isCloseTo(0.05, within(1e-12));
        // from the centre of the end face at 45° outwards-up: leaves the face at once
        double c = Math.sqrt(0.5);
        assertThat(ROD.entryDistance(0, 0, 0.14, c, 0, c)).isInfinite();
        // from the axis at z = 0.13 at 45° towards +x,+z: reaches the end face (z 0.14) at ρ 0.01, inside its radius 0.0175
        assertThat(ROD.exitDistance(0, 0, 0.13, c, 0, c)).isCloseTo(0.01 / c, within(1e-12));
        // from z = 0.12 it meets the bevel ρ = 0.1575 − z first, where t·c = 0.1575 − 0.12 − t·c (ρ 0.01875 > 0.0175)
        assertThat(ROD.exitDistance(0, 0, 0.12, c, 0, c)).isCloseTo((0.1575 - 0.12) / (2 * c), within(1e-12));
    }

    @Test
    void rayLeavingFromTheSurfaceDoesNotReEnterAndAMissIsInfinite() {
        assertThat(ROD.entryDistance(0.025, 0, 0, 1, 0, 0)).isInfinite();
        assertThat(ROD.entryDistance(0.03, -1, 0, 0, 1, 0)).isInfinite();
        assertThat(ROD.entryDistance(0, 0, 0.2, 0, 0, 1)).isInfinite();
    }
}
