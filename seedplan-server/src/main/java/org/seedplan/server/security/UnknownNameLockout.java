package org.seedplan.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.seedplan.storage.Database;

/**
 * Counts failed sign-ins against user names that do not exist, in the database (table {@code unknown_sign_in},
 * keyed by the SHA-256 of the trimmed, lower-cased name), so that every server on one database shares the count and
 * an unknown name is locked out after as many failures as a real account: the lockout reveals nothing.
 */
public final class UnknownNameLockout {

    /** Counts of names not tried for this long (and not locked) are forgotten. */
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final Database db;
    private final int maxFailures;
    private final Duration lockFor;

    /**
     * @param maxFailures failures in a row that lock the name
     * @param lockFor     how long it stays locked
     */
    public UnknownNameLockout(Database db, int maxFailures, Duration lockFor) {
        this.db = db;
        this.maxFailures = maxFailures;
        this.lockFor = lockFor;
    }

    /**
     * Records a failed sign-in as {@code name} at {@code now}; returns until when the name is locked (this failure
     * may have locked it, or it was locked already), or {@code null} when it is not.
     */
    public Instant recordFailure(String name, Instant now) {
        String key = key(name);
        return db.inTransaction(tx -> {
            tx.update("DELETE FROM unknown_sign_in WHERE last_failed_at < ? AND (locked_until IS NULL OR locked_until < ?)",
                    now.minus(FORGET_AFTER), now);
            tx.update("INSERT INTO unknown_sign_in (name_hash, failed_attempts, locked_until, last_failed_at) VALUES (?, 0, NULL, ?)"
                    + " ON CONFLICT (name_hash) DO NOTHING", key, now);
            // the update locks the row (PostgreSQL) or the database (SQLite) until commit: servers count one at a time
            tx.update("UPDATE unknown_sign_in SET"
                    + " failed_attempts = CASE WHEN locked_until IS NULL THEN failed_attempts + 1 WHEN locked_until > ? THEN failed_attempts ELSE 1 END,"
                    + " locked_until = CASE WHEN locked_until > ? THEN locked_until ELSE NULL END, last_failed_at = ? WHERE name_hash = ?",
                    now, now, now, key);
            record State(int failures, Instant lockedUntil) {
            }
            State s = tx.one("SELECT failed_attempts, locked_until FROM unknown_sign_in WHERE name_hash = ?",
                    r -> new State(r.intValue("failed_attempts"), r.instant("locked_until")), key).orElseThrow();
            if (s.lockedUntil() != null) {
                return s.lockedUntil();
            }
            if (s.failures() >= maxFailures) {
                Instant until = now.plus(lockFor);
                tx.update("UPDATE unknown_sign_in SET locked_until = ? WHERE name_hash = ?", until, key);
                return until;
            }
            return null;
        });
    }

    /** The table's key of a user name: SHA-256 (hex) of the trimmed name lower-cased in the root locale. */
    static String key(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((name == null ? "" : name.trim()).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
