package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.forms.DateChecks;
import org.seedplan.server.forms.VisitForm;
import org.seedplan.server.security.Permission;
import org.seedplan.storage.Actor;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.ImplantData;
import org.seedplan.storage.registry.ImplantMetrics;
import org.seedplan.storage.registry.ImplantRecord;
import org.seedplan.storage.registry.ImplantRepository;
import org.seedplan.storage.registry.PostMetricsSource;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.LesionRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.storage.registry.VisitData;
import org.seedplan.storage.registry.VisitRecord;
import org.seedplan.storage.registry.VisitRepository;

/**
 * Lesions, follow-up visits and implants of a patient: create, and update with version (409 when stale) and an optional
 * reason, as thin JSON callers of the storage repositories (which validate, lock and audit). A PUT changes only the
 * fields its body names; a visit is read with the follow-up form's checks.
 */
public final class ClinicalApi {

    private final PatientRepository patients;
    private final LesionRepository lesions;
    private final VisitRepository visits;
    private final ImplantRepository implants;
    private final PlanRevisions plans;
    private final Supplier<Instant> now;

    public ClinicalApi(Services s) {
        this.now = s::now;
        this.patients = new PatientRepository(s.db());
        this.lesions = new LesionRepository(s.db());
        this.visits = new VisitRepository(s.db());
        this.implants = new ImplantRepository(s.db());
        this.plans = new PlanRevisions(s.db());
    }

    /**
     * POST /api/patients/{id}/lesions → 201 {"label","organ","site"?,"nodal","target","baselineLongestMm"?,
     * "baselineShortAxisMm"?,"baselineViableMm"?,"baselineDate"?}: checked by {@link #lesion}, each refusal naming its field.
     */
    public void createLesion(Context ctx, Caller c) {
        Patient p = patient(ctx);
        Actor a = editor(c, p.centreId(), "patient " + p.id());
        ObjectNode b = Json.body(ctx);
        required(b, "nodal");
        required(b, "target");
        if (Json.optText(b, "organ") == null) {
            throw ApiProblem.badRequest("organ", "organ is required (e.g. liver, lung, lymph node): RECIST 1.1 takes at most two"
                    + " target lesions per organ");
        }
        LesionData d = lesion(b, p.id(), null, dates(p));
        labelFree(d, null);
        ctx.status(201).json(json(lesions.create(a, d)));
    }

