package org.seedplan.storage.plan;

/**
 * One planned needle track from skin entry to tip, patient coordinates (DICOM LPS), mm.
 *
 * @param index    needle number within the revision (0, 1, …)
 * @param entryXMm entry x, mm
 * @param entryYMm entry y, mm
 * @param entryZMm entry z, mm
 * @param tipXMm   tip x, mm
 * @param tipYMm   tip y, mm
 * @param tipZMm   tip z, mm
 */
public record PlanNeedle(int index, double entryXMm, double entryYMm, double entryZMm, double tipXMm, double tipYMm, double tipZMm) {
}
