package org.seedplan.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.seedplan.storage.account.SessionRepository;
import org.seedplan.storage.account.WebSession;

/**
 * The server's use of the stored sessions: a session ends {@link #IDLE} after its last request; the
 * last-seen time is rewritten at most every {@link #TOUCH_EVERY}, sparing the database a write per read.
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

    private final SessionRepository repo;
    private final Set<String> touchesQueued = ConcurrentHashMap.newKeySet();
    private final ExecutorService toucher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "seedplan-session-touch");
        t.setDaemon(true);
        return t;
    });

    public Sessions(SessionRepository repo) {
        this.repo = repo;
    }

    /** The live session of cookie {@code token} at {@code now}, its idle timer restarted. */
    public Optional<WebSession> find(String token, Instant now) {
        Optional<WebSession> s = repo.find(token, now);
        if (s.isEmpty()) {
            return s;
        }
        Duration idle = Duration.between(s.get().lastSeenAt(), now);
        if (idle.compareTo(TOUCH_EVERY) <= 0) {
            return s;
        }
        if (idle.compareTo(TOUCH_LATER_WITHIN) < 0) {
            if (touchesQueued.add(s.get().tokenHash())) {
                toucher.execute(() -> {
                    try {
                        repo.touch(token, now, IDLE);
                    } finally {
                        touchesQueued.remove(s.get().tokenHash());
                    }
                });
            }
            return s;
        }
        return repo.touch(token, now, IDLE) ? s : Optional.empty();
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
