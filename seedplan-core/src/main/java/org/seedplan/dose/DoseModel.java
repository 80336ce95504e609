package org.seedplan.dose;

import java.util.Locale;

/** Which TG-43U1 dose-calculation formalism to use. */
public enum DoseModel {
    /** 2D line source: TG-43U1 Eq. 1 (the default; needs the seed axis). */
    LINE_2D("line"),
    /** 1D point source: TG-43U1 Eq. 11 with G_P = 1/r², g_P(r) and φan(r). */
    POINT_1D("point"),
    /** 1D line source: TG-43U1 Eq. 11 with G_L(r, θ₀), g_L(r) and φan(r). */
    LINE_1D("line1d");

    private final String cliName;

    DoseModel(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public boolean usesAxis() {
        return this == LINE_2D;
    }

    public static DoseModel parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (DoseModel m : values()) {
            if (m.cliName.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown dose model '" + s + "': use line (2D, default), point or line1d");
    }
}
