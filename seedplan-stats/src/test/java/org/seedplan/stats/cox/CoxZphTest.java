package org.seedplan.stats.cox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seedplan.stats.ReferenceData;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.survival.SurvivalFrame;

/** cox.zph against R survival 3.5.3 (zph_reference.json, made by make_zph_reference.R beside it). */
class CoxZphTest {

    /** Score statistics evaluated at R-matching β̂ (itself 1e-6): 1e-6 relative. */
    private static final double REL = 1e-6;
    private static final DataTable OVARIAN = ReferenceData.data("ovarian.csv");

    private static JsonNode reference() throws IOException {
        try (InputStream in = CoxZphTest.class.getResourceAsStream("zph_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static void check(JsonNode e, String time, List<String> cov, Set<String> cat, Map<String, String> refs,
                              String strata) {
        Ties ties = Ties.parse(e.get("ties").asText());
        SurvivalFrame f = SurvivalFrame.from(OVARIAN, time, "fustat", null, strata, cov, cat, refs);
        ZphResult z = CoxZph.test(f, CoxModel.fit(f, ties));
        String what = e.get("formula").asText() + " " + ties.rName();
        JsonNode table = e.get("table");
        for (int i = 0; i < table.size(); i++) {
            JsonNode row = table.get(i);
            ZphResult.ZphTerm t = i < z.terms().size() ? z.terms().get(i) : z.global();
            assertThat(t.term()).isEqualTo(row.get("term").asText());
            assertThat(t.df()).isEqualTo(row.get("df").asInt());
            assertThat(t.chisq()).as(what + " " + t.term()).isCloseTo(row.get("chisq").asDouble(), within(REL * row.get("chisq").asDouble()));
            assertThat(t.p()).as(what + " p " + t.term()).isCloseTo(row.get("p").asDouble(), within(REL * row.get("p").asDouble()));
        }
        assertThat(z.x()).hasSize(e.get("x").size());
        for (int i = 0; i < z.x().length; i++) {
            // KM transform: closed form, 1e-9
            assertThat(z.x()[i]).isCloseTo(e.get("x").get(i).asDouble(), within(1e-9));
            assertThat(z.time()[i]).isEqualTo(e.get("time").get(i).asDouble());
            for (int j = 0; j < z.termNames().size(); j++) {
                JsonNode y = e.get("y").get(i).get(j);
                if (y.isNull() || y.asText().equals("NA")) {
                    assertThat(z.scaled()[i][j]).isNaN();
                } else {
                    assertThat(z.scaled()[i][j]).as(what + " scaled residual " + i + "," + j)
                            .isCloseTo(y.asDouble(), within(REL * Math.max(1, Math.abs(y.asDouble()))));
                }
            }
        }
    }

    @Test
    void continuousCovariatesMatchCoxZph() throws IOException {
        JsonNode r = reference();
        for (String ties : List.of("efron", "breslow")) {
            check(r.get("age_ecog_rx_" + ties), "futime", List.of("age", "ecog.ps", "rx"), Set.of(), Map.of(), null);
            check(r.get("months_age_ecog_rx_" + ties), "futime_months", List.of("age", "ecog.ps", "rx"), Set.of(),
                    Map.of(), null);
        }
    }

    @Test
    void categoricalCovariateIsOneTermAsCoxZph() throws IOException {
        JsonNode r = reference();
        for (String ties : List.of("efron", "breslow")) {
            check(r.get("agegrp_rx_" + ties), "futime", List.of("agegrp", "rx"), Set.of("agegrp"),
                    Map.of("agegrp", "lt50"), null);
        }
    }

    @Test
    void stratifiedModelMatchesCoxZph() throws IOException {
        JsonNode r = reference();
        for (String ties : List.of("efron", "breslow")) {
            check(r.get("age_ecog_strata_rx_" + ties), "futime", List.of("age", "ecog.ps"), Set.of(), Map.of(), "rx");
        }
    }
}
