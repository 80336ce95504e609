package org.seedplan.server.verification;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.ApiClient;
import org.seedplan.server.CtSliceFiles;
import org.seedplan.server.TestServer;
import org.seedplan.server.World;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.storage.Actor;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.ImportLimits;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Centre;
import org.seedplan.storage.registry.Patient;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;

/**
 * An implant to verify: a planning CT (61 × 61 × 21 voxels of 1 × 1 × 2 mm, water) with a 20 mm square CTV, a plan
 * of {@link #SEEDS} seeds on two needles along y, and a post-op CT in the same Frame of Reference rendered by
 * seedplan-verify's {@link PostOpCtRenderer} with every seed shifted by {@link #SHIFT_MM}.
 */
public record VerificationFixture(Patient patient, long planId, String planCtSeriesUid, String postOpSeriesUid) {

    /** Planned seed centres, mm LPS. */
    public static final List<Vec3> SEEDS = List.of(new Vec3(-5, -5, 0), new Vec3(-5, 5, 0), new Vec3(5, -5, 0), new Vec3(5, 5, 0));
    /** Where each implanted seed lies relative to its plan, mm (within the matcher's gate). */
    public static final Vec3 SHIFT_MM = new Vec3(1, 0, 0);
    static final Grid GRID = new Grid(new Vec3(-30, -30, -20), 1, 1, 2, 61, 61, 21);

    /** The plan screen's intent form of the fixture's plan: CTV 120 Gy, 0.76 U seeds of model 6711, coplanar template from the front. */
    public static final String INTENT_FORM = "{\"targets\":[{\"structure\":\"CTV\",\"prescriptionGy\":120}],"
            + "\"seed\":{\"sourceModelKey\":\"amersham6711\",\"strength\":0.76,\"unit\":\"U\"},"
            + "\"approach\":{\"type\":\"coplanar\",\"direction\":\"anterior\"}}";

    /** Stores the fixture for a new patient of {@code centre}, its plan's intent a bare target name (no supplement possible). */
    public static VerificationFixture create(TestServer t, World w, Centre centre) throws Exception {
        return create(t, w, centre, "{\"target\":\"CTV\"}");
    }

    /** Stores the fixture for a new patient of {@code centre} with the plan's intent JSON {@code intentJson}. */
    public static VerificationFixture create(TestServer t, World w, Centre centre, String intentJson) throws Exception {
        return create(t, w, centre, intentJson, 120.0, null);
    }

    /**
     * Stores the fixture with the plan's prescription {@code prescriptionGy} and the metrics its revision states as computed
     * when it was planned ({@code null}: none).
     */
    public static VerificationFixture create(TestServer t, World w, Centre centre, String intentJson, double prescriptionGy,
            PlanContent.Metrics stored) throws Exception {
        return create(t, w, centre, intentJson, prescriptionGy, stored, structures());
    }

    /** Stores the fixture with the plan's structure set {@code contours} (in that order) instead of the 20 mm square CTV alone. */
    public static VerificationFixture create(TestServer t, World w, Centre centre, String intentJson, double prescriptionGy,
            PlanContent.Metrics stored, List<Structure> contours) throws Exception {
        Patient p = w.patient(centre);
        Path dir = t.folder("verification-fixture");
        PatientInfo info = new PatientInfo("TEST^VERIFY", p.patientId(), "19600101", "M");
        StudyContext pre = StudyContext.newStudy(info);
        StudyContext post = new StudyContext(info, Uids.newUid(), pre.frameOfReferenceUid(), LocalDateTime.of(2026, 12, 1, 9, 0));
        String preSeries = Uids.newUid();
        String postSeries = Uids.newUid();
        List<Path> files = new ArrayList<>();
        CtSliceFiles.write(CtSeriesWriter.slices(water(), pre, preSeries), dir.resolve("pre"), files);
        CtSliceFiles.write(CtSeriesWriter.slices(postOpCt(), post, postSeries), dir.resolve("post"), files);
        DicomStore.open(t.db).importForPatient(Actor.SYSTEM, p.id(), files, ImportLimits.DEFAULT);
        new StructureSetStore(t.db, t.services.audit()).create(Actor.SYSTEM, p.id(), preSeries, pre.frameOfReferenceUid(), "Targets", "drawn",
                StructureJson.write(contours).toString(), t.clock.instant());
        PlanContent content = plan(intentJson, preSeries, prescriptionGy, stored);
        PlanRevisions.Revision r = new PlanRevisions(t.db).createPlan(Actor.SYSTEM, p.id(), "Verified plan", content, t.clock.instant());
        return new VerificationFixture(p, r.planId(), preSeries, postSeries);
    }

