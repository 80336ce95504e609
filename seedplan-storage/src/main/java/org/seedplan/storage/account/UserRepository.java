package org.seedplan.storage.account;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.NotFoundException;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.Tx;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;

/**
 * Accounts ({@code app_user}) and their rights history ({@code user_role}). Password hashes are made and
 * checked by the caller (the server, Argon2id); this class only stores the encoded string. Every change is audited.
 */
public final class UserRepository {

    private static final String GRANT_SELECT = "SELECT g.*, u.username, c.code AS centre_code, c.name AS centre_name"
            + " FROM user_role g JOIN app_user u ON u.id = g.user_id JOIN centre c ON c.id = g.centre_id";

    private final Database db;
    private final AuditTrail audit;

    /** Accounts stored in {@code db}. */
    public UserRepository(Database db) {
        this.db = db;
        this.audit = new AuditTrail(db);
    }

    /** Creates an active account; the username must be new. */
    public User create(Actor actor, String username, String displayName, String passwordHash, boolean mustChangePassword) {
        if (username == null || !username.strip().matches("[A-Za-z0-9._@-]{2,64}")) {
            throw new IllegalArgumentException("username '" + username + "' is not allowed; use 2–64 letters, digits or . _ @ -");
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("user " + username + ": displayName is empty; give the person's full name");
        }
        if (passwordHash == null || passwordHash.isBlank()) {
            throw new IllegalArgumentException("user " + username + ": passwordHash is empty; store an encoded hash");
        }
        String name = username.strip();
        return db.inTransaction(tx -> {
            if (findByUsername(name).isPresent()) {
                throw new IllegalArgumentException("username " + name + " is taken; choose another username");
            }
            Instant now = Instant.now();
            long id = tx.insert("INSERT INTO app_user (username, display_name, password_hash, failed_attempts, locked_until,"
                    + " must_change_password, active, created_at, version) VALUES (?, ?, ?, 0, NULL, ?, TRUE, ?, 1)",
                    name, displayName.strip(), passwordHash, mustChangePassword, now);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("username", name);
            after.put("display_name", displayName.strip());
            after.put("must_change_password", mustChangePassword);
            after.put("active", true);
            audit.changes(actor, "CREATE", "app_user", id, Map.of(), after, null);
            return find(id).orElseThrow();
        });
    }

    /** The account with {@code id}. */
    public Optional<User> find(long id) {
        return db.read(tx -> tx.one("SELECT * FROM app_user WHERE id = ?", UserRepository::row, id));
    }

    /** The account with {@code username} (exact match). */
    public Optional<User> findByUsername(String username) {
        return db.read(tx -> tx.one("SELECT * FROM app_user WHERE username = ?", UserRepository::row, username));
    }

    /** Every account, by username. */
    public List<User> list() {
        return db.read(tx -> tx.query("SELECT * FROM app_user ORDER BY username", UserRepository::row));
    }

    /** Number of accounts (zero on a fresh database: the first start creates the administrator). */
    public long count() {
        return db.read(tx -> tx.number("SELECT COUNT(*) FROM app_user"));
    }

    /**
     * Records a failed sign-in of an existing account: counts it, and locks the account until
     * {@code now + lockFor} when the count reaches {@code maxAttempts}. Audited as SIGN_IN_FAILED (and LOCK).
     */
    public User recordFailedSignIn(long userId, Instant now, int maxAttempts, Duration lockFor, String requestId) {
        return db.inTransaction(tx -> {
            User u = find(userId).orElseThrow(() -> new NotFoundException("user", userId));
            int failed = u.failedAttempts() + 1;
            Instant lockedUntil = failed >= maxAttempts ? now.plus(lockFor) : u.lockedUntil();
            tx.update("UPDATE app_user SET failed_attempts = ?, locked_until = ?, version = version + 1 WHERE id = ?",
                    failed >= maxAttempts ? 0 : failed, lockedUntil, userId);
            Actor self = new Actor(u.id(), u.username(), null, null, requestId);
            audit.event(self, "SIGN_IN_FAILED", "app_user", userId, "attempt " + failed);
            if (failed >= maxAttempts) {
                audit.append(self, "LOCK", "app_user", userId, "locked_until", AuditTrail.text(u.lockedUntil()),
                        AuditTrail.text(lockedUntil), failed + " failed sign-ins");
            }
            return find(userId).orElseThrow();
        });
    }

