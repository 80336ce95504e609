package org.seedplan.storage.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.Times;
import org.seedplan.storage.Tx;

/**
 * The append-only, hash-chained audit trail ({@code audit_event}). Each row's hash is SHA-256 of the previous
 * row's hash and the row's canonical text, so editing or deleting a stored row breaks the chain, which
 * {@link #verify()} finds. Rows are written in the caller's transaction: a change and its audit rows commit
 * or vanish together.
 */
public final class AuditTrail {

    /** The hash before the first row. */
    public static final String GENESIS = "0".repeat(64);

    private final Database db;

    /** The audit trail of {@code db}. */
    public AuditTrail(Database db) {
        this.db = db;
    }

    /** Appends one row (in the current transaction, or a new one) and returns it. */
    public AuditEvent append(Actor actor, String action, String entity, Object entityId, String field,
                             String oldValue, String newValue, String reason) {
        return db.inTransaction(tx -> append(tx, actor, action, entity, entityId, field, oldValue, newValue, reason, null));
    }

    /** Records an event about a whole record or about nobody's record (sign-in, export): no field, no values. */
    public AuditEvent event(Actor actor, String action, String entity, Object entityId, String detail) {
        return event(actor, action, entity, entityId, detail, null);
    }

    /** {@link #event(Actor, String, String, Object, String)} about patient {@code patientId} (registry id; null: none), listed by {@link #ofPatient}. */
    public AuditEvent event(Actor actor, String action, String entity, Object entityId, String detail, Long patientId) {
        return db.inTransaction(tx -> append(tx, actor, action, entity, entityId, null, null, detail, null, patientId));
    }

    /**
     * Appends one row per field whose value differs between {@code before} and {@code after} (a missing key
     * counts as null); returns how many rows were written.
     */
    public int changes(Actor actor, String action, String entity, Object entityId,
                       Map<String, ?> before, Map<String, ?> after, String reason) {
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        return db.inTransaction(tx -> {
            int n = 0;
            for (String f : fields) {
                String o = text(before.get(f));
                String v = text(after.get(f));
                if (!Objects.equals(o, v)) {
                    append(tx, actor, action, entity, entityId, f, o, v, reason, null);
                    n++;
                }
            }
            if (n == 0 && !action.equals("UPDATE")) {
                append(tx, actor, action, entity, entityId, null, null, null, reason, null);
                n = 1;
            }
            return n;
        });
    }

