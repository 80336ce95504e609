package org.seedplan.outcomes.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.NonTargetStatus;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.registry.Sex;

/** Cohort import: what a valid folder and workbook give, and that each kind of bad input names file, row, column and value. */
class CohortImportTest {

    @TempDir
    Path dir;

    static final String PATIENTS = "patient_id,age_years,sex,ecog,implant_date,post_d90_gy,hyperthermia\n"
            + "A1,61,M,1,2024-01-10,131.5,yes\n"
            + "A2,NA,F,0,2024-02-01,,no\n";
    static final String LESIONS = "patient_id,lesion_id,organ,nodal,target,baseline_diameter_mm,baseline_viable_mm\n"
            + "A1,L1,liver,no,yes,40,30\n"
            + "A1,NT1,bone,no,no,,\n"
            + "A2,L1,lung,no,yes,25,\n";
    static final String FOLLOWUPS = "patient_id,date,new_lesion,non_target,nrs_pain,q1,q2,local_progression,died\n"
            + "A1,2024-01-10,,,6,1,2,no,no\n"
            + "A1,2024-02-10,no,NON_CR_NON_PD,3,,,no,no\n"
            + "A2,2024-02-01,,,4,,,,\n"
            + "A2,2024-03-01,yes,,5,,,yes,no\n";
    static final String MEASUREMENTS = "patient_id,lesion_id,date,diameter_mm,viable_mm\n"
            + "A1,L1,2024-02-10,30,12\n"
            + "A2,L1,2024-03-01,26,\n";

    void write(String patients, String lesions, String followUps, String measurements) throws IOException {
        Files.writeString(dir.resolve("patients.csv"), patients);
        Files.writeString(dir.resolve("lesions.csv"), lesions);
        Files.writeString(dir.resolve("followups.csv"), followUps);
        Files.writeString(dir.resolve("measurements.csv"), measurements);
    }

    @Test
    void readsAValidFolder() throws IOException {
        write(PATIENTS, LESIONS, FOLLOWUPS, MEASUREMENTS);
        ImportedCohort ic = CohortImport.read(dir);
        assertThat(ic.cohort().size()).isEqualTo(2);
        Patient a1 = ic.cohort().patients().get(0);
        assertThat(a1.sex()).isEqualTo(Sex.MALE);
        assertThat(a1.implant().postPlan().d90Gy()).isEqualTo(131.5);
        assertThat(a1.lesions()).hasSize(2);
        FollowUp base = a1.baselineVisit().orElseThrow();
        assertThat(base.nrsPain()).isEqualTo(6);
        assertThat(base.qlqItems()).hasSize(30).startsWith(1, 2, null);
        FollowUp m1 = a1.visitsAfterImplant().get(0);
        assertThat(m1.nonTarget()).isEqualTo(NonTargetStatus.NON_CR_NON_PD);
        assertThat(m1.measurements()).singleElement().satisfies(m -> {
            assertThat(m.diameterMm()).isEqualTo(30.0);
            assertThat(m.viableDiameterMm()).isEqualTo(12.0);
        });
        Patient a2 = ic.cohort().patients().get(1);
        assertThat(a2.ageYears()).isNull();
        assertThat(a2.visitsAfterImplant().get(0).localProgression()).isTrue();
        assertThat(ic.sessions()).isEmpty();
    }

