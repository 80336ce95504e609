package org.seedplan.planning.intent;

/**
 * A prescription to one target structure: D90 ≥ {@code prescriptionGy} (the matched peripheral
 * dose convention of TG-137), V100 at least {@code v100GoalPct}, V150 and V200 at most their limits.
 */
public record TargetGoal(String structure, double prescriptionGy, double v100GoalPct, double v150LimitPct, double v200LimitPct) {

    /** Default V100 goal, %: the usual acceptance level for permanent seed implants. */
    public static final double DEFAULT_V100_GOAL_PCT = 95;
    /** Default V150 limit, %. */
    public static final double DEFAULT_V150_LIMIT_PCT = 60;
    /** Default V200 limit, %. */
    public static final double DEFAULT_V200_LIMIT_PCT = 30;

    public TargetGoal {
        if (structure == null || structure.isBlank()) {
            throw new IllegalArgumentException("intent: a target has no 'structure': name the contoured target it prescribes to");
        }
        org.seedplan.dvh.DoseMetricsCalculator.requirePrescription("intent: target '" + structure + "' prescription_gy", prescriptionGy);
        checkPct(structure, "v100_goal_pct", v100GoalPct);
        checkPct(structure, "v150_limit_pct", v150LimitPct);
        checkPct(structure, "v200_limit_pct", v200LimitPct);
    }

    /** A goal with the default V100 goal and V150/V200 limits. */
    public TargetGoal(String structure, double prescriptionGy) {
        this(structure, prescriptionGy, DEFAULT_V100_GOAL_PCT, DEFAULT_V150_LIMIT_PCT, DEFAULT_V200_LIMIT_PCT);
    }

    private static void checkPct(String structure, String field, double v) {
        if (!(v >= 0 && v <= 100)) {
            throw new IllegalArgumentException("intent: target '" + structure + "' " + field + " must be a percentage in [0, 100], got " + v);
        }
    }
}
