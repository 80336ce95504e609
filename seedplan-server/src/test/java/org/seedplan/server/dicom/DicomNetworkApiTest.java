package org.seedplan.server.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;

/**
 * The workstation's DICOM actions over HTTP against a real PACS (Orthanc): the approved plan's RT Plan arrives in
 * Orthanc (fetched back through its REST API: same patient, modality RTPLAN) and the revision is locked; a draft is
 * refused; a data-entry user, a user of another centre and a peer of another centre are all refused; the patient's
 * studies are found by C-FIND and one is fetched into the patient's record; only an administrator keeps the peers.
 */
class DicomNetworkApiTest extends ServerPerClass {

    private PacsFixture pacs;

    @BeforeAll
    void start() throws Exception {
        pacs = PacsFixture.orthanc();
    }

    @Test
    void approvedPlanSentToThePacsArrivesThereAndTheRevisionIsLocked() throws Exception {
        PlanRevisions.Revision r = w.approvedPlan(t.a, true);
        long peer = PacsFixture.peer(t.db, t.a.id());
        ApiClient.Answer sent = t.signedIn(Role.PHYSICIST, true).post("/api/plans/" + r.planId() + "/revisions/1/send", "{\"peerId\":" + peer + "}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        String sop = sent.json().get("sopInstanceUid").asText();
        String id = orthancId(sop);
        byte[] file = pacs.bytes("/instances/" + id + "/file");
        var ds = DicomReader.parse(file, "Orthanc instance " + id).dataSet();
        assertThat(ds.requireString(Tag.MODALITY)).isEqualTo("RTPLAN");
        String patientId = t.db.read(tx -> tx.one("SELECT patient_id FROM patient WHERE id = ?", x -> x.string("patient_id"), r.patientDbId())).orElseThrow();
        assertThat(ds.requireString(Tag.PATIENT_ID)).isEqualTo(patientId);
        assertThat(new PlanRevisions(t.db).revision(r.planId(), 1).orElseThrow().status()).isEqualTo(PlanRevisions.Status.LOCKED);
        assertThat(t.services.audit().forEntity("plan_revision", r.id())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("EXPORT");
            assertThat(e.newValue()).contains(sop, "sent to");
        });
    }

    @Test
    void draftIsRefusedAndNothingIsSent() throws Exception {
        PlanRevisions.Revision r = w.draftPlan(t.a);
        long peer = PacsFixture.peer(t.db, t.a.id());
        ApiClient.Answer a = t.signedIn(Role.PHYSICIAN, true).post("/api/plans/" + r.planId() + "/revisions/1/send", "{\"peerId\":" + peer + "}");
        assertThat(a.status()).as(a.body()).isEqualTo(409);
        assertThat(a.json().get("detail").asText()).contains("DRAFT");
    }

    @Test
    void dataEntryUserOtherCentresUserAndOtherCentresPeerCannotSendAPlan() throws Exception {
        PlanRevisions.Revision inA = w.approvedPlan(t.a, true);
        long peerA = PacsFixture.peer(t.db, t.a.id());
        String path = "/api/plans/" + inA.planId() + "/revisions/1/send";
        assertThat(t.signedIn(Role.DATA_ENTRY, true).post(path, "{\"peerId\":" + peerA + "}").status()).isEqualTo(403);
        assertThat(t.signedIn(Role.PHYSICIST, false).post(path, "{\"peerId\":" + peerA + "}").status()).isEqualTo(404);
        PlanRevisions.Revision inB = w.approvedPlan(t.b, false);
        ApiClient.Answer viaA = t.signedIn(Role.PHYSICIST, false).post("/api/plans/" + inB.planId() + "/revisions/1/send",
                "{\"peerId\":" + peerA + "}");
        assertThat(viaA.status()).as(viaA.body()).isEqualTo(404);
        assertThat(new PlanRevisions(t.db).revision(inA.planId(), 1).orElseThrow().status()).isEqualTo(PlanRevisions.Status.APPROVED);
    }

    @Test
    void patientsStudyIsFoundInThePacsAndFetchedIntoTheRecord() throws Exception {
        Patient p = w.patient(t.a);
        String study = pacs.holdStudyOf(p.patientId());
        long peer = PacsFixture.peer(t.db, t.a.id());
        ApiClient c = t.signedIn(Role.DATA_ENTRY, true);
        ApiClient.Answer found = c.get("/api/patients/" + p.id() + "/pacs/studies?peerId=" + peer);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json()).singleElement().satisfies(s -> {
            assertThat(s.get("studyInstanceUid").asText()).isEqualTo(study);
            assertThat(s.get("instances").asText()).isEqualTo("4");
            assertThat(s.get("inRegistry").asBoolean()).isFalse();
        });
        ApiClient.Answer fetched = c.post("/api/patients/" + p.id() + "/pacs/fetch", "{\"peerId\":" + peer + ",\"studyInstanceUid\":\"" + study + "\"}");
        assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.json().get("stored").asInt()).isEqualTo(4);
        assertThat(fetched.json().get("failed").asInt()).isZero();
        JsonNode page = c.get("/api/patients/" + p.id()).json();
        assertThat(page.toString()).contains(study);
        assertThat(c.get("/api/patients/" + p.id() + "/pacs/studies?peerId=" + peer).json().get(0).get("inRegistry").asBoolean()).isTrue();
        Patient inB = w.patient(t.b);
        assertThat(t.signedIn(Role.DATA_ENTRY, false).get("/api/patients/" + inB.id() + "/pacs/studies?peerId=" + peer).status())
                .as("a peer of centre A for a patient of centre B").isEqualTo(404);
    }

    @Test
    void onlyTheCentresAdministratorKeepsItsPeersAndBadEntriesNameTheField() {
        ApiClient admin = t.signedIn(Role.ADMINISTRATOR, true);
        String body = "{\"centreId\":" + t.a.id() + ",\"aeTitle\":\"CT_ROOM_2\",\"host\":\"10.1.2.3\",\"port\":104,\"maySend\":true}";
        ApiClient.Answer created = admin.post("/api/dicom/peers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.post("/api/dicom/peers", body).json().get("field").asText()).isEqualTo("aeTitle");
        ApiClient.Answer badPort = admin.post("/api/dicom/peers", body.replace("CT_ROOM_2", "CT_ROOM_3").replace("104", "70000"));
        assertThat(badPort.status()).isEqualTo(400);
        assertThat(badPort.json().get("field").asText()).isEqualTo("port");
        assertThat(t.signedIn(Role.PHYSICIAN, true).post("/api/dicom/peers", body.replace("CT_ROOM_2", "CT_ROOM_4")).status()).isEqualTo(403);
        assertThat(t.signedIn(Role.ADMINISTRATOR, false).post("/api/dicom/peers", body.replace("CT_ROOM_2", "CT_ROOM_5")).status()).isEqualTo(404);
        assertThat(t.signedIn(Role.MONITOR, false).get("/api/dicom/peers").json().get("peers").toString()).doesNotContain("CT_ROOM_2");
        assertThat(t.signedIn(Role.MONITOR, true).get("/api/dicom/peers").json().get("peers").toString()).contains("CT_ROOM_2");
    }

    /** Orthanc's identifier of the instance with {@code sop}, by its REST lookup tool. */
    private String orthancId(String sop) throws Exception {
        String answer = pacs.post("/tools/lookup", sop).body();
        Matcher m = Pattern.compile("\"ID\"\\s*:\\s*\"([0-9a-f-]+)\"").matcher(answer);
        assertThat(m.find()).as("Orthanc holds " + sop + ": " + answer).isTrue();
        return m.group(1);
    }
}
