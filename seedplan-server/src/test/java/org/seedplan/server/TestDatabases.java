package org.seedplan.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.seedplan.storage.Database;

/** The two databases the server is tested on: embedded SQLite in a temporary folder, and PostgreSQL with a fresh schema per test class. */
public final class TestDatabases {

    /** The PostgreSQL of bin/test-services, or the URL in system property seedplan.test.pg. */
    public static final String PG_URL = System.getProperty("seedplan.test.pg", "jdbc:postgresql://127.0.0.1:55432/seedplan_test?user=seedplan");

    private TestDatabases() {
    }

    /** Which database. */
    public enum Kind { SQLITE, POSTGRESQL }

    /** Opens a fresh database of {@code kind} with its data folder in {@code dir}. */
    public static Database open(Kind kind, Path dir) {
        return kind == Kind.SQLITE ? Database.open(dir) : Database.open(dir, freshSchemaUrl());
    }

    /**
     * A URL of PostgreSQL with a new empty schema as the current one. Without PostgreSQL the test is skipped,
     * or fails when CI=true (bin/test-services start provides it).
     */
    public static String freshSchemaUrl() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            String msg = "PostgreSQL not reachable at " + PG_URL + " (" + e.getMessage() + "): run bin/test-services start";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg, e);
            }
            Assumptions.abort(msg);
        }
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
