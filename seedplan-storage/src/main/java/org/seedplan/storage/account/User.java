package org.seedplan.storage.account;

import java.time.Instant;

/**
 * A user account.
 *
 * @param id                 database id
 * @param username           unique sign-in name
 * @param displayName        name shown and printed on e-signatures
 * @param passwordHash       the encoded password hash (the server's Argon2id string), never the password
 * @param failedAttempts     failed sign-ins since the last successful one
 * @param lockedUntil        the account is locked until this instant, or {@code null}
 * @param mustChangePassword the user must set a new password at the next sign-in
 * @param active             false for a disabled account
 * @param createdAt          when the account was created
 * @param version            optimistic-locking version
 */
public record User(long id, String username, String displayName, String passwordHash, int failedAttempts,
                   Instant lockedUntil, boolean mustChangePassword, boolean active, Instant createdAt, long version) {

    /** True when the account is locked at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    @Override
    public String toString() {
        return "User[" + id + ", " + username + "]";
    }
}
