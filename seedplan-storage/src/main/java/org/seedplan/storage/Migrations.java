package org.seedplan.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the versioned SQL migrations (resources {@code migration/Vnnn__name.sql}, listed in
 * {@code migration/index.txt}) that the database has not seen yet, each in its own transaction, and records
 * them in {@code schema_version} with the SHA-256 of the file. Refuses to start when an applied file has
 * changed since, or when the database was migrated by a newer seedplan.
 */
public final class Migrations {

    /** One migration file. */
    public record Migration(int version, String name, String sql, String checksum) {
    }

    private static final Pattern FILE = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    private Migrations() {
    }

    /** The migrations shipped with this build, in version order. */
    public static List<Migration> bundled() {
        List<Migration> out = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String file = line.strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            Matcher m = FILE.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("migration index names " + file + ", which is not Vnnn__name.sql");
            }
            String sql = resource(file);
            out.add(new Migration(Integer.parseInt(m.group(1)), file, sql, sha256(sql)));
        }
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).version() <= out.get(i - 1).version()) {
                throw new IllegalStateException("migration " + out.get(i).name() + " should come after version " + out.get(i - 1).version());
            }
        }
        return out;
    }

    /**
     * The database was migrated by a newer seedplan: bad input (the wrong seedplan for this data), not a defect.
     * Thrown before anything is written; {@link Database#open} adds which data folder or database it is.
     */
    public static final class NewerSchemaException extends IllegalArgumentException {
        private final int databaseVersion;
        private final String databaseMigration;
        private final int knownVersion;

        NewerSchemaException(int databaseVersion, String databaseMigration, int knownVersion) {
            super("schema version " + databaseVersion + " (" + databaseMigration + "), newer than this seedplan's " + knownVersion);
            this.databaseVersion = databaseVersion;
            this.databaseMigration = databaseMigration;
            this.knownVersion = knownVersion;
        }

        /** The newest schema version recorded in the database. */
        public int databaseVersion() {
            return databaseVersion;
        }

        /** The file name of that migration. */
        public String databaseMigration() {
            return databaseMigration;
        }

        /** The newest schema version this build knows. */
        public int knownVersion() {
            return knownVersion;
        }
    }

    /**
     * Applies the pending migrations on {@code c} (auto-commit is switched off while it works). Returns how many.
     * Throws {@link NewerSchemaException} before applying any when the database has a version this build does not know.
     */
    static int apply(Connection c, Dialect dialect, List<Migration> migrations) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    + "checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
        requireKnown(c, migrations); // before any migration: an older seedplan must not touch a newer database
        int applied = 0;
        for (Migration m : migrations) {
            try (Statement s = c.createStatement()) {
                if (dialect == Dialect.POSTGRESQL) {
                    // two servers starting together: the second waits here, then sees the first's work
                    s.execute("LOCK TABLE schema_version IN EXCLUSIVE MODE");
                }
                Map<Integer, String[]> done = appliedVersions(c);
                String[] row = done.get(m.version());
                if (row != null) {
                    if (!row[1].equals(m.checksum())) {
                        throw new IllegalStateException("migration " + m.name() + " was changed after it was applied to this database"
                                + " (checksum " + row[1] + " applied, " + m.checksum() + " now); restore the original file"
                                + " and put the change in a new migration");
                    }
                    c.commit();
                    continue;
                }
                for (String statement : statements(dialect.expand(m.sql()))) {
                    s.execute(statement);
                }
                try (var ps = c.prepareStatement("INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.name());
                    ps.setString(3, m.checksum());
                    ps.setString(4, Times.format(Instant.now()));
                    ps.executeUpdate();
                }
                c.commit();
                applied++;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        requireKnown(c, migrations); // again: a newer seedplan may have migrated the database meanwhile
        return applied;
    }

    private static void requireKnown(Connection c, List<Migration> migrations) throws SQLException {
        Map<Integer, String[]> done = appliedVersions(c);
        c.commit();
        int newest = done.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int known = migrations.stream().mapToInt(Migration::version).max().orElse(0);
        if (newest > known) {
            throw new NewerSchemaException(newest, done.get(newest)[0], known);
        }
    }

    private static Map<Integer, String[]> appliedVersions(Connection c) throws SQLException {
        Map<Integer, String[]> out = new java.util.TreeMap<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT version, name, checksum FROM schema_version")) {
            while (rs.next()) {
                out.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }

    /** The statements of a script: comment lines dropped, split at semicolons that end a line. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String st = current.toString().strip();
                out.add(st.substring(0, st.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without ';' after: " + current.toString().strip());
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
