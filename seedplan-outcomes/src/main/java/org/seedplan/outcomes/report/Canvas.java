package org.seedplan.outcomes.report;

import java.awt.Color;

/**
 * A minimal drawing surface (pixels, origin top left, y downwards) that figures draw on once and that
 * renders as SVG ({@link SvgCanvas}) or as a raster image ({@link RasterCanvas}).
 */
public interface Canvas {

    /** Horizontal text alignment relative to the anchor point. */
    enum Align { START, MIDDLE, END }

    /** A straight line; {@code dashed} draws it dashed. */
    void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed);

    /** A connected line through the points. */
    void polyline(double[] xs, double[] ys, Color color, double width);

    /** A rectangle, filled with {@code fill} (null = none) and outlined with {@code stroke} (null = none). */
    void rect(double x, double y, double w, double h, Color fill, Color stroke);

    /** A filled circle. */
    void dot(double x, double y, double radius, Color color);

    /** Text with its baseline at {@code y}; {@code vertical} rotates it by −90° around the anchor. */
    void text(double x, double y, String text, double size, Color color, Align align, boolean bold, boolean vertical);
}
