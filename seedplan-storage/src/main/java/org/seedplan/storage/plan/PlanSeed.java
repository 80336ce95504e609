package org.seedplan.storage.plan;

/**
 * One planned seed position, patient coordinates (DICOM LPS), mm.
 *
 * @param index       seed number within the revision (0, 1, …)
 * @param needleIndex the needle that carries it, or {@code null}
 * @param xMm         x, mm
 * @param yMm         y, mm
 * @param zMm         z, mm
 */
public record PlanSeed(int index, Integer needleIndex, double xMm, double yMm, double zMm) {
}
