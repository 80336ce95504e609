package org.seedplan.storage.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seedplan.outcomes.io.CohortCsvWriter;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.io.SyntheticCohort;
import org.seedplan.outcomes.report.CohortReport;
import org.seedplan.outcomes.report.Table;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Dialect;
import org.seedplan.storage.TestDatabase;
import org.seedplan.storage.audit.AuditTrail;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.CentreRepository;

class CohortRoundTripTest {

    @TempDir
    Path folder;
    @TempDir
    Path original;
    @TempDir
    Path exported;

    /**
     * The demo cohort (as {@code seedplan cohort demo} writes it: 130 patients, seed 2024, 12 logged hyperthermia
     * patients) goes into the registry and back out; every table comes back byte for byte and the cohort report
     * (patient count, KM median OS, every other table) is identical. Tolerance: none, the numbers are the same text.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void demoCohortSurvivesImportAndExportUnchanged(Dialect dialect) throws Exception {
        SyntheticCohort.Result demo = SyntheticCohort.generate(130, 2024, 12);
        CohortCsvWriter.write(demo.cohort(), demo.sessions(), original);
        ImportedCohort before = CohortImport.read(original);
        try (TestDatabase t = TestDatabase.open(dialect, folder)) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "DEMO", "Demo centre");
            Centre other = new CentreRepository(t.db).create(Actor.SYSTEM, "OTHER", "Other centre");
            Map<String, Long> ids = new CohortImporter(t.db).importFolder(Actor.SYSTEM, c.id(), original);
            assertThat(ids).hasSize(130);
            assertThat(t.number("SELECT COUNT(*) FROM patient WHERE centre_id = ?", c.id())).isEqualTo(130);
            assertThat(t.number("SELECT COUNT(*) FROM qlq_c30_item")).isPositive();

            new CohortExporter(t.db).exportCsv(Actor.SYSTEM, List.of(c.id()), exported);
            assertThat(new CohortExporter(t.db).read(List.of(other.id())).cohort().size()).as("centre isolation").isZero();
            assertThat(new AuditTrail(t.db).verify().intact()).isTrue();
            assertThatThrownBy(() -> new CohortImporter(t.db).importCohort(Actor.SYSTEM, c.id(), before))
                    .hasMessageContaining("already exists");
        }
        try (Stream<Path> files = Files.list(original)) {
            for (Path f : files.toList()) {
                assertThat(exported.resolve(f.getFileName())).as(f.getFileName().toString()).hasSameTextualContentAs(f);
            }
        }
        ImportedCohort after = CohortImport.read(exported);
        CohortReport a = CohortReport.of(before);
        CohortReport b = CohortReport.of(after);
        assertThat(after.cohort().size()).isEqualTo(130);
        Table survivalA = a.tables().stream().filter(x -> x.name().equals("survival")).findFirst().orElseThrow();
        Table survivalB = b.tables().stream().filter(x -> x.name().equals("survival")).findFirst().orElseThrow();
        List<String> osA = survivalA.rows().stream().filter(r -> r.get(1).equals("All patients")).findFirst().orElseThrow();
        List<String> osB = survivalB.rows().stream().filter(r -> r.get(1).equals("All patients")).findFirst().orElseThrow();
        assertThat(osB.get(2)).as("n").isEqualTo("130");
        assertThat(osB.get(4)).as("KM median OS").isEqualTo(osA.get(4)).isNotBlank();
        assertThat(b.tables()).isEqualTo(a.tables());
    }

    /**
     * The same cohort given as one .xlsx workbook (one sheet per table, as docs/outcomes.md allows) imports into the
     * registry and exports as the CSV tables the original CSV files hold, byte for byte.
     */
    @org.junit.jupiter.api.Test
    void cohortWorkbookImportsLikeItsCsvFiles() throws Exception {
        SyntheticCohort.Result demo = SyntheticCohort.generate(40, 7, 3);
        CohortCsvWriter.write(demo.cohort(), demo.sessions(), original);
        Path workbook = folder.resolve("cohort.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.OutputStream out = Files.newOutputStream(workbook)) {
            try (Stream<Path> files = Files.list(original)) {
                for (Path f : files.sorted().toList()) {
                    org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet(f.getFileName().toString().replace(".csv", ""));
                    List<String> lines = Files.readAllLines(f);
                    for (int r = 0; r < lines.size(); r++) {
                        String[] cells = lines.get(r).split(",", -1);
                        org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
                        for (int c = 0; c < cells.length; c++) {
                            if (!cells[c].isEmpty()) {
                                row.createCell(c).setCellValue(cells[c]);
                            }
                        }
                    }
                }
            }
            wb.write(out);
        }
        try (TestDatabase t = TestDatabase.open(Dialect.SQLITE, folder.resolve("db"))) {
            Centre c = new CentreRepository(t.db).create(Actor.SYSTEM, "XL", "Workbook centre");
            assertThat(new CohortImporter(t.db).importFolder(Actor.SYSTEM, c.id(), workbook)).hasSize(40);
            new CohortExporter(t.db).exportCsv(Actor.SYSTEM, List.of(c.id()), exported);
        }
        try (Stream<Path> files = Files.list(original)) {
            for (Path f : files.toList()) {
                assertThat(exported.resolve(f.getFileName())).as(f.getFileName().toString()).hasSameTextualContentAs(f);
            }
        }
    }
}
