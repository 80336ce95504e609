package org.seedplan.dicom.rtplan;

import java.time.LocalDate;

/**
 * The seed model written into an RT Plan's Source Sequence: isotope name (e.g. "I-125"),
 * manufacturer, model ID, half-life (days), active length and diameter (mm) and the date the
 * seeds' air-kerma strength refers to.
 */
public record SeedSourceInfo(String isotope, String manufacturer, String modelId, double halfLifeDays,
                             double activeLengthMm, double diameterMm, LocalDate strengthReferenceDate) {

    public SeedSourceInfo {
        if (!(halfLifeDays > 0) || !Double.isFinite(halfLifeDays)) {
            throw new IllegalArgumentException("seed source half-life must be a positive number of days, got " + halfLifeDays);
        }
        if (!(activeLengthMm >= 0) || !(diameterMm >= 0)) {
            throw new IllegalArgumentException("seed active length and diameter must be ≥ 0 mm");
        }
    }
}
