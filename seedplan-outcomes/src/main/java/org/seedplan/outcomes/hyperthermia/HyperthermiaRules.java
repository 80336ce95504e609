package org.seedplan.outcomes.hyperthermia;

/**
 * Targets of a deep regional hyperthermia course given with the implant.
 *
 * @param lowC             lower end of the target band, °C (41)
 * @param highC            upper end of the target band, °C (43)
 * @param targetMinutes    minutes the session must spend in the band (30)
 * @param overheatC        a channel above this temperature is overheating, °C (43)
 * @param overheatMinutes  cumulative minutes above {@code overheatC} (on any channel) that flag a session (1)
 * @param minIntervalH     shortest planned interval between session starts, hours (48)
 * @param maxIntervalH     longest planned interval between session starts, hours (72)
 */
public record HyperthermiaRules(double lowC, double highC, double targetMinutes, double overheatC,
                                double overheatMinutes, double minIntervalH, double maxIntervalH) {

    public HyperthermiaRules {
        if (!(lowC < highC) || targetMinutes < 0 || overheatMinutes < 0 || !(minIntervalH <= maxIntervalH)) {
            throw new IllegalArgumentException("hyperthermia rules: need low < high °C, minutes ≥ 0 and min ≤ max interval");
        }
    }

    /** 41–43 °C for 30 min, overheating above 43 °C for ≥ 1 min, sessions 48–72 h apart. */
    public static HyperthermiaRules standard() {
        return new HyperthermiaRules(41.0, 43.0, 30.0, 43.0, 1.0, 48.0, 72.0);
    }
}
