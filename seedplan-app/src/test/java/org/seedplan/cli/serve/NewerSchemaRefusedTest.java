package org.seedplan.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedplan.cli.CliRun;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Database;
import org.seedplan.storage.Migrations;
import org.seedplan.storage.registry.CentreRepository;

/**
 * An older seedplan on a database a newer one has migrated (simulated: a schema_version row one beyond this build's
 * newest migration): serve, audit verify and the registry commands refuse it with one bad-input line naming the data
 * folder or database, both schema versions and the fix, exit 2, and write nothing - neither the schema, the registry
 * tables nor the audit trail (compared row by row; on SQLite the database file byte for byte).
 */
class NewerSchemaRefusedTest {

    private static final String PG = System.getProperty("seedplan.test.pg", "jdbc:postgresql://127.0.0.1:55432/seedplan_test?user=seedplan");

    @TempDir
    Path dir;
    private String schema;

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anOlderSeedplanRefusesANewerDatabaseAsBadInputAndWritesNothing(String kind) throws Exception {
        Path data = dir.resolve("data");
        String url = kind.equals("sqlite") ? null : freshSchemaUrl();
        int known = Migrations.bundled().get(Migrations.bundled().size() - 1).version();
        int newer = known + 1;
        try (Database db = Database.open(data, url)) {
            new CentreRepository(db).create(Actor.SYSTEM, "A", "Centre A"); // an audit row to keep
            db.inTransaction(tx -> tx.update("INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (" + newer
                    + ", 'V0" + newer + "__from_the_future.sql', 'x', '2027-01-01T00:00:00.000Z')"));
        }
        String jdbc = url != null ? url : "jdbc:sqlite:" + data.resolve(Database.EMBEDDED_FILE);
        List<String> before = state(jdbc);
        String fileBefore = url == null ? digest(data.resolve(Database.EMBEDDED_FILE)) : null;

        List<String> db = url == null ? List.of("--data", data.toString()) : List.of("--data", data.toString(), "--db", url);
        List<CliRun> runs = List.of(
                run(List.of("serve", "--port", "0"), db),
                run(List.of("audit", "verify"), db),
                run(List.of("registry", "undated-implants"), db),
                run(List.of("registry", "export", "--centre", "A", "--out", dir.resolve("export").toString()), db));
        for (CliRun r : runs) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).as("names where, both versions and the fix")
                    .contains(url == null ? "data folder " + data : "database jdbc:postgresql://")
                    .contains("schema version " + newer + " (V0" + newer + "__from_the_future.sql)")
                    .contains("this seedplan's schema version " + known)
                    .contains("use that seedplan (or a newer one)")
                    .doesNotContain("internal error");
        }
        assertThat(state(jdbc)).as("schema_version, centres and audit trail unchanged").isEqualTo(before);
        if (url == null) {
            assertThat(digest(data.resolve(Database.EMBEDDED_FILE))).as("seedplan.db byte for byte").isEqualTo(fileBefore);
        }
        assertThat(dir.resolve("export")).as("no export written").doesNotExist();
    }

    private static CliRun run(List<String> command, List<String> db) {
        List<String> args = new ArrayList<>(command);
        args.addAll(db);
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Every schema_version, centre and audit_event row, as text, in order. */
    private static List<String> state(String jdbc) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            for (String q : List.of("SELECT * FROM schema_version ORDER BY version", "SELECT * FROM centre ORDER BY id",
                    "SELECT * FROM audit_event ORDER BY seq")) {
                try (ResultSet rs = s.executeQuery(q)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(q.substring(14, 20));
                        for (int i = 1; i <= n; i++) {
                            row.append('|').append(rs.getString(i));
                        }
                        out.add(row.toString());
                    }
                }
            }
        }
        assertThat(out).anyMatch(r -> r.startsWith("audit_"));
        return out;
    }

    private static String digest(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private String freshSchemaUrl() {
        schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String msg = "PostgreSQL not reachable at " + PG + " (" + e.getMessage() + "): run bin/test-services start";
            schema = null;
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg, e);
            }
            Assumptions.abort(msg);
        }
        return PG + (PG.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
