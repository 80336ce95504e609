package org.seedplan.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The frame of a cumulative DVH figure: a white canvas, the dose (Gy) and volume (%) grid with their labels and the
 * plot box, and the mapping from dose and volume to pixels. The caller draws its curves and legend on {@link #g}.
 */
final class DvhFrame {

    private static final Color GRID = new Color(225, 225, 225);

    final BufferedImage image;
    final Graphics2D g;
    final int left;
    final int top;
    final int plotWidth;
    final int plotHeight;
    final double maxDoseGy;

    /**
     * Draws the frame: {@code w × h} pixels with the given margins, dose axis 0–{@code maxDoseGy} with a grid line every
     * {@code tickGy}, volume axis 0–100 % every 20 %.
     */
    DvhFrame(int w, int h, int left, int right, int top, int bottom, double maxDoseGy, double tickGy) {
        this.image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        this.left = left;
        this.top = top;
        this.plotWidth = w - left - right;
        this.plotHeight = h - top - bottom;
        this.maxDoseGy = maxDoseGy;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double d = 0; d <= maxDoseGy + 1e-9; d += tickGy) {
            int x = left + (int) Math.round(d / maxDoseGy * plotWidth);
            g.setColor(GRID);
            g.drawLine(x, top, x, top + plotHeight);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.valueOf((int) Math.round(d)), x - 8, top + plotHeight + 15);
        }
        for (int v = 0; v <= 100; v += 20) {
            int y = top + plotHeight - (int) Math.round(v / 100.0 * plotHeight);
            g.setColor(GRID);
            g.drawLine(left, y, left + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.valueOf(v), left - 28, y + 4);
        }
        g.drawString("dose (Gy)", left + plotWidth / 2 - 25, h - 8);
        g.drawString("volume (%)", 4, top - 6);
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotWidth, plotHeight);
    }

    /** The x pixel of a dose (Gy). */
    double x(double doseGy) {
        return left + doseGy / maxDoseGy * plotWidth;
    }

    /** The y pixel of a volume (% of the structure). */
    double y(double volumePct) {
        return top + plotHeight - volumePct / 100 * plotHeight;
    }
}
