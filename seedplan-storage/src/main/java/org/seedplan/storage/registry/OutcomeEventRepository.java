package org.seedplan.storage.registry;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/** Adverse events ({@code adverse_event}) and progressions ({@code progression}), audited, with optimistic locking. */
public final class OutcomeEventRepository {

    private final Database db;
    private final AuditedRows events;
    private final AuditedRows progressions;

    /** Outcome events stored in {@code db}. */
    public OutcomeEventRepository(Database db) {
        this.db = db;
        AuditTrail audit = new AuditTrail(db);
        this.events = new AuditedRows("adverse_event", audit);
        this.progressions = new AuditedRows("progression", audit);
    }

    /** Records an adverse event. */
    public AdverseEventRecord createAdverseEvent(Actor actor, AdverseEventData data) {
        return db.inTransaction(tx -> new AdverseEventRecord(events.insert(tx, actor, data.columns()), 1, data));
    }

    /** Replaces an adverse event read at {@code expectedVersion}. */
    public AdverseEventRecord updateAdverseEvent(Actor actor, long id, long expectedVersion, AdverseEventData data, String reason) {
        return db.inTransaction(tx -> {
            AdverseEventRecord old = adverseEvent(id).orElseThrow(() -> new NotFoundException("adverse event", id));
            events.update(tx, actor, id, expectedVersion, old.data().columns(), data.columns(), reason);
            return new AdverseEventRecord(id, expectedVersion + 1, data);
        });
    }

    /** Deletes an adverse event (a reason is required). */
    public void deleteAdverseEvent(Actor actor, long id, long expectedVersion, String reason) {
        db.inTransaction(tx -> {
            AdverseEventRecord old = adverseEvent(id).orElseThrow(() -> new NotFoundException("adverse event", id));
            events.delete(tx, actor, id, expectedVersion, old.data().columns(), reason);
            return null;
        });
    }

    /** One adverse event. */
    public Optional<AdverseEventRecord> adverseEvent(long id) {
        return db.read(tx -> tx.one("SELECT * FROM adverse_event WHERE id = ?", OutcomeEventRepository::eventRow, id));
    }

    /** The adverse events of a patient by onset. */
    public List<AdverseEventRecord> adverseEventsOf(long patientDbId) {
        return db.read(tx -> tx.query("SELECT * FROM adverse_event WHERE patient_id = ? ORDER BY onset_date, id",
                OutcomeEventRepository::eventRow, patientDbId));
    }

    /** Records a progression. */
    public ProgressionRecord createProgression(Actor actor, ProgressionData data) {
        return db.inTransaction(tx -> new ProgressionRecord(progressions.insert(tx, actor, data.columns()), 1, data));
    }

    /** Replaces a progression read at {@code expectedVersion}. */
    public ProgressionRecord updateProgression(Actor actor, long id, long expectedVersion, ProgressionData data, String reason) {
        return db.inTransaction(tx -> {
            ProgressionRecord old = progression(id).orElseThrow(() -> new NotFoundException("progression", id));
            if (old.data().patientId() != data.patientId()) {
                throw new IllegalArgumentException("progression " + id + ": patientId cannot change");
            }
            progressions.update(tx, actor, id, expectedVersion, old.data().columns(), data.columns(), reason);
            return new ProgressionRecord(id, expectedVersion + 1, data);
        });
    }

    /** One progression. */
    public Optional<ProgressionRecord> progression(long id) {
        return db.read(tx -> tx.one("SELECT * FROM progression WHERE id = ?", OutcomeEventRepository::progressionRow, id));
    }

    /** Deletes a progression (a reason is required). */
    public void deleteProgression(Actor actor, long id, long expectedVersion, String reason) {
        db.inTransaction(tx -> {
            ProgressionRecord found = tx.one("SELECT * FROM progression WHERE id = ?", OutcomeEventRepository::progressionRow, id)
                    .orElseThrow(() -> new NotFoundException("progression", id));
            progressions.delete(tx, actor, id, expectedVersion, found.data().columns(), reason);
            return null;
        });
    }

    /** The progressions of a patient by date. */
    public List<ProgressionRecord> progressionsOf(long patientDbId) {
        return db.read(tx -> tx.query("SELECT * FROM progression WHERE patient_id = ? ORDER BY progression_date, id",
                OutcomeEventRepository::progressionRow, patientDbId));
    }

    static AdverseEventRecord eventRow(Tx.Row r) throws SQLException {
        return new AdverseEventRecord(r.longValue("id"), r.longValue("version"), new AdverseEventData(r.longValue("patient_id"),
                r.date("onset_date"), r.string("term"), r.intValue("grade"), r.string("scale"), r.string("attribution"),
                r.string("onset_precision") == null ? null : PartialDate.Precision.valueOf(r.string("onset_precision"))));
    }

    static ProgressionRecord progressionRow(Tx.Row r) throws SQLException {
        return new ProgressionRecord(r.longValue("id"), r.longValue("version"), new ProgressionData(r.longValue("patient_id"),
                r.date("progression_date"), r.string("progression_type")));
    }
}
