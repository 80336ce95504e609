package org.seedplan.server.modelbased;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.seedplan.dose.modelbased.DoseSpecification;
import org.seedplan.dose.modelbased.PatientModelBasedDose;
import org.seedplan.dose.montecarlo.MaterialLibrary;
import org.seedplan.dose.tissue.HuDensityCurve;
import org.seedplan.dose.tissue.TissueClass;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.jobs.BackgroundJobs;
import org.seedplan.server.jobs.RunAudit;
import org.seedplan.server.needles.RevisionImages;
import org.seedplan.server.security.Permission;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The model-based dose of a plan revision in the workstation (docs/model-based-dose.md): start the Monte Carlo as a
 * background run with progress and cancel, and read the result stored with the revision. Needs EDIT_PLAN in the plan's
 * centre, as the optimiser does; every run is audited on the revision and, under its run id, about the patient. TG-43 stays
 * the plan of record: approval and export do not look at this.
 */
public final class ModelBasedApi {

    /** Photons a run may ask for: at least, by default, at most (the server's bound on one run). */
    static final long MIN_PHOTONS = 10_000;
    static final long DEFAULT_PHOTONS = 20_000_000;
    static final long MAX_PHOTONS = 200_000_000;
    /** The stop rule's mean uncertainty over the targets, %: default and bounds. */
    static final double DEFAULT_UNCERTAINTY_PCT = 2;
    static final double MIN_UNCERTAINTY_PCT = 0.5;
    static final double MAX_UNCERTAINTY_PCT = 10;
    /** Wall-clock bound of one run on the server, s. */
    static final double MAX_SECONDS = 600;
    /** The lane every model-based dose runs on, one at a time (the Monte Carlo uses every core). */
    static final String LANE = "seedplan-model-based-dose";
    /** How long a finished run's state is kept for polling (its result is stored). */
    static final java.time.Duration KEEP = java.time.Duration.ofMinutes(30);
    /** How many finished runs of each kind (a revision's, a verification's) one server keeps for polling at most. */
    static final int MAX_KEPT = 32;

    /** The plan revision a run is for, in its centre. */
    record RunOf(long centreId, long planId, int revision) {
    }

    private final Services s;
    private final PlanRevisions plans;
    private final DicomStore store;
    private final StructureSetStore sets;
    private final ModelBasedResults results;
    private final BackgroundJobs<RunOf> runs;
    private final PatientRepository patients;

    public ModelBasedApi(Services s) {
        this.s = s;
        this.plans = new PlanRevisions(s.db());
        this.store = DicomStore.open(s.db());
        this.sets = new StructureSetStore(s.db(), s.audit());
        this.results = new ModelBasedResults(s.db(), s.audit());
        this.patients = new PatientRepository(s.db());
        this.runs = new BackgroundJobs<>(s.jobs(), LANE, "model-based dose", KEEP, MAX_KEPT, s.config().clock());
    }