    @Test
    void missingColumnIsNamed() throws IOException {
        write(PATIENTS.replace("implant_date", "implantdate"), LESIONS, FOLLOWUPS, MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("patients.csv").hasMessageContaining("required column 'implant_date' is missing");
    }

    @Test
    void badValueNamesFileRowColumnAndValue() throws IOException {
        write(PATIENTS.replace("A2,NA,F,0", "A2,NA,F,7"), LESIONS, FOLLOWUPS, MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("patients.csv row 3 column 'ecog'")
                .hasMessageContaining("'7'").hasMessageContaining("0–4");
        write(PATIENTS, LESIONS, FOLLOWUPS.replace("A1,2024-02-10,no,NON_CR_NON_PD,3", "A1,2024-02-10,no,NON_CR_NON_PD,three"), MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("followups.csv row 3 column 'nrs_pain'")
                .hasMessageContaining("'three' is not a number");
        write(PATIENTS.replace(",M,", ",X,"), LESIONS, FOLLOWUPS, MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("patients.csv row 2 column 'sex'")
                .hasMessageContaining("'X'");
        write(PATIENTS, LESIONS, FOLLOWUPS.replace("no,NON_CR_NON_PD", "maybe,NON_CR_NON_PD"), MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("column 'new_lesion'").hasMessageContaining("'maybe'");
    }

    @Test
    void badDateIsNamed() throws IOException {
        write(PATIENTS.replace("2024-02-01", "01.02.2024"), LESIONS, FOLLOWUPS, MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("patients.csv row 3 column 'implant_date'")
                .hasMessageContaining("'01.02.2024' is not a date").hasMessageContaining("yyyy-MM-dd");
    }

    @Test
    void referencesMustResolve() throws IOException {
        write(PATIENTS, LESIONS, FOLLOWUPS + "B9,2024-01-01,,,,,,,\n", MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("followups.csv row 6 column 'patient_id'")
                .hasMessageContaining("'B9' is not in the patients table");
        write(PATIENTS, LESIONS, FOLLOWUPS, MEASUREMENTS.replace("A2,L1,2024-03-01", "A2,L1,2024-03-02"));
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("measurements.csv row 3 column 'date'")
                .hasMessageContaining("no follow-up row");
        write(PATIENTS, LESIONS.replace("A2,L1,lung", "A2,L7,lung"), FOLLOWUPS, MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("lesion 'L1' of patient A2 is not in the lesions table");
    }

    @Test
    void recistTargetChoiceIsChecked() throws IOException {
        write(PATIENTS, LESIONS.replace("A2,L1,lung,no,yes,25", "A2,L1,lung,no,yes,8"), FOLLOWUPS, MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("lesions.csv row 4 column 'baseline_diameter_mm'")
                .hasMessageContaining("below 10 mm");
        write(PATIENTS, LESIONS.replace("A2,L1,lung,no,yes,25", "A2,L1,node,yes,yes,12"), FOLLOWUPS, MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("below 15 mm");
    }

    @Test
    void duplicatesAreRejected() throws IOException {
        write(PATIENTS + "A1,50,F,0,2024-01-01,,\n", LESIONS, FOLLOWUPS, MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("patients.csv row 4 column 'patient_id'")
                .hasMessageContaining("appears twice");
    }

    @Test
    void missingRequiredTableIsNamed() throws IOException {
        Files.writeString(dir.resolve("patients.csv"), PATIENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("no 'followups' table");
    }

    @Test
    void readsOneWorkbookWithASheetPerTable() throws IOException {
        Path xlsx = dir.resolve("cohort.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            sheet(wb, "patients", PATIENTS);
            sheet(wb, "lesions", LESIONS);
            sheet(wb, "followups", FOLLOWUPS.replace("three", "3"));
            sheet(wb, "measurements", MEASUREMENTS);
            wb.write(out);
        }
        ImportedCohort fromXlsx = CohortImport.read(xlsx);
        write(PATIENTS, LESIONS, FOLLOWUPS, MEASUREMENTS);
        assertThat(fromXlsx.cohort()).isEqualTo(CohortImport.read(dir).cohort());
    }

    static void sheet(XSSFWorkbook wb, String name, String csv) {
        Sheet s = wb.createSheet(name);
        List<String> lines = csv.lines().toList();
        for (int r = 0; r < lines.size(); r++) {
            Row row = s.createRow(r);
            String[] cells = lines.get(r).split(",", -1);
            for (int c = 0; c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
        }
    }

    @Test
    void syntheticCohortSurvivesAWriteAndReadRoundTrip() {
        SyntheticCohort.Result demo = SyntheticCohort.generate(40, 7L, 3);
        CohortCsvWriter.write(demo.cohort(), demo.sessions(), dir);
        ImportedCohort back = CohortImport.read(dir);
        assertThat(back.cohort()).isEqualTo(demo.cohort());
        assertThat(back.sessions()).isEqualTo(demo.sessions());
    }

    @Test
    void syntheticCohortIsDeterministicAndHasTheRequestedShape() {
        SyntheticCohort.Result a = SyntheticCohort.generate(130, 2024L, 5);
        assertThat(a.cohort()).isEqualTo(SyntheticCohort.generate(130, 2024L, 5).cohort());
        assertThat(a.cohort().size()).isEqualTo(130);
        // every patient followed past month 6 (day 186 at the latest visit window) has six monthly imaging visits
        List<Patient> followed = a.cohort().patients().stream()
                .filter(p -> p.day(p.followUps().get(p.followUps().size() - 1).date()) > 186).toList();
        assertThat(followed).hasSizeGreaterThan(90)
                .allSatisfy(p -> assertThat(p.visitsAfterImplant().stream().filter(FollowUp::imaged).count()).isEqualTo(6));
        assertThat(a.sessions().stream().map(s -> s.patientId()).distinct().count()).isEqualTo(5);
    }

    @Test
    void hyperthermiaLogIsValidated() throws IOException {
        Path log = dir.resolve("log.csv");
        String head = "patient_id,session,start,time_min,channel,temp_c\n";
        Files.writeString(log, head + "P1,1,2024-01-02T09:00,0,1,37.0\nP1,1,2024-01-02T09:00,10,1,42.0\n");
        assertThat(CohortImport.readHyperthermiaLog(log)).singleElement().satisfies(s -> assertThat(s.samples()).hasSize(2));
        Files.writeString(log, head + "P1,1,2024-01-02T09:00,0,13,37.0\n");
        assertThatThrownBy(() -> CohortImport.readHyperthermiaLog(log)).hasMessageContaining("row 2 column 'channel'").hasMessageContaining("'13'");
        Files.writeString(log, head + "P1,1,2024-01-02T09:00,0,1,37.0\nP1,1,2024-01-02T09:00,0,1,37.5\n");
        assertThatThrownBy(() -> CohortImport.readHyperthermiaLog(log)).hasMessageContaining("row 3").hasMessageContaining("two readings");
        Files.writeString(log, head + "P1,1,2024-01-02T09:00,0,1,37.0\nP1,1,2024-01-03T09:00,5,1,37.5\n");
        assertThatThrownBy(() -> CohortImport.readHyperthermiaLog(log)).hasMessageContaining("row 3 column 'start'");
        Files.writeString(log, head + "P1,1,02/01/2024 09:00,0,1,37.0\n");
        assertThatThrownBy(() -> CohortImport.readHyperthermiaLog(log)).hasMessageContaining("is not a date and time");
    }

    @Test
    void writerLeavesNoTemporaryFiles() throws IOException {
        SyntheticCohort.Result demo = SyntheticCohort.generate(5, 1L, 0);
        CohortCsvWriter.write(demo.cohort(), demo.sessions(), dir);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("adverse_events.csv", "followups.csv", "lesions.csv", "measurements.csv", "patients.csv");
        }
    }

    @Test
    void everyErrorOfAnImportIsReportedAtOnce() throws IOException {
        write(PATIENTS.replace("A1,61,M,1", "A1,61,X,9").replace("2024-02-01", "01.02.2024"), LESIONS,
                FOLLOWUPS.replace("A1,2024-02-10,no,NON_CR_NON_PD,3", "A1,2024-02-10,maybe,NON_CR_NON_PD,13"), MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("errors, nothing imported")
                .hasMessageContaining("patients.csv row 2 column 'sex'")
                .hasMessageContaining("patients.csv row 3 column 'implant_date'")
                .hasMessageContaining("followups.csv row 3 column");
    }

    @Test
    void misspeltColumnIsReportedAndStudyVariablesAreKept() throws IOException {
        write(PATIENTS.replace("hyperthermia", "hyperthermia,pvtt").replace(",yes\n", ",yes,yes\n").replace(",no\n", ",no,no\n"),
                LESIONS, FOLLOWUPS, MEASUREMENTS);
        ImportedCohort c = CohortImport.read(dir);
        assertThat(c.tables().get(CohortFormat.PATIENTS).columnNames()).contains("pvtt");
        write(PATIENTS, LESIONS, FOLLOWUPS.replace("nrs_pain", "nrs_pian"), MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("column 'nrs_pian' is not a column of the followups table;"
                + " did you mean 'nrs_pain'?");
    }

    @Test
    void smallTargetNodesNeedTheStudysRule() throws IOException {
        write(PATIENTS, LESIONS + "A2,N1,neck,yes,yes,12,\n", FOLLOWUPS, MEASUREMENTS);
        assertThatThrownBy(() -> CohortImport.read(dir)).hasMessageContaining("below 15 mm")
                .hasMessageContaining("response.nodal_target_min_mm");
        ImportedCohort c = CohortImport.read(dir, 10);
        Patient a2 = c.cohort().patients().stream().filter(p -> p.id().equals("A2")).findFirst().orElseThrow();
        assertThat(a2.lesions()).anyMatch(l -> l.id().equals("N1") && l.nodal() && l.target());
    }
}
