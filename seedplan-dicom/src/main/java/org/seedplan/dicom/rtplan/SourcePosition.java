package org.seedplan.dicom.rtplan;

import org.seedplan.geometry.Vec3;

/**
 * One source position of a brachytherapy plan: a seed of a permanent implant, or a dwell position
 * of an afterloader. Channel and source numbers as in the plan, position in patient mm, the source
 * axis (Control Point Orientation; null when the plan gives none) and the dwell time in seconds
 * (Channel Total Time × weight share; NaN for permanent implants, whose seeds do not dwell).
 */
public record SourcePosition(int channelNumber, int sourceNumber, Vec3 positionMm, Vec3 axis, double dwellTimeS) {
}
