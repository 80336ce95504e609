package org.seedplan.storage.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

class UserRepositoryTest {

    @TempDir
    Path folder;

    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant JUN = Instant.parse("2026-06-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rightsHistoryAnswersWhoCouldReadAPatientOnAGivenDate(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            CentreRepository centres = new CentreRepository(t.db);
            Centre a = centres.create(Actor.SYSTEM, "A", "Alpha");
            Centre b = centres.create(Actor.SYSTEM, "B", "Beta");
            UserRepository users = new UserRepository(t.db);
            User admin = users.create(Actor.SYSTEM, "admin", "Ada Admin", "$argon2id$x", false);
            Actor adminActor = new Actor(admin.id(), "admin", Role.ADMINISTRATOR, a.id(), null);
            User nurse = users.create(adminActor, "nurse", "Nora Nurse", "$argon2id$y", true);
            User doctor = users.create(adminActor, "doctor", "Dan Doctor", "$argon2id$z", true);
            User stat = users.create(adminActor, "stat", "Sam Stat", "$argon2id$w", true);
            RoleGrant nurseA = users.grant(adminActor, nurse.id(), a.id(), Role.DATA_ENTRY, JAN, "joined the trial");
            users.grant(adminActor, doctor.id(), b.id(), Role.PHYSICIAN, JAN, "centre B physician");
            users.grant(adminActor, stat.id(), a.id(), Role.STATISTICIAN, JAN, "analysis");
            users.revoke(adminActor, nurseA.id(), MAR, "left the hospital");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(a.id(), "P1"));

            EnumSet<Role> readers = EnumSet.complementOf(EnumSet.of(Role.STATISTICIAN));
            List<RoleGrant> february = users.whoCouldAccessPatient(p.id(), Instant.parse("2026-02-10T08:00:00Z"), readers);
            List<RoleGrant> may = users.whoCouldAccessPatient(p.id(), Instant.parse("2026-05-10T08:00:00Z"), readers);
            assertThat(february).extracting(RoleGrant::username).containsExactly("nurse");
            assertThat(may).isEmpty();
            assertThat(users.whoCouldAccessPatient(p.id(), MAR, readers)).as("valid_to is exclusive").isEmpty();

            List<RoleGrant> history = users.history(nurse.id());
            assertThat(history).hasSize(1);
            assertThat(history.get(0).validFrom()).isEqualTo(JAN);
            assertThat(history.get(0).validTo()).isEqualTo(MAR);
            assertThat(history.get(0).reason()).isEqualTo("joined the trial");
            assertThat(history.get(0).revokeReason()).isEqualTo("left the hospital");
            assertThat(users.rolesAt(nurse.id(), JUN)).isEmpty();
            assertThat(users.rolesAt(doctor.id(), JUN)).extracting(RoleGrant::centreCode).containsExactly("B");
            assertThatThrownBy(() -> users.revoke(adminActor, nurseA.id(), JUN, "again")).hasMessageContaining("already revoked");
            assertThatThrownBy(() -> users.grant(adminActor, nurse.id(), a.id(), Role.MONITOR, JUN, null))
                    .hasMessageContaining("needs a reason");
            assertThat(new AuditTrail(t.db).forEntity("user_role", nurseA.id())).extracting(e -> e.action())
                    .contains("GRANT", "REVOKE");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void repeatedFailedSignInsLockTheAccountAndAreAudited(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            UserRepository users = new UserRepository(t.db);
            User u = users.create(Actor.SYSTEM, "nurse", "Nora Nurse", "$argon2id$y", false);
            Instant now = Instant.parse("2026-04-01T10:00:00Z");
            for (int i = 0; i < 4; i++) {
                assertThat(users.recordFailedSignIn(u.id(), now, 5, Duration.ofMinutes(15), "r" + i).lockedAt(now)).isFalse();
            }
            User locked = users.recordFailedSignIn(u.id(), now, 5, Duration.ofMinutes(15), "r5");
            assertThat(locked.lockedUntil()).isEqualTo(now.plus(Duration.ofMinutes(15)));
            assertThat(locked.lockedAt(now.plusSeconds(60))).isTrue();
            assertThat(locked.lockedAt(now.plus(Duration.ofMinutes(16)))).isFalse();
            assertThat(new AuditTrail(t.db).forEntity("app_user", u.id())).extracting(e -> e.action())
                    .containsSubsequence("SIGN_IN_FAILED", "SIGN_IN_FAILED", "SIGN_IN_FAILED", "SIGN_IN_FAILED", "SIGN_IN_FAILED", "LOCK");
            User unlocked = users.unlock(Actor.SYSTEM, u.id(), "identity checked by phone");
            assertThat(unlocked.lockedUntil()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void sessionsAreFoundByTokenUntilTheyExpireAndStoreOnlyTheTokenHash(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            User u = new UserRepository(t.db).create(Actor.SYSTEM, "nurse", "Nora Nurse", "$argon2id$y", false);
            SessionRepository sessions = new SessionRepository(t.db);
            Instant now = Instant.parse("2026-04-01T10:00:00Z");
            SessionRepository.NewSession s = sessions.create(u.id(), now, Duration.ofMinutes(30));
            assertThat(t.number("SELECT COUNT(*) FROM web_session WHERE token_hash = ?", s.token())).isZero();
            assertThat(sessions.find(s.token(), now.plusSeconds(60))).map(WebSession::csrfToken).contains(s.session().csrfToken());
            assertThat(sessions.touch(s.token(), now.plus(Duration.ofMinutes(20)), Duration.ofMinutes(30))).isTrue();
            assertThat(sessions.find(s.token(), now.plus(Duration.ofMinutes(45)))).as("extended by use").isPresent();
            assertThat(sessions.find(s.token(), now.plus(Duration.ofMinutes(51)))).as("idle 31 min").isEmpty();
            assertThat(sessions.find("not-a-token", now)).isEmpty();
            sessions.delete(s.token());
            assertThat(sessions.find(s.token(), now)).isEmpty();
        }
    }
}
