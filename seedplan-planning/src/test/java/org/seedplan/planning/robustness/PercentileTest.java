package org.seedplan.planning.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentileTest {

    @Test
    void type7PercentilesMatchR() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // R: quantile(1:10, c(.05, .5, .95)) (type 7 default) = 1.45, 5.5, 9.55.
        assertThat(RobustnessSimulation.percentile(x, 5)).isCloseTo(1.45, within(1e-12));
        assertThat(RobustnessSimulation.percentile(x, 50)).isCloseTo(5.5, within(1e-12));
        assertThat(RobustnessSimulation.percentile(x, 95)).isCloseTo(9.55, within(1e-12));
    }
}
