package org.seedplan.server.plans;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.seedplan.storage.Database;

/**
 * The registry's plan revisions that state the seeds' calibration date but no implant date: their planning dose is at the
 * certificate's strength (not decayed), and a verification of them needs the implant date given
 * ({@link RevisionStrength#forPostImplantDose}). New revisions can no longer be stored so; this finds the old ones.
 */
public final class UndatedImplantRevisions {

    /** One such revision, with the patient and centre a physicist needs to find it. */
    public record Found(String centre, String patientId, long planId, String planName, int revision, String status, LocalDate calibrationDate,
            double strengthU) {

        /** One line for a terminal or a log. */
        public String line() {
            return String.format(Locale.ROOT, "%s  patient %s  plan %d \"%s\" revision %d (%s): calibration %s, S_K %.4f U, no implant date",
                    centre, patientId, planId, planName, revision, status, calibrationDate, strengthU);
        }
    }

    private UndatedImplantRevisions() {
    }

    /** Every such revision, by centre, patient, plan and revision. */
    public static List<Found> list(Database db) {
        return db.read(tx -> tx.query("SELECT c.name AS centre, p.patient_id, pl.id AS plan_id, pl.name AS plan_name, r.revision, r.status,"
                + " r.calibration_date, r.strength_u FROM plan_revision r JOIN plan pl ON pl.id = r.plan_id JOIN patient p ON p.id = pl.patient_id"
                + " JOIN centre c ON c.id = p.centre_id WHERE r.calibration_date IS NOT NULL AND r.implant_date IS NULL"
                + " ORDER BY c.name, p.patient_id, pl.id, r.revision",
                row -> new Found(row.string("centre"), row.string("patient_id"), row.longValue("plan_id"), row.string("plan_name"),
                        row.intValue("revision"), row.string("status"), row.date("calibration_date"), row.doubleOrNull("strength_u"))));
    }
}
