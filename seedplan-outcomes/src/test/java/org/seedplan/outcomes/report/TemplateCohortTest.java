package org.seedplan.outcomes.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.response.Response;
import org.seedplan.outcomes.response.ResponseAssessment;
import org.seedplan.outcomes.response.ResponseRules;
import org.seedplan.outcomes.response.TimePointResponse;

/**
 * The template cohort of docs/templates/cohort imports, is assessed as its rows say by hand, and a report on
 * two patients (too few for Cox) still builds, saying which models were not estimable.
 */
class TemplateCohortTest {

    static Path templates() {
        Path p = Path.of("../docs/templates/cohort");
        assertThat(p).as("template folder beside the module").isDirectory();
        return p;
    }

    @Test
    void templateImportsAndReads() {
        ImportedCohort c = CohortImport.read(templates());
        assertThat(c.cohort().size()).isEqualTo(2);
        assertThat(c.sessions()).hasSize(2);
        var p1 = c.cohort().patients().get(0);
        // P001: target 52 mm → 47.5 (−8.7 %, SD) → 41 (−21 %, SD); viable 44 → 21 (−52 %, PR) → 0 (CR, but portal-vein non-target persists → PR)
        assertThat(new ResponseAssessment(ResponseRules.recist11()).assess(p1)).extracting(TimePointResponse::overall)
                .containsExactly(Response.SD, Response.SD);
        assertThat(new ResponseAssessment(ResponseRules.mrecist()).assess(p1)).extracting(TimePointResponse::overall)
                .containsExactly(Response.PR, Response.PR);
        // P002: 38.5 + 17 = 55.5 mm → 30.2 + 11 = 41.2 mm (−25.8 %): SD
        var p2 = c.cohort().patients().get(1);
        assertThat(new ResponseAssessment(ResponseRules.recist11()).assess(p2)).extracting(TimePointResponse::overall)
                .containsExactly(Response.SD);
        assertThat(Endpoints.of(p2)).isEqualTo(new Endpoints(308, true, 308, true));   // 2024-03-18 → 2025-01-20
    }

    @Test
    void reportOnATinyCohortStillBuilds(@TempDir Path out) {
        CohortReport r = CohortReport.of(CohortImport.read(templates()));
        Table cox = r.tables().stream().filter(t -> t.name().equals("prognostic_lpfs")).findFirst().orElseThrow();
        assertThat(String.join(" ", cox.notes())).contains("Not estimable");
        ReportWriter.write(r, 2, out);
        assertThat(out.resolve("report.md")).exists();
    }
}