    /** The planning CT: water on {@link #GRID}. */
    static Volume water() {
        float[] hu = new float[GRID.voxelCount()];
        Arrays.fill(hu, 0f);
        return new Volume(GRID, hu);
    }

    /** The post-op CT: the planning CT with the seeds implanted, each {@link #SHIFT_MM} from its plan, along y. */
    static Volume postOpCt() {
        List<SeedPose> implanted = SEEDS.stream().map(s -> new SeedPose(s.plus(SHIFT_MM), new Vec3(0, 1, 0), SeedPose.Arrangement.ISOLATED))
                .toList();
        return new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(water(), implanted, 7);
    }

    /** The contours: a 20 mm square CTV on the slices from z = −8 to 8 mm. */
    public static List<Structure> structures() {
        List<Contour> square = new ArrayList<>();
        for (double z = -8; z <= 8; z += 2) {
            square.add(new Contour(z, new double[] {-10, 10, 10, -10}, new double[] {-10, -10, 10, 10}));
        }
        return List.of(new Structure("CTV", StructureType.CTV, 0xFF8800, square));
    }

    /** The plan on CT series {@code ctSeriesUid}: {@link #SEEDS} on two needles along y, 0.76 U seeds of model 6711. */
    public static PlanContent plan(String intentJson, String ctSeriesUid, double prescriptionGy, PlanContent.Metrics stored) {
        List<PlanContent.Needle> needles = List.of(new PlanContent.Needle(new Vec3(-5, -60, 0), new Vec3(-5, 10, 0)),
                new PlanContent.Needle(new Vec3(5, -60, 0), new Vec3(5, 10, 0)));
        List<PlanContent.PlannedSeed> seeds = new ArrayList<>();
        for (Vec3 s : SEEDS) {
            seeds.add(new PlanContent.PlannedSeed(s, s.x() < 0 ? 0 : 1));
        }
        return new PlanContent(intentJson, ctSeriesUid, prescriptionGy, "amersham6711", 0.76, LocalDate.parse("2026-11-24"),
                LocalDate.parse("2026-12-01"), needles, seeds, stored);
    }

    /** The request body that starts the verification of this fixture. */
    public String startBody() {
        return "{\"planId\":" + planId + ",\"revision\":1,\"postOpSeriesUid\":\"" + postOpSeriesUid + "\"}";
    }

    /** Starts the verification as {@code client} and waits for its end; returns the job's id (or "none" when refused). */
    public String run(ApiClient client, boolean waitForEnd) throws InterruptedException {
        ApiClient.Answer a = client.post("/api/verifications", startBody());
        if (a.status() != 202) {
            return "none";
        }
        String id = a.json().get("id").asText();
        if (waitForEnd) {
            finished(client, id);
        }
        return id;
    }

    /** Polls verification job {@code jobId} as {@code client} until it is no longer running (at most 120 s); the job as last seen. */
    public static JsonNode finished(ApiClient client, String jobId) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode job = client.get("/api/verifications/" + jobId).json();
        while ("running".equals(job.get("state").asText()) && System.nanoTime() < until) {
            Thread.sleep(100);
            job = client.get("/api/verifications/" + jobId).json();
        }
        return job;
    }
}
