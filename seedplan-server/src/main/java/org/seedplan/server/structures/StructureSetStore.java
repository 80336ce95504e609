package org.seedplan.server.structures;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/**
 * Structure sets on CT series with write-once versions: creating a set writes version 1, each save writes the next
 * version only when the saver had read the current one (else {@link StaleVersionException}, 409), and every write is
 * in the audit trail with its author in the same transaction.
 */
public final class StructureSetStore {

    /** Audit entity name of a structure set. */
    public static final String ENTITY = "structure_set";

    private final Database db;
    private final AuditTrail audit;

    public StructureSetStore(Database db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
    }

    /** A structure set without its content. */
    public record Summary(long id, long patientDbId, String ctSeriesUid, String frameOfReferenceUid, String name, long version,
            Instant savedAt, String savedBy) {
    }

    /** One saved version: who saved it, when, from what (drawn, RTSTRUCT import…) and the structures as JSON. */
    public record Version(long setId, long version, Instant savedAt, String savedBy, String source, String contentJson, String sha256) {
    }

    /** Creates a set with its first version; returns its id. */
    public long create(Actor actor, long patientDbId, String ctSeriesUid, String frameOfReferenceUid, String name,
            String source, String contentJson, Instant now) {
        return db.inTransaction(tx -> {
            long id = tx.insert("INSERT INTO structure_set (patient_id, ct_series_uid, frame_of_reference_uid, name, version, created_at)"
                    + " VALUES (?, ?, ?, ?, 1, ?)", patientDbId, ctSeriesUid, frameOfReferenceUid, name, now.toString());
            insertVersion(tx, actor, id, 1, source, contentJson, now);
            audit.append(actor, "CREATE", ENTITY, id, "version", null, "1", source + ", " + name + " on CT series " + ctSeriesUid);
            return id;
        });
    }

    /** Saves the next version of set {@code id} when its current version is {@code readVersion}; returns the new version. */
    public long save(Actor actor, long id, long readVersion, String source, String contentJson, Instant now) {
        return db.inTransaction(tx -> {
            long next = readVersion + 1;
            if (tx.update("UPDATE structure_set SET version = ? WHERE id = ? AND version = ?", next, id, readVersion) != 1) {
                throw new StaleVersionException(ENTITY, id, readVersion);
            }
            insertVersion(tx, actor, id, next, source, contentJson, now);
            audit.append(actor, "UPDATE", ENTITY, id, "version", Long.toString(readVersion), Long.toString(next), source);
            return next;
        });
    }

    private static void insertVersion(Tx tx, Actor actor, long id, long version, String source, String json, Instant now) {
        tx.insert("INSERT INTO structure_set_version (structure_set_id, version, saved_at, saved_by_user_id, saved_by, source, content, sha256)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, version, now.toString(), actor.userId(), actor.username(), source, json, sha256(json));
    }

    /** The sets of a CT series, newest first. */
    public List<Summary> ofSeries(String ctSeriesUid) {
        return db.read(tx -> tx.query("SELECT s.*, v.saved_at, v.saved_by FROM structure_set s JOIN structure_set_version v"
                + " ON v.structure_set_id = s.id AND v.version = s.version WHERE s.ct_series_uid = ? ORDER BY s.id DESC",
                StructureSetStore::summary, ctSeriesUid));
    }

    /** One set. */
    public Optional<Summary> find(long id) {
        return db.read(tx -> tx.one("SELECT s.*, v.saved_at, v.saved_by FROM structure_set s JOIN structure_set_version v"
                + " ON v.structure_set_id = s.id AND v.version = s.version WHERE s.id = ?", StructureSetStore::summary, id));
    }

    /** One version of a set. */
    public Optional<Version> version(long id, long version) {
        return db.read(tx -> tx.one("SELECT * FROM structure_set_version WHERE structure_set_id = ? AND version = ?",
                r -> new Version(id, r.longValue("version"), Instant.parse(r.string("saved_at")), r.string("saved_by"), r.string("source"),
                        r.string("content"), r.string("sha256")), id, version));
    }

    /** Every version of a set (without content), newest first. */
    public List<Version> versions(long id) {
        return db.read(tx -> tx.query("SELECT structure_set_id, version, saved_at, saved_by, source, sha256 FROM structure_set_version"
                + " WHERE structure_set_id = ? ORDER BY version DESC",
                r -> new Version(id, r.longValue("version"), Instant.parse(r.string("saved_at")), r.string("saved_by"), r.string("source"),
                        null, r.string("sha256")), id));
    }

    private static Summary summary(Tx.Row r) throws SQLException {
        return new Summary(r.longValue("id"), r.longValue("patient_id"), r.string("ct_series_uid"), r.string("frame_of_reference_uid"),
                r.string("name"), r.longValue("version"), Instant.parse(r.string("saved_at")), r.string("saved_by"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
