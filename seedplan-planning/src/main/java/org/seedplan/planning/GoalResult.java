package org.seedplan.planning;

/**
 * One plan goal checked on the final dose: which structure, what (e.g. "D90 ≥ 120 Gy"), the
 * value reached (in the goal's unit, Gy or %) and whether it is met.
 */
public record GoalResult(String structure, String goal, double value, String unit, boolean met) {

    /** Whether this is a coverage goal (D90 or V100 of a target). */
    public boolean isCoverage() {
        return goal.startsWith("D90") || goal.startsWith("V100");
    }

    /** Whether this is a high-dose limit of a target (V150 or V200). */
    public boolean isHighDose() {
        return goal.startsWith("V150") || goal.startsWith("V200");
    }
}
