package org.seedplan.server;

import java.time.Instant;
import org.seedplan.server.jobs.ServerJobs;
import org.seedplan.server.security.Accounts;
import org.seedplan.server.security.PasswordHasher;
import org.seedplan.server.security.PermissionMatrix;
import org.seedplan.server.security.RequestGuard;
import org.seedplan.server.security.Sessions;
import org.seedplan.storage.account.SessionRepository;
import org.seedplan.storage.account.UserRepository;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.Database;

/**
 * What the handlers work with: the database, accounts, sessions, audit trail, the cross-site guard, the permission matrix, the
 * background jobs this server started, its folder of temporary files, and the clock.
 */
public record Services(ServerConfig config, Database db, Accounts accounts, Sessions sessions, AuditTrail audit,
        RequestGuard guard, PermissionMatrix matrix, ServerJobs jobs, ScratchFolder scratch) {

    /** Wires the services of one server on {@code db}, its temporary files in the database's data folder. */
    public static Services open(ServerConfig config, Database db) {
        return open(config, db, ScratchFolder.in(db.dataFolder()));
    }

    /** Wires the services of one server on {@code db} with the scratch folder opened before the database. */
    public static Services open(ServerConfig config, Database db, ScratchFolder scratch) {
        PermissionMatrix matrix = PermissionMatrix.builtIn();
        AuditTrail audit = new AuditTrail(db);
        return new Services(config, db, new Accounts(new UserRepository(db), new PasswordHasher(), matrix, db), new Sessions(new SessionRepository(db), db, matrix), audit,
                new RequestGuard(config.trustedProxies()), matrix, new ServerJobs(), scratch);
    }

    /** The current time of the server's clock. */
    public Instant now() {
        return config.clock().instant();
    }
}
