package org.seedplan.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** A contour's longest diameter in its plane, against shapes whose diameter is known by hand. */
class ContourTest {

    /** Doubles summed from a few coordinates: 1e-12 mm is rounding, far below any reported digit. */
    private static final double ROUNDING_MM = 1e-12;

    @Test
    void aRectanglesLongestDiameterIsItsDiagonal() {
        Contour c = new Contour(5, new double[] {0, 30, 30, 0}, new double[] {0, 0, 40, 40});
        assertThat(c.longestDiameterMm()).isCloseTo(50.0, within(ROUNDING_MM)); // 30-40-50 triangle
    }

    @Test
    void anEllipsesLongestDiameterIsItsMajorAxisWhenItsEndsAreVertices() {
        // 64 vertices at angles k·2π/64 include 0 and π: the ends of the 2·16 mm major axis
        int n = 64;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = -45 + 16 * Math.cos(2 * Math.PI * k / n);
            y[k] = 14 * Math.sin(2 * Math.PI * k / n);
        }
        assertThat(new Contour(0, x, y).longestDiameterMm()).isCloseTo(32.0, within(ROUNDING_MM));
    }
}
