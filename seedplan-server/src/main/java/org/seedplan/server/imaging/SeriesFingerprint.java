package org.seedplan.server.imaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.seedplan.storage.Database;

/**
 * The fingerprint of a stored series' content: SHA-256 over the SOP Instance UID and file SHA-256 of each of its
 * instances, in database order. It changes when the series gains or loses an instance, so a prepared volume made
 * from other instances is recognised as stale.
 */
final class SeriesFingerprint {

    private SeriesFingerprint() {
    }

    /** The fingerprint of series {@code seriesUid} as stored in {@code db} now ("" hashed when it has no instance). */
    static String of(Database db, String seriesUid) {
        List<String> rows = db.read(tx -> tx.query("SELECT i.sop_instance_uid, i.sha256 FROM dicom_instance i"
                + " JOIN dicom_series s ON s.id = i.series_id WHERE s.series_instance_uid = ? ORDER BY i.id",
                r -> r.string("sop_instance_uid") + " " + r.string("sha256") + "\n", seriesUid));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String row : rows) {
                sha.update(row.getBytes(StandardCharsets.US_ASCII));
            }
            return rows.size() + ":" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
