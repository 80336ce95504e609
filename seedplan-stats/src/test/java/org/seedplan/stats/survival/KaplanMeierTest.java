package org.seedplan.stats.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.seedplan.stats.ReferenceData.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seedplan.stats.ReferenceData;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.DataTableReader;

class KaplanMeierTest {

    /** Closed-form values (products and sums): R prints 15 significant digits, so 1e-9 relative. */
    private static final double REL = 1e-9;

    private static final DataTable OVARIAN = ReferenceData.data("ovarian.csv");

    private static void assertClose(double actual, JsonNode expected, String what) {
        double e = num(expected);
        if (Double.isNaN(e)) {
            assertThat(actual).as(what + " (R: NA)").isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(e, within(REL * Math.max(1, Math.abs(e))));
        }
    }

    private static void checkBlock(String block, String time, String group) {
        JsonNode b = ReferenceData.expected("km.json").get(block);
        double[] times = new double[b.get("times").size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = b.get("times").get(i).asDouble();
        }
        SurvivalFrame frame = SurvivalFrame.from(OVARIAN, time, "fustat", group, null, List.of(), Set.of(), Map.of());
        for (ConfType type : ConfType.values()) {
            JsonNode ct = b.get("conf_type_" + type.rName().replace('-', '_'));
            List<KaplanMeierCurve> curves = KaplanMeier.fit(frame, type);
            for (JsonNode m : ct.get("medians")) {
                KaplanMeierCurve c = curve(curves, m.get("stratum").asText());
                String what = block + " " + type.rName() + " " + c.group();
                assertThat(c.n()).as(what + " n").isEqualTo(m.get("n").asInt());
                assertThat(c.events()).as(what + " events").isEqualTo(m.get("events").asInt());
                KaplanMeierCurve.Quantile q = c.median();
                assertClose(q.time(), m.get("median"), what + " median");
                assertClose(q.lower(), m.get("median_lower95"), what + " median lower");
                assertClose(q.upper(), m.get("median_upper95"), what + " median upper");
            }
            for (KaplanMeierCurve c : curves) {
                double prev = Double.NEGATIVE_INFINITY;
                for (double t : times) {
                    KaplanMeierCurve.SurvivalAt at = c.at(t, prev);
                    prev = t;
                    JsonNode e = find(ct.get("at_times"), c.group(), t);
                    String what = block + " " + type.rName() + " " + c.group() + " t=" + t;
                    assertThat(at.nRisk()).as(what + " n_risk").isEqualTo(e.get("n_risk").asInt());
                    assertThat(at.nEventInterval()).as(what + " n_event").isEqualTo(e.get("n_event_in_interval").asInt());
                    assertClose(at.surv(), e.get("surv"), what + " surv");
                    assertClose(at.seSurv(), e.get("se_surv"), what + " se");
                    assertClose(at.lower(), e.get("lower95"), what + " lower");
                    assertClose(at.upper(), e.get("upper95"), what + " upper");
                }
            }
        }
    }

    private static KaplanMeierCurve curve(List<KaplanMeierCurve> curves, String stratum) {
        return curves.stream().filter(c -> c.group().equals(stratum)).findFirst().orElseThrow();
    }

    private static JsonNode find(JsonNode rows, String stratum, double t) {
        for (JsonNode r : rows) {
            if (r.get("stratum").asText().equals(stratum) && r.get("time").asDouble() == t) {
                return r;
            }
        }
        throw new AssertionError("no reference row " + stratum + " t=" + t);
    }

    @Test
    void overallCurveMatchesSurvfitForAllIntervalTypes() {
        checkBlock("ovarian_overall", "futime", null);
    }

    @Test
    void curvesByTreatmentMatchSurvfit() {
        checkBlock("ovarian_by_rx", "futime", "rx");
    }

    @Test
    void tiedMonthlyTimesMatchSurvfitIncludingYearRates() {
        checkBlock("ovarian_months_overall", "futime_months", null);
    }

