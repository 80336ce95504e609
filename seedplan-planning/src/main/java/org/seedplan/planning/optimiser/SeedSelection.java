package org.seedplan.planning.optimiser;

/**
 * The optimiser's answer: the chosen candidates (ascending indices) and the dose at each sample
 * point, Gy, as the optimiser computed it (influence rows plus background).
 *
 * @param coverageReached whether every target's V100 reached its goal (with the margin) on the sample points
 */
public record SeedSelection(int[] chosen, double[] pointDoseGy, boolean coverageReached) {
}
