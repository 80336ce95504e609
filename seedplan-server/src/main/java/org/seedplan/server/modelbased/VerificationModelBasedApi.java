package org.seedplan.server.modelbased;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.concurrent.CancellationException;
import org.seedplan.dicom.consistency.FrameResampler;
import org.seedplan.geometry.Volume;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.handlers.VerificationApi;
import org.seedplan.server.imaging.BrowserVolume;
import org.seedplan.server.imaging.SeriesAccess;
import org.seedplan.server.jobs.BackgroundJobs;
import org.seedplan.server.jobs.RunAudit;
import org.seedplan.server.security.Permission;
import org.seedplan.server.verification.VerificationOwner;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The model-based dose of a finished verification on the verification screen (docs/model-based-dose.md): start the Monte Carlo of
 * the found seeds in the post-op CT's tissues as a background run with progress and cancel, and read the result stored for this
 * verification and these found seeds. Needs what the verification needs (its starter, EDIT_PLAN in the patient's centre); every
 * run is audited on the plan revision verified and, under its run id, about the patient. TG-43 stays the verification's dose of record.
 */
public final class VerificationModelBasedApi {

    /** Which verification and found seeds a run is for, who started it, in which centre. */
    record RunOf(String verificationJobId, long userId, long centreId, long revisionId, String verificationKey, String foundSeedsKey) {
    }

    private final Services s;
    private final SeriesAccess access;
    private final VerificationApi verifications;
    private final PlanRevisions plans;
    private final VerificationModelBasedResults results;
    private final BackgroundJobs<RunOf> runs;
    private final PatientRepository patients;

    public VerificationModelBasedApi(Services s, SeriesAccess access, VerificationApi verifications) {
        this.s = s;
        this.access = access;
        this.verifications = verifications;
        this.plans = new PlanRevisions(s.db());
        this.results = new VerificationModelBasedResults(s.db(), s.audit());
        this.patients = new PatientRepository(s.db());
        this.runs = new BackgroundJobs<>(s.jobs(), ModelBasedApi.LANE, "model-based dose", ModelBasedApi.KEEP, ModelBasedApi.MAX_KEPT,
                s.config().clock());
    }

    /**
     * POST /api/verifications/{jobId}/model-based {specification?, photons?, uncertaintyPct?, softTissue?, tissues?} (bounds and
     * checks as the plan screen's) → 202 the
     * run; 409 while the verification runs or when it failed.
     */
    public void start(Context ctx, Caller c) {
        BackgroundJobs.Job<VerificationOwner> job = verifications.job(ctx, c);
        JsonNode v = finished(job);
        PlanRevisions.Revision r = plans.revision(v.get("planId").asLong(), v.get("revision").asInt())
                .orElseThrow(() -> ApiProblem.notFound("the verified plan revision"));
        Role role = c.require(Permission.EDIT_PLAN, r.centreId(), "verification " + job.id());
        RevisionModelBasedDose.Settings settings = ModelBasedApi.settings(Json.body(ctx));
        try {
            VerificationModelBasedDose.implant(v);
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        String postOp = v.get("postOpSeriesUid").asText();
        BrowserVolume ct = access.volume(c, postOp, Permission.EDIT_PLAN);
        double[] toPlan = v.has("registration") ? matrix(v.get("registration").get("postOpToPlanMatrix")) : null;
        settings.checkStructures(VerificationModelBasedDose.overridable(v));
        String softTissue = ModelBasedApi.softTissueOf(patients, r.patientDbId());
        Actor actor = new Actor(c.userId(), c.username(), role, r.centreId(), c.requestId());
        RunOf of = new RunOf(job.id(), c.userId(), r.centreId(), r.id(), VerificationModelBasedDose.verificationKey(v),
                VerificationModelBasedDose.foundSeedsKey(v));
        String asked = settings.specification().label() + ", at most " + settings.maxPhotons() + " photons, stop at " + settings.uncertaintyPct()
                + " % mean uncertainty in the targets" + settings.choices();
        s.audit().event(actor, "VERIFICATION_MODEL_BASED_DOSE_START", "plan_revision", r.id(), "verification on post-op CT " + postOp + ": " + asked);
        RunAudit<RunOf> audit = new RunAudit<>(s.audit(), actor, "model_based_run", "VERIFICATION_MODEL_BASED_DOSE_RUN", "verification run "
                + job.id() + " (" + v.path("found").size() + " seeds found), patient " + r.patientDbId() + ", plan " + r.planId() + " revision "
                + r.revision() + " (plan_revision " + r.id() + "), post-op CT series " + postOp
                + (v.has("registration") ? ", registration " + v.get("registration").get("sopInstanceUid").asText() : "") + ", " + asked,
                ModelBasedApi::headline, r.patientDbId());
        BackgroundJobs.Job<RunOf> run = runs.start(of, audit, x -> {
            x.progress("the post-op CT's tissues", 0.02);
            try {
                Volume inPlanFrame = ct.toVolume();
                if (toPlan != null) {
                    x.progress("bringing the post-op CT into the plan's frame", 0.03);
                    inPlanFrame = FrameResampler.resample(inPlanFrame, toPlan);
                }
                ObjectNode result = VerificationModelBasedDose.compute(v, inPlanFrame, settings, softTissue,
                        f -> x.progress("Monte Carlo transport", 0.05 + 0.85 * f), x::cancelRequested);
                x.progress("storing with the verification", 0.98);
                results.store(actor, r.id(), result, s.now());
                return result;
            } catch (CancellationException e) {
                s.audit().event(actor, "VERIFICATION_MODEL_BASED_DOSE_CANCEL", "plan_revision", r.id(), "cancelled by the user");
                throw e;
            }
        });
        ctx.status(202).json(json(run));
    }

    /**
     * GET /api/verifications/{jobId}/model-based → {verificationJobId, verificationKey, foundSeedsKey, result}: the result stored for
     * this verification and its found seeds, or null when none was computed for them.
     */
    public void stored(Context ctx, Caller c) {
        BackgroundJobs.Job<VerificationOwner> job = verifications.job(ctx, c);
        JsonNode v = finished(job);
        String key = VerificationModelBasedDose.verificationKey(v);
        String seeds = VerificationModelBasedDose.foundSeedsKey(v);
        ObjectNode o = Json.MAPPER.createObjectNode().put("verificationJobId", job.id()).put("verificationKey", key).put("foundSeedsKey", seeds);
        o.set("result", results.of(key, seeds).map(JsonNode.class::cast).orElse(o.nullNode()));
        ctx.json(o);
    }

    /** GET /api/verifications/{jobId}/model-based/{runId} → {id, verificationJobId, verificationKey, foundSeedsKey, state, progress, step, result | error}. */
    public void get(Context ctx, Caller c) {
        ctx.json(json(run(ctx, c)));
    }

    /** DELETE /api/verifications/{jobId}/model-based/{runId} → the run, its cancel asked for (the transport stops within a batch). */
    public void cancel(Context ctx, Caller c) {
        BackgroundJobs.Job<RunOf> run = run(ctx, c);
        run.cancel();
        ctx.json(json(run));
    }

    private static ObjectNode json(BackgroundJobs.Job<RunOf> run) {
        return run.json(Json.MAPPER.createObjectNode().put("verificationJobId", run.owner().verificationJobId())
                .put("verificationKey", run.owner().verificationKey()).put("foundSeedsKey", run.owner().foundSeedsKey()));
    }

    private BackgroundJobs.Job<RunOf> run(Context ctx, Caller c) {
        String id = ctx.pathParam("runId");
        BackgroundJobs.Job<RunOf> run = runs.find(id);
        if (run == null || run.owner().userId() != c.userId() || !run.owner().verificationJobId().equals(ctx.pathParam("jobId"))) {
            throw ApiProblem.notFound("model-based dose run " + id + " of verification " + ctx.pathParam("jobId"));
        }
        c.require(Permission.EDIT_PLAN, run.owner().centreId(), "model-based dose run " + id);
        return run;
    }

    /** The verification's result; 409 while it runs or when it failed. */
    private static JsonNode finished(BackgroundJobs.Job<VerificationOwner> job) {
        if (job.result() == null) {
            throw ApiProblem.conflict("verification " + job.id() + " has no result (" + job.state() + "): the model-based dose needs its found seeds;"
                    + " wait for it to finish", null);
        }
        return job.result();
    }

    private static double[] matrix(JsonNode a) {
        double[] m = new double[16];
        for (int i = 0; i < 16; i++) {
            m[i] = a.get(i).asDouble();
        }
        return m;
    }
}
