package org.seedplan.report;

import java.awt.Graphics2D;
import java.awt.geom.Line2D;

/**
 * Draws the level line of a sampled 2D field by marching squares (Lorensen &amp; Cline 1987, in
 * 2D): in every cell of four neighbouring samples, the crossings on its edges found by linear
 * interpolation are joined by segments. Samples sit at pixel positions {@code (x0 + i·step, y0 + j·step)}.
 */
final class Isolines {

    private Isolines() {
    }

    /** Strokes the line where {@code field} (row-major, {@code nx} × {@code ny}) crosses {@code level}. */
    static void draw(Graphics2D g, float[] field, int nx, int ny, double level, double x0, double y0, double step) {
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                double a = field[i + nx * j];
                double b = field[i + 1 + nx * j];
                double c = field[i + 1 + nx * (j + 1)];
                double d = field[i + nx * (j + 1)];
                int code = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
                if (code == 0 || code == 15) {
                    continue;
                }
                double[] px = new double[4];
                double[] py = new double[4];
                int n = 0;
                // edges: top (a-b), right (b-c), bottom (d-c), left (a-d)
                if ((a >= level) != (b >= level)) {
                    px[n] = i + t(a, b, level);
                    py[n++] = j;
                }
                if ((b >= level) != (c >= level)) {
                    px[n] = i + 1;
                    py[n++] = j + t(b, c, level);
                }
                if ((d >= level) != (c >= level)) {
                    px[n] = i + t(d, c, level);
                    py[n++] = j + 1;
                }
                if ((a >= level) != (d >= level)) {
                    px[n] = i;
                    py[n++] = j + t(a, d, level);
                }
                for (int s = 0; s + 1 < n; s += 2) {
                    g.draw(new Line2D.Double(x0 + px[s] * step, y0 + py[s] * step, x0 + px[s + 1] * step, y0 + py[s + 1] * step));
                }
            }
        }
    }

    private static double t(double from, double to, double level) {
        return (level - from) / (to - from);
    }
}
