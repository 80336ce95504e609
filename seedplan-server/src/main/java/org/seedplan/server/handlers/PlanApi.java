package org.seedplan.server.handlers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.seedplan.geometry.Vec3;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.plans.PlanPrintout;
import org.seedplan.server.plans.RevisionStrength;
import org.seedplan.server.plans.RtPlanExport;
import org.seedplan.server.security.Permission;
import org.seedplan.source.SourceLibrary;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.CentreRepository;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;

/** Plans: revisions (list, read, new draft), approval with e-signature, and export for treatment (RT Plan, printout) of approved revisions only. */
public final class PlanApi {

    /** Strongest seed accepted, U: permanent-implant seeds are sold between about 0.2 and 4 U; 10 U catches unit slips. */
    static final double MAX_STRENGTH_U = 10;

    private final Services s;
    private final PlanRevisions plans;
    private final PatientRepository patients;

    public PlanApi(Services s) {
        this.s = s;
        this.plans = new PlanRevisions(s.db());
        this.patients = new PatientRepository(s.db());
    }

    /** POST /api/patients/{id}/plans {"name", …revision fields} → 201 with revision 1 (DRAFT). */
    public void create(Context ctx, Caller c) {
        long patientId = Json.pathId(ctx, "id");
        Patient p = patients.find(patientId).orElseThrow(() -> ApiProblem.notFound("patient " + patientId));
        Role role = c.require(Permission.EDIT_PLAN, p.centreId(), "patient " + patientId);
        ObjectNode b = Json.body(ctx);
        PlanRevisions.Revision r = plans.createPlan(PatientApi.actor(c, role, p.centreId()), patientId, Json.text(b, "name"), content(b), s.now());
        ctx.status(201).json(json(r, true));
    }

    /** GET /api/plans/{planId}/revisions: every revision, oldest first, without seeds. */
    public void revisions(Context ctx, Caller c) {
        PlanRevisions.PlanRef plan = plan(ctx, c, Permission.READ_REGISTRY);
        ArrayNode a = Json.MAPPER.createArrayNode();
        plans.revisions(plan.id()).forEach(r -> a.add(json(r, false)));
        ctx.json(a);
    }

    /** GET /api/plans/{planId}/revisions/{rev}: one revision with needles and seeds. */
    public void revision(Context ctx, Caller c) {
        plan(ctx, c, Permission.READ_REGISTRY);
        ctx.json(json(revisionOf(ctx), true));
    }

    /** POST /api/plans/{planId}/revisions {…revision fields, "reason"} → 201 with the new DRAFT revision. */
    public void addRevision(Context ctx, Caller c) {
        PlanRevisions.PlanRef plan = plan(ctx, c, Permission.EDIT_PLAN);
        Role role = c.require(Permission.EDIT_PLAN, plan.centreId(), "plan " + plan.id());
        ObjectNode b = Json.body(ctx);
        PlanRevisions.Revision r = plans.addRevision(PatientApi.actor(c, role, plan.centreId()), plan.id(), content(b), Json.optText(b, "reason"), s.now());
        ctx.status(201).json(json(r, true));
    }

