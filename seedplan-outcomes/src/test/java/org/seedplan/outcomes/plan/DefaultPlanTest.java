package org.seedplan.outcomes.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.report.CohortReport;
import org.seedplan.outcomes.report.Table;

/** The shipped default plan computes the fixed report's survival: the same n, events and medians for LPFS and OS. */
class DefaultPlanTest {

    @TempDir
    Path dir;

    @Test
    void defaultPlanGivesTheFixedReportsSurvival() {
        ImportedCohort cohort = CohortImport.read(PaperCohorts.write("default", dir));
        Table fixed = table(CohortReport.of(cohort), "survival");
        Table plan = table(PlanReport.run(PlanReader.template("default"), cohort), "survival");
        for (String[] e : new String[][] {{"LPFS", "lpfs"}, {"OS", "os"}}) {
            List<String> f = fixed.rows().stream().filter(r -> r.get(0).equals(e[0]) && r.get(1).equals("All patients")).findFirst().orElseThrow();
            List<String> p = plan.rows().stream().filter(r -> r.get(0).equals(e[1]) && r.get(2).equals("All patients")).findFirst().orElseThrow();
            assertThat(p.get(3)).as(e[0] + " n").isEqualTo(f.get(2));
            assertThat(p.get(4)).as(e[0] + " events").isEqualTo(f.get(3));
            String median = String.format(java.util.Locale.ROOT, "%.1f", Double.parseDouble(p.get(5)));
            assertThat(f.get(4)).as(e[0] + " median, months (one decimal in the fixed report)").startsWith(median + " (");
        }
    }

    private static Table table(CohortReport r, String name) {
        return r.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
