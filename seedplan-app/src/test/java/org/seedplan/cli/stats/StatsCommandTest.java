package org.seedplan.cli.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;

/** The {@code seedplan stats} commands end to end, against the R reference set. */
class StatsCommandTest {

    private static final Path REF = reference();
    private static final String OVARIAN = REF.resolve("data/ovarian.csv").toString();
    private static final String PAIRED = REF.resolve("data/paired_small.csv").toString();

    private static Path reference() {
        String shared = System.getProperty("seedplan.shared");
        Path base = shared != null && Files.isDirectory(Path.of(shared)) ? Path.of(shared) : Path.of("../../shared");
        return base.resolve("reference/stats");
    }

    private static JsonNode expected(String name) throws IOException {
        return new ObjectMapper().readTree(REF.resolve("expected").resolve(name).toFile());
    }

    private static JsonNode json(String... args) throws IOException {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void kmJsonHasRsMediansAndRates() throws IOException {
        JsonNode out = json("stats", "km", "--data", OVARIAN, "--time", "futime", "--event", "fustat", "--group", "rx",
                "--conf-type", "log-log", "--times", "180,365,730,1000", "--json");
        JsonNode e = expected("km.json").get("ovarian_by_rx").get("conf_type_log_log");
        JsonNode g = out.get("groups").get(0);
        assertThat(g.get("group").asText()).isEqualTo("rx=1");
        assertThat(g.get("n").asInt()).isEqualTo(13);
        assertThat(g.get("median").asDouble()).isEqualTo(e.get("medians").get(0).get("median").asDouble());
        assertThat(g.get("median_upper95").isNull()).isEqualTo(e.get("medians").get(0).get("median_upper95").isNull());
        JsonNode at = g.get("at").get(1);
        JsonNode ea = e.get("at_times").get(1);
        assertThat(at.get("n_risk").asInt()).isEqualTo(ea.get("n_risk").asInt());
        // closed form, 1e-9 relative; JSON carries full double precision
        assertThat(at.get("lower95").asDouble()).isCloseTo(ea.get("lower95").asDouble(), within(1e-9));
        assertThat(g.get("table").get(0).get("n_censor").asInt()).isZero();
    }

    @Test
    void coxJsonMatchesCoxphWithCategoricalReference() throws IOException {
        JsonNode out = json("stats", "cox", "--data", OVARIAN, "--time", "futime", "--event", "fustat",
                "--covariates", "agegrp,rx", "--categorical", "agegrp", "--ref", "agegrp=lt50", "--json", "--zph");
        JsonNode e = expected("cox.json").get("multivariable").get("agegrp_rx_efron");
        assertThat(out.get("n").asInt()).isEqualTo(26);
        for (int i = 0; i < 3; i++) {
            JsonNode t = out.get("terms").get(i);
            JsonNode et = e.get("terms").get(i);
            assertThat(t.get("term").asText()).isEqualTo(et.get("term").asText());
            for (String f : new String[] {"coef", "se", "hr", "hr_lower95", "hr_upper95", "z", "p_wald"}) {
                // iterative fit: 1e-6 relative
                assertThat(t.get(f).asDouble()).as(f).isCloseTo(et.get(f).asDouble(), within(1e-6 * Math.abs(et.get(f).asDouble())));
            }
        }
        assertThat(out.get("lr_test").get("chisq").asDouble()).isCloseTo(e.get("lr_test").get("chisq").asDouble(), within(1e-6));
        assertThat(out.get("score_test").get("p").asDouble()).isCloseTo(e.get("score_test").get("p").asDouble(), within(1e-9));
        assertThat(out.get("concordance").asDouble()).isCloseTo(e.get("concordance").get("c_index").asDouble(), within(1e-9));
        assertThat(out.get("zph").get("global").get("df").asInt()).isEqualTo(3);
    }

    @Test
    void coxClusteredByLitterGivesCoxphsRobustSe() throws IOException {
        // R coxph(Surv(time, status) ~ rx + sex, data = rats, cluster = litter): seedplan-stats' reference, made by make_robust_reference.R
        java.nio.file.Path dir = java.nio.file.Path.of("../seedplan-stats/src/test/resources/org/seedplan/stats/cox");
        JsonNode out = json("stats", "cox", "--data", dir.resolve("rats.csv").toString(), "--time", "time", "--event", "status",
                "--covariates", "rx,sex", "--categorical", "sex", "--cluster", "litter", "--json");
        JsonNode e = new ObjectMapper().readTree(dir.resolve("robust_reference.json").toFile()).get("rx_sex_efron");
        assertThat(out.get("clusters").asInt()).isEqualTo(100);
        for (int i = 0; i < 2; i++) {
            double se = e.get("robust_se").get(i).asDouble();
            // sandwich from an iterative fit: 1e-6 relative
            assertThat(out.get("terms").get(i).get("se").asDouble()).isCloseTo(se, within(1e-6 * se));
        }
    }

    @Test
    void stratifiedLogRankJson() throws IOException {
        JsonNode out = json("stats", "logrank", "--data", OVARIAN, "--time", "futime", "--event", "fustat", "--group",
                "rx", "--strata", "ecog.ps", "--json");
        JsonNode e = expected("logrank.json").get("ovarian_rx_strata_ecog");
        assertThat(out.get("chisq").asDouble()).isCloseTo(e.get("chisq").asDouble(), within(1e-9));
        assertThat(out.get("groups").get(1).get("expected").asDouble()).isCloseTo(e.get("expected").get(1).asDouble(), within(1e-9));
    }

    @Test
    void testCommandGivesStatisticAndP() throws IOException {
        JsonNode w = json("stats", "test", "wilcoxon-paired", "--data", PAIRED, "--columns", "nrs_baseline,nrs_month1",
                "--json");
        JsonNode e = expected("tests.json").get("wilcoxon_signed_rank").get("nrs_normal_cc");
        assertThat(w.get("statistic").asDouble()).isEqualTo(75.5);
        assertThat(w.get("p").asDouble()).isCloseTo(e.get("p").asDouble(), within(1e-12));
        JsonNode k = json("stats", "test", "kruskal", "--data", OVARIAN, "--columns", "futime,agegrp", "--json");
        JsonNode ek = expected("tests.json").get("kruskal_wallis").get("futime_by_agegrp");
        assertThat(k.get("statistic").asDouble()).isCloseTo(ek.get("H").asDouble(), within(1e-9));
        JsonNode f = json("stats", "test", "fisher", "--data", OVARIAN, "--columns", "agegrp,rx", "--json");
        assertThat(f.get("p").asDouble()).isCloseTo(0.0331282810607079, within(1e-12));
        JsonNode s = json("stats", "test", "shapiro", "--data", OVARIAN, "--columns", "age", "--json");
        assertThat(s.get("p").asDouble()).isCloseTo(0.425915852141464, within(1e-9));
    }

    @Test
    void badCellIsOneLineNamingFileRowColumnWithExitCode2(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("cohort.csv");
        Files.writeString(csv, "t,e,age\n10,1,61\n12,x,70\n");
        CliRun r = CliRun.of("stats", "km", "--data", csv.toString(), "--time", "t", "--event", "e");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cohort.csv row 3 column 'e'").contains("'x'").contains("fix:");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
    }

    /**
     * R 4.2.2 on ovarian.csv, per rx: mean(age), sd(age), quantile(age, c(.5, .25, .75), type = 6) and type = 7, range —
     * rx 1: 55.7323538461538, 13.5187297699411, type 6: 56.4301, 43.13015, 69.39865; type 7 P25/P75: 43.137, 66.4658;
     * rx 2: 56.5985307692308, 5.41973947642391, type 6: 57.0521, 53.6356, 59.74245. Tolerance 1e-9 (printed to 15 digits).
     */
    @Test
    void describeByGroupMatchesRWithSpssOrRQuartiles() throws IOException {
        JsonNode spss = json("stats", "describe", "--data", OVARIAN, "--columns", "age", "--by", "rx", "--json");
        assertThat(spss.get("quantiles").asText()).contains("type 6");
        JsonNode rx1 = spss.get("rows").get(0);
        assertThat(rx1.get("group").asText()).isEqualTo("1");
        assertThat(rx1.get("n").asInt()).isEqualTo(13);
        assertThat(rx1.get("mean").asDouble()).isCloseTo(55.7323538461538, within(1e-9));
        assertThat(rx1.get("sd").asDouble()).isCloseTo(13.5187297699411, within(1e-9));
        assertThat(rx1.get("median").asDouble()).isCloseTo(56.4301, within(1e-9));
        assertThat(rx1.get("p25").asDouble()).isCloseTo(43.13015, within(1e-9));
        assertThat(rx1.get("p75").asDouble()).isCloseTo(69.39865, within(1e-9));
        assertThat(rx1.get("min").asDouble()).isCloseTo(38.8932, within(1e-9));
        JsonNode rx2 = spss.get("rows").get(1);
        assertThat(rx2.get("sd").asDouble()).isCloseTo(5.41973947642391, within(1e-9));
        assertThat(rx2.get("p75").asDouble()).isCloseTo(59.74245, within(1e-9));
        JsonNode r7 = json("stats", "describe", "--data", OVARIAN, "--columns", "age", "--by", "rx", "--quantiles", "r7", "--json");
        assertThat(r7.get("rows").get(0).get("p25").asDouble()).isCloseTo(43.137, within(1e-9));
        assertThat(r7.get("rows").get(0).get("p75").asDouble()).isCloseTo(66.4658, within(1e-9));
    }

    @Test
    void describeReportsEveryUnknownColumnWithASuggestion() {
        CliRun r = CliRun.of("stats", "describe", "--data", OVARIAN, "--columns", "agee,futim", "--by", "rxx");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("3 errors").contains("no column 'agee'; did you mean 'age'?")
                .contains("no column 'futim'; did you mean 'futime'?").contains("no column 'rxx'; did you mean 'rx'?");
    }
}
