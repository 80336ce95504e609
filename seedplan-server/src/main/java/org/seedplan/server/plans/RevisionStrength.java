package org.seedplan.server.plans;

import java.time.LocalDate;
import java.util.Locale;
import org.seedplan.dicom.rtplan.ImplantSource;
import org.seedplan.source.SourceLibrary;
import org.seedplan.storage.plan.PlanContent;

/**
 * The air-kerma strength of one seed of a stored plan revision on the day its dose is delivered: the revision stores
 * S_K on the certificate's calibration date (U), which decays to the implant date by the seed model's half-life
 * ({@link ImplantSource#decayFactor}); a revision without dates stores the strength at implant.
 */
public final class RevisionStrength {

    /** Implants up to this many days before the calibration date are allowed (seeds are often calibrated a few days ahead). */
    public static final int MAX_DAYS_BEFORE_CALIBRATION = 30;
    /** Implants up to this many days after the calibration date are allowed (beyond, the certificate is surely not this batch's). */
    public static final int MAX_DAYS_AFTER_CALIBRATION = 365;

    private RevisionStrength() {
    }

    /** S_K of one seed on the implant date, U: the stored strength times exp(−ln 2 · Δt / T½). */
    public static double atImplantU(PlanContent c) {
        return c.strengthU() * decayFactor(c);
    }

    /** exp(−ln 2 · Δt / T½) from calibration to implant date with the revision's seed model; 1 without dates. */
    public static double decayFactor(PlanContent c) {
        if (c.calibrationDate() == null || c.implantDate() == null) {
            return 1.0;
        }
        double halfLifeDays = SourceLibrary.builtIn().model(c.sourceModelKey()).halfLifeDays();
        return ImplantSource.decayFactor(c.calibrationDate().atStartOfDay(), c.implantDate().atStartOfDay(), halfLifeDays);
    }

    /**
     * Refuses (IllegalArgumentException naming the field) dates that do not make one strength: only one of the two
     * given, or an implant more than {@value #MAX_DAYS_BEFORE_CALIBRATION} days before or {@value #MAX_DAYS_AFTER_CALIBRATION}
     * days after the calibration date. Field names are prefixed with {@code prefix} ("" or "seed.").
     */
    public static void checkDates(LocalDate calibration, LocalDate implant, String prefix) {
        if ((calibration == null) != (implant == null)) {
            throw new IllegalArgumentException(prefix + "calibrationDate and " + prefix + "implantDate go together: give both"
                    + " (or neither, for the strength at implant)");
        }
        if (calibration != null && (implant.isBefore(calibration.minusDays(MAX_DAYS_BEFORE_CALIBRATION))
                || implant.isAfter(calibration.plusDays(MAX_DAYS_AFTER_CALIBRATION)))) {
            throw new IllegalArgumentException(prefix + "implantDate " + implant + " lies more than " + MAX_DAYS_BEFORE_CALIBRATION
                    + " days before or a year after the calibration date " + calibration + ": check the certificate");
        }
    }

    /** How the printouts state the strength: at calibration and at implant, each with its date. */
    public static String label(PlanContent c) {
        if (c.calibrationDate() == null) {
            return String.format(Locale.ROOT, "S_K %.4f U per seed at implant (no calibration date stated)", c.strengthU());
        }
        if (c.implantDate() == null) {
            return String.format(Locale.ROOT, "S_K %.4f U per seed on %s (calibration; no implant date stated, not decayed)", c.strengthU(),
                    c.calibrationDate());
        }
        return String.format(Locale.ROOT, "S_K %.4f U per seed on %s (calibration), %.4f U on %s (implant)", c.strengthU(), c.calibrationDate(),
                atImplantU(c), c.implantDate());
    }
}
