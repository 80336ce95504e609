package org.seedplan.storage.registry;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.TemperatureSample;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;

/**
 * Hyperthermia sessions ({@code hyperthermia_session}, {@code hyperthermia_sample}) of a patient: upload, replacement of
 * a session's log read at a version (audited: number, start, sample and channel counts, first and last time) and
 * deletion with a reason.
 */
public final class HyperthermiaRepository {

    private final Database db;
    private final AuditTrail audit;

    /** Sessions stored in {@code db}. */
    public HyperthermiaRepository(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** Stores a new session of patient {@code patientDbId} (its number must be new for the patient). */
    public HyperthermiaRecord create(Actor actor, long patientDbId, HyperthermiaSession s) {
        check(s);
        return db.inTransaction(tx -> {
            if (tx.number("SELECT COUNT(*) FROM hyperthermia_session WHERE patient_id = ? AND session_number = ?", patientDbId, s.session()) > 0) {
                throw new IllegalArgumentException("hyperthermia session " + s.session() + " of this patient is already stored;"
                        + " give the next session number or replace the stored session");
            }
            long id = tx.insert("INSERT INTO hyperthermia_session (patient_id, session_number, started_at, version) VALUES (?, ?, ?, 1)",
                    patientDbId, s.session(), s.start().toString());
            insertSamples(tx, id, s.samples());
            audit.changes(actor, "CREATE", "hyperthermia_session", id, Map.of(), summary(patientDbId, s.session(), s.start(), s.samples()), null);
            return find(id).orElseThrow();
        });
    }

    /** Replaces the start and log of session {@code id} read at {@code expectedVersion}. */
    public HyperthermiaRecord replace(Actor actor, long id, long expectedVersion, LocalDateTime start, List<TemperatureSample> samples, String reason) {
        return db.inTransaction(tx -> {
            HyperthermiaRecord old = find(id).orElseThrow(() -> new NotFoundException("hyperthermia session", id));
            check(new HyperthermiaSession("session " + old.sessionNumber(), old.sessionNumber(), start, samples));
            if (tx.update("UPDATE hyperthermia_session SET started_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                    start.toString(), id, expectedVersion) != 1) {
                throw new StaleVersionException("hyperthermia_session", id, expectedVersion);
            }
            tx.update("DELETE FROM hyperthermia_sample WHERE session_id = ?", id);
            insertSamples(tx, id, samples);
            audit.changes(actor, "UPDATE", "hyperthermia_session", id, summary(old.patientId(), old.sessionNumber(), old.start(), old.samples()),
                    summary(old.patientId(), old.sessionNumber(), start, samples), reason);
            return find(id).orElseThrow();
        });
    }

    /** Deletes a session and its log (a reason is required). */
    public void delete(Actor actor, long id, long expectedVersion, String reason) {
        ReasonRequiredException.require(reason, "deleting hyperthermia session " + id);
        db.inTransaction(tx -> {
            HyperthermiaRecord old = find(id).orElseThrow(() -> new NotFoundException("hyperthermia session", id));
            tx.update("DELETE FROM hyperthermia_sample WHERE session_id = ?", id);
            if (tx.update("DELETE FROM hyperthermia_session WHERE id = ? AND version = ?", id, expectedVersion) != 1) {
                throw new StaleVersionException("hyperthermia_session", id, expectedVersion);
            }
            audit.changes(actor, "DELETE", "hyperthermia_session", id, summary(old.patientId(), old.sessionNumber(), old.start(), old.samples()),
                    Map.of(), reason);
            return null;
        });
    }

    /** One session with its log. */
    public Optional<HyperthermiaRecord> find(long id) {
        return db.read(tx -> tx.one("SELECT * FROM hyperthermia_session WHERE id = ?", r -> row(tx, r), id));
    }

    /** The sessions of a patient by number. */
    public List<HyperthermiaRecord> ofPatient(long patientDbId) {
        return db.read(tx -> tx.query("SELECT * FROM hyperthermia_session WHERE patient_id = ? ORDER BY session_number", r -> row(tx, r), patientDbId));
    }

    private static void check(HyperthermiaSession s) {
        if (s.session() < 1) {
            throw new IllegalArgumentException("hyperthermia session number " + s.session() + " is not 1, 2, …");
        }
        if (s.samples().isEmpty()) {
            throw new IllegalArgumentException("hyperthermia session " + s.session() + " has no temperature readings; upload its log");
        }
    }

    private static void insertSamples(Tx tx, long sessionId, List<TemperatureSample> samples) {
        tx.batch("INSERT INTO hyperthermia_sample (session_id, time_min, channel, temp_c) VALUES (?, ?, ?, ?)",
                samples.stream().map(t -> new Object[] {sessionId, t.timeMin(), t.channel(), t.tempC()}).toList());
    }

    private static Map<String, Object> summary(long patientId, int number, LocalDateTime start, List<TemperatureSample> samples) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient_id", patientId);
        m.put("session_number", number);
        m.put("started_at", start.toString());
        m.put("samples", samples.size());
        m.put("channels", samples.stream().mapToInt(TemperatureSample::channel).distinct().count());
        m.put("first_time_min", samples.stream().mapToDouble(TemperatureSample::timeMin).min().orElse(Double.NaN));
        m.put("last_time_min", samples.stream().mapToDouble(TemperatureSample::timeMin).max().orElse(Double.NaN));
        return m;
    }

    private static HyperthermiaRecord row(Tx tx, Tx.Row r) throws SQLException {
        long id = r.longValue("id");
        List<TemperatureSample> samples = tx.query("SELECT time_min, channel, temp_c FROM hyperthermia_sample WHERE session_id = ? ORDER BY time_min, channel",
                s -> new TemperatureSample(s.doubleOrNull("time_min"), s.intValue("channel"), s.doubleOrNull("temp_c")), id);
        return new HyperthermiaRecord(id, r.longValue("patient_id"), r.intValue("session_number"), LocalDateTime.parse(r.string("started_at")),
                samples, r.longValue("version"));
    }
}