    /** Records a sign-in with an unknown username (nothing to count, but it is logged). */
    public void recordUnknownSignIn(String username, String requestId) {
        audit.event(new Actor(null, "unknown", null, null, requestId), "SIGN_IN_FAILED", "app_user", null,
                "unknown username " + (username == null ? "" : username.substring(0, Math.min(64, username.length()))));
    }

    /** Records a successful sign-in: the failure count goes back to zero. */
    public void recordSignIn(long userId, String requestId) {
        db.inTransaction(tx -> {
            User u = find(userId).orElseThrow(() -> new NotFoundException("user", userId));
            tx.update("UPDATE app_user SET failed_attempts = 0, version = version + 1 WHERE id = ?", userId);
            return audit.event(new Actor(u.id(), u.username(), null, null, requestId), "SIGN_IN", "app_user", userId, null);
        });
    }

    /** Sets a new password hash (the audit records that it changed, not the hash). */
    public User setPassword(Actor actor, long userId, long version, String passwordHash, boolean mustChangePassword) {
        if (passwordHash == null || passwordHash.isBlank()) {
            throw new IllegalArgumentException("passwordHash is empty; store an encoded hash");
        }
        return db.inTransaction(tx -> {
            User u = find(userId).orElseThrow(() -> new NotFoundException("user", userId));
            if (tx.update("UPDATE app_user SET password_hash = ?, must_change_password = ?, version = version + 1"
                    + " WHERE id = ? AND version = ?", passwordHash, mustChangePassword, userId, version) != 1) {
                throw new StaleVersionException("user", userId, version);
            }
            audit.append(actor, "UPDATE", "app_user", userId, "password_hash", "***", "*** (changed)", null);
            audit.changes(actor, "UPDATE", "app_user", userId, Map.of("must_change_password", u.mustChangePassword()),
                    Map.of("must_change_password", mustChangePassword), null);
            return find(userId).orElseThrow();
        });
    }

    /** Enables or disables an account (a reason is required). */
    public User setActive(Actor actor, long userId, long version, boolean active, String reason) {
        ReasonRequiredException.require(reason, (active ? "enabling" : "disabling") + " user " + userId);
        return db.inTransaction(tx -> {
            User u = find(userId).orElseThrow(() -> new NotFoundException("user", userId));
            if (tx.update("UPDATE app_user SET active = ?, version = version + 1 WHERE id = ? AND version = ?",
                    active, userId, version) != 1) {
                throw new StaleVersionException("user", userId, version);
            }
            audit.changes(actor, "UPDATE", "app_user", userId, Map.of("active", u.active()), Map.of("active", active), reason);
            return find(userId).orElseThrow();
        });
    }

    /** Lifts a lockout before it ends (a reason is required). */
    public User unlock(Actor actor, long userId, String reason) {
        ReasonRequiredException.require(reason, "unlocking user " + userId);
        return db.inTransaction(tx -> {
            User u = find(userId).orElseThrow(() -> new NotFoundException("user", userId));
            tx.update("UPDATE app_user SET locked_until = NULL, failed_attempts = 0, version = version + 1 WHERE id = ?", userId);
            audit.append(actor, "UNLOCK", "app_user", userId, "locked_until", AuditTrail.text(u.lockedUntil()), null, reason);
            return find(userId).orElseThrow();
        });
    }

