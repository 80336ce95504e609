package org.seedplan.server.verification;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.ProgressListener;
import org.seedplan.server.api.Json;
import org.seedplan.server.jobs.BackgroundJobs;
import org.seedplan.server.planning.IntentForm;
import org.seedplan.server.plans.RevisionStrength;
import org.seedplan.server.structures.StructureJson;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import org.seedplan.storage.plan.PlanContent;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.coldspots.ColdRegion;
import org.seedplan.verify.coldspots.SupplementProposal;
import org.seedplan.verify.coldspots.SupplementarySeeds;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.verify.comparison.ChangeFlag;
import org.seedplan.verify.comparison.ImplantVerifier;
import org.seedplan.verify.comparison.MetricDelta;
import org.seedplan.verify.comparison.StructureComparison;
import org.seedplan.verify.comparison.Verification;
import org.seedplan.verify.matching.PlannedSeedPlace;
import org.seedplan.verify.matching.SeedMatch;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.seedfinder.FoundSeed;
import org.seedplan.verify.seedfinder.SeedFinder;
import org.seedplan.verify.seedfinder.SeedFinding;

/**
 * The verification of one implant for the screen: seeds found on the post-op CT ({@link SeedFinder}, the planned
 * count expected), matched to the plan's seeds, pre-plan and post-plan dose (TG-43 2D line source, total dose of the
 * permanent implant) with metrics and DVHs on the plan's contours carried over, and the targets' cold regions
 * ({@link ImplantVerifier}), and supplementary seeds to bring the targets back to their prescription when the plan's
 * intent allows it; the answer is the JSON the verification screen draws, the seed finder's self-check first.
 *
 * <p>One quantity, one value: the plan's D90, V100 … are the revision's stored ones ({@code planAsApproved}, computed by the
 * planner on the planning grid). The metric rows' {@code pre} is the same seeds re-computed on the verification's grid
 * ({@value #GRID_MM} mm over the structures + {@value #GRID_MARGIN_MM} mm, {@code doseGrid}), where the post-implant dose is
 * computed too, so that post − pre is the implant's doing alone; the screen labels it so. A revision with a calibration
 * date but no implant date must be given the implant date ({@link RevisionStrength#forPostImplantDose}) before it comes here.
 */
public final class PostImplantCheck {

    /** Dose grid spacing, mm (the CLI's default). */
    static final double GRID_MM = 1.0;
    /** Margin of the dose grid around the structures, mm. */
    static final double GRID_MARGIN_MM = 10;
    /** DVH bin width, Gy. */
    static final double DVH_BIN_GY = 1.0;
    /** Most supplementary seeds proposed (the CLI's default). */
    static final int MAX_SUPPLEMENTARY = 30;
    /** DVH points are sent up to this multiple of the prescription (the curves are flat near 0 % beyond it). */
    static final double DVH_MAX_RX = 4;

    private PostImplantCheck() {
    }

    /** The planned seeds of a revision, each along its needle (or along z when loose), with the plan's strength on the implant date. */
    public static List<Seed> plannedSeeds(PlanContent c) {
        List<Seed> out = new ArrayList<>();
        double skU = RevisionStrength.atImplantU(c);
        for (PlanContent.PlannedSeed s : c.seeds()) {
            Vec3 axis = s.needle() >= 0 ? c.needles().get(s.needle()).tipMm().minus(c.needles().get(s.needle()).entryMm()) : Vec3.UNIT_Z;
            out.add(new Seed(s.centreMm(), axis, skU));
        }
        return out;
    }

    /** The answer for the screen, and the post-implant dose it was computed from (Gy, on the verification's grid; for the isodoses). */
    public record Result(ObjectNode json, DoseGrid postDose) {
    }