    /** The audit text of a value: dates and instants in ISO-8601, numbers without locale. */
    public static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Instant t) {
            return Times.format(t);
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (v instanceof LocalDate || v instanceof Number || v instanceof Boolean || v instanceof Enum<?> || v instanceof String) {
            return v.toString();
        }
        throw new IllegalArgumentException("audit: cannot record a value of type " + v.getClass().getName());
    }

    private AuditEvent append(Tx tx, Actor actor, String action, String entity, Object entityId, String field,
                              String oldValue, String newValue, String reason, Long patientId) {
        // lock the head: concurrent writers extend the chain one after the other
        tx.update("UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1");
        Object[] head = tx.one("SELECT last_seq, last_hash FROM audit_head WHERE id = 1",
                r -> new Object[] {r.longValue("last_seq"), r.string("last_hash")}).orElseThrow();
        long seq = (Long) head[0];
        AuditEvent unsigned = new AuditEvent(seq, Instant.now(), actor.userId(), actor.username(),
                actor.role() == null ? null : actor.role().name(), actor.centreId(), action, entity,
                entityId == null ? null : entityId.toString(), field, oldValue, newValue, blankToNull(reason),
                actor.requestId(), (String) head[1], null, patientId);
        String hash = hash(unsigned.prevHash(), unsigned.canonical());
        tx.update("INSERT INTO audit_event (seq, at, user_id, username, role, centre_id, action, entity, entity_id, field,"
                        + " old_value, new_value, reason, request_id, prev_hash, hash, patient_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq, unsigned.at(), unsigned.userId(), unsigned.username(), unsigned.role(), unsigned.centreId(), action,
                entity, unsigned.entityId(), field, oldValue, newValue, unsigned.reason(), unsigned.requestId(),
                unsigned.prevHash(), hash, patientId);
        tx.update("UPDATE audit_head SET last_hash = ? WHERE id = 1", hash);
        return new AuditEvent(seq, unsigned.at(), unsigned.userId(), unsigned.username(), unsigned.role(), unsigned.centreId(),
                action, entity, unsigned.entityId(), field, oldValue, newValue, unsigned.reason(), unsigned.requestId(),
                unsigned.prevHash(), hash, patientId);
    }

    /**
     * The tables of a patient's own records whose audit rows carry no patient but name the record ({@code entity} = table,
     * {@code entity_id} = its id) and, in their CREATE row, the patient in field {@code patient_id}: listed by {@link #ofPatient}
     * while the record exists (its {@code patient_id} column) and after it was deleted (that CREATE row).
     */
    public static final List<String> PATIENT_RECORDS = List.of("implant", "visit", "lesion", "hyperthermia_session", "adverse_event",
            "progression");

    /**
     * The tables of a patient's records that are never deleted nor moved to another patient, whose audit rows name the record:
     * listed by {@link #ofPatient} through the table's {@code patient_id} (a series through its study's, an instance through its
     * series' study's).
     */
    private static final Map<String, String> FIXED_RECORDS = Map.of(
            "dicom_study", "SELECT CAST(x.id AS TEXT) FROM dicom_study x WHERE x.patient_id = ?",
            "dicom_series", "SELECT CAST(x.id AS TEXT) FROM dicom_series x JOIN dicom_study d ON d.id = x.study_id WHERE d.patient_id = ?",
            "dicom_instance", "SELECT CAST(x.id AS TEXT) FROM dicom_instance x JOIN dicom_series s ON s.id = x.series_id"
                    + " JOIN dicom_study d ON d.id = s.study_id WHERE d.patient_id = ?",
            "structure_set", "SELECT CAST(x.id AS TEXT) FROM structure_set x WHERE x.patient_id = ?",
            "plan", "SELECT CAST(x.id AS TEXT) FROM plan x WHERE x.patient_id = ?",
            "plan_revision", "SELECT CAST(r.id AS TEXT) FROM plan_revision r JOIN plan x ON x.id = r.plan_id WHERE x.patient_id = ?");

    /** The rows about one record, oldest first. */
    public List<AuditEvent> forEntity(String entity, Object entityId) {
        return db.read(tx -> tx.query("SELECT * FROM audit_event WHERE entity = ? AND entity_id = ? ORDER BY seq",
                AuditTrail::row, entity, entityId.toString()));
    }

    /**
     * A page of the rows about one record written for one of {@code centres}, oldest first, only of {@code action} when it is not
     * null: those after sequence number {@code afterSeq}, at most {@code limit}. Nothing when {@code centres} is empty.
     */
    public List<AuditEvent> forEntity(String entity, Object entityId, String action, Set<Long> centres, long afterSeq, int limit) {
        StringBuilder where = new StringBuilder("entity = ? AND entity_id = ?");
        List<Object> args = new ArrayList<>(List.of(entity, entityId.toString()));
        return centres.isEmpty() ? List.of() : run(page(withAction(where, args, action), args, centres, afterSeq, limit));
    }

    /**
     * A page of the rows about patient {@code patientId} written for one of {@code centres}, oldest first, only of {@code entity}
     * and of {@code action} when they are not null: those after sequence number {@code afterSeq}, at most {@code limit}. Listed are
     * the rows written with their patient ({@link #event(Actor, String, String, Object, String, Long)}) and the rows that carry
     * none (none was written with one, and those before storage V014 could not be), found at query time so that the chained rows
     * stay as they were written: about the patient record itself (entity {@code patient}, its id); about the records that are
     * never moved nor deleted (plans and plan revisions, structure sets, DICOM studies, series and instances), through the
     * table's {@code patient_id} (a revision's plan's, a series' study's, an instance's series' study's); about the patient's implants, visits, lesions, hyperthermia
     * sessions (whose rows also record their temperature log: samples, channels, first and last minute), adverse events and
     * progressions ({@link #PATIENT_RECORDS}), through the record's {@code patient_id} or, for a record since deleted, through its
     * own audit rows that name the patient (the CREATE row's {@code patient_id} field, or an UPDATE's to it; records imported by a
     * cohort import have no CREATE row but are found while they exist); about the study values, through the value's
     * {@code patient_id} or, for a deleted value, its CREATE row's record field ({@code patient}, or {@code lesion} / {@code visit}
     * of one of the patient's lesions or visits, found as above). The lookups in CREATE rows read the partial index
     * {@code audit_event_record_of} (storage V016).
     */
    public List<AuditEvent> ofPatient(long patientId, String entity, String action, Set<Long> centres, long afterSeq, int limit) {
        return centres.isEmpty() ? List.of() : run(ofPatientQuery(patientId, entity, action, centres, afterSeq, limit));
    }

    /**
     * The query {@link #ofPatient} runs (for a non-empty {@code centres}): the sequence numbers of the patient's rows gathered by
     * index look-ups, one per kind of row ({@code audit_event_patient} for the rows carrying the patient, {@code audit_event_entity}
     * for the records' rows, {@code audit_event_record_of} inside them for deleted records), then those rows read by their
     * sequence number, so that the cost follows the patient's rows and not the trail's length. (Until the "desk" session of
     * 2026-12-05 one OR of these conditions was tested on every row in {@code seq} order: a patient with few rows cost a pass
     * over the whole trail, 0.4–0.5 s on 200 000 rows with SQLite; {@code seedplan bench audit}.)
     */
    static Query ofPatientQuery(long patientId, String entity, String action, Set<Long> centres, long afterSeq, int limit) {
        String id = Long.toString(patientId);
        List<String> branches = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        branches.add("SELECT seq FROM audit_event WHERE patient_id = ?");
        args.add(patientId);
        // the rows that carry no patient (none was written with one, or before V014), each kind found by its record
        branches.add(noPatient("entity = 'patient' AND entity_id = ?"));
        args.add(id);
        for (Map.Entry<String, String> fixed : new TreeMap<>(FIXED_RECORDS).entrySet()) {
            branches.add(noPatient("entity = '" + fixed.getKey() + "' AND entity_id IN (" + fixed.getValue() + ")"));
            args.add(patientId);
        }
        for (String table : PATIENT_RECORDS) {
            branches.add(noPatient("entity = '" + table + "' AND entity_id IN (" + recordsOf(table) + ")"));
            branches.add(noPatient("entity = '" + table + "' AND entity_id IN (" + namedIn(table, "patient_id") + ")"));
            args.addAll(List.of(patientId, id));
        }
        branches.add(noPatient("entity = 'study_value' AND entity_id IN (" + recordsOf("study_value") + ")"));
        branches.add(noPatient("entity = 'study_value' AND entity_id IN (" + namedIn("study_value", "patient") + ")"));
        args.addAll(List.of(patientId, id));
        for (String level : List.of("lesion", "visit")) {
            // a deleted value of one of the patient's lesions or visits, which may be deleted too
            branches.add(noPatient(valueOf(level, recordsOf(level))));
            branches.add(noPatient(valueOf(level, namedIn(level, "patient_id"))));
            args.addAll(List.of(patientId, id));
        }
        // the patient's id written into the look-ups, not bound: with parameters PostgreSQL's JDBC driver switches to a generic
        // plan after five runs, which hash-joins whole entities (86 ms median against 19 ms for the first runs, 200 000 rows)
        StringBuilder where = new StringBuilder("seq IN (").append(inline(String.join(" UNION ALL ", branches), args)).append(")");
        args.clear();
        if (entity != null) {
            where.append(" AND entity = ?");
            args.add(entity);
        }
        return page(withAction(where, args, action), args, centres, afterSeq, limit);
    }

    /**
     * A study value's rows whose CREATE row names one of {@code records} (ids of lesions or visits) as its {@code level}; one
     * look-up per kind of record: an OR of the two made PostgreSQL read every study value's rows.
     */
    private static String valueOf(String level, String records) {
        return "entity = 'study_value' AND entity_id IN (SELECT v.entity_id FROM audit_event v WHERE v.entity = 'study_value'"
                + " AND v.field = '" + level + "' AND v.new_value IN (" + records + "))";
    }

    /** {@code sql} with each {@code ?} replaced by the next of {@code values}: whole numbers, or text of digits quoted. */
    private static String inline(String sql, List<Object> values) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (char c : sql.toCharArray()) {
            if (c != '?') {
                out.append(c);
            } else if (values.get(next) instanceof Long n) {
                out.append(n.longValue());
                next++;
            } else {
                String digits = (String) values.get(next++);
                if (!digits.matches("-?\\d+")) {
                    throw new IllegalArgumentException("not an id: " + digits);
                }
                out.append('\'').append(digits).append('\'');
            }
        }
        return out.toString();
    }

    /** The sequence numbers of the rows that carry no patient and meet {@code condition}. */
    private static String noPatient(String condition) {
        return "SELECT seq FROM audit_event WHERE patient_id IS NULL AND " + condition;
    }

    /** An SQL query and its parameters. */
    record Query(String sql, List<Object> args) {
    }

    /** The ids (as audit text) of the rows of {@code table} whose {@code patient_id} is the one parameter. */
    private static String recordsOf(String table) {
        return "SELECT CAST(x.id AS TEXT) FROM " + table + " x WHERE x.patient_id = ?";
    }

    /**
     * The ids of the records of {@code table} whose audit rows set {@code field} to the one parameter (in the text the trail
     * writes): an index lookup in {@code audit_event_record_of}, whose predicate names each such field.
     */
    private static String namedIn(String table, String field) {
        return "SELECT k.entity_id FROM audit_event k WHERE k.entity = '" + table + "' AND k.field = '" + field + "' AND k.new_value = ?";
    }

    private static String withAction(StringBuilder where, List<Object> args, String action) {
        if (action != null) {
            where.append(" AND action = ?");
            args.add(action);
        }
        return where.toString();
    }

    private static Query page(String where, List<Object> args, Set<Long> centres, long afterSeq, int limit) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(centres);
        all.add(afterSeq);
        all.add(limit);
        return new Query("SELECT * FROM audit_event WHERE " + where + " AND centre_id IN ("
                + String.join(", ", Collections.nCopies(centres.size(), "?")) + ") AND seq > ? ORDER BY seq LIMIT ?", all);
    }

    private List<AuditEvent> run(Query q) {
        return db.read(tx -> tx.query(q.sql(), AuditTrail::row, q.args().toArray()));
    }

    /** The rows with sequence numbers after {@code afterSeq}, oldest first, at most {@code limit}. */
    public List<AuditEvent> after(long afterSeq, int limit) {
        return db.read(tx -> tx.query("SELECT * FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?",
                AuditTrail::row, afterSeq, limit));
    }

    /** Walks the whole chain and reports the first row that does not fit (edited, deleted, reordered or missing). */
    public AuditVerification verify() {
        return db.read(tx -> {
            long[] expected = {1};
            long[] checked = {0};
            String[] prev = {GENESIS};
            AuditVerification[] broken = {null};
            tx.scan("SELECT * FROM audit_event ORDER BY seq", r -> {
                AuditEvent e = row(r);
                checked[0]++;
                if (e.seq() != expected[0]) {
                    broken[0] = new AuditVerification(checked[0], expected[0],
                            "row " + expected[0] + " is missing (the next stored row is " + e.seq() + ")");
                } else if (!e.prevHash().equals(prev[0])) {
                    broken[0] = new AuditVerification(checked[0], e.seq(), "row " + e.seq() + " does not follow the previous row's hash");
                } else if (!hash(e.prevHash(), e.canonical()).equals(e.hash())) {
                    broken[0] = new AuditVerification(checked[0], e.seq(), "row " + e.seq() + " was changed after it was written");
                }
                prev[0] = e.hash();
                expected[0]++;
                return broken[0] == null;
            });
            if (broken[0] != null) {
                return broken[0];
            }
            Object[] head = tx.one("SELECT last_seq, last_hash FROM audit_head WHERE id = 1",
                    h -> new Object[] {h.longValue("last_seq"), h.string("last_hash")}).orElseThrow();
            if ((Long) head[0] != expected[0] - 1 || !head[1].equals(prev[0])) {
                return new AuditVerification(checked[0], expected[0] - 1 == (Long) head[0] ? expected[0] - 1 : expected[0],
                        "the chain ends at row " + (expected[0] - 1) + " but its head says " + head[0] + ": rows were removed or changed at the end");
            }
            return new AuditVerification(checked[0], null, null);
        });
    }

    private static AuditEvent row(Tx.Row r) throws SQLException {
        return new AuditEvent(r.longValue("seq"), r.instant("at"), r.longOrNull("user_id"), r.string("username"), r.string("role"),
                r.longOrNull("centre_id"), r.string("action"), r.string("entity"), r.string("entity_id"), r.string("field"),
                r.string("old_value"), r.string("new_value"), r.string("reason"), r.string("request_id"),
                r.string("prev_hash"), r.string("hash"), r.longOrNull("patient_id"));
    }

    static String hash(String prevHash, String canonical) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            md.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
