package org.seedplan.storage.plan;

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
import org.seedplan.storage.account.UserRepository;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;

class PlanRepositoryTest {

    @TempDir
    Path folder;

    static PlanContent content(double firstSeedX) {
        return new PlanContent("{\"prescriptionGy\":120}", "1.2.3.4", 120.0, "6711", 0.5, LocalDate.of(2026, 1, 2),
                LocalDate.of(2026, 1, 9), 131.2, 80.5, 96.1, 61.0, 30.2, 12.4,
                List.of(new PlanNeedle(0, 0, -100, 0, 0, -20, 5)),
                List.of(new PlanSeed(0, 0, firstSeedX, -20, 5), new PlanSeed(1, 0, 0.25, -30, 5), new PlanSeed(2, null, 0.5, -40, 5)));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void anApprovedPlanChangesOnlyAsANewRevisionWithAReasonAndOnlyApprovedIntactRevisionsGoToTreatment(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "P1"));
            PlanRepository plans = new PlanRepository(t.db);
            long userId = new UserRepository(t.db).create(Actor.SYSTEM, "phys", "P. Hysicist", "$argon2id$x", false).id();
            Actor physicist = new Actor(userId, "phys", Role.PHYSICIST, c.id(), "r1");

            PlanRevision draft = plans.create(physicist, p.id(), "Liver S7", content(1.0));
            assertThat(draft.status()).isEqualTo(PlanStatus.DRAFT);
            assertThat(draft.intact()).isTrue();
            assertThat(draft.content()).isEqualTo(content(1.0));
            PlanRevision edited = plans.revise(physicist, draft.planId(), draft.version(), content(1.5), null);
            assertThat(edited.revision()).as("a draft changes in place").isEqualTo(1);
            assertThat(edited.content().seeds().get(0).xMm()).isEqualTo(1.5);
            assertThat(new AuditTrail(t.db).forEntity("plan_revision", draft.id())).anySatisfy(e -> {
                assertThat(e.field()).isEqualTo("checksum");
                assertThat(e.oldValue()).isEqualTo(content(1.0).checksum());
                assertThat(e.newValue()).isEqualTo(content(1.5).checksum());
            });
            assertThatThrownBy(() -> plans.forTreatment(edited.id())).hasMessageContaining("only an approved plan");

            assertThatThrownBy(() -> plans.approve(physicist, edited.id(), draft.version(), "Dr Phys", "approved for treatment"))
                    .isInstanceOf(StaleVersionException.class);
            PlanRevision approved = plans.approve(physicist, edited.id(), edited.version(), "Dr P. Hysicist", "approved for treatment");
            assertThat(approved.status()).isEqualTo(PlanStatus.APPROVED);
            assertThat(approved.approvedBy()).isEqualTo(userId);
            assertThat(approved.approvedByName()).isEqualTo("Dr P. Hysicist");
            assertThat(approved.approvedAt()).isNotNull();
            assertThat(plans.forTreatment(approved.id()).id()).isEqualTo(approved.id());

            assertThatThrownBy(() -> plans.revise(physicist, draft.planId(), approved.version(), content(2.0), null))
                    .isInstanceOf(ReasonRequiredException.class);
            PlanRevision second = plans.revise(physicist, draft.planId(), approved.version(), content(2.0), "seed 0 moved off the vessel");
            assertThat(second.revision()).isEqualTo(2);
            assertThat(second.status()).isEqualTo(PlanStatus.DRAFT);
            assertThat(plans.revision(approved.id()).status()).as("the approved revision is untouched").isEqualTo(PlanStatus.APPROVED);
            assertThat(plans.revision(approved.id()).content()).isEqualTo(content(1.5));
            assertThat(plans.plansOfPatient(p.id())).singleElement().satisfies(s -> {
                assertThat(s.revision()).isEqualTo(2);
                assertThat(s.status()).isEqualTo(PlanStatus.DRAFT);
                assertThat(s.seedCount()).isEqualTo(3);
            });
            assertThat(new PatientRepository(t.db).search(Set.of(c.id()), null, null, 10, 0).items().get(0).latestPlanStatus())
                    .isEqualTo("DRAFT");

            PlanRevision locked = plans.lock(physicist, approved.id(), approved.version(), "implanted 2026-01-09");
            assertThat(locked.status()).isEqualTo(PlanStatus.LOCKED);
            assertThatThrownBy(() -> plans.releaseForTreatment(physicist, second.id(), "DICOM RT Plan")).hasMessageContaining("only an approved plan");
            t.raw("UPDATE plan_seed SET x_mm = 9.0 WHERE revision_id = " + locked.id() + " AND seed_index = 1");
            assertThatThrownBy(() -> plans.forTreatment(locked.id())).hasMessageContaining("does not match its checksum");
            assertThat(new AuditTrail(t.db).verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void approvingANewRevisionRetiresTheOldOneAndReleaseForTreatmentLocksAnApprovedRevision(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "P1"));
            PlanRepository plans = new PlanRepository(t.db);
            long userId = new UserRepository(t.db).create(Actor.SYSTEM, "phys", "P. Hysicist", "$argon2id$x", false).id();
            Actor physicist = new Actor(userId, "phys", Role.PHYSICIST, c.id(), "r1");
            PlanRevision first = plans.create(physicist, p.id(), "Liver S7", content(1.0));
            PlanRevision firstApproved = plans.approve(physicist, first.id(), first.version(), "Dr P. Hysicist", "approved for treatment");
            PlanRevision released = plans.releaseForTreatment(physicist, firstApproved.id(), "DICOM RT Plan");
            assertThat(released.status()).as("the first release locks it").isEqualTo(PlanStatus.LOCKED);
            assertThat(plans.releaseForTreatment(physicist, released.id(), "plan printout").status()).isEqualTo(PlanStatus.LOCKED);
            assertThat(new AuditTrail(t.db).forEntity("plan_revision", first.id())).extracting(AuditEvent::action)
                    .containsSubsequence("APPROVE", "LOCK", "EXPORT", "EXPORT");

            PlanRevision second = plans.revise(physicist, first.planId(), released.version(), content(2.0), "seed 0 moved");
            PlanRevision third = plans.revise(physicist, first.planId(), second.version(), content(2.5), null);
            assertThat(third.id()).as("a draft changes in place").isEqualTo(second.id());
            PlanRevision approved = plans.approve(physicist, third.id(), third.version(), "Dr P. Hysicist", "approved for treatment");
            assertThat(plans.revision(first.id()).status()).as("superseded").isEqualTo(PlanStatus.RETIRED);
            assertThat(plans.revisions(first.planId())).extracting(PlanRevision::status).containsExactly(PlanStatus.RETIRED, PlanStatus.APPROVED);
            assertThatThrownBy(() -> plans.releaseForTreatment(physicist, first.id(), "DICOM RT Plan")).hasMessageContaining("RETIRED");

            PlanRevision fourth = plans.revise(physicist, first.planId(), approved.version(), content(3.0), "dose escalated");
            assertThat(fourth.revision()).isEqualTo(3);
            assertThatThrownBy(() -> plans.approve(physicist, first.id(), plans.revision(first.id()).version(), "Dr P. Hysicist",
                    "approved for treatment")).hasMessageContaining("only a DRAFT");
            assertThat(new AuditTrail(t.db).verify().intact()).isTrue();
        }
    }
}
