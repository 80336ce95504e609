package org.seedplan.planning.candidate;

import org.seedplan.geometry.Vec3;

/** A position where a seed may be loaded: on needle {@code needle}, {@code distanceFromTipMm} back from its tip. */
public record Candidate(int index, int needle, double distanceFromTipMm, Vec3 positionMm, Vec3 axis) {
}