    @Test
    void fullTableMatchesSurvfitRowByRow() {
        DataTable table = DataTableReader.read(ReferenceData.dir().resolve("expected/km_table_ovarian_by_rx.csv"));
        SurvivalFrame frame = SurvivalFrame.from(OVARIAN, "futime", "fustat", "rx", null, List.of(), Set.of(), Map.of());
        List<KaplanMeierCurve> log = KaplanMeier.fit(frame, ConfType.LOG);
        List<KaplanMeierCurve> loglog = KaplanMeier.fit(frame, ConfType.LOG_LOG);
        String[] stratum = table.text("stratum");
        double[] time = table.numeric("time");
        int checked = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            int g = stratum[r].equals("rx=1") ? 0 : 1;
            KaplanMeierCurve c = log.get(g);
            int i = java.util.Arrays.binarySearch(c.time(), time[r]);
            assertThat(i).as("time " + time[r] + " in " + stratum[r]).isGreaterThanOrEqualTo(0);
            assertThat(c.nRisk()[i]).isEqualTo((int) table.numeric("n_risk")[r]);
            assertThat(c.nEvent()[i]).isEqualTo((int) table.numeric("n_event")[r]);
            assertThat(c.nCensor()[i]).isEqualTo((int) table.numeric("n_censor")[r]);
            assertCell(c.surv()[i], table, "surv", r);
            assertCell(c.seLogSurv()[i], table, "se_log_surv", r);
            assertCell(c.seSurv(i), table, "se_surv", r);
            assertCell(c.lower()[i], table, "lower95_log", r);
            assertCell(c.upper()[i], table, "upper95_log", r);
            assertCell(loglog.get(g).lower()[i], table, "lower95_loglog", r);
            assertCell(loglog.get(g).upper()[i], table, "upper95_loglog", r);
            checked++;
        }
        assertThat(checked).isEqualTo(log.get(0).time().length + log.get(1).time().length);
    }

    private static void assertCell(double actual, DataTable t, String col, int r) {
        double e = t.numeric(col)[r];
        if (Double.isNaN(e)) {
            assertThat(actual).as(col + " row " + r).isNaN();
        } else {
            // 1e-9 relative: closed form; the CSV holds 15 significant digits
            assertThat(actual).as(col + " row " + r).isCloseTo(e, within(REL * Math.max(1, Math.abs(e))));
        }
    }

    @Test
    void allCensoredGivesFlatCurveAndNoMedian() {
        double[] time = {5, 3, 8, 1};
        boolean[] event = new boolean[4];
        KaplanMeierCurve c = KaplanMeier.fit(time, event, null, ConfType.LOG, 0.95).get(0);
        assertThat(c.events()).isZero();
        assertThat(c.surv()).containsOnly(1.0);
        assertThat(c.median().time()).isNaN();
        assertThat(c.nRisk()).containsExactly(4, 3, 2, 1);
    }

    @Test
    void medianOnAFlatAtOneHalfIsTheMidpointToTheNextEvent() {
        // S drops to 0.5 at t=2 (2 of 4 die) and to 0 at t=6: R's rule gives (2 + 6) / 2
        double[] time = {2, 2, 6, 6};
        boolean[] event = {true, true, true, true};
        KaplanMeierCurve c = KaplanMeier.fit(time, event, null, ConfType.LOG, 0.95).get(0);
        assertThat(c.median().time()).isEqualTo(4.0);
    }

    @Test
    void logLogLimitsAreMissingWhereSurvivalIsOneAsR() {
        // R 4.2.2: summary(survfit(Surv(c(1,5,6,7), c(0,1,1,0)) ~ 1, conf.type = "log-log"),
        //                  times = c(0.5, 2, 5.5, 10), extend = TRUE); printed to 7 digits, hence 1e-6
        double[] time = {1, 5, 6, 7};
        boolean[] event = {false, true, true, false};
        KaplanMeierCurve c = KaplanMeier.fit(time, event, null, ConfType.LOG_LOG, 0.95).get(0);
        KaplanMeierCurve.SurvivalAt before = c.at(0.5, Double.NEGATIVE_INFINITY);
        assertThat(before.nRisk()).isEqualTo(4);
        assertThat(before.lower()).isEqualTo(1.0);
        KaplanMeierCurve.SurvivalAt flat = c.at(2, 0.5);
        assertThat(flat.nRisk()).isEqualTo(3);
        assertThat(flat.lower()).isNaN();
        assertThat(flat.upper()).isNaN();
        KaplanMeierCurve.SurvivalAt mid = c.at(5.5, 2);
        assertThat(mid.nEventInterval()).isEqualTo(1);
        assertThat(mid.seSurv()).isCloseTo(0.2721655, within(1e-6));
        assertThat(mid.lower()).isCloseTo(0.054073427, within(1e-6));
        assertThat(mid.upper()).isCloseTo(0.9452064, within(1e-6));
        KaplanMeierCurve.SurvivalAt after = c.at(10, 5.5);
        assertThat(after.nRisk()).isZero();
        assertThat(after.lower()).isCloseTo(0.008961628, within(1e-6));
        KaplanMeierCurve.Quantile m = c.median();
        assertThat(m.time()).isEqualTo(6.0);
        assertThat(m.lower()).isEqualTo(5.0);
        assertThat(m.upper()).isNaN();
    }
}
