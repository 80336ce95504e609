package org.seedplan.storage.audit;

import java.time.Instant;

/**
 * One row of the audit trail: who did what to which field of which record, when, and why.
 *
 * @param seq       position in the chain (1, 2, … without gaps)
 * @param at        UTC time of the change
 * @param userId    user id, or {@code null} for the system
 * @param username  user name at the time
 * @param role      role acted in, or {@code null}
 * @param centreId  centre acted for, or {@code null}
 * @param action    CREATE, UPDATE, DELETE, SIGN_IN, SIGN_IN_FAILED, EXPORT, APPROVE, GRANT, REVOKE …
 * @param entity    table or subject, e.g. "patient"
 * @param entityId  the record's id as text, or {@code null}
 * @param field     the changed column, or {@code null} for an event about the whole record
 * @param oldValue  value before (text), or {@code null}
 * @param newValue  value after (text), or {@code null}
 * @param reason    the reason given, or {@code null}
 * @param requestId the web request id, or {@code null}
 * @param prevHash  hash of the previous row (64 zeros for the first)
 * @param hash      SHA-256 of {@code prevHash} and this row's canonical form
 * @param patientId the patient (registry id) the row is about, or {@code null} (rows about no patient; rows before storage V014)
 */
public record AuditEvent(long seq, Instant at, Long userId, String username, String role, Long centreId, String action,
                         String entity, String entityId, String field, String oldValue, String newValue, String reason,
                         String requestId, String prevHash, String hash, Long patientId) {

    /**
     * The canonical text this row's hash covers (every field, length-prefixed, so no two rows share it); the patient, when the
     * row has one, after the others and marked, so that the rows written before it existed keep their text and hash.
     */
    public String canonical() {
        StringBuilder sb = new StringBuilder();
        for (Object v : new Object[] {seq, org.seedplan.storage.Times.format(at), userId, username, role, centreId, action,
                entity, entityId, field, oldValue, newValue, reason, requestId}) {
            if (v == null) {
                sb.append("-|");
            } else {
                String s = v.toString();
                sb.append(s.length()).append(':').append(s).append('|');
            }
        }
        if (patientId != null) {
            sb.append("patient=").append(patientId).append('|');
        }
        return sb.toString();
    }
}