    /** Grants {@code role} at {@code centreId} from {@code validFrom} on (a reason is required). */
    public RoleGrant grant(Actor actor, long userId, long centreId, Role role, Instant validFrom, String reason) {
        ReasonRequiredException.require(reason, "granting " + role + " to user " + userId);
        return db.inTransaction(tx -> {
            find(userId).orElseThrow(() -> new NotFoundException("user", userId));
            long id = tx.insert("INSERT INTO user_role (user_id, centre_id, role, valid_from, valid_to, granted_by, reason)"
                    + " VALUES (?, ?, ?, ?, NULL, ?, ?)", userId, centreId, role, validFrom, actor.userId(), reason);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("user_id", userId);
            after.put("centre_id", centreId);
            after.put("role", role);
            after.put("valid_from", validFrom);
            audit.changes(actor, "GRANT", "user_role", id, Map.of(), after, reason);
            return grant(id);
        });
    }

    /** Ends a grant at {@code at} (never deletes it: the history stays); a reason is required. */
    public RoleGrant revoke(Actor actor, long grantId, Instant at, String reason) {
        ReasonRequiredException.require(reason, "revoking role grant " + grantId);
        return db.inTransaction(tx -> {
            RoleGrant g = grant(grantId);
            if (g.validTo() != null) {
                throw new IllegalArgumentException("role grant " + grantId + " was already revoked at " + g.validTo()
                        + "; grant the role again instead");
            }
            Instant end = at.isBefore(g.validFrom()) ? g.validFrom() : at;
            tx.update("UPDATE user_role SET valid_to = ?, revoked_by = ?, revoke_reason = ? WHERE id = ? AND valid_to IS NULL",
                    end, actor.userId(), reason, grantId);
            audit.append(actor, "REVOKE", "user_role", grantId, "valid_to", null, AuditTrail.text(end), reason);
            return grant(grantId);
        });
    }

    /** One grant by id. */
    public RoleGrant grant(long grantId) {
        return db.read(tx -> tx.one(GRANT_SELECT + " WHERE g.id = ?", UserRepository::grantRow, grantId))
                .orElseThrow(() -> new NotFoundException("role grant", grantId));
    }

    /** The grants of a user in force at {@code at} (its roles and centres then). */
    public List<RoleGrant> rolesAt(long userId, Instant at) {
        return db.read(tx -> tx.query(GRANT_SELECT + " WHERE g.user_id = ? AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?)"
                + " ORDER BY c.code, g.role", UserRepository::grantRow, userId, at, at));
    }

    /** Every grant a user ever had, oldest first. */
    public List<RoleGrant> history(long userId) {
        return db.read(tx -> tx.query(GRANT_SELECT + " WHERE g.user_id = ? ORDER BY g.valid_from, g.id", UserRepository::grantRow, userId));
    }

    /**
     * Who could access patient {@code patientDbId} at {@code at}: the grants in force then, at the patient's centre,
     * of the given roles (pass the roles the permission matrix lets read patient data), by username.
     */
    public List<RoleGrant> whoCouldAccessPatient(long patientDbId, Instant at, Collection<Role> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        String in = roles.stream().map(r -> "'" + r.name() + "'").collect(Collectors.joining(", "));
        return db.read(tx -> tx.query(GRANT_SELECT + " JOIN patient p ON p.centre_id = g.centre_id"
                + " WHERE p.id = ? AND g.valid_from <= ? AND (g.valid_to IS NULL OR g.valid_to > ?) AND g.role IN (" + in + ")"
                + " ORDER BY u.username, g.role", UserRepository::grantRow, patientDbId, at, at));
    }

    static User row(Tx.Row r) throws SQLException {
        return new User(r.longValue("id"), r.string("username"), r.string("display_name"), r.string("password_hash"),
                r.intValue("failed_attempts"), r.instant("locked_until"), r.bool("must_change_password"), r.bool("active"),
                r.instant("created_at"), r.longValue("version"));
    }

    static RoleGrant grantRow(Tx.Row r) throws SQLException {
        return new RoleGrant(r.longValue("id"), r.longValue("user_id"), r.string("username"), r.longValue("centre_id"),
                r.string("centre_code"), r.string("centre_name"), r.enumValue("role", Role.class), r.instant("valid_from"),
                r.instant("valid_to"), r.longOrNull("granted_by"), r.string("reason"), r.longOrNull("revoked_by"),
                r.string("revoke_reason"));
    }
}
