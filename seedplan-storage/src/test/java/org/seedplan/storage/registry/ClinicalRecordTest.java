package org.seedplan.storage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.StaleVersionException;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.audit.ReasonRequiredException;

class ClinicalRecordTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void visitsKeepMeasurementsAnswersAndLabsAndAuditEachChangedItem(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            PatientRepository patients = new PatientRepository(t.db);
            Patient p = patients.create(Actor.SYSTEM, PatientData.of(c.id(), "P1"));
            LesionRecord l1 = new LesionRepository(t.db).create(Actor.SYSTEM,
                    new LesionData(p.id(), "L1", "liver", "S7", false, true, 42.0, null, 30.0));
            new ImplantRepository(t.db).create(Actor.SYSTEM, new ImplantData(p.id(), null, LocalDate.of(2026, 1, 1), 40, 0.6,
                    null, false, 812.0, null, ImplantMetrics.NONE, null, new ImplantMetrics(128.0, 70.0, 94.0, 55.0, 0.41, 40, 20.5), null));
            VisitRepository visits = new VisitRepository(t.db);
            VisitRecord v = visits.create(Actor.SYSTEM, new VisitData(p.id(), LocalDate.of(2026, 4, 1), 3, 90, false, "NE",
                    List.of(new VisitData.Measurement(l1.id(), 30.5, null, 12.0)), Map.of(1, 2, 5, 1, 29, 6),
                    List.of(new VisitData.LabValue("AFP", 95.5, "ng/mL"))));
            // 2026-01-01 → 2026-04-01 is 90 days; 90 / 30.4375 months (exact arithmetic, no tolerance)
            assertThat(v.monthsSinceImplant()).isEqualTo(90 / 30.4375);
            assertThat(v.data().measurements()).singleElement().extracting(VisitData.Measurement::longestMm).isEqualTo(30.5);
            assertThat(v.data().qlqC30()).containsExactlyInAnyOrderEntriesOf(Map.of(1, 2, 5, 1, 29, 6));

            Actor nurse = new Actor(null, "nurse", null, c.id(), "r7");
            VisitData changed = new VisitData(p.id(), v.data().visitDate(), 3, 90, false, "NE", v.data().measurements(),
                    Map.of(1, 2, 5, 3, 29, 6), List.of(new VisitData.LabValue("AFP", 60.0, "ng/mL")));
            VisitRecord v2 = visits.update(nurse, v.id(), v.version(), changed, null);
            assertThat(v2.version()).isEqualTo(2);
            assertThat(v2.data().labs()).containsExactly(new VisitData.LabValue("AFP", 60.0, "ng/mL"));
            List<AuditEvent> rows = new AuditTrail(t.db).forEntity("visit", v.id()).stream()
                    .filter(e -> e.action().equals("UPDATE")).toList();
            assertThat(rows).extracting(AuditEvent::field, AuditEvent::oldValue, AuditEvent::newValue)
                    .containsExactly(tuple("qlq_c30 5", "1", "3"), tuple("lab AFP", "95.5 ng/mL", "60.0 ng/mL"));
            assertThatThrownBy(() -> visits.update(nurse, v.id(), v.version(), changed, null)).isInstanceOf(StaleVersionException.class);
            assertThatThrownBy(() -> visits.delete(nurse, v.id(), v2.version(), null)).isInstanceOf(ReasonRequiredException.class);
            assertThatThrownBy(() -> new VisitData(p.id(), LocalDate.of(2026, 5, 1), 11, null, null, null, List.of(), Map.of(), List.of()))
                    .hasMessageContaining("nrsPain 11 is outside 0–10");

            assertThatThrownBy(() -> patients.delete(Actor.SYSTEM, p.id(), p.version(), "duplicate"))
                    .hasMessageContaining("still has lesion records");
            visits.delete(nurse, v.id(), v2.version(), "entered for the wrong patient");
            assertThat(visits.ofPatient(p.id())).isEmpty();
            assertThat(t.number("SELECT COUNT(*) FROM qlq_c30_item")).isZero();

            OutcomeEventRepository events = new OutcomeEventRepository(t.db);
            AdverseEventRecord ae = events.createAdverseEvent(Actor.SYSTEM,
                    new AdverseEventData(p.id(), LocalDate.of(2026, 1, 2), "Pneumothorax", 1, "CTCAE_5", "DEFINITE"));
            AdverseEventRecord ae2 = events.updateAdverseEvent(nurse, ae.id(), ae.version(),
                    new AdverseEventData(p.id(), LocalDate.of(2026, 1, 2), "Pneumothorax", 2, "CTCAE_5", "DEFINITE"), "chest tube placed");
            assertThat(events.adverseEventsOf(p.id())).singleElement().extracting(r -> r.data().grade()).isEqualTo(2);
            assertThatThrownBy(() -> events.deleteAdverseEvent(nurse, ae.id(), ae.version(), "x")).isInstanceOf(StaleVersionException.class);
            events.deleteAdverseEvent(nurse, ae.id(), ae2.version(), "duplicate entry");
            ProgressionRecord pr = events.createProgression(nurse, new ProgressionData(p.id(), LocalDate.of(2026, 9, 1), "LOCAL"));
            assertThat(events.progressionsOf(p.id())).containsExactly(pr);
            assertThat(new AuditTrail(t.db).verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aVisitOfAPatientWithoutImplantHasNoMonthsSinceImplant(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "P-NO-IMPLANT"));
            VisitRepository visits = new VisitRepository(t.db);
            VisitRecord v = visits.create(Actor.SYSTEM, new VisitData(p.id(), LocalDate.of(2026, 4, 1), 2, null, null, null,
                    List.of(), Map.of(), List.of()));
            assertThat(v.monthsSinceImplant()).isNull();
            VisitData later = new VisitData(p.id(), LocalDate.of(2026, 4, 2), 1, null, null, null, List.of(), Map.of(), List.of());
            assertThat(visits.update(Actor.SYSTEM, v.id(), v.version(), later, null).monthsSinceImplant()).isNull();
        }
    }
}
