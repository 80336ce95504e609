package org.seedplan.planning.needle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

class NeedleTest {

    @Test
    void anglesOfANeedleFollowItsDirection() {
        Needle n = new Needle(new Vec3(0, 0, 0), new Vec3(10, 0, 10), null, false);
        // Exact geometry: a 45° needle in the x–z plane.
        assertThat(n.tiltFromAxialDeg()).isCloseTo(45, within(1e-9));
        assertThat(n.axialAngleDeg()).isCloseTo(0, within(1e-9));
        assertThat(n.angleToDeg(new Vec3(0, 0, 1))).isCloseTo(45, within(1e-9));
        assertThat(n.depthMm()).isCloseTo(Math.sqrt(200), within(1e-12));
    }

    @Test
    void templateHolesAreLabelledLikeAPrintedTemplate() {
        assertThat(CoplanarTemplateLayout.label(0, 0)).isEqualTo("A1");
        assertThat(CoplanarTemplateLayout.label(25, 12)).isEqualTo("Z13");
        assertThat(CoplanarTemplateLayout.label(26, 0)).isEqualTo("AA1");
    }
}
