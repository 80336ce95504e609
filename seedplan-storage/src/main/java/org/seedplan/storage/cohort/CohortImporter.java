package org.seedplan.storage.cohort;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.registry.AdverseEvent;
import org.seedplan.outcomes.registry.Dosimetry;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.Implant;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.LesionMeasurement;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.registry.Sex;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/**
 * Imports a cohort (the CSV/XLSX tables of docs/outcomes.md, read by {@code CohortImport}) into the registry of
 * one centre, all or nothing: patients, implant with planned and post-operative dosimetry, lesions, visits with
 * lesion measurements, QLQ-C30 items, local progression and death, adverse events and hyperthermia logs, and the
 * study-variable columns as values of the centre's study variables ({@link StudyValueImport}).
 * A patient ID that already exists in the centre is refused. The audit trail gets one IMPORT row per patient
 * (naming the source), not one per cell.
 */
public final class CohortImporter {

    /** Days per month used for "months since implant" (365.25 / 12). */
    public static final double DAYS_PER_MONTH = 30.4375;

    private final Database db;
    private final AuditTrail audit;

    /** An importer into {@code db}. */
    public CohortImporter(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** Reads a cohort folder or workbook (CSV or XLSX, docs/outcomes.md) and imports it into centre {@code centreId}. */
    public Map<String, Long> importFolder(Actor actor, long centreId, java.nio.file.Path folderOrWorkbook) {
        return importCohort(actor, centreId, org.seedplan.outcomes.io.CohortImport.read(folderOrWorkbook));
    }

    /** Imports {@code data} into centre {@code centreId}; returns the new patients' database ids by cohort patient ID. */
    public Map<String, Long> importCohort(Actor actor, long centreId, ImportedCohort data) {
        return db.inTransaction(tx -> {
            Map<String, Long> ids = new HashMap<>();
            for (Patient p : data.cohort().patients()) {
                if (tx.number("SELECT COUNT(*) FROM patient WHERE centre_id = ? AND patient_id = ?", centreId, p.id()) > 0) {
                    throw new IllegalArgumentException(data.source() + ": patient " + p.id() + " already exists in centre " + centreId
                            + "; remove the row or import into an empty centre");
                }
                long id = patient(tx, centreId, p);
                ids.put(p.id(), id);
                audit.append(actor, "IMPORT", "patient", id, null, null, data.source(), "cohort import");
            }
            for (HyperthermiaSession s : data.sessions()) {
                Long patient = ids.get(s.patientId());
                if (patient == null) {
                    throw new IllegalArgumentException(data.source() + ": hyperthermia log of patient " + s.patientId()
                            + ", who is not in the patients table; add the patient or remove the log rows");
                }
                long sid = tx.insert("INSERT INTO hyperthermia_session (patient_id, session_number, started_at) VALUES (?, ?, ?)",
                        patient, s.session(), s.start().toString());
                tx.batch("INSERT INTO hyperthermia_sample (session_id, time_min, channel, temp_c) VALUES (?, ?, ?, ?)",
                        s.samples().stream().map(t -> new Object[] {sid, t.timeMin(), t.channel(), t.tempC()}).toList());
            }
            StudyValueImport.apply(tx, actor, centreId, data, ids, new org.seedplan.storage.studyvars.StudyVariableRepository(db));
            return ids;
        });
    }

    private long patient(Tx tx, long centreId, Patient p) {
        java.time.LocalDate death = p.followUps().stream().filter(FollowUp::died).map(FollowUp::date).findFirst().orElse(null);
        long id = tx.insert("INSERT INTO patient (centre_id, patient_id, sex, diagnosis, stage, child_pugh, kps, ecog,"
                        + " prior_treatments, death_date, search_text, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                centreId, p.id(), p.sex() == null ? null : p.sex() == Sex.MALE ? "M" : "F", p.tumourType(), p.stage(),
                p.childPugh(), p.kps(), p.ecog(), p.priorTreatments().isEmpty() ? null : String.join(";", p.priorTreatments()), death,
                org.seedplan.storage.registry.PatientData.of(centreId, p.id()).searchText());
        Implant im = p.implant();
        Dosimetry pre = im.prePlan();
        Dosimetry post = im.postPlan();
        tx.insert("INSERT INTO implant (patient_id, implant_date, age_years, hyperthermia, baseline_tumour_marker, seed_activity_mci,"
                        + " seed_count, planned_d90_gy, planned_d100_gy, planned_v100_percent, planned_v150_percent, planned_hi,"
                        + " planned_seed_count, planned_ptv_cc, planned_metrics_structure, post_d90_gy, post_d100_gy, post_v100_percent,"
                        + " post_v150_percent, post_hi, post_seed_count, post_ptv_cc, post_metrics_structure, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                id, im.date(), p.ageYears(), p.hyperthermia(), p.tumourMarker(), im.seedActivityMCi(),
                post.seedCount() != null ? post.seedCount() : pre.seedCount(),
                pre.d90Gy(), pre.d100Gy(), pre.v100Pct(), pre.v150Pct(), pre.homogeneityIndex(), pre.seedCount(), pre.ptvCc(), pre.structure(),
                post.d90Gy(), post.d100Gy(), post.v100Pct(), post.v150Pct(), post.homogeneityIndex(), post.seedCount(), post.ptvCc(),
                post.structure());
        Map<String, Long> lesionIds = new HashMap<>();
        Map<String, Boolean> nodal = new HashMap<>();
        for (Lesion l : p.lesions()) {
            lesionIds.put(l.id(), tx.insert("INSERT INTO lesion (patient_id, label, organ, nodal, target, baseline_longest_mm,"
                            + " baseline_short_axis_mm, baseline_viable_mm, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
                    id, l.id(), l.organ().isEmpty() ? null : l.organ(), l.nodal(), l.target(),
                    l.nodal() ? null : l.baselineDiameterMm(), l.nodal() ? l.baselineDiameterMm() : null, l.baselineViableDiameterMm()));
            nodal.put(l.id(), l.nodal());
        }
        for (FollowUp f : p.followUps()) {
            long visit = tx.insert("INSERT INTO visit (patient_id, visit_date, months_since_implant, nrs_pain, new_lesion, non_target,"
                            + " version) VALUES (?, ?, ?, ?, ?, ?, 1)",
                    id, f.date(), p.day(f.date()) / DAYS_PER_MONTH, f.nrsPain(), f.newLesion(), f.nonTarget());
            for (LesionMeasurement m : f.measurements()) {
                Long lesion = lesionIds.get(m.lesionId());
                if (lesion == null) {
                    throw new IllegalArgumentException("patient " + p.id() + ": measurement of lesion " + m.lesionId() + " on " + f.date()
                            + ", which is not in the lesions table; add the lesion");
                }
                boolean isNode = nodal.get(m.lesionId());
                tx.update("INSERT INTO lesion_measurement (visit_id, lesion_id, longest_mm, short_axis_mm, viable_mm) VALUES (?, ?, ?, ?, ?)",
                        visit, lesion, isNode ? null : m.diameterMm(), isNode ? m.diameterMm() : null, m.viableDiameterMm());
            }
            List<Integer> q = f.qlqItems();
            List<Object[]> items = new java.util.ArrayList<>();
            for (int i = 0; i < q.size(); i++) {
                if (q.get(i) != null) {
                    items.add(new Object[] {visit, i + 1, q.get(i)});
                }
            }
            tx.batch("INSERT INTO qlq_c30_item (visit_id, item, score) VALUES (?, ?, ?)", items);
            if (f.localProgression()) {
                tx.insert("INSERT INTO progression (patient_id, progression_date, progression_type) VALUES (?, ?, 'LOCAL')", id, f.date());
            }
        }
        for (AdverseEvent e : p.adverseEvents()) {
            tx.insert("INSERT INTO adverse_event (patient_id, onset_date, term, grade, scale) VALUES (?, ?, ?, ?, ?)",
                    id, e.date(), e.term(), e.grade(), e.scale());
        }
        return id;
    }
}
