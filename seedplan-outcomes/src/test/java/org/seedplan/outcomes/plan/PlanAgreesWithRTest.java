package org.seedplan.outcomes.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.report.CohortReport;
import org.seedplan.outcomes.report.Table;
import org.seedplan.outcomes.report.TableWriter;

/**
 * The templates' survival (Kaplan–Meier medians with CI, rates, log-rank), Aalen–Johansen cumulative incidence with competing
 * events (with infinitesimal-jackknife SE and log-scale CI), reverse-KM follow-up, Cox tables (per lesion: clustered by
 * patient, R's {@code coxph(..., cluster = id)})
 * (univariable and multivariable HR, CI, Wald and joint Wald p) and baseline group tests (the test the plan's rule
 * chooses, its statistic and p: Welch t, Mann–Whitney, χ² with Yates, Fisher r × c) equal R's on the paper-shaped
 * synthetic cohorts; p values of the group tests to 1e-6 relative.
 * Reference: {@code r/plan_reference.R} with R 4.2.2 and survival 3.5.3 on {@code r/TEMPLATE/analysis_dataset.csv},
 * outputs in {@code r/TEMPLATE/expected.json}. The test first checks that the plan runner's analysis dataset is
 * the one R read, byte for byte. Tolerance 1e-6 relative (1e-6 absolute near 0): the tables print 10 significant
 * digits and R's JSON 15, both far inside it.
 */
class PlanAgreesWithRTest {

