package org.seedplan.storage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.TemperatureSample;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;

class HyperthermiaRepositoryTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aSessionLogIsStoredReplacedAtItsVersionAndDeletedWithAReasonAllAudited(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "P1"));
            HyperthermiaRepository repo = new HyperthermiaRepository(t.db);
            List<TemperatureSample> log = List.of(new TemperatureSample(0, 1, 40.5), new TemperatureSample(0, 2, 41.0),
                    new TemperatureSample(1, 1, 41.5), new TemperatureSample(1, 2, 42.0));
            HyperthermiaRecord s = repo.create(Actor.SYSTEM, p.id(), new HyperthermiaSession("P1", 1, LocalDateTime.of(2026, 10, 2, 9, 0), log));
            assertThat(s.samples()).containsExactlyElementsOf(log);
            assertThat(s.version()).isEqualTo(1);
            assertThatThrownBy(() -> repo.create(Actor.SYSTEM, p.id(), new HyperthermiaSession("P1", 1, LocalDateTime.of(2026, 10, 3, 9, 0), log)))
                    .hasMessageContaining("session 1 of this patient is already stored");

            HyperthermiaRecord r = repo.replace(Actor.SYSTEM, s.id(), 1, LocalDateTime.of(2026, 10, 2, 9, 30), log.subList(0, 2), "wrong file");
            assertThat(r.version()).isEqualTo(2);
            assertThat(r.samples()).hasSize(2);
            assertThatThrownBy(() -> repo.replace(Actor.SYSTEM, s.id(), 1, LocalDateTime.of(2026, 10, 2, 9, 0), log, null))
                    .isInstanceOf(StaleVersionException.class);
            assertThat(new AuditTrail(t.db).forEntity("hyperthermia_session", s.id())).filteredOn(e -> e.action().equals("UPDATE"))
                    .extracting(AuditEvent::field, AuditEvent::oldValue, AuditEvent::newValue).containsExactlyInAnyOrder(
                            tuple("started_at", "2026-10-02T09:00", "2026-10-02T09:30"), tuple("samples", "4", "2"),
                            tuple("last_time_min", "1", "0"));
            assertThatThrownBy(() -> repo.delete(Actor.SYSTEM, s.id(), 2, null)).isInstanceOf(ReasonRequiredException.class);
            repo.delete(Actor.SYSTEM, s.id(), 2, "uploaded for the wrong patient");
            assertThat(repo.ofPatient(p.id())).isEmpty();
            assertThat(t.number("SELECT COUNT(*) FROM hyperthermia_sample")).isZero();
        }
    }
}
