package org.seedplan.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;

class AuditTrailTest {

    @TempDir
    Path folder;

    private static void tenEvents(AuditTrail audit) {
        for (int i = 1; i <= 10; i++) {
            audit.append(Actor.SYSTEM, "UPDATE", "patient", 1, "kps", Integer.toString(60 + i), Integer.toString(70 + i), null);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anEditedStoredRowIsReportedAsTheFirstBrokenRow(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            AuditTrail audit = new AuditTrail(t.db);
            tenEvents(audit);
            assertThat(audit.verify().intact()).isTrue();
            assertThat(audit.verify().rowsChecked()).isEqualTo(10);
            t.raw("UPDATE audit_event SET new_value = '100' WHERE seq = 4");
            AuditVerification v = audit.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBrokenSeq()).isEqualTo(4);
            assertThat(v.problem()).contains("changed after it was written");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anEditThatAlsoRecomputesTheRowHashBreaksTheNextRow(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            AuditTrail audit = new AuditTrail(t.db);
            tenEvents(audit);
            AuditEvent e = audit.after(5, 1).get(0);
            AuditEvent forged = new AuditEvent(e.seq(), e.at(), e.userId(), e.username(), e.role(), e.centreId(), e.action(),
                    e.entity(), e.entityId(), e.field(), e.oldValue(), "99", e.reason(), e.requestId(), e.prevHash(), null);
            String hash = AuditTrail.hash(forged.prevHash(), forged.canonical());
            t.raw("UPDATE audit_event SET new_value = '99', hash = '" + hash + "' WHERE seq = 6");
            AuditVerification v = audit.verify();
            assertThat(v.firstBrokenSeq()).isEqualTo(7);
            assertThat(v.problem()).contains("does not follow");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aDeletedRowIsDetected(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            AuditTrail audit = new AuditTrail(t.db);
            tenEvents(audit);
            t.raw("DELETE FROM audit_event WHERE seq = 5");
            AuditVerification v = audit.verify();
            assertThat(v.firstBrokenSeq()).isEqualTo(5);
            assertThat(v.problem()).contains("row 5 is missing");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void removingTheLastRowsIsDetectedThroughTheChainHead(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            AuditTrail audit = new AuditTrail(t.db);
            tenEvents(audit);
            t.raw("DELETE FROM audit_event WHERE seq >= 9");
            AuditVerification v = audit.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.problem()).contains("head says 10");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void concurrentWritersExtendOneUnbrokenChain(Dialect dialect) throws Exception {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            AuditTrail audit = new AuditTrail(t.db);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int writer = w;
                    jobs.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            audit.append(new Actor(null, "writer" + writer, null, null, null), "UPDATE", "patient", writer,
                                    "kps", null, Integer.toString(i), null);
                        }
                    }));
                }
                for (Future<?> f : jobs) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            AuditVerification v = audit.verify();
            assertThat(v.intact()).as(v.problem()).isTrue();
            assertThat(v.rowsChecked()).isEqualTo(100);
        }
    }
}
