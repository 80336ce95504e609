package org.seedplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.seedplan.server.api.Json;
import org.seedplan.server.api.Route;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.account.User;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.Patient;

/**
 * The generated role × route matrix: every route of {@link Routes} is called over HTTP anonymously and as
 * every role of centre A, on a fresh object of centre A and on one of centre B. Expected: anonymous 401
 * (PUBLIC routes: their success status); own centre: the route's success status when permissions.csv
 * gives the role the route's permission, else 403; centre B's object: 404 when the role holds the
 * permission (nothing of B may be seen to exist), else 403 (refused before anything is looked up).
 * A route without an example below fails the test, so the matrix stays complete.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoutePermissionMatrixTest {

    /** One request: path with query, JSON body or multipart files, and whether it names an object of a centre. */
    record Call(String path, String json, List<Path> files, Map<String, String> fields, boolean centred, Runnable after) {
        static Call of(String path, String json) {
            return new Call(path, json, null, null, true, null);
        }

        static Call global(String path, String json) {
            return new Call(path, json, null, null, false, null);
        }
    }

    /** Makes the request of a route for a caller of {@code role} against objects of centre {@code c}. */
    interface Example {
        Call make(Centre c, boolean centreA, Role role) throws Exception;
    }

    /** A fresh user's hash (another password), made once at the fixtures' cost ({@link TestServer#testHash}). */
    private static final String FRESH_USER_HASH = TestServer.testHash(TestServer.PASSWORD + "x");

    TestServer t;
    World w;
    final Map<String, Example> examples = new LinkedHashMap<>();
    final Map<Role, ApiClient> clients = new EnumMap<>(Role.class);
    /** The clients with which examples act before the call (start a verification, a run), one sign-in per role and centre. */
    private final Map<String, ApiClient> actors = new LinkedHashMap<>();
    /** The implant whose verification the start and read examples use, one per centre (a fixture costs a CT render and import). */
    private final Map<Long, org.seedplan.server.verification.VerificationFixture> verificationFixtures = new LinkedHashMap<>();

    abstract TestDatabases.Kind kind();

    @BeforeAll
    void start() throws Exception {
        t = new TestServer(kind());
        w = new World(t);
        String seedsBody = "\"sourceModelKey\":\"amersham6711\",\"strengthU\":0.76,\"seeds\":[{\"xMm\":0,\"yMm\":0,\"zMm\":2}]";
        examples.put("POST /api/session", (c, a, r) -> Call.global("/api/session", Json.MAPPER.createObjectNode()
                .put("username", name(r, true)).put("password", TestServer.PASSWORD).toString()));
        examples.put("GET /api/session", (c, a, r) -> Call.global("/api/session", null));
        examples.put("DELETE /api/session", (c, a, r) -> Call.global("/api/session", null));
        examples.put("PUT /api/session/password", (c, a, r) -> new Call("/api/session/password",
                "{\"currentPassword\":\"" + TestServer.PASSWORD + "\",\"newPassword\":\"" + TestServer.PASSWORD + " next\"}", null, null, false,
                () -> resetPassword(name(r, true))));
        examples.put("GET /api/centres", (c, a, r) -> Call.global("/api/centres", null));
        examples.put("GET /api/centres/{centreId}/users", (c, a, r) -> Call.of("/api/centres/" + c.id() + "/users", null));
        examples.put("POST /api/users", (c, a, r) -> Call.of("/api/users", "{\"centreId\":" + c.id() + ",\"username\":\"u" + rnd()
                + "\",\"displayName\":\"New User\",\"role\":\"MONITOR\",\"reason\":\"joins the study\"}"));
        examples.put("POST /api/users/{userId}/unlock", (c, a, r) -> Call.of("/api/users/" + freshUser(c).id() + "/unlock",
                "{\"reason\":\"identity checked by phone\"}"));
        examples.put("GET /api/users/{userId}/roles", (c, a, r) -> Call.of("/api/users/" + freshUser(c).id() + "/roles", null));
        examples.put("POST /api/users/{userId}/roles", (c, a, r) -> Call.of("/api/users/" + freshUser(c).id() + "/roles",
                "{\"centreId\":" + c.id() + ",\"role\":\"DATA_ENTRY\",\"reason\":\"covers leave\"}"));
        examples.put("DELETE /api/users/{userId}/roles/{grantId}", (c, a, r) -> {
            User u = freshUser(c);
            long grant = t.services.accounts().users().history(u.id()).get(0).id();
            return Call.of("/api/users/" + u.id() + "/roles/" + grant, "{\"reason\":\"left the centre\"}");
        });
        examples.put("GET /api/patients", (c, a, r) -> Call.global("/api/patients?q=&limit=10", null));
        examples.put("POST /api/patients", (c, a, r) -> Call.of("/api/patients", "{\"centreId\":" + c.id() + ",\"patientId\":\"N" + rnd()
                + "\",\"familyName\":\"New\",\"sex\":\"F\",\"birthDate\":\"1950-02-03\"}"));
        examples.put("GET /api/patients/{id}", (c, a, r) -> Call.of("/api/patients/" + w.patient(c).id(), null));
        examples.put("PUT /api/patients/{id}", (c, a, r) -> Call.of("/api/patients/" + w.patient(c).id(), "{\"version\":1,\"diagnosis\":\"HCC\"}"));
        examples.put("DELETE /api/patients/{id}", (c, a, r) -> Call.of("/api/patients/" + w.patient(c).id(),
                "{\"version\":1,\"reason\":\"entered twice\"}"));
        examples.put("POST /api/patients/{id}/lesions", (c, a, r) -> Call.of("/api/patients/" + w.patient(c).id() + "/lesions",
                "{\"label\":\"L1\",\"organ\":\"liver\",\"nodal\":false,\"target\":true,\"baselineLongestMm\":31.5}"));
        examples.put("PUT /api/lesions/{recordId}", (c, a, r) -> Call.of("/api/lesions/" + w.lesion(c) + "", "{\"version\":1,\"site\":\"S7\"}"));
        examples.put("POST /api/patients/{id}/visits", (c, a, r) -> Call.of("/api/patients/" + w.patient(c).id() + "/visits",
                "{\"visitDate\":\"2026-11-02\",\"nrsPain\":3}"));
        examples.put("PUT /api/visits/{recordId}", (c, a, r) -> Call.of("/api/visits/" + w.visit(c), "{\"version\":1,\"nrsPain\":2}"));
        examples.put("POST /api/patients/{id}/implants", (c, a, r) -> Call.of("/api/patients/" + w.patient(c).id() + "/implants",
                "{\"implantDate\":\"2026-10-01\",\"seedCount\":40}"));
        examples.put("PUT /api/implants/{recordId}", (c, a, r) -> Call.of("/api/implants/" + w.implant(c), "{\"version\":1,\"seedCount\":41}"));
        examples.put("POST /api/studies", (c, a, r) -> {
            DicomFixture.Written d = DicomFixture.write(t.folder("upload"), "UP" + rnd(), "UPLOAD^TEST");
            return new Call("/api/studies", null, d.files(), Map.of("centreId", Long.toString(c.id())), true, null);
        });
        examples.put("POST /api/patients/{id}/plans", (c, a, r) -> Call.of("/api/patients/" + w.patient(c).id() + "/plans",
                "{\"name\":\"P\"," + seedsBody + "}"));
        examples.put("GET /api/plans/{planId}/revisions", (c, a, r) -> Call.of("/api/plans/" + w.draftPlan(c).planId() + "/revisions", null));
        examples.put("POST /api/plans/{planId}/revisions", (c, a, r) -> Call.of("/api/plans/" + w.draftPlan(c).planId() + "/revisions",
                "{" + seedsBody + "}"));
        examples.put("GET /api/plans/{planId}/revisions/{rev}", (c, a, r) -> Call.of("/api/plans/" + w.draftPlan(c).planId() + "/revisions/1", null));
        examples.put("POST /api/plans/{planId}/revisions/{rev}/approval", (c, a, r) -> Call.of("/api/plans/" + w.draftPlan(c).planId()
                + "/revisions/1/approval", "{\"password\":\"" + TestServer.PASSWORD + "\",\"printedName\":\"Dr " + name(r, a)
                + "\",\"meaning\":\"approved for treatment\"}"));
        examples.put("GET /api/plans/{planId}/revisions/{rev}/export/dicom", (c, a, r) -> Call.of("/api/plans/" + w.approvedPlan(c, a).planId()
                + "/revisions/1/export/dicom", null));
        examples.put("GET /api/plans/{planId}/revisions/{rev}/report.pdf", (c, a, r) -> Call.of("/api/plans/" + w.approvedPlan(c, a).planId()
                + "/revisions/1/report.pdf", null));
        // the operating-room needle table of an approved revision (docs/planning-screen.md)
        examples.put("GET /api/plans/{planId}/revisions/{rev}/needle-table.pdf", (c, a, r) -> Call.of("/api/plans/" + w.approvedPlan(c, a).planId()
                + "/revisions/1/needle-table.pdf", null));
        examples.put("GET /api/export/deidentified", (c, a, r) -> Call.of("/api/export/deidentified?centreId=" + c.id(), null));
        examples.put("GET /api/patients/{id}/access", (c, a, r) -> Call.of("/api/patients/" + w.patient(c).id() + "/access?at=2026-12-03T07:30:00Z", null));
        examples.put("GET /api/audit", (c, a, r) -> Call.of("/api/audit?entity=patient&id=" + w.patient(c).id(), null));
        // cohort dashboard (docs/analysis-plans.md): templates for everyone signed in; a plan run on a centre's registry
        examples.put("GET /api/analysis/templates", (c, a, r) -> Call.global("/api/analysis/templates", null));
        examples.put("POST /api/analysis/run", (c, a, r) -> Call.of("/api/analysis/run?centreId=" + c.id(),
                "{\"plan\":{\"version\":1,\"baseline\":[\"age_years\"],\"outputs\":[\"baseline\"]}}"));
        // DICOM network (docs/dicom-network.md): known peers; send to, query and fetch from a real PACS (Orthanc, one per JVM)
        examples.put("GET /api/dicom/peers", (c, a, r) -> Call.global("/api/dicom/peers", null));
        examples.put("POST /api/dicom/peers", (c, a, r) -> Call.of("/api/dicom/peers", "{\"centreId\":" + c.id() + ",\"aeTitle\":\"N"
                + rnd() + "\",\"host\":\"127.0.0.1\",\"port\":104,\"maySend\":true}"));
        examples.put("PUT /api/dicom/peers/{peerId}", (c, a, r) -> Call.of("/api/dicom/peers/" + org.seedplan.server.dicom.PacsFixture.peer(t.db, c.id()),
                "{\"aeTitle\":\"N" + rnd() + "\",\"host\":\"127.0.0.1\",\"port\":4242,\"maySend\":true,\"reason\":\"renamed\"}"));
        examples.put("DELETE /api/dicom/peers/{peerId}", (c, a, r) -> Call.of("/api/dicom/peers/" + org.seedplan.server.dicom.PacsFixture.peer(t.db, c.id()),
                "{\"reason\":\"retired\"}"));
        examples.put("POST /api/plans/{planId}/revisions/{rev}/send", (c, a, r) -> Call.of("/api/plans/" + w.approvedPlan(c, a).planId()
                + "/revisions/1/send", "{\"peerId\":" + org.seedplan.server.dicom.PacsFixture.peer(t.db, c.id()) + "}"));
        examples.put("GET /api/patients/{id}/pacs/studies", (c, a, r) -> Call.of("/api/patients/" + w.patient(c).id() + "/pacs/studies?peerId="
                + org.seedplan.server.dicom.PacsFixture.peer(t.db, c.id()), null));
        examples.put("POST /api/patients/{id}/pacs/fetch", (c, a, r) -> {
            Patient p = w.patient(c);
            String study = org.seedplan.server.dicom.PacsFixture.orthanc().holdStudyOf(p.patientId());
            return Call.of("/api/patients/" + p.id() + "/pacs/fetch", "{\"peerId\":" + org.seedplan.server.dicom.PacsFixture.peer(t.db, c.id())
                    + ",\"studyInstanceUid\":\"" + study + "\"}");
        });
        // image screens: CT viewer, contouring, verification (docs/viewer.md)
        examples.put("GET /api/ct/{seriesUid}", (c, a, r) -> Call.of("/api/ct/" + w.patientWithCt(c)[1], null));
        examples.put("GET /api/ct/{seriesUid}/voxels", (c, a, r) -> Call.of("/api/ct/" + w.patientWithCt(c)[1] + "/voxels?from=0&count=1", null));
        examples.put("GET /api/ct/{seriesUid}/structure-sets", (c, a, r) -> Call.of("/api/ct/" + w.patientWithCt(c)[1] + "/structure-sets", null));
        examples.put("POST /api/ct/{seriesUid}/structure-sets", (c, a, r) -> Call.of("/api/ct/"
                + org.seedplan.server.structures.ImagingFixture.create(t, w, c).ctSeriesUid() + "/structure-sets",
                "{\"name\":\"Drawn\",\"structures\":" + org.seedplan.server.structures.StructureJson.write(List.of(
                        org.seedplan.server.structures.ImagingFixture.gtv())) + "}"));
        examples.put("POST /api/ct/{seriesUid}/structure-sets/import", (c, a, r) -> {
            var f = org.seedplan.server.structures.ImagingFixture.create(t, w, c);
            return new Call("/api/ct/" + f.ctSeriesUid() + "/structure-sets/import", null, List.of(f.rtStructFile()), Map.of(), true, null);
        });
        examples.put("POST /api/ct/{seriesUid}/structures/derive", (c, a, r) -> Call.of("/api/ct/"
                + org.seedplan.server.structures.ImagingFixture.create(t, w, c).ctSeriesUid() + "/structures/derive",
                org.seedplan.server.structures.ImagingFixture.expandBody(2)));
        examples.put("GET /api/structure-sets/{setId}", (c, a, r) -> Call.of("/api/structure-sets/"
                + org.seedplan.server.structures.ImagingFixture.create(t, w, c).structureSetId(), null));
        examples.put("PUT /api/structure-sets/{setId}", (c, a, r) -> Call.of("/api/structure-sets/"
                + org.seedplan.server.structures.ImagingFixture.create(t, w, c).structureSetId(), "{\"version\":1,\"structures\":"
                + org.seedplan.server.structures.StructureJson.write(List.of(org.seedplan.server.structures.ImagingFixture.gtv())) + "}"));
        examples.put("GET /api/structure-sets/{setId}/versions", (c, a, r) -> Call.of("/api/structure-sets/"
                + org.seedplan.server.structures.ImagingFixture.create(t, w, c).structureSetId() + "/versions", null));
        // starting and reading a verification: one stored implant per centre, each call a job of its own
        examples.put("POST /api/verifications", (c, a, r) -> Call.of("/api/verifications", verificationFixture(c).startBody()));
        examples.put("GET /api/verifications/{jobId}", (c, a, r) -> Call.of("/api/verifications/"
                + verificationFixture(c).run(signedIn(r, a), false), null));
        examples.put("DELETE /api/verifications/{jobId}", (c, a, r) -> Call.of("/api/verifications/"
                + verificationFixture(c).run(signedIn(r, a), false), null));
        examples.put("POST /api/verifications/{jobId}/post-plan", (c, a, r) -> Call.of("/api/verifications/"
                + org.seedplan.server.verification.VerificationFixture.create(t, w, c).run(signedIn(r, a), true) + "/post-plan", "{}"));
        examples.put("GET /api/verifications/{jobId}/isodoses", (c, a, r) -> Call.of("/api/verifications/"
                + verificationFixture(c).run(signedIn(r, a), true) + "/isodoses?axial=0", null));
        // saving a run's figures: a fresh fixture with its implant recorded against the verified revision, run by the role itself
        examples.put("POST /api/verifications/{jobId}/implant", (c, a, r) -> {
            org.seedplan.server.verification.VerificationFixture f = org.seedplan.server.verification.VerificationFixture.create(t, w, c);
            long revisionId = new org.seedplan.storage.plan.PlanRevisions(t.db).revision(f.planId(), 1).orElseThrow().id();
            new org.seedplan.storage.registry.ImplantRepository(t.db).create(Actor.SYSTEM, new org.seedplan.storage.registry.ImplantData(
                    f.patient().id(), revisionId, java.time.LocalDate.of(2026, 12, 1), 4, null, null, null, null, null, null, null, null, null));
            return Call.of("/api/verifications/" + f.run(signedIn(r, a), true) + "/implant", "{\"version\":1}");
        });
        // plan screen (docs/planning-screen.md): sessions planned once per centre by its physicist, re-made after DELETE
        org.seedplan.server.planning.PlanningFixture pf = new org.seedplan.server.planning.PlanningFixture(t);
        examples.put("GET /api/patients/{id}/planning", (c, a, r) -> Call.of("/api/patients/" + pf.patient(c).id() + "/planning", null));
        examples.put("POST /api/patients/{id}/planning", (c, a, r) -> Call.of("/api/patients/" + pf.patient(c).id() + "/planning",
                org.seedplan.server.planning.PlanningFixture.FORM));
        examples.put("GET /api/planning/{sessionId}", (c, a, r) -> Call.of("/api/planning/" + pf.session(c, a), null));
        examples.put("POST /api/planning/{sessionId}/edits", (c, a, r) -> Call.of("/api/planning/" + pf.session(c, a) + "/edits",
                "{\"op\":\"unlock\",\"needles\":[1]}"));
        examples.put("POST /api/planning/{sessionId}/reoptimise", (c, a, r) -> Call.of("/api/planning/" + pf.session(c, a) + "/reoptimise", "{}"));
        examples.put("GET /api/planning/{sessionId}/uniform", (c, a, r) -> Call.of("/api/planning/" + pf.session(c, a) + "/uniform", null));
        examples.put("POST /api/planning/{sessionId}/revisions", (c, a, r) -> Call.of("/api/planning/" + pf.session(c, a) + "/revisions",
                "{\"name\":\"P\"}"));
        examples.put("DELETE /api/planning/{sessionId}", (c, a, r) -> Call.of("/api/planning/" + pf.session(c, a), null));
        // needles from the intra-operative CT (docs/needles.md): a plan-screen revision and a simulated intra-op CT per centre
        org.seedplan.server.needles.NeedlesFixture nf = new org.seedplan.server.needles.NeedlesFixture(t, pf);
        examples.put("POST /api/plans/{planId}/revisions/{rev}/needles-from-ct", (c, a, r) -> Call.of(nf.of(c, a).path(), nf.of(c, a).body()));
        // model-based dose of a revision (docs/model-based-dose.md): one intent-form plan per centre, runs of 10⁴ photons
        Map<Long, org.seedplan.server.verification.VerificationFixture> mbPlans = new java.util.HashMap<>();
        Example mbPath = (c, a, r) -> Call.of("/api/plans/" + mbPlans.computeIfAbsent(c.id(), id -> {
            try {
                return org.seedplan.server.verification.VerificationFixture.create(t, w, c,
                        org.seedplan.server.verification.VerificationFixture.INTENT_FORM);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).planId() + "/revisions/1/model-based", "{\"photons\":10000,\"uncertaintyPct\":10}");
        Example mbRun = (c, a, r) -> Call.of("/api/model-based/" + signedIn(Role.PHYSICIST, a).post(mbPath.make(c, a, r).path(),
                "{\"photons\":10000,\"uncertaintyPct\":10}").json().get("id").asText(), null);
        examples.put("POST /api/plans/{planId}/revisions/{rev}/model-based", mbPath);
        examples.put("GET /api/plans/{planId}/revisions/{rev}/model-based", (c, a, r) -> Call.of(mbPath.make(c, a, r).path(), null));
        examples.put("GET /api/model-based/{runId}", mbRun);
        examples.put("DELETE /api/model-based/{runId}", mbRun);
        // model-based dose of a verification (docs/model-based-dose.md): one finished verification per centre and role (its starter), runs of 10⁴ photons
        Map<String, String> mbVerifications = new java.util.HashMap<>();
        Example mbvPath = (c, a, r) -> Call.of("/api/verifications/" + mbVerifications.computeIfAbsent(c.id() + "/" + r, k -> {
            try {
                return org.seedplan.server.verification.VerificationFixture.create(t, w, c).run(signedIn(r, a), true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }) + "/model-based", "{\"photons\":10000,\"uncertaintyPct\":10}");
        Example mbvRun = (c, a, r) -> {
            String path = mbvPath.make(c, a, r).path();
            ApiClient.Answer run = signedIn(r, a).post(path, "{\"photons\":10000,\"uncertaintyPct\":10}");
            return Call.of(path + "/" + (run.status() == 202 ? run.json().get("id").asText() : "none"), null);
        };
        examples.put("POST /api/verifications/{jobId}/model-based", mbvPath);
        examples.put("GET /api/verifications/{jobId}/model-based", (c, a, r) -> Call.of(mbvPath.make(c, a, r).path(), null));
        examples.put("GET /api/verifications/{jobId}/model-based/{runId}", mbvRun);
        examples.put("DELETE /api/verifications/{jobId}/model-based/{runId}", mbvRun);
        // follow-up forms and study variables (docs/forms.md)
        org.seedplan.server.forms.FormFixtures ff = new org.seedplan.server.forms.FormFixtures(t.db);
        examples.put("GET /api/patients/{id}/follow-up", (c, a, r) -> Call.of("/api/patients/" + ff.implanted(c.id()).id() + "/follow-up", null));
        examples.put("POST /api/patients/{id}/visit-forms", (c, a, r) -> Call.of("/api/patients/" + ff.implanted(c.id()).id() + "/visit-forms",
                "{\"visitDate\":\"2026-11-02\",\"nrsPain\":3,\"qlqC30\":{\"1\":2,\"29\":5},\"labs\":[{\"name\":\"AFP\",\"value\":12.5,\"unit\":\"ng/mL\"}]}"));
        examples.put("PUT /api/visit-forms/{recordId}", (c, a, r) -> Call.of("/api/visit-forms/" + w.visit(c), "{\"version\":1,\"visitDate\":\"2026-11-01\",\"nrsPain\":2}"));
        examples.put("POST /api/patients/{id}/adverse-events", (c, a, r) -> Call.of("/api/patients/" + ff.implanted(c.id()).id() + "/adverse-events",
                "{\"onsetDate\":\"2026-10\",\"term\":\"Pneumothorax\",\"grade\":2,\"scale\":\"CTCAE_5\"}"));
        examples.put("PUT /api/adverse-events/{recordId}", (c, a, r) -> Call.of("/api/adverse-events/" + ff.adverseEvent(c.id()),
                "{\"version\":1,\"onsetDate\":\"2026-10-05\",\"term\":\"Pneumothorax\",\"grade\":2,\"scale\":\"CTCAE_5\"}"));
        examples.put("POST /api/patients/{id}/progressions", (c, a, r) -> Call.of("/api/patients/" + ff.implanted(c.id()).id() + "/progressions",
                "{\"date\":\"2026-11-20\",\"type\":\"LOCAL\"}"));
        examples.put("PUT /api/progressions/{recordId}", (c, a, r) -> Call.of("/api/progressions/" + ff.progression(c.id()),
                "{\"version\":1,\"date\":\"2026-11-21\",\"type\":\"LOCAL\"}"));
        examples.put("POST /api/patients/{id}/hyperthermia", (c, a, r) -> new Call("/api/patients/" + ff.implanted(c.id()).id() + "/hyperthermia", null,
                List.of(org.seedplan.server.forms.FormFixtures.thermometryLog(t.folder("thermometry"))), Map.of("session", "1", "start", "2026-10-02T09:00"), true, null));
        examples.put("POST /api/hyperthermia/{recordId}/log", (c, a, r) -> new Call("/api/hyperthermia/" + ff.hyperthermiaSession(c.id()) + "/log", null,
                List.of(org.seedplan.server.forms.FormFixtures.thermometryLog(t.folder("thermometry"))), Map.of("version", "1", "start", "2026-10-02T10:00"), true, null));
        examples.put("GET /api/centres/{centreId}/research-studies", (c, a, r) -> Call.of("/api/centres/" + c.id() + "/research-studies", null));
        examples.put("POST /api/centres/{centreId}/research-studies", (c, a, r) -> Call.of("/api/centres/" + c.id() + "/research-studies",
                "{\"code\":\"S" + rnd() + "\",\"name\":\"HCC with PVTT\",\"template\":\"seed-implant\"}"));
        examples.put("POST /api/research-studies/{studyId}/template", (c, a, r) -> Call.of("/api/research-studies/" + ff.study(c.id()).id()
                + "/template", "{\"template\":\"seed-implant\"}"));
        examples.put("POST /api/research-studies/{studyId}/variables", (c, a, r) -> Call.of("/api/research-studies/" + ff.study(c.id()).id()
                + "/variables", "{\"name\":\"child_pugh_score\",\"label\":\"Child-Pugh score\",\"type\":\"NUMBER\",\"min\":5,\"max\":15,\"level\":\"PATIENT\"}"));
        examples.put("PUT /api/study-variables/{variableId}", (c, a, r) -> Call.of("/api/study-variables/" + ff.variable(c.id(), "afp_baseline").id(),
                "{\"version\":1,\"label\":\"AFP at baseline\",\"reason\":\"paper's wording\"}"));
        examples.put("GET /api/patients/{id}/study-values", (c, a, r) -> Call.of("/api/patients/" + w.patient(c).id() + "/study-values", null));
        examples.put("PUT /api/study-values", (c, a, r) -> Call.of("/api/study-values", "{\"variableId\":" + ff.variable(c.id(), "pvtt").id()
                + ",\"recordId\":" + ff.implanted(c.id()).id() + ",\"value\":\"Vp3\"}"));
        examples.put("GET /api/openapi.json", (c, a, r) -> Call.global("/api/openapi.json", null));
    }

    @AfterAll
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void everyRouteHasAnExample() {
        List<String> missing = new ArrayList<>();
        for (Route r : t.server.routes()) {
            if (!examples.containsKey(key(r))) {
                missing.add(key(r));
            }
        }
        assertThat(missing).as("routes without an example in this test").isEmpty();
        assertThat(examples.keySet()).hasSize(t.server.routes().size());
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAsEveryRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Route route : t.server.routes()) {
            tests.add(DynamicTest.dynamicTest(key(route) + " anonymous", () -> {
                Call call = examples.get(key(route)).make(t.a, true, Role.MONITOR);
                int expected = route.permission() == Permission.PUBLIC ? route.successStatus() : 401;
                assertThat(send(new ApiClient(t.base()), route, call).status()).as(key(route) + " anonymous").isEqualTo(expected);
            }));
            for (Role role : Role.values()) {
                boolean allowed = t.services.matrix().allows(role, route.permission());
                tests.add(DynamicTest.dynamicTest(key(route) + " as " + role + " of A on A", () -> {
                    Call call = examples.get(key(route)).make(t.a, true, role);
                    ApiClient.Answer ans = send(client(route, role), route, call);
                    assertThat(ans.status()).as(key(route) + " as " + role + ": " + ans.body()).isEqualTo(allowed ? route.successStatus() : 403);
                }));
                tests.add(DynamicTest.dynamicTest(key(route) + " as " + role + " of A on B", () -> {
                    Call call = examples.get(key(route)).make(t.b, false, role);
                    if (!call.centred()) {
                        return;
                    }
                    ApiClient.Answer ans = send(client(route, role), route, call);
                    if (route.path().equals("/api/audit") && allowed) {
                        // a query, not an object: it answers, but with nothing of centre B
                        assertThat(ans.status()).isEqualTo(200);
                        assertThat((ArrayNode) ans.json()).isEmpty();
                        return;
                    }
                    assertThat(ans.status()).as(key(route) + " as " + role + " on B: " + ans.body()).isEqualTo(allowed ? 404 : 403);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void listsAndSearchesNeverShowAnotherCentre() {
        Patient inB = w.patient(t.b);
        for (Role role : Role.values()) {
            ApiClient c = t.signedIn(role, true);
            ApiClient.Answer list = c.get("/api/patients?q=" + inB.patientId());
            if (list.status() == 200) {
                assertThat(list.json().get("total").asLong()).as(role.name()).isZero();
                assertThat(c.get("/api/patients?centreId=" + t.b.id()).json().get("total").asLong()).isZero();
                ObjectNode all = (ObjectNode) c.get("/api/patients?limit=500").json();
                all.get("items").forEach(i -> assertThat(i.get("centreId").asLong()).isEqualTo(t.a.id()));
            }
            ApiClient.Answer centres = c.get("/api/centres");
            assertThat(centres.json()).hasSize(1);
            assertThat(centres.json().get(0).get("code").asText()).isEqualTo("A");
        }
    }

    private org.seedplan.server.verification.VerificationFixture verificationFixture(Centre c) throws Exception {
        org.seedplan.server.verification.VerificationFixture f = verificationFixtures.get(c.id());
        if (f == null) {
            f = org.seedplan.server.verification.VerificationFixture.create(t, w, c);
            verificationFixtures.put(c.id(), f);
        }
        return f;
    }

    private ApiClient signedIn(Role role, boolean centreA) {
        return actors.computeIfAbsent(name(role, centreA), k -> t.signedIn(role, centreA));
    }

    private ApiClient client(Route route, Role role) {
        if (route.path().startsWith("/api/session")) {
            return t.signedIn(role, true);
        }
        return clients.computeIfAbsent(role, r -> t.signedIn(r, true));
    }

    private ApiClient.Answer send(ApiClient c, Route route, Call call) {
        try {
            if (call.files() != null) {
                return c.multipart(call.path(), call.fields(), call.files());
            }
            return c.send(route.method().name(), call.path(), call.json(), Map.of());
        } finally {
            if (call.after() != null) {
                call.after().run();
            }
        }
    }

    private void resetPassword(String username) {
        User u = t.services.accounts().users().findByUsername(username).orElseThrow();
        t.services.accounts().users().setPassword(Actor.SYSTEM, u.id(), u.version(), TestServer.PASSWORD_HASH, false);
    }

    private User freshUser(Centre c) {
        User u = t.services.accounts().users().create(Actor.SYSTEM, "f" + rnd(), "Fresh User", FRESH_USER_HASH, false);
        t.services.accounts().users().grant(Actor.SYSTEM, u.id(), c.id(), Role.MONITOR, t.clock.instant().minusSeconds(60), "fixture");
        return u;
    }

    private static String name(Role r, boolean a) {
        return r.name().toLowerCase(java.util.Locale.ROOT) + (a ? "_a" : "_b");
    }

    private static String key(Route r) {
        return r.method().name() + " " + r.path();
    }

    private static String rnd() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

}
