package org.seedplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.PathIterator;
import java.awt.geom.Path2D;
import org.junit.jupiter.api.Test;

/**
 * The marching-squares isoline is chained into polylines, so that a dash pattern runs on along it: a circle is one closed
 * subpath whose vertices lie on the circle; an open line across the field is one open subpath.
 */
class IsolinesTest {

    @Test
    void aCircleIsOneClosedPolylineOnTheCircle() {
        int n = 41;
        float[] field = new float[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                field[i + n * j] = (float) Math.hypot(i - 20, j - 20);
            }
        }
        Path2D path = Isolines.path(field, n, n, 12.3);
        int moves = 0;
        int lines = 0;
        int closes = 0;
        double worst = 0;
        double[] c = new double[6];
        for (PathIterator it = path.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> moves++;
                case PathIterator.SEG_LINETO -> lines++;
                case PathIterator.SEG_CLOSE -> closes++;
                default -> throw new AssertionError("only straight segments expected");
            }
            if (c[0] != 0 || c[1] != 0) {
                // linear interpolation of a distance field along a cell edge is off the circle by less than 0.05 cell at r = 12
                worst = Math.max(worst, Math.abs(Math.hypot(c[0] - 20, c[1] - 20) - 12.3));
            }
            c[0] = 0;
            c[1] = 0;
        }
        assertThat(moves).as("subpaths").isEqualTo(1);
        assertThat(closes).as("closed").isEqualTo(1);
        // the circle crosses 4 × 2 × 12 or so cell edges: one vertex per crossing
        assertThat(lines).isBetween(80, 110);
        assertThat(worst).as("vertex distance from the circle, cells").isLessThan(0.05);
    }

    @Test
    void aLineAcrossTheFieldIsOneOpenPolyline() {
        int n = 20;
        float[] field = new float[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                field[i + n * j] = i + 0.3f * j;
            }
        }
        Path2D path = Isolines.path(field, n, n, 9.5);
        int moves = 0;
        int closes = 0;
        double[] c = new double[6];
        for (PathIterator it = path.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            moves += type == PathIterator.SEG_MOVETO ? 1 : 0;
            closes += type == PathIterator.SEG_CLOSE ? 1 : 0;
        }
        assertThat(moves).as("subpaths").isEqualTo(1);
        assertThat(closes).as("closed").isZero();
    }
}
