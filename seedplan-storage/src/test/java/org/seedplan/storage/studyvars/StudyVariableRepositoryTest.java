package org.seedplan.storage.studyvars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.PartialDate;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.VisitData;
import org.seedplan.storage.registry.VisitRecord;
import org.seedplan.storage.registry.VisitRepository;

class StudyVariableRepositoryTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void templateVariablesTakeValuesPerPatientLesionAndVisitAuditedAndVersioned(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "P1"));
            LesionRecord l = new LesionRepository(t.db).create(Actor.SYSTEM, new LesionData(p.id(), "L1", "liver", "S7", false, true, 42.0, null, 30.0));
            VisitRecord v = new VisitRepository(t.db).create(Actor.SYSTEM, new VisitData(p.id(), LocalDate.of(2026, 4, 1), 3, null, false, null,
                    List.of(), Map.of(), List.of()));
            StudyVariableRepository repo = new StudyVariableRepository(t.db);
            ResearchStudy s = repo.createStudy(Actor.SYSTEM, c.id(), "HCC-PVTT", "I-125 seeds for HCC with PVTT");
            List<StudyVariable> defined = repo.defineAll(Actor.SYSTEM, s.id(), StudyTemplate.seedImplant());
            assertThat(defined).extracting(x -> x.definition().name()).contains("pvtt", "afp_baseline", "tg", "cnlc_stage", "bclc_stage",
                    "kps_baseline", "intrahepatic_tumours", "tumour_volume", "grade", "implant_site", "boundary", "density");
            // applying twice defines nothing new
            assertThat(repo.defineAll(Actor.SYSTEM, s.id(), StudyTemplate.seedImplant())).isEmpty();
            Map<String, StudyVariable> byName = new java.util.HashMap<>();
            repo.variablesOf(s.id()).forEach(x -> byName.put(x.definition().name(), x));

            Actor nurse = new Actor(null, "nurse", null, c.id(), "r1");
            StudyValue pvtt = repo.setValue(nurse, byName.get("pvtt").id(), p.id(), 1, "Vp3", null, null);
            repo.setValue(nurse, byName.get("afp_baseline").id(), p.id(), 1, "412.5", null, null);
            repo.setValue(nurse, byName.get("diagnosis_date").id(), p.id(), 1, "2025-11", null, null);
            repo.setValue(nurse, byName.get("prior_tace").id(), p.id(), 1, "yes", null, null);
            repo.setValue(nurse, byName.get("tumour_volume").id(), l.id(), 1, "33.4", null, null);
            repo.setValue(nurse, byName.get("tg").id(), v.id(), 1, "2.1", null, null);

            List<StudyValue> values = repo.valuesOfPatient(p.id());
            assertThat(values).extracting(StudyValue::recordId, StudyValue::text).containsExactlyInAnyOrder(tuple(p.id(), "Vp3"),
                    tuple(p.id(), "412.5"), tuple(p.id(), "2025-11"), tuple(p.id(), "yes"), tuple(l.id(), "33.4"), tuple(v.id(), "2.1"));
            assertThat(values).filteredOn(x -> x.value() instanceof PartialDate).singleElement()
                    .extracting(x -> ((PartialDate) x.value()).precision()).isEqualTo(PartialDate.Precision.MONTH);

            StudyValue changed = repo.setValue(nurse, byName.get("pvtt").id(), p.id(), 1, "Vp4", pvtt.version(), "re-read CT");
            assertThat(changed.version()).isEqualTo(2);
            assertThatThrownBy(() -> repo.setValue(nurse, byName.get("pvtt").id(), p.id(), 1, "Vp2", pvtt.version(), null))
                    .isInstanceOf(StaleVersionException.class);
            assertThat(new AuditTrail(t.db).forEntity("study_value", pvtt.id())).filteredOn(e -> e.action().equals("UPDATE"))
                    .extracting(AuditEvent::field, AuditEvent::oldValue, AuditEvent::newValue, AuditEvent::reason)
                    .containsExactly(tuple("value", "Vp3", "Vp4", "re-read CT"));
            assertThatThrownBy(() -> repo.deleteValue(nurse, changed.id(), changed.version(), null)).isInstanceOf(ReasonRequiredException.class);
            repo.deleteValue(nurse, changed.id(), changed.version(), "entered for the wrong patient");
            assertThat(repo.value(changed.id())).isEmpty();

            // a definition change is a new version, audited; a type change is refused once values exist
            StudyVariable afp = byName.get("afp_baseline");
            VariableDefinition d = afp.definition();
            StudyVariable relabelled = repo.update(Actor.SYSTEM, afp.id(), afp.version(), new VariableDefinition(d.name(), "AFP at baseline",
                    d.type(), d.unit(), d.min(), d.max(), d.levels(), d.level(), d.repeated()), false, "wording of the paper");
            assertThat(relabelled.version()).isEqualTo(2);
            assertThat(new AuditTrail(t.db).forEntity("study_variable", afp.id())).filteredOn(e -> e.action().equals("UPDATE"))
                    .extracting(AuditEvent::field, AuditEvent::newValue).containsExactly(tuple("label", "AFP at baseline"));
            assertThatThrownBy(() -> repo.update(Actor.SYSTEM, afp.id(), 2, new VariableDefinition(d.name(), d.label(), ValueType.CATEGORY, null,
                    null, null, List.of("<400", ">=400"), d.level(), false), false, null)).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("cannot change");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void valuesOutsideTheDefinitionOrOfAnotherCentreAreRefusedNamingTheVariable(Dialect dialect) {
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            CentreRepository centres = new CentreRepository(t.db);
            Centre a = centres.create(Actor.SYSTEM, "A", "Centre A");
            Centre b = centres.create(Actor.SYSTEM, "B", "Centre B");
            Patient inB = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(b.id(), "PB"));
            Patient inA = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(a.id(), "PA"));
            StudyVariableRepository repo = new StudyVariableRepository(t.db);
            ResearchStudy s = repo.createStudy(Actor.SYSTEM, a.id(), "S1", "Study");
            StudyVariable kps = repo.define(Actor.SYSTEM, s.id(), new VariableDefinition("kps_baseline", "KPS", ValueType.NUMBER, "points", 0.0,
                    100.0, List.of(), RecordLevel.PATIENT, false));
            assertThatThrownBy(() -> repo.setValue(Actor.SYSTEM, kps.id(), inA.id(), 1, "110", null, null)).isInstanceOf(InvalidValueException.class)
                    .hasMessage("KPS: 110 points is outside 0 – 100 points").extracting(e -> ((InvalidValueException) e).field()).isEqualTo("kps_baseline");
            assertThatThrownBy(() -> repo.setValue(Actor.SYSTEM, kps.id(), inA.id(), 2, "80", null, null)).hasMessageContaining("not repeated");
            assertThatThrownBy(() -> repo.setValue(Actor.SYSTEM, kps.id(), inB.id(), 1, "80", null, null)).hasMessageContaining("another centre");
            assertThatThrownBy(() -> repo.define(Actor.SYSTEM, s.id(), new VariableDefinition("kps_baseline", "again", ValueType.YES_NO, null, null,
                    null, List.of(), RecordLevel.PATIENT, false))).hasMessageContaining("already exists");
            assertThat(t.number("SELECT COUNT(*) FROM study_value")).isZero();
        }
    }

    @Test
    void definitionsAndValuesAreCheckedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> new VariableDefinition("AFP level", "AFP", ValueType.NUMBER, null, null, null, List.of(), RecordLevel.PATIENT, false))
                .hasMessageContaining("not usable as a column");
        assertThatThrownBy(() -> new VariableDefinition("pvtt", "PVTT", ValueType.CATEGORY, null, null, null, List.of("Vp1"), RecordLevel.PATIENT,
                false)).hasMessageContaining("at least two distinct");
        VariableDefinition date = new VariableDefinition("diagnosis_date", "Date of diagnosis", ValueType.DATE, null, null, null, List.of(),
                RecordLevel.PATIENT, false);
        assertThat(date.parse("2024")).isEqualTo(new PartialDate(LocalDate.of(2024, 1, 1), PartialDate.Precision.YEAR));
        assertThat(((PartialDate) date.parse("2024-02")).last()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThatThrownBy(() -> date.parse("2024-02-30")).hasMessage("Date of diagnosis: '2024-02-30' is not a date; give yyyy, yyyy-MM or yyyy-MM-dd");
    }
}
