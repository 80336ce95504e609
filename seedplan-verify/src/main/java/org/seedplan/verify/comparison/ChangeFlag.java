package org.seedplan.verify.comparison;

/**
 * How a post-implant metric is marked beside the plan's: {@link #GOAL_NOT_MET} when a target's post-implant D90 is below
 * the prescription or its V100 below the goal, whatever the change; {@link #WORSE} when a change matters clinically — a
 * target's D90 lower, or an organ's dose (Gy) higher, by at least {@value #DOSE_CHANGE_OF_RX} of the prescription, or a
 * target's V100 lower by at least {@value #V100_CHANGE_PCT} percentage points; {@link #NONE} otherwise. Smaller changes lie
 * within what seed finding and the dose grid alone move a metric, and are not marked (docs/verify.md, "Marking a change").
 */
public enum ChangeFlag {
    /** Within the noise of seed finding and the grid, or better. */
    NONE,
    /** A clinically relevant change for the worse, the goal still met. */
    WORSE,
    /** A target's post-implant D90 below the prescription or V100 below its goal. */
    GOAL_NOT_MET;

    /** A change of a dose (Gy) at or beyond this fraction of the prescription is marked. */
    public static final double DOSE_CHANGE_OF_RX = 0.05;
    /** A loss of V100 of at least this many percentage points is marked. */
    public static final double V100_CHANGE_PCT = 5;

    /**
     * The flag of metric {@code key} (metrics-JSON naming) of a target or an organ, plan value {@code plan} and post-implant
     * value {@code post} (null where missing), against the prescription {@code rxGy} and the target's V100 goal (%).
     */
    public static ChangeFlag of(String key, boolean target, Double plan, Double post, double rxGy, double v100GoalPct) {
        if (post == null) {
            return NONE;
        }
        if (target && key.equals("d_pct_gy.90")) {
            return post < rxGy ? GOAL_NOT_MET : plan != null && plan - post >= DOSE_CHANGE_OF_RX * rxGy ? WORSE : NONE;
        }
        if (target && key.equals("v_pct.100")) {
            return post < v100GoalPct ? GOAL_NOT_MET : plan != null && plan - post >= V100_CHANGE_PCT ? WORSE : NONE;
        }
        boolean organDose = !target && (key.equals("dmax_gy") || key.startsWith("d_cc_gy.") || key.equals("dmean_gy"));
        return organDose && plan != null && post - plan >= DOSE_CHANGE_OF_RX * rxGy ? WORSE : NONE;
    }
}
