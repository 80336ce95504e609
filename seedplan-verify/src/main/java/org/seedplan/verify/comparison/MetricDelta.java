package org.seedplan.verify.comparison;

/**
 * One metric of one structure before (pre-plan) and after (post-plan) the implant; null where a
 * side has no value (a structure on one side only, or a metric undefined there).
 *
 * @param key  the metric in the metrics-JSON naming: {@code volume_cc}, {@code dmean_gy}, {@code d_pct_gy.90},
 *             {@code v_pct.100}, {@code ci_paddick} …
 * @param unit cc, Gy, % or "" for indices
 */
public record MetricDelta(String key, String unit, Double pre, Double post) {

    /** Post minus pre, or null when either is missing. */
    public Double difference() {
        return pre == null || post == null ? null : post - pre;
    }
}
