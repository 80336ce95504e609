package org.seedplan.verify.coldspots;

import org.seedplan.geometry.Vec3;

/**
 * A connected part of a target below the prescription dose: its volume, centroid, bounding box
 * (patient mm) and its lowest and mean dose.
 */
public record ColdRegion(double volumeCc, Vec3 centroidMm, Vec3 minCornerMm, Vec3 maxCornerMm, double minDoseGy,
                         double meanDoseGy) {
}
