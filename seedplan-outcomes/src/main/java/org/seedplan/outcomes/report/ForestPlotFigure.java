package org.seedplan.outcomes.report;

import java.util.List;
import java.util.Locale;

/**
 * A forest plot of hazard ratios: one row per term with its point estimate (square) and 95 % confidence
 * interval (line) on a logarithmic axis, a dashed line at HR = 1 and the numbers printed on the right.
 *
 * @param name    file name
 * @param caption caption
 * @param title   title
 * @param rows    the terms
 */
public record ForestPlotFigure(String name, String caption, String title, List<Row> rows) implements Figure {

    /**
     * One term.
     *
     * @param label  term label
     * @param hr     hazard ratio
     * @param lower  lower 95 % limit
     * @param upper  upper 95 % limit
     * @param p      Wald p value
     */
    public record Row(String label, double hr, double lower, double upper, double p) {
    }

    private static final int TOP = 70;
    private static final int ROW = 28;
    private static final int PLOT_LEFT = 290;
    private static final int PLOT_RIGHT = 600;

    public ForestPlotFigure {
        rows = List.copyOf(rows);
    }

    @Override
    public int width() {
        return 860;
    }

    @Override
    public int height() {
        return TOP + ROW * Math.max(1, rows.size()) + 60;
    }

    @Override
    public void draw(Canvas c) {
        c.text(width() / 2.0, 28, title, Palette.TITLE, Palette.TEXT, Canvas.Align.MIDDLE, true, false);
        double lo = 0.5;
        double hi = 2;
        for (Row r : rows) {
            if (Double.isFinite(r.lower()) && r.lower() > 0) {
                lo = Math.min(lo, r.lower());
            }
            if (Double.isFinite(r.upper())) {
                hi = Math.max(hi, r.upper());
            }
        }
        lo = Math.pow(10, Math.floor(Math.log10(lo) * 2) / 2);
        hi = Math.pow(10, Math.ceil(Math.log10(hi) * 2) / 2);
        Axis x = new Axis(lo, hi, PLOT_LEFT, PLOT_RIGHT, true);
        double bottom = TOP + ROW * Math.max(1, rows.size());
        c.text(10, TOP - 16, "Factor", Palette.LABEL, Palette.TEXT, Canvas.Align.START, true, false);
        c.text(PLOT_RIGHT + 20, TOP - 16, "HR (95 % CI)", Palette.LABEL, Palette.TEXT, Canvas.Align.START, true, false);
        c.text(width() - 15, TOP - 16, "p", Palette.LABEL, Palette.TEXT, Canvas.Align.END, true, false);
        for (int i = 0; i < rows.size(); i += 2) {
            c.rect(5, TOP + ROW * i, width() - 10, ROW, new java.awt.Color(246, 246, 246), null);
        }
        for (double t : x.ticks(5)) {
            c.line(x.px(t), TOP - 6, x.px(t), bottom, Palette.GRID, 1, false);
            c.text(x.px(t), bottom + 18, Axis.label(t), Palette.TICK, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
        }
        c.line(x.px(1), TOP - 6, x.px(1), bottom, Palette.AXIS, 1.2, true);
        c.line(PLOT_LEFT, bottom, PLOT_RIGHT, bottom, Palette.AXIS, 1.2, false);
        c.text((PLOT_LEFT + PLOT_RIGHT) / 2.0, bottom + 38, "Hazard ratio (log scale)   ← lower risk | higher risk →",
                Palette.TICK, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
        if (rows.isEmpty()) {
            c.text((PLOT_LEFT + PLOT_RIGHT) / 2.0, TOP + ROW / 2.0 + 4, "No factor could be estimated on this cohort (see the table notes)",
                    Palette.TICK, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
        }
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double cy = TOP + ROW * i + ROW / 2.0;
            c.text(10, cy + 4, r.label(), Palette.TICK, Palette.TEXT, Canvas.Align.START, false, false);
            if (Double.isFinite(r.hr()) && r.hr() > 0) {
                double a = x.px(Math.max(lo, r.lower()));
                double b = x.px(Math.min(hi, r.upper()));
                c.line(a, cy, b, cy, Palette.series(0), 1.8, false);
                double px = x.px(Math.min(hi, Math.max(lo, r.hr())));
                c.rect(px - 5, cy - 5, 10, 10, Palette.series(0), null);
            }
            c.text(PLOT_RIGHT + 20, cy + 4, String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", r.hr(), r.lower(), r.upper()),
                    Palette.TICK, Palette.TEXT, Canvas.Align.START, false, false);
            c.text(width() - 15, cy + 4, Format.p(r.p()), Palette.TICK, Palette.TEXT, Canvas.Align.END, false, false);
        }
    }
}
