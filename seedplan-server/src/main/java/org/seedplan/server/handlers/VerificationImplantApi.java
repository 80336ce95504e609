package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.jobs.BackgroundJobs;
import org.seedplan.server.modelbased.VerificationModelBasedResults;
import org.seedplan.server.security.Permission;
import org.seedplan.server.verification.VerificationOwner;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.ImplantData;
import org.seedplan.storage.registry.ImplantMetrics;
import org.seedplan.storage.registry.ImplantRecord;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.PostMetricsSource;

/**
 * "Save to implant" of the verification screen: a finished verification run's post-implant figures of one target (D90, D100,
 * V100, V150, its volume and the found seed count) written into the implant recorded against the verified plan revision,
 * with the structure they are of, the run's id, when it finished and the dose engine (TG-43, the verification's dose of
 * record; or the model-based Dm,m / Dw,m stored for this run, TG-186, only when the user chooses it: D90 and V100 only, the
 * figures that run reports). The implant record holds no organ metrics, so none are saved.
 *
 * <p>Refused, with problem details naming the field: a run not finished ({@code jobId}); an implant of another patient — so of
 * another centre too — or not recorded against the verified revision ({@code implantId}); no model-based result of the chosen
 * specification for this run ({@code engine}); a structure that is not one of the run's targets ({@code structure}); an
 * implant that already holds post-operative figures from another run or typed in, unless {@code replace} is true with a
 * {@code reason} ({@code replace}, {@code reason}); a stale {@code version} (409). The run is its starter's only (404 for
 * anyone else, or a forged id), and the caller needs EDIT_REGISTRY in the patient's centre as for any implant edit. The
 * storage audits every changed column with its old and new value and the reason.
 */
public final class VerificationImplantApi {

    private static final List<String> TARGET_TYPES = List.of("GTV", "CTV", "PTV");

    private final VerificationApi verifications;
    private final PlanRevisions plans;
    private final PatientRepository patients;
    private final ImplantRepository implants;
    private final VerificationModelBasedResults modelBased;

    public VerificationImplantApi(Services s, VerificationApi verifications) {
        this.verifications = verifications;
        this.plans = new PlanRevisions(s.db());
        this.patients = new PatientRepository(s.db());
        this.implants = new ImplantRepository(s.db());
        this.modelBased = new VerificationModelBasedResults(s.db(), s.audit());
    }

    /**
     * POST /api/verifications/{jobId}/implant {version, implantId?, engine?: "TG-43" | "Dm,m" | "Dw,m", structure?, replace?,
     * reason?} → 200 the implant as the patient page shows it.
     */
    public void save(Context ctx, Caller c) {
        BackgroundJobs.Job<VerificationOwner> job = verifications.job(ctx, c);
        JsonNode v = job.result();
        if (v == null || job.finishedAt() == null) {
            throw ApiProblem.conflict("verification " + job.id() + " has not finished (" + job.state() + "): save its figures once it"
                    + " has a result", "jobId");
        }
        PlanRevisions.Revision r = plans.revision(v.get("planId").asLong(), v.get("revision").asInt())
                .orElseThrow(() -> ApiProblem.notFound("the verified plan revision"));
        Patient p = patients.find(job.owner().patientDbId()).orElseThrow(() -> ApiProblem.notFound("verification " + job.id()));
        Role role = c.require(Permission.EDIT_REGISTRY, p.centreId(), "implant of patient " + p.id());
        ObjectNode b = Json.body(ctx);
        long version = Json.number(b, "version");
        ImplantRecord implant = implant(b, p, r);
        String structure = structure(b, v, implant.data());
        String engine = Optional.ofNullable(Json.optText(b, "engine")).orElse("TG-43");
        ImplantMetrics figures = switch (engine) {
            case "TG-43" -> tg43(v, structure);
            case "Dm,m", "Dw,m" -> modelBased(v, structure, engine);
            default -> throw ApiProblem.badRequest("engine", "engine '" + engine + "' is none of " + PostMetricsSource.ENGINES
                    + ": TG-43 is the verification's dose of record; Dm,m or Dw,m takes the model-based run stored for it");
        };
        PostMetricsSource source = new PostMetricsSource(job.id(), engine, job.finishedAt());
        String origin = "post-operative metrics saved from verification " + job.id() + " (plan " + r.planId() + " revision " + r.revision()
                + ", post-op CT " + v.path("postOpSeriesUid").asText() + ", " + v.path("found").size() + " found seeds, " + structure + ", "
                + engine + ")";
        String reason = origin;
        ImplantData old = implant.data();
        if (old.hasVerified() && !sameRun(old.verifiedSource(), source)) {
            String held = old.verifiedSource() == null ? "post-operative figures entered by hand"
                    : "post-operative figures of verification " + old.verifiedSource().verificationRunId() + " (" + old.verifiedSource().doseEngine() + ")";
            if (!b.path("replace").asBoolean(false)) {
                throw ApiProblem.conflict("implant " + implant.id() + " already holds " + held + ": to replace them with this run's, send"
                        + " replace true with a reason", "replace");
            }
            String given = Json.optText(b, "reason");
            if (given == null || given.isBlank()) {
                throw ApiProblem.badRequest("reason", "replacing the " + held + " of implant " + implant.id() + " needs a reason");
            }
            reason = given.strip() + "; replaces the " + held + "; " + origin;
        }
        Actor actor = PatientApi.actor(c, role, p.centreId());
        ctx.json(ClinicalApi.json(implants.update(actor, implant.id(), version, old.withVerified(figures, structure, source), reason)));
    }

