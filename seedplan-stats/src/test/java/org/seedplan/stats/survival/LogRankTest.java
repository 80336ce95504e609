package org.seedplan.stats.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seedplan.stats.ReferenceData;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.Factor;

class LogRankTest {

    /** Closed-form sums: 1e-9 relative (R prints 15 significant digits). */
    private static final double REL = 1e-9;
    private static final DataTable OVARIAN = ReferenceData.data("ovarian.csv");

    private static void check(String key, String time, String group, String strata) {
        JsonNode e = ReferenceData.expected("logrank.json").get(key);
        LogRankResult r = LogRank.test(SurvivalFrame.from(OVARIAN, time, "fustat", group, strata, List.of(), Set.of(),
                Map.of()));
        assertThat(r.chisq()).as(key + " chisq").isCloseTo(e.get("chisq").asDouble(), within(REL * e.get("chisq").asDouble()));
        assertThat(r.df()).isEqualTo(e.get("df").asInt());
        assertThat(r.p()).as(key + " p").isCloseTo(e.get("p").asDouble(), within(REL * e.get("p").asDouble()));
        for (int i = 0; i < e.get("groups").size(); i++) {
            String label = e.get("groups").get(i).asText();
            LogRankResult.Group g = r.groups().stream().filter(x -> x.group().equals(label)).findFirst().orElseThrow();
            int gi = r.groups().indexOf(g);
            assertThat(g.n()).isEqualTo(e.get("n").get(i).asInt());
            assertThat(g.observed()).isEqualTo(e.get("observed").get(i).asDouble());
            assertThat(g.expected()).as(key + " E " + label).isCloseTo(e.get("expected").get(i).asDouble(), within(1e-9));
            for (int j = 0; j < e.get("groups").size(); j++) {
                String other = e.get("groups").get(j).asText();
                int gj = r.groups().indexOf(r.groups().stream().filter(x -> x.group().equals(other)).findFirst().orElseThrow());
                assertThat(r.var()[gi][gj]).isCloseTo(e.get("var").get(i).get(j).asDouble(), within(1e-9));
            }
        }
    }

    @Test
    void twoGroupsMatchSurvdiff() {
        check("ovarian_rx", "futime", "rx", null);
    }

    @Test
    void threeGroupsMatchSurvdiff() {
        check("ovarian_agegrp", "futime", "agegrp", null);
    }

    @Test
    void tiedTimesMatchSurvdiff() {
        check("ovarian_months_rx", "futime_months", "rx", null);
    }

    @Test
    void stratifiedTestMatchesSurvdiff() {
        check("ovarian_rx_strata_ecog", "futime", "rx", "ecog.ps");
    }

    @Test
    void singleGroupHasNoTest() {
        double[] time = {1, 2, 3};
        boolean[] event = {true, false, true};
        LogRankResult r = LogRank.test(time, event, new Factor("g", new int[3], List.of("all")), null);
        assertThat(r.df()).isZero();
        assertThat(r.p()).isNaN();
    }
}
