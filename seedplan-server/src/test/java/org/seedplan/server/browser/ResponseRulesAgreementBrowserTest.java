package org.seedplan.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.seedplan.outcomes.response.Criterion;
import org.seedplan.outcomes.response.TimePointResponse;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.api.Json;
import org.seedplan.server.forms.VisitResponses;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.VisitData;

/**
 * The visit form's response rules (web/js/forms/response.js, run in Chromium) agree with the server's
 * (seedplan-outcomes ResponseAssessment through {@link VisitResponses}) on 400 random patients of 1–5 targets (nodal
 * and not), non-targets, 1–7 visits with missing measurements, new lesions, non-target progression and visits on
 * or before the implant day, under RECIST 1.1 and mRECIST: the same target and overall response and sum at every visit.
 * Diameters are whole or half millimetres so that the ±20 %/−30 % boundaries are hit exactly in some cases.
 */
class ResponseRulesAgreementBrowserTest {

    private static final LocalDate IMPLANT = LocalDate.of(2026, 1, 10);

    @Test
    void theBrowsersResponseRulesGiveTheServersResponseOnRandomPatients() throws Exception {
        Random rnd = new Random(20261203);
        List<List<LesionRecord>> lesionSets = new ArrayList<>();
        List<List<VisitData>> visitSets = new ArrayList<>();
        ArrayNode cases = Json.MAPPER.createArrayNode();
        for (int n = 0; n < 400; n++) {
            List<LesionRecord> lesions = new ArrayList<>();
            int targets = 1 + rnd.nextInt(5);
            int nonTargets = rnd.nextInt(3);
            for (int i = 0; i < targets + nonTargets; i++) {
                boolean nodal = rnd.nextInt(4) == 0;
                boolean target = i < targets;
                Double longest = target ? 10 + rnd.nextInt(120) / 2.0 : null;
                Double shortAxis = nodal && target ? 15 + rnd.nextInt(40) / 2.0 : null;
                Double viable = target && !nodal && rnd.nextInt(10) > 0 ? Math.floor(longest * rnd.nextDouble() * 2) / 2 : null;
                lesions.add(new LesionRecord(100 + i, 1, new LesionData(1, "L" + i, nodal ? "node" : "liver", null, nodal, target,
                        longest, shortAxis, viable)));
            }
            List<VisitData> visits = new ArrayList<>();
            int count = 1 + rnd.nextInt(7);
            for (int v = 0; v < count; v++) {
                LocalDate date = IMPLANT.plusDays(-20 + rnd.nextInt(400));
                List<VisitData.Measurement> ms = new ArrayList<>();
                for (LesionRecord l : lesions) {
                    if (!l.data().target() || rnd.nextInt(12) == 0) {
                        continue;
                    }
                    double scale = 0.4 + rnd.nextDouble() * 1.2;
                    Double longest = rnd.nextInt(15) == 0 ? 0.0 : Math.round(l.data().baselineLongestMm() * scale * 2) / 2.0;
                    Double shortAxis = l.data().nodal() ? Math.round(l.data().baselineShortAxisMm() * scale * 2) / 2.0 : null;
                    Double viable = l.data().baselineViableMm() == null ? null : rnd.nextInt(6) == 0 ? 0.0
                            : Math.round(l.data().baselineViableMm() * scale * 2) / 2.0;
                    ms.add(new VisitData.Measurement(l.id(), longest, shortAxis, viable));
                }
                String nonTarget = nonTargets == 0 || rnd.nextInt(3) == 0 ? null : List.of("CR", "NON_CR_NON_PD", "PD", "NE").get(rnd.nextInt(4));
                Boolean newLesion = rnd.nextInt(3) == 0 ? null : rnd.nextInt(8) == 0;
                visits.add(new VisitData(1, date, null, null, newLesion, nonTarget, rnd.nextInt(10) == 0 ? List.of() : ms, Map.of(), List.of()));
            }
            lesionSets.add(lesions);
            visitSets.add(visits);
            ObjectNode c = cases.addObject();
            ArrayNode ls = c.putArray("lesions");
            lesions.forEach(l -> ls.addObject().put("id", l.id()).put("label", l.data().label()).put("nodal", l.data().nodal())
                    .put("target", l.data().target()).put("baselineLongestMm", l.data().baselineLongestMm())
                    .put("baselineShortAxisMm", l.data().baselineShortAxisMm()).put("baselineViableMm", l.data().baselineViableMm()));
            ArrayNode vs = c.putArray("visits");
            for (VisitData v : visits) {
                ObjectNode o = vs.addObject().put("visitDate", v.visitDate().toString()).put("nonTarget", v.nonTarget()).put("newLesion", v.newLesion());
                ArrayNode mo = o.putArray("measurements");
                v.measurements().forEach(m -> mo.addObject().put("lesionId", m.lesionId()).put("longestMm", m.longestMm())
                        .put("shortAxisMm", m.shortAxisMm()).put("viableMm", m.viableMm()));
            }
        }
        try (TestServer server = new TestServer(TestDatabases.Kind.SQLITE); Chromium chromium = Chromium.start()) {
            chromium.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            chromium.driver().get(server.base() + "/");
            String script = "const done = arguments[arguments.length - 1]; const cases = JSON.parse(arguments[0]);"
                    + "import('/js/forms/response.js').then((m) => done(JSON.stringify(['RECIST_1_1', 'MRECIST'].map((c) =>"
                    + " cases.map((k) => m.assess(c, '" + IMPLANT + "', k.lesions, k.visits)))))).catch((e) => done('ERROR ' + e));";
            String answer = (String) ((JavascriptExecutor) chromium.driver()).executeAsyncScript(script, cases.toString());
            assertThat(answer).doesNotStartWith("ERROR");
            JsonNode browser = Json.MAPPER.readTree(answer);
            int compared = 0;
            for (int ci = 0; ci < 2; ci++) {
                Criterion criterion = ci == 0 ? Criterion.RECIST_1_1 : Criterion.MRECIST;
                for (int n = 0; n < lesionSets.size(); n++) {
                    List<TimePointResponse> server1 = VisitResponses.assess(criterion, IMPLANT, lesionSets.get(n), visitSets.get(n));
                    JsonNode js = browser.get(ci).get(n);
                    if (server1.isEmpty() && js.isNull()) {
                        continue;
                    }
                    assertThat(js.isNull()).as("case %d %s: assessable in the browser only when the server assesses it", n, criterion).isFalse();
                    assertThat(js).as("case %d %s", n, criterion).hasSize(server1.size());
                    for (int i = 0; i < server1.size(); i++) {
                        TimePointResponse s = server1.get(i);
                        JsonNode b = js.get(i);
                        String where = "case " + n + " " + criterion + " visit " + s.date();
                        assertThat(b.get("visitDate").asText()).as(where).isEqualTo(s.date().toString());
                        assertThat(b.get("target").isNull() ? null : b.get("target").asText()).as(where + " target")
                                .isEqualTo(s.target() == null ? null : s.target().name());
                        assertThat(b.get("overall").asText()).as(where + " overall").isEqualTo(s.overall().name());
                        assertThat(b.get("carried").asBoolean()).as(where + " carried").isEqualTo(s.carried());
                        if (s.sumMm() != null) {
                            // half-millimetre sums are exact in binary floating point on both sides
                            assertThat(b.get("sumMm").asDouble()).as(where + " sum").isEqualTo(s.sumMm());
                        }
                        compared++;
                    }
                }
            }
            assertThat(compared).as("time points compared").isGreaterThan(1000);
        }
    }
}
