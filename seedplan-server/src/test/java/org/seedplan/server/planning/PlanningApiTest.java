package org.seedplan.server.planning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.seedplan.server.ApiClient;
import org.seedplan.server.TestDatabases;
import org.seedplan.server.TestServer;
import org.seedplan.storage.account.Role;

/** The plan screen's API: plan, edit, lock and re-plan, compare, save, approve and export; run on both databases by its subclasses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlanningApiTest {

    TestServer t;
    PlanningFixture fixture;
    ApiClient physicist;

    abstract TestDatabases.Kind kind();

    @BeforeAll
    void start() throws Exception {
        t = new TestServer(kind());
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
    void planEditLockReplanSaveApproveAndExport() throws Exception {
        String id = fixture.session(t.a, true);
        JsonNode s = physicist.get("/api/planning/" + id + "?axial=0&coronal=-4&sagittal=0").json();
        assertThat(s.get("seedCount").asInt()).isGreaterThan(3);
        assertThat(goal(s, "D90").get("met").asBoolean()).as(s.get("goals").toString()).isTrue();
        JsonNode axial100 = line(s, "axial", 100);
        assertThat(axial100.get("segmentsMm").size()).isGreaterThan(40);
        double d90 = goal(s, "D90").get("value").asDouble();

        // drag the first seed 15 mm out of the target: D90 falls
        JsonNode seed = s.get("seeds").get(0);
        JsonNode p = seed.get("positionMm");
        JsonNode moved = physicist.post("/api/planning/" + id + "/edits", "{\"op\":\"moveSeed\",\"seed\":" + seed.get("id").asInt() + ",\"toMm\":["
                + p.get(0).asDouble() + "," + (p.get(1).asDouble() - 15) + "," + p.get(2).asDouble() + "],\"slices\":{\"axial\":" + p.get(2).asDouble() + "}}")
                .json();
        assertThat(goal(moved, "D90").get("value").asDouble()).isLessThan(d90);
        assertThat(moved.get("isodoses").get("axial").get("lines")).isNotEmpty();

        // lock two needles, re-plan: they stay, with their seeds
        JsonNode n1 = moved.get("needles").get(1);
        JsonNode n2 = moved.get("needles").get(2);
        assertThat(physicist.post("/api/planning/" + id + "/edits", "{\"op\":\"lock\",\"needles\":[" + n1.get("number") + "," + n2.get("number") + "]}")
                .status()).isEqualTo(200);
        List<String> kept = seedsOf(moved, n1.get("number").asInt(), n2.get("number").asInt());
        assertThat(physicist.post("/api/planning/" + id + "/reoptimise", "{}").status()).isEqualTo(202);
        JsonNode again = PlanningFixture.awaitReady(physicist, id);
        List<Integer> locked = new ArrayList<>();
        again.get("needles").forEach(n -> {
            if (n.get("locked").asBoolean()) {
                locked.add(n.get("number").asInt());
            }
        });
        assertThat(locked).hasSize(2);
        assertThat(seedsOf(again, locked.get(0), locked.get(1))).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(goal(again, "D90").get("met").asBoolean()).isTrue();

        JsonNode uniform = physicist.get("/api/planning/" + id + "/uniform").json();
        assertThat(uniform.get("seedCount").asInt()).isGreaterThan(0);

        // save as a DRAFT revision, approve it with the password, export the RT Plan of that revision
        ApiClient.Answer saved = physicist.post("/api/planning/" + id + "/revisions", "{\"name\":\"GTV plan\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        assertThat(saved.json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(saved.json().get("seedCount").asInt()).isEqualTo(again.get("seedCount").asInt());
        assertThat(saved.json().get("d90Gy").asDouble()).isCloseTo(goal(again, "D90").get("value").asDouble(), org.assertj.core.data.Offset.offset(0.01));
        // the stored metrics name the structure they are of: the one the D90 goal is of
        assertThat(saved.json().get("metricsStructure").asText()).isEqualTo(goal(again, "D90").get("structure").asText());
        long planId = saved.json().get("id").asLong();
        ApiClient.Answer approved = physicist.post("/api/plans/" + planId + "/revisions/1/approval", "{\"password\":\"" + TestServer.PASSWORD
                + "\",\"printedName\":\"Dr physicist_a\",\"meaning\":\"approved for treatment\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        // the plan screen opens with the approved revision's intent (drafts of the other tests' sessions are not the plan in force):
        // the form it was planned with, plus the template the save added
        JsonNode stored = physicist.get("/api/patients/" + fixture.patient(t.a).id() + "/planning").json().get("storedIntent");
        assertThat(stored.get("planId").asLong()).isEqualTo(planId);
        assertThat(stored.get("status").asText()).isEqualTo("APPROVED");
        JsonNode form = org.seedplan.server.api.Json.MAPPER.readTree(PlanningFixture.FORM);
        for (String field : List.of("targets", "organs", "seed", "approach")) {
            assertThat(stored.get("form").get(field)).as(field).isEqualTo(form.get(field));
        }
        byte[] rtplan = physicist.bytes("/api/plans/" + planId + "/revisions/1/export/dicom");
        assertThat(new String(rtplan, 128, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("DICM");
    }

    @Test
    void aNeedleDraggedWhereItWentIsLockedKeptByTheReplanAndSavedAsANeedleInThePatient() throws Exception {
        // a session of its own: the fixture's is shared by the other tests
        ApiClient.Answer started = physicist.post("/api/patients/" + fixture.patient(t.a).id() + "/planning", PlanningFixture.FORM);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("id").asText();
        JsonNode s = PlanningFixture.awaitReady(physicist, id);
        int needle = s.get("needles").get(1).get("number").asInt();
        JsonNode dragged = physicist.post("/api/planning/" + id + "/edits", "{\"op\":\"moveNeedle\",\"needle\":" + needle + ",\"shiftMm\":[1.5,0,-1]}")
                .json();
        JsonNode path = needleOf(dragged, needle);
        assertThat(path.get("edited").asBoolean()).isTrue();
        List<String> seeds = seedsOf(dragged, needle, needle);
        physicist.post("/api/planning/" + id + "/edits", "{\"op\":\"lock\",\"needles\":[" + needle + "]}");
        ApiClient.Answer replan = physicist.post("/api/planning/" + id + "/reoptimise", "{}");
        assertThat(replan.status()).as(replan.body()).isEqualTo(202);
        JsonNode again = PlanningFixture.awaitReady(physicist, id);
        assertThat(again.get("error").isNull()).as(again.get("error").toString()).isTrue();
        // the needle keeps its number, path and seeds; the session's intent holds it as a needle in the patient with that loading
        JsonNode kept = needleOf(again, needle);
        assertThat(kept.get("locked").asBoolean()).isTrue();
        assertThat(kept.get("entryMm")).isEqualTo(path.get("entryMm"));
        assertThat(kept.get("tipMm")).isEqualTo(path.get("tipMm"));
        assertThat(seedsOf(again, needle, needle)).containsExactlyInAnyOrderElementsOf(seeds);
        assertThat(again.get("fixedNeedles")).hasSize(1);
        assertThat(again.get("fixedNeedles").get(0).get("inPatient").asBoolean()).isTrue();
        assertThat(again.get("fixedNeedles").get(0).get("tipMm")).isEqualTo(path.get("tipMm"));
        assertThat(again.get("fixedNeedles").get(0).get("seedDistancesMm")).hasSize(seeds.size());
        // the saved revision's intent keeps it, so the form read back plans around it
        ApiClient.Answer saved = physicist.post("/api/planning/" + id + "/revisions", "{\"name\":\"after needle " + needle + "\"}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        JsonNode revision = physicist.get("/api/plans/" + saved.json().get("id").asLong() + "/revisions/1").json();
        JsonNode intent = revision.get("intent");
        assertThat(intent.get("fixedNeedles").get(0).get("inPatient").asBoolean()).isTrue();
        assertThat(IntentForm.parse((com.fasterxml.jackson.databind.node.ObjectNode) intent).intent().fixedNeedles().get(0).inPatient()).isTrue();
        physicist.delete("/api/planning/" + id, "");
    }

    @Test
    void anUnknownTargetIsRefusedNamingTheStructures() throws Exception {
        ApiClient.Answer a = physicist.post("/api/patients/" + fixture.patient(t.a).id() + "/planning", PlanningFixture.FORM.replace("\"GTV\"", "\"PTV9\""));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("PTV9").contains("GTV, Bowel");
    }

    @Test
    void aLockedNeedleRefusesEdits() throws Exception {
        String id = fixture.session(t.a, true);
        JsonNode s = physicist.get("/api/planning/" + id).json();
        int needle = s.get("needles").get(0).get("number").asInt();
        physicist.post("/api/planning/" + id + "/edits", "{\"op\":\"lock\",\"needles\":[" + needle + "]}");
        ApiClient.Answer a = physicist.post("/api/planning/" + id + "/edits", "{\"op\":\"moveNeedle\",\"needle\":" + needle + ",\"shiftMm\":[1,0,0]}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.body()).contains("needle " + needle + " is locked");
        physicist.post("/api/planning/" + id + "/edits", "{\"op\":\"unlock\",\"needles\":[" + needle + "]}");
    }

    private static JsonNode goal(JsonNode s, String prefix) {
        for (JsonNode g : s.get("goals")) {
            if (g.get("goal").asText().startsWith(prefix)) {
                return g;
            }
        }
        throw new AssertionError("no goal " + prefix + " in " + s.get("goals"));
    }

    private static JsonNode line(JsonNode s, String plane, double percent) {
        for (JsonNode l : s.get("isodoses").get(plane).get("lines")) {
            if (l.get("percent").asDouble() == percent) {
                return l;
            }
        }
        throw new AssertionError("no " + percent + " % line on " + plane);
    }

    private static JsonNode needleOf(JsonNode s, int number) {
        for (JsonNode n : s.get("needles")) {
            if (n.get("number").asInt() == number) {
                return n;
            }
        }
        throw new AssertionError("no needle " + number + " in " + s.get("needles"));
    }

    private static List<String> seedsOf(JsonNode s, int a, int b) {
        List<String> out = new ArrayList<>();
        s.get("seeds").forEach(x -> {
            if (x.get("needle").asInt() == a || x.get("needle").asInt() == b) {
                out.add(x.get("positionMm").toString());
            }
        });
        return out;
    }
}
