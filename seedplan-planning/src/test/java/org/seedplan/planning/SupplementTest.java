package org.seedplan.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.ReferenceDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.source.SourceLibrary;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/** Supplementary seeds: the planner re-run with the implanted seeds as a fixed background. */
class SupplementTest {

    private static final double RX_GY = 120;
    private static final double VOLUME_CC = 20;
    private static final Structure GTV = TestCases.sphere("GTV", StructureType.GTV, TestCases.ORIGIN, VOLUME_CC);
    private static final PlanningCase CASE = new PlanningCase("S1", "sphere 20 cc", List.of(GTV), null);
    private static final PlanIntent INTENT = TestCases.single("GTV", RX_GY, TestCases.seeds("0.6 mCi"),
            TestCases.template(TestCases.DOWN_Z), List.of());
    private static final Tg43Kernel KERNEL = new Tg43Kernel(SourceLibrary.builtIn().model("amersham6711"), DoseModel.LINE_2D);

    @Test
    void seedsAddedWhereAThirdWasLostRestoreCoverage() {
        PlanningSession session = Planner.builtIn().prepare(CASE, INTENT, ProgressListener.NONE);
        Plan plan = session.optimise(ProgressListener.NONE);
        // The implant: the plan without the third of its seeds farthest towards +x (lost in one region).
        List<Seed> byX = new ArrayList<>(plan.seeds());
        byX.sort(Comparator.comparingDouble(s -> s.centreMm().x()));
        int lost = plan.seedCount() / 3;
        List<Seed> kept = List.copyOf(byX.subList(0, byX.size() - lost));
        double lostFromX = byX.get(byX.size() - lost).centreMm().x();
        assertThat(monteCarloV100(kept)).as("V100 of the depleted implant").isLessThan(90);

        Plan added = session.supplement(kept, 60, ProgressListener.NONE);

        assertThat(added.goals().stream().filter(GoalResult::isCoverage)).allMatch(GoalResult::met);
        assertThat(added.seedCount()).isBetween(1, 60);
        PlannerAcceptanceTest.checkSeedsOnNeedles(added, INTENT);
        // Added seeds keep the minimum gap from every kept seed (1e-6 mm: floating point only), so the kept ones stay as they are.
        for (Seed a : added.seeds()) {
            for (Seed k : kept) {
                assertThat(a.centreMm().distanceTo(k.centreMm())).isGreaterThanOrEqualTo(INTENT.minSeedGapMm() - 1e-6);
            }
        }
        // Most added seeds go where seeds were lost (2 mm: half a seed step short of the lost region's edge).
        long inLostRegion = added.seeds().stream().filter(s -> s.centreMm().x() >= lostFromX - 2).count();
        assertThat(inLostRegion).isGreaterThan(added.seedCount() / 2);
        // Independent check of implant + added seeds: V100 from random points in the analytic sphere with the
        // reference engine. Tolerance 2.5 %: Monte Carlo error (3 σ ≈ 1.2 %) plus the planning masks' rim (≈ 1 %).
        List<Seed> all = new ArrayList<>(kept);
        all.addAll(added.seeds());
        assertThat(monteCarloV100(all)).isGreaterThan(INTENT.targets().get(0).v100GoalPct() - 2.5);
        // The session's last plan is still the first one: re-optimising keeps its first needle's loading.
        Plan again = session.reoptimiseKeeping(List.of(1), ProgressListener.NONE);
        assertThat(again.needles().get(0).seedDistancesFromTipMm()).isEqualTo(plan.needles().get(0).seedDistancesFromTipMm());
    }

    @Test
    void anImplantThatMeetsTheGoalsNeedsNoSeeds() {
        PlanningSession session = Planner.builtIn().prepare(CASE, INTENT, ProgressListener.NONE);
        Plan plan = session.optimise(ProgressListener.NONE);
        Plan added = session.supplement(plan.seeds(), 10, ProgressListener.NONE);
        assertThat(added.seedCount()).isZero();
        assertThat(added.goals().stream().filter(GoalResult::isCoverage)).allMatch(GoalResult::met);
    }

    @Test
    void zeroSeedsToAddIsRefused() {
        PlanningSession session = Planner.builtIn().prepare(CASE, INTENT, ProgressListener.NONE);
        assertThatThrownBy(() -> session.supplement(List.of(), 0, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    private static double monteCarloV100(List<Seed> seeds) {
        Random random = new Random(7);
        double r = TestCases.sphereRadiusMm(VOLUME_CC);
        List<Vec3> pts = new ArrayList<>();
        while (pts.size() < 3000) {
            Vec3 p = new Vec3((random.nextDouble() * 2 - 1) * r, (random.nextDouble() * 2 - 1) * r, (random.nextDouble() * 2 - 1) * r);
            if (p.distanceTo(TestCases.ORIGIN) <= r) {
                pts.add(p);
            }
        }
        double[] rate = new ReferenceDoseEngine(KERNEL).doseRateCGyPerH(seeds, pts);
        int covered = 0;
        for (double d : rate) {
            covered += d * INTENT.decay().gyPerCGyPerH() >= RX_GY ? 1 : 0;
        }
        return 100.0 * covered / pts.size();
    }
}
