package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.seedplan.dose.DoseGrid;
import org.seedplan.planning.edit.EditSession;
import org.seedplan.planning.edit.IsodoseLines;
import org.seedplan.planning.edit.SlicePlane;
import org.seedplan.server.planning.SessionJson;
import org.seedplan.dicom.consistency.FrameResampler;
import org.seedplan.dicom.consistency.RigidRegistration;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.imaging.RegistrationLookup;
import org.seedplan.server.imaging.SeriesAccess;
import org.seedplan.server.plans.RevisionStrength;
import org.seedplan.server.security.Permission;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.server.verification.PostImplantCheck;
import org.seedplan.server.jobs.BackgroundJobs;
import org.seedplan.server.jobs.RunAudit;
import org.seedplan.server.verification.VerificationOwner;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.structure.Structure;

/**
 * Post-implant verification for the verification screen: start a run (seed finding on the post-op CT, matching,
 * pre/post dose, metrics, DVHs, cold regions) in the background, poll its progress and result, and turn a result into
 * a post-implant plan (a DRAFT revision of the found seeds with the post-plan metrics) that is approved with the
 * e-signature of the plan approval route.
 */
public final class VerificationApi {

    private final Services s;
    private final SeriesAccess access;
    private final PlanRevisions plans;
    private final PatientRepository patients;
    private final StructureSetStore sets;
    private final RegistrationLookup registrations;
    private final BackgroundJobs<VerificationOwner> jobs;

    public VerificationApi(Services s, SeriesAccess access) {
        this.s = s;
        this.access = access;
        this.plans = new PlanRevisions(s.db());
        this.patients = new PatientRepository(s.db());
        this.sets = new StructureSetStore(s.db(), s.audit());
        this.registrations = new RegistrationLookup(s.db());
        this.jobs = new BackgroundJobs<>(s.jobs(), "seedplan-verification", "verification", VerificationOwner.KEEP, VerificationOwner.MAX_KEPT,
                s.config().clock());
    }

