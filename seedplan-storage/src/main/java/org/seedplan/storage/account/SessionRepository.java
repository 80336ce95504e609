package org.seedplan.storage.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.seedplan.storage.Database;
import org.seedplan.storage.Tx;

/** Browser sessions ({@code web_session}): created at sign-in, extended on use, shared by all server processes. */
public final class SessionRepository {

    /** A session just created: the token goes into the cookie and is not kept anywhere else. */
    public record NewSession(String token, WebSession session) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    /** Sessions stored in {@code db}. */
    public SessionRepository(Database db) {
        this.db = db;
    }

    /** Creates a session for {@code userId} with fresh random cookie and CSRF tokens, idle-expiring after {@code idle}. */
    public NewSession create(long userId, Instant now, Duration idle) {
        String token = randomToken();
        WebSession s = new WebSession(hash(token), userId, now, now, now.plus(idle), randomToken());
        db.inTransaction(tx -> tx.update("INSERT INTO web_session (token_hash, user_id, created_at, last_seen_at, expires_at,"
                + " csrf_token) VALUES (?, ?, ?, ?, ?, ?)", s.tokenHash(), userId, now, now, s.expiresAt(), s.csrfToken()));
        return new NewSession(token, s);
    }

    /** The unexpired session of a cookie token at {@code now}. */
    public Optional<WebSession> find(String token, Instant now) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return db.read(tx -> tx.one("SELECT * FROM web_session WHERE token_hash = ? AND expires_at > ?",
                SessionRepository::row, hash(token), now));
    }

    /** Records a request at {@code now} and pushes the expiry to {@code now + idle}; false when the session is gone or expired. */
    public boolean touch(String token, Instant now, Duration idle) {
        return db.inTransaction(tx -> tx.update("UPDATE web_session SET last_seen_at = ?, expires_at = ?"
                + " WHERE token_hash = ? AND expires_at > ?", now, now.plus(idle), hash(token), now) == 1);
    }

    /** Ends the session of {@code token} (sign-out). */
    public void delete(String token) {
        db.inTransaction(tx -> tx.update("DELETE FROM web_session WHERE token_hash = ?", hash(token)));
    }

    /** Ends every session of a user (password change, account disabled); returns how many. */
    public int deleteForUser(long userId) {
        return db.inTransaction(tx -> tx.update("DELETE FROM web_session WHERE user_id = ?", userId));
    }

    /** Removes sessions expired at {@code now}; returns how many. */
    public int deleteExpired(Instant now) {
        return db.inTransaction(tx -> tx.update("DELETE FROM web_session WHERE expires_at <= ?", now));
    }

    /** SHA-256 (hex) of a token, as stored. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 256 random bits, base64url without padding. */
    public static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static WebSession row(Tx.Row r) throws SQLException {
        return new WebSession(r.string("token_hash"), r.longValue("user_id"), r.instant("created_at"),
                r.instant("last_seen_at"), r.instant("expires_at"), r.string("csrf_token"));
    }
}
