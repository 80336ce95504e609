package org.seedplan.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.ReferenceDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.StructureMetrics;
import org.seedplan.geometry.SegmentDistance;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.planning.needle.Needle;
import org.seedplan.source.SourceLibrary;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * The acceptance cases of the planning issue: targets of 1–150 cc, spherical, elongated,
 * irregular, next to an organ at risk, a dual prescription. Each plan must meet its goals (or say
 * which it cannot meet and why), keep every seed on a needle, keep needles off organs and bone,
 * and beat uniform loading on the same needles on seeds used and V150.
 */
class PlannerAcceptanceTest {

    private static final Planner PLANNER = Planner.builtIn();
    private static final Tg43Kernel KERNEL = new Tg43Kernel(SourceLibrary.builtIn().model("amersham6711"), DoseModel.LINE_2D);

    @Test
    void oneCcSphereMeetsGoals() {
        Structure gtv = TestCases.sphere("GTV", StructureType.GTV, TestCases.ORIGIN, 1);
        PlanIntent intent = TestCases.single("GTV", 120, TestCases.seeds("0.3 mCi"), TestCases.template(TestCases.DOWN_Z), List.of());
        checkCase(new PlanningCase("T1", "sphere 1 cc", List.of(gtv), null), intent, insideSphere(TestCases.ORIGIN, 1), true);
    }

    @Test
    void fiftyCcSphereMeetsGoalsWithPeripheralLoading() {
        Structure gtv = TestCases.sphere("GTV", StructureType.GTV, TestCases.ORIGIN, 50);
        PlanIntent intent = TestCases.single("GTV", 120, TestCases.seeds("0.6 mCi"), TestCases.template(TestCases.DOWN_Z), List.of());
        Plan plan = checkCase(new PlanningCase("T2", "sphere 50 cc", List.of(gtv), null), intent, insideSphere(TestCases.ORIGIN, 50), true);
        // Peripheral loading: seeds per cc in the outer shell (r > 0.7 R) exceed those in the core (r < 0.7 R).
        double r = TestCases.sphereRadiusMm(50);
        long inner = plan.seeds().stream().filter(s -> s.centreMm().norm() < 0.7 * r).count();
        long outer = plan.seeds().size() - inner;
        double innerCc = 50 * Math.pow(0.7, 3);
        double outerCc = 50 - innerCc;
        assertThat(outer / outerCc).isGreaterThan(inner / innerCc);
    }

    @Test
    void elongatedTargetAcrossNeedlesMeetsGoals() {
        Vec3 semi = new Vec3(11, 11, 40);
        Structure gtv = Phantom.ellipsoid("GTV", StructureType.GTV, TestCases.ORIGIN, semi, 2.0);
        PlanIntent intent = TestCases.single("GTV", 110, TestCases.seeds("0.6 mCi"), TestCases.template(new Vec3(0, 1, 0)), List.of());
        Predicate<Vec3> inside = p -> sq(p.x() / semi.x()) + sq(p.y() / semi.y()) + sq(p.z() / semi.z()) <= 1;
        checkCase(new PlanningCase("T3", "ellipsoid 20 cc", List.of(gtv), null), intent, inside, true);
    }

    @Test
    void irregularTargetMeetsGoals() {
        Structure gtv = Phantom.irregular("GTV", StructureType.GTV, TestCases.ORIGIN, new Vec3(22, 17, 18), 0.22, 0.12, 2.0);
        PlanIntent intent = TestCases.single("GTV", 120, TestCases.seeds("0.6 mCi"), TestCases.template(TestCases.DOWN_Z), List.of());
        checkCase(new PlanningCase("T4", "irregular", List.of(gtv), null), intent, null, true);
    }

    @Test
    void hundredFiftyCcSphereMeetsGoals() {
        Structure gtv = TestCases.sphere("GTV", StructureType.GTV, TestCases.ORIGIN, 150);
        PlanIntent intent = TestCases.single("GTV", 110, TestCases.seeds("0.8 mCi"), TestCases.template(TestCases.DOWN_Z), List.of());
        checkCase(new PlanningCase("T5", "sphere 150 cc", List.of(gtv), null), intent, insideSphere(TestCases.ORIGIN, 150), true);
    }

