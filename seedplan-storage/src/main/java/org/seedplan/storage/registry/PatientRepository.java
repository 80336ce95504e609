package org.seedplan.storage.registry;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;

/**
 * Patient records ({@code patient}): create, read, search, update with optimistic locking, delete with a reason.
 * Every change writes one audit row per changed field in the same transaction.
 */
public final class PatientRepository {

    /** Most rows one search returns. */
    public static final int MAX_LIMIT = 500;
    private static final String ORDER = "LOWER(COALESCE(p.family_name, '')), p.patient_id, p.id";

    private final Database db;
    private final AuditTrail audit;

    /** Patients stored in {@code db}. */
    public PatientRepository(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** Creates a patient; the patient ID must be new in its centre. */
    public Patient create(Actor actor, PatientData data) {
        return db.inTransaction(tx -> {
            if (findByPatientId(data.centreId(), data.patientId()).isPresent()) {
                throw new IllegalArgumentException("patient ID " + data.patientId() + " already exists in centre " + data.centreId()
                        + "; open that patient instead of creating another");
            }
            Map<String, Object> cols = data.columns();
            String names = String.join(", ", cols.keySet());
            String marks = cols.keySet().stream().map(k -> "?").collect(Collectors.joining(", "));
            List<Object> args = new ArrayList<>(cols.values());
            args.add(data.searchText());
            long id = tx.insert("INSERT INTO patient (" + names + ", search_text, version) VALUES (" + marks + ", ?, 1)", args.toArray());
            audit.changes(actor, "CREATE", "patient", id, Map.of(), cols, null);
            return new Patient(id, 1, data);
        });
    }

    /** The patient with database id {@code id}. */
    public Optional<Patient> find(long id) {
        return db.read(tx -> tx.one("SELECT * FROM patient WHERE id = ?", PatientRepository::row, id));
    }

    /** The patient with hospital ID {@code patientId} in a centre. */
    public Optional<Patient> findByPatientId(long centreId, String patientId) {
        return db.read(tx -> tx.one("SELECT * FROM patient WHERE centre_id = ? AND patient_id = ?", PatientRepository::row,
                centreId, patientId));
    }

    /** Every patient of the given centres, by centre and patient ID. */
    public List<Patient> listByCentres(Collection<Long> centreIds) {
        if (centreIds.isEmpty()) {
            return List.of();
        }
        return db.read(tx -> tx.query("SELECT * FROM patient WHERE centre_id IN (" + marks(centreIds.size()) + ")"
                + " ORDER BY centre_id, patient_id", PatientRepository::row, centreIds.toArray()));
    }

    /**
     * One page of the patient list, restricted to {@code allowedCentres} (the caller's centres), optionally to one
     * centre, and to patients whose ID or name contains {@code q} (case-insensitive in any script; "wang fang" finds
     * family and given name together), ordered by family name and ID.
     */
    public Page<PatientSummary> search(Collection<Long> allowedCentres, Long centreId, String q, int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1–" + MAX_LIMIT + "; ask for fewer rows per page");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative; give 0 or more");
        }
        List<Long> centres = allowedCentres.stream().filter(c -> centreId == null || c.equals(centreId)).toList();
        if (centres.isEmpty()) {
            return new Page<>(List.of(), 0);
        }
        StringBuilder where = new StringBuilder(" WHERE p.centre_id IN (" + marks(centres.size()) + ")");
        List<Object> args = new ArrayList<>(centres);
        if (q != null && !q.isBlank()) {
            String like = "%" + q.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" AND p.search_text LIKE ? ESCAPE '\\'");
            args.add(like);
        }
        return db.read(tx -> {
            long total = tx.number("SELECT COUNT(*) FROM patient p" + where, args.toArray());
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(limit);
            pageArgs.add(offset);
            // the page's ids first, then the counts for those 50 rows only
            List<PatientSummary> items = tx.query("SELECT p.*, c.code AS centre_code,"
                    + " (SELECT COUNT(*) FROM lesion l WHERE l.patient_id = p.id) AS lesion_count,"
                    + " (SELECT COUNT(*) FROM dicom_study s WHERE s.patient_id = p.id) AS study_count,"
                    + " (SELECT r.status FROM plan pl JOIN plan_revision r ON r.plan_id = pl.id WHERE pl.patient_id = p.id"
                    + "  ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS latest_plan_status"
                    + " FROM (SELECT p.id FROM patient p" + where + " ORDER BY " + ORDER + " LIMIT ? OFFSET ?) page"
                    + " JOIN patient p ON p.id = page.id JOIN centre c ON c.id = p.centre_id ORDER BY " + ORDER,
                    r -> new PatientSummary(r.longValue("id"), r.longValue("centre_id"), r.string("centre_code"),
                            r.string("patient_id"), r.string("family_name"), r.string("given_name"), r.string("sex"),
                            r.date("birth_date"), r.string("diagnosis"), r.longValue("lesion_count"), r.longValue("study_count"),
                            r.string("latest_plan_status")),
                    pageArgs.toArray());
            return new Page<>(items, total);
        });
    }

    /**
     * Replaces the fields of patient {@code id}, which the caller read at {@code expectedVersion}; a patient cannot
     * move to another centre here. Throws {@link StaleVersionException} (and changes nothing) when someone else
     * wrote in between. {@code reason} may be null for an ordinary correction.
     */
    public Patient update(Actor actor, long id, long expectedVersion, PatientData data, String reason) {
        return db.inTransaction(tx -> {
            Patient old = find(id).orElseThrow(() -> new NotFoundException("patient", id));
            if (old.centreId() != data.centreId()) {
                throw new IllegalArgumentException("patient " + id + ": centreId cannot be changed by an edit; transfer the patient instead");
            }
            if (!old.patientId().equals(data.patientId()) && findByPatientId(data.centreId(), data.patientId()).isPresent()) {
                throw new IllegalArgumentException("patient ID " + data.patientId() + " already exists in this centre; choose another");
            }
            Map<String, Object> cols = data.columns();
            String set = cols.keySet().stream().map(k -> k + " = ?").collect(Collectors.joining(", "));
            List<Object> args = new ArrayList<>(cols.values());
            args.add(data.searchText());
            args.add(id);
            args.add(expectedVersion);
            int n = tx.update("UPDATE patient SET " + set + ", search_text = ?, version = version + 1 WHERE id = ? AND version = ?",
                    args.toArray());
            if (n != 1) {
                throw new StaleVersionException("patient", id, expectedVersion);
            }
            audit.changes(actor, "UPDATE", "patient", id, old.data().columns(), cols, reason);
            return new Patient(id, expectedVersion + 1, data);
        });
    }

    /**
     * Deletes a patient who has no lesions, studies, plans, implants, visits or other records (delete those first);
     * the reason is required and kept in the audit trail with every old value.
     */
    public void delete(Actor actor, long id, long expectedVersion, String reason) {
        ReasonRequiredException.require(reason, "deleting patient " + id);
        db.inTransaction(tx -> {
            Patient old = find(id).orElseThrow(() -> new NotFoundException("patient", id));
            for (String table : List.of("lesion", "dicom_study", "plan", "implant", "visit", "adverse_event", "progression",
                    "hyperthermia_session")) {
                if (tx.number("SELECT COUNT(*) FROM " + table + " WHERE patient_id = ?", id) > 0) {
                    throw new IllegalArgumentException("patient " + old.patientId() + " still has " + table
                            + " records; delete them first (each with its reason)");
                }
            }
            if (tx.update("DELETE FROM patient WHERE id = ? AND version = ?", id, expectedVersion) != 1) {
                throw new StaleVersionException("patient", id, expectedVersion);
            }
            return audit.changes(actor, "DELETE", "patient", id, old.data().columns(), Map.of(), reason);
        });
    }

    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    static Patient row(Tx.Row r) throws SQLException {
        return new Patient(r.longValue("id"), r.longValue("version"), new PatientData(r.longValue("centre_id"),
                r.string("patient_id"), r.string("family_name"), r.string("given_name"), r.string("sex"), r.date("birth_date"),
                r.string("diagnosis"), r.string("stage"), r.string("tnm_t"), r.string("tnm_n"), r.string("tnm_m"),
                r.string("cnlc_stage"), r.string("bclc_stage"), r.string("child_pugh"), r.intOrNull("kps"), r.intOrNull("ecog"),
                r.string("prior_treatments"), r.date("death_date")));
    }
}
