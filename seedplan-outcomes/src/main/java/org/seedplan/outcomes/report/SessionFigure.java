package org.seedplan.outcomes.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seedplan.outcomes.hyperthermia.HyperthermiaRules;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.TemperatureSample;

/**
 * The temperature course of one hyperthermia session: one line per thermometry channel against minutes,
 * with the target band shaded and the overheating limit dashed.
 *
 * @param session the session
 * @param rules   target band and limits
 */
public record SessionFigure(HyperthermiaSession session, HyperthermiaRules rules) implements Figure {

    private static final int LEFT = 70;
    private static final int RIGHT = 110;
    private static final int TOP = 50;
    private static final int PLOT_HEIGHT = 300;

    @Override
    public String name() {
        return ("session_" + session.patientId() + "_" + session.session()).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    @Override
    public String caption() {
        return "Hyperthermia session " + session.session() + " of patient " + session.patientId() + ", " + session.start();
    }

    @Override
    public int width() {
        return 760;
    }

    @Override
    public int height() {
        return TOP + PLOT_HEIGHT + 55;
    }

    @Override
    public void draw(Canvas c) {
        Map<Integer, List<TemperatureSample>> byChannel = new TreeMap<>();
        double tMax = 1;
        double lo = rules.lowC() - 4;
        double hi = rules.highC() + 2;
        for (TemperatureSample s : session.samples()) {
            byChannel.computeIfAbsent(s.channel(), k -> new ArrayList<>()).add(s);
            tMax = Math.max(tMax, s.timeMin());
            lo = Math.min(lo, Math.floor(s.tempC()));
            hi = Math.max(hi, Math.ceil(s.tempC()));
        }
        Axis x = new Axis(0, tMax, LEFT, width() - RIGHT, false);
        Axis y = new Axis(lo, hi, TOP + PLOT_HEIGHT, TOP, false);
        c.text((LEFT + width() - RIGHT) / 2.0, 28, caption(), Palette.TITLE - 2, Palette.TEXT, Canvas.Align.MIDDLE, true, false);
        c.rect(LEFT, y.px(rules.highC()), width() - RIGHT - LEFT, y.px(rules.lowC()) - y.px(rules.highC()), new Color(220, 240, 220), null);
        for (double t : y.ticks(6)) {
            c.line(LEFT, y.px(t), width() - RIGHT, y.px(t), Palette.GRID, 1, false);
            c.text(LEFT - 8, y.px(t) + 4, Axis.label(t), Palette.TICK, Palette.TEXT, Canvas.Align.END, false, false);
        }
        for (double t : x.ticks(8)) {
            c.text(x.px(t), TOP + PLOT_HEIGHT + 18, Axis.label(t), Palette.TICK, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
        }
        c.line(LEFT, y.px(rules.overheatC()), width() - RIGHT, y.px(rules.overheatC()), new Color(200, 0, 0), 1, true);
        c.line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        c.line(LEFT, TOP + PLOT_HEIGHT, width() - RIGHT, TOP + PLOT_HEIGHT, Palette.AXIS, 1.2, false);
        c.text(x.px(tMax / 2), TOP + PLOT_HEIGHT + 40, "Minutes from session start", Palette.LABEL, Palette.TEXT, Canvas.Align.MIDDLE, false, false);
        c.text(LEFT - 42, y.px((lo + hi) / 2), "Temperature (°C)", Palette.LABEL, Palette.TEXT, Canvas.Align.MIDDLE, false, true);
        int k = 0;
        for (Map.Entry<Integer, List<TemperatureSample>> e : byChannel.entrySet()) {
            List<TemperatureSample> s = e.getValue();
            c.polyline(s.stream().mapToDouble(v -> x.px(v.timeMin())).toArray(), s.stream().mapToDouble(v -> y.px(v.tempC())).toArray(),
                    Palette.series(k), 1.6);
            double ly = TOP + 10 + 18 * k;
            c.line(width() - RIGHT + 12, ly - 4, width() - RIGHT + 32, ly - 4, Palette.series(k), 2.5, false);
            c.text(width() - RIGHT + 38, ly, "ch " + e.getKey(), Palette.TICK, Palette.TEXT, Canvas.Align.START, false, false);
            k++;
        }
        c.text(width() - RIGHT + 12, TOP + PLOT_HEIGHT - 20, "band " + Axis.label(rules.lowC()) + "–" + Axis.label(rules.highC()) + " °C",
                10, new Color(0, 110, 0), Canvas.Align.START, false, false);
        c.text(width() - RIGHT + 12, TOP + PLOT_HEIGHT - 6, "dashed: " + Axis.label(rules.overheatC()) + " °C", 10, new Color(200, 0, 0),
                Canvas.Align.START, false, false);
    }
}