    /**
     * Runs the check. {@code contoursUsed} says where the structures came from (shown with the result);
     * {@code frameNote} is null when plan and post-op CT share their Frame of Reference, else what was assumed. A cancel asked of
     * {@code job} stops the check with a CancellationException: inside the seed finding and the matching and dose (the finder and
     * the TG-43 engine poll it), at the next step (DVHs, supplementary seeds) or between the supplement planner's stages.
     */
    public static Result run(PlanContent plan, Volume postOp, List<Structure> structures, String contoursUsed, String frameNote,
            BackgroundJobs.Progress job) {
        if (plan.calibrationDate() != null && plan.implantDate() == null) {
            throw new IllegalArgumentException("the plan revision states a calibration date but no implant date: give implantDate");
        }
        if (plan.prescriptionGy() == null || !(plan.prescriptionGy() > 0)) {
            throw new IllegalArgumentException("the plan revision states no prescription: verification compares metrics against it");
        }
        double rx = plan.prescriptionGy();
        List<Seed> planned = plannedSeeds(plan);
        if (planned.isEmpty()) {
            throw new IllegalArgumentException("the plan revision has no seeds to verify against");
        }
        SourceModel model = SourceLibrary.builtIn().model(plan.sourceModelKey());
        SeedFinding finding = job.step("finding the seeds on the post-op CT", 0.15,
                () -> new SeedFinder().cancelledWhen(job::cancelRequested).find(postOp, null, OptionalInt.of(planned.size())));
        List<Structure> dosed = structures.stream().filter(s -> s.type() != StructureType.EXTERNAL).toList();
        if (dosed.isEmpty()) {
            throw new IllegalArgumentException("the structure set has no structure to compute metrics on (only the body outline)");
        }
        Grid grid = ImplantVerifier.doseGridAround(dosed, GRID_MARGIN_MM, GRID_MM);
        List<RoiMask> rois = dosed.stream().map(s -> RoiMask.of(s, MaskRasterizer.rasterize(s, grid))).toList();
        FastDoseEngine engine = new FastDoseEngine(new Tg43Kernel(model, DoseModel.LINE_2D)).cancelledWhen(job::cancelRequested);
        DecayIntegral time = DecayIntegral.permanent(model.halfLifeDays());
        Verification v = job.step("matching the seeds and computing the pre- and post-plan dose", 0.55,
                () -> new ImplantVerifier(engine, time, new SeedMatcher()).verify(planned, finding.seeds(), rois, rois, grid, rx));
        job.step("DVHs", 0.85);
        DoseMetricsCalculator calc = new DoseMetricsCalculator(rois, grid, rx);
        DoseGrid preDose = v.preDose();

        ObjectNode o = Json.MAPPER.createObjectNode();
        putSelfCheck(o, finding);
        o.put("prescriptionGy", rx).put("sourceModelKey", model.key()).put("contours", contoursUsed);
        o.put("strengthAtImplantU", planned.get(0).skU()).put("implantDate", plan.implantDate() == null ? null : plan.implantDate().toString())
                .put("strengthLabel", RevisionStrength.doseBasis(plan));
        ObjectNode approved = ApprovedPlanMetrics.json(plan);
        if (approved != null) {
            o.set("planAsApproved", approved);
        }
        o.putObject("doseGrid").put("spacingMm", GRID_MM).put("marginMm", GRID_MARGIN_MM).put("description", String.format(java.util.Locale.ROOT,
                "the approved seeds re-computed on the verification's grid, as is the post-implant dose: one %.0f mm grid over the"
                + " structures + %.0f mm, so that post − plan is the implant's alone", GRID_MM, GRID_MARGIN_MM));
        if (frameNote != null) {
            o.put("frameNote", frameNote);
        }
        List<PlannedSeedPlace> places = places(plan);
        ArrayNode p = o.putArray("planned");
        for (int i = 0; i < planned.size(); i++) {
            point(p.addObject(), planned.get(i).centreMm()).put("needle", places.get(i).needle()).put("seedOnNeedle", places.get(i).seedOnNeedle());
        }
        ArrayNode f = o.putArray("found");
        for (FoundSeed s : finding.seeds()) {
            ObjectNode fo = point(f.addObject(), s.centreMm()).put("confidence", s.confidence());
            fo.putObject("axis").put("x", s.axis().x()).put("y", s.axis().y()).put("z", s.axis().z());
        }
        ArrayNode m = o.putArray("matches");
        for (SeedMatch x : v.matching().matches()) {
            m.addObject().put("planned", x.planned()).put("found", x.found()).put("distanceMm", x.distanceMm());
        }
        v.matching().missingPlanned().forEach(o.putArray("missing")::add);
        ArrayNode missingSeeds = o.putArray("missingSeeds");
        for (int i : v.matching().missingPlanned()) {
            point(missingSeeds.addObject().put("planned", i).put("needle", places.get(i).needle()).put("seedOnNeedle", places.get(i).seedOnNeedle())
                    .put("place", places.get(i).describe()), planned.get(i).centreMm());
        }
        v.matching().extraFound().forEach(o.putArray("extra")::add);
        o.put("meanDisplacementMm", v.matching().matches().isEmpty() ? 0 : v.matching().meanDisplacementMm())
                .put("maxDisplacementMm", v.matching().matches().isEmpty() ? 0 : v.matching().maxDisplacementMm());
        ArrayNode metrics = o.putArray("structures");
        // only the structure the stored metrics name gets them; a row that names none gets them in no row
        String approvedName = plan.metrics().structure();
        Map<String, Double> approvedValues = ApprovedPlanMetrics.byKey(plan);
        for (StructureComparison sc : v.comparison().structures()) {
            ObjectNode so = metrics.addObject().put("name", sc.name()).put("type", sc.type().name());
            ArrayNode rows = so.putArray("metrics");
            for (MetricDelta d : sc.metrics()) {
                ObjectNode r = rows.addObject().put("key", d.key()).put("unit", d.unit());
                if (sc.name().equals(approvedName) && approvedValues.containsKey(d.key())) {
                    putNumber(r, "approved", approvedValues.get(d.key()));
                }
                putNumber(r, "pre", d.pre());
                putNumber(r, "post", d.post());
                putNumber(r, "difference", d.difference());
                r.put("flag", ChangeFlag.of(d.key(), sc.type().isTarget(), d.pre(), d.post(), rx, TargetGoal.DEFAULT_V100_GOAL_PCT).name());
            }
        }
        o.set("dvhPre", dvhs(calc.dvhs(preDose), DVH_MAX_RX * rx));
        o.set("dvhPost", dvhs(calc.dvhs(v.postDose()), DVH_MAX_RX * rx));
        // arrays, not objects keyed by name: a JavaScript object lists integer-like keys ("1", "2") first, whatever order the
        // server wrote them in
        ArrayNode cold = o.putArray("coldRegions");
        for (Map.Entry<String, List<ColdRegion>> e : v.coldRegions().entrySet()) {
            ArrayNode list = cold.addObject().put("structure", e.getKey()).putArray("regions");
            for (ColdRegion c : e.getValue()) {
                ObjectNode co = list.addObject().put("volumeCc", c.volumeCc()).put("minDoseGy", c.minDoseGy()).put("meanDoseGy", c.meanDoseGy());
                point(co.putObject("centroidMm"), c.centroidMm());
                point(co.putObject("minCornerMm"), c.minCornerMm());
                point(co.putObject("maxCornerMm"), c.maxCornerMm());
            }
        }
        o.set("coldVoxels", ColdVoxels.json(v.postDose(), rois, rx));
        o.set("structureContours", StructureJson.write(structures));
        job.step("supplementary seeds", 0.9);
        supplement(o, plan, structures, postOp, v, time, job);
        finding.notes().forEach(o.putArray("notes")::add);
        return new Result(o, v.postDose());
    }

