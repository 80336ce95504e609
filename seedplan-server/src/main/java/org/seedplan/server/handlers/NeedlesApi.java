package org.seedplan.server.handlers;

import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.ProgressListener;
import org.seedplan.server.Services;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Caller;
import org.seedplan.server.api.Json;
import org.seedplan.server.api.Route;
import org.seedplan.server.imaging.RegistrationLookup;
import org.seedplan.server.needles.NeedlesFromCt;
import org.seedplan.server.needles.RevisionImages;
import org.seedplan.server.planning.IntentForm;
import org.seedplan.server.security.Permission;
import org.seedplan.server.structures.StructureSetStore;
import org.seedplan.storage.Actor;
import org.seedplan.storage.account.Role;
import org.seedplan.storage.audit.ReasonRequiredException;
import org.seedplan.storage.dicom.DicomStore;
import org.seedplan.storage.dicom.StudyInfo;
import org.seedplan.storage.plan.PlanRevisions;
import org.seedplan.storage.registry.Patient;
import org.seedplan.storage.registry.PatientRepository;
import org.seedplan.verify.needles.FoundNeedle;
import org.seedplan.verify.needles.NeedleMatch;
import org.seedplan.verify.needles.NeedleMatching;
import org.seedplan.verify.needles.NeedleReplanner;

/**
 * Needles from the intra-operative CT (docs/needles.md): finds the needles on a stored CT of the plan's patient,
 * reports each planned needle's tip and angle error, and saves the plan re-optimised around the needles as placed
 * as a new DRAFT revision. Asked with {@code "replan": false} it only finds them and names the finding ({@code findingId}),
 * so that the physicist can decide which found needles are in the patient; the re-plan then leaves out the ones named in
 * {@code leaveOut}, after checking that the finding is still the one decided on.
 */
public final class NeedlesApi {

    private final Services s;
    private final PlanRevisions plans;
    private final PatientRepository patients;
    private final DicomStore store;
    private final StructureSetStore sets;
    private final RegistrationLookup registrations;

    public NeedlesApi(Services s) {
        this.s = s;
        this.plans = new PlanRevisions(s.db());
        this.patients = new PatientRepository(s.db());
        this.store = DicomStore.open(s.db());
        this.sets = new StructureSetStore(s.db(), s.audit());
        this.registrations = new RegistrationLookup(s.db());
    }

    /** The routes, their handlers bound to {@code s}. */
    public static List<Route> routes(Services s) {
        NeedlesApi n = new NeedlesApi(s);
        return List.of(new Route(POST, "/api/plans/{planId}/revisions/{rev}/needles-from-ct", Permission.EDIT_PLAN, 201,
                Map.of(200, "replan false: the finding and its findingId only, no revision"),
                "Find the needles on an intra-operative CT of the patient, report tip and angle errors, save the plan re-optimised around"
                        + " them (but those left out) as a new DRAFT revision; with replan false only find them", n::fromCt,
                ANSWER_SCHEMA));
    }

    /**
     * The JSON Schema of the answer's needle rows (the OpenAPI document's): each found needle's tip and axis, its flags and how
     * sure its tip is along z and along the needle, and whether the re-plan uses it; a row of {@code needles} adds the planned
     * needle and the errors.
     */
    static final JsonNode ANSWER_SCHEMA = answerSchema();

