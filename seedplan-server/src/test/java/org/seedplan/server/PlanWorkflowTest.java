package org.seedplan.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.AuditEvent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;

/** Plan approval, locking and export for treatment, and optimistic locking of edits, over HTTP; both databases via the subclasses. */
abstract class PlanWorkflowTest extends ServerPerClass {

    private static String approval(String password, String name) {
        return "{\"password\":\"" + password + "\",\"printedName\":\"" + name + "\",\"meaning\":\"approved for treatment\"}";
    }

    private List<String> actions(PlanRevisions.Revision r) {
        return t.services.audit().forEntity("plan_revision", r.id()).stream().map(AuditEvent::action).toList();
    }

    @Test
    void approvalWithAWrongPasswordIsRefusedAndAudited() throws Exception {
        PlanRevisions.Revision r = w.draftPlan(t.a);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        ApiClient.Answer a = physicist.post("/api/plans/" + r.planId() + "/revisions/1/approval", approval("not my password", "Dr physicist_a"));
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.json().get("field").asText()).isEqualTo("password");
        assertThat(physicist.get("/api/plans/" + r.planId() + "/revisions/1").json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(actions(r)).contains("APPROVE_REFUSED").doesNotContain("APPROVE");
    }

    @Test
    void thePrintedNameMustBeTheSigners() throws Exception {
        PlanRevisions.Revision r = w.draftPlan(t.a);
        ApiClient.Answer a = t.signedIn(Role.PHYSICIAN, true).post("/api/plans/" + r.planId() + "/revisions/1/approval",
                approval(TestServer.PASSWORD, "Dr physicist_a"));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("printedName");
    }

    @Test
    void aDraftIsNeitherExportedNorPrinted() throws Exception {
        PlanRevisions.Revision r = w.draftPlan(t.a);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        assertThat(physicist.get("/api/plans/" + r.planId() + "/revisions/1/export/dicom").status()).isEqualTo(409);
        assertThat(physicist.get("/api/plans/" + r.planId() + "/revisions/1/report.pdf").status()).isEqualTo(409);
        assertThat(actions(r)).doesNotContain("EXPORT");
    }

    @Test
    void approvalSignsLocksOnExportAndThePrintoutSaysWhoApproved() throws Exception {
        PlanRevisions.Revision r = w.draftPlan(t.a);
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        ApiClient.Answer a = physicist.post("/api/plans/" + r.planId() + "/revisions/1/approval", approval(TestServer.PASSWORD, "Dr physicist_a"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(a.json().get("approvedBy").asText()).isEqualTo("Dr physicist_a");
        ApiClient.Answer dicom = physicist.send("GET", "/api/plans/" + r.planId() + "/revisions/1/export/dicom", null, java.util.Map.of());
        assertThat(dicom.status()).isEqualTo(200);
        byte[] bytes = physicist.bytes("/api/plans/" + r.planId() + "/revisions/1/export/dicom");
        var ds = DicomReader.parse(bytes, "export").dataSet();
        assertThat(ds.requireString(Tag.SOP_CLASS_UID)).isEqualTo(Uids.RT_PLAN_STORAGE);
        Patient p = new org.seedplan.storage.registry.PatientRepository(t.db).find(r.patientDbId()).orElseThrow();
        assertThat(ds.requireString(Tag.PATIENT_ID)).isEqualTo(p.patientId());
        byte[] pdf = physicist.bytes("/api/plans/" + r.planId() + "/revisions/1/report.pdf");
        try (var doc = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(doc)).contains("Approved for treatment by Dr physicist_a at ");
        }
        assertThat(physicist.get("/api/plans/" + r.planId() + "/revisions/1").json().get("status").asText()).isEqualTo("LOCKED");
        assertThat(actions(r)).contains("APPROVE", "LOCK", "EXPORT");
    }

    @Test
    void changingAnApprovedPlanNeedsAReasonMakesANewDraftAndItsApprovalRetiresTheOld() throws Exception {
        PlanRevisions.Revision r = w.approvedPlan(t.a, true);
        ApiClient physician = t.signedIn(Role.PHYSICIAN, true);
        String body = "\"sourceModelKey\":\"amersham6711\",\"strengthU\":0.76,\"ctSeriesUid\":\"" + r.content().ctSeriesUid()
                + "\",\"seeds\":[{\"xMm\":0,\"yMm\":0,\"zMm\":2}]";
        ApiClient.Answer noReason = physician.post("/api/plans/" + r.planId() + "/revisions", "{" + body + "}");
        assertThat(noReason.status()).isEqualTo(400);
        ApiClient.Answer second = physician.post("/api/plans/" + r.planId() + "/revisions", "{" + body + ",\"reason\":\"one seed less near the cord\"}");
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("revision").asInt()).isEqualTo(2);
        assertThat(second.json().get("status").asText()).isEqualTo("DRAFT");
        assertThat(physician.get("/api/plans/" + r.planId() + "/revisions/1").json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(physician.post("/api/plans/" + r.planId() + "/revisions/1/approval", approval(TestServer.PASSWORD, "Dr physician_a")).status())
                .isEqualTo(409);
        assertThat(physician.post("/api/plans/" + r.planId() + "/revisions/2/approval", approval(TestServer.PASSWORD, "Dr physician_a")).status())
                .isEqualTo(200);
        assertThat(physician.get("/api/plans/" + r.planId() + "/revisions/1").json().get("status").asText()).isEqualTo("RETIRED");
    }

    @Test
    void anAlteredStoredPlanFailsItsChecksumAndIsNotExported() throws Exception {
        PlanRevisions.Revision r = w.approvedPlan(t.a, true);
        t.db.inTransaction(tx -> tx.update("UPDATE plan_seed SET x_mm = x_mm + 0.001 WHERE revision_id = ? AND seed_index = 0", r.id()));
        ApiClient physicist = t.signedIn(Role.PHYSICIST, true);
        ApiClient.Answer a = physicist.get("/api/plans/" + r.planId() + "/revisions/1/export/dicom");
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.json().get("detail").asText()).contains("checksum");
        assertThat(physicist.get("/api/plans/" + r.planId() + "/revisions/1").json().get("checksumValid").asBoolean()).isFalse();
    }

