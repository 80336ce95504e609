package org.seedplan.stats.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.stats.ReferenceData;
import org.seedplan.stats.data.DataTable;

/** Every classical test of tests.json (R 4.2.2, nortest 1.0.4). */
class ReferenceTestsTest {

    /** Closed-form statistics and p values: 1e-9 relative (R prints 15 significant digits). */
    private static final double REL = 1e-9;
    private static final JsonNode T = ReferenceData.expected("tests.json");
    private static final DataTable OV = ReferenceData.data("ovarian.csv");
    private static final DataTable PAIRED = ReferenceData.data("paired_small.csv");

    static void close(double actual, JsonNode e, String what) {
        close(actual, e.asDouble(), what);
    }

    static void close(double actual, double e, String what) {
        assertThat(actual).as(what).isCloseTo(e, within(REL * Math.max(Math.abs(e), 1e-300)));
    }

    private static double[] ageByRx(int rx) {
        double[] age = OV.numeric("age");
        double[] g = OV.numeric("rx");
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < age.length; i++) {
            if (g[i] == rx) {
                out.add(age[i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void checkT(TTestResult r, JsonNode e) {
        assertThat(r.method()).isEqualTo(e.get("method").asText());
        close(r.t(), e.get("t"), "t");
        close(r.df(), e.get("df"), "df");
        close(r.p(), e.get("p"), "p");
        close(r.stderr(), e.get("stderr"), "stderr");
        close(r.ciLower(), e.get("ci95").get(0), "ci lower");
        close(r.ciUpper(), e.get("ci95").get(1), "ci upper");
        JsonNode est = e.get("estimate");
        if (est.isArray()) {
            for (int i = 0; i < est.size(); i++) {
                close(r.estimate()[i], est.get(i), "estimate");
            }
        } else {
            close(r.estimate()[0], est, "estimate");
        }
    }

    @Test
    void tTestsMatchR() {
        JsonNode t = T.get("t_tests");
        checkT(TTests.paired(PAIRED.numeric("sod_baseline"), PAIRED.numeric("sod_month3")), t.get("sod_paired"));
        checkT(TTests.paired(PAIRED.numeric("nrs_baseline"), PAIRED.numeric("nrs_month1")), t.get("nrs_paired"));
        checkT(TTests.student(ageByRx(1), ageByRx(2)), t.get("age_by_rx_student"));
        checkT(TTests.welch(ageByRx(1), ageByRx(2)), t.get("age_by_rx_welch"));
    }

    private static void checkSignedRank(SignedRankResult r, JsonNode e) {
        assertThat(r.method()).isEqualTo(e.get("method").asText());
        assertThat(r.v()).isEqualTo(e.get("V").asDouble());
        close(r.p(), e.get("p"), e.get("label").asText() + " p");
        assertThat(r.nNonzero()).isEqualTo(e.get("n_nonzero_differences").asInt());
        if (e.get("z_normal_approx").isNull()) {
            assertThat(r.zNormal()).isNaN();
        } else {
            close(r.zNormal(), e.get("z_normal_approx"), "z");
        }
    }

    @Test
    void wilcoxonSignedRankMatchesRExactAndNormalWithTiesAndZeros() {
        JsonNode w = T.get("wilcoxon_signed_rank");
        double[] sb = PAIRED.numeric("sod_baseline");
        double[] s3 = PAIRED.numeric("sod_month3");
        double[] nb = PAIRED.numeric("nrs_baseline");
        double[] n1 = PAIRED.numeric("nrs_month1");
        checkSignedRank(WilcoxonSignedRank.test(sb, s3, true, true), w.get("sod_exact"));
        checkSignedRank(WilcoxonSignedRank.test(sb, s3), w.get("sod_exact"));
        checkSignedRank(WilcoxonSignedRank.test(sb, s3, false, false), w.get("sod_normal_nocc"));
        checkSignedRank(WilcoxonSignedRank.test(nb, n1, null, true), w.get("nrs_normal_cc"));
        checkSignedRank(WilcoxonSignedRank.test(nb, n1, null, false), w.get("nrs_normal_nocc"));
    }

    private static void checkRankSum(RankSumResult r, JsonNode e) {
        assertThat(r.method()).isEqualTo(e.get("method").asText());
        assertThat(r.w()).isEqualTo(e.get("W").asDouble());
        assertThat(r.uOther()).isEqualTo(e.get("U_other").asDouble());
        assertThat(r.uMin()).isEqualTo(e.get("U_min").asDouble());
        close(r.p(), e.get("p"), e.get("call").asText() + " p");
        if (e.get("z_normal_approx").isNull()) {
            assertThat(r.zNormal()).isNaN();
        } else {
            close(r.zNormal(), e.get("z_normal_approx"), "z");
        }
    }

    @Test
    void mannWhitneyMatchesR() {
        JsonNode m = T.get("mann_whitney");
        checkRankSum(MannWhitney.test(ageByRx(1), ageByRx(2)), m.get("age_by_rx_exact"));
        checkRankSum(MannWhitney.test(ageByRx(1), ageByRx(2), false, true), m.get("age_by_rx_normal_cc"));
        checkRankSum(MannWhitney.test(ageByRx(1), ageByRx(2), false, false), m.get("age_by_rx_normal_nocc"));
    }

    @Test
    void kruskalWallisMatchesRWithAndWithoutTies() {
        JsonNode k = T.get("kruskal_wallis");
        double[] futime = OV.numeric("futime");
        String[] ag = OV.text("agegrp");
        List<double[]> groups = new ArrayList<>();
        for (String level : List.of("lt50", "50to59", "ge60")) {
            List<Double> v = new ArrayList<>();
            for (int i = 0; i < ag.length; i++) {
                if (ag[i].equals(level)) {
                    v.add(futime[i]);
                }
            }
            groups.add(v.stream().mapToDouble(Double::doubleValue).toArray());
        }
        GroupTestResult r = KruskalWallis.test(groups);
        close(r.statistic(), k.get("futime_by_agegrp").get("H"), "H");
        close(r.p(), k.get("futime_by_agegrp").get("p"), "p");
        assertThat(r.df()).isEqualTo(2);
        double[] nrs = PAIRED.numeric("nrs_month1");
        List<double[]> abc = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            List<Double> v = new ArrayList<>();
            for (int i = g; i < nrs.length; i += 3) {
                v.add(nrs[i]);
            }
            abc.add(v.stream().mapToDouble(Double::doubleValue).toArray());
        }
        GroupTestResult t = KruskalWallis.test(abc);
        close(t.statistic(), k.get("nrs_month1_by_abc_groups").get("H"), "H ties");
        close(t.p(), k.get("nrs_month1_by_abc_groups").get("p"), "p ties");
    }

    private static long[][] table(JsonNode e) {
        JsonNode t = e.get("table");
        long[][] out = new long[t.size()][];
        for (int i = 0; i < t.size(); i++) {
            out[i] = new long[t.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = t.get(i).get(j).asLong();
            }
        }
        return out;
    }

    @Test
    void chiSquareWithYatesClippingAndFisherMatchR() {
        JsonNode resid = T.get("chi_square").get("resid_by_rx");
        long[][] t = table(resid);
        ChiSquareResult plain = ContingencyTests.chiSquare(t, false);
        close(plain.chisq(), resid.get("pearson_no_correction").get("chisq"), "chisq");
        close(plain.p(), resid.get("pearson_no_correction").get("p"), "p");
        close(plain.minExpected(), resid.get("min_expected"), "min expected");
        close(plain.expected()[1][0], resid.get("pearson_no_correction").get("expected").get(1).get(0), "E");
        ChiSquareResult yates = ContingencyTests.chiSquare(t, true);
        assertThat(yates.chisq()).isEqualTo(0.0);
        assertThat(yates.p()).isEqualTo(1.0);
        FisherResult f = ContingencyTests.fisher(t);
        close(f.p(), resid.get("fisher_exact").get("p_two_sided"), "fisher p");
        // R finds the odds ratio and its limits with uniroot(tol = eps^0.25 = 1.22e-4 absolute on the root t):
        // the MLE and the lower limit are roots in (0, 1) (1.22e-4 absolute), the upper limit is 1/t with
        // t = 0.223 (1.22e-4 / 0.223 = 5.5e-4 relative). Ours are bisection roots to 1e-15.
        JsonNode or = resid.get("fisher_exact");
        assertThat(f.oddsRatio()).isCloseTo(or.get("odds_ratio_conditional_mle").asDouble(), within(1.22e-4));
        assertThat(f.ciLower()).isCloseTo(or.get("ci95").get(0).asDouble(), within(1.22e-4));
        double upper = or.get("ci95").get(1).asDouble();
        assertThat(f.ciUpper()).isCloseTo(upper, within(5.5e-4 * upper));

        JsonNode age = T.get("chi_square").get("agegrp_by_rx");
        long[][] a = table(age);
        ChiSquareResult c = ContingencyTests.chiSquare(a, true);
        close(c.chisq(), age.get("pearson_no_correction").get("chisq"), "3x2 chisq (no Yates beyond 2x2)");
        close(c.p(), age.get("pearson_no_correction").get("p"), "3x2 p");
        assertThat(c.df()).isEqualTo(2);
        close(ContingencyTests.fisher(a).p(), age.get("fisher_exact").get("p_two_sided"), "3x2 fisher");
    }

    @Test
    void normalityTestsMatchRAndNortest() {
        for (String col : List.of("age", "futime")) {
            JsonNode e = T.get("normality").get(col);
            NormalityResult r = NormalityTests.test(OV.numeric(col));
            close(r.mean(), e.get("mean"), "mean");
            close(r.sd(), e.get("sd"), "sd");
            close(r.ksD(), e.get("ks_estimated_params").get("D"), col + " D");
            close(r.ksP(), e.get("ks_estimated_params").get("p"), col + " ks p");
            assertThat(r.ksExact()).isTrue();
            // Dallal-Wilkinson formula coded from the paper: the reference asks 1e-3 absolute
            assertThat(r.lillieforsP()).as(col + " lilliefors").isCloseTo(e.get("lilliefors").get("p").asDouble(), within(1e-3));
            close(r.shapiroW(), e.get("shapiro_wilk").get("W"), col + " W");
            // Royston's p is a closed-form transform of W: 1e-9 relative
            close(r.shapiroP(), e.get("shapiro_wilk").get("p"), col + " SW p");
        }
    }

    @Test
    void anovaOfTwoGroupsEqualsSquaredPooledT() {
        // independent check: with two groups F = t² of the pooled t test, and the p values agree
        TTestResult t = TTests.student(ageByRx(1), ageByRx(2));
        GroupTestResult f = Anova.oneWay(List.of(ageByRx(1), ageByRx(2)));
        close(f.statistic(), t.t() * t.t(), "F = t^2");
        close(f.p(), t.p(), "p");
        assertThat(f.df()).isEqualTo(1);
        assertThat(f.df2()).isEqualTo(24);
    }
}