    /**
     * Proposes supplementary seeds ({@link SupplementarySeeds}: the planner on the post-op CT with the plan's intent, the
     * found seeds fixed) when the plan was made with the plan screen's intent form; otherwise says why there is none.
     */
    private static void supplement(ObjectNode o, PlanContent plan, List<Structure> structures, Volume postOp, Verification v,
            DecayIntegral time, BackgroundJobs.Progress job) {
        IntentForm form;
        try {
            form = IntentForm.parse((ObjectNode) Json.MAPPER.readTree(plan.intentJson()));
        } catch (IllegalArgumentException | ClassCastException | java.io.IOException e) {
            o.put("supplementNote", "no supplementary seeds proposed: the plan's intent is not one of the plan screen's intent forms ("
                    + e.getMessage() + ")");
            return;
        }
        try {
            PlanningSession session = Planner.builtIn().prepare(new PlanningCase("post-op", "post-op", structures, form.derived(), postOp),
                    form.intent(), stopsWhenCancelled(job));
            SupplementProposal sp = SupplementarySeeds.propose(session, v.implant(), time, form.intent().seed().skU(), MAX_SUPPLEMENTARY);
            ObjectNode so = o.putObject("supplement").put("reachesPrescription", sp.reachesPrescription());
            ArrayNode seeds = so.putArray("seeds");
            sp.seeds().forEach(s -> point(seeds.addObject(), s.centreMm()));
            ArrayNode d90 = so.putArray("d90");
            sp.d90BeforeGy().forEach((name, before) -> d90.addObject().put("structure", name).put("beforeGy", before)
                    .put("afterGy", sp.d90AfterGy().get(name)));
        } catch (IllegalArgumentException e) {
            o.put("supplementNote", "no supplementary seeds proposed: " + e.getMessage());
        }
    }

