package org.seedplan.outcomes.hyperthermia;

import java.util.List;

/**
 * Schedule adherence of one patient's hyperthermia course.
 *
 * @param patientId              the patient
 * @param sessions               number of sessions
 * @param intervalsH             hours between consecutive session starts
 * @param intervalsWithinPlan    intervals within the planned window (48–72 h by default)
 * @param sessionsReachingTarget sessions with enough time in the target band
 * @param sessionsOverheating    sessions flagged for overheating
 * @param totalCem43T90          sum of the sessions' CEM43 T90, min
 */
public record PatientSchedule(String patientId, int sessions, List<Double> intervalsH, int intervalsWithinPlan,
                              int sessionsReachingTarget, int sessionsOverheating, double totalCem43T90) {

    public PatientSchedule {
        intervalsH = List.copyOf(intervalsH);
    }

    /** Percentage of intervals within the planned window (NaN for a single session). */
    public double intervalsWithinPlanPct() {
        return intervalsH.isEmpty() ? Double.NaN : 100.0 * intervalsWithinPlan / intervalsH.size();
    }
}
