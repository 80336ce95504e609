package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Ray intersections with a seed region (cylinder with flat or hemispherical ends), against hand geometry. */
class SeedRegionTest {

    private static final SeedRegion CAPSULE = new SeedRegion("titanium", 4.54, 0.04, 0.1875, true);
    private static final SeedRegion ROD = new SeedRegion("silver", 10.5, 0.025, 0.14, false);

    @Test
    void rayAlongTheAxisEntersAtTheHemisphericalTip() {
        // from z = 1 cm towards the seed: the tip is at 0.1875 + 0.04 cm
        assertThat(CAPSULE.entryDistance(0, 0, 1, 0, 0, -1)).isCloseTo(1 - 0.2275, within(1e-12));
        assertThat(ROD.entryDistance(0, 0, 1, 0, 0, -1)).isCloseTo(1 - 0.14, within(1e-12));
    }

    @Test
    void rayFromTheCentreLeavesThroughTheSideOrTheCap() {
        assertThat(CAPSULE.exitDistance(0, 0, 0, 1, 0, 0)).isCloseTo(0.04, within(1e-12));
        assertThat(CAPSULE.exitDistance(0, 0, 0, 0, 0, 1)).isCloseTo(0.2275, within(1e-12));
        // 45° off axis from the centre of the upper hemisphere: leaves the sphere at its radius
        double c = Math.sqrt(0.5);
        assertThat(CAPSULE.exitDistance(0, 0, 0.1875, c, 0, c)).isCloseTo(0.04, within(1e-12));
    }

    @Test
    void rayLeavingFromTheSurfaceDoesNotReEnter() {
        assertThat(CAPSULE.entryDistance(0.04, 0, 0, 1, 0, 0)).isInfinite();
        assertThat(CAPSULE.entryDistance(0, 0, 0.2275, 0, 0, 1)).isInfinite();
    }

    @Test
    void rayPassingBesideTheCapsuleMissesIt() {
        assertThat(CAPSULE.entryDistance(0.05, -1, 0, 0, 1, 0)).isInfinite();
        // just past the flat rod's corner but inside the capsule's hemisphere
        assertThat(ROD.entryDistance(0.02, -1, 0.15, 0, 1, 0)).isInfinite();
        assertThat(CAPSULE.entryDistance(0.02, -1, 0.2, 0, 1, 0)).isCloseTo(1 - Math.sqrt(0.04 * 0.04 - 0.02 * 0.02 - 0.0125 * 0.0125),
                within(1e-12));
    }

    @Test
    void containsFollowsTheShape() {
        assertThat(CAPSULE.contains(0, 0, 0.22)).isTrue();
        assertThat(CAPSULE.contains(0.03, 0, 0.22)).isFalse();
        assertThat(ROD.contains(0.02, 0, 0.139)).isTrue();
        assertThat(ROD.contains(0, 0, 0.141)).isFalse();
        assertThat(CAPSULE.outerHalfLengthCm()).isCloseTo(0.2275, within(1e-12));
    }
}
