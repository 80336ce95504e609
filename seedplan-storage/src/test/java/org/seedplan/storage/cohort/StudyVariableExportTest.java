package org.seedplan.storage.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.ImplantData;
import org.seedplan.storage.registry.ImplantMetrics;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientData;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.VisitData;
import org.seedplan.storage.registry.VisitRecord;
import org.seedplan.storage.registry.VisitRepository;
import org.seedplan.storage.studyvars.ResearchStudy;
import org.seedplan.storage.studyvars.StudyTemplate;
import org.seedplan.storage.studyvars.StudyValue;
import org.seedplan.storage.studyvars.StudyVariable;
import org.seedplan.storage.studyvars.StudyVariableRepository;

class StudyVariableExportTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void studyVariablesTravelAsNamedColumnsOfPatientsLesionsAndFollowups(Dialect dialect) throws Exception {
        try (TestDatabase t = TestDatabase.open(dialect, folder.resolve("db"))) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "ZS", "Zhongshan");
            Patient p = new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "P1"));
            new PatientRepository(t.db).create(Actor.SYSTEM, PatientData.of(c.id(), "NO-IMPLANT"));
            new ImplantRepository(t.db).create(Actor.SYSTEM, new ImplantData(p.id(), null, LocalDate.of(2026, 1, 1), 40, 0.6, null, false, null,
                    null, ImplantMetrics.NONE, null, ImplantMetrics.NONE, null));
            LesionRecord l = new LesionRepository(t.db).create(Actor.SYSTEM, new LesionData(p.id(), "L1", "liver", "S7", false, true, 42.0, null, 30.0));
            VisitRecord v = new VisitRepository(t.db).create(Actor.SYSTEM, new VisitData(p.id(), LocalDate.of(2026, 4, 1), 3, null, false, null,
                    List.of(new VisitData.Measurement(l.id(), 30.0, null, 20.0)), Map.of(), List.of()));
            StudyVariableRepository repo = new StudyVariableRepository(t.db);
            ResearchStudy s = repo.createStudy(Actor.SYSTEM, c.id(), "HCC", "HCC with PVTT");
            Map<String, Long> ids = new HashMap<>();
            for (StudyVariable x : repo.defineAll(Actor.SYSTEM, s.id(), StudyTemplate.seedImplant())) {
                ids.put(x.definition().name(), x.id());
            }
            repo.setValue(Actor.SYSTEM, ids.get("pvtt"), p.id(), 1, "Vp3", null, null);
            repo.setValue(Actor.SYSTEM, ids.get("diagnosis_date"), p.id(), 1, "2025-11", null, null);
            repo.setValue(Actor.SYSTEM, ids.get("boundary"), l.id(), 1, "Clear", null, null);
            repo.setValue(Actor.SYSTEM, ids.get("tg"), v.id(), 1, "2.5", null, null);

            Path out = folder.resolve("cohort");
            new CohortExporter(t.db).exportCsv(Actor.SYSTEM, List.of(c.id()), out);
            List<List<String>> patients = StudyColumns.parse(Files.readString(out.resolve("patients.csv")));
            assertThat(patients).hasSize(2); // header + P1 (the patient without implant is not in the cohort)
            Map<String, String> row = zip(patients.get(0), patients.get(1));
            assertThat(row).containsEntry("patient_id", "P1").containsEntry("pvtt", "Vp3").containsEntry("diagnosis_date", "2025-11")
                    .containsEntry("afp_baseline", "");
            List<List<String>> lesions = StudyColumns.parse(Files.readString(out.resolve("lesions.csv")));
            assertThat(zip(lesions.get(0), lesions.get(1))).containsEntry("lesion_id", "L1").containsEntry("boundary", "Clear");
            List<List<String>> followups = StudyColumns.parse(Files.readString(out.resolve("followups.csv")));
            assertThat(zip(followups.get(0), followups.get(1))).containsEntry("date", "2026-04-01").containsEntry("tg", "2.5");
            // the cohort reader still reads the tables, keeping the study variables as extra columns
            assertThat(CohortImport.read(out).cohort().patients()).hasSize(1);
            assertThat(new CohortExporter(t.db).read(List.of(c.id())).tables().get("patients").columnNames()).contains("pvtt", "diagnosis_date");

            // the statistician's de-identified tables: study values by pseudonym, a date value as days from the implant
            List<List<String>> deid = new DeidentifiedExport(t.db).export(Actor.SYSTEM, List.of(c.id())).tables().get("study_values");
            assertThat(deid.get(0)).containsExactly("pseudonym", "variable", "level", "lesion", "visit_day", "instance", "value", "value_day",
                    "value_precision");
            assertThat(deid.subList(1, deid.size())).extracting(r -> r.subList(1, r.size())).containsExactlyInAnyOrder(
                    List.of("pvtt", "PATIENT", "", "", "1", "Vp3", "", ""),
                    // 2025-11-01 is 61 days before the implant on 2026-01-01
                    List.of("diagnosis_date", "PATIENT", "", "", "1", "", "-61", "MONTH"),
                    List.of("boundary", "LESION", "L1", "", "1", "Clear", "", ""),
                    List.of("tg", "VISIT", "", "90", "1", "2.5", "", ""));
            assertThat(deid.toString()).doesNotContain("P1", "2025-11");

            // back into another centre: refused until the centre has the variables, then the values come back
            Centre other = new CentreRepository(t.db).create(Actor.SYSTEM, "XY", "Other centre");
            assertThatThrownBy(() -> new CohortImporter(t.db).importFolder(Actor.SYSTEM, other.id(), out))
                    .hasMessageContaining("column 'pvtt': no study variable of this name at the patient level")
                    .hasMessageContaining("column 'boundary'").hasMessageContaining("column 'tg'");
            assertThat(t.number("SELECT COUNT(*) FROM patient WHERE centre_id = ?", other.id())).isZero();
            repo.defineAll(Actor.SYSTEM, repo.createStudy(Actor.SYSTEM, other.id(), "HCC", "HCC with PVTT").id(), StudyTemplate.seedImplant());
            Map<String, Long> imported = new CohortImporter(t.db).importFolder(Actor.SYSTEM, other.id(), out);
            List<String> texts = repo.valuesOfPatient(imported.get("P1")).stream().map(StudyValue::text).toList();
            assertThat(texts).containsExactlyInAnyOrder("Vp3", "2025-11", "Clear", "2.5");
        }
    }

    private static Map<String, String> zip(List<String> header, List<String> row) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), row.get(i));
        }
        return m;
    }
}
