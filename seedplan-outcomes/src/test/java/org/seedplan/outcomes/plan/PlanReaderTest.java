package org.seedplan.outcomes.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.response.Criterion;

/** Plan files: what a valid plan gives, and that every error of a bad one is listed at once with its path in the file. */
class PlanReaderTest {

    @TempDir
    Path dir;

    @Test
    void templateReadsWithItsRules() {
        AnalysisPlan p = PlanReader.template("hcc-pvtt");
        assertThat(p.endpoints().get(0).events()).containsExactly(AnalysisPlan.Event.LOCAL_PROGRESSION);
        assertThat(p.endpoints().get(0).competing()).containsExactly(AnalysisPlan.Event.DEATH);
        assertThat(p.factors().get(1).cuts()).containsExactly(400.0);
        assertThat(p.response().rules().criterion()).isEqualTo(Criterion.MRECIST);
        assertThat(p.timePoints().get(1).days()).isEqualTo(3 * 30.4375);
        assertThat(p.rateDays()).containsExactly(6 * 30.4375, 12 * 30.4375, 24 * 30.4375);
    }

    @Test
    void weeksAndDefaultWindow() {
        AnalysisPlan p = PlanReader.parse("{\"version\":1,\"time_points\":[{\"at\":1,\"unit\":\"weeks\"},{\"at\":12,\"unit\":\"months\"}],"
                + "\"describe\":[\"nrs_pain\"],\"outputs\":[\"describe\"]}", "t");
        assertThat(p.timePoints().get(0).days()).isEqualTo(7);
        assertThat(p.timePoints().get(0).label()).isEqualTo("1 week");
        assertThat(p.timePoints().get(0).windowDays()).as("15 % of the horizon, at least 3 days").isEqualTo(3);
        assertThat(p.timePoints().get(1).windowDays()).isEqualTo(Math.round(0.15 * 12 * 30.4375));
    }

    @Test
    void everyErrorIsListedWithItsPath() {
        String bad = """
                {"version": 2, "unit": "patients",
                 "endpoints": [{"name": "lpfs", "events": ["local_progresion"], "competing": ["death"]}],
                 "factors": [{"name": "afp", "variable": "afp_ng_ml", "cut": [400, 100], "refrence": "< 400"}],
                 "survival": {"by": ["pvtt"]},
                 "time_points": [{"at": 3}],
                 "outputs": ["km", "forest", "tabels"]}
                """;
        assertThatThrownBy(() -> PlanReader.parse(bad, "bad.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json: ")
                .hasMessageContaining("$.version: value 2")
                .hasMessageContaining("$.unit: value \"patients\" is not one of [lesion, patient]")
                .hasMessageContaining("$.endpoints[0].events[0]: unknown event 'local_progresion'")
                .hasMessageContaining("$.factors[0].refrence: unknown key; did you mean 'reference'?")
                .hasMessageContaining("$.factors[0].cut: cut-points [400.0, 100.0] are not increasing")
                .hasMessageContaining("$.survival.by[0]: 'pvtt' is not a factor of the plan")
                .hasMessageContaining("$.time_points[0].unit: missing")
                .hasMessageContaining("$.outputs[2]: unknown output 'tabels'")
                .hasMessageContaining("'forest' needs a cox section");
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> PlanReader.parse("{\"version\": 1,\n \"title\": }", "x.json"))
                .hasMessageContaining("x.json: not valid JSON at line 2");
    }

    @Test
    void unknownCohortVariablesAndLevelsAreReportedTogetherWithTheirPlanPaths() {
        AnalysisPlan p = PlanReader.parse("""
                {"version": 1,
                 "endpoints": [{"name": "os", "events": ["death"]}],
                 "factors": [{"name": "pvtt", "variable": "pvt", "reference": "no"},
                             {"name": "sex", "variable": "sex", "reference": "female"},
                             {"name": "afp", "variable": "afp_ng_ml", "cut": 400}],
                 "baseline": ["age_yeras"],
                 "outputs": ["survival"]}""", "p.json");
        Path cohort = PaperCohorts.write("hcc-pvtt", dir);
        assertThatThrownBy(() -> PlanReport.run(p, CohortImport.read(cohort)))
                .hasMessageContaining("errors")
                .hasMessageContaining("$.factors[0].variable: no column 'pvt'; did you mean 'pvtt'?")
                .hasMessageContaining("$.factors[1].reference: 'female' is not a level of sex; fix: use one of [F, M]")
                .hasMessageContaining("$.baseline[0]: no column 'age_yeras'; did you mean 'age_years'?");
    }

    @Test
    void localProgressionOnlyCensorsDeathsUnlikeTheDefaultEndpoint() {
        Path cohort = PaperCohorts.write("hcc-pvtt", dir);
        String plan = """
                {"version": 1, "endpoints": [
                   {"name": "lp", "events": ["local_progression"], "competing": ["death"]},
                   {"name": "lpd", "events": ["local_progression", "death"]}],
                 "outputs": ["survival"]}""";
        var ds = PlanDataset.build(PlanReader.parse(plan, "p"), CohortImport.read(cohort)).patients();
        int lp = 0;
        int lpd = 0;
        for (int r = 0; r < ds.rowCount(); r++) {
            lp += Integer.parseInt(ds.cell(r, "lp_event"));
            lpd += Integer.parseInt(ds.cell(r, "lpd_event"));
            assertThat(ds.cell(r, "lp_days")).as("a death ends both: as the event of lpd, as a censoring of lp")
                    .isEqualTo(ds.cell(r, "lpd_days"));
        }
        assertThat(lp).as("deaths before local progression are events only in lpd").isLessThan(lpd);
    }
}
