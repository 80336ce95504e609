package org.seedplan.storage.dicom;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedplan.dicom.net.AeAddress;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;

/**
 * The known DICOM peers of each centre ({@code dicom_peer}), kept by the centre's administrator: an AE title
 * belongs to one centre, so whatever arrives from it is filed there. Every change is audited field by field.
 */
public final class DicomPeers {

    private final Database db;
    private final AuditTrail audit;

    /** The peers stored in {@code db}. */
    public DicomPeers(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** What an administrator enters for a peer. */
    public record PeerData(long centreId, String aeTitle, String host, int port, boolean maySend, boolean mayReceive,
                           String description) {

        /** Checks the AE title, host and port; a bad one throws {@link IllegalArgumentException} naming the field. */
        public PeerData {
            aeTitle = AeAddress.checkAeTitle(aeTitle, "aeTitle");
            if (host == null || host.isBlank() || host.strip().contains(" ")) {
                throw new IllegalArgumentException("host '" + host + "' is empty or has spaces: give the peer's host name or address,"
                        + " e.g. 10.0.0.5");
            }
            host = host.strip();
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not a TCP port: give 1 to 65535 (DICOM's is 104 or 11112)");
            }
            description = description == null || description.isBlank() ? null : description.strip();
        }
    }

    /** Adds a peer; its AE title must be new (in any centre). */
    public DicomPeer create(Actor actor, PeerData d) {
        return db.inTransaction(tx -> {
            requireFree(tx, d.aeTitle(), -1);
            long id = tx.insert("INSERT INTO dicom_peer (centre_id, ae_title, host, port, may_send, may_receive, description, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", d.centreId(), d.aeTitle(), d.host(), d.port(), d.maySend(), d.mayReceive(),
                    d.description(), Instant.now());
            audit.changes(actor, "CREATE", "dicom_peer", id, Map.of(), columns(d), null);
            return find(tx, id).orElseThrow();
        });
    }

    /** Changes a peer (not its centre). */
    public DicomPeer update(Actor actor, long id, PeerData d, String reason) {
        return db.inTransaction(tx -> {
            DicomPeer old = find(tx, id).orElseThrow(() -> new NotFoundException("DICOM peer", id));
            if (old.centreId() != d.centreId()) {
                throw new IllegalArgumentException("centreId: a peer cannot move to another centre; delete it and add it there");
            }
            requireFree(tx, d.aeTitle(), id);
            tx.update("UPDATE dicom_peer SET ae_title = ?, host = ?, port = ?, may_send = ?, may_receive = ?, description = ? WHERE id = ?",
                    d.aeTitle(), d.host(), d.port(), d.maySend(), d.mayReceive(), d.description(), id);
            audit.changes(actor, "UPDATE", "dicom_peer", id, columns(data(old)), columns(d), reason);
            return find(tx, id).orElseThrow();
        });
    }

    /** Removes a peer: its AE title is refused from now on. */
    public void delete(Actor actor, long id, String reason) {
        db.inTransaction(tx -> {
            DicomPeer old = find(tx, id).orElseThrow(() -> new NotFoundException("DICOM peer", id));
            tx.update("DELETE FROM dicom_peer WHERE id = ?", id);
            audit.changes(actor, "DELETE", "dicom_peer", id, columns(data(old)), Map.of(), reason);
            return null;
        });
    }

    /** One peer. */
    public Optional<DicomPeer> find(long id) {
        return db.read(tx -> find(tx, id));
    }

    /** The peer with AE title {@code aeTitle} (exact, as AE titles are compared in DICOM), if any centre knows it. */
    public Optional<DicomPeer> byAeTitle(String aeTitle) {
        return db.read(tx -> tx.one("SELECT * FROM dicom_peer WHERE ae_title = ?", DicomPeers::row, aeTitle));
    }

    /** The peers of the given centres, by AE title. */
    public List<DicomPeer> ofCentres(Collection<Long> centreIds) {
        if (centreIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(centreIds.size(), "?"));
        return db.read(tx -> tx.query("SELECT * FROM dicom_peer WHERE centre_id IN (" + marks + ") ORDER BY ae_title", DicomPeers::row,
                centreIds.toArray()));
    }

    private static Optional<DicomPeer> find(Tx tx, long id) {
        return tx.one("SELECT * FROM dicom_peer WHERE id = ?", DicomPeers::row, id);
    }

    private static void requireFree(Tx tx, String aeTitle, long exceptId) {
        if (tx.number("SELECT COUNT(*) FROM dicom_peer WHERE ae_title = ? AND id <> ?", aeTitle, exceptId) > 0) {
            throw new IllegalArgumentException("aeTitle " + aeTitle + " is already a known peer (of this or another centre):"
                    + " an AE title names one device; give this one its own title");
        }
    }

    private static PeerData data(DicomPeer p) {
        return new PeerData(p.centreId(), p.aeTitle(), p.host(), p.port(), p.maySend(), p.mayReceive(), p.description());
    }

    private static Map<String, Object> columns(PeerData d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("centre_id", d.centreId());
        m.put("ae_title", d.aeTitle());
        m.put("host", d.host());
        m.put("port", d.port());
        m.put("may_send", d.maySend());
        m.put("may_receive", d.mayReceive());
        m.put("description", d.description());
        return m;
    }

    private static DicomPeer row(Tx.Row r) throws SQLException {
        return new DicomPeer(r.longValue("id"), r.longValue("centre_id"), r.string("ae_title"), r.string("host"), r.intValue("port"),
                r.bool("may_send"), r.bool("may_receive"), r.string("description"));
    }
}