    @Test
    void targetNextToOrganPlannedFreeHandAroundBone() {
        double rt = TestCases.sphereRadiusMm(20);
        double ro = TestCases.sphereRadiusMm(8);
        Vec3 organCentre = new Vec3(rt + ro + 4, 0, 0);
        Structure gtv = TestCases.sphere("GTV", StructureType.GTV, TestCases.ORIGIN, 20);
        Structure oar = TestCases.sphere("Bowel", StructureType.ORGAN, organCentre, 8);
        Vec3 bone = new Vec3(-12, -45, 0);
        OarLimit limit = new OarLimit("Bowel", OarLimit.Kind.D2CC, 60, 0, 5);
        Approach.FreeHand approach = new Approach.FreeHand(new Vec3(0, -110, 0), 40, 10, 30, 200);
        PlanIntent intent = TestCases.single("GTV", 120, TestCases.seeds("0.6 mCi"), approach, List.of(limit));
        PlanningCase c = new PlanningCase("T6", "next to bowel", List.of(gtv, oar), TestCases.ct(bone));
        Plan plan = checkCase(c, intent, insideSphere(TestCases.ORIGIN, 20), false);
        for (PlannedNeedle n : plan.needles()) {
            Needle needle = n.needle();
            for (double t = 0; t <= needle.depthMm(); t += 0.5) {
                Vec3 p = needle.entryMm().plus(needle.direction().times(t));
                // The organ keep-out is the organ mask grown by 5 mm on a ≤ 2 mm grid: allow 1 mm (half a voxel) of discretisation.
                assertThat(p.distanceTo(organCentre)).as("needle %d at %.1f mm", n.number(), t).isGreaterThan(ro + 5 - 1);
                // Bone cylinder of radius 8 mm on a 2 mm CT: 1 mm tolerance for the voxel edge.
                assertThat(Math.hypot(p.x() - bone.x(), p.y() - bone.y())).isGreaterThan(8 - 1);
            }
            assertThat(needle.angleToDeg(new Vec3(0, 1, 0))).isLessThanOrEqualTo(30 + 20);
        }
        List<Needle> used = plan.needles().stream().map(PlannedNeedle::needle).toList();
        for (int a = 0; a < used.size(); a++) {
            for (int b = a + 1; b < used.size(); b++) {
                Vec3[] pa = insidePart(used.get(a), rt);
                Vec3[] pb = insidePart(used.get(b), rt);
                // Minimum spacing 10 mm inside the target, checked with 0.5 mm tolerance as the layout does.
                assertThat(SegmentDistance.between(pa[0], pa[1], pb[0], pb[1])).isGreaterThan(10 - 0.5 - 1e-9);
            }
        }
    }

    @Test
    void dualPrescriptionMeetsBothGoals() {
        Structure gtv = TestCases.sphere("GTV", StructureType.GTV, TestCases.ORIGIN, 10);
        double r = TestCases.sphereRadiusMm(10) + 5;
        Structure ctv = Phantom.ellipsoid("CTV", StructureType.CTV, TestCases.ORIGIN, new Vec3(r, r, r), 2.0);
        PlanIntent intent = PlanIntent.of(List.of(new TargetGoal("GTV", 140), new TargetGoal("CTV", 100)), List.of(),
                TestCases.seeds("0.6 mCi"), TestCases.template(TestCases.DOWN_Z));
        checkCase(new PlanningCase("T7", "dual", List.of(gtv, ctv), null), intent, insideSphere(TestCases.ORIGIN, 10), true);
    }

    /** Plans the case and checks the acceptance rules; returns the plan. */
    private static Plan checkCase(PlanningCase c, PlanIntent intent, Predicate<Vec3> firstTargetInside, boolean mustMeetAll) {
        PlanningSession session = PLANNER.prepare(c, intent, ProgressListener.NONE);
        Plan plan = session.optimise(ProgressListener.NONE);
        if (mustMeetAll) {
            assertThat(plan.goals()).as(c.patientName() + " " + plan.statements()).allMatch(GoalResult::met);
        }
        long unmet = plan.goals().stream().filter(g -> !g.met()).count();
        assertThat(plan.statements()).hasSize((int) unmet);
        for (String s : plan.statements()) {
            assertThat(s).contains("not met").contains(": ");
        }
        assertThat(plan.goals()).as(c.patientName() + ": every organ limit is met").filteredOn(g -> !isTargetGoal(plan, g))
                .allMatch(GoalResult::met);
        checkOneNumberPerQuantity(plan);
        assertThat(plan.needles()).allMatch(n -> n.needle().depthMm() <= intent.approach().maxLengthMm() + 1e-9);
        assertThat(plan.seedCount()).isPositive();
        checkSeedsOnNeedles(plan, intent);

        Plan baseline = session.uniformBaseline();
        assertThat(plan.seedCount()).as("seeds: optimised vs uniform").isLessThan(baseline.seedCount());
        String first = intent.targets().get(0).structure();
        double v150 = plan.structure(first).dvh().volumeAtLeastPercent(1.5 * intent.targets().get(0).prescriptionGy());
        double v150Base = baseline.structure(first).dvh().volumeAtLeastPercent(1.5 * intent.targets().get(0).prescriptionGy());
        assertThat(v150).as("V150: optimised vs uniform").isLessThan(v150Base);

        if (firstTargetInside != null && mustMeetAll) {
            // Independent check of coverage: V100 from 3000 random points inside the analytic shape, dose by the
            // reference engine (no masks, no sample lattice). Tolerance 2.5 %: the Monte Carlo error (3 σ ≈ 1.2 %)
            // plus the partial-volume rim of the planning masks (≈ 1 % of volume on a ≤ 2 mm grid).
            double v100 = monteCarloV100(plan.seeds(), firstTargetInside, intent.targets().get(0).prescriptionGy(),
                    intent.decay().gyPerCGyPerH());
            assertThat(v100).isGreaterThan(intent.targets().get(0).v100GoalPct() - 2.5);
        }
        return plan;
    }

