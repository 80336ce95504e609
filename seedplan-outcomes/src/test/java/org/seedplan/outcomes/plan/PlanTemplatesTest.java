package org.seedplan.outcomes.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.report.CohortReport;
import org.seedplan.outcomes.report.ReportWriter;
import org.seedplan.outcomes.report.Table;

/** Every shipped plan template runs on the synthetic cohort shaped like its paper and writes the tables and figures it lists. */
class PlanTemplatesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"default", "hcc-pvtt", "thyroid-nodes", "lesion-dosimetry", "pain-qol", "hyperthermia-combined"})
    void templateRunsOnItsPaperCohortAndWritesWhatItLists(String template) throws Exception {
        AnalysisPlan plan = PlanReader.template(template);
        ImportedCohort cohort = CohortImport.read(PaperCohorts.write(template, dir.resolve("cohort")));
        CohortReport report = PlanReport.run(plan, cohort);
        assertThat(report.tables()).isNotEmpty();
        for (Table t : report.tables()) {
            assertThat(t.rows()).as(t.name()).isNotEmpty();
            for (List<String> r : t.rows()) {
                assertThat(r).as("value cells of " + t.name() + " hold numbers or labels, never 'x ± y'").noneMatch(c -> c.contains("±"));
            }
        }
        List<Path> files = ReportWriter.write(report, cohort.cohort().size(), dir.resolve("out"));
        assertThat(files).anyMatch(f -> f.toString().endsWith("analysis_dataset.csv"));
        for (var f : report.figures()) {
            assertThat(dir.resolve("out/figures/" + f.name() + ".svg")).exists();
            assertThat(dir.resolve("out/figures/" + f.name() + ".png")).exists();
            try (var pdf = org.apache.pdfbox.Loader.loadPDF(dir.resolve("out/figures/" + f.name() + ".pdf").toFile())) {
                assertThat(pdf.getNumberOfPages()).isEqualTo(1);
                assertThat(pdf.getPage(0).getMediaBox().getWidth() / 72 * 25.4).as("double-column width, mm").isCloseTo(180, within(0.01));
            }
        }
        Path keep = Path.of(java.util.Objects.requireNonNullElse(System.getenv("SEEDPLAN_PLAN_OUTPUTS"), "")).resolve(template);
        if (!java.util.Objects.requireNonNullElse(System.getenv("SEEDPLAN_PLAN_OUTPUTS"), "").isEmpty()) {
            Files.createDirectories(keep);
            for (Path f : files) {
                Path rel = dir.resolve("out").relativize(f);
                Files.createDirectories(keep.resolve(rel).getParent());
                Files.copy(f, keep.resolve(rel), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
