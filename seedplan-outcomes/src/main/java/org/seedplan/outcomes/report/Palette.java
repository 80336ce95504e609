package org.seedplan.outcomes.report;

import java.awt.Color;

/** Colours and font sizes shared by the report figures (a colour-blind-safe palette after Okabe &amp; Ito). */
final class Palette {

    static final Color[] SERIES = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0)
    };
    static final Color AXIS = new Color(60, 60, 60);
    static final Color GRID = new Color(225, 225, 225);
    static final Color TEXT = new Color(30, 30, 30);
    static final double TITLE = 15;
    static final double LABEL = 12;
    static final double TICK = 11;

    private Palette() {
    }

    static Color series(int i) {
        return SERIES[i % SERIES.length];
    }
}
