package org.seedplan.server.needles;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.seedplan.dicom.consistency.RigidRegistration;
import org.seedplan.dvh.StructureMetrics;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.intent.FixedNeedle;
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
 * paired with the revision's planned needles ({@link NeedleMatcher}) ({@link #find}); then, once the physicist has decided
 * which found needles are in the patient, those are kept as fixed needles while the rest of the plan is re-optimised on the
 * revision's intent and structures ({@link NeedleReplanner}) ({@link #replan}); the result is the content of the new revision,
 * with the revision's seed model, strength and dates.
 */
public final class NeedlesFromCt {

    /**
     * Where the intra-operative CT came from and the needles' bevel length along the axis as the user gave it (mm; null: estimated
     * from the scan), kept in the new revision's intent as {@code needlesFromCt}.
     */
    public record Source(long planId, int revision, String studyInstanceUid, String seriesInstanceUid, String registrationUid, Double bevelMm) {
    }

    /**
     * What was found.
     *
     * @param finding   the finder's view of the scan (needles in the CT's own frame, notes)
     * @param matching  planned needles (in the revision's order) paired with the found needles in the plan's frame
     * @param findingId a digest of the inputs ({@link Source}) and of every found needle's tip and axis in the plan's frame: the same
     *                  for the same finding, another when the series, bevel, registration or the finder differs
     */
    public record Found(NeedleFinding finding, NeedleMatching matching, String findingId) {
    }

    /**
     * What was made.
     *
     * @param found     what was found
     * @param leftOut   the found needles left out of the re-plan (0-based indices into {@code found.matching().found()})
     * @param replanned the plan made around the other found needles
     * @param content   the new revision's content
     */
    public record Result(Found found, Set<Integer> leftOut, NeedleReplanner.Replanned replanned, PlanContent content) {
        public Result {
            leftOut = Set.copyOf(leftOut);
        }
    }

    private NeedlesFromCt() {
    }

    /**
     * Finds the needles and pairs them with the revision's. {@code toPlanFrame} maps the intra-operative CT's mm into the plan's
     * (null: same frame). Throws IllegalStateException when the scan shows no needle.
     */
    public static Found find(PlanContent revision, Volume intraOpCt, double[] toPlanFrame, Source source) {
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
        return new Found(finding, matching, findingId(source, matching.found()));
    }

    /**
     * The digest naming a finding: SHA-256 of the source (plan, revision, study, series, registration, bevel) and of each found
     * needle's tip (0.01 mm) and axis (1e-4) in the plan's frame, in the finder's order; 32 hex digits.
     */
    static String findingId(Source source, List<FoundNeedle> found) {
        StringBuilder b = new StringBuilder("seedplan-needles-finding/1|").append(source.planId()).append('|').append(source.revision()).append('|')
                .append(source.studyInstanceUid()).append('|').append(source.seriesInstanceUid()).append('|').append(source.registrationUid())
                .append('|').append(source.bevelMm());
        for (FoundNeedle f : found) {
            Vec3 t = f.tipMm();
            Vec3 a = f.axisAtTip();
            b.append(String.format(Locale.ROOT, "|%.2f,%.2f,%.2f;%.4f,%.4f,%.4f", t.x(), t.y(), t.z(), a.x(), a.y(), a.z()));
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * Re-plans around the found needles but those in {@code leftOut} (0-based indices into {@code found.matching().found()}). The
     * planner's IllegalArgumentException (a found needle crossing bone or an organ's margin) passes through.
     */
    public static Result replan(Found found, Set<Integer> leftOut, PlanContent revision, IntentForm form, List<Structure> structures,
                                Volume planningCt, String patientId, String patientName, Source source, ProgressListener progress) {
        int used = found.matching().found().size() - leftOut.size();
        progress.progress("re-planning around " + used + " needles", 0.3);
        PlanningCase pc = new PlanningCase(patientId, patientName, structures, form.derived(), planningCt);
        NeedleReplanner.Replanned re = new NeedleReplanner(Planner.builtIn()).replan(pc, form.intent(), found.matching().found(), leftOut,
                progress);
        return new Result(found, leftOut, re, content(revision, form, re, found, leftOut, source));
    }

    /**
     * The found needle moved by the rigid matrix {@code m} (points moved, the axis turned); its tip's z uncertainty stays along
     * the intra-operative CT's slice axis, where the image left it, and its in-plane one across the needle in that CT's slices.
     */
    static FoundNeedle transformed(FoundNeedle f, double[] m) {
        List<Vec3> path = f.pathMm().stream().map(p -> RigidRegistration.applyToPoint(m, p)).toList();
        Vec3 axis = RigidRegistration.applyToPoint(m, f.axisAtTip()).minus(RigidRegistration.applyToPoint(m, Vec3.ZERO)).normalized();
        return new FoundNeedle(RigidRegistration.applyToPoint(m, f.tipMm()), RigidRegistration.applyToPoint(m, f.hubSideEndMm()), axis,
                f.visibleLengthMm(), path, f.leavesFieldOfView(), f.tipCertain(), f.fitRmsMm(), f.tipZUncertaintyMm(),
                f.tipAxisUncertaintyMm(), f.axisUncertaintyDeg(), f.tipInPlaneUncertaintyMm());
    }

    /**
     * The new revision: every needle of the re-plan (found ones fixed) with its seeds, the target's metrics, the intent with its source,
     * the fixed needles and the found needles left out.
     */
    private static PlanContent content(PlanContent revision, IntentForm form, NeedleReplanner.Replanned re, Found found, Set<Integer> leftOut,
                                       Source source) {
        NeedleMatching matching = found.matching();
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
                .put("meanAngleErrorDeg", matching.meanAngleErrorDeg()).put("findingId", found.findingId());
        ArrayNode fixed = src.putArray("fixedNeedles");
        for (FixedNeedle f : re.intent().fixedNeedles()) {
            ObjectNode o = fixed.addObject();
            xyz(o.putArray("entryMm"), f.entryMm());
            xyz(o.putArray("tipMm"), f.tipMm());
        }
        ArrayNode out = src.putArray("leftOut");
        for (int j : leftOut.stream().sorted().toList()) {
            xyz(out.addObject().put("foundNeedle", j + 1).putArray("tipMm"), matching.found().get(j).tipMm());
        }
        return new PlanContent(intent.toString(), revision.ctSeriesUid(), revision.prescriptionGy(), revision.sourceModelKey(), revision.strengthU(),
                revision.calibrationDate(), revision.implantDate(), needles, seeds, metrics);
    }

    private static void xyz(ArrayNode a, Vec3 v) {
        a.add(v.x()).add(v.y()).add(v.z());
    }
}