    /**
     * POST /api/verifications {planId, revision, postOpSeriesUid, structureSetId?, registrationUid?, acceptScannerCoordinates?, implantDate?} → 202
     * the run. A post-op CT in another Frame of Reference is brought into the plan's by the stored Spatial Registration named, or
     * else the patient's one linking the two frames ({@link RegistrationLookup}); without one, comparing in scanner coordinates
     * must be confirmed. {@code implantDate} is required when the revision states a calibration date but no implant date
     * ({@link RevisionStrength#forPostImplantDose}: the post-implant dose needs S_K on the implant day).
     */
    public void start(Context ctx, Caller c) {
        ObjectNode b = Json.body(ctx);
        PlanRevisions.Revision r = revision(c, Json.number(b, "planId"), (int) Json.number(b, "revision"), Permission.EDIT_PLAN);
        PlanContent dosed;
        try {
            dosed = RevisionStrength.forPostImplantDose(r.content(), Json.optDate(b, "implantDate"), "plan " + r.planId() + " revision " + r.revision());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("implantDate", e.getMessage());
        }
        String postSeries = Json.text(b, "postOpSeriesUid");
        Patient p = access.patient(c, postSeries, Permission.EDIT_PLAN);
        if (p.id() != r.patientDbId()) {
            throw ApiProblem.badRequest("postOpSeriesUid", "series " + postSeries + " is of another patient than plan " + r.planId()
                    + ": choose a post-op CT of this patient");
        }
        String planFrame = registrations.frameOf(r.content().ctSeriesUid());
        String postFrame = registrations.frameOf(postSeries);
        Optional<RegistrationLookup.Found> registration = registrations.resolve(p.id(), "the patient of plan " + r.planId(),
                Json.optText(b, RegistrationLookup.FIELD), postFrame, planFrame);
        String frameNote = null;
        if (registration.isPresent()) {
            frameNote = "post-op CT in Frame of Reference " + postFrame + " brought into the plan's " + planFrame + " by the stored "
                    + registration.get().describe();
        } else if (planFrame == null || !planFrame.equals(postFrame)) {
            if (!b.path("acceptScannerCoordinates").asBoolean(false)) {
                throw ApiProblem.badRequest("acceptScannerCoordinates", "the post-op CT is in Frame of Reference " + postFrame
                        + ", the plan's CT in " + planFrame + ", and no stored Spatial Registration links the two: seeds can be compared"
                        + " only in one coordinate system. If the patient lay in the treatment position on the same scanner, confirm"
                        + " comparing in scanner coordinates (acceptScannerCoordinates); otherwise store the registration of the post-op CT"
                        + " to the planning CT (registrationUid names one)");
            }
            frameNote = "post-op CT in Frame of Reference " + postFrame + ", plan CT in " + planFrame
                    + ": compared in scanner coordinates, as confirmed by " + c.displayName();
        }
        Long setId = b.hasNonNull("structureSetId") ? Json.number(b, "structureSetId") : null;
        Contours contours = contours(r, setId);
        var postOp = access.volume(c, postSeries, Permission.EDIT_PLAN);
        String note = frameNote;
        Role role = c.require(Permission.EDIT_PLAN, r.centreId(), "plan " + r.planId());
        String subject = "patient " + p.id() + ", plan " + r.planId() + " revision " + r.revision() + " (plan_revision " + r.id()
                + "), post-op CT series " + postSeries + ", plan CT series " + r.content().ctSeriesUid() + ", "
                + registration.map(x -> "registration " + x.sopInstanceUid()).orElse(frameNote == null
                        ? "no registration (one Frame of Reference)" : "no registration (scanner coordinates, as confirmed)")
                + ", " + contours.description() + (dosed.implantDate() == null ? "" : ", implant date " + dosed.implantDate());
        RunAudit<VerificationOwner> audit = new RunAudit<>(s.audit(), PatientApi.actor(c, role, r.centreId()), "verification_run",
                "VERIFICATION", subject, VerificationApi::headline, p.id());
        BackgroundJobs.Job<VerificationOwner> job = jobs.start(new VerificationOwner(c.userId(), p.id()), audit, j -> {
            j.step("reading the post-op CT", 0.05);
            Volume inPlanFrame = postOp.toVolume();
            if (registration.isPresent()) {
                j.step("bringing the post-op CT into the plan's frame", 0.08);
                inPlanFrame = FrameResampler.resample(inPlanFrame, registration.get().toPlan());
            }
            PostImplantCheck.Result checked = PostImplantCheck.run(dosed, inPlanFrame, contours.structures(), contours.description(), note, j);
            j.step("keeping the post-implant dose", 0.98); // a cancel asked during the last step still leaves nothing behind
            j.attach(checked.postDose()); // for the isodose lines, forgotten with the run
            ObjectNode result = checked.json();
            result.put("planId", r.planId()).put("revision", r.revision()).put("planName", r.planName())
                    .put("postOpSeriesUid", postSeries).put("planCtSeriesUid", r.content().ctSeriesUid());
            registration.ifPresent(x -> putRegistration(result, x));
            return result;
        });
        ctx.status(202).json(job.json(Json.MAPPER.createObjectNode()));
    }

    /** GET /api/verifications/{jobId} → {id, state, cancelRequested, progress, step, result | error}; only for the user who started it. */
    public void get(Context ctx, Caller c) {
        ctx.json(job(ctx, c).json(Json.MAPPER.createObjectNode()));
    }

    /**
     * DELETE /api/verifications/{jobId} → the run, its cancel asked for: it stops at its next step (or while still queued) and ends
     * "cancelled", audited as VERIFICATION_CANCELLED with who asked and where it stopped; it keeps no result and no dose. Only for
     * its starter with EDIT_PLAN in the patient's centre, as every verification route; a finished run is left as it is.
     */
    public void cancel(Context ctx, Caller c) {
        BackgroundJobs.Job<VerificationOwner> job = job(ctx, c);
        job.cancel("by " + c.username());
        ctx.json(job.json(Json.MAPPER.createObjectNode()));
    }

