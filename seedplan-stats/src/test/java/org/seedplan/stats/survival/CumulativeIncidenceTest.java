package org.seedplan.stats.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Aalen–Johansen cumulative incidence, its infinitesimal-jackknife SE and log-scale CI against R 4.2.2 / survival 3.5.3
 * ({@code summary(survfit(Surv(t, factor(status)) ~ 1), times = …)}; cif_reference.json made by make_cif_reference.R beside it,
 * on a small tied example and on survival's mgus2 data, 1384 patients).
 */
class CumulativeIncidenceTest {

    /** Closed-form sums over ≤ 1384 rows: 1e-6 absolute is the project's agreement level; we are nearer 1e-12. */
    private static final double TOL = 1e-6;

    private static JsonNode reference() throws IOException {
        try (InputStream in = CumulativeIncidenceTest.class.getResourceAsStream("cif_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static void check(CumulativeIncidence f, JsonNode r) {
        assertThat(r.get("conf_type").asText()).isEqualTo("log");
        JsonNode times = r.get("times");
        for (int i = 0; i < times.size(); i++) {
            double t = times.get(i).asDouble();
            for (int cause = 1; cause <= 2; cause++) {
                CumulativeIncidence.Estimate e = f.estimate(cause, t);
                String what = "cause " + cause + " at " + t;
                assertThat(e.cif()).as(what).isCloseTo(r.get("cif" + cause).get(i).asDouble(), within(TOL));
                assertThat(e.stdErr()).as(what + " SE").isCloseTo(r.get("se" + cause).get(i).asDouble(), within(TOL));
                JsonNode lo = r.get("lower" + cause).get(i);
                if (lo.asText().equals("NA")) {
                    assertThat(e.lower()).as(what + " lower").isNaN();
                    assertThat(e.upper()).as(what + " upper").isNaN();
                } else {
                    assertThat(e.lower()).as(what + " lower").isCloseTo(lo.asDouble(), within(TOL));
                    assertThat(e.upper()).as(what + " upper").isCloseTo(r.get("upper" + cause).get(i).asDouble(), within(TOL));
                }
            }
        }
    }

    @Test
    void tiedSmallSampleMatchesRSurvfitMultiState() throws IOException {
        JsonNode s = reference().get("small");
        double[] t = new double[s.get("time").size()];
        int[] st = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.get("time").get(i).asDouble();
            st[i] = s.get("status").get(i).asInt();
        }
        check(CumulativeIncidence.fit(t, st), s.get("fit"));
    }

    @Test
    void mgus2ProgressionWithDeathCompetingMatchesR() throws IOException {
        String[] lines;
        try (InputStream in = CumulativeIncidenceTest.class.getResourceAsStream("mgus2_cif.csv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
        }
        double[] t = new double[lines.length - 1];
        int[] st = new int[t.length];
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split(",");
            t[i - 1] = Double.parseDouble(c[0]);
            st[i - 1] = Integer.parseInt(c[1]);
        }
        check(CumulativeIncidence.fit(t, st), reference().get("mgus2"));
    }

    @Test
    void incidencesAndTheEventFreeProbabilitySumToOne() {
        CumulativeIncidence f = CumulativeIncidence.fit(new double[] {1, 2, 3, 4}, new int[] {1, 2, 0, 1});
        // 4 at risk: 1/4 event; 3 at risk: 1/3 of 3/4 competing; censored; last one has the event
        assertThat(f.at(1, 10) + f.at(2, 10)).isCloseTo(1.0, within(1e-15));
        assertThat(f.at(2, 10)).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void badStatusIsRefusedWithTheRowAndTheFix() {
        assertThatThrownBy(() -> CumulativeIncidence.fit(new double[] {1, 2}, new int[] {0, 3}))
                .hasMessageContaining("row 2").hasMessageContaining("fix: use 0 = censored, 1 = event, 2 = competing event");
    }
}
