package org.seedplan.verify.needles;

/**
 * A planned needle paired with a found one: the tip error (found − planned tip, its part along
 * the planned axis, positive when the needle went deeper, and across it) and the angle between
 * the planned axis and the found axis at the tip.
 *
 * @param planned        index of the planned needle (0-based, in the plan's order)
 * @param found          index of the found needle (0-based)
 * @param tipErrorMm     distance between the found and the planned tip, mm
 * @param depthErrorMm   part of the tip error along the planned axis, mm (positive: deeper than planned)
 * @param lateralErrorMm part of the tip error across the planned axis, mm
 * @param angleErrorDeg  angle between the planned and the found axis, degrees
 */
public record NeedleMatch(int planned, int found, double tipErrorMm, double depthErrorMm, double lateralErrorMm,
                          double angleErrorDeg) {
}
