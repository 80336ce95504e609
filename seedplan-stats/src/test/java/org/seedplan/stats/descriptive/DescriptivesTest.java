package org.seedplan.stats.descriptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.seedplan.stats.ReferenceData;
import org.seedplan.stats.data.DataTable;

class DescriptivesTest {

    /** Closed form: 1e-9 relative. */
    private static final double REL = 1e-9;
    private static final JsonNode T = ReferenceData.expected("tests.json");

    private static void close(double a, JsonNode e, String what) {
        assertThat(a).as(what).isCloseTo(e.asDouble(), within(REL * Math.max(1, Math.abs(e.asDouble()))));
    }

    @Test
    void quantileTypesSixAndSevenMatchR() {
        DataTable ov = ReferenceData.data("ovarian.csv");
        DataTable paired = ReferenceData.data("paired_small.csv");
        for (String key : new String[] {"age", "futime", "nrs_baseline"}) {
            JsonNode e = T.get("quantiles").get(key);
            double[] x = key.equals("nrs_baseline") ? paired.numeric(key) : ov.numeric(key);
            double[] probs = new double[e.get("probs").size()];
            for (int i = 0; i < probs.length; i++) {
                probs[i] = e.get("probs").get(i).asDouble();
            }
            double[] q6 = QuantileType.TYPE6_SPSS.of(x, probs);
            double[] q7 = QuantileType.TYPE7_R.of(x, probs);
            for (int i = 0; i < probs.length; i++) {
                close(q6[i], e.get("type6_spss").get(i), key + " type6 p=" + probs[i]);
                close(q7[i], e.get("type7_r_default").get(i), key + " type7 p=" + probs[i]);
            }
            Descriptives.MeanSd ms = Descriptives.meanSd(x);
            close(ms.mean(), e.get("mean"), key + " mean");
            close(ms.sd(), e.get("sd"), key + " sd");
            Descriptives.MedianIqr m6 = Descriptives.medianIqr(x, QuantileType.TYPE6_SPSS);
            close(m6.median(), e.get("median"), key + " median");
            close(m6.p75() - m6.p25(), e.get("iqr_type6"), key + " iqr6");
            Descriptives.MedianIqr m7 = Descriptives.medianIqr(x, QuantileType.TYPE7_R);
            close(m7.p75() - m7.p25(), e.get("iqr_type7"), key + " iqr7");
        }
    }

    @Test
    void proportionIntervalsMatchBinomTestAndPropTest() {
        JsonNode e = T.get("proportion_ci").get("orr_9_of_26");
        ProportionCi.Interval cp = ProportionCi.clopperPearson(9, 26, 0.95);
        close(cp.estimate(), e.get("estimate"), "estimate");
        close(cp.lower(), e.get("clopper_pearson95").get(0), "CP lower");
        close(cp.upper(), e.get("clopper_pearson95").get(1), "CP upper");
        ProportionCi.Interval w = ProportionCi.wilson(9, 26, 0.95);
        close(w.lower(), e.get("wilson95").get(0), "Wilson lower");
        close(w.upper(), e.get("wilson95").get(1), "Wilson upper");
    }

    @Test
    void countsExcludeMissingFromPercentages() {
        Descriptives.Frequencies f = Descriptives.counts(new String[] {"M", "F", null, "M"});
        assertThat(f.total()).isEqualTo(3);
        assertThat(f.missing()).isEqualTo(1);
        assertThat(f.counts()).extracting(Descriptives.Count::level).containsExactly("F", "M");
        // 2 of 3 non-missing: exact up to rounding of the division
        assertThat(f.counts().get(1).percent()).isCloseTo(200.0 / 3, within(1e-12));
    }
}
