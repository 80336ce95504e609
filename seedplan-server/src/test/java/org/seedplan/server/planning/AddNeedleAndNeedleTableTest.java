package org.seedplan.server.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.server.api.Json;
import org.seedplan.storage.account.Role;

/**
 * A whole needle added through a free template hole is loaded at the plan's spacing from the far edge of the target,
 * labelled with its hole and changes the metrics; the approved revision's operating-room needle table (PDF) has one row
 * per needle with the hole, depth and seed count of the stored plan, and is refused for a draft.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AddNeedleAndNeedleTableTest {

    TestServer t;
    PlanningFixture fixture;
    ApiClient physicist;

    @BeforeAll
    void start() throws Exception {
        t = new TestServer(TestDatabases.Kind.SQLITE);
        fixture = new PlanningFixture(t);
        physicist = t.signedIn(Role.PHYSICIST, true);
    }

    @AfterAll
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void aNeedleAddedThroughAFreeHoleIsLoadedAndTheApprovedNeedleTableListsEveryNeedleAsPlanned() throws Exception {
        String id = fixture.session(t.a, true);
        JsonNode s = physicist.get("/api/planning/" + id).json();
        assertThat(s.get("template").get("spacingMm").asDouble()).isCloseTo(5, within(1e-6));
        Set<String> used = new HashSet<>();
        s.get("needles").forEach(n -> used.add(n.get("hole").asText()));
        JsonNode hole = null;
        for (JsonNode h : s.get("availableNeedles")) {
            if (!used.contains(h.get("hole").asText()) && depth(h) > 20) {
                hole = h;
            }
        }
        assertThat(hole).as("a free template hole").isNotNull();

        JsonNode a = physicist.post("/api/planning/" + id + "/edits", "{\"op\":\"addNeedle\",\"entryMm\":" + hole.get("entryMm") + ",\"tipMm\":"
                + hole.get("tipMm") + "}").json();
        JsonNode added = a.get("added");
        int number = added.get("needle").asInt();
        assertThat(a.get("needleCount").asInt()).isEqualTo(s.get("needleCount").asInt() + 1);
        assertThat(added.get("seeds").asInt()).isGreaterThan(0);
        assertThat(a.get("seedCount").asInt()).isEqualTo(s.get("seedCount").asInt() + added.get("seeds").asInt());
        assertThat(goal(a, "D90")).isNotEqualTo(goal(s, "D90"));
        JsonNode needle = null;
        for (JsonNode n : a.get("needles")) {
            if (n.get("number").asInt() == number) {
                needle = n;
            }
        }
        assertThat(needle.get("hole").asText()).isEqualTo(hole.get("hole").asText());
        // the planner's tip is the deepest point where a seed may go: the first seed sits there (0.5 mm search step), the
        // others follow every spacingMm towards the entry, on the needle's axis (coordinates rounded to 0.001 mm)
        List<Double> fromTip = new ArrayList<>();
        for (JsonNode sd : a.get("seeds")) {
            if (sd.get("needle").asInt() == number) {
                fromTip.add(dist(sd.get("positionMm"), hole.get("tipMm")));
            }
        }
        fromTip.sort(Double::compare);
        assertThat(fromTip.get(0)).isLessThan(0.5 + 1e-3);
        for (int i = 1; i < fromTip.size(); i++) {
            assertThat(fromTip.get(i) - fromTip.get(i - 1)).isCloseTo(added.get("spacingMm").asDouble(), within(0.01));
        }

        ApiClient.Answer saved = physicist.post("/api/planning/" + id + "/revisions", "{\"name\":\"Needle table plan\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        long planId = saved.json().get("id").asLong();
        ApiClient.Answer draft = physicist.get("/api/plans/" + planId + "/revisions/1/needle-table.pdf");
        assertThat(draft.status()).isEqualTo(409);
        assertThat(draft.body()).contains("only from an approved revision");
        ApiClient.Answer approved = physicist.post("/api/plans/" + planId + "/revisions/1/approval", "{\"password\":\"" + TestServer.PASSWORD
                + "\",\"printedName\":\"Dr physicist_a\",\"meaning\":\"approved for treatment\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        String text;
        try (var pdf = Loader.loadPDF(physicist.bytes("/api/plans/" + planId + "/revisions/1/needle-table.pdf"))) {
            text = new PDFTextStripper().getText(pdf);
        }
        assertThat(text).contains("Dr physicist_a", "revision 1", "PLAN Pat", "amersham6711", "Coplanar template: holes every 5.0 mm");
        JsonNode rev = physicist.get("/api/plans/" + planId + "/revisions/1").json();
        List<String> lines = text.lines().map(l -> l.replaceAll("\\s+", " ").trim()).toList();
        JsonNode needles = rev.get("needles");
        assertThat(needles.size()).isEqualTo(a.get("needleCount").asInt());
        int total = 0;
        for (int i = 0; i < needles.size(); i++) {
            JsonNode n = needles.get(i);
            int seeds = 0;
            double deepest = Double.MAX_VALUE;
            for (JsonNode sd : rev.get("seeds")) {
                if (sd.get("needle").asInt() == i) {
                    seeds++;
                    deepest = Math.min(deepest, dist(n.get("tipMm"), Json.MAPPER.createArrayNode().add(sd.get("xMm")).add(sd.get("yMm")).add(sd.get("zMm"))));
                }
            }
            total += seeds;
            // number, hole, direction, depth to the tip, depth to the deepest seed (0.1 mm as printed), seeds
            String label = a.get("needles").get(i).get("hole").asText();
            Pattern row = Pattern.compile("^" + Pattern.quote(String.format(Locale.ROOT, "%d %s (0.00, 1.00, 0.00) %.1f mm ", i + 1, label, depth(n)))
                    + "([0-9.]+) mm " + seeds + " ");
            Matcher m = lines.stream().map(row::matcher).filter(Matcher::find).findFirst().orElse(null);
            assertThat(m).as("row of needle " + (i + 1) + " in\n" + text).isNotNull();
            assertThat(Double.parseDouble(m.group(1))).isCloseTo(depth(n) - deepest, within(0.051));
        }
        assertThat(total).isEqualTo(rev.get("seeds").size());
        assertThat(text).contains("Total: " + needles.size() + " needles, " + total + " seeds on needles");
    }

    private static double depth(JsonNode n) {
        return dist(n.get("entryMm"), n.get("tipMm"));
    }

    private static double dist(JsonNode a, JsonNode b) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            s += Math.pow(a.get(k).asDouble() - b.get(k).asDouble(), 2);
        }
        return Math.sqrt(s);
    }

    private static double goal(JsonNode s, String prefix) {
        for (JsonNode g : s.get("goals")) {
            if (g.get("goal").asText().startsWith(prefix)) {
                return g.get("value").asDouble();
            }
        }
        throw new AssertionError("no goal " + prefix + " in " + s.get("goals"));
    }
}
