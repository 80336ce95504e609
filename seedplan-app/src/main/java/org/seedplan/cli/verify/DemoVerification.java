package org.seedplan.cli.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.io.MetricsJson;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.verify.comparison.ImplantVerifier;
import org.seedplan.verify.comparison.Verification;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;
import org.seedplan.verify.seedfinder.SeedFinder;
import org.seedplan.verify.seedfinder.SeedFinding;

/**
 * The demo's post-implant step: simulates the post-op CT of the demo plan (every seed displaced
 * by a needle error of σ {@value #NEEDLE_SIGMA_MM} mm per axis shared along its needle plus
 * σ {@value #SEED_SIGMA_MM} mm per seed, imaged on the demo CT), finds the seeds with the planned
 * count expected, and verifies them against the plan on the plan's structures.
 */
public final class DemoVerification {

    static final double NEEDLE_SIGMA_MM = 1.5;
    static final double SEED_SIGMA_MM = 0.7;

    private final Verification verification;
    private final SeedFinding finding;
    private final Volume postOpCt;
    private final List<RoiMask> rois;
    private final double prescriptionGy;
    private final List<String> sourceLines;

    private DemoVerification(Verification verification, SeedFinding finding, Volume postOpCt, List<RoiMask> rois,
                             double prescriptionGy, List<String> sourceLines) {
        this.verification = verification;
        this.finding = finding;
        this.postOpCt = postOpCt;
        this.rois = rois;
        this.prescriptionGy = prescriptionGy;
        this.sourceLines = List.copyOf(sourceLines);
    }

    /** Runs the post-implant step for the demo patient's plan made with {@code intent}; same random seed, same result. */
    public static DemoVerification run(DemoPatient demo, Plan plan, PlanIntent intent, long randomSeed) {
        Random rnd = new Random(randomSeed);
        List<SeedPose> implanted = new ArrayList<>();
        for (var needle : plan.needles()) {
            Vec3 shift = gaussian(rnd, NEEDLE_SIGMA_MM);
            for (double d : needle.seedDistancesFromTipMm()) {
                Vec3 c = needle.needle().pointFromTip(d).plus(shift).plus(gaussian(rnd, SEED_SIGMA_MM));
                implanted.add(new SeedPose(c, needle.needle().direction(), SeedPose.Arrangement.ISOLATED));
            }
        }
        Volume postOp = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(demo.ct(), implanted,
                randomSeed + 1);
        SeedFinding finding = new SeedFinder().find(postOp, null, OptionalInt.of(plan.seedCount()));
        PlanningGeometry geometry = PlanningGeometry.build(PlanningCase.of(org.seedplan.cli.demo.DemoCase.withDrawnCtv(demo), demo.ct()), intent);
        List<RoiMask> rois = new ArrayList<>();
        geometry.targets().forEach(t -> rois.add(t.roi()));
        geometry.organs().forEach(o -> rois.add(o.roi()));
        Tg43Kernel kernel = new Tg43Kernel(plan.source(), DoseModel.LINE_2D);
        double rx = plan.metrics().prescriptionGy();
        // each planned seed's needle and place from its tip, in the order plan.seeds() lists them (needle by needle from the tip)
        List<Integer> needleOfSeed = new ArrayList<>();
        for (int n = 0; n < plan.needles().size(); n++) {
            for (int k = 0; k < plan.needles().get(n).seedDistancesFromTipMm().size(); k++) {
                needleOfSeed.add(n + 1);
            }
        }
        Verification v = new ImplantVerifier(new FastDoseEngine(kernel), DecayIntegral.permanent(intent.halfLifeDays()),
                new SeedMatcher()).verify(plan.seeds(), org.seedplan.verify.matching.PlannedSeedPlace.inListedOrder(needleOfSeed),
                finding.seeds(), rois, rois, geometry.grid(), rx);
        double skU = intent.seed().skU();
        double atCalibrationU = org.seedplan.cli.demo.DemoCertificate.sourceInfo(plan.source(), intent.halfLifeDays()).atCalibrationU(skU);
        List<String> source = List.of(String.format(java.util.Locale.ROOT, "source: %s (the demo plan's), T½ %.2f d; S_K %.4f U at"
                + " calibration %s, %.4f U (%s) at implant %s", plan.source().key(), intent.halfLifeDays(), atCalibrationU,
                org.seedplan.cli.demo.DemoCertificate.CALIBRATION.toString().replace('T', ' '), skU, intent.seed().strength(),
                org.seedplan.cli.demo.DemoCertificate.IMPLANT.toString().replace('T', ' ')));
        return new DemoVerification(v, finding, postOp, rois, rx, source);
    }

    private static Vec3 gaussian(Random rnd, double sigma) {
        return new Vec3(rnd.nextGaussian() * sigma, rnd.nextGaussian() * sigma, rnd.nextGaussian() * sigma);
    }

    /** The simulated post-op CT (HU) on the demo CT's grid. */
    public Volume postOpCt() {
        return postOpCt;
    }

    public Verification verification() {
        return verification;
    }

    /** The JSON under "verification": post-plan metrics JSON plus seeds_found, seeds_planned, mean_displacement_mm …. */
    public ObjectNode json() {
        return VerificationFiles.json(verification, finding, null);
    }

    /** The demo's {"plan": {…}} JSON with "verification": {…} added beside "plan". */
    public String mergeInto(String planJson) {
        try {
            ObjectNode root = (ObjectNode) MetricsJson.MAPPER.readTree(planJson);
            root.set("verification", json());
            return MetricsJson.write(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("demo plan JSON could not be read back: " + e.getMessage(), e);
        }
    }

    /** Lines for the terminal. */
    public void printSummary() {
        System.out.println("post-implant verification (simulated post-op CT):");
        System.out.println(VerifyCommand.summary(verification, finding));
    }

    /** Writes the verification files into {@code dir}. */
    public void writeFiles(Path dir) {
        VerificationFiles.write(dir, DemoPatient.NAME, verification, finding, null, postOpCt, rois, prescriptionGy,
                "pre-op contours carried over", sourceLines);
    }
}
