package org.seedplan.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.seedplan.dose.modelbased.DoseSpecification;
import org.seedplan.dose.modelbased.DvhBand;
import org.seedplan.dose.modelbased.PatientModelBasedDose;
import org.seedplan.dvh.Dvh;

/**
 * The report's DVH figure of a model-based dose: each structure's cumulative DVH under TG-43 (solid) and the model-based
 * dose (dashed) with the model-based statistical 1σ band shaded ({@link DvhBand}), the legend naming which dose is which.
 */
final class ModelBasedDvhFigure {

    private static final Color[] COLOURS = {new Color(200, 30, 170), new Color(110, 60, 220), new Color(0, 150, 70), new Color(170, 100, 30),
        new Color(0, 120, 200), new Color(120, 120, 120)};

    private ModelBasedDvhFigure() {
    }

    /** The figure of {@code e}: every structure of its bands, up to where all curves have fallen below 3 %. */
    static BufferedImage of(PatientModelBasedDose.Evaluation e) {
        int w = 640;
        int h = 400;
        int left = 60;
        int right = 170;
        int top = 20;
        int bottom = 45;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        List<DvhBand> bands = e.dvhBands();
        List<Dvh> tg43 = e.tg43Dvhs();
        double maxDose = axisEnd(bands, tg43);
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        double tick = tick(maxDose);
        for (double d = 0; d <= maxDose + 1e-9; d += tick) {
            int x = left + (int) Math.round(d / maxDose * pw);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, top, x, top + ph);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f", d), x - 8, top + ph + 15);
        }
        for (int v = 0; v <= 100; v += 20) {
            int y = top + ph - (int) Math.round(v / 100.0 * ph);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(left, y, left + pw, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.valueOf(v), left - 28, y + 4);
        }
        g.drawString("dose (Gy)", left + pw / 2 - 25, h - 8);
        g.drawString("volume (%)", 4, top - 6);
        g.drawString("Cumulative DVH: " + DoseSpecification.TG43_WATER.label() + " vs " + e.modelBased().specification().label(),
                left + 90, top - 6);
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        String mb = e.modelBased().specification().label();
        int ly = top + 10;
        for (int s = 0; s < bands.size(); s++) {
            DvhBand b = bands.get(s);
            Color colour = COLOURS[s % COLOURS.length];
            Path2D.Double band = new Path2D.Double();
            Path2D.Double tg = new Path2D.Double();
            Path2D.Double model = new Path2D.Double();
            int n = 0;
            while (n < b.doseGy().length && b.doseGy()[n] <= maxDose) {
                n++;
            }
            for (int i = 0; i < n; i++) {
                double x = left + b.doseGy()[i] / maxDose * pw;
                point(band, i, x, top + ph - b.upperPct(i) / 100 * ph);
                point(tg, i, x, top + ph - tg43.get(s).volumeAtLeastPercent(b.doseGy()[i]) / 100 * ph);
                point(model, i, x, top + ph - b.volumePct()[i] / 100 * ph);
            }
            for (int i = n - 1; i >= 0; i--) {
                band.lineTo(left + b.doseGy()[i] / maxDose * pw, top + ph - b.lowerPct(i) / 100 * ph);
            }
            band.closePath();
            g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 70));
            g.fill(band);
            g.setColor(colour);
            g.setStroke(new BasicStroke(1.8f));
            g.draw(tg);
            g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            g.draw(model);
            g.setStroke(new BasicStroke(1f));
            g.fillRect(left + pw + 12, ly - 8, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(b.structure(), left + pw + 32, ly - 3);
            ly += 18;
        }
        g.setColor(Color.BLACK);
        ly += 8;
        g.drawString("solid: " + DoseSpecification.TG43_WATER.label(), left + pw + 12, ly);
        g.drawString("dashed: " + mb, left + pw + 12, ly + 16);
        g.drawString("shaded: " + mb + " +/- 1 sigma", left + pw + 12, ly + 32);
        g.drawString("(Monte Carlo statistics)", left + pw + 12, ly + 48);
        g.dispose();
        return img;
    }

    private static void point(Path2D.Double p, int i, double x, double y) {
        if (i == 0) {
            p.moveTo(x, y);
        } else {
            p.lineTo(x, y);
        }
    }

    /** Where every curve has fallen below 3 % (×1.1), at most the bands' own end. */
    private static double axisEnd(List<DvhBand> bands, List<Dvh> tg43) {
        double end = 10;
        for (int s = 0; s < bands.size(); s++) {
            DvhBand b = bands.get(s);
            double last = b.doseGy()[b.doseGy().length - 1];
            double here = last;
            for (int i = 0; i < b.doseGy().length; i++) {
                if (b.upperPct(i) < 3 && tg43.get(s).volumeAtLeastPercent(b.doseGy()[i]) < 3) {
                    here = Math.min(last, 1.1 * b.doseGy()[i]);
                    break;
                }
            }
            end = Math.max(end, here);
        }
        return end;
    }

    /** A round tick step giving 5–10 ticks. */
    private static double tick(double max) {
        double p = Math.pow(10, Math.floor(Math.log10(max / 8)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (max / (m * p) <= 10) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
