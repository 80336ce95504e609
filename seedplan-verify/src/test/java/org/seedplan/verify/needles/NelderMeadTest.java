package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NelderMeadTest {

    @Test
    void findsTheMinimumOfRosenbrocksValleyFromTheUsualStart() {
        // Rosenbrock (1960): minimum 0 at (1, 1); the classic start (−1.2, 1) lies across the curved valley.
        double[] x = NelderMead.minimise(p -> 100 * Math.pow(p[1] - p[0] * p[0], 2) + Math.pow(1 - p[0], 2), new double[] {-1.2, 1},
                new double[] {0.5, 0.5}, 5000, 1e-14);
        // Tolerance: the simplex stops when its values agree to 1e-14, i.e. within ~1e-4 of the minimum in this valley.
        assertThat(x[0]).isCloseTo(1, within(1e-3));
        assertThat(x[1]).isCloseTo(1, within(1e-3));
    }

    @Test
    void stopsAfterTheGivenNumberOfEvaluations() {
        int[] calls = {0};
        NelderMead.minimise(p -> {
            calls[0]++;
            return p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
        }, new double[] {5, 5, 5}, new double[] {1, 1, 1}, 40, 0);
        // A step may take up to n + 1 evaluations (a shrink) beyond the limit it started under.
        assertThat(calls[0]).isBetween(40, 40 + 4);
    }
}
