package org.seedplan.server.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.TemperatureSample;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.server.verification.VerificationFixture;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.HyperthermiaRecord;
import org.seedplan.storage.registry.HyperthermiaRepository;
import org.seedplan.storage.registry.ImplantData;
import org.seedplan.storage.registry.ImplantRecord;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.VisitData;
import org.seedplan.storage.registry.VisitRecord;
import org.seedplan.storage.registry.VisitRepository;
import org.seedplan.storage.studyvars.ResearchStudy;
import org.seedplan.storage.studyvars.StudyTemplate;
import org.seedplan.storage.studyvars.StudyValue;
import org.seedplan.storage.studyvars.StudyVariableRepository;

/**
 * {@code GET /api/audit?patientId=}: a patient's verification runs, by kind of object and of event, a page at a time, and the rows
 * about the patient record, its implants, visits, lesions, plans and plan revisions, written without a patient (as every such row
 * was, before storage V014 too) and found through the record, the chain untouched; an auditor of centre A sees nothing of centre B's patients, not even
 * that one exists (404 for a guessed id, as for an id that exists nowhere), and B's auditor nothing of A's; a role without
 * READ_AUDIT is refused; each bad filter value is a problem naming its field.
 * SQLite here, PostgreSQL in {@link AuditByPatientApiPostgresTest}.
 */
class AuditByPatientApiTest extends ServerPerClass {

    private VerificationFixture inA;
    private VerificationFixture inB;
    private String runA;
    private String runB;
    private PlanRevisions.Revision planA;
    private PlanRevisions.Revision planB;

    @BeforeAll
    void oneFinishedRunInEachCentre() throws Exception {
        inA = VerificationFixture.create(t, w, t.a);
        inB = VerificationFixture.create(t, w, t.b);
        ApiClient physicistA = t.signedIn(Role.PHYSICIST, true);
        ApiClient physicistB = t.signedIn(Role.PHYSICIST, false);
        runA = inA.run(physicistA, true);
        runB = inB.run(physicistB, true);
        // a plan of each patient made by a physicist of its centre: its rows name no patient, as the plan rows before V014
        PlanRevisions plans = new PlanRevisions(t.db);
        planA = plans.createPlan(new Actor(null, "physicist_a", Role.PHYSICIST, t.a.id(), null), inA.patient().id(), "Second plan",
                VerificationFixture.plan("{\"target\":\"CTV\"}", inA.planCtSeriesUid(), 120, null), t.clock.instant());
        planB = plans.createPlan(new Actor(null, "physicist_b", Role.PHYSICIST, t.b.id(), null), inB.patient().id(), "Second plan",
                VerificationFixture.plan("{\"target\":\"CTV\"}", inB.planCtSeriesUid(), 120, null), t.clock.instant());
    }

    private static String rows(JsonNode page) {
        StringBuilder sb = new StringBuilder();
        page.forEach(r -> sb.append(r.get("entityId").asText()).append(' ').append(r.get("action").asText()).append(';'));
        return sb.toString();
    }

    @Test
    void anAuditorListsAPatientsRunsByKindAPageAtATime() {
        ApiClient monitor = t.signedIn(Role.MONITOR, true);
        String of = "/api/audit?patientId=" + inA.patient().id() + "&entity=verification_run";
        JsonNode all = monitor.get(of).json();
        assertThat(rows(all)).isEqualTo(runA + " VERIFICATION_START;" + runA + " VERIFICATION_DONE;");
        all.forEach(r -> {
            assertThat(r.get("patientId").asLong()).isEqualTo(inA.patient().id());
            assertThat(r.get("centreId").asLong()).isEqualTo(t.a.id());
            assertThat(r.get("entity").asText()).isEqualTo("verification_run");
        });
        assertThat(rows(monitor.get(of + "&action=VERIFICATION_DONE").json())).isEqualTo(runA + " VERIFICATION_DONE;");
        assertThat(monitor.get(of + "&action=VERIFICATION_FAILED").json()).isEmpty();
        // pages of one row: the next page starts after the last row's seq; an empty page after the last
        JsonNode first = monitor.get(of + "&limit=1").json();
        assertThat(rows(first)).isEqualTo(runA + " VERIFICATION_START;");
        JsonNode second = monitor.get(of + "&limit=1&afterSeq=" + first.get(0).get("seq").asLong()).json();
        assertThat(rows(second)).isEqualTo(runA + " VERIFICATION_DONE;");
        assertThat(monitor.get(of + "&limit=1&afterSeq=" + second.get(0).get("seq").asLong()).json()).isEmpty();
        // the administrator audits too; the one-record form finds the same rows by the run's id
        assertThat(rows(t.signedIn(Role.ADMINISTRATOR, true).get(of).json())).isEqualTo(rows(all));
        assertThat(rows(monitor.get("/api/audit?entity=verification_run&id=" + runA).json())).isEqualTo(rows(all));
        assertThat(rows(monitor.get("/api/audit?entity=verification_run&id=" + runA + "&action=VERIFICATION_START").json()))
                .isEqualTo(runA + " VERIFICATION_START;");
    }

