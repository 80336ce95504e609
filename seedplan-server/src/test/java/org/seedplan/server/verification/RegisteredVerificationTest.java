package org.seedplan.server.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.consistency.RigidRegistration;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.ApiClient;
import org.seedplan.server.ServerPerClass;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.registry.Patient;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;

/**
 * Verification of a post-op CT taken in another Frame of Reference than the plan's: a stored Spatial Registration of the
 * patient that links the two frames brings it into the plan's frame (found without being named, also when stored the other
 * way round, and from an object written by pydicom); another patient's registration, one linking other frames and a matrix
 * that scales are refused naming {@code registrationUid}; without a registration the user must confirm scanner coordinates.
 */
class RegisteredVerificationTest extends ServerPerClass {

    /**
     * Post-op CT → plan: turned 8° about z and 4° about x, then moved (12, −7, 4) mm. Without it every seed would lie 14–15 mm
     * from where it is in the plan's frame, beyond the matcher's 10 mm gate.
     */
    static final double[] POST_TO_PLAN = rigid(8, 4, new Vec3(12, -7, 4));
    /**
     * Found seeds in the plan's frame within 0.5 mm of where they lie: the tolerance of VerificationApiTest on the same
     * rendered seeds in one frame (a fifth of the 2 mm slice on which a seed centre is fitted), kept although the post-op CT
     * is resampled (trilinear) into the plan's frame first.
     */
    static final double FOUND_TOLERANCE_MM = 0.5;

    private ApiClient physicist;

    @BeforeAll
    void start() throws Exception {
        physicist = t.signedIn(Role.PHYSICIST, true);
    }

    @Test
    void aStoredRegistrationWrittenByPydicomBringsThePostOpCtIntoThePlansFrameWithoutBeingNamed() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        PostOp post = postOpInAnotherFrame(f);
        String reg = storePydicomRegistration(f.patient(), post, planFrame(f), post.frame(), POST_TO_PLAN);
        JsonNode r = verified(f, post, null);
        assertSeedsInThePlansFrame(r, reg);

