package org.seedplan.planning.template;

/**
 * Embossed marks drawn with round strokes, as 2D signed distances (mm, negative on the stroke):
 * numbers in seven-segment digits, and an arrow. Local coordinates: u to the right, v up.
 */
final class Glyphs {

    /** Digit cell, mm: 3.2 wide, 5.6 high, 1.0 mm strokes, 1.4 mm between digits. */
    static final double DIGIT_WIDTH_MM = 3.2;
    static final double DIGIT_HEIGHT_MM = 5.6;
    static final double STROKE_MM = 1.0;
    static final double DIGIT_GAP_MM = 1.4;

    /** Segments a…g of a seven-segment digit, bit 0 = a (top), clockwise, bit 6 = g (middle). */
    private static final int[] SEGMENTS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};

    private Glyphs() {
    }

    /** Width of {@code text} (digits), mm. */
    static double textWidthMm(String text) {
        return text.length() * DIGIT_WIDTH_MM + (text.length() - 1) * DIGIT_GAP_MM;
    }

    /** Signed distance to the digits of {@code text}, centred on the origin. */
    static double text(String text, double u, double v) {
        double left = -(text.length() * DIGIT_WIDTH_MM + (text.length() - 1) * DIGIT_GAP_MM) / 2;
        double d = Double.MAX_VALUE;
        for (int n = 0; n < text.length(); n++) {
            double cx = left + n * (DIGIT_WIDTH_MM + DIGIT_GAP_MM) + DIGIT_WIDTH_MM / 2;
            d = Math.min(d, digit(text.charAt(n) - '0', u - cx, v));
        }
        return d;
    }

    /** An arrow 7 mm long pointing up (+v), centred on the origin. */
    static double arrow(double u, double v) {
        double r = STROKE_MM / 2;
        double d = stroke(u, v, 0, -3.5, 0, 3.5);
        d = Math.min(d, stroke(u, v, 0, 3.5, -2, 1.3));
        d = Math.min(d, stroke(u, v, 0, 3.5, 2, 1.3));
        return d - r;
    }

    private static double digit(int digit, double u, double v) {
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("not a digit: " + digit);
        }
        double w = (DIGIT_WIDTH_MM - STROKE_MM) / 2;
        double h = (DIGIT_HEIGHT_MM - STROKE_MM) / 2;
        double[][] seg = {
            {-w, h, w, h}, {w, h, w, 0}, {w, 0, w, -h}, {-w, -h, w, -h}, {-w, 0, -w, -h}, {-w, h, -w, 0}, {-w, 0, w, 0},
        };
        double d = Double.MAX_VALUE;
        for (int s = 0; s < 7; s++) {
            if ((SEGMENTS[digit] >> s & 1) != 0) {
                d = Math.min(d, stroke(u, v, seg[s][0], seg[s][1], seg[s][2], seg[s][3]));
            }
        }
        return d - STROKE_MM / 2;
    }

    /** Distance from (u, v) to the segment (a, b). */
    private static double stroke(double u, double v, double ax, double ay, double bx, double by) {
        double ex = bx - ax;
        double ey = by - ay;
        double t = Math.max(0, Math.min(1, ((u - ax) * ex + (v - ay) * ey) / (ex * ex + ey * ey)));
        return Math.hypot(u - ax - t * ex, v - ay - t * ey);
    }
}
