package org.seedplan.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.seedplan.storage.account.SessionRepository;
import org.seedplan.storage.account.WebSession;

/**
 * The server's use of the stored sessions: a session ends {@link #IDLE} after its last request; the
 * last-seen time is rewritten at most every {@link #TOUCH_EVERY}, sparing the database a write per read.
 */
public final class Sessions {

    /** Idle timeout. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** Granularity of the idle timeout. */
    public static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private final SessionRepository repo;

    public Sessions(SessionRepository repo) {
        this.repo = repo;
    }

    /** The live session of cookie {@code token} at {@code now}, its idle timer restarted. */
    public Optional<WebSession> find(String token, Instant now) {
        Optional<WebSession> s = repo.find(token, now);
        if (s.isPresent() && Duration.between(s.get().lastSeenAt(), now).compareTo(TOUCH_EVERY) > 0 && !repo.touch(token, now, IDLE)) {
            return Optional.empty();
        }
        return s;
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
