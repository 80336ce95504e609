package org.seedplan.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentDistanceTest {

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
            assertThat(SegmentDistance.between(a0, a1, b0, b1)).isCloseTo(brute, within(0.1));
            assertThat(SegmentDistance.between(a0, a1, b0, b1)).isLessThanOrEqualTo(brute + 1e-9);
        }
    }

    @Test
    void pointToSegmentAndPointToPoint() {
        // exact geometry: the point (0, 5, 0) is 5 mm from the x axis segment; two points 3-4-5 apart
        assertThat(SegmentDistance.between(new Vec3(0, 5, 0), new Vec3(0, 5, 0), new Vec3(-1, 0, 0), new Vec3(1, 0, 0)))
                .isCloseTo(5, within(1e-12));
        assertThat(SegmentDistance.between(Vec3.ZERO, Vec3.ZERO, new Vec3(3, 4, 0), new Vec3(3, 4, 0))).isCloseTo(5, within(1e-12));
    }

    private static Vec3 rnd(Random r) {
        return new Vec3(r.nextDouble() * 20, r.nextDouble() * 20, r.nextDouble() * 20);
    }
}
