package org.seedplan.storage.registry;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/** Lesions ({@code lesion}), audited, with optimistic locking. */
public final class LesionRepository {

    private final Database db;
    private final AuditedRows rows;

    /** Lesions stored in {@code db}. */
    public LesionRepository(Database db) {
        this.db = db;
        this.rows = new AuditedRows("lesion", new AuditTrail(db));
    }

    /** Records a lesion; the label must be new for the patient. */
    public LesionRecord create(Actor actor, LesionData data) {
        return db.inTransaction(tx -> {
            if (tx.number("SELECT COUNT(*) FROM lesion WHERE patient_id = ? AND label = ?", data.patientId(), data.label()) > 0) {
                throw new IllegalArgumentException("lesion " + data.label() + " already exists for this patient; choose another label");
            }
            return new LesionRecord(rows.insert(tx, actor, data.columns()), 1, data);
        });
    }

    /** Replaces the fields of a lesion read at {@code expectedVersion}. */
    public LesionRecord update(Actor actor, long id, long expectedVersion, LesionData data, String reason) {
        return db.inTransaction(tx -> {
            LesionRecord old = find(id).orElseThrow(() -> new NotFoundException("lesion", id));
            if (old.data().patientId() != data.patientId()) {
                throw new IllegalArgumentException("lesion " + id + ": patientId cannot change; record the lesion under the other patient");
            }
            rows.update(tx, actor, id, expectedVersion, old.data().columns(), data.columns(), reason);
            return new LesionRecord(id, expectedVersion + 1, data);
        });
    }

    /** Deletes a lesion without measurements (a reason is required). */
    public void delete(Actor actor, long id, long expectedVersion, String reason) {
        db.inTransaction(tx -> {
            LesionRecord old = find(id).orElseThrow(() -> new NotFoundException("lesion", id));
            if (tx.number("SELECT COUNT(*) FROM lesion_measurement WHERE lesion_id = ?", id) > 0) {
                throw new IllegalArgumentException("lesion " + old.data().label() + " has follow-up measurements; delete those first");
            }
            rows.delete(tx, actor, id, expectedVersion, old.data().columns(), reason);
            return null;
        });
    }

    /** One lesion. */
    public Optional<LesionRecord> find(long id) {
        return db.read(tx -> tx.one("SELECT * FROM lesion WHERE id = ?", LesionRepository::row, id));
    }

    /** The lesions of a patient in the order they were recorded. */
    public List<LesionRecord> ofPatient(long patientDbId) {
        return db.read(tx -> tx.query("SELECT * FROM lesion WHERE patient_id = ? ORDER BY id", LesionRepository::row, patientDbId));
    }

    static LesionRecord row(Tx.Row r) throws SQLException {
        return new LesionRecord(r.longValue("id"), r.longValue("version"), new LesionData(r.longValue("patient_id"), r.string("label"),
                r.string("organ"), r.string("site"), r.bool("nodal"), r.bool("target"), r.doubleOrNull("baseline_longest_mm"),
                r.doubleOrNull("baseline_short_axis_mm"), r.doubleOrNull("baseline_viable_mm"), r.date("baseline_date")));
    }
}