    /**
     * The rows about a plan and its revisions carry no patient (the chain's rows are never rewritten to add one): listed for the
     * plan's patient, found at query time through the plan's patient, and only those of the patient's own plans; the chain still
     * verifies.
     */
    @Test
    void aPatientsPlanRowsWrittenWithoutThePatientAreListedThroughThePlan() {
        ApiClient monitorA = t.signedIn(Role.MONITOR, true);
        String ofA = "/api/audit?patientId=" + inA.patient().id();
        JsonNode revisionRows = monitorA.get(ofA + "&entity=plan_revision").json();
        JsonNode planRows = monitorA.get(ofA + "&entity=plan").json();
        assertThat(revisionRows).as("one CREATE row per column of the revision").isNotEmpty();
        assertThat(planRows).isNotEmpty();
        revisionRows.forEach(r -> {
            assertThat(r.get("patientId").isNull()).as("written without its patient: " + r).isTrue();
            assertThat(r.get("entityId").asText()).isEqualTo(Long.toString(planA.id()));
            assertThat(r.get("action").asText()).isEqualTo("CREATE");
        });
        planRows.forEach(r -> assertThat(r.get("entityId").asText()).isEqualTo(Long.toString(planA.planId())));
        assertThat(rows(monitorA.get(ofA + "&entity=plan_revision&action=CREATE").json())).isEqualTo(rows(revisionRows));
        // the same rows as the one-record form's, and with the runs when no kind is named
        assertThat(rows(monitorA.get("/api/audit?entity=plan_revision&id=" + planA.id()).json())).isEqualTo(rows(revisionRows));
        JsonNode everything = monitorA.get(ofA + "&limit=1000").json();
        assertThat(rows(everything)).contains(rows(revisionRows)).contains(rows(planRows)).contains(runA + " VERIFICATION_DONE;")
                .doesNotContain(runB);
        java.util.Set<String> revisions = new java.util.TreeSet<>();
        everything.forEach(r -> {
            if (r.get("entity").asText().equals("plan_revision")) {
                revisions.add(r.get("entityId").asText());
            }
        });
        assertThat(revisions).as("A's revision only, not B's " + planB.id()).containsExactly(Long.toString(planA.id()));
        // B's auditor sees B's patient's plan rows and not A's
        String ofB = rows(t.signedIn(Role.MONITOR, false).get("/api/audit?patientId=" + inB.patient().id() + "&entity=plan_revision").json());
        assertThat(ofB).isNotEmpty().startsWith(planB.id() + " CREATE;").doesNotContain(planA.id() + " CREATE;");
        assertThat(t.services.audit().verify().intact()).as("the chain still verifies").isTrue();
    }

