package org.seedplan.server.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.seedplan.dvh.StructureMetrics;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.PlanEvaluator;
import org.seedplan.planning.edit.EditSession;
import org.seedplan.planning.edit.SlicePlane;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.planning.IntentForm;
import org.seedplan.server.planning.LiveSession;
import org.seedplan.server.planning.NeedleLoading;
import org.seedplan.server.planning.PatientImages;
import org.seedplan.server.planning.PlanningWorkspace;
import org.seedplan.server.planning.SessionJson;
import org.seedplan.server.security.Permission;
import org.seedplan.source.SourceLibrary;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;

/**
 * The plan screen's API: the intent form's choices, planning with progress, edits (move, add, delete a seed
 * or a needle; lock needles; re-optimise), each answered with the changed isodose lines, DVHs, metrics and
 * goals, the uniform-loading comparison, and saving the session as a new DRAFT revision. Sessions are held by
 * {@link PlanningWorkspace}; a session is open to every holder of EDIT_PLAN in its patient's centre.
 */
public final class PlanningApi {

    private final Services s;
    private final PlanningWorkspace workspace;
    private final PatientRepository patients;
    private final PlanRevisions plans;
    private final DicomStore store;

    public PlanningApi(Services s, PlanningWorkspace workspace) {
        this.s = s;
        this.workspace = workspace;
        this.patients = new PatientRepository(s.db());
        this.plans = new PlanRevisions(s.db());
        this.store = DicomStore.open(s.db());
    }

    /** GET /api/patients/{id}/planning: the structures of the patient's newest structure set, its CT, the seed models. */
    public void form(Context ctx, Caller c) {
        Patient p = patient(ctx, c);
        PatientImages images = images(p);
        ObjectNode o = Json.MAPPER.createObjectNode().put("patientId", p.id()).put("ctSeriesUid", images.ctSeriesUid())
                .put("structureSetUid", images.structureSet().sopInstanceUid());
        ArrayNode st = o.putArray("structures");
        images.structureSet().rois().forEach(r -> r.structure().ifPresent(x -> {
            ObjectNode so = st.addObject().put("name", x.name()).put("type", x.type().name()).put("colour", String.format("#%06x", x.colorRgb() & 0xffffff));
            ArrayNode cs = so.putArray("contours");
            for (org.seedplan.structure.Contour k : x.contours()) {
                ObjectNode co = cs.addObject().put("zMm", k.zMm());
                ArrayNode pts = co.putArray("pointsMm");
                int step = Math.max(1, k.size() / 240);
                for (int i = 0; i < k.size(); i += step) {
                    pts.add(Math.round(k.xMm()[i] * 10) / 10.0).add(Math.round(k.yMm()[i] * 10) / 10.0);
                }
            }
        }));
        ArrayNode models = o.putArray("seedModels");
        SourceLibrary lib = SourceLibrary.builtIn();
        lib.keys().forEach(k -> models.addObject().put("key", k).put("description", lib.model(k).description())
                .put("halfLifeDays", lib.model(k).halfLifeDays()));
        storedIntent(p).ifPresent(r -> o.set("storedIntent", storedIntentJson(r)));
        ctx.json(o);
    }

    /**
     * The revision whose intent the plan screen opens with: the patient's newest approved or locked revision (the plan in force),
     * else the newest draft; retired revisions never.
     */
    private java.util.Optional<PlanRevisions.Revision> storedIntent(Patient p) {
        return s.db().read(tx -> tx.one("SELECT r.plan_id, r.revision FROM plan_revision r JOIN plan pl ON pl.id = r.plan_id"
                        + " WHERE pl.patient_id = ? AND r.status IN ('APPROVED', 'LOCKED', 'DRAFT')"
                        + " ORDER BY CASE WHEN r.status = 'DRAFT' THEN 1 ELSE 0 END, r.id DESC LIMIT 1",
                row -> new long[] {row.longValue("plan_id"), row.longValue("revision")}, p.id()))
                .flatMap(k -> plans.revision(k[0], (int) k[1]));
    }

