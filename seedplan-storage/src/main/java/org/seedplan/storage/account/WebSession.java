package org.seedplan.storage.account;

import java.time.Instant;

/**
 * A signed-in browser session, stored in the database so that every server process sees it.
 *
 * @param tokenHash  SHA-256 (hex) of the cookie token; the token itself is never stored
 * @param userId     the signed-in user
 * @param createdAt  sign-in time
 * @param lastSeenAt last request
 * @param expiresAt  the session ends at this instant unless used again before
 * @param csrfToken  the token every state-changing request must echo
 */
public record WebSession(String tokenHash, long userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
                         String csrfToken) {
}