    /**
     * The rows about the patient record itself and about its implants, visits and lesions carry no patient either: listed for the
     * patient through the record (its id for the patient; the record's patient_id, or for a record since deleted its own CREATE
     * row's patient_id), in the order they were written, as the one-record form lists them; never another patient's records.
     */
    @Test
    void aPatientsRecordAndItsImplantsVisitsAndLesionsAreListedEvenOnceDeleted() {
        Actor dataEntryA = new Actor(null, "data_entry_a", Role.DATA_ENTRY, t.a.id(), null);
        Actor dataEntryB = new Actor(null, "data_entry_b", Role.DATA_ENTRY, t.b.id(), null);
        long pa = inA.patient().id();
        long pb = inB.patient().id();
        PatientRepository patients = new PatientRepository(t.db);
        Patient a = patients.find(pa).orElseThrow();
        patients.update(dataEntryA, pa, a.version(), a.data().withName("Audited", "Anna"), "name as on the referral");
        LesionRepository lesions = new LesionRepository(t.db);
        LesionRecord kept = lesions.create(dataEntryA, new LesionData(pa, "AUD1", "liver", null, false, true, 30.0, null, null, null));
        LesionRecord gone = lesions.create(dataEntryA, new LesionData(pa, "AUD2", "liver", null, false, false, 12.0, null, null, null));
        lesions.delete(dataEntryA, gone.id(), gone.version(), "entered on the wrong patient");
        LesionRecord ofB = lesions.create(dataEntryB, new LesionData(pb, "AUD1", "liver", null, false, true, 25.0, null, null, null));
        VisitRecord visit = new VisitRepository(t.db).create(dataEntryA, new VisitData(pa, LocalDate.of(2026, 12, 2), 2, null, false,
                null, List.of(), Map.of(), List.of()));
        // an implant as a cohort import stores it (no CREATE row), then corrected: found through implant.patient_id
        long imported = t.db.inTransaction(tx -> tx.insert("INSERT INTO implant (patient_id, implant_date, seed_count, version)"
                + " VALUES (?, ?, ?, 1)", pa, LocalDate.of(2026, 11, 1), 40));
        ImplantRepository implants = new ImplantRepository(t.db);
        ImplantRecord before = implants.find(imported).orElseThrow();
        ImplantData d = before.data();
        implants.update(dataEntryA, imported, before.version(), new ImplantData(pa, null, d.implantDate(), 42, null, null, null, null, null,
                null, null, null, null), "seed count from the theatre log");

        ApiClient monitorA = t.signedIn(Role.MONITOR, true);
        String ofA = "/api/audit?patientId=" + pa;
        JsonNode lesionRows = monitorA.get(ofA + "&entity=lesion&limit=1000").json();
        assertThat(rows(lesionRows)).as("both lesions' rows, the deleted one's DELETE rows too, in the order written")
                .isEqualTo(rows(monitorA.get("/api/audit?entity=lesion&id=" + kept.id()).json())
                        + rows(monitorA.get("/api/audit?entity=lesion&id=" + gone.id()).json()))
                .contains(gone.id() + " DELETE;").doesNotContain(ofB.id() + " ");
        lesionRows.forEach(r -> assertThat(r.get("patientId").isNull()).as("written without its patient: " + r).isTrue());
        assertThat(rows(monitorA.get(ofA + "&entity=visit").json())).isEqualTo(rows(monitorA.get("/api/audit?entity=visit&id=" + visit.id()).json()))
                .startsWith(visit.id() + " CREATE;");
        assertThat(rows(monitorA.get(ofA + "&entity=implant").json())).isEqualTo(rows(monitorA.get("/api/audit?entity=implant&id=" + imported).json()))
                .startsWith(imported + " UPDATE;").doesNotContain("CREATE");
        JsonNode patientRows = monitorA.get(ofA + "&entity=patient&action=UPDATE").json();
        assertThat(patientRows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("entityId").asText()).isEqualTo(Long.toString(pa));
            assertThat(r.get("reason").asText()).isEqualTo("name as on the referral");
        });
        assertThat(rows(monitorA.get(ofA + "&limit=1000").json())).contains(rows(lesionRows)).contains(rows(patientRows));
        // B's auditor sees B's lesion and none of A's records
        String lesionsOfB = rows(t.signedIn(Role.MONITOR, false).get("/api/audit?patientId=" + pb + "&entity=lesion").json());
        assertThat(lesionsOfB).startsWith(ofB.id() + " CREATE;").doesNotContain(kept.id() + " ").doesNotContain(gone.id() + " ");
        assertThat(t.services.audit().verify().intact()).as("the chain still verifies").isTrue();
    }

    /**
     * A patient's study value (changed), another (deleted), two hyperthermia sessions (one log replaced, one deleted), a CT
     * study of two series received for the patient and a structure set on it (saved twice), each written by the patient's
     * centre: the ids of each kind, by entity.
     */
    private Map<String, List<String>> studyValuesHyperthermiaAndDicom(org.seedplan.storage.registry.Centre c, Patient p) {
        Actor a = new Actor(null, "data_entry_" + c.code().toLowerCase(java.util.Locale.ROOT), Role.DATA_ENTRY, c.id(), null);
        StudyVariableRepository vars = new StudyVariableRepository(t.db);
        ResearchStudy study = vars.createStudy(a, c.id(), "AUD", "Audit by patient");
        vars.defineAll(a, study.id(), StudyTemplate.seedImplant());
        Map<String, Long> byName = new java.util.HashMap<>();
        vars.variablesOf(study.id()).forEach(v -> byName.put(v.definition().name(), v.id()));
        StudyValue pvtt = vars.setValue(a, byName.get("pvtt"), p.id(), 1, "Vp3", null, null);
        vars.setValue(a, byName.get("pvtt"), p.id(), 1, "Vp2", pvtt.version(), "read again");
        StudyValue afp = vars.setValue(a, byName.get("afp_baseline"), p.id(), 1, "420", null, null);
        vars.deleteValue(a, afp.id(), afp.version(), "another patient's lab sheet");
        HyperthermiaRepository heat = new HyperthermiaRepository(t.db);
        List<TemperatureSample> log = List.of(new TemperatureSample(0, 1, 37.0), new TemperatureSample(30, 1, 42.5));
        HyperthermiaRecord first = heat.create(a, p.id(), new HyperthermiaSession(p.patientId(), 1, LocalDateTime.of(2026, 11, 2, 9, 0), log));
        heat.replace(a, first.id(), first.version(), first.start(), List.of(log.get(0), log.get(1), new TemperatureSample(60, 1, 42.8)),
                "second half of the log");
        HyperthermiaRecord second = heat.create(a, p.id(), new HyperthermiaSession(p.patientId(), 2, LocalDateTime.of(2026, 11, 9, 9, 0), log));
        heat.delete(a, second.id(), second.version(), "uploaded twice");
        String root = "1.2.826.0.1.3680043.9.7777.80." + c.id();
        DicomStore store = DicomStore.open(t.db);
        for (int series = 1; series <= 2; series++) {
            store.store(a, p.id(), DicomWriter.encode(DataSet.builder("test").put(Tag.SOP_CLASS_UID, "1.2.840.10008.5.1.4.1.1.2")
                    .put(Tag.SOP_INSTANCE_UID, root + "." + series + ".1").put(Tag.PATIENT_ID, p.patientId()).put(Tag.STUDY_INSTANCE_UID, root)
                    .put(Tag.SERIES_INSTANCE_UID, root + "." + series).put(Tag.MODALITY, "CT").build()), "received from the scanner");
        }
        StructureSetStore sets = new StructureSetStore(t.db, t.services.audit());
        long set = sets.create(a, p.id(), root + ".1", root + ".9", "Targets", "drawn", "[]", t.clock.instant());
        sets.save(a, set, 1, "drawn", "[]", t.clock.instant());
        long studyId = t.db.read(tx -> tx.number("SELECT id FROM dicom_study WHERE study_instance_uid = ?", root));
        List<String> series = t.db.read(tx -> tx.query("SELECT id FROM dicom_series WHERE study_id = ? ORDER BY id",
                r -> Long.toString(r.longValue("id")), studyId));
        return Map.of("study_value", List.of(Long.toString(pvtt.id()), Long.toString(afp.id())),
                "hyperthermia_session", List.of(Long.toString(first.id()), Long.toString(second.id())),
                "dicom_study", List.of(Long.toString(studyId)), "dicom_series", series, "structure_set", List.of(Long.toString(set)),
                "dicom_instance", t.db.read(tx -> tx.query("SELECT i.id FROM dicom_instance i JOIN dicom_series s ON s.id = i.series_id"
                        + " WHERE s.study_id = ? ORDER BY i.id", r -> Long.toString(r.longValue("id")), studyId)));
    }

    /**
     * The rows about a patient's study values, hyperthermia sessions (whose rows record their temperature logs), the DICOM
     * studies, series and instances received for the patient and its structure sets carry no patient either: listed for the patient, the deleted value's and
     * session's too, each kind exactly as the one-record form lists its records; never B's patient's, for either auditor. Before,
     * these kinds were refused (400: not listed by patient).
     */
    @Test
    void aPatientsStudyValuesHyperthermiaSessionsAndDicomStudiesAreListed() {
        Map<String, List<String>> ofA = studyValuesHyperthermiaAndDicom(t.a, inA.patient());
        Map<String, List<String>> ofB = studyValuesHyperthermiaAndDicom(t.b, inB.patient());
        ApiClient monitorA = t.signedIn(Role.MONITOR, true);
        ApiClient monitorB = t.signedIn(Role.MONITOR, false);
        for (String kind : ofA.keySet()) {
            String listed = rows(monitorA.get("/api/audit?patientId=" + inA.patient().id() + "&entity=" + kind + "&limit=1000").json());
            StringBuilder oneByOne = new StringBuilder();
            ofA.get(kind).forEach(id -> oneByOne.append(rows(monitorA.get("/api/audit?entity=" + kind + "&id=" + id + "&limit=1000").json())));
            assertThat(listed).as(kind).isNotEmpty().isEqualTo(oneByOne.toString());
            String listedForB = rows(monitorB.get("/api/audit?patientId=" + inB.patient().id() + "&entity=" + kind + "&limit=1000").json());
            assertThat(listedForB).as(kind + " of B's patient").startsWith(ofB.get(kind).get(0) + " CREATE;");
            for (String id : ofB.get(kind)) {
                assertThat(listed).as(kind + " of A's patient").doesNotContain(id + " ");
            }
            for (String id : ofA.get(kind)) {
                assertThat(listedForB).as(kind + " of B's patient").doesNotContain(id + " ");
            }
        }
        assertThat(rows(monitorA.get("/api/audit?patientId=" + inA.patient().id() + "&entity=hyperthermia_session&action=DELETE").json()))
                .startsWith(ofA.get("hyperthermia_session").get(1) + " DELETE;");
        assertThat(t.services.audit().verify().intact()).as("the chain still verifies").isTrue();
    }

    @Test
    void noAuditorSeesAnotherCentresPatientEvenByGuessingItsId() {
        ApiClient monitorA = t.signedIn(Role.MONITOR, true);
        ApiClient.Answer guessed = monitorA.get("/api/audit?patientId=" + inB.patient().id());
        ApiClient.Answer nowhere = monitorA.get("/api/audit?patientId=987654321");
        assertThat(guessed.status()).isEqualTo(404);
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(guessed.json().get("title").asText()).isEqualTo(nowhere.json().get("title").asText());
        assertThat(guessed.body()).doesNotContain(runB);
        assertThat(t.signedIn(Role.ADMINISTRATOR, true).get("/api/audit?patientId=" + inB.patient().id()).status()).isEqualTo(404);
        assertThat(monitorA.get("/api/audit?entity=verification_run&id=" + runB).json()).as("B's run by its id").isEmpty();
        ApiClient monitorB = t.signedIn(Role.MONITOR, false);
        assertThat(monitorB.get("/api/audit?patientId=" + inA.patient().id()).status()).isEqualTo(404);
        assertThat(rows(monitorB.get("/api/audit?patientId=" + inB.patient().id() + "&entity=verification_run").json()))
                .isEqualTo(runB + " VERIFICATION_START;" + runB + " VERIFICATION_DONE;");
        // the run's starter, without READ_AUDIT
        assertThat(t.signedIn(Role.PHYSICIST, true).get("/api/audit?patientId=" + inA.patient().id()).status()).isEqualTo(403);
    }

    @Test
    void aBadFilterValueIsAProblemNamingItsField() {
        ApiClient monitor = t.signedIn(Role.MONITOR, true);
        String of = "/api/audit?patientId=" + inA.patient().id();
        refused(monitor, "/api/audit?patientId=seven", "patientId", "whole number");
        refused(monitor, of + "&entity=session", "entity", "study_value");
        refused(monitor, of + "&entity=plan&action=APPROVE", "action", "CREATE");
        refused(monitor, of + "&action=verification_done", "action", "capitals");
        refused(monitor, of + "&entity=verification_run&action=MODEL_BASED_DOSE_RUN_DONE", "action", "VERIFICATION_CANCELLED");
        refused(monitor, of + "&entity=model_based_run&action=VERIFICATION_DONE", "action", "VERIFICATION_MODEL_BASED_DOSE_RUN_CANCELLED");
        refused(monitor, of + "&limit=0", "limit", "1–1000");
        refused(monitor, of + "&limit=5000", "limit", "1–1000");
        refused(monitor, of + "&limit=ten", "limit", "whole number");
        refused(monitor, of + "&afterSeq=-1", "afterSeq", "0 or more");
        refused(monitor, of + "&entity=verification_run&id=" + runA, "id", "not both");
        refused(monitor, "/api/audit?entity=verification_run", "id", "missing");
        refused(monitor, "/api/audit", "entity", "patientId");
    }

    private static void refused(ApiClient c, String path, String field, String says) {
        ApiClient.Answer a = c.get(path);
        assertThat(a.status()).as(path + ": " + a.body()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).as(path).isEqualTo(field);
        assertThat(a.json().get("detail").asText()).as(path).contains(says);
    }
}
