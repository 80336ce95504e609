package org.seedplan.stats.cox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.DataTableReader;
import org.seedplan.stats.survival.SurvivalFrame;

/**
 * Clustered sandwich variance against R 4.2.2 / survival 3.5.3 {@code coxph(..., cluster = litter)} on survival's rats
 * data (300 rats, 100 litters, tied times): robust_reference.json, made by make_robust_reference.R beside it.
 */
class CoxRobustVarianceTest {

    /** β̂ agrees with R to about 1e-9 relative (same convergence rule); the sandwich is a closed-form product: 1e-6 relative. */
    private static final double REL = 1e-6;

    private static DataTable rats() throws IOException {
        try (InputStream csv = CoxRobustVarianceTest.class.getResourceAsStream("rats.csv")) {
            return DataTableReader.readCsv("rats.csv", new String(csv.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static JsonNode reference() throws IOException {
        try (InputStream in = CoxRobustVarianceTest.class.getResourceAsStream("robust_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static void check(String key, List<String> cov, String strata) throws IOException {
        JsonNode e = reference().get(key);
        DataTable rats = rats();
        Set<String> cat = new java.util.HashSet<>(cov);
        cat.retainAll(Set.of("sex", "weight"));
        Map<String, String> refs = cov.contains("weight") ? Map.of("weight", "light") : Map.of();
        SurvivalFrame f = SurvivalFrame.from(rats, "time", "status", null, strata, cov, cat, refs);
        Ties ties = Ties.parse(e.get("ties").asText());
        CoxFit naive = CoxModel.fit(f, ties);
        CoxFit fit = CoxRobustVariance.clustered(naive, f, rats.text("litter"));
        String what = e.get("formula").asText() + " " + ties.rName();
        java.util.List<String> terms = new java.util.ArrayList<>();
        for (int j = 0; j < fit.terms().size(); j++) {
            terms.add(e.get("terms").isArray() ? e.get("terms").get(j).asText() : e.get("terms").asText());
        }
        assertThat(fit.terms()).extracting(CoxTerm::term).containsExactlyElementsOf(terms);
        for (int j = 0; j < fit.terms().size(); j++) {
            CoxTerm t = fit.terms().get(j);
            assertThat(naive.terms().get(j).se()).as(what + " naive se").isCloseTo(at(e, "se", j), within(REL * at(e, "se", j)));
            assertThat(t.coef()).as(what + " coef").isCloseTo(at(e, "coef", j), within(REL * Math.abs(at(e, "coef", j))));
            assertThat(t.se()).as(what + " robust se " + t.term()).isCloseTo(at(e, "robust_se", j), within(REL * at(e, "robust_se", j)));
            assertThat(t.z()).as(what + " z").isCloseTo(at(e, "z", j), within(REL * Math.abs(at(e, "z", j))));
            assertThat(t.pWald()).as(what + " p").isCloseTo(at(e, "p", j), within(REL * at(e, "p", j)));
            assertThat(t.hrLower95()).as(what + " lower").isCloseTo(at(e, "lower", j), within(REL * at(e, "lower", j)));
            assertThat(t.hrUpper95()).as(what + " upper").isCloseTo(at(e, "upper", j), within(REL * at(e, "upper", j)));
        }
        assertThat(fit.waldTest().chisq()).as(what + " robust Wald").isCloseTo(e.get("wald").asDouble(), within(REL * e.get("wald").asDouble()));
        assertThat(fit.waldTest().p()).as(what + " robust Wald p").isCloseTo(e.get("wald_p").asDouble(), within(REL * e.get("wald_p").asDouble()));
        if (!e.get("weight_joint").isNull()) {
            double joint = e.get("weight_joint").asDouble();
            assertThat(fit.termTests().get("weight").chisq()).as(what + " joint robust Wald of weight").isCloseTo(joint, within(REL * joint));
        }
    }

    private static double at(JsonNode e, String field, int j) {
        JsonNode v = e.get(field);
        return v.isArray() ? v.get(j).asDouble() : v.asDouble();
    }

    @Test
    void twoCovariatesClusteredByLitterMatchCoxphEfron() throws IOException {
        check("rx_sex_efron", List.of("rx", "sex"), null);
    }

    @Test
    void twoCovariatesClusteredByLitterMatchCoxphBreslow() throws IOException {
        check("rx_sex_breslow", List.of("rx", "sex"), null);
    }

    @Test
    void categoricalTermAndItsJointRobustWaldMatchCoxph() throws IOException {
        check("rx_weight_efron", List.of("rx", "weight"), null);
        check("rx_weight_breslow", List.of("rx", "weight"), null);
    }

    @Test
    void stratifiedModelClusteredMatchesCoxph() throws IOException {
        check("rx_strata_sex_efron", List.of("rx"), "sex");
        check("rx_strata_sex_breslow", List.of("rx"), "sex");
    }

    @Test
    void prognosticTableWithAClusterColumnGivesTheRobustMultivariableModel() throws IOException {
        JsonNode e = reference().get("rx_sex_efron");
        PrognosticTable t = PrognosticTable.build(rats(), "time", "status", List.of("rx", "sex"), Set.of("sex"), Map.of(), null,
                Ties.EFRON, 1.0, "litter");
        for (int j = 0; j < 2; j++) {
            CoxTerm m = t.rows().get(j).multivariable();
            assertThat(m.se()).as("robust se " + m.term()).isCloseTo(at(e, "robust_se", j), within(REL * at(e, "robust_se", j)));
            assertThat(m.pWald()).as("p " + m.term()).isCloseTo(at(e, "p", j), within(REL * at(e, "p", j)));
        }
    }

    @Test
    void scoreResidualsSumToTheScoreAtTheEstimate() throws IOException {
        // at β̂ the total score is 0 (R: colSums(residuals(fit, "score")) ≈ 0), with ties and both methods
        SurvivalFrame f = SurvivalFrame.from(rats(), "time", "status", null, null, List.of("rx", "sex"), Set.of("sex"), Map.of());
        for (Ties ties : Ties.values()) {
            CoxFit fit = CoxModel.fit(f, ties);
            double[][] r = CoxRobustVariance.scoreResiduals(new RiskSets(f.time(), f.event(), f.design(), null), fit.coefficients(), ties);
            for (int j = 0; j < 2; j++) {
                double s = 0;
                for (double[] row : r) {
                    s += row[j];
                }
                assertThat(s).as(ties + " score " + j).isCloseTo(0, within(1e-6));
            }
        }
    }

    @Test
    void missingClusterIsRefusedWithTheRow() throws IOException {
        SurvivalFrame f = SurvivalFrame.from(rats(), "time", "status", null, null, List.of("rx"), Set.of(), Map.of());
        String[] cluster = new String[f.n()];
        java.util.Arrays.fill(cluster, "a");
        cluster[4] = null;
        assertThatThrownBy(() -> CoxRobustVariance.clustered(CoxModel.fit(f, Ties.EFRON), f, cluster))
                .hasMessageContaining("row 5").hasMessageContaining("fix:");
    }
}
