package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Means with ± 1 SD error bars over follow-up months, one line per series (NRS pain, QLQ-C30 scales);
 * series are shifted slightly sideways so that their error bars do not overlap.
 *
 * @param name    file name
 * @param caption caption
 * @param title   title
 * @param yLabel  y-axis label with unit
 * @param yMin    y-axis minimum
 * @param yMax    y-axis maximum
 * @param series  the lines
 */
public record LineFigure(String name, String caption, String title, String yLabel, double yMin, double yMax,
                         List<Series> series) implements Figure {

    /**
     * One line: months with mean and SD (NaN = no data at that month) and the n behind each point.
     *
     * @param label  legend label
     * @param months follow-up months (0 = baseline)
     * @param mean   mean per month
     * @param sd     SD per month
     * @param n      patients per month
     */
    public record Series(String label, int[] months, double[] mean, double[] sd, int[] n) {
    }

    private static final int LEFT = 80;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int PLOT_HEIGHT = 330;

    public LineFigure {
        series = List.copyOf(series);
    }

    @Override
    public int width() {
        return 820;
    }

    @Override
    public int height() {
        return TOP + PLOT_HEIGHT + 60;
    }

    @Override
    public void draw(Canvas c) {
        int maxMonth = 1;
        for (Series s : series) {
            for (int m : s.months()) {
                maxMonth = Math.max(maxMonth, m);
            }
        }
        Axis x = new Axis(-0.5, maxMonth + 0.5, LEFT, width() - RIGHT, false);
        Axis y = new Axis(yMin, yMax, TOP + PLOT_HEIGHT, TOP, false);
        c.text((LEFT + width() - RIGHT) / 2.0, 28, title, Palette.TITLE, Palette.TEXT, Canvas.Align.MIDDLE, true, false);
        for (double t : y.ticks(5)) {
            c.line(LEFT, y.px(t), width() - RIGHT, y.px(t), Palette.GRID, 1, false);
            c.text(LEFT - 8, y.px(t) + 4, Axis.label(t), Palette.TICK, Palette.TEXT, Canvas.Align.END, false, false);
        }
        for (int m = 0; m <= maxMonth; m++) {
            c.text(x.px(m), TOP + PLOT_HEIGHT + 18, m == 0 ? "Baseline" : Integer.toString(m), Palette.TICK, Palette.TEXT,
                    Canvas.Align.MIDDLE, false, false);
        }
        c.line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        c.line(LEFT, TOP + PLOT_HEIGHT, width() - RIGHT, TOP + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        c.text(x.px(maxMonth / 2.0), TOP + PLOT_HEIGHT + 40, "Months since implantation", Palette.LABEL, Palette.TEXT,
                Canvas.Align.MIDDLE, false, false);
        c.text(LEFT - 48, y.px((yMin + yMax) / 2), yLabel, Palette.LABEL, Palette.TEXT, Canvas.Align.MIDDLE, false, true);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            double shift = (k - (series.size() - 1) / 2.0) * 0.08;
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < s.months().length; i++) {
                if (Double.isNaN(s.mean()[i])) {
                    continue;
                }
                double px = x.px(s.months()[i] + shift);
                double lo = Math.max(yMin, s.mean()[i] - s.sd()[i]);
                double hi = Math.min(yMax, s.mean()[i] + s.sd()[i]);
                c.line(px, y.px(lo), px, y.px(hi), Palette.series(k), 1.2, false);
                c.line(px - 4, y.px(lo), px + 4, y.px(lo), Palette.series(k), 1.2, false);
                c.line(px - 4, y.px(hi), px + 4, y.px(hi), Palette.series(k), 1.2, false);
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
        c.text(width() - RIGHT + 15, TOP + PLOT_HEIGHT, "points: mean; bars: ± 1 SD", 10, Palette.AXIS, Canvas.Align.START, false, false);
    }
}
