package org.seedplan.stats.cox;

import static org.assertj.core.api.Assertions.assertThat;
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
 * Ties everywhere: tied event times, tied censorings at event times, tied risk scores and pairs tied
 * on both (edge.csv and edge_reference.json, made by make_edge_reference.R with R survival 3.5.3).
 */
class CoxEdgeCasesTest {

    /** Iterative fit: 1e-6 relative; counts exact. */
    private static final double REL = 1e-6;

    @Test
    void tiesInTimeAndRiskMatchCoxph() throws IOException {
        DataTable table;
        JsonNode ref;
        try (InputStream csv = getClass().getResourceAsStream("edge.csv");
             InputStream json = getClass().getResourceAsStream("edge_reference.json")) {
            table = DataTableReader.readCsv("edge.csv", new String(csv.readAllBytes(), StandardCharsets.UTF_8));
            ref = new ObjectMapper().readTree(json);
        }
        SurvivalFrame f = SurvivalFrame.from(table, "time", "event", null, null, List.of("grp", "dose"), Set.of(),
                Map.of());
        for (Ties ties : Ties.values()) {
            JsonNode e = ref.get(ties.rName());
            CoxFit fit = CoxModel.fit(f, ties);
            for (int j = 0; j < 2; j++) {
                double c = e.get("coef").get(j).asDouble();
                assertThat(fit.terms().get(j).coef()).isCloseTo(c, within(REL * Math.abs(c)));
                double se = e.get("se").get(j).asDouble();
                assertThat(fit.terms().get(j).se()).isCloseTo(se, within(REL * se));
            }
            assertThat(fit.loglikNull()).isCloseTo(e.get("loglik").get(0).asDouble(), within(1e-9 * 21));
            assertThat(fit.loglik()).isCloseTo(e.get("loglik").get(1).asDouble(), within(REL * 21));
            assertThat(fit.scoreTest().chisq()).isCloseTo(e.get("score").asDouble(), within(1e-9));
            Concordance k = fit.concordance();
            assertThat(k.concordant()).isEqualTo(e.get("concordant").asDouble());
            assertThat(k.discordant()).isEqualTo(e.get("discordant").asDouble());
            assertThat(k.tiedRisk()).isEqualTo(e.get("tied_risk").asDouble());
            assertThat(k.tiedTime()).isEqualTo(e.get("tied_time").asDouble());
            assertThat(k.tiedBoth()).isEqualTo(e.get("tied_both").asDouble());
            assertThat(k.cIndex()).isCloseTo(e.get("c_index").asDouble(), within(1e-12));
            assertThat(k.se()).isCloseTo(e.get("se_c").asDouble(), within(1e-9));
        }
    }
}