    /**
     * POST /api/plans/{planId}/revisions/{rev}/approval {"password","printedName","meaning"}: the e-signature. The password is
     * checked again (a wrong one is refused with 403 and counts towards the lockout), the printed name must be the signer's
     * and the meaning "approved for treatment".
     */
    public void approve(Context ctx, Caller c) {
        PlanRevisions.PlanRef plan = plan(ctx, c, Permission.APPROVE_PLAN);
        Role role = c.require(Permission.APPROVE_PLAN, plan.centreId(), "plan " + plan.id());
        PlanRevisions.Revision r = revisionOf(ctx);
        ObjectNode b = Json.body(ctx);
        String printed = Json.text(b, "printedName");
        String meaning = Json.text(b, "meaning");
        Actor actor = PatientApi.actor(c, role, plan.centreId());
        if (!meaning.equalsIgnoreCase(PlanRevisions.MEANING)) {
            throw ApiProblem.badRequest("meaning", "meaning must be \"" + PlanRevisions.MEANING + "\"");
        }
        if (!printed.equalsIgnoreCase(c.displayName().trim())) {
            throw ApiProblem.badRequest("printedName", "printedName must be your name as the system knows it: " + c.displayName());
        }
        String password = b.hasNonNull("password") ? b.get("password").asText() : "";
        if (!s.accounts().reauthenticate(c.userId(), password, s.now(), c.requestId())) {
            s.audit().event(actor, "APPROVE_REFUSED", "plan_revision", r.id(), "wrong password at e-signature");
            throw new ApiProblem(403, "Signature refused", "the password is wrong: the approval was not recorded", "password");
        }
        try {
            ctx.json(json(plans.approve(actor, plan.id(), r.revision(), c.displayName(), s.now()), false));
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
    }

    /** GET /api/plans/{planId}/revisions/{rev}/export/dicom: the RT Plan of an approved revision (409 otherwise); audited, locks the revision. */
    public void exportDicom(Context ctx, Caller c) {
        PlanRevisions.PlanRef plan = plan(ctx, c, Permission.EXPORT_PLAN);
        Role role = c.require(Permission.EXPORT_PLAN, plan.centreId(), "plan " + plan.id());
        PlanRevisions.Revision r = revisionOf(ctx);
        byte[] bytes;
        try {
            bytes = new RtPlanExport(s.db()).write(r, patients.find(plan.patientDbId()).orElseThrow().data());
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        plans.recordExport(PatientApi.actor(c, role, plan.centreId()), r, "DICOM RT Plan");
        ctx.header("Content-Disposition", "attachment; filename=\"RP_plan" + plan.id() + "_rev" + r.revision() + ".dcm\"");
        ctx.contentType("application/dicom").result(bytes);
    }

    /** GET /api/plans/{planId}/revisions/{rev}/report.pdf: the printout for treatment of an approved revision (409 otherwise); audited. */
    public void report(Context ctx, Caller c) {
        PlanRevisions.PlanRef plan = plan(ctx, c, Permission.EXPORT_PLAN);
        Role role = c.require(Permission.EXPORT_PLAN, plan.centreId(), "plan " + plan.id());
        PlanRevisions.Revision r = revisionOf(ctx);
        if (!r.intact()) {
            throw ApiProblem.conflict("revision " + r.revision() + " fails its checksum: the stored plan was altered", null);
        }
        byte[] pdf;
        try {
            String centre = new CentreRepository(s.db()).find(plan.centreId()).orElseThrow().name();
            pdf = new PlanPrintout().render(r, patients.find(plan.patientDbId()).orElseThrow().data(), centre);
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        plans.recordExport(PatientApi.actor(c, role, plan.centreId()), r, "plan printout (PDF)");
        ctx.contentType("application/pdf").result(pdf);
    }

    /** The plan of the path, visible to the caller (404 for other centres) with {@code p} there (403). */
    private PlanRevisions.PlanRef plan(Context ctx, Caller c, Permission p) {
        long planId = Json.pathId(ctx, "planId");
        PlanRevisions.PlanRef plan = plans.plan(planId).orElseThrow(() -> ApiProblem.notFound("plan " + planId));
        c.require(p, plan.centreId(), "plan " + planId);
        return plan;
    }

    private PlanRevisions.Revision revisionOf(Context ctx) {
        long planId = Json.pathId(ctx, "planId");
        long rev = Json.pathId(ctx, "rev");
        return plans.revision(planId, (int) rev).orElseThrow(() -> ApiProblem.notFound("revision " + rev + " of plan " + planId));
    }

    /** The revision fields of a request body. */
    private static PlanContent content(ObjectNode b) {
        String key = Json.text(b, "sourceModelKey");
        try {
            SourceLibrary.builtIn().model(key);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("sourceModelKey", e.getMessage());
        }
        Double sk = Json.optDouble(b, "strengthU");
        if (sk == null || !(sk > 0) || sk > MAX_STRENGTH_U) {
            throw ApiProblem.badRequest("strengthU", "strengthU must be the seeds' air-kerma strength in U, > 0 and ≤ " + MAX_STRENGTH_U);
        }
        List<PlanContent.Needle> needles = new ArrayList<>();
        JsonNode ns = b.get("needles");
        if (ns != null && ns.isArray()) {
            for (int i = 0; i < ns.size(); i++) {
                needles.add(new PlanContent.Needle(vec(ns.get(i).get("entryMm"), "needles[" + i + "].entryMm"), vec(ns.get(i).get("tipMm"), "needles[" + i + "].tipMm")));
            }
        }
        JsonNode ss = b.get("seeds");
        if (ss == null || !ss.isArray() || ss.isEmpty()) {
            throw ApiProblem.badRequest("seeds", "seeds must be a non-empty array of {\"xMm\",\"yMm\",\"zMm\",\"needle\"}");
        }
        List<PlanContent.PlannedSeed> seeds = new ArrayList<>();
        for (int i = 0; i < ss.size(); i++) {
            JsonNode s = ss.get(i);
            int needle = s.has("needle") && !s.get("needle").isNull() ? s.get("needle").asInt() : -1;
            if (needle >= needles.size()) {
                throw ApiProblem.badRequest("seeds", "seeds[" + i + "].needle " + needle + " names no needle (there are " + needles.size() + ")");
            }
            seeds.add(new PlanContent.PlannedSeed(new Vec3(coord(s, "xMm", i), coord(s, "yMm", i), coord(s, "zMm", i)), needle));
        }
        JsonNode intent = b.get("intent");
        LocalDate calibration = Json.optDate(b, "calibrationDate");
        LocalDate implant = Json.optDate(b, "implantDate");
        try {
            RevisionStrength.checkDates(calibration, implant, "");
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(implant == null ? "implantDate" : calibration == null ? "calibrationDate" : "implantDate", e.getMessage());
        }
        return new PlanContent(intent == null || intent.isNull() ? null : intent.toString(), Json.optText(b, "ctSeriesUid"), Json.optDouble(b, "prescriptionGy"),
                key, sk, calibration, implant, needles, seeds, null);
    }

    private static double coord(JsonNode s, String f, int i) {
        JsonNode n = s.get(f);
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw ApiProblem.badRequest("seeds", "seeds[" + i + "]." + f + " must be a number (mm, LPS)");
        }
        return n.asDouble();
    }

    private static Vec3 vec(JsonNode n, String field) {
        if (n == null || !n.isArray() || n.size() != 3 || !n.get(0).isNumber() || !n.get(1).isNumber() || !n.get(2).isNumber()) {
            throw ApiProblem.badRequest("needles", field + " must be [x, y, z] in mm");
        }
        return new Vec3(n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble());
    }

    static ObjectNode json(PlanRevisions.Revision r, boolean withSeeds) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        PlanContent c = r.content();
        o.put("id", r.planId()).put("revisionId", r.id()).put("patientId", r.patientDbId()).put("name", r.planName()).put("revision", r.revision())
                .put("status", r.status().name()).put("approvedBy", r.approvedByName())
                .put("approvedAt", r.approvedAt() == null ? null : r.approvedAt().toString()).put("signatureMeaning", r.signatureMeaning())
                .put("createdAt", r.createdAt().toString()).put("prescriptionGy", c.prescriptionGy()).put("sourceModelKey", c.sourceModelKey())
                .put("strengthU", c.strengthU()).put("calibrationDate", c.calibrationDate() == null ? null : c.calibrationDate().toString())
                .put("implantDate", c.implantDate() == null ? null : c.implantDate().toString()).put("strengthAtImplantU", c.calibrationDate() != null && c.implantDate() == null ? null : RevisionStrength.atImplantU(c))
                .put("doseStrength", RevisionStrength.doseBasis(c))
                .put("ctSeriesUid", c.ctSeriesUid()).put("metricsStructure", c.metrics().structureOrNotRecorded()).put("d90Gy", c.metrics().d90Gy())
                .put("v100Percent", c.metrics().v100Percent()).put("seedCount", c.seeds().size()).put("needleCount", c.needles().size())
                .put("checksum", r.checksum()).put("checksumValid", r.intact());
        if (withSeeds) {
            try {
                o.set("intent", c.intentJson() == null ? null : Json.MAPPER.readTree(c.intentJson()));
            } catch (Exception e) {
                o.put("intent", c.intentJson());
            }
            ArrayNode seeds = o.putArray("seeds");
            c.seeds().forEach(sd -> seeds.addObject().put("xMm", sd.centreMm().x()).put("yMm", sd.centreMm().y()).put("zMm", sd.centreMm().z())
                    .put("needle", sd.needle() < 0 ? null : sd.needle()));
            ArrayNode needles = o.putArray("needles");
            c.needles().forEach(n -> {
                ObjectNode x = needles.addObject();
                x.putArray("entryMm").add(n.entryMm().x()).add(n.entryMm().y()).add(n.entryMm().z());
                x.putArray("tipMm").add(n.tipMm().x()).add(n.tipMm().y()).add(n.tipMm().z());
            });
        }
        return o;
    }
}
