package org.seedplan.outcomes.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.report.CohortReport;
import org.seedplan.outcomes.report.Figure;
import org.seedplan.outcomes.report.Table;

/**
 * Each shipped template produces, on the synthetic cohort shaped like its paper, the tables and figures that paper reports
 * (issue 13's description of the five papers): the content — rows, time points, units, tests, figure names and marks — not
 * just that files exist. The numbers themselves are checked against R in {@link PlanAgreesWithRTest}.
 */
class TemplatesReproduceThePapersTest {

    @TempDir
    Path dir;

    private CohortReport run(String template) {
        return run(PlanReader.template(template), template);
    }

    private CohortReport run(AnalysisPlan plan, String cohort) {
        ImportedCohort data = CohortImport.read(PaperCohorts.write(cohort, dir.resolve(cohort)));
        return PlanReport.run(plan, data);
    }

    private static Table table(CohortReport r, String name) {
        return r.tables().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + r.tables().stream().map(Table::name).toList()));
    }

    private static String cell(Table t, List<String> row, String column) {
        return row.get(t.header().indexOf(column));
    }

    private static List<List<String>> rows(Table t, String column, String value) {
        return t.rows().stream().filter(r -> cell(t, r, column).equals(value)).toList();
    }

    private static Set<String> figures(CohortReport r) {
        return r.figures().stream().map(Figure::name).collect(Collectors.toSet());
    }

    @Test
    void hccCountsLocalProgressionOnlyWithDeathCompetingSoItsMedianIsLongerThanWithDeathAsAnEvent() {
        // the HCC paper: LPFS with death as an event gave a shorter median (11.5 months) than local progression only (14.9)
        String json = PlanReader.templateText("hcc-pvtt").replace("\"endpoints\": [", "\"endpoints\": [\n    {\"name\": \"lpfs_any\", "
                + "\"label\": \"LPFS, death an event\", \"events\": [\"local_progression\", \"death\"]},");
        CohortReport r = run(PlanReader.parse(json, "hcc-pvtt + lpfs_any"), "hcc-pvtt");
        Table s = table(r, "survival");
        double onlyLocal = Double.parseDouble(cell(s, rows(s, "endpoint", "lpfs").get(0), "median_months"));
        double withDeath = Double.parseDouble(cell(s, rows(s, "endpoint", "lpfs_any").get(0), "median_months"));
        assertThat(onlyLocal).as("LPFS median, local progression only").isGreaterThan(withDeath);
        assertThat(rows(s, "endpoint", "os")).extracting(x -> cell(s, x, "factor")).contains("", "pvtt", "afp400");
        Table ci = table(r, "cumulative_incidence");
        assertThat(rows(ci, "endpoint", "lpfs")).extracting(x -> cell(ci, x, "horizon_months")).containsExactly("6", "12", "24");
        for (List<String> row : rows(ci, "endpoint", "lpfs")) {
            double p = Double.parseDouble(cell(ci, row, "event_pct"));
            assertThat(Double.parseDouble(cell(ci, row, "event_lower"))).isLessThan(p);
            assertThat(Double.parseDouble(cell(ci, row, "event_upper"))).isGreaterThan(p);
        }
        Table cox = table(r, "cox");
        assertThat(rows(cox, "factor", "afp400")).extracting(x -> cell(cox, x, "term") + " vs " + cell(cox, x, "reference"))
                .containsOnly("≥ 400 vs < 400");
        Table response = table(r, "response");
        assertThat(response.title()).contains("mRECIST");
        assertThat(response.rows()).extracting(x -> x.get(0)).containsExactly("1 month", "3 months", "6 months", "best overall");
        Table baseline = table(r, "baseline");
        assertThat(baseline.rows()).extracting(x -> cell(baseline, x, "group")).contains("no", "yes");
        assertThat(figures(r)).contains("km_lpfs_by_pvtt", "km_os_by_afp400", "cif_lpfs", "forest_os");
    }

    @Test
    void thyroidNodesGiveResponseAt2612MonthsAndThyroglobulinFromWeek1WithoutCarryingProgression() {
        CohortReport r = run("thyroid-nodes");
        Table response = table(r, "response");
        assertThat(response.title()).contains("RECIST 1.1");
        assertThat(response.rows()).extracting(x -> x.get(0)).containsExactly("1 week", "2 months", "6 months", "12 months",
                "best overall");
        List<String> month12 = rows(response, "time_point", "12 months").get(0);
        assertThat(Integer.parseInt(cell(response, month12, "not_seen"))).as("12-month imaging seen")
                .isLessThan(Integer.parseInt(cell(response, month12, "assessed")));
        assertThat(cell(response, month12, "denominator")).as("all-patient denominator").isEqualTo(cell(response, month12, "assessed"));
        assertThat(response.notes()).anyMatch(n -> n.contains("progression counted only where seen"));
        Table by = table(r, "by_time_point");
        for (String variable : List.of("tg_ng_ml", "nrs_pain")) {
            assertThat(rows(by, "variable", variable)).extracting(x -> cell(by, x, "time_point"))
                    .containsExactly("baseline", "1 week", "2 months", "6 months", "12 months");
        }
        List<String> tgWeek1 = rows(by, "variable", "tg_ng_ml").get(1);
        assertThat(Integer.parseInt(cell(by, tgWeek1, "n"))).as("week-1 thyroglobulin values kept").isPositive();
        List<String> tg12 = rows(by, "variable", "tg_ng_ml").get(4);
        assertThat(Double.parseDouble(cell(by, tg12, "p"))).as("thyroglobulin falls by 12 months (paired test)").isLessThan(0.05);
        assertThat(figures(r)).contains("time_points_tg_ng_ml", "time_points_nrs_pain", "km_pfs_by_rai_refractory");
        assertThat(r.figures().stream().filter(f -> f.name().equals("time_points_tg_ng_ml")).findFirst().orElseThrow().svg())
                .contains("Thyroglobulin (ng/mL)");
    }

    @Test
    void lesionDosimetryCountsLesionsOfFewPatientsAndGivesLocalControlPerLesionClusteredByPatient() {
        CohortReport r = run("lesion-dosimetry");
        ImportedCohort data = CohortImport.read(dir.resolve("lesion-dosimetry"));
        int lesions = data.cohort().patients().stream().mapToInt(p -> p.lesions().size()).sum();
        assertThat(data.cohort().size()).isEqualTo(17);
        Table baseline = table(r, "baseline");
        List<String> all = rows(baseline, "variable", "lesion_d90_gy").get(0);
        assertThat(cell(baseline, all, "n")).as("baseline rows are lesions").isEqualTo(Integer.toString(lesions));
        assertThat(rows(baseline, "variable", "lesion_d90_gy")).extracting(x -> cell(baseline, x, "group"))
                .containsExactly("All", "< 110", "≥ 110");
        assertThat(rows(baseline, "variable", "boundary")).isNotEmpty();
        assertThat(cell(baseline, rows(baseline, "variable", "density").get(0), "test")).isNotEmpty();
        Table s = table(r, "survival");
        List<String> lc = rows(s, "level", "All lesions").get(0);
        assertThat(cell(s, lc, "n")).isEqualTo(Integer.toString(lesions));
        assertThat(rows(s, "factor", "d90_adequate")).hasSize(2).allMatch(x -> !cell(s, x, "logrank_p").isEmpty());
        Table cox = table(r, "cox");
        assertThat(cox.notes()).anyMatch(n -> n.contains("clustered by patient"));
        assertThat(rows(cox, "factor", "d90_adequate")).extracting(x -> cell(cox, x, "n")).containsOnly(Integer.toString(lesions));
        assertThat(table(r, "cumulative_incidence").rows()).isNotEmpty();
        assertThat(r.exports()).extracting(Table::name).containsExactly("analysis_dataset", "lesion_dataset");
        assertThat(figures(r)).contains("km_lc", "km_lc_by_d90_adequate", "cif_lc", "forest_lc");
    }

    @Test
    void painQolGivesNrsAtFourTimePointsAndEveryQlqDomainWithSignificanceMarks() {
        CohortReport r = run("pain-qol");
        Table by = table(r, "by_time_point");
        List<List<String>> nrs = rows(by, "variable", "nrs_pain");
        assertThat(nrs).extracting(x -> cell(by, x, "time_point")).containsExactly("baseline", "1 week", "1 month", "3 months", "6 months");
        for (List<String> row : nrs.subList(1, nrs.size())) {
            assertThat(cell(by, row, "test")).isIn("paired t", "Wilcoxon signed-rank");
            assertThat(Double.parseDouble(cell(by, row, "p"))).as("pain relief at " + row.get(1)).isLessThan(0.05);
        }
        Table qlq = table(r, "qlq_c30");
        assertThat(qlq.rows().stream().map(x -> x.get(0)).distinct().toList()).as("all 15 QLQ-C30 scales").containsExactlyInAnyOrder(
                "QL2", "PF2", "RF2", "EF", "CF", "SF", "FA", "NV", "PA", "DY", "SL", "AP", "CO", "DI", "FI");
        boolean anySignificant = qlq.rows().stream().anyMatch(x -> !cell(qlq, x, "p").isEmpty() && !cell(qlq, x, "p").equals("NA")
                && Double.parseDouble(cell(qlq, x, "p")) < 0.05);
        String marks = r.figures().stream().filter(f -> f.name().startsWith("qlq_")).map(Figure::svg).collect(Collectors.joining());
        assertThat(marks.contains(">*<")).as("a significance mark is drawn exactly when a domain changed (p < 0.05)").isEqualTo(anySignificant);
        assertThat(figures(r)).contains("qlq_functional", "qlq_symptoms", "time_points_nrs_pain", "km_os");
    }

    @Test
    void hyperthermiaCombinedComparesArmsWithContinuousD90AndConfirmedBestResponse() {
        CohortReport r = run("hyperthermia-combined");
        Table baseline = table(r, "baseline");
        assertThat(rows(baseline, "variable", "age_years")).extracting(x -> cell(baseline, x, "group")).containsExactly("All", "no", "yes");
        Table s = table(r, "survival");
        for (String e : List.of("lpfs", "os")) {
            assertThat(rows(s, "endpoint", e).stream().filter(x -> cell(s, x, "factor").equals("hyperthermia")).toList()).hasSize(2);
        }
        Table cox = table(r, "cox");
        assertThat(rows(cox, "factor", "d90")).extracting(x -> cell(cox, x, "term")).containsOnly("d90 (per unit)");
        Table response = table(r, "response");
        assertThat(response.rows()).extracting(x -> x.get(0)).containsExactly("best overall");
        assertThat(response.notes()).anyMatch(n -> n.contains("confirmation required"));
        assertThat(figures(r)).contains("km_lpfs_by_hyperthermia", "km_os_by_hyperthermia", "forest_lpfs");
    }
}
