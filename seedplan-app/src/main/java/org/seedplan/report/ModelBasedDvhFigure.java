package org.seedplan.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
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
        List<DvhBand> bands = e.dvhBands();
        List<Dvh> tg43 = e.tg43Dvhs();
        double maxDose = axisEnd(bands, tg43);
        DvhFrame frame = new DvhFrame(640, 400, 60, 170, 20, 45, maxDose, tick(maxDose));
        Graphics2D g = frame.g;
        int left = frame.left;
        int top = frame.top;
        int pw = frame.plotWidth;
        g.setColor(Color.DARK_GRAY);
        g.drawString("Cumulative DVH: " + DoseSpecification.TG43_WATER.label() + " vs " + e.modelBased().specification().label(),
                left + 90, top - 6);
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
                double x = frame.x(b.doseGy()[i]);
                point(band, i, x, frame.y(b.upperPct(i)));
                point(tg, i, x, frame.y(tg43.get(s).volumeAtLeastPercent(b.doseGy()[i])));
                point(model, i, x, frame.y(b.volumePct()[i]));
            }
            for (int i = n - 1; i >= 0; i--) {
                band.lineTo(frame.x(b.doseGy()[i]), frame.y(b.lowerPct(i)));
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
        return frame.image;
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
