package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Means with ± 1 SD bars at baseline and at an analysis plan's time points (any horizon, labelled as the plan
 * names them), one line per series; an asterisk above a point marks a paired test against baseline with
 * p below the plan's alpha. Series are shifted sideways so that their bars do not overlap.
 *
 * @param name    file name
 * @param caption caption
 * @param title   title
 * @param yLabel  y-axis label with unit
 * @param yMin    y-axis minimum
 * @param yMax    y-axis maximum
 * @param labels  x labels: "Baseline" then the time points
 * @param series  the lines
 * @param alpha   significance level of the marks
 */
public record TimePointFigure(String name, String caption, String title, String yLabel, double yMin, double yMax, List<String> labels,
                              List<Series> series, double alpha) implements Figure {

    /**
     * One line: mean, SD, n and the paired p against baseline at each label (NaN = none).
     *
     * @param label legend label
     * @param mean  mean per label
     * @param sd    SD per label
     * @param n     values per label
     * @param p     paired p against baseline per label (NaN at baseline or untested)
     */
    public record Series(String label, double[] mean, double[] sd, int[] n, double[] p) {
    }

    private static final int LEFT = 80;
    private static final int RIGHT = 250;
    private static final int TOP = 50;
    private static final int PLOT_HEIGHT = 330;

    public TimePointFigure {
        labels = List.copyOf(labels);
        series = List.copyOf(series);
    }

    @Override
    public int width() {
        return 860;
    }

    @Override
    public int height() {
        return TOP + PLOT_HEIGHT + 70;
    }

    @Override
    public void draw(Canvas c) {
        int last = labels.size() - 1;
        Axis x = new Axis(-0.5, last + 0.5, LEFT, width() - RIGHT, false);
        Axis y = new Axis(yMin, yMax, TOP + PLOT_HEIGHT, TOP, false);
        c.text((LEFT + width() - RIGHT) / 2.0, 28, title, Palette.TITLE, Palette.TEXT, Canvas.Align.MIDDLE, true, false);
        for (double t : y.ticks(5)) {
            c.line(LEFT, y.px(t), width() - RIGHT, y.px(t), Palette.GRID, 1, false);
            c.text(LEFT - 8, y.px(t) + 4, Axis.label(t), Palette.TICK, Palette.TEXT, Canvas.Align.END, false, false);
        }
        for (int i = 0; i <= last; i++) {
            c.text(x.px(i), TOP + PLOT_HEIGHT + 18, labels.get(i), Palette.TICK, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
        }
        c.line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        c.line(LEFT, TOP + PLOT_HEIGHT, width() - RIGHT, TOP + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        c.text(x.px(last / 2.0), TOP + PLOT_HEIGHT + 40, "Time after implantation", Palette.LABEL, Palette.TEXT, Canvas.Align.MIDDLE,
                false, false);
        c.text(LEFT - 48, y.px((yMin + yMax) / 2), yLabel, Palette.LABEL, Palette.TEXT, Canvas.Align.MIDDLE, false, true);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            double shift = (k - (series.size() - 1) / 2.0) * Math.min(0.08, 0.6 / Math.max(1, series.size()));
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.mean().length; i++) {
                if (Double.isNaN(s.mean()[i])) {
                    continue;
                }
                double px = x.px(i + shift);
                double sd = Double.isNaN(s.sd()[i]) ? 0 : s.sd()[i];
                double lo = Math.max(yMin, s.mean()[i] - sd);
                double hi = Math.min(yMax, s.mean()[i] + sd);
                c.line(px, y.px(lo), px, y.px(hi), Palette.series(k), 1.2, false);
                c.line(px - 4, y.px(lo), px + 4, y.px(lo), Palette.series(k), 1.2, false);
                c.line(px - 4, y.px(hi), px + 4, y.px(hi), Palette.series(k), 1.2, false);
                if (s.p()[i] < alpha) {
                    c.text(px, y.px(hi) - 5, "*", Palette.LABEL + 2, Palette.series(k), Canvas.Align.MIDDLE, true, false);
                }
                xs.add(px);
                ys.add(y.px(s.mean()[i]));
            }
            c.polyline(xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray(),
                    Palette.series(k), 2);
            for (int i = 0; i < xs.size(); i++) {
                c.dot(xs.get(i), ys.get(i), 3.5, Palette.series(k));
            }
            double ly = TOP + 12 + 20 * k;
            c.line(width() - RIGHT + 15, ly - 4, width() - RIGHT + 38, ly - 4, Palette.series(k), 2.5, false);
            c.text(width() - RIGHT + 44, ly, s.label(), Palette.TICK, Palette.TEXT, Canvas.Align.START, false, false);
        }
        c.text(width() - RIGHT + 15, TOP + PLOT_HEIGHT - 14, "points: mean; bars: ± 1 SD", 10, Palette.AXIS, Canvas.Align.START, false,
                false);
        c.text(width() - RIGHT + 15, TOP + PLOT_HEIGHT, "* paired test vs baseline p < " + alpha, 10, Palette.AXIS, Canvas.Align.START,
                false, false);
    }
}