    /** A planner's listener that reports nothing and stops the planner (between its stages) when the job's cancel was asked for. */
    private static ProgressListener stopsWhenCancelled(BackgroundJobs.Progress job) {
        return new ProgressListener() {
            @Override
            public void progress(String stage, double fraction) {
                // the planner's stages are inside the job's "supplementary seeds" step
            }

            @Override
            public boolean cancelled() {
                return job.cancelRequested();
            }
        };
    }

    /** Each planned seed's needle and place on it from the tip ({@link PlannedSeedPlace}). */
    static List<PlannedSeedPlace> places(PlanContent c) {
        return PlannedSeedPlace.of(c.seeds().stream().map(PlanContent.PlannedSeed::centreMm).toList(),
                c.seeds().stream().map(PlanContent.PlannedSeed::needle).toList(), c.needles().stream().map(PlanContent.Needle::tipMm).toList());
    }

    /**
     * The seed finder's self-check as {@code selfCheck}, first in the answer: what a clinician must look at before
     * the numbers (seed count differs from the plan's, unusual seed appearance, other metal, a seed far from the rest).
     */
    static void putSelfCheck(ObjectNode o, SeedFinding finding) {
        ArrayNode check = o.putArray("selfCheck");
        finding.selfCheck().forEach(check::add);
    }

    private static ArrayNode dvhs(List<Dvh> dvhs, double maxGy) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Dvh d : dvhs) {
            ObjectNode o = a.addObject().put("name", d.name()).put("volumeCc", d.volumeCc());
            ArrayNode dose = o.putArray("doseGy");
            ArrayNode pct = o.putArray("volumePercent");
            for (Dvh.Point pt : d.cumulative(DVH_BIN_GY)) {
                if (pt.doseGy() > maxGy) {
                    break;
                }
                dose.add(pt.doseGy());
                pct.add(d.volumeCc() > 0 ? 100 * pt.volumeCc() / d.volumeCc() : 0);
            }
        }
        return a;
    }

    private static ObjectNode point(ObjectNode o, Vec3 v) {
        return o.put("xMm", v.x()).put("yMm", v.y()).put("zMm", v.z());
    }

    private static void putNumber(ObjectNode o, String field, Double v) {
        if (v == null || !Double.isFinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }
}
