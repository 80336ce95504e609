package org.seedplan.storage.account;

import java.time.Instant;

/**
 * One period during which a user held a role at a centre ({@code user_role}). Grants are never edited: a
 * revocation only closes {@code validTo}, so the history answers "who could do what, where, when".
 *
 * @param id           database id
 * @param userId       the user
 * @param username     the user's name
 * @param centreId     the centre
 * @param centreCode   the centre's short code
 * @param centreName   the centre's name
 * @param role         the role
 * @param validFrom    start of the period (inclusive)
 * @param validTo      end of the period (exclusive), or {@code null} while it lasts
 * @param grantedBy    the administrator who granted it ({@code null}: the system)
 * @param reason       why it was granted
 * @param revokedBy    who revoked it, or {@code null}
 * @param revokeReason why it was revoked, or {@code null}
 */
public record RoleGrant(long id, long userId, String username, long centreId, String centreCode, String centreName,
                        Role role, Instant validFrom, Instant validTo, Long grantedBy, String reason, Long revokedBy,
                        String revokeReason) {

    /** True when the grant is in force at {@code t}. */
    public boolean validAt(Instant t) {
        return !validFrom.isAfter(t) && (validTo == null || validTo.isAfter(t));
    }
}
