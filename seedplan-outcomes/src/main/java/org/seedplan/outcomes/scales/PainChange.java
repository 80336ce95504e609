package org.seedplan.outcomes.scales;

/**
 * Change of NRS pain from baseline in four categories: marked decrease (≥ 50 %), moderate decrease
 * (30 % to &lt; 50 %), stable (less than 30 % either way) and worse (≥ 30 % increase). A baseline of 0 has
 * no percentage: any pain afterwards is "worse", none is "stable".
 */
public enum PainChange {
    MARKED_DECREASE, MODERATE_DECREASE, STABLE, WORSE;

    /** The category of a change from {@code baseline} to {@code followUp} (NRS 0–10). */
    public static PainChange of(int baseline, int followUp) {
        NrsPain.check(baseline, "baseline");
        NrsPain.check(followUp, "follow-up");
        if (baseline == 0) {
            return followUp > 0 ? WORSE : STABLE;
        }
        double change = (double) (followUp - baseline) / baseline;
        if (change <= -0.5) {
            return MARKED_DECREASE;
        }
        if (change <= -0.3) {
            return MODERATE_DECREASE;
        }
        if (change >= 0.3) {
            return WORSE;
        }
        return STABLE;
    }
}
