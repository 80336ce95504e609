package org.seedplan.planning.robustness;

import java.util.List;

/** The spread of each target's D90 and V100 over simulated implants with placement errors. */
public record RobustnessResult(PlacementErrors errors, List<TargetSpread> targets) {

    public RobustnessResult {
        targets = List.copyOf(targets);
    }

    /**
     * One target: nominal (planned) values and the 5th, 50th and 95th percentiles over the samples.
     * D90 in Gy, V100 in % of the target volume, both on the optimiser's sample points.
     */
    public record TargetSpread(String structure, double prescriptionGy, double d90NominalGy, double d90P5Gy, double d90P50Gy,
                               double d90P95Gy, double v100NominalPct, double v100P5Pct, double v100P50Pct, double v100P95Pct) {
    }
}