    /**
     * POST /api/plans/{planId}/revisions/{rev}/model-based {specification?: "dm,m"|"dw,m", photons?, uncertaintyPct?, softTissue?,
     * tissues?: [{structure, material, densityGPerCm3?}]} → 202 the run (an unknown material or structure, a density out of
     * (0, 22.6] g/cm³: 400 naming the field); a structure may be a drawn one or one the intent form derives (CTV = GTV + margin);
     * the run stops at the mean target uncertainty or the photons, whichever comes first; 409 for a revision not planned with the
     * plan screen's intent form or without its CT and contours.
     */
    public void start(Context ctx, Caller c) {
        PlanRevisions.Revision r = revision(ctx, c);
        Role role = c.require(Permission.EDIT_PLAN, r.centreId(), "plan " + r.planId());
        RevisionModelBasedDose.Settings settings = settings(Json.body(ctx));
        RevisionImages images;
        try {
            RevisionModelBasedDose.form(r);
            images = RevisionImages.of(s.db(), store, sets, r.content().ctSeriesUid());
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        settings.checkStructures(RevisionModelBasedDose.overridable(r, images));
        String softTissue = softTissueOf(patients, r.patientDbId());
        Actor actor = new Actor(c.userId(), c.username(), role, r.centreId(), c.requestId());
        String asked = settings.specification().label() + ", at most " + settings.maxPhotons() + " photons, stop at "
                + settings.uncertaintyPct() + " % mean uncertainty in the targets" + settings.choices();
        s.audit().event(actor, "MODEL_BASED_DOSE_START", "plan_revision", r.id(), asked);
        RunAudit<RunOf> audit = new RunAudit<>(s.audit(), actor, "model_based_run", "MODEL_BASED_DOSE_RUN", "patient " + r.patientDbId()
                + ", plan " + r.planId() + " revision " + r.revision() + " (plan_revision " + r.id() + "), CT series "
                + r.content().ctSeriesUid() + ", " + asked, ModelBasedApi::headline, r.patientDbId());
        BackgroundJobs.Job<RunOf> run = runs.start(new RunOf(r.centreId(), r.planId(), r.revision()), audit, x -> {
            x.progress("tissues from the CT", 0.02);
            try {
                ObjectNode result = RevisionModelBasedDose.compute(r, images, settings, softTissue,
                        f -> x.progress("Monte Carlo transport", 0.05 + 0.85 * f), x::cancelRequested);
                x.progress("storing with revision " + r.revision(), 0.98);
                results.store(actor, r.id(), result, s.now());
                return result;
            } catch (CancellationException e) {
                s.audit().event(actor, "MODEL_BASED_DOSE_CANCEL", "plan_revision", r.id(), "cancelled by the user");
                throw e;
            }
        });
        ctx.status(202).json(json(run));
    }

    /**
     * A finished run's headline for the audit trail: each target's D90 and V100, model-based ± 1σ beside TG-43, and the photons
     * and mean target uncertainty reached, e.g. "Dm,m: CTV D90 118.2 ± 0.9 Gy (TG-43 131.0 Gy), CTV V100 93.1 ± 0.4 % (TG-43 97.0
     * %); 20000000 photons, mean target uncertainty 1.9 %".
     */
    static String headline(ObjectNode result) {
        List<String> figures = new ArrayList<>();
        for (JsonNode row : result.path("comparison")) {
            String metric = row.path("metric").asText();
            if (metric.equals("D90") || metric.equals("V100")) {
                figures.add(String.format(Locale.ROOT, "%s %s %.1f ± %.1f %s (TG-43 %.1f %s)", row.path("structure").asText(), metric,
                        row.path("modelBased").asDouble(), row.path("sigma").asDouble(), row.path("unit").asText(), row.path("tg43").asDouble(),
                        row.path("unit").asText()));
            }
        }
        return result.path("specification").asText() + ": " + (figures.isEmpty() ? "no target" : String.join(", ", figures)) + "; "
                + result.path("photons").asLong() + " photons, mean target uncertainty " + result.path("meanTargetUncertaintyPct").asDouble() + " %";
    }

    /** TG-186's default soft tissue for the patient's recorded sex (mean female soft tissue for F, else mean male). */
    static String softTissueOf(PatientRepository patients, long patientDbId) {
        return TissueClass.defaultSoftTissue(patients.find(patientDbId).map(p -> p.data().sex()).orElse(null));
    }

    /** GET /api/plans/{planId}/revisions/{rev}/model-based → {planId, revision, result: the stored result of this revision, or null}. */
    public void stored(Context ctx, Caller c) {
        PlanRevisions.Revision r = revision(ctx, c);
        ObjectNode o = Json.MAPPER.createObjectNode().put("planId", r.planId()).put("revision", r.revision());
        o.set("result", results.of(r.id()).map(JsonNode.class::cast).orElse(o.nullNode()));
        ctx.json(o);
    }

    /** GET /api/model-based/{runId} → {id, planId, revision, state, progress, step, result | error}. */
    public void get(Context ctx, Caller c) {
        ctx.json(json(run(ctx, c)));
    }

    /** DELETE /api/model-based/{runId} → the run, its cancel asked for (the transport stops within a batch). */
    public void cancel(Context ctx, Caller c) {
        BackgroundJobs.Job<RunOf> run = run(ctx, c);
        run.cancel();
        ctx.json(json(run));
    }

    /** {id, planId, revision, state, progress, step, result | error}. */
    private static ObjectNode json(BackgroundJobs.Job<RunOf> run) {
        return run.json(Json.MAPPER.createObjectNode().put("planId", run.owner().planId()).put("revision", run.owner().revision()));
    }

    private BackgroundJobs.Job<RunOf> run(Context ctx, Caller c) {
        String id = ctx.pathParam("runId");
        BackgroundJobs.Job<RunOf> run = runs.find(id);
        if (run == null) {
            throw ApiProblem.notFound("model-based dose run " + id);
        }
        c.require(Permission.EDIT_PLAN, run.owner().centreId(), "model-based dose run " + id);
        return run;
    }

    private PlanRevisions.Revision revision(Context ctx, Caller c) {
        long planId = Json.pathId(ctx, "planId");
        PlanRevisions.PlanRef plan = plans.plan(planId).orElseThrow(() -> ApiProblem.notFound("plan " + planId));
        c.require(Permission.EDIT_PLAN, plan.centreId(), "plan " + planId);
        int rev = (int) Json.pathId(ctx, "rev");
        return plans.revision(planId, rev).orElseThrow(() -> ApiProblem.notFound("revision " + rev + " of plan " + planId));
    }

    /** The request's settings, each refused with its bounds when outside them. */
    static RevisionModelBasedDose.Settings settings(ObjectNode b) {
        DoseSpecification spec;
        try {
            spec = DoseSpecification.parseModelBased("specification", b.hasNonNull("specification") ? b.get("specification").asText() : "dm,m");
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("specification", e.getMessage());
        }
        long photons = DEFAULT_PHOTONS;
        if (b.hasNonNull("photons")) {
            JsonNode p = b.get("photons");
            if (!p.isNumber() || p.asDouble() < MIN_PHOTONS || p.asDouble() > MAX_PHOTONS) {
                throw ApiProblem.badRequest("photons", "photons must be a number from " + MIN_PHOTONS + " to " + MAX_PHOTONS + " (the server's"
                        + " bound on one run), got " + p);
            }
            photons = p.asLong();
        }
        double pct = DEFAULT_UNCERTAINTY_PCT;
        if (b.hasNonNull("uncertaintyPct")) {
            JsonNode u = b.get("uncertaintyPct");
            if (!u.isNumber() || u.asDouble() < MIN_UNCERTAINTY_PCT || u.asDouble() > MAX_UNCERTAINTY_PCT) {
                throw ApiProblem.badRequest("uncertaintyPct", "uncertaintyPct must be a number from " + MIN_UNCERTAINTY_PCT + " to "
                        + MAX_UNCERTAINTY_PCT + " (% mean 1σ in the targets at which the run stops), got " + u);
            }
            pct = u.asDouble();
        }
        List<String> known = MaterialLibrary.standard().names();
        String softTissue = null;
        if (b.hasNonNull("softTissue") && !b.get("softTissue").asText().isBlank()) {
            softTissue = b.get("softTissue").asText().trim().toLowerCase(Locale.ROOT);
            if (!known.contains(softTissue)) {
                throw ApiProblem.badRequest("softTissue", "softTissue '" + b.get("softTissue").asText() + "': unknown material: use"
                        + " mean-male-soft-tissue, mean-female-soft-tissue or another of " + String.join(", ", known)
                        + ", or leave it out for TG-186's of the patient's recorded sex");
            }
        }
        List<PatientModelBasedDose.OverrideRequest> overrides = new ArrayList<>();
        if (b.hasNonNull("tissues")) {
            JsonNode t = b.get("tissues");
            if (!t.isArray()) {
                throw ApiProblem.badRequest("tissues", "tissues must be a list of {structure, material, densityGPerCm3?}, got " + t);
            }
            for (int i = 0; i < t.size(); i++) {
                JsonNode o = t.get(i);
                String structure = o.path("structure").asText("").trim();
                if (structure.isEmpty()) {
                    throw ApiProblem.badRequest("tissues[" + i + "].structure", "tissues[" + i + "].structure: give the structure's name");
                }
                String material = o.path("material").asText("").trim().toLowerCase(Locale.ROOT);
                if (!known.contains(material)) {
                    throw ApiProblem.badRequest("tissues[" + i + "].material", "tissues[" + i + "].material '" + o.path("material").asText("")
                            + "': unknown material: use one of " + String.join(", ", known));
                }
                if (overrides.stream().anyMatch(x -> x.structure().equals(structure))) {
                    throw ApiProblem.badRequest("tissues[" + i + "].structure", "tissues[" + i + "].structure: '" + structure
                            + "' is given twice: give each structure one material");
                }
                Double density = null;
                if (o.hasNonNull("densityGPerCm3")) {
                    JsonNode d = o.get("densityGPerCm3");
                    if (!d.isNumber() || !(d.asDouble() > 0 && d.asDouble() <= HuDensityCurve.MAX_DENSITY_G_PER_CM3)) {
                        throw ApiProblem.badRequest("tissues[" + i + "].densityGPerCm3", "tissues[" + i + "].densityGPerCm3 must be a mass"
                                + " density in g/cm³ above 0 and at most " + HuDensityCurve.MAX_DENSITY_G_PER_CM3 + " (soft tissue about 1.03),"
                                + " or left out to keep the CT's, got " + d);
                    }
                    density = d.asDouble();
                }
                overrides.add(new PatientModelBasedDose.OverrideRequest(structure, material, density));
            }
        }
        return new RevisionModelBasedDose.Settings(spec, photons, pct, MAX_SECONDS, 1, softTissue, overrides);
    }
}
