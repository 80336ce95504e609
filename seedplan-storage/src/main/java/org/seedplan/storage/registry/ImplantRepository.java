package org.seedplan.storage.registry;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/** Implants ({@code implant}), audited, with optimistic locking. */
public final class ImplantRepository {

    private final Database db;
    private final AuditedRows rows;

    /** Implants stored in {@code db}. */
    public ImplantRepository(Database db) {
        this.db = db;
        this.rows = new AuditedRows("implant", new AuditTrail(db));
    }

    /** Records an implant. */
    public ImplantRecord create(Actor actor, ImplantData data) {
        return create(actor, data, null);
    }

    /** Records an implant; {@code reason} (may be {@code null}) goes into its audit rows, e.g. where its planned metrics came from. */
    public ImplantRecord create(Actor actor, ImplantData data, String reason) {
        return db.inTransaction(tx -> new ImplantRecord(rows.insert(tx, actor, data.columns(), reason), 1, data));
    }

    /** Replaces the fields of an implant read at {@code expectedVersion}. */
    public ImplantRecord update(Actor actor, long id, long expectedVersion, ImplantData data, String reason) {
        return db.inTransaction(tx -> {
            ImplantRecord old = find(id).orElseThrow(() -> new NotFoundException("implant", id));
            if (old.data().patientId() != data.patientId()) {
                throw new IllegalArgumentException("implant " + id + ": patientId cannot change");
            }
            rows.update(tx, actor, id, expectedVersion, old.data().columns(), data.columns(), reason);
            return new ImplantRecord(id, expectedVersion + 1, data);
        });
    }

    /** Deletes an implant (a reason is required). */
    public void delete(Actor actor, long id, long expectedVersion, String reason) {
        db.inTransaction(tx -> {
            ImplantRecord old = find(id).orElseThrow(() -> new NotFoundException("implant", id));
            rows.delete(tx, actor, id, expectedVersion, old.data().columns(), reason);
            return null;
        });
    }

    /** One implant. */
    public Optional<ImplantRecord> find(long id) {
        return db.read(tx -> tx.one("SELECT * FROM implant WHERE id = ?", ImplantRepository::row, id));
    }

    /** The implants of a patient by date. */
    public List<ImplantRecord> ofPatient(long patientDbId) {
        return db.read(tx -> tx.query("SELECT * FROM implant WHERE patient_id = ? ORDER BY implant_date, id", ImplantRepository::row, patientDbId));
    }

    private static ImplantMetrics metrics(Tx.Row r, String p) throws SQLException {
        return new ImplantMetrics(r.doubleOrNull(p + "d90_gy"), r.doubleOrNull(p + "d100_gy"), r.doubleOrNull(p + "v100_percent"),
                r.doubleOrNull(p + "v150_percent"), r.doubleOrNull(p + "hi"), r.intOrNull(p + "seed_count"), r.doubleOrNull(p + "ptv_cc"));
    }

    private static PostMetricsSource source(Tx.Row r) throws SQLException {
        String run = r.string("post_metrics_run_id");
        return run == null ? null : new PostMetricsSource(run, r.string("post_metrics_engine"), r.instant("post_metrics_run_at"));
    }

    static ImplantRecord row(Tx.Row r) throws SQLException {
        return new ImplantRecord(r.longValue("id"), r.longValue("version"), new ImplantData(r.longValue("patient_id"),
                r.longOrNull("plan_revision_id"), r.date("implant_date"), r.intOrNull("seed_count"), r.doubleOrNull("seed_activity_mci"),
                r.doubleOrNull("age_years"), r.boolOrNull("hyperthermia"), r.doubleOrNull("baseline_tumour_marker"),
                r.string("postop_study_uid"), metrics(r, "planned_"), r.string("planned_metrics_structure"), metrics(r, "post_"),
                r.string("post_metrics_structure"), source(r)));
    }
}