    @Test
    void theSecondOfTwoEditorsOfOneVersionGets409AndLosesNothing() {
        Patient p = w.patient(t.a);
        ApiClient first = t.signedIn(Role.DATA_ENTRY, true);
        ApiClient second = t.signedIn(Role.PHYSICIAN, true);
        assertThat(first.put("/api/patients/" + p.id(), "{\"version\":1,\"diagnosis\":\"HCC\"}").status()).isEqualTo(200);
        ApiClient.Answer stale = second.put("/api/patients/" + p.id(), "{\"version\":1,\"ecog\":1}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("field").asText()).isEqualTo("version");
        var now = second.get("/api/patients/" + p.id()).json();
        assertThat(now.get("diagnosis").asText()).isEqualTo("HCC");
        assertThat(second.put("/api/patients/" + p.id(), "{\"version\":" + now.get("version").asLong() + ",\"ecog\":1}").status()).isEqualTo(200);
        var after = first.get("/api/patients/" + p.id()).json();
        assertThat(after.get("diagnosis").asText()).isEqualTo("HCC");
        assertThat(after.get("ecog").asInt()).isEqualTo(1);
        assertThat(t.services.audit().forEntity("patient", p.id())).extracting(AuditEvent::field).contains("diagnosis", "ecog");
    }

    @Test
    void ofManyConcurrentWritersOfOneVersionExactlyOneWins() throws Exception {
        Patient p = w.patient(t.a);
        List<ApiClient> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clients.add(t.signedIn(i % 2 == 0 ? Role.DATA_ENTRY : Role.PHYSICIAN, true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ApiClient c = clients.get(i);
                String stage = "T" + i;
                results.add(pool.submit((Callable<Integer>) () -> c.put("/api/patients/" + p.id(), "{\"version\":1,\"stage\":\"" + stage + "\"}").status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(clients.get(0).get("/api/patients/" + p.id()).json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void theRightsHistorySaysWhoCouldReadAPatientOnADate() {
        Patient p = w.patient(t.a);
        var monitor = t.usersA.get(Role.MONITOR);
        String before = t.clock.instant().toString();
        long grant = t.services.accounts().users().rolesAt(monitor.id(), t.clock.instant()).get(0).id();
        t.clock.advance(java.time.Duration.ofMinutes(1));
        t.services.accounts().users().revoke(org.seedplan.storage.Actor.SYSTEM, grant, t.clock.instant(), "moved to another study");
        t.clock.advance(java.time.Duration.ofMinutes(1));
        ApiClient admin = t.signedIn(Role.ADMINISTRATOR, true);
        var then = admin.get("/api/patients/" + p.id() + "/access?at=" + before).json();
        var now = admin.get("/api/patients/" + p.id() + "/access?at=" + t.clock.instant()).json();
        assertThat(then.findValuesAsText("username")).contains("monitor_a", "physician_a").doesNotContain("statistician_a", "physician_b");
        assertThat(now.findValuesAsText("username")).doesNotContain("monitor_a").contains("physician_a");
        t.services.accounts().users().grant(org.seedplan.storage.Actor.SYSTEM, monitor.id(), t.a.id(), Role.MONITOR, t.clock.instant(), "back");
    }

    @Test
    void uploadingDicomCreatesThePatientFromItsPatientId() throws Exception {
        DicomFixture.Written d = DicomFixture.write(t.folder("up"), "UPLOAD-42", "UPLOADED^PAT");
        ApiClient c = t.signedIn(Role.DATA_ENTRY, true);
        ApiClient.Answer a = c.multipart("/api/studies", java.util.Map.of("centreId", Long.toString(t.a.id())), d.files());
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.json().get("patientId").asText()).isEqualTo("UPLOAD-42");
        assertThat(a.json().get("studyInstanceUid").asText()).isEqualTo(d.studyUid());
        assertThat(a.json().get("seriesCount").asInt()).isEqualTo(2);
        assertThat(a.json().get("instanceCount").asInt()).isEqualTo(4);
        var page = c.get("/api/patients/" + a.json().get("id").asLong()).json();
        assertThat(page.get("studies").get(0).get("series")).hasSize(2);
        assertThat(t.signedIn(Role.DATA_ENTRY, false).get("/api/patients/" + a.json().get("id").asLong()).status()).isEqualTo(404);
    }
}
