package org.seedplan.dicom.rtplan;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The seed model written into an RT Plan's Source Sequence: isotope name (e.g. "I-125"),
 * manufacturer, the manufacturer's model name (e.g. "6711"), half-life (days), active length and
 * capsule outer diameter (mm; NaN when unknown), the date-time of the seed certificate's
 * calibration (written as Source Strength Reference Date/Time) and the implant date-time, to which
 * the seeds' planned strengths refer.
 */
public record SeedSourceInfo(String isotope, String manufacturer, String modelId, double halfLifeDays,
                             double activeLengthMm, double capsuleDiameterMm, LocalDateTime calibration, LocalDateTime implant) {

    public SeedSourceInfo {
        if (!(halfLifeDays > 0) || !Double.isFinite(halfLifeDays)) {
            throw new IllegalArgumentException("seed source half-life must be a positive number of days, got " + halfLifeDays);
        }
        if (!(activeLengthMm >= 0) || capsuleDiameterMm < 0) {
            throw new IllegalArgumentException("seed active length and capsule diameter must be ≥ 0 mm");
        }
        if (calibration == null || implant == null) {
            throw new IllegalArgumentException("seed calibration and implant dates are needed to write the seeds' strength");
        }
    }

    /** A source calibrated on the implant day (00:00): the strengths are the certificate's. */
    public SeedSourceInfo(String isotope, String manufacturer, String modelId, double halfLifeDays, double activeLengthMm,
                          double capsuleDiameterMm, LocalDate strengthReferenceDate) {
        this(isotope, manufacturer, modelId, halfLifeDays, activeLengthMm, capsuleDiameterMm, strengthReferenceDate.atStartOfDay(),
                strengthReferenceDate.atStartOfDay());
    }

    /** S_K at calibration for a seed of {@code skAtImplantU} at the implant: the decay undone, S_K · exp(ln 2 · Δt / T½). */
    public double atCalibrationU(double skAtImplantU) {
        return skAtImplantU / ImplantSource.decayFactor(calibration, implant, halfLifeDays);
    }
}
