package org.seedplan.planning.robustness;

import java.util.List;

/** The spread of each target's D90 and V100 over simulated implants with placement errors. */
public record RobustnessResult(PlacementErrors errors, List<TargetSpread> targets) {

    public RobustnessResult {
        targets = List.copyOf(targets);
    }

    /** Warnings for every target whose planned D90 or V100 lies outside the simulated 5th–95th percentile range. */
    public List<String> warnings() {
        List<String> out = new java.util.ArrayList<>();
        for (TargetSpread t : targets) {
            t.d90Warning().ifPresent(out::add);
            t.v100Warning().ifPresent(out::add);
        }
        return out;
    }

    /**
     * One target: nominal (planned) values — the plan's own, as in its goals — and the 5th, 50th and
     * 95th percentiles over the simulated implants. D90 in Gy, V100 in % of the target volume.
     */
    public record TargetSpread(String structure, double prescriptionGy, double d90NominalGy, double d90P5Gy, double d90P50Gy,
                               double d90P95Gy, double v100NominalPct, double v100P5Pct, double v100P50Pct, double v100P95Pct) {

        /** A warning when the planned D90 lies outside the 5th–95th percentile range of the simulated implants. */
        public java.util.Optional<String> d90Warning() {
            return warning("D90", d90NominalGy, d90P5Gy, d90P50Gy, d90P95Gy, "Gy");
        }

        /** A warning when the planned V100 lies outside the 5th–95th percentile range of the simulated implants. */
        public java.util.Optional<String> v100Warning() {
            return warning("V100", v100NominalPct, v100P5Pct, v100P50Pct, v100P95Pct, "%");
        }

        private java.util.Optional<String> warning(String what, double planned, double p5, double p50, double p95, String unit) {
            // 1e-9: an implant without errors reproduces the planned value up to rounding
            double slack = 1e-9 * Math.max(1, Math.abs(planned));
            if (planned >= p5 - slack && planned <= p95 + slack) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(String.format(java.util.Locale.ROOT,
                    "WARNING %s %s: planned %.1f %s lies %s the 5th-95th percentile range %.1f-%.1f %s of implants with the"
                            + " simulated placement errors (median %.1f %s): the plan is %s",
                    structure, what, planned, unit, planned > p95 ? "above" : "below", p5, p95, unit, p50, unit,
                    planned > p95 ? "unlikely to be delivered as planned; expect less" : "likely to be exceeded"));
        }
    }
}
