package org.seedplan.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.seedplan.server.security.PasswordHasher;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.account.User;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;

/**
 * A real server on 127.0.0.1 (free port) over a fresh database with two centres, A and B, and one user
 * per role in each ({@code physician_a}, {@code monitor_b} …, password {@link #PASSWORD}); a clock the test moves.
 */
public final class TestServer implements AutoCloseable {

    public static final String PASSWORD = "correct horse battery";
    /**
     * PASSWORD's Argon2id hash given to every fixture user, at the least cost Argon2id allows ({@link #testHash}) instead of
     * PasswordHasher's 19 MiB × 2 passes: the hash string carries its parameters, so a sign-in checks it exactly as it checks
     * a production hash, in microseconds instead of about 0.1 s of CPU (0.5 s and more on a loaded machine), and the suite
     * signs these users in hundreds of times. Passwords set through the server are hashed at the full cost
     * ({@code SessionSecurityTest.passwordsTheServerSetsAreHashedAtTheProductionCost}).
     */
    public static final String PASSWORD_HASH = testHash(PASSWORD);

    /** {@code password}'s Argon2id hash at m = 8 KiB, t = 1 (Argon2's least for one lane): for test fixtures only. */
    public static String testHash(String password) {
        return new PasswordHasher(8, 1).hash(password);
    }

    public final Path dir;
    public final Database db;
    public final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));
    public final Services services;
    public final SeedplanServer server;
    public final Centre a;
    public final Centre b;
    public final Map<Role, User> usersA = new EnumMap<>(Role.class);
    public final Map<Role, User> usersB = new EnumMap<>(Role.class);

    /** The folder this server made (its data folder and the fixtures' files), deleted with everything in it by {@link #close()}. */
    private Path own;

    /** A server on a fresh database of {@code kind}, its data folder {@code data/} in a temporary folder of its own. */
    public TestServer(TestDatabases.Kind kind) throws Exception {
        this(kind, Files.createTempDirectory("seedplan-server-test"));
    }

    private TestServer(TestDatabases.Kind kind, Path own) throws Exception {
        this(kind, TestDatabases.open(kind, own.resolve("data")));
        this.own = own;
    }

    /** A server on an open database (a second server on the same PostgreSQL, for example); the database's folder stays. */
    public TestServer(TestDatabases.Kind kind, Database database) throws Exception {
        this(kind, database, ScratchFolder.in(database.dataFolder()));
    }

    /** As above, with the scratch folder opened before the database as {@code serve} does ({@link ScratchFolder#beforeDatabase}). */
    public TestServer(TestDatabases.Kind kind, Database database, ScratchFolder scratch) throws Exception {
        this.dir = database.dataFolder();
        this.db = database;
        this.services = Services.open(ServerConfig.local(0).withClock(clock), db, scratch);
        CentreRepository centres = new CentreRepository(db);
        this.a = centres.findByCode("A").orElseGet(() -> centres.create(Actor.SYSTEM, "A", "Centre A"));
        this.b = centres.findByCode("B").orElseGet(() -> centres.create(Actor.SYSTEM, "B", "Centre B"));
        for (Role r : Role.values()) {
            usersA.put(r, user(r, a));
            usersB.put(r, user(r, b));
        }
        this.server = SeedplanServer.start(services);
    }

    private User user(Role r, Centre c) {
        String name = r.name().toLowerCase(Locale.ROOT) + "_" + c.code().toLowerCase(Locale.ROOT);
        return services.accounts().users().findByUsername(name).orElseGet(() -> {
            User u = services.accounts().users().create(Actor.SYSTEM, name, "Dr " + name, PASSWORD_HASH, false);
            services.accounts().users().grant(Actor.SYSTEM, u.id(), c.id(), r, clock.instant().minusSeconds(3600), "test fixture");
            return u;
        });
    }

    /** The server's base address. */
    public String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A client signed in as the user of {@code role} in centre A or B. */
    public ApiClient signedIn(Role role, boolean centreA) {
        ApiClient c = new ApiClient(base());
        String name = role.name().toLowerCase(Locale.ROOT) + (centreA ? "_a" : "_b");
        ApiClient.Answer ans = c.signIn(name, PASSWORD);
        if (ans.status() != 200) {
            throw new AssertionError("sign-in of " + name + " failed: " + ans.body());
        }
        return c;
    }

    /**
     * A new empty folder named {@code prefix…} for a test's files (DICOM written to be imported or uploaded, CSVs), in this
     * server's own folder: {@link #close()} deletes it.
     */
    public synchronized Path folder(String prefix) throws IOException {
        if (own == null) {
            own = Files.createTempDirectory("seedplan-server-test");
        }
        return Files.createTempDirectory(own, prefix);
    }

    /** Stops the server, closes the database and deletes the folder this server made. */
    @Override
    public void close() {
        try {
            server.close();
            db.close();
        } finally {
            if (own != null) {
                ScratchFolder.delete(own);
            }
        }
    }
}
