package org.seedplan.server.handlers;

import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

/**
 * Needles from the intra-operative CT (docs/needles.md): finds the needles on a stored CT of the plan's patient,
 * reports each planned needle's tip and angle error, and saves the plan re-optimised around the needles as placed
 * as a new DRAFT revision.
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
                "Find the needles on an intra-operative CT of the patient, report tip and angle errors, save the plan re-optimised around"
                        + " them as a new DRAFT revision", n::fromCt));
    }

    /**
     * POST /api/plans/{planId}/revisions/{rev}/needles-from-ct {"studyInstanceUid", "seriesInstanceUid"?, "registrationUid"?, "bevelMm"?,
     * "reason"?}
     * → 201 {"revision", "needles", "unmatchedPlanned", "unmatchedFound", …}.
     */
    public void fromCt(Context ctx, Caller c) {
        long planId = Json.pathId(ctx, "planId");
        PlanRevisions.PlanRef plan = plans.plan(planId).orElseThrow(() -> ApiProblem.notFound("plan " + planId));
        Role role = c.require(Permission.EDIT_PLAN, plan.centreId(), "plan " + planId);
        long revNo = Json.pathId(ctx, "rev");
        PlanRevisions.Revision rev = plans.revision(planId, (int) revNo).orElseThrow(() -> ApiProblem.notFound("revision " + revNo + " of plan " + planId));
        Patient patient = patients.find(plan.patientDbId()).orElseThrow();
        IntentForm form = intent(rev);
        ObjectNode b = Json.body(ctx);
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
        RevisionImages images;
        try {
            images = RevisionImages.of(s.db(), store, sets, rev.content().ctSeriesUid());
        } catch (IllegalStateException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        Volume intraOp = read(series.seriesInstanceUid());
        NeedlesFromCt.Source source = new NeedlesFromCt.Source(planId, rev.revision(), studyUid, series.seriesInstanceUid(), registrationUid,
                bevelMm);
        NeedlesFromCt.Result result;
        try {
            result = NeedlesFromCt.run(rev.content(), form, images.structures(), images.planningCt(), intraOp, toPlan,
                    patient.data().patientId(), patient.data().familyName(), source, ProgressListener.NONE);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw ApiProblem.conflict(e.getMessage(), null);
        }
        Actor actor = PatientApi.actor(c, role, plan.centreId());
        PlanRevisions.Revision saved;
        try {
            saved = plans.addRevision(actor, planId, result.content(), Json.optText(b, "reason"), s.now());
        } catch (ReasonRequiredException e) {
            throw ApiProblem.badRequest("reason", e.getMessage());
        }
        NeedleMatching m = result.matching();
        s.audit().event(actor, "NEEDLES_FROM_CT", "plan_revision", saved.id(), String.format(Locale.ROOT,
                "revision %d of plan %d re-planned around %d needles found on CT series %s (%d of %d planned needles matched, mean tip error"
                        + " %.1f mm, mean angle error %.1f°; contours: %s)", saved.revision(), planId, m.found().size(), series.seriesInstanceUid(),
                m.matches().size(), rev.content().needles().size(), m.meanTipErrorMm(), m.meanAngleErrorDeg(), images.contours()));
        ctx.status(201).json(answer(saved, result, rev, series, images.contours()));
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

    private static ObjectNode answer(PlanRevisions.Revision saved, NeedlesFromCt.Result result, PlanRevisions.Revision from,
                                     StudyInfo.SeriesInfo series, String contours) {
        NeedleMatching m = result.matching();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.set("revision", PlanApi.json(saved, true));
        o.put("fromRevision", from.revision()).put("seriesInstanceUid", series.seriesInstanceUid()).put("contours", contours);
        ArrayNode needles = o.putArray("needles");
        for (NeedleMatch x : m.matches()) {
            FoundNeedle f = m.found().get(x.found());
            ObjectNode n = needles.addObject().put("plannedNeedle", x.planned() + 1).put("foundNeedle", x.found() + 1)
                    .put("tipErrorMm", x.tipErrorMm()).put("depthErrorMm", x.depthErrorMm()).put("lateralErrorMm", x.lateralErrorMm())
                    .put("angleErrorDeg", x.angleErrorDeg());
            vec(n.putArray("tipMm"), f.tipMm());
            n.put("hubOutsideScan", f.leavesFieldOfView()).put("tipCertain", f.tipCertain()).put("tipZUncertaintyMm", f.tipZUncertaintyMm());
        }
        ArrayNode up = o.putArray("unmatchedPlanned");
        for (int i : m.unmatchedPlanned()) {
            vec(up.addObject().put("plannedNeedle", i + 1).putArray("plannedTipMm"), from.content().needles().get(i).tipMm());
        }
        ArrayNode uf = o.putArray("unmatchedFound");
        for (int j : m.unmatchedFound()) {
            FoundNeedle f = m.found().get(j);
            ObjectNode n = uf.addObject().put("foundNeedle", j + 1);
            vec(n.putArray("tipMm"), f.tipMm());
            n.put("hubOutsideScan", f.leavesFieldOfView()).put("tipCertain", f.tipCertain()).put("tipZUncertaintyMm", f.tipZUncertaintyMm());
        }
        o.put("meanTipErrorMm", m.meanTipErrorMm()).put("meanAngleErrorDeg", m.meanAngleErrorDeg());
        ArrayNode notes = o.putArray("notes");
        result.replanned().warnings().forEach(notes::add);
        result.finding().notes().forEach(notes::add);
        ArrayNode goals = o.putArray("goals");
        result.replanned().plan().goals().forEach(g -> goals.addObject().put("structure", g.structure()).put("goal", g.goal()).put("value", g.value())
                .put("unit", g.unit()).put("met", g.met()));
        o.put("findingSeconds", result.finding().seconds()).put("planningSeconds", result.replanned().plan().planningSeconds());
        return o;
    }

    private static void vec(ArrayNode a, Vec3 v) {
        a.add(Math.round(v.x() * 100) / 100.0).add(Math.round(v.y() * 100) / 100.0).add(Math.round(v.z() * 100) / 100.0);
    }
}