        // the post-implant plan lies on the post-op CT: its seeds are where the seeds are in that CT's own coordinates
        ApiClient.Answer plan = physicist.post("/api/verifications/" + r.get("jobId").asText() + "/post-plan", "{}");
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        JsonNode rev = physicist.get("/api/plans/" + plan.json().get("planId").asLong() + "/revisions/1").json();
        assertThat(rev.get("ctSeriesUid").asText()).isEqualTo(post.series());
        List<Vec3> stored = new ArrayList<>();
        rev.get("seeds").forEach(s -> stored.add(new Vec3(s.get("xMm").asDouble(), s.get("yMm").asDouble(), s.get("zMm").asDouble())));
        for (Vec3 truth : post.seedsInItsFrame()) {
            assertThat(stored.stream().mapToDouble(truth::distanceTo).min().orElseThrow()).as("post-plan seed at %s", truth)
                    .isLessThan(FOUND_TOLERANCE_MM);
        }
        assertThat(rev.get("intent").get("registrationUid").asText()).isEqualTo(reg);
    }

    @Test
    void aRegistrationStoredFromThePlansFrameIntoThePostOpFrameIsInverted() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        PostOp post = postOpInAnotherFrame(f);
        String reg = storeRegistration(f.patient(), post.study(), post.frame(), planFrame(f), RigidRegistration.inverse(POST_TO_PLAN));
        assertSeedsInThePlansFrame(verified(f, post, reg), reg);
    }

    @Test
    void anotherPatientsRegistrationIsNotUsedAndRefusedWhenNamed() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        PostOp post = postOpInAnotherFrame(f);
        // filed under another patient of the same centre, yet linking exactly this patient's two frames
        VerificationFixture other = VerificationFixture.create(t, w, t.a);
        String reg = storeRegistration(other.patient(), StudyContext.newStudy(info(other.patient())).studyInstanceUid(), planFrame(f),
                post.frame(), POST_TO_PLAN);
        ApiClient.Answer unnamed = start(f, post, null);
        assertThat(unnamed.status()).as(unnamed.body()).isEqualTo(400);
        assertThat(unnamed.json().get("field").asText()).isEqualTo("acceptScannerCoordinates");
        ApiClient.Answer named = start(f, post, reg);
        assertThat(named.status()).as(named.body()).isEqualTo(422);
        assertThat(named.json().get("field").asText()).isEqualTo("registrationUid");
        assertThat(named.json().get("detail").asText()).contains(reg, "is not a stored Spatial Registration of the patient of plan " + f.planId());
    }

    @Test
    void aRegistrationLinkingOtherFramesIsNotUsedAndRefusedWhenNamed() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        PostOp post = postOpInAnotherFrame(f);
        // the post-op CT registered to some third frame, not to the planning CT
        String elsewhere = Uids.newUid();
        String reg = storeRegistration(f.patient(), post.study(), elsewhere, post.frame(), POST_TO_PLAN);
        ApiClient.Answer unnamed = start(f, post, null);
        assertThat(unnamed.status()).as(unnamed.body()).isEqualTo(400);
        assertThat(unnamed.json().get("field").asText()).isEqualTo("acceptScannerCoordinates");
        ApiClient.Answer named = start(f, post, reg);
        assertThat(named.status()).as(named.body()).isEqualTo(422);
        assertThat(named.json().get("field").asText()).isEqualTo("registrationUid");
        assertThat(named.json().get("detail").asText()).contains(elsewhere, "does not link the CT's Frame of Reference " + post.frame());
        // confirming scanner coordinates does not get a wrong named registration through
        ApiClient.Answer confirmed = physicist.post("/api/verifications", body(f, post, reg).replace("}", ",\"acceptScannerCoordinates\":true}"));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(422);
    }

    @Test
    void aMatrixWithScalingOrDeclaredAffineIsRefusedNamingTheRegistrationEvenWhenScannerCoordinatesAreConfirmed() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        PostOp post = postOpInAnotherFrame(f);
        double[] scaled = POST_TO_PLAN.clone();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                scaled[4 * i + j] *= 1.05;
            }
        }
        String reg = storeRegistration(f.patient(), post.study(), planFrame(f), post.frame(), scaled);
        for (String body : List.of(body(f, post, null), body(f, post, reg), body(f, post, null).replace("}", ",\"acceptScannerCoordinates\":true}"))) {
            ApiClient.Answer a = physicist.post("/api/verifications", body);
            assertThat(a.status()).as(body + " → " + a.body()).isEqualTo(422);
            assertThat(a.json().get("field").asText()).isEqualTo("registrationUid");
            assertThat(a.json().get("detail").asText()).contains("registration " + reg, "not rigid", "determinant 1.1576");
            assertThat(a.json().get("detail").asText()).doesNotContain(t.db.dataFolder().toString());
        }
        // a matrix declared AFFINE is refused even when it happens to be rigid
        String affine = storeRegistration(f.patient(), post.study(), planFrame(f), post.frame(), POST_TO_PLAN, "AFFINE");
        ApiClient.Answer a = start(f, post, affine);
        assertThat(a.status()).as(a.body()).isEqualTo(422);
        assertThat(a.json().get("field").asText()).isEqualTo("registrationUid");
        assertThat(a.json().get("detail").asText()).contains("registration " + affine, "'AFFINE', not RIGID");
    }

    @Test
    void twoStoredRegistrationsLinkingTheFramesMustBeChosenBetween() throws Exception {
        VerificationFixture f = VerificationFixture.create(t, w, t.a);
        PostOp post = postOpInAnotherFrame(f);
        String one = storeRegistration(f.patient(), post.study(), planFrame(f), post.frame(), POST_TO_PLAN);
        String two = storeRegistration(f.patient(), post.study(), planFrame(f), post.frame(), rigid(0, 0, new Vec3(12, -7, 4)));
        ApiClient.Answer a = start(f, post, null);
        assertThat(a.status()).as(a.body()).isEqualTo(409);
        assertThat(a.json().get("field").asText()).isEqualTo("registrationUid");
        assertThat(a.json().get("detail").asText()).contains(one, two);
    }

    // ---- the post-op CT in its own frame, and its registrations

    /**
     * A post-op CT of the fixture's patient in a new study and Frame of Reference.
     *
     * @param seedsInItsFrame where each implanted seed lies in this CT's coordinates (the fixture's order), mm
     * @param seedsInPlanFrame the same seeds in the plan's frame: planned + the fixture's shift
     */
    record PostOp(String study, String series, String frame, List<Vec3> seedsInItsFrame, List<Vec3> seedsInPlanFrame) {
    }

    /** The fixture's implant (each seed 1 mm from its plan) scanned in a new frame related to the plan's by {@link #POST_TO_PLAN}. */
    private PostOp postOpInAnotherFrame(VerificationFixture f) throws IOException {
        double[] back = RigidRegistration.inverse(POST_TO_PLAN);
        Vec3 axis = direction(back, new Vec3(0, 1, 0));
        List<Vec3> inPlan = VerificationFixture.SEEDS.stream().map(s -> s.plus(VerificationFixture.SHIFT_MM)).toList();
        List<Vec3> inPost = inPlan.stream().map(p -> RigidRegistration.applyToPoint(back, p)).toList();
        for (int i = 0; i < inPlan.size(); i++) {
            assertThat(inPost.get(i).distanceTo(inPlan.get(i))).as("without the registration the seed would be beyond the gate").isGreaterThan(12);
        }
        float[] hu = new float[VerificationFixture.GRID.voxelCount()];
        Arrays.fill(hu, 0f);
        List<SeedPose> implanted = inPost.stream().map(p -> new SeedPose(p, axis, SeedPose.Arrangement.ISOLATED)).toList();
        Volume ct = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(new Volume(VerificationFixture.GRID, hu), implanted, 11);
        StudyContext study = new StudyContext(info(f.patient()), Uids.newUid(), Uids.newUid(), LocalDateTime.of(2026, 12, 2, 9, 0));
        String series = Uids.newUid();
        DicomStore store = DicomStore.open(t.db);
        for (DataSet slice : CtSeriesWriter.slices(ct, study, series)) {
            store.store(Actor.SYSTEM, f.patient().id(), DicomWriter.encode(slice), "post-op CT in its own frame");
        }
        return new PostOp(study.studyInstanceUid(), series, study.frameOfReferenceUid(), inPost, inPlan);
    }

    /** A Spatial Registration (PS3.3 C.20.2, one RIGID matrix mapping {@code movingFrame} into {@code fixedFrame}) written by seedplan. */
    private String storeRegistration(Patient p, String studyUid, String fixedFrame, String movingFrame, double[] matrix) {
        return storeRegistration(p, studyUid, fixedFrame, movingFrame, matrix, "RIGID");
    }

    /** As above with the matrix declared of {@code type} (RIGID, RIGID_SCALE or AFFINE: the defined terms of Frame of Reference Transformation Matrix Type). */
    private String storeRegistration(Patient p, String studyUid, String fixedFrame, String movingFrame, double[] matrix, String type) {
        DataSet m = DataSet.builder("matrix").put(Tag.FRAME_OF_REFERENCE_TRANSFORMATION_MATRIX_TYPE, type)
                .numbers(Tag.FRAME_OF_REFERENCE_TRANSFORMATION_MATRIX, matrix).build();
        DataSet item = DataSet.builder("registration").put(Tag.FRAME_OF_REFERENCE_UID, movingFrame)
                .sequence(Tag.MATRIX_REGISTRATION_SEQUENCE, DataSet.builder("matrix registration").sequence(Tag.MATRIX_SEQUENCE, m).build()).build();
        String uid = Uids.newUid();
        DataSet reg = new StudyContext(info(p), studyUid, fixedFrame, LocalDateTime.of(2026, 12, 2, 10, 0))
                .start("registration", SPATIAL_REGISTRATION, uid, "REG", Uids.newUid(), 90).sequence(Tag.REGISTRATION_SEQUENCE, item).build();
        DicomStore.open(t.db).store(Actor.SYSTEM, p.id(), DicomWriter.encode(reg), "registration");
        return uid;
    }

    /**
     * The same object written by pydicom (Debian's python3-pydicom, implicit VR little endian as many registration systems
     * send it), stored through the DicomStore: fails on CI when pydicom is missing, skips elsewhere.
     */
    private String storePydicomRegistration(Patient p, PostOp post, String fixedFrame, String movingFrame, double[] matrix) throws Exception {
        Path file = t.folder("pydicom-reg").resolve("registration.dcm");
        String uid = Uids.newUid();
        StringBuilder values = new StringBuilder();
        for (double v : matrix) {
            values.append(values.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.10f", v));
        }
        pydicom("""
                import sys
                from pydicom.dataset import Dataset, FileMetaDataset
                from pydicom.uid import ImplicitVRLittleEndian, generate_uid
                a = sys.argv
                meta = FileMetaDataset()
                meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.66.1'
                meta.MediaStorageSOPInstanceUID = a[2]
                meta.TransferSyntaxUID = ImplicitVRLittleEndian
                ds = Dataset()
                ds.file_meta = meta
                ds.SOPClassUID = meta.MediaStorageSOPClassUID
                ds.SOPInstanceUID = a[2]
                ds.PatientName = 'TEST^VERIFY'
                ds.PatientID = a[3]
                ds.StudyInstanceUID = a[4]
                ds.SeriesInstanceUID = generate_uid()
                ds.Modality = 'REG'
                ds.SeriesNumber = 91
                ds.FrameOfReferenceUID = a[5]
                mat = Dataset()
                mat.FrameOfReferenceTransformationMatrixType = 'RIGID'
                mat.FrameOfReferenceTransformationMatrix = [float(x) for x in a[7].split(',')]
                reg = Dataset()
                reg.MatrixSequence = [mat]
                moving = Dataset()
                moving.FrameOfReferenceUID = a[6]
                moving.MatrixRegistrationSequence = [reg]
                ds.RegistrationSequence = [moving]
                ds.save_as(a[1], write_like_original=False)
                """, file.toString(), uid, p.patientId(), post.study(), fixedFrame, movingFrame, values.toString());
        DicomStore.open(t.db).store(Actor.SYSTEM, p.id(), Files.readAllBytes(file), "registration written by pydicom");
        Files.delete(file);
        return uid;
    }

    // ---- running and checking

    private String body(VerificationFixture f, PostOp post, String registrationUid) {
        return "{\"planId\":" + f.planId() + ",\"revision\":1,\"postOpSeriesUid\":\"" + post.series() + "\""
                + (registrationUid == null ? "" : ",\"registrationUid\":\"" + registrationUid + "\"") + "}";
    }

    private ApiClient.Answer start(VerificationFixture f, PostOp post, String registrationUid) {
        return physicist.post("/api/verifications", body(f, post, registrationUid));
    }

    /** Runs the verification to its end; its result with the job's id added as {@code jobId}. */
    private JsonNode verified(VerificationFixture f, PostOp post, String registrationUid) throws Exception {
        ApiClient.Answer a = start(f, post, registrationUid);
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        String id = a.json().get("id").asText();
        JsonNode job = VerificationFixture.finished(physicist, id);
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
        return ((com.fasterxml.jackson.databind.node.ObjectNode) job.get("result")).put("jobId", id);
    }

    /** Every seed found and matched, each found seed within the tolerance of where it lies in the plan's frame. */
    private static void assertSeedsInThePlansFrame(JsonNode r, String reg) {
        assertThat(r.get("found")).as(r.toString()).hasSize(4);
        assertThat(r.get("matches")).hasSize(4);
        assertThat(r.get("missing")).isEmpty();
        assertThat(r.get("extra")).isEmpty();
        List<Vec3> found = new ArrayList<>();
        r.get("found").forEach(s -> found.add(new Vec3(s.get("xMm").asDouble(), s.get("yMm").asDouble(), s.get("zMm").asDouble())));
        for (int i = 0; i < VerificationFixture.SEEDS.size(); i++) {
            Vec3 truth = VerificationFixture.SEEDS.get(i).plus(VerificationFixture.SHIFT_MM);
            double error = found.stream().mapToDouble(truth::distanceTo).min().orElseThrow();
            System.out.printf(Locale.ROOT, "seed %d: found %.3f mm from where it lies in the plan's frame%n", i + 1, error);
            assertThat(error).as("seed %d", i + 1).isLessThan(FOUND_TOLERANCE_MM);
        }
        for (JsonNode m : r.get("matches")) {
            // each matched 1 mm from its plan (the fixture's shift), within the same tolerance
            assertThat(m.get("distanceMm").asDouble()).isBetween(1 - FOUND_TOLERANCE_MM, 1 + FOUND_TOLERANCE_MM);
        }
        assertThat(r.get("frameNote").asText()).contains("Spatial Registration " + reg, "rotation 8.9°");
        assertThat(r.get("registration").get("sopInstanceUid").asText()).isEqualTo(reg);
        JsonNode m = r.get("registration").get("postOpToPlanMatrix");
        for (int i = 0; i < 16; i++) {
            assertThat(m.get(i).asDouble()).isCloseTo(POST_TO_PLAN[i], org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    private String planFrame(VerificationFixture f) {
        return t.db.read(tx -> tx.one("SELECT frame_of_reference_uid FROM dicom_series WHERE series_instance_uid = ?",
                r -> r.string("frame_of_reference_uid"), f.planCtSeriesUid())).orElseThrow();
    }

    private static PatientInfo info(Patient p) {
        return new PatientInfo("TEST^VERIFY", p.patientId(), "19600101", "M");
    }

    /** R = Rz(zDeg)·Rx(xDeg), then {@code shift}: p' = R·p + shift, row by row. */
    static double[] rigid(double zDeg, double xDeg, Vec3 shift) {
        double cz = Math.cos(Math.toRadians(zDeg));
        double sz = Math.sin(Math.toRadians(zDeg));
        double cx = Math.cos(Math.toRadians(xDeg));
        double sx = Math.sin(Math.toRadians(xDeg));
        // Rz = [[cz,-sz,0],[sz,cz,0],[0,0,1]], Rx = [[1,0,0],[0,cx,-sx],[0,sx,cx]]
        return new double[] {cz, -sz * cx, sz * sx, shift.x(), sz, cz * cx, -cz * sx, shift.y(), 0, sx, cx, shift.z(), 0, 0, 0, 1};
    }

    private static Vec3 direction(double[] m, Vec3 d) {
        return new Vec3(m[0] * d.x() + m[1] * d.y() + m[2] * d.z(), m[4] * d.x() + m[5] * d.y() + m[6] * d.z(),
                m[8] * d.x() + m[9] * d.y() + m[10] * d.z());
    }

    /** SOP Class UID of Spatial Registration Storage. */
    private static final String SPATIAL_REGISTRATION = "1.2.840.10008.5.1.4.1.1.66.1";

    /** Runs a pydicom script with Debian's python (arguments in sys.argv[1:]); fails on CI when pydicom is missing, skips elsewhere. */
    private static void pydicom(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-W", "ignore", "-c", script));
        cmd.addAll(List.of(args));
        boolean present = Files.isExecutable(Path.of("/usr/bin/python3")) && run(List.of("/usr/bin/python3", "-c", "import pydicom")).startsWith("0:");
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                fail("missing pydicom (CI installs: apt-get install -y python3-pydicom)");
            }
            Assumptions.assumeTrue(false, "missing pydicom; skipped outside CI");
        }
        String out = run(cmd);
        if (!out.startsWith("0:")) {
            fail("pydicom script failed: " + out);
        }
    }

    /** "exit code:output" of a command (stdout and stderr merged), at most 60 s. */
    private static String run(List<String> cmd) throws Exception {
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            fail("timed out: " + cmd);
        }
        return proc.exitValue() + ":" + out;
    }
}
