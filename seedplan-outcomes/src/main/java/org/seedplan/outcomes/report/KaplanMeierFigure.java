package org.seedplan.outcomes.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.stats.survival.KaplanMeierCurve;

/**
 * Kaplan–Meier curves as the papers draw them: survival steps in percent against months, censored
 * observations marked with a vertical tick on the curve, and a numbers-at-risk table under the x axis.
 * Curve times are in days and shown in months (÷ 30.4375).
 *
 * @param name     file name
 * @param caption  caption
 * @param title    title above the plot
 * @param curves   the curves (one per group)
 * @param labels   legend label of each curve
 * @param note     text printed in the lower left of the plot (e.g. the log-rank p value), or empty; with lines before it
 *                 ({@code \n}-separated, one per curve: medians, rates) printed under the numbers at risk
 */
public record KaplanMeierFigure(String name, String caption, String title, List<KaplanMeierCurve> curves,
                                List<String> labels, String note) implements Figure {

    private static final double MONTH = 30.4375;
    private static final int LEFT = 150;
    private static final int RIGHT = 30;
    private static final int PLOT_HEIGHT = 330;
    private static final int ROW = 20;
    private static final int SUMMARY_ROW = 18;

    public KaplanMeierFigure {
        curves = List.copyOf(curves);
        labels = List.copyOf(labels);
        if (curves.size() != labels.size() || curves.isEmpty()) {
            throw new IllegalArgumentException("Kaplan–Meier figure " + name + ": give one label per curve and at least one curve");
        }
    }

    @Override
    public int width() {
        return 820;
    }

    @Override
    public int height() {
        return top() + PLOT_HEIGHT + 60 + ROW * (curves.size() + 1) + 10 + (note.split("\n").length - 1) * SUMMARY_ROW
                + (note.contains("\n") ? 12 : 0);
    }

    @Override
    public void draw(Canvas c) {
        int top = top();
        double maxDays = 0;
        for (KaplanMeierCurve k : curves) {
            if (k.time().length > 0) {
                maxDays = Math.max(maxDays, k.time()[k.time().length - 1]);
            }
        }
        double maxMonths = Math.max(6, Math.ceil(maxDays / MONTH / 6) * 6);
        double stepMonths = maxMonths <= 24 ? 3 : maxMonths <= 48 ? 6 : 12;
        Axis x = new Axis(0, maxMonths, LEFT, width() - RIGHT, false);
        Axis y = new Axis(0, 1, top + PLOT_HEIGHT, top, false);
        c.text(width() / 2.0, 28, title, Palette.TITLE, Palette.TEXT, Canvas.Align.MIDDLE, true, false);
        for (double v = 0; v <= 1.0001; v += 0.2) {
            c.line(LEFT, y.px(v), width() - RIGHT, y.px(v), Palette.GRID, 1, false);
            c.text(LEFT - 8, y.px(v) + 4, Axis.label(Math.round(v * 100)), Palette.TICK, Palette.TEXT, Canvas.Align.END, false, false);
        }
        List<Double> ticks = new ArrayList<>();
        for (double m = 0; m <= maxMonths + 1e-9; m += stepMonths) {
            ticks.add(m);
        }
        for (double m : ticks) {
            c.line(x.px(m), top + PLOT_HEIGHT, x.px(m), top + PLOT_HEIGHT + 5, Palette.AXIS, 1, false);
            c.text(x.px(m), top + PLOT_HEIGHT + 18, Axis.label(m), Palette.TICK, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
        }
        c.line(LEFT, top, LEFT, top + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        c.line(LEFT, top + PLOT_HEIGHT, width() - RIGHT, top + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        c.text(x.px(maxMonths / 2), top + PLOT_HEIGHT + 38, "Months since implantation", Palette.LABEL, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
        c.text(LEFT - 45, y.px(0.5), "Survival probability (%)", Palette.LABEL, Palette.TEXT, Canvas.Align.MIDDLE, false, true);

        for (int g = 0; g < curves.size(); g++) {
            KaplanMeierCurve k = curves.get(g);
            Color col = Palette.series(g);
            List<Double> xs = new ArrayList<>(List.of(x.px(0)));
            List<Double> ys = new ArrayList<>(List.of(y.px(1)));
            double s = 1;
            for (int i = 0; i < k.time().length; i++) {
                double px = x.px(k.time()[i] / MONTH);
                if (k.nEvent()[i] > 0) {
                    xs.add(px);
                    ys.add(y.px(s));
                    s = k.surv()[i];
                    xs.add(px);
                    ys.add(y.px(s));
                }
            }
            if (k.time().length > 0) {
                xs.add(x.px(k.time()[k.time().length - 1] / MONTH));
                ys.add(y.px(s));
            }
            c.polyline(xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray(), col, 2);
            for (int i = 0; i < k.time().length; i++) {
                if (k.nCensor()[i] > 0) {
                    double px = x.px(k.time()[i] / MONTH);
                    double py = y.px(k.surv()[i]);
                    c.line(px, py - 5, px, py + 5, col, 1.3, false);
                }
            }
        }
        // legend between the title and the plot, where it can cover no curve
        for (int g = 0; g < curves.size(); g++) {
            KaplanMeierCurve k = curves.get(g);
            double ly = 52 + 18 * g;
            c.line(LEFT, ly - 4, LEFT + 25, ly - 4, Palette.series(g), 2.5, false);
            c.text(LEFT + 32, ly, labels.get(g) + " (n = " + k.n() + ", events " + k.events() + ")", Palette.TICK, Palette.TEXT,
                    Canvas.Align.START, false, false);
        }
        String[] lines = note.split("\n");
        if (!note.isEmpty()) {
            c.text(LEFT + 12, y.px(0.06), lines[lines.length - 1], Palette.LABEL, Palette.TEXT, Canvas.Align.START, false, false);
        }
        double ry = top + PLOT_HEIGHT + 62;
        c.text(10, ry, "Number at risk", Palette.TICK, Palette.TEXT, Canvas.Align.START, true, false);
        for (int g = 0; g < curves.size(); g++) {
            double rowY = ry + ROW * (g + 1);
            c.text(10, rowY, shorten(labels.get(g)), Palette.TICK, Palette.series(g), Canvas.Align.START, false, false);
            for (double m : ticks) {
                int atRisk = curves.get(g).at(m * MONTH, Double.NEGATIVE_INFINITY).nRisk();
                c.text(x.px(m), rowY, Integer.toString(atRisk), Palette.TICK, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
            }
        }
        for (int i = 0; i < lines.length - 1; i++) {
            c.text(10, ry + ROW * (curves.size() + 1) + 8 + SUMMARY_ROW * (i + 1), lines[i], Palette.TICK, Palette.series(i), Canvas.Align.START,
                    false, false);
        }
    }

    /** Top of the plot area: below the title and one legend line per curve. */
    private int top() {
        return 50 + 18 * curves.size();
    }

    private static String shorten(String s) {
        // the group's level is at the end of its label ("Lesion D90 (Gy) < 110"): keep the end
        return s.length() > 20 ? "…" + s.substring(s.length() - 19) : s;
    }
}
