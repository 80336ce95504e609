package org.seedplan.outcomes.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.stats.data.DataTable;

/** Lesion endpoints (local control per lesion): one row per lesion, the lesion's own progression date, refusals with the fix. */
class LesionEndpointTest {

    @TempDir
    Path dir;

    private static final String PLAN = """
            {"version": 1, "endpoints": [{"name": "lc", "unit": "lesion", "events": ["local_progression"], "competing": ["death"]}],
             "outputs": ["survival"]}""";

    @Test
    void eachLesionHasItsOwnTimeEventAndStatus() {
        ImportedCohort data = CohortImport.read(PaperCohorts.write("lesion-dosimetry", dir));
        PlanDataset ds = PlanDataset.build(PlanReader.parse(PLAN, "plan"), data);
        DataTable lesions = ds.lesions();
        int n = data.cohort().patients().stream().mapToInt(p -> p.lesions().size()).sum();
        assertThat(lesions.rowCount()).isEqualTo(n);
        assertThat(ds.patients().hasColumn("lc_days")).as("not a patient column").isFalse();
        String[] lp = lesions.text(PlanDataset.LESION_PROGRESSION_DATE);
        String[] event = lesions.text("lc_event");
        String[] status = lesions.text("lc_status");
        for (int r = 0; r < n; r++) {
            assertThat(event[r]).as("row " + r).isEqualTo(lp[r] == null ? "0" : "1");
            assertThat(status[r]).isIn(event[r].equals("1") ? List.of("1") : List.of("0", "2"));
        }
    }

    @Test
    void overallProgressionIsRefusedForALesionEndpoint() {
        assertThatThrownBy(() -> PlanReader.parse(PLAN.replace("\"local_progression\"", "\"progression\""), "plan.json"))
                .hasMessageContaining("$.endpoints[0].events").hasMessageContaining("a patient's, not a lesion's").hasMessageContaining("fix:");
    }

    @Test
    void aCohortWithoutLesionProgressionDatesIsRefusedWithTheColumnToAdd() {
        ImportedCohort data = CohortImport.read(PaperCohorts.write("pain-qol", dir));
        assertThatThrownBy(() -> PlanDataset.build(PlanReader.parse(PLAN, "plan"), data))
                .hasMessageContaining("$.endpoints[0].unit").hasMessageContaining("local_progression_date").hasMessageContaining("fix:");
    }

    @Test
    void aProgressionDateBeforeTheImplantIsRefusedNamingTheLesion() throws Exception {
        Path cohort = PaperCohorts.write("lesion-dosimetry", dir);
        Path lesions = cohort.resolve("lesions.csv");
        List<String> lines = Files.readAllLines(lesions, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        int col = List.of(header).indexOf(PlanDataset.LESION_PROGRESSION_DATE);
        String[] first = lines.get(1).split(",", -1);
        first[col] = "1990-01-01";
        lines.set(1, String.join(",", first));
        Files.write(lesions, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PlanDataset.build(PlanReader.parse(PLAN, "plan"), CohortImport.read(cohort)))
                .hasMessageContaining("lesion " + first[1] + " of patient " + first[0]).hasMessageContaining("1990-01-01")
                .hasMessageContaining("fix: correct the date");
    }
}
