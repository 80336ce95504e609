package org.seedplan.storage.registry;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/**
 * Follow-up visits ({@code visit}) with their lesion measurements, QLQ-C30 answers and laboratory values, audited
 * field by field, with optimistic locking on the visit.
 */
public final class VisitRepository {

    /** Days per month for "months since implant" (365.25 / 12). */
    public static final double DAYS_PER_MONTH = 30.4375;

    private final Database db;
    private final AuditTrail audit;
    private final AuditedRows rows;

    /** Visits stored in {@code db}. */
    public VisitRepository(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
        this.rows = new AuditedRows("visit", audit);
    }

    /** Records a visit. */
    public VisitRecord create(Actor actor, VisitData data) {
        return db.inTransaction(tx -> {
            checkLesions(tx, data);
            Map<String, Object> cols = data.columns();
            cols.put("months_since_implant", months(tx, data.patientId(), data.visitDate()));
            long id = rows.insert(tx, actor, cols);
            insertDetails(tx, id, data);
            audit.changes(actor, "CREATE", "visit", id, Map.of(), data.details(), null);
            return find(id).orElseThrow();
        });
    }

    /** Replaces a visit read at {@code expectedVersion}, with its measurements, answers and labs. */
    public VisitRecord update(Actor actor, long id, long expectedVersion, VisitData data, String reason) {
        return db.inTransaction(tx -> {
            VisitRecord old = find(id).orElseThrow(() -> new NotFoundException("visit", id));
            if (old.data().patientId() != data.patientId()) {
                throw new IllegalArgumentException("visit " + id + ": patientId cannot change");
            }
            checkLesions(tx, data);
            Map<String, Object> before = old.data().columns();
            before.put("months_since_implant", old.monthsSinceImplant());
            Map<String, Object> after = data.columns();
            after.put("months_since_implant", months(tx, data.patientId(), data.visitDate()));
            rows.update(tx, actor, id, expectedVersion, before, after, reason);
            deleteDetails(tx, id);
            insertDetails(tx, id, data);
            audit.changes(actor, "UPDATE", "visit", id, old.data().details(), data.details(), reason);
            return find(id).orElseThrow();
        });
    }

    /** Deletes a visit and what was measured at it (a reason is required). */
    public void delete(Actor actor, long id, long expectedVersion, String reason) {
        db.inTransaction(tx -> {
            VisitRecord old = find(id).orElseThrow(() -> new NotFoundException("visit", id));
            deleteDetails(tx, id);
            Map<String, Object> before = old.data().columns();
            before.putAll(old.data().details());
            rows.delete(tx, actor, id, expectedVersion, before, reason);
            return null;
        });
    }

    /** One visit. */
    public Optional<VisitRecord> find(long id) {
        return db.read(tx -> tx.one("SELECT * FROM visit WHERE id = ?", r -> row(tx, r), id));
    }

    /** The visits of a patient by date. */
    public List<VisitRecord> ofPatient(long patientDbId) {
        return db.read(tx -> tx.query("SELECT * FROM visit WHERE patient_id = ? ORDER BY visit_date, id", r -> row(tx, r), patientDbId));
    }

    private static void checkLesions(Tx tx, VisitData data) {
        for (VisitData.Measurement m : data.measurements()) {
            if (tx.number("SELECT COUNT(*) FROM lesion WHERE id = ? AND patient_id = ?", m.lesionId(), data.patientId()) == 0) {
                throw new IllegalArgumentException("visit " + data.visitDate() + ": lesion " + m.lesionId()
                        + " is not a lesion of this patient; record the lesion first");
            }
        }
    }

    private static Double months(Tx tx, long patientId, LocalDate date) {
        // no row (rather than a row with NULL) for a patient without implant
        return tx.one("SELECT implant_date FROM implant WHERE patient_id = ? ORDER BY implant_date LIMIT 1", r -> r.date("implant_date"), patientId)
                .map(d -> (date.toEpochDay() - d.toEpochDay()) / DAYS_PER_MONTH).orElse(null);
    }

    private static void insertDetails(Tx tx, long visitId, VisitData data) {
        for (VisitData.Measurement m : data.measurements()) {
            tx.update("INSERT INTO lesion_measurement (visit_id, lesion_id, longest_mm, short_axis_mm, viable_mm) VALUES (?, ?, ?, ?, ?)",
                    visitId, m.lesionId(), m.longestMm(), m.shortAxisMm(), m.viableMm());
        }
        data.qlqC30().forEach((item, score) -> tx.update("INSERT INTO qlq_c30_item (visit_id, item, score) VALUES (?, ?, ?)",
                visitId, item, score));
        for (VisitData.LabValue l : data.labs()) {
            tx.update("INSERT INTO lab_value (visit_id, name, value, unit) VALUES (?, ?, ?, ?)", visitId, l.name(), l.value(), l.unit());
        }
    }

    private static void deleteDetails(Tx tx, long visitId) {
        for (String table : List.of("lesion_measurement", "qlq_c30_item", "lab_value")) {
            tx.update("DELETE FROM " + table + " WHERE visit_id = ?", visitId);
        }
    }

    private static VisitRecord row(Tx tx, Tx.Row r) throws SQLException {
        long id = r.longValue("id");
        List<VisitData.Measurement> ms = tx.query("SELECT * FROM lesion_measurement WHERE visit_id = ? ORDER BY lesion_id",
                m -> new VisitData.Measurement(m.longValue("lesion_id"), m.doubleOrNull("longest_mm"), m.doubleOrNull("short_axis_mm"),
                        m.doubleOrNull("viable_mm")), id);
        Map<Integer, Integer> qlq = new LinkedHashMap<>();
        tx.query("SELECT item, score FROM qlq_c30_item WHERE visit_id = ? ORDER BY item", q -> qlq.put(q.intValue("item"), q.intValue("score")), id);
        List<VisitData.LabValue> labs = tx.query("SELECT * FROM lab_value WHERE visit_id = ? ORDER BY name",
                l -> new VisitData.LabValue(l.string("name"), l.doubleOrNull("value"), l.string("unit")), id);
        String nonTarget = r.string("non_target");
        return new VisitRecord(id, r.longValue("version"), r.doubleOrNull("months_since_implant"), new VisitData(r.longValue("patient_id"),
                r.date("visit_date"), r.intOrNull("nrs_pain"), r.intOrNull("kps"), r.boolOrNull("new_lesion"), nonTarget, ms, qlq, labs));
    }
}
