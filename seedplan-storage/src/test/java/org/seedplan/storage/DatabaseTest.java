package org.seedplan.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void migratesAnEmptyDatabaseToTheNewestVersionAndRecordsChecksums(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            List<Migrations.Migration> bundled = Migrations.bundled();
            List<String> rows = t.db.read(tx -> tx.query("SELECT version, name, checksum FROM schema_version ORDER BY version",
                    r -> r.longValue("version") + " " + r.string("name") + " " + r.string("checksum")));
            assertThat(rows).containsExactlyElementsOf(bundled.stream()
                    .map(m -> m.version() + " " + m.name() + " " + m.checksum()).toList());
            for (String table : List.of("centre", "app_user", "user_role", "web_session", "patient", "lesion", "dicom_study",
                    "dicom_series", "dicom_instance", "plan", "plan_revision", "plan_seed", "plan_needle", "implant",
                    "hyperthermia_session", "hyperthermia_sample", "visit", "lesion_measurement", "qlq_c30_item", "lab_value",
                    "adverse_event", "progression", "audit_event", "audit_head")) {
                assertThat(t.number("SELECT COUNT(*) FROM " + table)).as(table).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void reopeningAppliesNothingTwice(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            if (dialect == Dialect.SQLITE) {
                t.db.close();
                try (Database again = Database.open(folder)) {
                    assertThat(versions(again)).isEqualTo(Migrations.bundled().size());
                }
            } else {
                try (Database again = Database.open(folder, t.jdbcUrl())) {
                    assertThat(versions(again)).isEqualTo(Migrations.bundled().size());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void refusesToStartWhenAnAppliedMigrationChanged(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            t.raw("UPDATE schema_version SET checksum = 'edited' WHERE version = 1");
            if (dialect == Dialect.SQLITE) {
                t.db.close();
            }
            assertThatThrownBy(() -> {
                try (Database again = dialect == Dialect.SQLITE ? Database.open(folder) : Database.open(folder, t.jdbcUrl())) {
                    again.dialect();
                }
            }).hasMessageContaining("V001__registry.sql was changed after it was applied");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void refusesADatabaseMigratedByANewerSeedplan(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            t.raw("INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (99, 'V099__future.sql', 'x', 'now')");
            if (dialect == Dialect.SQLITE) {
                t.db.close();
            }
            assertThatThrownBy(() -> {
                try (Database again = dialect == Dialect.SQLITE ? Database.open(folder) : Database.open(folder, t.jdbcUrl())) {
                    again.dialect();
                }
            }).isInstanceOf(IllegalArgumentException.class) // bad input (the wrong seedplan for the data), not a defect
                    .hasMessageContaining(dialect == Dialect.SQLITE ? "data folder " + folder : "database jdbc:postgresql:")
                    .hasMessageContaining("schema version 99 (V099__future.sql), newer than this seedplan's schema version")
                    .hasMessageContaining("use that seedplan (or a newer one)");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aFailedTransactionLeavesNothingAndRunsItsUndoActions(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            boolean[] undone = {false};
            assertThatThrownBy(() -> t.db.inTransaction(tx -> {
                tx.insert("INSERT INTO centre (code, name, created_at) VALUES ('A', 'Alpha', '2026-01-01T00:00:00.000Z')");
                tx.onRollback(() -> undone[0] = true);
                throw new IllegalArgumentException("boom");
            })).hasMessage("boom");
            assertThat(undone[0]).isTrue();
            assertThat(t.number("SELECT COUNT(*) FROM centre")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twoTransactionsLockingRowsInOppositeOrderBothCommitTheDeadlockVictimIsRunAgain(Dialect dialect) throws Exception {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            t.db.inTransaction(tx -> tx.update("INSERT INTO centre (code, name, created_at) VALUES ('A', 'a', 'x'), ('B', 'b', 'x')"));
            java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
            java.util.function.BiFunction<String, String, Runnable> job = (first, second) -> () -> t.db.inTransaction(tx -> {
                boolean firstTry = attempts.incrementAndGet() <= 2;
                tx.update("UPDATE centre SET name = name || '1' WHERE code = ?", first);
                try {
                    if (firstTry) {
                        barrier.await(3, java.util.concurrent.TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    // SQLite lets one writer in at a time: the first waits in vain and goes on alone
                }
                return tx.update("UPDATE centre SET name = name || '2' WHERE code = ?", second);
            });
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var f1 = pool.submit(job.apply("A", "B"));
                var f2 = pool.submit(job.apply("B", "A"));
                f1.get();
                f2.get();
            } finally {
                pool.shutdown();
            }
            List<String> names = t.db.read(tx -> tx.query("SELECT name FROM centre ORDER BY code", r -> r.string("name")));
            assertThat(names).allSatisfy(n -> assertThat(n).hasSize(3).contains("1").contains("2"));
            if (dialect == Dialect.POSTGRESQL) {
                assertThat(attempts.get()).as("the deadlock victim ran again").isGreaterThanOrEqualTo(3);
            } else {
                assertThat(attempts.get()).as("SQLite serialises writers: no deadlock").isEqualTo(2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aUniqueKeyViolationIsReportedAsBadInputNotAsAFault(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            String sql = "INSERT INTO centre (code, name, created_at) VALUES ('A', 'Alpha', '2026-01-01T00:00:00.000Z')";
            t.db.inTransaction(tx -> tx.insert(sql));
            assertThatThrownBy(() -> t.db.inTransaction(tx -> tx.insert(sql)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same unique key already exists");
        }
    }

    @org.junit.jupiter.api.Test
    void aSecondProcessCannotOpenTheSameEmbeddedDataFolder() {
        try (Database db = Database.open(folder)) {
            assertThatThrownBy(() -> Database.open(folder)).hasMessageContaining("in use by another seedplan process");
        }
        try (Database again = Database.open(folder)) {
            assertThat(again.dialect()).isEqualTo(Dialect.SQLITE);
        }
    }

    @org.junit.jupiter.api.Test
    void embeddedDatabaseRunsInWalModeWithFullSync() {
        try (Database db = Database.open(folder)) {
            String journal = db.read(tx -> tx.one("PRAGMA journal_mode", r -> r.string("journal_mode")).orElseThrow());
            long sync = db.read(tx -> tx.number("PRAGMA synchronous"));
            long foreignKeys = db.read(tx -> tx.number("PRAGMA foreign_keys"));
            assertThat(journal).isEqualToIgnoringCase("wal");
            assertThat(sync).isEqualTo(2);
            assertThat(foreignKeys).isEqualTo(1);
        }
    }

    private static long versions(Database db) {
        return db.read(tx -> tx.number("SELECT COUNT(*) FROM schema_version"));
    }
}
