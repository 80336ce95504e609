package org.seedplan.outcomes.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seedplan.stats.survival.CumulativeIncidence;

/**
 * Cumulative incidence curves of an event and its competing event (Aalen–Johansen), in percent against months, with
 * 95 % confidence intervals drawn as bars at the plan's horizons and printed under the plot.
 *
 * @param name      file name
 * @param caption   caption
 * @param title     title above the plot
 * @param fit       the estimate (times in days)
 * @param labels    legend label of the event (cause 1) and of the competing event (cause 2)
 * @param horizons  days at which the intervals are drawn and printed
 * @param n         rows (patients or lesions) the estimate is of
 */
public record CumulativeIncidenceFigure(String name, String caption, String title, CumulativeIncidence fit, List<String> labels,
                                        List<Double> horizons, int n) implements Figure {

    private static final double MONTH = 30.4375;
    private static final int LEFT = 110;
    private static final int RIGHT = 30;
    private static final int TOP = 50 + 2 * 18;
    private static final int PLOT_HEIGHT = 330;
    private static final int ROW = 18;

    public CumulativeIncidenceFigure {
        labels = List.copyOf(labels);
        horizons = List.copyOf(horizons);
        if (labels.size() != 2) {
            throw new IllegalArgumentException("cumulative incidence figure " + name + ": give two labels (event, competing event)");
        }
    }

    @Override
    public int width() {
        return 820;
    }

    @Override
    public int height() {
        return TOP + PLOT_HEIGHT + 60 + ROW * 3;
    }

    @Override
    public void draw(Canvas c) {
        double[] times = fit.times();
        double lastDays = times.length == 0 ? 0 : times[times.length - 1];
        for (double h : horizons) {
            lastDays = Math.max(lastDays, h);
        }
        double maxMonths = Math.max(6, Math.ceil(lastDays / MONTH / 6) * 6);
        double stepMonths = maxMonths <= 24 ? 3 : maxMonths <= 48 ? 6 : 12;
        double top = 0;
        for (int cause = 1; cause <= 2; cause++) {
            top = Math.max(top, fit.at(cause, Double.POSITIVE_INFINITY));
            for (double h : horizons) {
                double u = fit.estimate(cause, h).upper();
                top = Math.max(top, Double.isNaN(u) ? 0 : u);
            }
        }
        double yMax = Math.min(1, Math.max(0.2, Math.ceil(top * 5 - 1e-9) / 5));
        Axis x = new Axis(0, maxMonths, LEFT, width() - RIGHT, false);
        Axis y = new Axis(0, yMax, TOP + PLOT_HEIGHT, TOP, false);
        c.text(width() / 2.0, 28, title, Palette.TITLE, Palette.TEXT, Canvas.Align.MIDDLE, true, false);
        double yStep = yMax <= 0.4 ? 0.05 : 0.1;
        for (double v = 0; v <= yMax + 1e-9; v += yStep) {
            c.line(LEFT, y.px(v), width() - RIGHT, y.px(v), Palette.GRID, 1, false);
            c.text(LEFT - 8, y.px(v) + 4, Axis.label(Math.round(v * 100)), Palette.TICK, Palette.TEXT, Canvas.Align.END, false, false);
        }
        for (double m = 0; m <= maxMonths + 1e-9; m += stepMonths) {
            c.line(x.px(m), TOP + PLOT_HEIGHT, x.px(m), TOP + PLOT_HEIGHT + 5, Palette.AXIS, 1, false);
            c.text(x.px(m), TOP + PLOT_HEIGHT + 18, Axis.label(m), Palette.TICK, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
        }
        c.line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        c.line(LEFT, TOP + PLOT_HEIGHT, width() - RIGHT, TOP + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        c.text(x.px(maxMonths / 2), TOP + PLOT_HEIGHT + 38, "Months since implantation", Palette.LABEL, Palette.TEXT, Canvas.Align.MIDDLE,
                false, false);
        c.text(LEFT - 48, y.px(yMax / 2), "Cumulative incidence (%)", Palette.LABEL, Palette.TEXT, Canvas.Align.MIDDLE, false, true);
        for (int cause = 1; cause <= 2; cause++) {
            Color col = Palette.series(cause - 1);
            List<Double> xs = new ArrayList<>(List.of(x.px(0)));
            List<Double> ys = new ArrayList<>(List.of(y.px(0)));
            double p = 0;
            for (double t : times) {
                double next = fit.at(cause, t);
                if (next != p) {
                    xs.add(x.px(t / MONTH));
                    ys.add(y.px(p));
                    p = next;
                    xs.add(x.px(t / MONTH));
                    ys.add(y.px(p));
                }
            }
            xs.add(x.px(lastDays / MONTH));
            ys.add(y.px(p));
            c.polyline(xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray(), col,
                    cause == 1 ? 2.2 : 1.6);
            double offset = cause == 1 ? -4 : 4;
            for (double h : horizons) {
                CumulativeIncidence.Estimate e = fit.estimate(cause, h);
                if (Double.isNaN(e.lower()) || e.upper() == e.lower()) {
                    continue;
                }
                double px = x.px(h / MONTH) + offset;
                c.line(px, y.px(e.lower()), px, y.px(e.upper()), col, 1.3, false);
                c.line(px - 4, y.px(e.lower()), px + 4, y.px(e.lower()), col, 1.3, false);
                c.line(px - 4, y.px(e.upper()), px + 4, y.px(e.upper()), col, 1.3, false);
                c.dot(px, y.px(e.cif()), 2.5, col);
            }
        }
        for (int cause = 1; cause <= 2; cause++) {
            double ly = 52 + 18 * (cause - 1);
            c.line(LEFT, ly - 4, LEFT + 25, ly - 4, Palette.series(cause - 1), 2.5, false);
            c.text(LEFT + 32, ly, labels.get(cause - 1), Palette.TICK, Palette.TEXT, Canvas.Align.START, false, false);
        }
        double ry = TOP + PLOT_HEIGHT + 62;
        c.text(10, ry, "n = " + n + "; bars: 95 % CI (log scale, infinitesimal-jackknife SE) at "
                + String.join(", ", horizons.stream().map(h -> Axis.label(Math.round(h / MONTH * 10) / 10.0)).toList()) + " months",
                Palette.TICK, Palette.TEXT, Canvas.Align.START, false, false);
        for (int cause = 1; cause <= 2; cause++) {
            List<String> parts = new ArrayList<>();
            for (double h : horizons) {
                CumulativeIncidence.Estimate e = fit.estimate(cause, h);
                parts.add(Axis.label(Math.round(h / MONTH * 10) / 10.0) + " mo " + pct(e.cif()) + " % (" + pct(e.lower()) + "–"
                        + pct(e.upper()) + ")");
            }
            c.text(10, ry + ROW * cause, labels.get(cause - 1) + ": " + String.join("; ", parts), Palette.TICK, Palette.series(cause - 1),
                    Canvas.Align.START, false, false);
        }
    }

    private static String pct(double p) {
        return Double.isNaN(p) ? "NA" : String.format(Locale.ROOT, "%.1f", 100 * p);
    }
}