    /** PUT /api/lesions/{recordId} {"version",…,"reason"}. */
    public void updateLesion(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "recordId");
        LesionRecord old = lesions.find(id).orElseThrow(() -> ApiProblem.notFound("lesion " + id));
        Patient p = patients.find(old.data().patientId()).orElseThrow(() -> ApiProblem.notFound("lesion " + id));
        Actor a = editor(c, p.centreId(), "lesion " + id);
        ObjectNode b = Json.body(ctx);
        long version = Json.number(b, "version");
        LesionData d = lesion(b, p.id(), old.data(), dates(p));
        labelFree(d, id);
        ctx.json(json(lesions.update(a, id, version, d, Json.optText(b, "reason"))));
    }

    /** Refuses, naming the field, a label another lesion of the patient has ({@code except}: the lesion being changed, or null). */
    private void labelFree(LesionData d, Long except) {
        if (lesions.ofPatient(d.patientId()).stream().anyMatch(l -> l.data().label().equals(d.label()) && !Long.valueOf(l.id()).equals(except))) {
            throw ApiProblem.badRequest("label", "lesion " + d.label() + " already exists for this patient; choose another label");
        }
    }

    /** POST /api/patients/{id}/visits → 201: read with the visit form's checks ({@link VisitForm}). */
    public void createVisit(Context ctx, Caller c) {
        Patient p = patient(ctx);
        Actor a = editor(c, p.centreId(), "patient " + p.id());
        VisitData d = VisitForm.read(Json.body(ctx), p.id(), dates(p), lesions.ofPatient(p.id()));
        ctx.status(201).json(json(visits.create(a, d)));
    }

    /**
     * PUT /api/visits/{recordId} {"version", …, "reason"}: the fields the body names — measurements, QLQ-C30 answers
     * and labs included — laid over the stored visit, which is then read with the visit form's checks
     * ({@link VisitForm}), so that this route and the form's own edit refuse and store the same things.
     */
    public void updateVisit(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "recordId");
        VisitRecord old = visits.find(id).orElseThrow(() -> ApiProblem.notFound("visit " + id));
        Patient p = patients.find(old.data().patientId()).orElseThrow(() -> ApiProblem.notFound("visit " + id));
        Actor a = editor(c, p.centreId(), "visit " + id);
        ObjectNode b = Json.body(ctx);
        long version = Json.number(b, "version");
        ObjectNode form = VisitForm.body(old.data());
        form.setAll(b);
        VisitData d = VisitForm.read(form, p.id(), dates(p), lesions.ofPatient(p.id()));
        ctx.json(json(visits.update(a, id, version, d, Json.optText(b, "reason"))));
    }

    /**
     * POST /api/patients/{id}/implants → 201. Against an approved plan revision ({@code planRevisionId}) the implant's planned
     * metrics and their structure are copied from it ({@link #implant}); the audit rows say so.
     */
    public void createImplant(Context ctx, Caller c) {
        Patient p = patient(ctx);
        Actor a = editor(c, p.centreId(), "patient " + p.id());
        ObjectNode b = Json.body(ctx);
        Implant d = implant(b, new ImplantData(p.id(), null, requiredDate(b, "implantDate"), null, null, null, null, null, null, null, null,
                null, null));
        ctx.status(201).json(json(implants.create(a, d.data(), d.copyNote())));
    }

    /** PUT /api/implants/{recordId}. */
    public void updateImplant(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "recordId");
        ImplantRecord old = implants.find(id).orElseThrow(() -> ApiProblem.notFound("implant " + id));
        Actor a = editor(c, centreOf(old.data().patientId(), "implant " + id), "implant " + id);
        ObjectNode b = Json.body(ctx);
        long version = Json.number(b, "version");
        Implant d = implant(b, old.data());
        String reason = Json.optText(b, "reason");
        if (d.copyNote() != null && !d.data().planned().equals(old.data().planned())) {
            reason = reason == null ? d.copyNote() : reason + "; " + d.copyNote();
        }
        ctx.json(json(implants.update(a, id, version, d.data(), reason)));
    }

    /** The lesion as the API shows it. */
    static ObjectNode json(LesionRecord r) {
        LesionData d = r.data();
        return Json.MAPPER.createObjectNode().put("id", r.id()).put("label", d.label()).put("organ", d.organ()).put("site", d.site())
                .put("nodal", d.nodal()).put("target", d.target()).put("baselineLongestMm", d.baselineLongestMm())
                .put("baselineShortAxisMm", d.baselineShortAxisMm()).put("baselineViableMm", d.baselineViableMm())
                .put("baselineDate", d.baselineDate() == null ? null : d.baselineDate().toString()).put("version", r.version());
    }

    /** The visit as the API shows it (months since implant computed by storage from the first implant), with its measurements. */
    static ObjectNode json(VisitRecord r) {
        VisitData d = r.data();
        ObjectNode o = Json.MAPPER.createObjectNode().put("id", r.id()).put("visitDate", d.visitDate().toString())
                .put("monthsSinceImplant", r.monthsSinceImplant()).put("nrsPain", d.nrsPain()).put("kps", d.kps())
                .put("newLesion", d.newLesion()).put("nonTarget", d.nonTarget()).put("version", r.version());
        o.set("measurements", VisitForm.body(d).get("measurements"));
        return o;
    }

    /**
     * The implant as the API shows it: planned metrics with the structure they are of ({@code plannedMetricsStructure}:
     * "structure not recorded" for rows stored before migration V011, as the plans say), verified metrics those of the
     * post-operative CT with theirs ({@code postMetricsStructure}: "structure not recorded" before migration V012) and, when
     * they were saved from a verification run, that run ({@code postMetricsSource}: run id, dose engine, when it finished; V013;
     * null when typed in).
     */
    static ObjectNode json(ImplantRecord r) {
        ImplantData d = r.data();
        ObjectNode o = Json.MAPPER.createObjectNode().put("id", r.id()).put("implantDate", d.implantDate().toString())
                .put("planRevisionId", d.planRevisionId()).put("seedCount", d.seedCount()).put("seedActivityMCi", d.seedActivityMCi())
                .put("hyperthermia", d.hyperthermia()).put("plannedD90Gy", d.planned().d90Gy())
                .put("plannedV100Percent", d.planned().v100Percent()).put("plannedMetricsStructure", d.plannedStructureOrNotRecorded())
                .put("postopStudyUid", d.postopStudyUid()).put("postD90Gy", d.verified().d90Gy())
                .put("postV100Percent", d.verified().v100Percent()).put("postMetricsStructure", d.verifiedStructureOrNotRecorded())
                .put("postD100Gy", d.verified().d100Gy()).put("postV150Percent", d.verified().v150Percent())
                .put("postSeedCount", d.verified().seedCount()).put("postTargetVolumeCc", d.verified().ptvCc()).put("version", r.version());
        PostMetricsSource src = d.verifiedSource();
        if (src == null) {
            o.putNull("postMetricsSource");
        } else {
            o.putObject("postMetricsSource").put("verificationRunId", src.verificationRunId()).put("doseEngine", src.doseEngine())
                    .put("runFinishedAt", src.runFinishedAt().toString());
        }
        return o;
    }

    /**
     * RECIST 1.1 (Eisenhauer et al., Eur J Cancer 2009;45:228, section 3.1.1): a measurable lesion is at least 10 mm in longest
     * diameter on CT with slices of 5 mm or less; a lymph node is measurable (pathological) from 15 mm in short axis.
     */
    static final double MIN_MEASURABLE_MM = 10;
    static final double MIN_MEASURABLE_NODE_MM = 15;
    /** The largest diameter accepted: storage's bound (LesionData), a typing slip (cm for mm) above it. */
    private static final double MAX_DIAMETER_MM = 500;

    /**
     * {@code old} (null for a new lesion of patient {@code patientId}) with the lesion fields the body names, checked, each refusal naming its field: a label; diameters in mm
     * (0 < d ≤ 500); the baseline date not in the future nor before birth ({@link DateChecks}). When the body names whether the
     * lesion is a target or a node, or a baseline diameter, a target lesion must carry the diameter RECIST measures (longest;
     * short axis for a node) at a measurable size. Lesions stored earlier without it (or without a date) can still be edited.
     */
    private static LesionData lesion(ObjectNode b, long patientId, LesionData stored, DateChecks dates) {
        // a new lesion starts from nothing recorded (its label, required, comes from the body: the placeholder is never stored)
        LesionData old = stored != null ? stored : new LesionData(patientId, "new", null, null, false, false, null, null, null, null);
        String label = Json.text(b, "label", stored == null ? null : old.label());
        if (label == null) {
            throw ApiProblem.badRequest("label", "label is required: name the lesion within the patient, e.g. \"L1\"");
        }
        boolean nodal = flag(b, "nodal", old.nodal());
        boolean target = flag(b, "target", old.target());
        Double longest = diameter(b, "baselineLongestMm", old.baselineLongestMm());
        Double shortAxis = diameter(b, "baselineShortAxisMm", old.baselineShortAxisMm());
        Double viable = diameter(b, "baselineViableMm", old.baselineViableMm());
        LocalDate date = b.has("baselineDate") ? dates.check(b, "baselineDate", false, "the baseline measurement") : old.baselineDate();
        boolean measurementNamed = java.util.stream.Stream.of("nodal", "target", "baselineLongestMm", "baselineShortAxisMm").anyMatch(b::has);
        if (target && measurementNamed) {
            String field = nodal ? "baselineShortAxisMm" : "baselineLongestMm";
            Double measured = nodal ? shortAxis : longest;
            double least = nodal ? MIN_MEASURABLE_NODE_MM : MIN_MEASURABLE_MM;
            String what = nodal ? "short axis" : "longest diameter";
            if (measured == null) {
                throw ApiProblem.badRequest(field, "a target lesion needs its baseline " + what + " (mm), which RECIST 1.1 follows;"
                        + " give it, or record the lesion as non-target");
            }
            if (measured < least) {
                throw ApiProblem.badRequest(field, "a target " + (nodal ? "node" : "lesion") + " of " + measured + " mm " + what
                        + " is not measurable: RECIST 1.1 needs at least " + least + " mm; record it as non-target");
            }
        }
        return new LesionData(patientId, label, Json.text(b, "organ", old.organ()), Json.text(b, "site", old.site()), nodal, target,
                longest, shortAxis, viable, date);
    }

    /** Diameter {@code field} in mm when the body has it (0 < d ≤ 500), else {@code old}. */
    private static Double diameter(ObjectNode b, String field, Double old) {
        Double d = Json.decimal(b, field, old);
        if (b.has(field) && d != null && (d <= 0 || d > MAX_DIAMETER_MM)) {
            throw ApiProblem.badRequest(field, field + " " + d + " mm is outside 0–" + (int) MAX_DIAMETER_MM + " mm; give millimetres"
                    + " (leave it empty when not measured)");
        }
        return d;
    }

    /** An implant to store, and the audit note when its planned metrics were copied from a plan revision (else null). */
    record Implant(ImplantData data, String copyNote) {
    }

    /** What the implant's JSON shows for a structure that was not recorded (ImplantData). */
    private static final String NOT_RECORDED = "structure not recorded";

    /** The planned figures a client may echo (they must agree with the revision's); the stored ones come from the revision. */
    private static final String[] PLANNED_FIELDS = {"plannedD90Gy", "plannedV100Percent", "plannedMetricsStructure"};

    /**
     * Planned figures (Gy, %) a client echoes back must equal the revision's: JSON carries a double exactly, so the margin is
     * only for a client that prints and parses them again (10⁻⁶ Gy or %, far below any reported digit).
     */
    static final double ECHO_TOLERANCE = 1e-6;

    /**
     * {@code old} with the implant fields the body names. The planned metrics are never the client's: recorded against a
     * plan revision that was approved (signed: APPROVED, LOCKED, or RETIRED after a later approval), the implant takes that
     * revision's stored D90, D100, V100, V150, target volume, seed count and their structure; against a draft, none. A
     * client sending planned figures that disagree with those the implant will hold is refused naming the field. Post-operative
     * figures ({@code postD90Gy}, {@code postV100Percent}) are saved with the structure they are of ({@code postMetricsStructure}).
     */
    private Implant implant(ObjectNode b, ImplantData old) {
        LocalDate date = Json.date(b, "implantDate", old.implantDate());
        if (date == null) {
            throw ApiProblem.badRequest("implantDate", "implantDate is required");
        }
        Long revision = old.planRevisionId();
        if (b.has("planRevisionId")) {
            Integer given = Json.optInt(b, "planRevisionId");
            revision = given == null ? null : given.longValue();
        }
        ImplantMetrics planned = old.planned();
        String plannedStructure = old.plannedMetricsStructure();
        String copyNote = null;
        PlanRevisions.Revision r = null;
        if (revision != null) {
            long revisionId = revision;
            r = plans.byId(revisionId).orElseThrow(() -> ApiProblem.badRequest("planRevisionId", "plan revision " + revisionId
                    + " does not exist: give the id of a revision of this patient's plans (the patient page lists them)"));
            if (r.patientDbId() != old.patientId()) {
                throw ApiProblem.badRequest("planRevisionId", "plan revision " + revisionId + " is of another patient:"
                        + " give a revision of this patient's plans");
            }
        }
        if (r != null && r.approvedAt() != null) {
            PlanContent.Metrics m = r.content().metrics();
            planned = new ImplantMetrics(m.d90Gy(), m.d100Gy(), m.v100Percent(), m.v150Percent(), null, r.content().seeds().size(), m.ptvCc());
            plannedStructure = m.structure();
            copyNote = "planned metrics copied from approved plan " + r.planId() + " revision " + r.revision() + " (" + r.planName()
                    + ", " + m.structureOrNotRecorded() + ")";
        } else if (!java.util.Objects.equals(revision, old.planRevisionId())) {
            planned = ImplantMetrics.NONE; // a draft (or no) revision now: its figures were never signed
            plannedStructure = null;
        }
        checkEchoedPlanned(b, r, planned, plannedStructure);
        ImplantMetrics v = old.verified();
        ImplantMetrics verified = new ImplantMetrics(Json.decimal(b, "postD90Gy", v.d90Gy()), v.d100Gy(),
                Json.decimal(b, "postV100Percent", v.v100Percent()), v.v150Percent(), v.homogeneityIndex(),
                Json.integer(b, "postSeedCount", v.seedCount()), v.ptvCc());
        String namedStructure = Json.optText(b, "postMetricsStructure");
        if (NOT_RECORDED.equals(namedStructure)) {
            namedStructure = null; // the implant's JSON echoed back: what it shows when none was recorded is no ROI name
        }
        String verifiedStructure = namedStructure != null ? namedStructure : old.verifiedMetricsStructure();
        boolean postDoseChanged = !java.util.Objects.equals(verified.d90Gy(), v.d90Gy())
                || !java.util.Objects.equals(verified.v100Percent(), v.v100Percent());
        if (verified.d90Gy() == null && verified.v100Percent() == null) {
            verifiedStructure = null; // no post-operative dose figure: nothing for a structure to describe
        } else if (postDoseChanged && namedStructure == null) {
            throw ApiProblem.badRequest("postMetricsStructure", "postMetricsStructure is required with postD90Gy and postV100Percent:"
                    + " give the structure (ROI name) the verification computed them for, e.g. the CTV");
        }
        // figures typed over those saved from a verification run are no longer the run's
        boolean sameAsSaved = verified.equals(v) && java.util.Objects.equals(verifiedStructure, old.verifiedMetricsStructure());
        return new Implant(new ImplantData(old.patientId(), revision, date, Json.integer(b, "seedCount", old.seedCount()),
                Json.decimal(b, "seedActivityMCi", old.seedActivityMCi()), old.ageYears(), Json.bool(b, "hyperthermia", old.hyperthermia()),
                old.baselineTumourMarker(), Json.text(b, "postopStudyUid", old.postopStudyUid()), planned, plannedStructure, verified,
                verifiedStructure, sameAsSaved ? old.verifiedSource() : null), copyNote);
    }

    /**
     * Refuses planned figures in the body that are not those the implant will hold: its approved revision's, or (without
     * one) those it already has. The implant's JSON echoed back as a whole (its "structure not recorded" included) passes.
     */
    private static void checkEchoedPlanned(ObjectNode b, PlanRevisions.Revision r, ImplantMetrics planned, String plannedStructure) {
        boolean signed = r != null && r.approvedAt() != null;
        String source = signed ? "approved plan " + r.planId() + " revision " + r.revision() + "'s"
                : "the implant's stored (planned metrics come only from the approved plan revision named by planRevisionId"
                + (r == null ? "" : "; revision " + r.revision() + " of plan " + r.planId() + " is " + r.status()) + ")";
        for (String field : PLANNED_FIELDS) {
            if (!b.hasNonNull(field)) {
                continue;
            }
            if (field.equals("plannedMetricsStructure")) {
                String given = Json.optText(b, field);
                String stored = plannedStructure == null ? NOT_RECORDED : plannedStructure;
                if (given != null && !given.equals(stored)) {
                    throw ApiProblem.badRequest(field, field + " '" + given + "' disagrees with " + source + " '" + stored + "'; leave it out");
                }
                continue;
            }
            double given = Json.optDouble(b, field);
            Double stored = field.equals("plannedD90Gy") ? planned.d90Gy() : planned.v100Percent();
            if (stored == null || Math.abs(given - stored) > ECHO_TOLERANCE) {
                throw ApiProblem.badRequest(field, field + " " + given + " disagrees with " + source + " "
                        + (stored == null ? "(none)" : String.valueOf(stored)) + "; leave it out: the planned metrics are copied from the revision");
            }
        }
    }

    private static boolean flag(ObjectNode b, String field, boolean old) {
        Boolean v = Json.bool(b, field, old);
        if (v == null) {
            throw ApiProblem.badRequest(field, field + " must be true or false");
        }
        return v;
    }

    private static void required(ObjectNode b, String field) {
        if (!b.hasNonNull(field)) {
            throw ApiProblem.badRequest(field, field + " is required (true or false)");
        }
    }

    private static LocalDate requiredDate(ObjectNode b, String field) {
        LocalDate d = Json.optDate(b, field);
        if (d == null) {
            throw ApiProblem.badRequest(field, field + " is required (yyyy-MM-dd)");
        }
        return d;
    }

    /** The order the patient's dates must keep (today by the server's clock, in UTC). */
    private DateChecks dates(Patient p) {
        LocalDate firstImplant = implants.ofPatient(p.id()).stream().map(i -> i.data().implantDate()).min(LocalDate::compareTo).orElse(null);
        return new DateChecks(p.data().birthDate(), p.data().deathDate(), firstImplant, LocalDate.ofInstant(now.get(), ZoneOffset.UTC));
    }

    /** The patient of the path (404 when there is none). */
    private Patient patient(Context ctx) {
        long id = Json.pathId(ctx, "id");
        return patients.find(id).orElseThrow(() -> ApiProblem.notFound("patient " + id));
    }

    /** The centre of patient {@code patientDbId}, the owner of record {@code what}. */
    private long centreOf(long patientDbId, String what) {
        return patients.find(patientDbId).orElseThrow(() -> ApiProblem.notFound(what)).centreId();
    }

    /** The caller as the actor of a registry change in {@code centreId}, when allowed (404 for another centre, else 403). */
    private static Actor editor(Caller c, long centreId, String what) {
        return PatientApi.actor(c, c.require(Permission.EDIT_REGISTRY, centreId, what), centreId);
    }
}
