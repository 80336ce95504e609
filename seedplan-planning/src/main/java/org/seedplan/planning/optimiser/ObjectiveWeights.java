package org.seedplan.planning.optimiser;

/**
 * Weights of the optimiser's piecewise-linear penalties, each per unit of relative dose
 * (dose / reference) averaged over a group's points.
 *
 * @param under          target dose below the prescription
 * @param hot150         target dose above 150 % of the prescription
 * @param hot200         target dose above 200 % of the prescription (added to hot150)
 * @param shell          normal-tissue shell dose above the prescription
 * @param organ          organ dose above its limit
 * @param needleCost     objective cost of opening a needle (the greedy step prefers open needles)
 * @param coverageMarginPct points of V100 (%) demanded above the goal, for sampling error
 */
public record ObjectiveWeights(double under, double hot150, double hot200, double shell, double organ,
                               double needleCost, double coverageMarginPct) {

    /** The weights used by default; docs/planning.md explains how they were chosen. */
    public static ObjectiveWeights defaults() {
        return new ObjectiveWeights(1.0, 0.3, 0.3, 0.3, 2.0, 0.002, 0.5);
    }
}