    private static final double TOL = 1e-6;
    private static final double MONTH = PlanReader.DAYS_PER_MONTH;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"default", "hcc-pvtt", "thyroid-nodes", "pain-qol", "hyperthermia-combined", "lesion-dosimetry"})
    void survivalCoxAndFollowUpEqualR(String template) throws Exception {
        CohortReport report = PlanReport.run(PlanReader.template(template), CohortImport.read(PaperCohorts.write(template, dir)));
        assertThat(TableWriter.csv(report.exports().get(0))).as("the dataset R read").isEqualTo(resource(template + "/analysis_dataset.csv"));
        if (report.exports().size() > 1) {
            assertThat(TableWriter.csv(report.exports().get(1))).as("the lesion dataset R read")
                    .isEqualTo(resource(template + "/lesion_dataset.csv"));
        }
        JsonNode r = new ObjectMapper().readTree(resource(template + "/expected.json"));
        assertThat(r.get("survival_version").asText()).startsWith("3.5");

        Table survival = table(report, "survival");
        int rates = (int) survival.header().stream().filter(h -> h.startsWith("rate_") && h.endsWith("_pct")).count();
        for (JsonNode e : r.get("survival")) {
            List<String> row = find(survival, e.get("endpoint").asText(), e.get("factor").asText(), e.get("level").asText());
            close(row, survival, "n", e.get("n"), 1);
            close(row, survival, "events", e.get("events"), 1);
            close(row, survival, "median_months", e.get("median"), MONTH);
            close(row, survival, "median_lower", e.get("lower"), MONTH);
            close(row, survival, "median_upper", e.get("upper"), MONTH);
            for (int k = 0; k < rates; k++) {
                String col = survival.header().stream().filter(h -> h.startsWith("rate_") && h.endsWith("_pct")).toList().get(k);
                String base = col.substring(0, col.length() - "_pct".length());
                close(row, survival, col, e.get("rate").get(k), 0.01);
                close(row, survival, base + "_lower", e.get("rate_lower").get(k), 0.01);
                close(row, survival, base + "_upper", e.get("rate_upper").get(k), 0.01);
            }
        }
        for (JsonNode lr : r.get("logrank")) {
            List<String> row = survival.rows().stream().filter(x -> x.get(0).equals(lr.get("endpoint").asText())
                    && x.get(1).equals(lr.get("factor").asText())).findFirst().orElseThrow();
            close(row, survival, "logrank_chisq", lr.get("chisq"), 1);
            close(row, survival, "logrank_df", lr.get("df"), 1);
            close(row, survival, "logrank_p", lr.get("p"), 1);
        }
        Table fu = table(report, "followup");
        for (JsonNode f : r.get("followup")) {
            List<String> row = fu.rows().stream().filter(x -> x.get(0).equals(f.get("endpoint").asText())).findFirst().orElseThrow();
            close(row, fu, "median_months", f.get("median"), MONTH);
            close(row, fu, "p25_months", f.get("p25"), MONTH);
            close(row, fu, "p75_months", f.get("p75"), MONTH);
            close(row, fu, "median_lower", f.get("lower"), MONTH);
            close(row, fu, "median_upper", f.get("upper"), MONTH);
        }
        for (JsonNode inc : r.get("incidence")) {
            Table ci = table(report, "cumulative_incidence");
            List<List<String>> rows = ci.rows().stream().filter(x -> x.get(0).equals(inc.get("endpoint").asText())).toList();
            assertThat(rows).hasSize(inc.get("event").size());
            assertThat(inc.get("conf_type").asText()).as("R's default CI transform for a multi-state curve").isEqualTo("log");
            for (int k = 0; k < rows.size(); k++) {
                for (String cause : List.of("event", "competing")) {
                    close(rows.get(k), ci, cause + "_pct", inc.get(cause).get(k), 0.01);
                    close(rows.get(k), ci, cause + "_se", inc.get(cause + "_se").get(k), 0.01);
                    close(rows.get(k), ci, cause + "_lower", inc.get(cause + "_lower").get(k), 0.01);
                    close(rows.get(k), ci, cause + "_upper", inc.get(cause + "_upper").get(k), 0.01);
                }
            }
        }
        if (r.has("baseline_tests")) {
            Table baseline = table(report, "baseline");
            int test = baseline.header().indexOf("test");
            for (JsonNode b : r.get("baseline_tests")) {
                List<String> row = baseline.rows().stream().filter(x -> x.get(0).equals(b.get("variable").asText()) && !x.get(test).isEmpty())
                        .findFirst().orElseThrow(() -> new AssertionError("no test row for " + b));
                assertThat(row.get(test)).as("test chosen for " + b.get("variable")).isEqualTo(b.get("test").asText());
                close(row, baseline, "statistic", b.get("statistic"), 1);
                double p = Double.parseDouble(row.get(baseline.header().indexOf("p")));
                assertThat(Math.abs(p - b.get("p").asDouble())).as("p of " + b.get("variable") + " relative to R's")
                        .isLessThanOrEqualTo(TOL * b.get("p").asDouble());
            }
        }
        if (r.get("cox").size() > 0) {
            Table cox = table(report, "cox");
            assertThat(cox.rows()).hasSize(r.get("cox").size());
            for (JsonNode c : r.get("cox")) {
                List<String> row = cox.rows().stream().filter(x -> x.get(0).equals(c.get("endpoint").asText())
                        && x.get(1).equals(c.get("factor").asText())
                        && (x.get(2).equals(c.get("term").asText()) || x.get(2).equals(c.get("factor").asText() + " (per unit)")))
                        .findFirst().orElseThrow(() -> new AssertionError("no Cox row " + c));
                for (String[] pair : new String[][] {{"n", "n"}, {"events", "events"}, {"hr", "hr"}, {"hr_lower", "lower"},
                        {"hr_upper", "upper"}, {"p", "p"}, {"factor_p", "factor_p"}}) {
                    close(row, cox, pair[0], c.get(pair[1]), 1);
                }
                if (c.has("multi_hr")) {
                    for (String[] pair : new String[][] {{"multi_hr", "multi_hr"}, {"multi_lower", "multi_lower"},
                            {"multi_upper", "multi_upper"}, {"multi_p", "multi_p"}}) {
                        close(row, cox, pair[0], c.get(pair[1]), 1);
                    }
                } else {
                    assertThat(row.get(cox.header().indexOf("multi_hr"))).as("not in R's multivariable model: " + c).isEmpty();
                }
            }
        }
    }

    /** Asserts the table cell equals R's value divided by {@code per} (NA when R gives null). */
    private static void close(List<String> row, Table t, String column, JsonNode r, double per) {
        String cell = row.get(t.header().indexOf(column));
        if (r == null || r.isNull()) {
            assertThat(cell).as(t.name() + " " + row.subList(0, 3) + " " + column).isEqualTo("NA");
            return;
        }
        double expected = r.asDouble() / per;
        double actual = Double.parseDouble(cell);
        assertThat(Math.abs(actual - expected)).as(t.name() + " " + row.subList(0, 3) + " " + column + ": " + actual + " vs R " + expected)
                .isLessThanOrEqualTo(TOL * Math.max(1, Math.abs(expected)));
    }

    private static List<String> find(Table t, String endpoint, String factor, String level) {
        return t.rows().stream().filter(x -> x.get(0).equals(endpoint) && x.get(1).equals(factor) && x.get(2).equals(level)).findFirst()
                .orElseThrow(() -> new AssertionError("no survival row " + endpoint + "/" + factor + "/" + level));
    }

    private static Table table(CohortReport r, String name) {
        return r.tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = PlanAgreesWithRTest.class.getResourceAsStream("r/" + name)) {
            assertThat(in).as("test resource r/" + name + " (regenerate with r/plan_reference.R)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