    /**
     * POST /api/verifications/{jobId}/post-plan {name?} → 201 {planId, revision}: a new plan of the found seeds (on the
     * post-op CT) with the post-plan metrics of the target, as a DRAFT revision to approve with the plan approval route.
     */
    public void postPlan(Context ctx, Caller c) {
        BackgroundJobs.Job<VerificationOwner> job = job(ctx, c);
        ObjectNode result = job.json(Json.MAPPER.createObjectNode());
        if (!"done".equals(result.path("state").asText())) {
            throw ApiProblem.conflict("the verification has not finished: wait for its result", "jobId");
        }
        JsonNode v = result.get("result");
        PlanRevisions.Revision pre = revision(c, v.get("planId").asLong(), v.get("revision").asInt(), Permission.EDIT_PLAN);
        Patient p = patients.find(pre.patientDbId()).orElseThrow();
        Role role = c.require(Permission.EDIT_PLAN, p.centreId(), "plan " + pre.planId());
        // the post-implant plan lies on the post-op CT: found seeds (plan frame) go back into its frame when a registration was applied
        double[] toPostOp = v.has("registration") ? RigidRegistration.inverse(matrix(v.get("registration").get("postOpToPlanMatrix"))) : null;
        List<PlanContent.PlannedSeed> seeds = new ArrayList<>();
        for (JsonNode f : v.get("found")) {
            Vec3 inPlan = new Vec3(f.get("xMm").asDouble(), f.get("yMm").asDouble(), f.get("zMm").asDouble());
            seeds.add(new PlanContent.PlannedSeed(toPostOp == null ? inPlan : RigidRegistration.applyToPoint(toPostOp, inPlan), -1));
        }
        PlanContent c0 = pre.content();
        ObjectNode intent = Json.MAPPER.createObjectNode();
        intent.put("postImplantOf", "plan " + pre.planId() + " revision " + pre.revision()).put("postOpSeriesUid", v.get("postOpSeriesUid").asText())
                .put("contours", v.get("contours").asText());
        if (v.has("frameNote")) {
            intent.put("frameNote", v.get("frameNote").asText());
        }
        if (v.has("registration")) {
            intent.put(RegistrationLookup.FIELD, v.get("registration").get("sopInstanceUid").asText());
        }
        PlanContent content = new PlanContent(intent.toString(), v.get("postOpSeriesUid").asText(), c0.prescriptionGy(), c0.sourceModelKey(),
                c0.strengthU(), c0.calibrationDate(), v.path("implantDate").isTextual() ? LocalDate.parse(v.get("implantDate").asText()) : c0.implantDate(),
                List.of(), seeds, targetMetrics(v));
        String name = Optional.ofNullable(Json.optText(Json.body(ctx), "name")).orElse("Post-implant: " + pre.planName());
        PlanRevisions.Revision r = plans.createPlan(PatientApi.actor(c, role, p.centreId()), p.id(), name, content, s.now());
        ctx.status(201).json(Json.MAPPER.createObjectNode().put("planId", r.planId()).put("revision", r.revision()).put("name", name));
    }