    private static JsonNode answerSchema() {
        ObjectNode found = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode p = found.putObject("properties");
        p.putObject("foundNeedle").put("type", "integer").put("description", "the found needle's number, from 1");
        p.putObject("tipMm").put("type", "array").put("description", "the tip, mm in the plan's frame (LPS)").putObject("items").put("type", "number");
        p.putObject("axis").put("type", "array").put("description", "unit direction of the needle's last 40 mm, towards the tip")
                .putObject("items").put("type", "number");
        p.putObject("hubOutsideScan").put("type", "boolean");
        p.putObject("tipCertain").put("type", "boolean").put("description", "whether the scan tells which end is the tip");
        p.putObject("tipZUncertaintyMm").put("type", "number").put("description", "how far along the intra-operative CT's z the tip may"
                + " lie because the image does not tell, mm (0 where a neighbouring slice places the needle)");
        p.putObject("tipAxisUncertaintyMm").put("type", "number").put("description", "how far along the needle's axis the tip may lie,"
                + " mm (about 2 standard deviations of the end fit; 14 mm, one fit window, where the voxels around the end do not bound"
                + " it); a place the fit is sure of and wrong is not in it");
        p.putObject("axisUncertaintyDeg").put("type", "number").put("description", "how far the needle's tilt out of the intra-operative"
                + " CT's slice plane may lie from the found axis's because the image does not tell, degrees: atan of the z the image"
                + " cannot hold at the needle's two visible ends over the length between them (0 on slices under 3 mm; wide for a needle"
                + " lying inside one thick slice, which no slice places along z); where the run read as two needles' steel, the axis's turn in"
                + " the slice plane is in it too (the root sum of squares of the two)");
        p.putObject("tipInPlaneUncertaintyMm").put("type", "number").put("description", "how far across the needle in the"
                + " intra-operative CT's slice plane the tip may lie, mm (about 2 standard deviations of the run's centreline at the"
                + " tip); a run that took another needle's steel is not in it");
        p.putObject("used").put("type", "boolean").put("description", "whether the re-plan keeps the found needle (false: left out)");
        ObjectNode matched = found.deepCopy();
        ObjectNode mp = (ObjectNode) matched.get("properties");
        mp.putObject("plannedNeedle").put("type", "integer").put("description", "the planned needle's number, from 1");
        for (String f : List.of("tipErrorMm", "depthErrorMm", "lateralErrorMm")) {
            mp.putObject(f).put("type", "number");
        }
        mp.putObject("angleErrorDeg").put("type", "number");
        ObjectNode schema = Json.MAPPER.createObjectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        props.putObject("findingId").put("type", "string");
        props.putObject("needles").put("type", "array").set("items", matched);
        props.putObject("unmatchedFound").put("type", "array").set("items", found);
        props.putObject("revision").put("type", "object").put("description", "the new DRAFT revision (201 only)");
        return schema;
    }

