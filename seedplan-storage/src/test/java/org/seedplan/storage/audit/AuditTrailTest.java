package org.seedplan.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
                    e.entity(), e.entityId(), e.field(), e.oldValue(), "99", e.reason(), e.requestId(), e.prevHash(), null, e.patientId());
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

    /**
     * Rows written with their patient are listed by it, and so is a row about the patient record itself written without one
     * (found through its entity id): only the centres asked for, the entity and action when given, a page after a sequence number; the patient is part of the row's hash (moving a row to another patient breaks the chain), while a row
     * without one keeps the text it hashed before the patient column existed.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aPatientsRowsArePagedByCentreEntityAndActionAndTheirPatientIsHashed(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            AuditTrail audit = new AuditTrail(t.db);
            Actor centre3 = new Actor(7L, "physicist_a", null, 3L, "r1");
            Actor centre4 = new Actor(8L, "physicist_b", null, 4L, "r2");
            // rows compared by seq: a row read back has its time as stored (ISO-8601 text), the row written its Instant
            AuditEvent start = audit.event(centre3, "RUN_START", "test_run", "run-1", "patient 11", 11L);
            AuditEvent record = audit.event(centre3, "OTHER", "patient", 11, "no patient column", null);
            AuditEvent done = audit.event(centre3, "RUN_DONE", "test_run", "run-1", "patient 11", 11L);
            audit.event(centre3, "RUN_START", "other_run", "run-2", "patient 11", 11L);
            audit.event(centre4, "RUN_START", "test_run", "run-3", "patient 11 written for another centre", 11L);
            audit.event(centre3, "RUN_START", "test_run", "run-4", "patient 12", 12L);

            assertThat(audit.ofPatient(11, null, null, Set.of(3L), 0, 10)).extracting(AuditEvent::entityId)
                    .containsExactly("run-1", "11", "run-1", "run-2");
            assertThat(audit.ofPatient(11, "patient", null, Set.of(3L), 0, 10)).extracting(AuditEvent::seq).containsExactly(record.seq());
            assertThat(audit.ofPatient(12, "patient", null, Set.of(3L), 0, 10)).isEmpty();
            assertThat(audit.ofPatient(11, "test_run", null, Set.of(3L, 4L), 0, 10)).extracting(AuditEvent::entityId)
                    .containsExactly("run-1", "run-1", "run-3");
            assertThat(audit.ofPatient(11, "test_run", "RUN_DONE", Set.of(3L), 0, 10)).extracting(AuditEvent::seq).containsExactly(done.seq());
            assertThat(audit.ofPatient(11, null, null, Set.of(), 0, 10)).isEmpty();
            // pages: one row, then the rows after it
            assertThat(audit.ofPatient(11, "test_run", null, Set.of(3L), 0, 1)).extracting(AuditEvent::seq).containsExactly(start.seq());
            assertThat(audit.ofPatient(11, "test_run", null, Set.of(3L), start.seq(), 1)).extracting(AuditEvent::seq).containsExactly(done.seq());
            assertThat(audit.ofPatient(11, "test_run", null, Set.of(3L), done.seq(), 1)).isEmpty();
            assertThat(audit.forEntity("test_run", "run-1", "RUN_START", Set.of(3L), 0, 10)).extracting(AuditEvent::seq).containsExactly(start.seq());
            assertThat(audit.forEntity("test_run", "run-1", null, Set.of(4L), 0, 10)).isEmpty();

            AuditEvent none = audit.after(start.seq(), 1).get(0);
            assertThat(none.patientId()).isNull();
            assertThat(none.canonical()).doesNotContain("patient=");
            assertThat(start.canonical()).endsWith("|patient=11|");
            assertThat(audit.verify().intact()).isTrue();
            t.raw("UPDATE audit_event SET patient_id = 12 WHERE seq = " + start.seq());
            AuditVerification v = audit.verify();
            assertThat(v.firstBrokenSeq()).isEqualTo(start.seq());
            assertThat(v.problem()).contains("changed after it was written");
        }
    }
}
