package org.seedplan.stats.cox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seedplan.stats.ReferenceData;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.DesignMatrix;
import org.seedplan.stats.survival.SurvivalFrame;

class CoxModelTest {

    /** Iterative fits: R stops at a relative log-likelihood change of 1e-9; we follow the same path, 1e-6 relative. */
    private static final double REL = 1e-6;
    private static final DataTable OVARIAN = ReferenceData.data("ovarian.csv");
    private static final JsonNode COX = ReferenceData.expected("cox.json");

    private static void close(double actual, JsonNode expected, String what) {
        double e = expected.asDouble();
        assertThat(actual).as(what).isCloseTo(e, within(REL * Math.max(Math.abs(e), 1e-12) + 1e-12));
    }

    private static CoxFit check(JsonNode e, String time, List<String> covariates, Set<String> categorical,
                                Map<String, String> refs, String strata) {
        Ties ties = Ties.parse(e.get("ties").asText());
        String what = e.get("formula").asText() + " " + ties.rName();
        CoxFit fit = CoxModel.fit(SurvivalFrame.from(OVARIAN, time, "fustat", null, strata, covariates, categorical, refs),
                ties);
        assertThat(fit.n()).isEqualTo(e.get("n").asInt());
        assertThat(fit.nevent()).isEqualTo(e.get("nevent").asInt());
        assertThat(fit.iterations()).as(what + " iterations").isEqualTo(e.get("iterations").asInt());
        assertThat(fit.warnings()).as(what + " warnings").isEmpty();
        close(fit.loglikNull(), e.get("loglik_null"), what + " loglik_null");
        close(fit.loglik(), e.get("loglik"), what + " loglik");
        assertThat(fit.terms()).hasSize(e.get("terms").size());
        for (int i = 0; i < fit.terms().size(); i++) {
            JsonNode et = e.get("terms").get(i);
            CoxTerm t = fit.terms().get(i);
            String w = what + " " + et.get("term").asText();
            assertThat(t.term()).isEqualTo(et.get("term").asText());
            close(t.coef(), et.get("coef"), w + " coef");
            close(t.se(), et.get("se"), w + " se");
            close(t.hr(), et.get("hr"), w + " hr");
            close(t.hrLower95(), et.get("hr_lower95"), w + " lower");
            close(t.hrUpper95(), et.get("hr_upper95"), w + " upper");
            close(t.z(), et.get("z"), w + " z");
            close(t.pWald(), et.get("p_wald"), w + " p");
            for (int j = 0; j < fit.terms().size(); j++) {
                close(fit.vcov()[i][j], e.get("vcov").get(i).get(j), w + " vcov " + j);
            }
        }
        for (String test : List.of("lr_test", "score_test")) {
            ChiSquareStatistic s = test.equals("lr_test") ? fit.lrTest() : fit.scoreTest();
            close(s.chisq(), e.get(test).get("chisq"), what + " " + test);
            assertThat(s.df()).isEqualTo(e.get(test).get("df").asInt());
            close(s.p(), e.get(test).get("p"), what + " " + test + " p");
        }
        // summary.coxph prints the Wald statistic rounded to 2 decimals (its p is from the unrounded value)
        assertThat(fit.waldTest().chisq()).as(what + " wald").isCloseTo(e.get("wald_test").get("chisq").asDouble(), within(0.005));
        close(fit.waldTest().p(), e.get("wald_test").get("p"), what + " wald p");
        JsonNode c = e.get("concordance");
        Concordance k = fit.concordance();
        assertThat(k.concordant()).as(what + " concordant").isEqualTo(c.get("concordant").asDouble());
        assertThat(k.discordant()).as(what + " discordant").isEqualTo(c.get("discordant").asDouble());
        assertThat(k.tiedRisk()).as(what + " tied risk").isEqualTo(c.get("tied_risk").asDouble());
        assertThat(k.tiedTime()).as(what + " tied time").isEqualTo(c.get("tied_time").asDouble());
        assertThat(k.tiedBoth()).as(what + " tied both").isEqualTo(c.get("tied_both").asDouble());
        // closed form once β̂ is fixed; β̂ itself is within 1e-6
        close(k.cIndex(), c.get("c_index"), what + " C");
        close(k.se(), c.get("se"), what + " C se");
        return fit;
    }

