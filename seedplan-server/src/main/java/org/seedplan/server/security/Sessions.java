package org.seedplan.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.seedplan.server.api.Caller;
import org.seedplan.storage.Database;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.account.SessionRepository;
import org.seedplan.storage.account.WebSession;

/**
 * The server's use of the stored sessions: a session ends {@link #IDLE} after its last request; the
 * last-seen time is rewritten at most every {@link #TOUCH_EVERY}, sparing the database a write per read. The
 * caller of a request (session, user and roles in force) is found with one query.
 * A session idle for less than {@link #TOUCH_LATER_WITHIN} is touched in the background, so that a read does
 * not wait behind the writers queued on the embedded database's write lock (that wait made the p99 of reads
 * under load); a later or lost touch then cannot end the session early, as more than 25 minutes remain.
 */
public final class Sessions {

    /** Idle timeout. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** Granularity of the idle timeout. */
    public static final Duration TOUCH_EVERY = Duration.ofSeconds(30);
    /** Sessions idle for less than this are touched in the background; longer idle ones before the request goes on. */
    public static final Duration TOUCH_LATER_WITHIN = Duration.ofMinutes(5);

    /** The session, its user and the user's grants in force, one row per grant (or one row with no grant). */
    private static final String CALLER_SELECT = "SELECT s.user_id, s.last_seen_at, s.csrf_token, u.username, u.display_name,"
            + " u.must_change_password, g.centre_id, c.code AS centre_code, c.name AS centre_name, g.role"
            + " FROM web_session s JOIN app_user u ON u.id = s.user_id"
            + " LEFT JOIN user_role g ON g.user_id = u.id AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?)"
            + " LEFT JOIN centre c ON c.id = g.centre_id"
            + " WHERE s.token_hash = ? AND s.expires_at > ? ORDER BY c.code, g.role";

    private final SessionRepository repo;
    private final Database db;
    private final PermissionMatrix matrix;
    private final Set<String> touchesQueued = ConcurrentHashMap.newKeySet();
    /** One background thread, ended after 30 s without work (a stopped server leaves none behind for long). */
    private final ThreadPoolExecutor toucher = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "seedplan-session-touch");
        t.setDaemon(true);
        return t;
    });

    public Sessions(SessionRepository repo, Database db, PermissionMatrix matrix) {
        this.repo = repo;
        this.db = db;
        this.matrix = matrix;
        toucher.allowCoreThreadTimeOut(true);
    }

    /** The caller of a request with session cookie {@code token} at {@code now} (empty when no live session), its idle timer restarted. */
    public Optional<Caller> caller(String token, Instant now, String requestId) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String tokenHash = SessionRepository.hash(token);
        record Row(long userId, Instant lastSeenAt, String csrfToken, String username, String displayName, boolean mustChange,
                Caller.Grant grant) {
        }
        List<Row> rows = db.read(tx -> tx.query(CALLER_SELECT, r -> new Row(r.longValue("user_id"), r.instant("last_seen_at"),
                r.string("csrf_token"), r.string("username"), r.string("display_name"), r.bool("must_change_password"),
                r.string("role") == null ? null : new Caller.Grant(r.longValue("centre_id"), r.string("centre_code"),
                        r.string("centre_name"), r.enumValue("role", Role.class))), now, now, tokenHash, now));
        if (rows.isEmpty() || !keepAlive(token, tokenHash, rows.get(0).lastSeenAt(), now)) {
            return Optional.empty();
        }
        List<Caller.Grant> grants = new ArrayList<>();
        rows.stream().map(Row::grant).filter(g -> g != null).forEach(grants::add);
        Row first = rows.get(0);
        return Optional.of(new Caller(first.userId(), first.username(), first.displayName(), first.mustChange(), List.copyOf(grants),
                token, first.csrfToken(), requestId, matrix));
    }

    /** The live session of cookie {@code token} at {@code now}, its idle timer restarted. */
    public Optional<WebSession> find(String token, Instant now) {
        return repo.find(token, now).filter(s -> keepAlive(token, s.tokenHash(), s.lastSeenAt(), now));
    }

    /** Restarts the idle timer of a live session last seen at {@code lastSeenAt}; false when it ended meanwhile. */
    private boolean keepAlive(String token, String tokenHash, Instant lastSeenAt, Instant now) {
        Duration idle = Duration.between(lastSeenAt, now);
        if (idle.compareTo(TOUCH_EVERY) <= 0) {
            return true;
        }
        if (idle.compareTo(TOUCH_LATER_WITHIN) < 0) {
            if (touchesQueued.add(tokenHash)) {
                toucher.execute(() -> {
                    try {
                        repo.touch(token, now, IDLE);
                    } finally {
                        touchesQueued.remove(tokenHash);
                    }
                });
            }
            return true;
        }
        return repo.touch(token, now, IDLE);
    }

    /** Starts a session. */
    public SessionRepository.NewSession create(long userId, Instant now) {
        return repo.create(userId, now, IDLE);
    }

    /** Ends the session of {@code token}. */
    public void delete(String token) {
        repo.delete(token);
    }

    /** Ends every session of a user. */
    public void deleteAllOf(long userId) {
        repo.deleteForUser(userId);
    }
}