    /**
     * POST /api/plans/{planId}/revisions/{rev}/needles-from-ct {"studyInstanceUid", "seriesInstanceUid"?, "registrationUid"?, "bevelMm"?,
     * "replan"?, "findingId"?, "leaveOut"?, "reason"?}
     * → 201 {"revision", "needles", "unmatchedPlanned", "unmatchedFound", "findingId", "leftOut", …}; with "replan": false
     * → 200 {"needles", "unmatchedPlanned", "unmatchedFound", "findingId", …} and nothing saved.
     */
    public void fromCt(Context ctx, Caller c) {
        long planId = Json.pathId(ctx, "planId");
        PlanRevisions.PlanRef plan = plans.plan(planId).orElseThrow(() -> ApiProblem.notFound("plan " + planId));
        Role role = c.require(Permission.EDIT_PLAN, plan.centreId(), "plan " + planId);
        long revNo = Json.pathId(ctx, "rev");
        PlanRevisions.Revision rev = plans.revision(planId, (int) revNo).orElseThrow(() -> ApiProblem.notFound("revision " + revNo + " of plan " + planId));
        Patient patient = patients.find(plan.patientDbId()).orElseThrow();
        ObjectNode b = Json.body(ctx);
        boolean replan = !Boolean.FALSE.equals(Json.bool(b, "replan", true));
        Set<Integer> leaveOut = leaveOut(b, replan);
        String findingId = Json.optText(b, "findingId");
        if (!leaveOut.isEmpty() && findingId == null) {
            throw ApiProblem.badRequest("findingId", "leaveOut names found needles by their numbers in a finding: give the findingId of the"
                    + " finding (the answer of \"replan\": false) the needles to leave out were chosen on");
        }
        IntentForm form = replan ? intent(rev) : null;
        String studyUid = Json.text(b, "studyInstanceUid");
        Double bevelMm = bevelMm(b);
        StudyInfo.SeriesInfo series = series(b, studyUid, plan, rev);
        String planFrame = registrations.frameOf(rev.content().ctSeriesUid());
        Optional<RegistrationLookup.Found> registration = registrations.resolve(plan.patientDbId(), "the patient of plan " + planId,
                Json.optText(b, RegistrationLookup.FIELD), series.frameOfReferenceUid(), planFrame);
        if (registration.isEmpty() && (planFrame == null || !planFrame.equals(series.frameOfReferenceUid()))) {
            throw ApiProblem.badRequest(RegistrationLookup.FIELD, "the CT series " + series.seriesInstanceUid() + " is in Frame of Reference "
                    + series.frameOfReferenceUid() + ", the plan's CT in " + planFrame + ", and no stored Spatial Registration links the two:"
                    + " needles can be compared with the plan only in one coordinate system; store the registration of this CT to the"
                    + " planning CT (registrationUid names one)");
        }
        double[] toPlan = registration.map(RegistrationLookup.Found::toPlan).orElse(null);
        String registrationUid = registration.map(RegistrationLookup.Found::sopInstanceUid).orElse(null);
        RevisionImages images = null;
        if (replan) {
            try {
                images = RevisionImages.of(s.db(), store, sets, rev.content().ctSeriesUid());
            } catch (IllegalStateException e) {
                throw ApiProblem.conflict(e.getMessage(), null);
            }
        }
        Volume intraOp = read(series.seriesInstanceUid());
        NeedlesFromCt.Source source = new NeedlesFromCt.Source(planId, rev.revision(), studyUid, series.seriesInstanceUid(), registrationUid,
                bevelMm);
        NeedlesFromCt.Found found;
        try {
            found = NeedlesFromCt.find(rev.content(), intraOp, toPlan, source);
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        if (findingId != null && !findingId.equals(found.findingId())) {
            throw ApiProblem.conflict("findingId " + findingId + " is not the finding on this request (" + found.findingId() + "): the series,"
                    + " bevel length, registration or needle finder differs from the one the needles were chosen on; find the needles again"
                    + " (\"replan\": false) and choose again", "findingId");
        }
        int foundCount = found.matching().found().size();
        for (int number : leaveOut) {
            if (number > foundCount) {
                throw ApiProblem.badRequest("leaveOut", "leaveOut names found needle " + number + ", but " + foundCount + " needles were found on"
                        + " CT series " + series.seriesInstanceUid() + ": name found needles 1 to " + foundCount);
            }
        }
        NeedleMatching m = found.matching();
        Actor actor = PatientApi.actor(c, role, plan.centreId());
        if (!replan) {
            s.audit().event(actor, "NEEDLES_FOUND", "plan_revision", rev.id(), String.format(Locale.ROOT,
                    "needles found on CT series %s for revision %d of plan %d, not re-planned: %d found, %d of %d planned needles matched"
                            + " (finding %s)", series.seriesInstanceUid(), rev.revision(), planId, foundCount, m.matches().size(),
                    rev.content().needles().size(), found.findingId()), plan.patientDbId());
            ctx.status(200).json(answer(found, Set.of(), rev, series));
            return;
        }
        Set<Integer> leftOut = new TreeSet<>();
        leaveOut.forEach(number -> leftOut.add(number - 1));
        NeedlesFromCt.Result result;
        try {
            result = NeedlesFromCt.replan(found, leftOut, rev.content(), form, images.structures(), images.planningCt(),
                    patient.data().patientId(), patient.data().familyName(), source, ProgressListener.NONE);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        PlanRevisions.Revision saved;
        try {
            saved = plans.addRevision(actor, planId, result.content(), Json.optText(b, "reason"), s.now());
        } catch (ReasonRequiredException e) {
            throw ApiProblem.badRequest("reason", e.getMessage());
        }
        s.audit().event(actor, "NEEDLES_FROM_CT", "plan_revision", saved.id(), String.format(Locale.ROOT,
                "revision %d of plan %d re-planned around %d needles found on CT series %s (%d of %d planned needles matched, mean tip error"
                        + " %.1f mm, mean angle error %.1f°; contours: %s; finding %s)%s", saved.revision(), planId, foundCount - leftOut.size(),
                series.seriesInstanceUid(), m.matches().size(), rev.content().needles().size(), m.meanTipErrorMm(), m.meanAngleErrorDeg(),
                images.contours(), found.findingId(), leftOutText(m, leftOut)), plan.patientDbId());
        ObjectNode o = answer(found, leftOut, rev, series);
        o.set("revision", PlanApi.json(saved, true));
        o.put("contours", images.contours());
        ArrayNode notes = (ArrayNode) o.get("notes");
        for (int k = result.replanned().warnings().size() - 1; k >= 0; k--) {
            notes.insert(0, result.replanned().warnings().get(k));
        }
        ArrayNode goals = o.putArray("goals");
        result.replanned().plan().goals().forEach(g -> goals.addObject().put("structure", g.structure()).put("goal", g.goal()).put("value", g.value())
                .put("unit", g.unit()).put("met", g.met()));
        o.put("planningSeconds", result.replanned().plan().planningSeconds());
        ctx.status(201).json(o);
    }

    /**
     * The optional {@code leaveOut}: the numbers (1…) of the found needles the physicist judged not to be needles in the patient; empty
     * when absent. Refused when not a list of whole numbers from 1, or when given without a re-plan.
     */
    private static Set<Integer> leaveOut(ObjectNode b, boolean replan) {
        JsonNode n = b.get("leaveOut");
        Set<Integer> out = new TreeSet<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!replan) {
            throw ApiProblem.badRequest("leaveOut", "leaveOut applies to the re-plan: leave it out when asking only for the finding"
                    + " (\"replan\": false)");
        }
        if (!n.isArray()) {
            throw ApiProblem.badRequest("leaveOut", "leaveOut must be a list of found needle numbers (1, 2, … as the finding numbers them), got "
                    + n);
        }
        for (JsonNode x : n) {
            if (!x.canConvertToInt() || !x.isIntegralNumber() || x.asInt() < 1) {
                throw ApiProblem.badRequest("leaveOut", "leaveOut holds " + x + ": give found needle numbers, whole numbers from 1 as the finding"
                        + " numbers them");
            }
            out.add(x.asInt());
        }
        return out;
    }

    /** "; left out by the user: found needle 3 (tip at …)" for the audit row, or empty. */
    private static String leftOutText(NeedleMatching m, Set<Integer> leftOut) {
        if (leftOut.isEmpty()) {
            return "";
        }
        List<String> named = new ArrayList<>();
        for (int j : leftOut) {
            Vec3 t = m.found().get(j).tipMm();
            named.add(String.format(Locale.ROOT, "found needle %d (tip at %.1f, %.1f, %.1f mm)", j + 1, t.x(), t.y(), t.z()));
        }
        return "; left out by the user as not in the patient: " + String.join(", ", named);
    }

    /**
     * The optional {@code bevelMm}: the needles' bevel length along the axis (0 &lt; X ≤ 10 mm), used instead of the length
     * estimated from the scan; null when absent.
     */
    private static Double bevelMm(ObjectNode b) {
        Double mm = Json.optDouble(b, "bevelMm");
        if (mm != null && !(mm > 0 && mm <= 10)) {
            throw ApiProblem.badRequest("bevelMm", "bevelMm " + mm + " mm: give the needles' bevel length along the axis, more than 0 and at"
                    + " most 10 mm (an 18 G needle ground at 20° has 3.5 mm, at 30° 2.2 mm), or leave it out to have it estimated from the scan");
        }
        return mm;
    }

    /** The CT series of the study to read: the one named, else the study's only CT series that is not the planning CT. */
    private StudyInfo.SeriesInfo series(ObjectNode b, String studyUid, PlanRevisions.PlanRef plan, PlanRevisions.Revision rev) {
        StudyInfo study = store.studies(plan.patientDbId()).stream().filter(x -> x.studyInstanceUid().equals(studyUid)).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("studyInstanceUid", "study " + studyUid + " is not a stored study of the patient of plan "
                        + plan.id() + ": choose an intra-operative CT of this patient"));
        String named = Json.optText(b, "seriesInstanceUid");
        List<StudyInfo.SeriesInfo> cts = study.series().stream().filter(x -> "CT".equals(x.modality()))
                .filter(x -> named != null ? x.seriesInstanceUid().equals(named) : !x.seriesInstanceUid().equals(rev.content().ctSeriesUid())).toList();
        if (cts.isEmpty()) {
            throw ApiProblem.badRequest(named != null ? "seriesInstanceUid" : "studyInstanceUid", named != null
                    ? "series " + named + " is not a CT series of study " + studyUid + ": choose one of its CT series"
                    : "study " + studyUid + " holds no CT series besides the planning CT: choose the study of the intra-operative CT");
        }
        if (cts.size() > 1) {
            throw ApiProblem.badRequest("seriesInstanceUid", "study " + studyUid + " holds " + cts.size() + " CT series ("
                    + String.join(", ", cts.stream().map(StudyInfo.SeriesInfo::seriesInstanceUid).toList()) + "): name the intra-operative one");
        }
        return cts.get(0);
    }

