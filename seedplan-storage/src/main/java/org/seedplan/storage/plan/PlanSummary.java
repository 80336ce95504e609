package org.seedplan.storage.plan;

import java.time.Instant;

/**
 * A plan as the patient page lists it: its newest revision.
 *
 * @param id             plan id
 * @param name           plan name
 * @param revisionId     id of the newest revision
 * @param revision       number of the newest revision
 * @param status         its status
 * @param approvedBy     the approver's printed name, or {@code null}
 * @param approvedAt     approval time, or {@code null}
 * @param prescriptionGy prescription, Gy
 * @param d90Gy          D90, Gy
 * @param v100Percent    V100, %
 * @param seedCount      seeds
 */
public record PlanSummary(long id, String name, long revisionId, int revision, PlanStatus status, String approvedBy,
                          Instant approvedAt, Double prescriptionGy, Double d90Gy, Double v100Percent, int seedCount) {
}
