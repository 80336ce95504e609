package org.seedplan.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty registry for one test: SQLite in a temporary folder, or a uniquely named schema on the test
 * PostgreSQL ({@code bin/test-services start}; system property {@code seedplan.test.pg} overrides the URL),
 * dropped again on close. Without PostgreSQL the test fails when CI=true and is skipped otherwise.
 */
public final class TestDatabase implements AutoCloseable {

    /** The test PostgreSQL started by bin/test-services. */
    public static final String DEFAULT_PG = "jdbc:postgresql://127.0.0.1:55432/seedplan_test?user=seedplan";

    public final Database db;
    private final String pgBase;
    private final String schema;

    private TestDatabase(Database db, String pgBase, String schema) {
        this.db = db;
        this.pgBase = pgBase;
        this.schema = schema;
    }

    /** Opens a fresh database of {@code dialect} with its data folder in {@code folder}. */
    public static TestDatabase open(Dialect dialect, Path folder) {
        if (dialect == Dialect.SQLITE) {
            return new TestDatabase(Database.open(folder), null, null);
        }
        String base = pgUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String msg = "PostgreSQL at " + base + " is not reachable (" + e.getMessage() + "); start it with bin/test-services start";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg, e);
            }
            Assumptions.assumeTrue(false, msg);
        }
        return new TestDatabase(Database.open(folder, urlWithSchema(base, schema)), base, schema);
    }

    /** The PostgreSQL URL of the current schema (another process may open it too). */
    public String jdbcUrl() {
        return schema == null ? null : urlWithSchema(pgBase, schema);
    }

    static String pgUrl() {
        String p = System.getProperty("seedplan.test.pg");
        return p == null || p.isBlank() ? DEFAULT_PG : p;
    }

    private static String urlWithSchema(String base, String schema) {
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Runs raw SQL on the database, bypassing every repository (for tamper tests). */
    public void raw(String sql) {
        db.execute(sql);
    }

    /** The number the query gives (a count, for example). */
    public long number(String sql, Object... args) {
        return db.read(tx -> tx.number(sql, args));
    }

    @Override
    public void close() {
        db.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(pgBase); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("dropping test schema " + schema + " failed: " + e.getMessage(), e);
            }
        }
    }
}
