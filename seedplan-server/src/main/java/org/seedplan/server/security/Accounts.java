package org.seedplan.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.account.User;
import org.seedplan.storage.account.UserRepository;
import org.seedplan.storage.account.WebSession;

/**
 * Sign-in and passwords over the stored accounts: Argon2id verification, lockout after
 * {@value #MAX_FAILURES} failures for 15 minutes (unknown user names are locked out the same way and
 * cost the same Argon2id work, so neither timing nor lockout reveals which names exist), and the
 * re-authentication of an e-signature.
 */
public final class Accounts {

    /** Failed sign-ins in a row that lock an account. */
    public static final int MAX_FAILURES = 5;
    /** How long a locked account stays locked. */
    public static final Duration LOCKOUT = Duration.ofMinutes(15);
    /** Shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PermissionMatrix matrix;
    private final String dummyHash;
    /** Failures against user names that do not exist, counted in the database (shared by all servers). */
    private final UnknownNameLockout unknownNames;

    public Accounts(UserRepository users, PasswordHasher hasher, PermissionMatrix matrix, Database db) {
        this.users = users;
        this.hasher = hasher;
        this.matrix = matrix;
        this.dummyHash = hasher.hash(Tokens.password(24));
        this.unknownNames = new UnknownNameLockout(db, MAX_FAILURES, LOCKOUT);
    }

    /** The stored accounts. */
    public UserRepository users() {
        return users;
    }

    /**
     * Checks a username and password at {@code now}: the user, or 401 for wrong credentials and 423 for a
     * locked account (its detail says until when). Every attempt is audited (by the repository), failed ones too.
     */
    public User signIn(String username, String password, Instant now, String requestId) {
        String name = username == null ? "" : username.trim();
        String pw = password == null ? "" : password;
        User u = name.isEmpty() ? null : users.findByUsername(name).filter(User::active).orElse(null);
        if (u == null) {
            hasher.verify(pw, dummyHash);
            users.recordUnknownSignIn(name, requestId);
            Instant locked = unknownNames.recordFailure(name, now);
            if (locked != null) {
                throw locked(locked);
            }
            throw ApiProblem.unauthorized("wrong user name or password");
        }
        if (u.lockedAt(now)) {
            hasher.verify(pw, dummyHash);
            users.recordFailedSignIn(u.id(), now, Integer.MAX_VALUE, LOCKOUT, requestId);
            throw locked(u.lockedUntil());
        }
        if (!hasher.verify(pw, u.passwordHash())) {
            User after = users.recordFailedSignIn(u.id(), now, MAX_FAILURES, LOCKOUT, requestId);
            if (after.lockedAt(now)) {
                throw locked(after.lockedUntil());
            }
            throw ApiProblem.unauthorized("wrong user name or password");
        }
        users.recordSignIn(u.id(), requestId);
        return u;
    }

    /** Checks the password of a signed-in user again (e-signature); a wrong one counts towards the lockout. */
    public boolean reauthenticate(long userId, String password, Instant now, String requestId) {
        User u = byId(userId);
        try {
            signIn(u.username(), password, now, requestId);
            return true;
        } catch (ApiProblem p) {
            return false;
        }
    }

    private static ApiProblem locked(Instant until) {
        return new ApiProblem(423, "Account locked", "too many failed sign-ins: the account is locked until " + until
                + " (UTC); try again then or ask an administrator", "username");
    }

    /** The account with this id (404 if none). */
    public User byId(long id) {
        return users.find(id).orElseThrow(() -> ApiProblem.notFound("user " + id));
    }

    /** The roles a user holds at {@code now}, with their centres. */
    public List<Caller.Grant> grants(long userId, Instant now) {
        return users.rolesAt(userId, now).stream()
                .map(g -> new Caller.Grant(g.centreId(), g.centreCode(), g.centreName(), g.role())).toList();
    }

    /** The caller of a request made with session cookie {@code token} of session {@code s}. */
    public Caller caller(String token, WebSession s, Instant now, String requestId) {
        User u = byId(s.userId());
        return new Caller(u.id(), u.username(), u.displayName(), u.mustChangePassword(), grants(u.id(), now), token, s.csrfToken(),
                requestId, matrix);
    }

    /** Creates a user with this password (checked for length, then hashed). */
    public User createUser(Actor actor, String username, String displayName, String password, boolean mustChangePassword) {
        requirePassword(password, "password");
        return users.create(actor, username, displayName, hasher.hash(password), mustChangePassword);
    }

    /** Sets a new password after checking the current one, and clears must_change_password. */
    public void changePassword(Actor actor, long userId, String current, String next) {
        User u = byId(userId);
        if (!hasher.verify(current == null ? "" : current, u.passwordHash())) {
            throw ApiProblem.badRequest("currentPassword", "currentPassword is wrong: give the password you signed in with");
        }
        requirePassword(next, "newPassword");
        if (next.equals(current)) {
            throw ApiProblem.badRequest("newPassword", "newPassword equals the current one: choose a new password");
        }
        users.setPassword(actor, userId, u.version(), hasher.hash(next), false);
    }

    private static void requirePassword(String password, String field) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiProblem.badRequest(field, field + " must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }
}