    /** The intent form the revision was planned with. */
    private static IntentForm intent(PlanRevisions.Revision rev) {
        String json = rev.content().intentJson();
        String where = "revision " + rev.revision() + " of plan " + rev.planId();
        if (json == null || json.isBlank()) {
            throw ApiProblem.conflict(where + " has no intent (targets, prescription, seed, approach) to re-plan with: plan it in the plan screen", null);
        }
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            if (!n.isObject()) {
                throw new IllegalArgumentException("the intent is not a JSON object");
            }
            return IntentForm.parse((ObjectNode) n);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw ApiProblem.conflict(where + " has no intent the planner can use (" + e.getMessage() + "): plan it in the plan screen", null);
        }
    }

    private Volume read(String seriesUid) {
        List<DataSet> slices = new ArrayList<>();
        for (Path f : store.seriesFiles(seriesUid)) {
            slices.add(DicomReader.read(f).dataSet());
        }
        return CtSeriesReader.fromDataSets("series " + seriesUid, slices).volume();
    }

    /**
     * The finding: each planned needle's found needle and errors, the planned needles not found, the found needles not in the plan (each
     * found needle with {@code used}: false when left out), the means, the notes (first a warning for each planned needle not found,
     * which the re-plan takes as not yet inserted, then the finder's) and the finding's id.
     */
    private static ObjectNode answer(NeedlesFromCt.Found found, Set<Integer> leftOut, PlanRevisions.Revision from, StudyInfo.SeriesInfo series) {
        NeedleMatching m = found.matching();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("fromRevision", from.revision()).put("seriesInstanceUid", series.seriesInstanceUid()).put("findingId", found.findingId());
        ArrayNode needles = o.putArray("needles");
        for (NeedleMatch x : m.matches()) {
            FoundNeedle f = m.found().get(x.found());
            ObjectNode n = needles.addObject().put("plannedNeedle", x.planned() + 1).put("foundNeedle", x.found() + 1)
                    .put("tipErrorMm", x.tipErrorMm()).put("depthErrorMm", x.depthErrorMm()).put("lateralErrorMm", x.lateralErrorMm())
                    .put("angleErrorDeg", x.angleErrorDeg());
            foundNeedle(n, f, !leftOut.contains(x.found()));
        }
        ArrayNode up = o.putArray("unmatchedPlanned");
        for (int i : m.unmatchedPlanned()) {
            vec(up.addObject().put("plannedNeedle", i + 1).putArray("plannedTipMm"), from.content().needles().get(i).tipMm());
        }
        ArrayNode uf = o.putArray("unmatchedFound");
        for (int j : m.unmatchedFound()) {
            foundNeedle(uf.addObject().put("foundNeedle", j + 1), m.found().get(j), !leftOut.contains(j));
        }
        ArrayNode out = o.putArray("leftOut");
        leftOut.stream().sorted().forEach(j -> out.add(j + 1));
        o.put("meanTipErrorMm", m.meanTipErrorMm()).put("meanAngleErrorDeg", m.meanAngleErrorDeg());
        ArrayNode notes = o.putArray("notes");
        for (int i : m.unmatchedPlanned()) {
            notes.add(NeedleReplanner.notFoundWarning(i + 1, from.content().needles().get(i).tipMm()));
        }
        found.finding().notes().forEach(notes::add);
        o.put("findingSeconds", found.finding().seconds());
        return o;
    }

    /** A found needle's tip, axis at the tip, and flags, and whether the re-plan uses it. */
    private static void foundNeedle(ObjectNode n, FoundNeedle f, boolean used) {
        vec(n.putArray("tipMm"), f.tipMm());
        Vec3 a = f.axisAtTip();
        n.putArray("axis").add(Math.round(a.x() * 1e4) / 1e4).add(Math.round(a.y() * 1e4) / 1e4).add(Math.round(a.z() * 1e4) / 1e4);
        n.put("hubOutsideScan", f.leavesFieldOfView()).put("tipCertain", f.tipCertain()).put("tipZUncertaintyMm", f.tipZUncertaintyMm())
                .put("tipAxisUncertaintyMm", f.tipAxisUncertaintyMm()).put("axisUncertaintyDeg", f.axisUncertaintyDeg())
                .put("tipInPlaneUncertaintyMm", f.tipInPlaneUncertaintyMm()).put("used", used);
    }

    private static void vec(ArrayNode a, Vec3 v) {
        a.add(Math.round(v.x() * 100) / 100.0).add(Math.round(v.y() * 100) / 100.0).add(Math.round(v.z() * 100) / 100.0);
    }
}