    private static boolean isTargetGoal(Plan plan, GoalResult g) {
        return plan.intent().targets().stream().anyMatch(t -> t.structure().equals(g.structure()));
    }

    /**
     * One computation, one number: every goal's value is the metric of the same name (each target
     * against its own prescription), read from the same DVH; equal to 1e-9 (they are the same
     * floating-point computation).
     */
    static void checkOneNumberPerQuantity(Plan plan) {
        for (GoalResult g : plan.goals()) {
            StructureMetrics m = plan.metrics().structures().stream().filter(x -> x.name().equals(g.structure())).findFirst().orElseThrow();
            String q = g.goal().substring(0, g.goal().indexOf(' '));
            double metric = switch (q) {
                case "D90" -> m.dPctGy().get("90");
                case "V100" -> m.vPct().get("100");
                case "V150" -> m.vPct().get("150");
                case "V200" -> m.vPct().get("200");
                case "Dmax" -> m.dmaxGy();
                case "D2cc" -> m.dCcGy().get("2") == null ? m.dminGy() : m.dCcGy().get("2");
                case "D0.1cc" -> m.dCcGy().get("0.1") == null ? m.dminGy() : m.dCcGy().get("0.1");
                default -> Double.NaN;
            };
            if (!Double.isNaN(metric)) {
                assertThat(g.value()).as(g.structure() + " " + g.goal()).isCloseTo(metric, org.assertj.core.data.Offset.offset(1e-9));
            }
            if (q.startsWith("V1") || q.startsWith("V2") || q.equals("D90")) {
                TargetGoal t = plan.intent().targets().stream().filter(x -> x.structure().equals(g.structure())).findFirst().orElseThrow();
                assertThat(m.prescriptionGy()).as(g.structure() + " is read against its own prescription").isEqualTo(t.prescriptionGy());
            }
        }
    }

    static void checkSeedsOnNeedles(Plan plan, PlanIntent intent) {
        int total = 0;
        List<Seed> fromNeedles = new ArrayList<>();
        for (PlannedNeedle n : plan.needles()) {
            List<Double> d = n.seedDistancesFromTipMm();
            for (int k = 0; k < d.size(); k++) {
                assertThat(d.get(k)).isBetween(0.0, n.needle().depthMm());
                if (k > 0) {
                    // Seeds on one needle keep the minimum gap (1e-6 mm: floating point only).
                    assertThat(d.get(k) - d.get(k - 1)).isGreaterThanOrEqualTo(intent.minSeedGapMm() - 1e-6);
                }
                fromNeedles.add(new Seed(n.needle().pointFromTip(d.get(k)), n.needle().direction(), intent.seed().skU()));
            }
            total += d.size();
        }
        assertThat(total).isEqualTo(plan.seedCount());
        for (int s = 0; s < total; s++) {
            // Every seed is the needle point at its distance from the tip (1e-6 mm: floating point only).
            assertThat(plan.seeds().get(s).centreMm().distanceTo(fromNeedles.get(s).centreMm())).isLessThan(1e-6);
        }
    }

    private static double monteCarloV100(List<Seed> seeds, Predicate<Vec3> inside, double rxGy, double gyPerCGyPerH) {
        Random random = new Random(42);
        List<Vec3> pts = new ArrayList<>();
        double reach = 60;
        while (pts.size() < 3000) {
            Vec3 p = new Vec3((random.nextDouble() * 2 - 1) * reach, (random.nextDouble() * 2 - 1) * reach, (random.nextDouble() * 2 - 1) * reach);
            if (inside.test(p)) {
                pts.add(p);
            }
        }
        double[] rate = new ReferenceDoseEngine(KERNEL).doseRateCGyPerH(seeds, pts);
        int covered = 0;
        for (double r : rate) {
            covered += r * gyPerCGyPerH >= rxGy ? 1 : 0;
        }
        return 100.0 * covered / pts.size();
    }

    private static Predicate<Vec3> insideSphere(Vec3 c, double volumeCc) {
        double r = TestCases.sphereRadiusMm(volumeCc);
        return p -> p.distanceTo(c) <= r;
    }

    private static Vec3[] insidePart(Needle n, double radius) {
        Vec3 first = null;
        for (double t = 0; t <= n.depthMm(); t += 0.25) {
            Vec3 p = n.entryMm().plus(n.direction().times(t));
            if (p.norm() <= radius && first == null) {
                first = p;
            }
        }
        return new Vec3[] {first == null ? n.tipMm() : first, n.tipMm()};
    }

    private static double sq(double v) {
        return v * v;
    }
}