    /**
     * GET /api/verifications/{jobId}/isodoses?axial=z&amp;coronal=y&amp;sagittal=x (mm) → {prescriptionGy, isodoseStyle, isodoses: {plane:
     * {atMm, lines}}}: the post-implant dose's isodose lines (50, 100, 150, 200 % of the prescription, by marching squares,
     * {@link IsodoseLines}) on the slices asked for, drawn in the plan screen's styles ({@code IsodoseLineStyle}, shared with the PDF).
     */
    public void isodoses(Context ctx, Caller c) {
        BackgroundJobs.Job<VerificationOwner> job = job(ctx, c);
        DoseGrid dose = job.attachment(DoseGrid.class);
        if (job.result() == null || dose == null) {
            throw ApiProblem.conflict("verification " + job.id() + " has no post-implant dose (" + job.state() + "): wait for its result", "jobId");
        }
        double rx = job.result().get("prescriptionGy").asDouble();
        List<IsodoseLines.Level> levels = new ArrayList<>();
        List<Double> percents = new ArrayList<>();
        for (double pct : EditSession.ISODOSE_PERCENTS) {
            levels.add(new IsodoseLines.Level(pct / 100 * rx, String.format(java.util.Locale.ROOT, "%.0f %% of the prescription", pct)));
            percents.add(pct);
        }
        ObjectNode o = Json.MAPPER.createObjectNode().put("prescriptionGy", rx);
        o.set("isodoseStyle", SessionJson.isodoseStyle());
        ObjectNode planes = o.putObject("isodoses");
        for (SlicePlane plane : SlicePlane.values()) {
            String name = plane.name().toLowerCase(java.util.Locale.ROOT);
            String at = ctx.queryParam(name);
            if (at == null || at.isBlank()) {
                continue;
            }
            double atMm;
            try {
                atMm = Double.parseDouble(at);
            } catch (NumberFormatException e) {
                atMm = Double.NaN;
            }
            if (!Double.isFinite(atMm)) {
                throw ApiProblem.badRequest(name, name + " '" + at + "' is not a position in mm: give the slice's coordinate, e.g. " + name + "=12.5");
            }
            planes.set(name, SessionJson.isodoses(IsodoseLines.of(dose, plane, atMm, levels, percents), atMm));
        }
        ctx.json(o);
    }

    /**
     * A finished run's headline for the audit trail: "seeds found 4 of 4 expected (4 matched, 0 extra), CTV D90 131.2 Gy, V100
     * 97.3 %" (post-implant, TG-43, the first target as {@link #targetMetrics}).
     */
    static String headline(ObjectNode v) {
        PlanContent.Metrics m = targetMetrics(v);
        String target = m.structure() == null ? "no target structure" : m.structure() + " D90 " + figure(m.d90Gy(), "Gy") + ", V100 " + figure(m.v100Percent(), "%");
        return "seeds found " + v.get("found").size() + " of " + v.get("planned").size() + " expected (" + v.get("matches").size() + " matched, "
                + v.get("extra").size() + " extra), " + target;
    }

    private static String figure(Double value, String unit) {
        return value == null ? "none" : String.format(java.util.Locale.ROOT, "%.1f %s", value, unit);
    }

    /** The post-plan metrics of the first target structure (the one the plan was judged on). */
    private static PlanContent.Metrics targetMetrics(JsonNode v) {
        for (JsonNode st : v.get("structures")) {
            if (List.of("GTV", "CTV", "PTV").contains(st.get("type").asText())) {
                return new PlanContent.Metrics(st.get("name").asText(), post(st, "d_pct_gy.90"), post(st, "d_pct_gy.100"), post(st, "v_pct.100"), post(st, "v_pct.150"),
                        post(st, "v_pct.200"), post(st, "volume_cc"));
            }
        }
        return PlanContent.Metrics.NONE;
    }

    private static Double post(JsonNode structure, String key) {
        for (JsonNode m : structure.get("metrics")) {
            if (m.get("key").asText().equals(key) && m.get("post").isNumber()) {
                return m.get("post").asDouble();
            }
        }
        return null;
    }

    /** The verification {jobId} of the path: only for the user who started it, with EDIT_PLAN in its patient's centre. */
    public BackgroundJobs.Job<VerificationOwner> job(Context ctx, Caller c) {
        BackgroundJobs.Job<VerificationOwner> job = jobs.find(ctx.pathParam("jobId"));
        if (job == null || job.owner().userId() != c.userId()) {
            throw ApiProblem.notFound("verification " + ctx.pathParam("jobId"));
        }
        Patient p = patients.find(job.owner().patientDbId()).orElseThrow(() -> ApiProblem.notFound("verification"));
        c.require(Permission.EDIT_PLAN, p.centreId(), "verification " + job.id());
        return job;
    }

