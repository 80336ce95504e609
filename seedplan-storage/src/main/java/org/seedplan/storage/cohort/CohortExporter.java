package org.seedplan.storage.cohort;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seedplan.outcomes.io.CohortCsvWriter;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.registry.AdverseEvent;
import org.seedplan.outcomes.registry.AdverseEventScale;
import org.seedplan.outcomes.registry.Cohort;
import org.seedplan.outcomes.registry.Dosimetry;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.Implant;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.LesionMeasurement;
import org.seedplan.outcomes.registry.NonTargetStatus;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.registry.Sex;
import org.seedplan.outcomes.registry.TemperatureSample;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/**
 * Reads the registry of some centres as a cohort (the model {@code seedplan cohort report} analyses) and writes
 * it as the cohort CSV tables of docs/outcomes.md. Patients without an implant are left out (follow-up is
 * counted from the implant); the first implant of a patient is the one analysed. A local progression or a death
 * on a day without a visit becomes a follow-up record of its own. Study variables become extra named columns of
 * patients, lesions and followups ({@link StudyColumns}). The export is audited.
 */
public final class CohortExporter {

    private final Database db;
    private final AuditTrail audit;

    /** An exporter of {@code db}. */
    public CohortExporter(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** Writes the cohort of {@code centreIds} into {@code dir} as CSV tables and logs the export; returns the cohort. */
    public ImportedCohort exportCsv(Actor actor, Collection<Long> centreIds, Path dir) {
        ImportedCohort c = read(centreIds);
        CohortCsvWriter.write(c.cohort(), c.sessions(), dir);
        db.read(tx -> StudyColumns.read(tx, centreIds, exportedPatients(tx, centreIds, c))).appendTo(dir);
        audit.event(actor, "EXPORT", "cohort", null, c.cohort().size() + " patients of centres " + centreIds + " to " + dir);
        return c;
    }

    /**
     * The cohort of the patients of {@code centreIds} with an implant, in the order they were entered, with the study
     * variables as the tables' extra columns ({@link ImportedCohort#tables()}: key columns and study-variable columns only).
     */
    public ImportedCohort read(Collection<Long> centreIds) {
        if (centreIds.isEmpty()) {
            return new ImportedCohort(new Cohort(List.of()), List.of(), "registry");
        }
        String in = String.join(", ", java.util.Collections.nCopies(centreIds.size(), "?"));
        return db.read(tx -> {
            List<Patient> patients = new ArrayList<>();
            List<HyperthermiaSession> sessions = new ArrayList<>();
            List<Object[]> rows = tx.query("SELECT p.id, p.patient_id, p.sex, p.diagnosis, p.stage, p.ecog, p.kps, p.child_pugh,"
                    + " p.prior_treatments, p.death_date FROM patient p WHERE p.centre_id IN (" + in + ") ORDER BY p.id",
                    r -> new Object[] {r.longValue("id"), r.string("patient_id"), r.string("sex"), r.string("diagnosis"),
                            r.string("stage"), r.intOrNull("ecog"), r.intOrNull("kps"), r.string("child_pugh"),
                            r.string("prior_treatments"), r.date("death_date")}, centreIds.toArray());
            for (Object[] row : rows) {
                patient(tx, row).ifPresent(patients::add);
            }
            for (Object[] row : rows) {
                sessions.addAll(sessions(tx, (Long) row[0], (String) row[1]));
            }
            ImportedCohort plain = new ImportedCohort(new Cohort(patients), sessions, "registry");
            return new ImportedCohort(plain.cohort(), sessions, "registry",
                    StudyColumns.read(tx, centreIds, exportedPatients(tx, centreIds, plain)).tables());
        });
    }

    /** Database id → cohort patient ID of the exported patients (those with an implant). */
    private static Map<Long, String> exportedPatients(Tx tx, Collection<Long> centreIds, ImportedCohort c) {
        java.util.Set<String> exported = new java.util.HashSet<>();
        c.cohort().patients().forEach(p -> exported.add(p.id()));
        Map<Long, String> out = new java.util.HashMap<>();
        if (centreIds.isEmpty()) {
            return out;
        }
        String in = String.join(", ", java.util.Collections.nCopies(centreIds.size(), "?"));
        tx.query("SELECT id, patient_id FROM patient WHERE centre_id IN (" + in + ")", r -> {
            if (exported.contains(r.string("patient_id"))) {
                out.put(r.longValue("id"), r.string("patient_id"));
            }
            return null;
        }, centreIds.toArray());
        return out;
    }

    private java.util.Optional<Patient> patient(Tx tx, Object[] row) {
        long id = (Long) row[0];
        String pid = (String) row[1];
        java.util.Optional<Object[]> implant = tx.query("SELECT * FROM implant WHERE patient_id = ? ORDER BY implant_date, id",
                r -> new Object[] {new Implant(r.date("implant_date"),
                        new Dosimetry(r.doubleOrNull("planned_d90_gy"), r.doubleOrNull("planned_d100_gy"), r.doubleOrNull("planned_v100_percent"),
                                r.doubleOrNull("planned_v150_percent"), r.doubleOrNull("planned_hi"), r.intOrNull("planned_seed_count"),
                                r.doubleOrNull("planned_ptv_cc"), r.string("planned_metrics_structure")),
                        new Dosimetry(r.doubleOrNull("post_d90_gy"), r.doubleOrNull("post_d100_gy"), r.doubleOrNull("post_v100_percent"),
                                r.doubleOrNull("post_v150_percent"), r.doubleOrNull("post_hi"), r.intOrNull("post_seed_count"),
                                r.doubleOrNull("post_ptv_cc"), r.string("post_metrics_structure")),
                        r.doubleOrNull("seed_activity_mci")),
                        r.doubleOrNull("age_years"), r.boolOrNull("hyperthermia"), r.doubleOrNull("baseline_tumour_marker")},
                id).stream().findFirst();
        if (implant.isEmpty()) {
            return java.util.Optional.empty();
        }
        Object[] im = implant.get();
        Map<Long, Lesion> lesions = new java.util.LinkedHashMap<>();
        tx.query("SELECT * FROM lesion WHERE patient_id = ? ORDER BY id", r -> {
            boolean nodal = r.bool("nodal");
            lesions.put(r.longValue("id"), new Lesion(r.string("label"), r.string("organ"), nodal, r.bool("target"),
                    nodal ? r.doubleOrNull("baseline_short_axis_mm") : r.doubleOrNull("baseline_longest_mm"), r.doubleOrNull("baseline_viable_mm")));
            return null;
        }, id);
        LocalDate death = (LocalDate) row[9];
        List<LocalDate> local = tx.query("SELECT progression_date FROM progression WHERE patient_id = ? AND progression_type = 'LOCAL'",
                r -> r.date("progression_date"), id);
        Map<LocalDate, FollowUp> followUps = new TreeMap<>();
        for (Object[] v : tx.query("SELECT * FROM visit WHERE patient_id = ? ORDER BY visit_date, id",
                r -> new Object[] {r.longValue("id"), r.date("visit_date"), r.intOrNull("nrs_pain"), r.boolOrNull("new_lesion"),
                        r.string("non_target")}, id)) {
            long visit = (Long) v[0];
            LocalDate date = (LocalDate) v[1];
            List<LesionMeasurement> ms = tx.query("SELECT * FROM lesion_measurement WHERE visit_id = ? ORDER BY lesion_id",
                    r -> {
                        Lesion l = lesions.get(r.longValue("lesion_id"));
                        return new LesionMeasurement(l.id(), l.nodal() ? r.doubleOrNull("short_axis_mm") : r.doubleOrNull("longest_mm"),
                                r.doubleOrNull("viable_mm"));
                    }, visit);
            Integer[] items = new Integer[30];
            boolean[] any = {false};
            tx.query("SELECT item, score FROM qlq_c30_item WHERE visit_id = ?", r -> {
                items[r.intValue("item") - 1] = r.intValue("score");
                any[0] = true;
                return null;
            }, visit);
            followUps.put(date, new FollowUp(date, ms, v[4] == null ? null : NonTargetStatus.valueOf((String) v[4]), (Boolean) v[3],
                    (Integer) v[2], any[0] ? Arrays.asList(items) : List.of(), local.contains(date), date.equals(death)));
        }
        for (LocalDate d : local) {
            followUps.putIfAbsent(d, new FollowUp(d, List.of(), null, null, null, List.of(), true, d.equals(death)));
        }
        if (death != null) {
            followUps.putIfAbsent(death, new FollowUp(death, List.of(), null, null, null, List.of(), local.contains(death), true));
        }
        List<AdverseEvent> events = tx.query("SELECT * FROM adverse_event WHERE patient_id = ? ORDER BY id",
                r -> new AdverseEvent(r.date("onset_date"), r.string("term"), r.intValue("grade"),
                        r.enumValue("scale", AdverseEventScale.class)), id);
        String sex = (String) row[2];
        String prior = (String) row[8];
        return java.util.Optional.of(new Patient(pid, (Double) im[1], sex == null ? null : sex.equals("M") ? Sex.MALE : sex.equals("F") ? Sex.FEMALE : null,
                (String) row[3], (String) row[4], (Integer) row[5], (Integer) row[6], (String) row[7], (Double) im[3],
                prior == null ? List.of() : List.of(prior.split(";")), (Boolean) im[2], (Implant) im[0],
                new ArrayList<>(lesions.values()), new ArrayList<>(followUps.values()), events));
    }

    private List<HyperthermiaSession> sessions(Tx tx, long patientDbId, String patientId) {
        List<HyperthermiaSession> out = new ArrayList<>();
        for (Object[] s : tx.query("SELECT id, session_number, started_at FROM hyperthermia_session WHERE patient_id = ? ORDER BY session_number",
                r -> new Object[] {r.longValue("id"), r.intValue("session_number"), r.string("started_at")}, patientDbId)) {
            List<TemperatureSample> samples = tx.query("SELECT time_min, channel, temp_c FROM hyperthermia_sample WHERE session_id = ?"
                    + " ORDER BY time_min, channel", r -> new TemperatureSample(r.doubleOrNull("time_min"), r.intValue("channel"),
                            r.doubleOrNull("temp_c")), s[0]);
            out.add(new HyperthermiaSession(patientId, (Integer) s[1], LocalDateTime.parse((String) s[2]), samples));
        }
        return out;
    }
}
