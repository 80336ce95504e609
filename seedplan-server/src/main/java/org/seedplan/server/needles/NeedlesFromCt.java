package org.seedplan.server.needles;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.dicom.consistency.RigidRegistration;
import org.seedplan.dvh.StructureMetrics;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.planning.needle.Needle;
import org.seedplan.server.api.Json;
import org.seedplan.server.planning.IntentForm;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.structure.Structure;
import org.seedplan.verify.needles.FoundNeedle;
import org.seedplan.verify.needles.NeedleFinder;
import org.seedplan.verify.needles.NeedleFinding;
import org.seedplan.verify.needles.NeedleMatcher;
import org.seedplan.verify.needles.NeedleMatching;
import org.seedplan.verify.needles.NeedleReplanner;

/**
 * The intra-operative re-plan of a stored plan revision: the needles found on the intra-operative CT
 * ({@link NeedleFinder}), brought into the plan's frame by a rigid registration when one is given,
 * paired with the revision's planned needles ({@link NeedleMatcher}) and kept as fixed needles while
 * the rest of the plan is re-optimised on the revision's intent and structures ({@link NeedleReplanner});
 * the result is the content of the new revision, with the revision's seed model, strength and dates.
 */
public final class NeedlesFromCt {

    /**
     * Where the intra-operative CT came from and the needles' bevel length along the axis as the user gave it (mm; null: estimated
     * from the scan), kept in the new revision's intent as {@code needlesFromCt}.
     */
    public record Source(long planId, int revision, String studyInstanceUid, String seriesInstanceUid, String registrationUid, Double bevelMm) {
    }

    /**
     * What was found and made.
     *
     * @param finding   the finder's view of the scan (needles in the CT's own frame, notes)
     * @param matching  planned needles (in the revision's order) paired with the found needles in the plan's frame
     * @param replanned the plan made around the found needles
     * @param content   the new revision's content
     */
    public record Result(NeedleFinding finding, NeedleMatching matching, NeedleReplanner.Replanned replanned, PlanContent content) {
    }

    private NeedlesFromCt() {
    }

    /**
     * Finds, pairs and re-plans. {@code toPlanFrame} maps the intra-operative CT's mm into the plan's (null: same frame).
     * Throws IllegalStateException when the scan shows no needle; the planner's IllegalArgumentException (a found needle
     * crossing bone or an organ's margin) passes through.
     */
    public static Result run(PlanContent revision, IntentForm form, List<Structure> structures, Volume planningCt, Volume intraOpCt,
                             double[] toPlanFrame, String patientId, String patientName, Source source, ProgressListener progress) {
        progress.progress("finding needles", 0.1);
        NeedleFinding finding = (source.bevelMm() == null ? new NeedleFinder() : new NeedleFinder(source.bevelMm())).find(intraOpCt);
        if (finding.needles().isEmpty()) {
            throw new IllegalStateException("no needle found on the CT series " + source.seriesInstanceUid() + " (" + finding.shortMetalObjects()
                    + " short metal objects): choose the intra-operative CT taken with the needles in place");
        }
        List<FoundNeedle> found = new ArrayList<>();
        for (FoundNeedle f : finding.needles()) {
            found.add(toPlanFrame == null ? f : transformed(f, toPlanFrame));
        }
        List<Needle> planned = new ArrayList<>();
        for (PlanContent.Needle n : revision.needles()) {
            planned.add(new Needle(n.entryMm(), n.tipMm(), null, false));
        }
        NeedleMatching matching = new NeedleMatcher().match(planned, found);
        progress.progress("re-planning around " + found.size() + " needles", 0.3);
        PlanningCase pc = new PlanningCase(patientId, patientName, structures, form.derived(), planningCt);
        NeedleReplanner.Replanned re = new NeedleReplanner(Planner.builtIn()).replan(pc, form.intent(), matching.found(), progress);
        return new Result(finding, matching, re, content(revision, form, re, matching, source));
    }

    /**
     * The found needle moved by the rigid matrix {@code m} (points moved, the axis turned); its tip's z uncertainty stays along
     * the intra-operative CT's slice axis, where the image left it.
     */
    static FoundNeedle transformed(FoundNeedle f, double[] m) {
        List<Vec3> path = f.pathMm().stream().map(p -> RigidRegistration.applyToPoint(m, p)).toList();
        Vec3 axis = RigidRegistration.applyToPoint(m, f.axisAtTip()).minus(RigidRegistration.applyToPoint(m, Vec3.ZERO)).normalized();
        return new FoundNeedle(RigidRegistration.applyToPoint(m, f.tipMm()), RigidRegistration.applyToPoint(m, f.hubSideEndMm()), axis,
                f.visibleLengthMm(), path, f.leavesFieldOfView(), f.tipCertain(), f.fitRmsMm(), f.tipZUncertaintyMm());
    }

    /** The new revision: every needle of the re-plan (found ones fixed) with its seeds, the target's metrics, the intent with its source. */
    private static PlanContent content(PlanContent revision, IntentForm form, NeedleReplanner.Replanned re, NeedleMatching matching, Source source) {
        List<PlanContent.Needle> needles = new ArrayList<>();
        List<PlanContent.PlannedSeed> seeds = new ArrayList<>();
        List<PlannedNeedle> pn = re.plan().needles();
        for (int i = 0; i < pn.size(); i++) {
            PlannedNeedle n = pn.get(i);
            needles.add(new PlanContent.Needle(n.needle().entryMm(), n.needle().tipMm()));
            for (double d : n.seedDistancesFromTipMm()) {
                seeds.add(new PlanContent.PlannedSeed(n.needle().pointFromTip(d), i));
            }
        }
        TargetGoal first = form.intent().targets().get(0);
        StructureMetrics m = re.plan().metrics().structures().stream().filter(x -> x.name().equals(first.structure())).findFirst().orElseThrow();
        PlanContent.Metrics metrics = new PlanContent.Metrics(m.name(), m.dPctGy().get("90"), m.dPctGy().get("100"), m.vPct().get("100"), m.vPct().get("150"),
                m.vPct().get("200"), m.volumeCc());
        ObjectNode intent;
        try {
            intent = (ObjectNode) Json.MAPPER.readTree(form.json());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("intent form JSON no longer reads: " + e.getMessage(), e);
        }
        ObjectNode src = intent.putObject("needlesFromCt").put("planId", source.planId()).put("revision", source.revision())
                .put("studyInstanceUid", source.studyInstanceUid()).put("seriesInstanceUid", source.seriesInstanceUid())
                .put("registrationUid", source.registrationUid()).put("bevelMm", source.bevelMm()).put("meanTipErrorMm", matching.meanTipErrorMm())
                .put("meanAngleErrorDeg", matching.meanAngleErrorDeg());
        ArrayNode fixed = src.putArray("fixedNeedles");
        for (FoundNeedle f : matching.found()) {
            Vec3 entry = f.tipMm().minus(f.axisAtTip().times(Math.max(f.visibleLengthMm(), 2)));
            ObjectNode o = fixed.addObject();
            o.putArray("entryMm").add(entry.x()).add(entry.y()).add(entry.z());
            o.putArray("tipMm").add(f.tipMm().x()).add(f.tipMm().y()).add(f.tipMm().z());
        }
        return new PlanContent(intent.toString(), revision.ctSeriesUid(), revision.prescriptionGy(), revision.sourceModelKey(), revision.strengthU(),
                revision.calibrationDate(), revision.implantDate(), needles, seeds, metrics);
    }
}