    private PlanRevisions.Revision revision(Caller c, long planId, int revision, Permission permission) {
        PlanRevisions.PlanRef plan = plans.plan(planId).orElseThrow(() -> ApiProblem.notFound("plan " + planId));
        c.require(permission, plan.centreId(), "plan " + planId);
        return plans.revision(planId, revision).orElseThrow(() -> ApiProblem.notFound("revision " + revision + " of plan " + planId));
    }

    /**
     * {@code registration}: the stored object applied and its matrix both ways (row by row); every position of the answer is in
     * the plan's frame, and a screen drawing them on the post-op CT maps them by {@code planToPostOpMatrix}.
     */
    private static void putRegistration(ObjectNode result, RegistrationLookup.Found x) {
        ObjectNode o = result.putObject("registration").put("sopInstanceUid", x.sopInstanceUid());
        ArrayNode forward = o.putArray("postOpToPlanMatrix");
        ArrayNode back = o.putArray("planToPostOpMatrix");
        double[] inverse = RigidRegistration.inverse(x.toPlan());
        for (int i = 0; i < 16; i++) {
            forward.add(x.toPlan()[i]);
            back.add(inverse[i]);
        }
    }

    private static double[] matrix(JsonNode a) {
        double[] m = new double[16];
        for (int i = 0; i < 16; i++) {
            m[i] = a.get(i).asDouble();
        }
        return m;
    }

    /** The structures a verification uses and where they came from. */
    private record Contours(List<Structure> structures, String description) {
    }

    /** The chosen structure set, else the latest one on the plan's CT, else the RTSTRUCT stored with the plan's CT study. */
    private Contours contours(PlanRevisions.Revision r, Long setId) {
        String ct = r.content().ctSeriesUid();
        Optional<StructureSetStore.Summary> set = setId != null ? sets.find(setId) : sets.ofSeries(ct).stream().findFirst();
        if (setId != null && (set.isEmpty() || !set.get().ctSeriesUid().equals(ct))) {
            throw ApiProblem.badRequest("structureSetId", "structure set " + setId + " is not drawn on the plan's CT " + ct);
        }
        if (set.isPresent()) {
            StructureSetStore.Summary x = set.get();
            String json = sets.version(x.id(), x.version()).orElseThrow().contentJson();
            try {
                return new Contours(StructureJson.read(Json.MAPPER.readTree(json), "structures"),
                        "structure set " + x.name() + " version " + x.version() + " (pre-op contours carried over)");
            } catch (IOException e) {
                throw new IllegalStateException("structure set " + x.id() + " holds unreadable JSON", e);
            }
        }
        Optional<String> rs = s.db().read(tx -> tx.one("SELECT i.file_path FROM dicom_instance i JOIN dicom_series se ON se.id = i.series_id"
                + " JOIN dicom_study st ON st.id = se.study_id JOIN dicom_series ct ON ct.study_id = st.id"
                + " WHERE ct.series_instance_uid = ? AND se.modality = 'RTSTRUCT' ORDER BY i.stored_at DESC, i.id DESC LIMIT 1",
                x -> x.string("file_path"), ct));
        if (rs.isEmpty()) {
            throw ApiProblem.badRequest("structureSetId", "the plan's CT " + ct + " has no structure set and its study no RTSTRUCT:"
                    + " contour the targets on it first (contouring screen)");
        }
        Path file = s.db().dataFolder().resolve(rs.get());
        try {
            var set0 = RtStructReader.read(DicomReader.parse(Files.readAllBytes(file), file.getFileName().toString()).dataSet());
            return new Contours(set0.requireUniqueNames().structures(), "RTSTRUCT " + set0.label() + " of the plan's CT study (pre-op contours carried over)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored RTSTRUCT " + file, e);
        }
    }
}