    /**
     * {@code {"planId", "planName", "revision", "status", "form"}}: the revision's intent JSON as the form reads it ({@code form}), or,
     * when it is not one of the form's ({@code form} null), {@code note} saying why.
     */
    private static ObjectNode storedIntentJson(PlanRevisions.Revision r) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("planId", r.planId()).put("planName", r.planName()).put("revision", r.revision())
                .put("status", r.status().name());
        try {
            ObjectNode form = (ObjectNode) Json.MAPPER.readTree(r.content().intentJson());
            IntentForm.parse(form);
            o.set("form", form);
        } catch (IllegalArgumentException | ClassCastException | java.io.IOException e) {
            o.putNull("form");
            o.put("note", "the intent of plan '" + r.planName() + "' revision " + r.revision() + " is not in the intent form's shape (" + e.getMessage()
                    + "): fill the form by hand");
        }
        return o;
    }

    /** POST /api/patients/{id}/planning {intent form} → 202 with the session (planning runs; poll GET /api/planning/{sessionId}). */
    public void start(Context ctx, Caller c) {
        Patient p = patient(ctx, c);
        IntentForm form;
        try {
            form = IntentForm.parse(Json.body(ctx));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field(e.getMessage()), e.getMessage());
        }
        PatientImages images = images(p);
        List<String> names = new ArrayList<>();
        images.structures().forEach(x -> names.add(x.name()));
        form.derived().forEach(d -> names.add(d.name()));
        for (TargetGoal t : form.intent().targets()) {
            if (!names.contains(t.structure())) {
                throw ApiProblem.badRequest("targets", "target '" + t.structure() + "' is not a structure of the patient (" + String.join(", ", names)
                        + "): choose one, or expand one by a margin");
            }
        }
        LiveSession live;
        try {
            live = workspace.start(p.id(), p.centreId(), p.data().familyName(), images, form);
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        ctx.status(202).json(SessionJson.of(live, Map.of()));
    }

    /**
     * GET /api/planning/{sessionId}?axial=&coronal=&sagittal=[&wash=true]: progress, or the state with the isodose lines of those planes
     * (mm) and, with wash, their dose.
     */
    public void get(Context ctx, Caller c) {
        LiveSession live = session(ctx, c);
        ctx.json(SessionJson.of(live, slices(ctx.queryParam("axial"), ctx.queryParam("coronal"), ctx.queryParam("sagittal")),
                "true".equals(ctx.queryParam("wash"))));
    }

    /**
     * POST /api/planning/{sessionId}/edits {"op", …, "slices": {"axial": z, "coronal": y, "sagittal": x}}: one edit, answered with the
     * new state. Ops: moveSeed {seed, toMm}, addSeed {needle, nearMm}, deleteSeed {seed}, moveNeedle {needle, shiftMm},
     * deleteNeedle {needle}, addNeedle {entryMm, tipMm, spacingMm?, load?} (loaded by {@link NeedleLoading} unless load is false), lock /
     * unlock {needles: […]}.
     */
    public void edit(Context ctx, Caller c) {
        LiveSession live = session(ctx, c);
        EditSession edit = ready(live);
        ObjectNode b = Json.body(ctx);
        String op = Json.text(b, "op");
        long t0 = System.nanoTime();
        NeedleLoading.Result added = null;
        try {
            switch (op) {
                case "moveSeed" -> edit.moveSeed(integer(b, "seed"), vec(b, "toMm"));
                case "addSeed" -> edit.addSeed(integer(b, "needle"), vec(b, "nearMm"));
                case "deleteSeed" -> edit.deleteSeed(integer(b, "seed"));
                case "moveNeedle" -> edit.moveNeedle(integer(b, "needle"), vec(b, "shiftMm"));
                case "deleteNeedle" -> edit.deleteNeedle(integer(b, "needle"));
                case "addNeedle" -> added = NeedleLoading.add(edit, vec(b, "entryMm"), vec(b, "tipMm"),
                        b.hasNonNull("spacingMm") ? b.get("spacingMm").asDouble() : null, b.path("load").asBoolean(true));
                case "lock", "unlock" -> edit.lock(numbers(b, "needles"), op.equals("lock"));
                default -> throw ApiProblem.badRequest("op", "op '" + op
                        + "' is unknown: give moveSeed, addSeed, deleteSeed, moveNeedle, deleteNeedle, addNeedle, lock or unlock");
            }
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(op, e.getMessage());
        }
        JsonNode sl = b.get("slices");
        ObjectNode out = SessionJson.of(live, sl == null || !sl.isObject() ? Map.of() : slices(text(sl, "axial"), text(sl, "coronal"), text(sl, "sagittal")),
                b.path("wash").asBoolean(false));
        if (added != null) {
            out.putObject("added").put("needle", added.needle()).put("seeds", added.seeds()).put("spacingMm", added.spacingMm())
                    .put("warning", added.warning());
        }
        out.put("serverMs", (System.nanoTime() - t0) / 1e6);
        ctx.json(out);
    }

    /** POST /api/planning/{sessionId}/reoptimise → 202: re-plans the unlocked needles keeping the locked ones (poll GET for the result). */
    public void reoptimise(Context ctx, Caller c) {
        LiveSession live = session(ctx, c);
        ready(live);
        try {
            workspace.reoptimise(live);
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        ctx.status(202).json(SessionJson.of(live, Map.of()));
    }

    /** GET /api/planning/{sessionId}/uniform: the uniform-loading plan on the last optimisation's needles, for comparison. */
    public void uniform(Context ctx, Caller c) {
        LiveSession live = session(ctx, c);
        EditSession edit = ready(live);
        ctx.json(SessionJson.plan(edit.uniformBaseline()));
    }

    /**
     * POST /api/planning/{sessionId}/revisions {"planId"?, "name"?, "reason"?} → 201: the session's needles and seeds as a new DRAFT
     * revision of plan {@code planId}, or of a new plan named {@code name}.
     */
    public void save(Context ctx, Caller c) {
        LiveSession live = session(ctx, c);
        EditSession edit = ready(live);
        ObjectNode b = Json.body(ctx);
        Role role = c.require(Permission.EDIT_PLAN, live.centreId(), "planning session " + live.id());
        PlanContent content = content(live, edit);
        PlanRevisions.Revision r;
        Long planId = b.hasNonNull("planId") ? Json.number(b, "planId") : null;
        if (planId != null) {
            PlanRevisions.PlanRef plan = plans.plan(planId).orElseThrow(() -> ApiProblem.notFound("plan " + planId));
            if (plan.patientDbId() != live.patientDbId()) {
                throw ApiProblem.badRequest("planId", "plan " + planId + " belongs to another patient than this planning session");
            }
            r = plans.addRevision(PatientApi.actor(c, role, live.centreId()), planId, content, Json.optText(b, "reason"), s.now());
        } else {
            r = plans.createPlan(PatientApi.actor(c, role, live.centreId()), live.patientDbId(), Json.text(b, "name"), content, s.now());
        }
        ctx.status(201).json(PlanApi.json(r, false));
    }

    /** DELETE /api/planning/{sessionId} → 204. */
    public void close(Context ctx, Caller c) {
        LiveSession live = session(ctx, c);
        workspace.close(live.id());
        ctx.status(204);
    }

    /** The revision of a session: its needles, seeds, dates and the metrics of the intent's first target. */
    private static PlanContent content(LiveSession live, EditSession edit) {
        List<EditSession.EditNeedle> needles = edit.needles();
        List<PlanContent.Needle> ns = new ArrayList<>();
        for (EditSession.EditNeedle n : needles) {
            ns.add(new PlanContent.Needle(n.path().entryMm(), n.path().tipMm()));
        }
        List<PlanContent.PlannedSeed> seeds = new ArrayList<>();
        for (EditSession.EditSeed sd : edit.seeds()) {
            int index = -1;
            for (int i = 0; i < needles.size(); i++) {
                if (needles.get(i).number() == sd.needle()) {
                    index = i;
                }
            }
            seeds.add(new PlanContent.PlannedSeed(sd.seed().centreMm(), index));
        }
        if (seeds.isEmpty()) {
            throw ApiProblem.conflict("the plan has no seeds: add seeds or re-optimise before saving", null);
        }
        TargetGoal first = edit.intent().targets().get(0);
        PlanEvaluator.Evaluation e = edit.evaluation();
        StructureMetrics m = e.metrics().structures().stream().filter(x -> x.name().equals(first.structure())).findFirst().orElseThrow();
        PlanContent.Metrics metrics = new PlanContent.Metrics(m.name(), m.dPctGy().get("90"), m.dPctGy().get("100"), m.vPct().get("100"), m.vPct().get("150"),
                m.vPct().get("200"), m.volumeCc());
        IntentForm f = live.form();
        // a coplanar plan keeps where its template sat, so that the operating-room needle table names each needle's hole;
        // needles a re-plan kept where they were placed are the intent's fixed needles, in the patient
        String formJson = IntentForm.withFixedNeedles(f.json(), edit.fixedNeedles());
        String intentJson = live.template() == null ? formJson : live.template().addTo(formJson);
        return new PlanContent(intentJson, live.ctSeriesUid(), first.prescriptionGy(), f.intent().seed().sourceKey(), f.strengthAtCalibration().skU(),
                f.calibrationDate(), f.implantDate(), ns, seeds, metrics);
    }

    private Patient patient(Context ctx, Caller c) {
        long id = Json.pathId(ctx, "id");
        Patient p = patients.find(id).orElseThrow(() -> ApiProblem.notFound("patient " + id));
        c.require(Permission.EDIT_PLAN, p.centreId(), "patient " + id);
        return p;
    }

    private PatientImages images(Patient p) {
        try {
            return PatientImages.of(store, p.id());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
    }

    private LiveSession session(Context ctx, Caller c) {
        String id = ctx.pathParam("sessionId");
        LiveSession live = workspace.get(id);
        if (live == null) {
            throw ApiProblem.notFound("planning session " + id);
        }
        c.require(Permission.EDIT_PLAN, live.centreId(), "planning session " + id);
        return live;
    }

    private static EditSession ready(LiveSession live) {
        if (live.status() == LiveSession.Status.RUNNING) {
            throw ApiProblem.conflict("the plan is being computed (" + live.stage() + "): wait for it", null);
        }
        if (live.edit() == null) {
            throw ApiProblem.conflict("planning failed: " + live.error() + ": start again with a changed intent", null);
        }
        return live.edit();
    }

    private static Map<SlicePlane, Double> slices(String axial, String coronal, String sagittal) {
        Map<SlicePlane, Double> out = new EnumMap<>(SlicePlane.class);
        put(out, SlicePlane.AXIAL, axial);
        put(out, SlicePlane.CORONAL, coronal);
        put(out, SlicePlane.SAGITTAL, sagittal);
        return out;
    }

    private static void put(Map<SlicePlane, Double> out, SlicePlane p, String v) {
        if (v == null || v.isBlank()) {
            return;
        }
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                out.put(p, d);
                return;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiProblem.badRequest(p.name().toLowerCase(java.util.Locale.ROOT), p.name().toLowerCase(java.util.Locale.ROOT)
                + " must be the plane's position in mm, got " + v);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int integer(ObjectNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw ApiProblem.badRequest(field, field + " must be a whole number");
        }
        return v.asInt();
    }

    private static List<Integer> numbers(ObjectNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw ApiProblem.badRequest(field, field + " must be a non-empty list of needle numbers");
        }
        List<Integer> out = new ArrayList<>();
        v.forEach(x -> {
            if (!x.canConvertToInt()) {
                throw ApiProblem.badRequest(field, field + " must hold whole needle numbers, got " + x);
            }
            out.add(x.asInt());
        });
        return out;
    }

    private static Vec3 vec(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        if (n == null || !n.isArray() || n.size() != 3 || !n.get(0).isNumber() || !n.get(1).isNumber() || !n.get(2).isNumber()) {
            throw ApiProblem.badRequest(field, field + " must be [x, y, z] in mm (LPS)");
        }
        Vec3 v = new Vec3(n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble());
        if (!v.isFinite()) {
            throw ApiProblem.badRequest(field, field + " must be finite");
        }
        return v;
    }

    /** The form field a message starts with ("targets[0].prescriptionGy …" → "targets"), for the problem's field. */
    private static String field(String message) {
        int end = 0;
        while (end < message.length() && (Character.isLetterOrDigit(message.charAt(end)) || message.charAt(end) == '_')) {
            end++;
        }
        return end == 0 ? null : message.substring(0, end);
    }
}
