package org.seedplan.cli.demo;

import java.time.LocalDateTime;
import org.seedplan.dicom.rtplan.SeedModelMatcher;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.source.SourceModel;

/**
 * The demo's seed certificate: the seeds are calibrated {@value #DAYS_BEFORE_IMPLANT} days before the
 * demo's fixed implant date, and their strength at calibration is the demo's 0.6 mCi at the implant
 * undone by the decay, S_K(cal) = S_K(implant) · exp(ln 2 · Δt / T½). Fixed dates, so that every demo
 * run states the same certificate (docs/dicom-consistency.md).
 */
public final class DemoCertificate {

    /** Days from the seed certificate's calibration to the implant. */
    public static final int DAYS_BEFORE_IMPLANT = 7;
    /** The demo's implant date-time. */
    public static final LocalDateTime IMPLANT = LocalDateTime.of(2025, 3, 3, 0, 0);
    /** The demo's seed calibration date-time (the certificate's reference date). */
    public static final LocalDateTime CALIBRATION = IMPLANT.minusDays(DAYS_BEFORE_IMPLANT);

    private DemoCertificate() {
    }

    /** The RT Plan's statement of the demo's seeds: I-125, the manufacturer's model name, both dates. */
    public static SeedSourceInfo sourceInfo(SourceModel source, double halfLifeDays) {
        return new SeedSourceInfo("I-125", SeedModelMatcher.manufacturer(source), SeedModelMatcher.manufacturerModelName(source),
                halfLifeDays, source.activeLengthCm() * 10, 2 * Tg43Kernel.CAPSULE_RADIUS_CM * 10, CALIBRATION, IMPLANT);
    }
}
