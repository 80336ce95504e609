package org.seedplan.storage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;

class PatientRepositoryTest {

    @TempDir
    Path folder;

    private static PatientData zhang(long centre) {
        return new PatientData(centre, "P-001", "Zhang", "Wei", "M", LocalDate.of(1957, 3, 14), "HCC", null, "T2", "N0", "M0",
                "IIa", "B", "A", 80, 1, "TACE", null);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void secondWriterWithTheSameVersionGetsStaleVersionAndNothingIsLost(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            PatientRepository patients = new PatientRepository(t.db);
            Patient p = patients.create(Actor.SYSTEM, zhang(c.id()));
            Actor alice = new Actor(null, "alice", Role.PHYSICIAN, c.id(), "req-1");
            Actor bob = new Actor(null, "bob", Role.DATA_ENTRY, c.id(), "req-2");

            Patient first = patients.update(alice, p.id(), p.version(), p.data().withName("Zhang", "Wen"), null);
            assertThatThrownBy(() -> patients.update(bob, p.id(), p.version(), p.data().withName("Chang", "Wei"), null))
                    .isInstanceOf(StaleVersionException.class).hasMessageContaining("patient " + p.id());

            Patient stored = patients.find(p.id()).orElseThrow();
            assertThat(stored.version()).isEqualTo(first.version()).isEqualTo(2);
            assertThat(stored.data().givenName()).isEqualTo("Wen");
            assertThat(stored.data().familyName()).isEqualTo("Zhang");
            assertThat(new AuditTrail(t.db).forEntity("patient", p.id())).noneMatch(e -> e.username().equals("bob"));
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void concurrentWritersOfOneVersionYieldOneWinnerAndNothingHalfWritten(Dialect dialect) throws Exception {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            PatientRepository patients = new PatientRepository(t.db);
            Patient p = patients.create(Actor.SYSTEM, zhang(c.id()));
            int writers = 8;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String given = "Writer" + w;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        patients.update(new Actor(null, given, null, c.id(), null), p.id(), p.version(), p.data().withName("Zhang", given), null);
                        return true;
                    } catch (StaleVersionException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (var f : results) {
                winners += f.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).isEqualTo(1);
            Patient stored = patients.find(p.id()).orElseThrow();
            assertThat(stored.version()).isEqualTo(2);
            List<AuditEvent> updates = new AuditTrail(t.db).forEntity("patient", p.id()).stream()
                    .filter(e -> e.action().equals("UPDATE")).toList();
            assertThat(updates).singleElement().satisfies(e -> {
                assertThat(e.newValue()).isEqualTo(stored.data().givenName());
                assertThat(e.username()).isEqualTo(stored.data().givenName());
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyChangedFieldGetsOneAuditRowWithOldAndNewValue(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            PatientRepository patients = new PatientRepository(t.db);
            Patient p = patients.create(Actor.SYSTEM, zhang(c.id()));
            Actor alice = new Actor(7L, "alice", Role.PHYSICIAN, c.id(), "req-9");
            patients.update(alice, p.id(), p.version(), p.data().withName("Zhang", "Wen").withDeathDate(LocalDate.of(2021, 5, 2)),
                    "death reported by family");

            List<AuditEvent> updates = new AuditTrail(t.db).forEntity("patient", p.id()).stream()
                    .filter(e -> e.action().equals("UPDATE")).toList();
            assertThat(updates).extracting(AuditEvent::field, AuditEvent::oldValue, AuditEvent::newValue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("given_name", "Wei", "Wen"),
                            org.assertj.core.groups.Tuple.tuple("death_date", null, "2021-05-02"));
            assertThat(updates).allSatisfy(e -> {
                assertThat(e.username()).isEqualTo("alice");
                assertThat(e.userId()).isEqualTo(7L);
                assertThat(e.role()).isEqualTo("PHYSICIAN");
                assertThat(e.centreId()).isEqualTo(c.id());
                assertThat(e.requestId()).isEqualTo("req-9");
                assertThat(e.reason()).isEqualTo("death reported by family");
            });
            long creates = new AuditTrail(t.db).forEntity("patient", p.id()).stream().filter(e -> e.action().equals("CREATE")).count();
            assertThat(creates).as("one row per non-empty field at creation").isEqualTo(16);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void deleteWithoutReasonIsRefusedAndWithReasonIsAudited(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            PatientRepository patients = new PatientRepository(t.db);
            Patient p = patients.create(Actor.SYSTEM, zhang(c.id()));
            assertThatThrownBy(() -> patients.delete(Actor.SYSTEM, p.id(), p.version(), " "))
                    .isInstanceOf(ReasonRequiredException.class).hasMessageContaining("needs a reason");
            assertThat(patients.find(p.id())).isPresent();
            patients.delete(Actor.SYSTEM, p.id(), p.version(), "created twice by mistake");
            assertThat(patients.find(p.id())).isEmpty();
            List<AuditEvent> deletes = new AuditTrail(t.db).forEntity("patient", p.id()).stream()
                    .filter(e -> e.action().equals("DELETE")).toList();
            assertThat(deletes).extracting(AuditEvent::reason).containsOnly("created twice by mistake");
            assertThat(deletes).anySatisfy(e -> {
                assertThat(e.field()).isEqualTo("family_name");
                assertThat(e.oldValue()).isEqualTo("Zhang");
                assertThat(e.newValue()).isNull();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void searchMatchesIdOrNameCaseInsensitivelyWithinTheCallersCentresOnly(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            CentreRepository centres = new CentreRepository(t.db);
            Centre a = centres.create(Actor.SYSTEM, "A", "Alpha");
            Centre b = centres.create(Actor.SYSTEM, "B", "Beta");
            PatientRepository patients = new PatientRepository(t.db);
            patients.create(Actor.SYSTEM, PatientData.of(a.id(), "A-1").withName("Müller", "Anna"));
            patients.create(Actor.SYSTEM, PatientData.of(a.id(), "A-2").withName("Li", "Na"));
            patients.create(Actor.SYSTEM, PatientData.of(a.id(), "X_100%").withName("Smith", "Jo"));
            patients.create(Actor.SYSTEM, PatientData.of(b.id(), "B-1").withName("Li", "Bo"));

            Page<PatientSummary> li = patients.search(Set.of(a.id()), null, "LI", 50, 0);
            assertThat(li.total()).isEqualTo(1);
            assertThat(li.items()).extracting(PatientSummary::patientId).containsExactly("A-2");
            assertThat(li.items().get(0).centreCode()).isEqualTo("A");
            assertThat(patients.search(Set.of(a.id()), b.id(), "li", 50, 0).total()).as("centre B is not the caller's").isZero();
            assertThat(patients.search(Set.of(a.id(), b.id()), null, "li", 50, 0).total()).isEqualTo(2);
            assertThat(patients.search(Set.of(a.id()), null, "_", 50, 0).items()).extracting(PatientSummary::patientId)
                    .as("_ and % are literal").containsExactly("X_100%");
            assertThat(patients.search(Set.of(a.id()), null, "MÜLL", 50, 0).items()).as("case folding beyond ASCII")
                    .extracting(PatientSummary::patientId).containsExactly("A-1");
            assertThat(patients.search(Set.of(a.id()), null, "Li Na", 50, 0).items()).as("family and given name together")
                    .extracting(PatientSummary::patientId).containsExactly("A-2");
            Patient renamed = patients.findByPatientId(a.id(), "A-2").orElseThrow();
            patients.update(Actor.SYSTEM, renamed.id(), renamed.version(), renamed.data().withName("Öztürk", "Na"), null);
            assertThat(patients.search(Set.of(a.id()), null, "öztürk", 50, 0).total()).as("search text follows an edit").isEqualTo(1);
            assertThat(patients.search(Set.of(a.id()), null, "li na", 50, 0).total()).isZero();
            Page<PatientSummary> page = patients.search(Set.of(a.id()), null, null, 2, 1);
            assertThat(page.total()).isEqualTo(3);
            assertThat(page.items()).extracting(PatientSummary::familyName).containsExactly("Smith", "Öztürk");
            assertThatThrownBy(() -> patients.create(Actor.SYSTEM, PatientData.of(a.id(), "A-1")))
                    .hasMessageContaining("A-1 already exists");
        }
    }
}
