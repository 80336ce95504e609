package org.seedplan.outcomes.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.outcomes.io.CohortCsvWriter;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.io.SyntheticCohort;
import org.seedplan.outcomes.registry.AdverseEventScale;
import org.seedplan.outcomes.registry.Patient;

/**
 * The cohort report on the 130-patient synthetic cohort (6 monthly visits): every table and figure is written
 * and readable (XLSX by POI, SVG by an XML parser, PNG by ImageIO), and the tables agree with counts taken
 * directly from the registry records.
 */
class CohortReportTest {

    static ImportedCohort cohort;
    static CohortReport report;

    @BeforeAll
    static void build(@TempDir Path data) {
        SyntheticCohort.Result demo = SyntheticCohort.generate(130, 2024L, 4);
        CohortCsvWriter.write(demo.cohort(), demo.sessions(), data);
        cohort = CohortImport.read(data);
        report = CohortReport.of(cohort);
    }

    static Table table(String name) {
        return report.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void hasEveryTableAndFigureTheIssueAsksFor() {
        assertThat(report.tables()).extracting(Table::name).contains("baseline", "response_recist", "response_mrecist", "pain_nrs",
                "pain_categories", "qol", "adverse_events_ctcae", "survival", "prognostic_lpfs", "prognostic_os", "dosimetry",
                "hyperthermia_patients", "hyperthermia_sessions");
        assertThat(report.figures()).extracting(Figure::name).contains("km_lpfs", "km_lpfs_by_d90", "km_os", "forest_lpfs",
                "pain_nrs", "qol", "response_recist");
    }

    @Test
    void responseRowsAddUpAndRatesFollowFromCounts() {
        Table t = table("response_recist");
        for (List<String> row : t.rows()) {
            int evaluable = Integer.parseInt(row.get(1));
            int cr = Integer.parseInt(row.get(2));
            int pr = Integer.parseInt(row.get(3));
            int sd = Integer.parseInt(row.get(4));
            int pd = Integer.parseInt(row.get(5));
            assertThat(cr + pr + sd + pd).isEqualTo(evaluable);
            // printed with one decimal: the rounding error is at most 0.05 percentage points
            assertThat(Double.parseDouble(row.get(7).split(" ")[0])).isCloseTo(100.0 * (cr + pr) / evaluable, org.assertj.core.data.Offset.offset(0.05));
            assertThat(Double.parseDouble(row.get(8).split(" ")[0])).isCloseTo(100.0 * (cr + pr + sd) / evaluable, org.assertj.core.data.Offset.offset(0.05));
        }
    }

    @Test
    void adverseEventRowCountsPatientsDirectly() {
        long withAny = cohort.cohort().patients().stream()
                .filter(p -> p.adverseEvents().stream().anyMatch(e -> e.scale() == AdverseEventScale.CTCAE_5)).count();
        List<String> any = table("adverse_events_ctcae").rows().stream().filter(r -> r.get(0).equals("Any adverse event")).findFirst().orElseThrow();
        assertThat(any.get(6)).startsWith(withAny + " (");
    }

    @Test
    void survivalAndCoxTablesUseTheWholeCohortAndStateCompleteCases() {
        Table s = table("survival");
        assertThat(s.rows().get(0)).startsWith("LPFS", "All patients", "130");
        long deaths = cohort.cohort().patients().stream().filter(p -> p.followUps().stream().anyMatch(f -> f.died())).count();
        assertThat(s.rows().stream().filter(r -> r.get(0).equals("OS") && r.get(1).equals("All patients")).findFirst().orElseThrow().get(3))
                .isEqualTo(Long.toString(deaths));
        Table cox = table("prognostic_lpfs");
        assertThat(cox.rows()).anySatisfy(r -> assertThat(r.get(0)).isEqualTo("Post-implant D90 ≥ 120 Gy"));
        assertThat(String.join(" ", cox.notes())).contains("complete cases n = ");
        assertThat(String.join(" ", table("dosimetry").notes())).contains("Complete pairs");
    }

    @Test
    void writesReadableFilesAndNothingOnFailure(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        List<Path> files = ReportWriter.write(report, cohort.cohort().size(), out);
        assertThat(out.resolve("report.md")).exists();
        assertThat(Files.readString(out.resolve("report.md"))).contains("## Tables", "![", "Tumour response by follow-up month");
        try (InputStream in = Files.newInputStream(out.resolve("report.xlsx")); Workbook wb = WorkbookFactory.create(in)) {
            List<String> sheets = new ArrayList<>();
            wb.forEach(sh -> sheets.add(sh.getSheetName()));
            assertThat(sheets).contains("baseline", "survival", "analysis_dataset");
        }
        for (Figure f : report.figures()) {
            BufferedImage png = ImageIO.read(out.resolve("figures").resolve(f.name() + ".png").toFile());
            assertThat(png.getWidth()).isEqualTo((int) Math.ceil(f.width() * ReportWriter.PNG_SCALE));
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("figures").resolve(f.name() + ".svg").toFile());
        }
        assertThat(Files.readAllLines(out.resolve("tables").resolve("analysis_dataset.csv"))).hasSize(131);
        assertThat(files).allSatisfy(p -> assertThat(p).startsWith(out));
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("report"); // no temporary folder left
        }
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> ReportWriter.write(report, 130, file)).hasMessageContaining("is a file");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void endpointsFollowTheFollowUpRecords() {
        Patient p = cohort.cohort().patients().stream().filter(x -> x.followUps().stream().anyMatch(f -> f.died())).findFirst().orElseThrow();
        Endpoints e = Endpoints.of(p);
        assertThat(e.osEvent()).isTrue();
        assertThat(e.lpfsEvent()).isTrue();
        assertThat(e.lpfsDays()).isLessThanOrEqualTo(e.osDays());
    }
}
