package org.seedplan.outcomes.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.seedplan.outcomes.response.MonthlyResponse;
import org.seedplan.outcomes.response.Response;

/**
 * Stacked bars of the response categories per follow-up month (percent of the evaluable patients), with
 * ORR and DCR printed above each bar.
 *
 * @param name     file name
 * @param caption  caption
 * @param title    title
 * @param months   the monthly tallies
 */
public record ResponseBarsFigure(String name, String caption, String title, List<MonthlyResponse> months) implements Figure {

    private static final int LEFT = 80;
    private static final int RIGHT = 215;
    private static final int TOP = 70;
    private static final int PLOT_HEIGHT = 320;
    private static final Response[] STACK = {Response.CR, Response.PR, Response.SD, Response.PD};
    private static final String[] STACK_LABELS = {"CR", "PR", "SD (incl. non-CR/non-PD)", "PD"};
    private static final Color[] COLORS = {new Color(0, 114, 178), new Color(86, 180, 233), new Color(230, 159, 0), new Color(213, 94, 0)};

    public ResponseBarsFigure {
        months = List.copyOf(months);
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
        Axis y = new Axis(0, 100, TOP + PLOT_HEIGHT, TOP, false);
        double plotW = width() - LEFT - RIGHT;
        double slot = plotW / Math.max(1, months.size());
        c.text((LEFT + width() - RIGHT) / 2.0, 28, title, Palette.TITLE, Palette.TEXT, Canvas.Align.MIDDLE, true, false);
        for (double t : y.ticks(5)) {
            c.line(LEFT, y.px(t), width() - RIGHT, y.px(t), Palette.GRID, 1, false);
            c.text(LEFT - 8, y.px(t) + 4, Axis.label(t), Palette.TICK, Palette.TEXT, Canvas.Align.END, false, false);
        }
        c.text(LEFT - 48, y.px(50), "Patients (% of evaluable)", Palette.LABEL, Palette.TEXT, Canvas.Align.MIDDLE, false, true);
        for (int i = 0; i < months.size(); i++) {
            MonthlyResponse m = months.get(i);
            double x0 = LEFT + slot * i + slot * 0.2;
            double w = slot * 0.6;
            int n = m.evaluable();
            double acc = 0;
            for (int k = 0; k < STACK.length; k++) {
                int count = m.count(STACK[k]) + (STACK[k] == Response.SD ? m.count(Response.NON_CR_NON_PD) : 0);
                double pct = n == 0 ? 0 : 100.0 * count / n;
                if (pct > 0) {
                    c.rect(x0, y.px(acc + pct), w, y.px(acc) - y.px(acc + pct), COLORS[k], Color.WHITE);
                    if (pct >= 6) {
                        c.text(x0 + w / 2, (y.px(acc) + y.px(acc + pct)) / 2 + 4, Integer.toString(count), 10,
                                k == 2 ? Palette.TEXT : Color.WHITE, Canvas.Align.MIDDLE, false, false);
                    }
                }
                acc += pct;
            }
            c.text(x0 + w / 2, TOP - 24, String.format(Locale.ROOT, "ORR %.0f%%", m.orrPct()), 10, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
            c.text(x0 + w / 2, TOP - 10, String.format(Locale.ROOT, "DCR %.0f%%", m.dcrPct()), 10, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
            c.text(x0 + w / 2, TOP + PLOT_HEIGHT + 18, "Month " + m.month(), Palette.TICK, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
            c.text(x0 + w / 2, TOP + PLOT_HEIGHT + 34, "n = " + n, 10, Palette.AXIS, Canvas.Align.MIDDLE, false, false);
        }
        c.line(LEFT, TOP + PLOT_HEIGHT, width() - RIGHT, TOP + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        for (int k = STACK.length - 1, row = 0; k >= 0; k--, row++) {
            double ly = TOP + 10 + 22 * row;
            c.rect(width() - RIGHT + 15, ly - 11, 14, 14, COLORS[k], null);
            c.text(width() - RIGHT + 35, ly, STACK_LABELS[k], Palette.TICK, Palette.TEXT, Canvas.Align.START, false, false);
        }
    }
}
