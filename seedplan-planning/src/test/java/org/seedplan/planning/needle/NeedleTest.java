package org.seedplan.planning.needle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

class NeedleTest {

    @Test
    void segmentDistanceEqualsBruteForceMinimum() {
        Random random = new Random(3);
        for (int n = 0; n < 300; n++) {
            Vec3 a0 = rnd(random), a1 = rnd(random), b0 = rnd(random), b1 = rnd(random);
            double brute = Double.POSITIVE_INFINITY;
            for (int i = 0; i <= 400; i++) {
                Vec3 p = a0.plus(a1.minus(a0).times(i / 400.0));
                for (int j = 0; j <= 400; j++) {
                    brute = Math.min(brute, p.distanceTo(b0.plus(b1.minus(b0).times(j / 400.0))));
                }
            }
            // The brute force samples every 1/400 of segments ≤ 35 mm long: it overestimates by at most ~0.1 mm.
            assertThat(Needle.segmentDistanceMm(a0, a1, b0, b1)).isCloseTo(brute, within(0.1));
            assertThat(Needle.segmentDistanceMm(a0, a1, b0, b1)).isLessThanOrEqualTo(brute + 1e-9);
        }
    }

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

    private static Vec3 rnd(Random r) {
        return new Vec3(r.nextDouble() * 20, r.nextDouble() * 20, r.nextDouble() * 20);
    }
}