    @Test
    void univariableModelsMatchCoxphEfronAndBreslow() {
        for (String v : List.of("age", "rx", "ecog.ps", "resid.ds")) {
            for (String ties : List.of("efron", "breslow")) {
                check(COX.get("univariable").get(v + "_" + ties), "futime", List.of(v), Set.of(), Map.of(), null);
            }
        }
    }

    @Test
    void multivariableModelMatchesCoxph() {
        for (String ties : List.of("efron", "breslow")) {
            check(COX.get("multivariable").get("age_ecog_rx_" + ties), "futime", List.of("age", "ecog.ps", "rx"),
                    Set.of(), Map.of(), null);
        }
    }

    @Test
    void tiedTimesSeparateEfronFromBreslowAsCoxph() {
        CoxFit efron = check(COX.get("multivariable").get("months_age_ecog_rx_efron"), "futime_months",
                List.of("age", "ecog.ps", "rx"), Set.of(), Map.of(), null);
        CoxFit breslow = check(COX.get("multivariable").get("months_age_ecog_rx_breslow"), "futime_months",
                List.of("age", "ecog.ps", "rx"), Set.of(), Map.of(), null);
        assertThat(efron.loglik()).isNotEqualTo(breslow.loglik());
    }

    @Test
    void categoricalCovariateWithReferenceLevelMatchesCoxph() {
        for (String ties : List.of("efron", "breslow")) {
            JsonNode e = COX.get("multivariable").get("agegrp_rx_" + ties);
            CoxFit fit = check(e, "futime", List.of("agegrp", "rx"), Set.of("agegrp"), Map.of("agegrp", "lt50"), null);
            JsonNode jw = e.get("joint_wald_for_categorical").get("agegrp");
            ChiSquareStatistic joint = fit.termTests().get("agegrp");
            close(joint.chisq(), jw.get("chisq"), "joint Wald agegrp");
            assertThat(joint.df()).isEqualTo(2);
            close(joint.p(), jw.get("p"), "joint Wald agegrp p");
        }
    }

    @Test
    void stratifiedModelMatchesCoxph() {
        for (String ties : List.of("efron", "breslow")) {
            check(COX.get("stratified").get("age_ecog_strata_rx_" + ties), "futime", List.of("age", "ecog.ps"),
                    Set.of(), Map.of(), "rx");
        }
    }

    @Test
    void noEventsIsAUserError() {
        DesignMatrix x = new DesignMatrix(List.of("a"), List.of(new DesignMatrix.Term("a", List.of(0), false, null)),
                new double[] {1, 2, 3}, 3);
        assertThatThrownBy(() -> CoxModel.fit(new double[] {1, 2, 3}, new boolean[3], x, null, Ties.EFRON))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no events");
    }

    @Test
    void categoryWithoutEventsIsFlaggedAsPossiblyInfiniteAsR() {
        // group 1 has no events: the likelihood increases without bound in its coefficient (R warns the same)
        DesignMatrix x = new DesignMatrix(List.of("g"), List.of(new DesignMatrix.Term("g", List.of(0), false, null)),
                new double[] {0, 0, 0, 0, 1, 1, 1, 1}, 8);
        CoxFit fit = CoxModel.fit(new double[] {1, 2, 3, 4, 1.5, 2.5, 3.5, 4.5},
                new boolean[] {true, true, false, true, false, false, false, false}, x, null, Ties.EFRON);
        assertThat(fit.warnings()).anyMatch(w -> w.contains("may be infinite"));
    }

    @Test
    void constantCovariateIsReportedAsSingular() {
        DesignMatrix x = new DesignMatrix(List.of("a"), List.of(new DesignMatrix.Term("a", List.of(0), false, null)),
                new double[] {1, 1, 1, 1}, 4);
        assertThatThrownBy(() -> CoxModel.fit(new double[] {1, 2, 3, 4}, new boolean[] {true, false, true, true}, x,
                null, Ties.EFRON)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("singular");
    }
}