    private static boolean sameRun(PostMetricsSource a, PostMetricsSource b) {
        return a != null && a.verificationRunId().equals(b.verificationRunId()) && a.doseEngine().equals(b.doseEngine());
    }

    /** The implant named by {@code implantId}, else the one recorded against the verified revision; of the run's patient. */
    private ImplantRecord implant(ObjectNode b, Patient p, PlanRevisions.Revision r) {
        String against = "plan " + r.planId() + " revision " + r.revision();
        if (b.hasNonNull("implantId")) {
            long id = Json.number(b, "implantId");
            ImplantRecord i = implants.find(id).filter(x -> x.data().patientId() == p.id()).orElseThrow(() -> ApiProblem.badRequest("implantId",
                    "implant " + id + " is not an implant of this verification's patient: choose one of the patient page's implants"));
            if (!Long.valueOf(r.id()).equals(i.data().planRevisionId())) {
                throw ApiProblem.badRequest("implantId", "implant " + id + " is not recorded against the verified " + against
                        + ": its figures would describe another plan; record the implant against that revision first");
            }
            return i;
        }
        List<ImplantRecord> of = implants.ofPatient(p.id()).stream().filter(x -> Long.valueOf(r.id()).equals(x.data().planRevisionId())).toList();
        if (of.isEmpty()) {
            throw ApiProblem.conflict("no implant of this patient is recorded against the verified " + against
                    + ": record the implant against that revision on the patient page first", "implantId");
        }
        if (of.size() > 1) {
            throw ApiProblem.badRequest("implantId", of.size() + " implants are recorded against the verified " + against
                    + ": name the one to save into (implantId: " + of.stream().map(x -> Long.toString(x.id())).toList() + ")");
        }
        return of.get(0);
    }

    /**
     * The target the figures are of: the one named, else the structure the approved plan's metrics are of, else the implant's
     * planned metrics' structure, else the run's first target; always one of the run's targets.
     */
    private static String structure(ObjectNode b, JsonNode v, ImplantData implant) {
        List<String> targets = new java.util.ArrayList<>();
        for (JsonNode st : v.path("structures")) {
            if (TARGET_TYPES.contains(st.path("type").asText())) {
                targets.add(st.get("name").asText());
            }
        }
        String named = Json.optText(b, "structure");
        if (named != null) {
            if (!targets.contains(named)) {
                throw ApiProblem.badRequest("structure", "'" + named + "' is not a target of this verification: choose one of " + targets);
            }
            return named;
        }
        JsonNode approved = v.path("planAsApproved");
        if (approved.path("structureRecorded").asBoolean(false) && targets.contains(approved.path("structure").asText())) {
            return approved.get("structure").asText();
        }
        if (implant.plannedMetricsStructure() != null && targets.contains(implant.plannedMetricsStructure())) {
            return implant.plannedMetricsStructure();
        }
        if (targets.isEmpty()) {
            throw ApiProblem.conflict("the verification has no target structure (GTV, CTV or PTV): there is no D90 to save", "structure");
        }
        return targets.get(0);
    }

    /** The verification's own (TG-43) post-implant figures of {@code structure}. */
    private static ImplantMetrics tg43(JsonNode v, String structure) {
        for (JsonNode st : v.path("structures")) {
            if (st.path("name").asText().equals(structure)) {
                return new ImplantMetrics(post(st, "d_pct_gy.90"), post(st, "d_pct_gy.100"), post(st, "v_pct.100"), post(st, "v_pct.150"), null,
                        v.path("found").size(), post(st, "volume_cc"));
            }
        }
        throw new IllegalStateException("verification structure " + structure + " vanished");
    }

    /** The model-based D90 and V100 of {@code structure} stored for this run, when computed with {@code engine}'s specification. */
    private ImplantMetrics modelBased(JsonNode v, String structure, String engine) {
        ObjectNode m = modelBased.ofVerification(v).orElseThrow(() -> ApiProblem.badRequest("engine", "no model-based dose is stored for this"
                + " verification and its found seeds: compute it on the verification screen first, or save the TG-43 figures"));
        String spec = m.path("specification").asText();
        if (!engine.equals(spec)) {
            throw ApiProblem.badRequest("engine", "the model-based dose stored for this verification is " + spec + ", not " + engine
                    + ": save it as " + spec + ", or compute " + engine + " first");
        }
        Double d90 = null;
        Double v100 = null;
        for (JsonNode row : m.path("comparison")) {
            if (row.path("structure").asText().equals(structure) && row.path("modelBased").isNumber()) {
                switch (row.path("metric").asText().toUpperCase(Locale.ROOT)) {
                    case "D90" -> d90 = row.get("modelBased").asDouble();
                    case "V100" -> v100 = row.get("modelBased").asDouble();
                    default -> { }
                }
            }
        }
        if (d90 == null || v100 == null) {
            throw ApiProblem.badRequest("structure", "the model-based dose stored for this verification reports no D90 and V100 of " + structure);
        }
        Double volume = tg43(v, structure).ptvCc();
        return new ImplantMetrics(d90, null, v100, null, null, v.path("found").size(), volume);
    }

    private static Double post(JsonNode structure, String key) {
        for (JsonNode m : structure.path("metrics")) {
            if (m.path("key").asText().equals(key) && m.path("post").isNumber()) {
                return m.get("post").asDouble();
            }
        }
        return null;
    }
}
