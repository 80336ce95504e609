package org.seedplan.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.storage.account.SessionRepository;
import org.seedplan.storage.account.User;
import org.seedplan.storage.account.UserRepository;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

/** Two servers on one PostgreSQL (two pools, as two processes have): sessions, data and version checks are shared. */
class SharedDatabaseTest {

    @TempDir
    Path folder;

    @Test
    void aSessionAndAWriteMadeThroughOneServerAreSeenAndCheckedThroughTheOther() {
        try (TestDatabase t = TestDatabase.open(Dialect.POSTGRESQL, folder);
             Database second = Database.open(folder.resolve("second"), t.jdbcUrl())) {
            User u = new UserRepository(t.db).create(Actor.SYSTEM, "nurse", "Nora Nurse", "$argon2id$x", false);
            Instant now = Instant.now();
            SessionRepository.NewSession s = new SessionRepository(t.db).create(u.id(), now, Duration.ofMinutes(30));
            assertThat(new SessionRepository(second).find(s.token(), now.plusSeconds(5))).map(x -> x.userId()).contains(u.id());

            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "P1"));
            Patient viaSecond = new PatientRepository(second).find(p.id()).orElseThrow();
            new PatientRepository(second).update(Actor.SYSTEM, p.id(), viaSecond.version(), viaSecond.data().withName("Wu", "Lan"), null);
            assertThatThrownBy(() -> new PatientRepository(t.db).update(Actor.SYSTEM, p.id(), p.version(), p.data().withName("Xu", "Li"), null))
                    .isInstanceOf(StaleVersionException.class);
            assertThat(new PatientRepository(t.db).find(p.id()).orElseThrow().data().familyName()).isEqualTo("Wu");
            assertThat(new org.seedplan.storage.audit.AuditTrail(second).verify().intact()).isTrue();
        }
    }
}
