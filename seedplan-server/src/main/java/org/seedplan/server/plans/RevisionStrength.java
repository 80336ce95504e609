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
 *
 * <p>A revision with a calibration date but no implant date (only old revisions: new ones are refused by {@link #checkDates})
 * is a plan whose dose is at the certificate's strength: it is shown so, with that date ({@link #doseBasis}). A post-implant
 * dose needs the implant date: {@link #forPostImplantDose} refuses such a revision unless the implant date is given.
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

    /**
     * The revision as a post-implant dose must see it: unchanged when it states both dates or neither; with {@code implantDate}
     * when it states only the calibration date (refused, naming the field and the fix, when {@code implantDate} is null or
     * does not fit the calibration date by {@link #checkDates}). A given {@code implantDate} that differs from a stored one is refused.
     */
    public static PlanContent forPostImplantDose(PlanContent c, LocalDate implantDate, String what) {
        if (implantDate != null && c.implantDate() != null && !implantDate.equals(c.implantDate())) {
            throw new IllegalArgumentException("implantDate " + implantDate + " differs from the implant date " + c.implantDate() + " stored in "
                    + what + ": leave implantDate out, or record the right date in a new revision");
        }
        if (c.calibrationDate() == null || c.implantDate() != null) {
            return c;
        }
        if (implantDate == null) {
            throw new IllegalArgumentException(what + " states the seeds' calibration date " + c.calibrationDate() + " but no implant date:"
                    + " a post-implant dose needs S_K on the implant day (the certificate's value decayed from " + c.calibrationDate()
                    + "); give implantDate (the day the seeds were implanted)");
        }
        checkDates(c.calibrationDate(), implantDate, "");
        return new PlanContent(c.intentJson(), c.ctSeriesUid(), c.prescriptionGy(), c.sourceModelKey(), c.strengthU(), c.calibrationDate(),
                implantDate, c.needles(), c.seeds(), c.metrics());
    }

    /**
     * The strength a dose of the revision was computed with and the date it refers to, for every place that shows a dose:
     * "dose with S_K 0.7004 U per seed on 2026-12-03 (implant date; 0.7600 U on 2026-11-26, calibration)" or, without
     * an implant date, "… on 2026-11-26 (calibration date; no implant date stated: not decayed)".
     */
    public static String doseBasis(PlanContent c) {
        if (c.calibrationDate() == null) {
            return String.format(Locale.ROOT, "dose with S_K %.4f U per seed at implant (no dates stated)", c.strengthU());
        }
        if (c.implantDate() == null) {
            return String.format(Locale.ROOT, "dose with S_K %.4f U per seed on %s (calibration date; no implant date stated: not decayed)",
                    c.strengthU(), c.calibrationDate());
        }
        return String.format(Locale.ROOT, "dose with S_K %.4f U per seed on %s (implant date; %.4f U on %s, calibration)", atImplantU(c),
                c.implantDate(), c.strengthU(), c.calibrationDate());
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
