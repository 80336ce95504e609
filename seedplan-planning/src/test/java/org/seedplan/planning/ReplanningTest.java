package org.seedplan.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.intent.FixedNeedle;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.planning.robustness.PlacementErrors;
import org.seedplan.planning.robustness.RobustnessResult;
import org.seedplan.planning.robustness.RobustnessSimulation;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/** Fixing needles and re-optimising the rest, limits on seeds, and the robustness simulation on one case. */
class ReplanningTest {

    private static final Structure GTV = TestCases.sphere("GTV", StructureType.GTV, TestCases.ORIGIN, 20);
    private static final PlanningCase CASE = new PlanningCase("R1", "sphere 20 cc", List.of(GTV), null);
    private static final PlanIntent INTENT = TestCases.single("GTV", 120, TestCases.seeds("0.6 mCi"), TestCases.template(TestCases.DOWN_Z), List.of());

    @Test
    void reoptimisingKeepsPlacedNeedlesWithTheirSeeds() {
        PlanningSession session = Planner.builtIn().prepare(CASE, INTENT, ProgressListener.NONE);
        Plan first = session.optimise(ProgressListener.NONE);
        List<PlannedNeedle> kept = first.needles().subList(0, 3);
        Plan again = session.reoptimiseKeeping(List.of(1, 2, 3), ProgressListener.NONE);
        for (PlannedNeedle k : kept) {
            PlannedNeedle same = again.needles().stream().filter(n -> n.needle().equals(k.needle())).findFirst().orElseThrow();
            assertThat(same.seedDistancesFromTipMm()).isEqualTo(k.seedDistancesFromTipMm());
        }
        assertThat(again.goals()).allMatch(GoalResult::met);
        PlannerAcceptanceTest.checkSeedsOnNeedles(again, INTENT);
    }

    @Test
    void reoptimisingWithoutANeedleReplacesItsSeedsElsewhere() {
        PlanningSession session = Planner.builtIn().prepare(CASE, INTENT, ProgressListener.NONE);
        Plan first = session.optimise(ProgressListener.NONE);
        int last = first.needles().size();
        PlannedNeedle dropped = first.needles().get(last - 1);
        Plan again = session.reoptimise(List.of(1), List.of(last), ProgressListener.NONE);
        assertThat(again.needles()).noneMatch(n -> n.needle().equals(dropped.needle()));
        assertThat(again.needles().get(0).seedDistancesFromTipMm()).isEqualTo(first.needles().get(0).seedDistancesFromTipMm());
        assertThat(again.goals()).allMatch(GoalResult::met);
        PlannerAcceptanceTest.checkSeedsOnNeedles(again, INTENT);
    }

    @Test
    void fixedNeedleOfTheIntentIsKeptWithItsLoading() {
        FixedNeedle placed = new FixedNeedle(new Vec3(2, 1, -40), new Vec3(2, 1, 12), List.of(0.0, 10.0, 20.0, 30.0));
        PlanIntent intent = INTENT.withFixedNeedles(List.of(placed));
        Plan plan = Planner.builtIn().plan(CASE, intent, ProgressListener.NONE);
        PlannedNeedle first = plan.needles().get(0);
        assertThat(first.needle().fixed()).isTrue();
        assertThat(first.needle().tipMm()).isEqualTo(placed.tipMm());
        assertThat(first.seedDistancesFromTipMm()).containsExactly(0.0, 10.0, 20.0, 30.0);
        assertThat(plan.goals()).allMatch(GoalResult::met);
        // Other needles keep at least the hole pitch (less 10 %) from the fixed one.
        for (PlannedNeedle n : plan.needles().subList(1, plan.needles().size())) {
            assertThat(org.seedplan.geometry.SegmentDistance.between(n.needle().entryMm(), n.needle().tipMm(),
                    placed.entryMm(), placed.tipMm())).isGreaterThanOrEqualTo(4.5);
        }
    }

    @Test
    void tooFewSeedsAllowedIsStatedAsTheReason() {
        PlanIntent intent = new PlanIntent(List.of(new TargetGoal("GTV", 120)), List.of(), TestCases.seeds("0.6 mCi"),
                TestCases.template(TestCases.DOWN_Z), 5, 5, 60, 8, 3, 300, 59.4, 10, List.of());
        Plan plan = Planner.builtIn().plan(CASE, intent, ProgressListener.NONE);
        assertThat(plan.seedCount()).isLessThanOrEqualTo(8);
        assertThat(plan.statements()).anyMatch(s -> s.contains("V100") && s.contains("max_seeds"));
    }

    @Test
    void seedsToOrderAddSparesAndSubtractStock() {
        Plan plan = Planner.builtIn().plan(CASE, INTENT, ProgressListener.NONE);
        // 10 % spares rounded up, no stock.
        assertThat(plan.seedsToOrder()).isEqualTo((int) Math.ceil(plan.seedCount() * 1.1 - 1e-9));
    }

    @Test
    void robustnessSpreadGrowsWithPlacementError() {
        PlanningSession session = Planner.builtIn().prepare(CASE, INTENT, ProgressListener.NONE);
        Plan plan = session.optimise(ProgressListener.NONE);
        RobustnessResult none = RobustnessSimulation.run(session, plan, new PlacementErrors(0, 0, 10), 1);
        RobustnessResult.TargetSpread n = none.targets().get(0);
        // Without errors every sample is the plan itself: the percentiles equal the nominal values (float rounding only).
        assertThat(n.d90P5Gy()).isCloseTo(n.d90NominalGy(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(n.d90P95Gy()).isCloseTo(n.d90NominalGy(), org.assertj.core.data.Offset.offset(1e-9));
        RobustnessResult small = RobustnessSimulation.run(session, plan, new PlacementErrors(1, 0.5, 60), 1);
        RobustnessResult large = RobustnessSimulation.run(session, plan, PlacementErrors.defaults(), 1);
        RobustnessResult.TargetSpread s = small.targets().get(0);
        RobustnessResult.TargetSpread l = large.targets().get(0);
        assertThat(l.d90P5Gy()).isLessThanOrEqualTo(l.d90P50Gy()).isLessThan(l.d90P95Gy());
        assertThat(l.d90P95Gy() - l.d90P5Gy()).isGreaterThan(s.d90P95Gy() - s.d90P5Gy());
        assertThat(l.v100P5Pct()).isLessThan(n.v100NominalPct());
        // the planned values are the plan's own (its goals table), not the sample-point estimate
        assertThat(l.d90NominalGy()).isEqualTo(goal(plan, "D90"));
        assertThat(l.v100NominalPct()).isEqualTo(goal(plan, "V100"));
        assertThat(none.warnings()).isEmpty();
    }

    /**
     * The read-out of the spread: a planned value outside the simulated 5th–95th percentile range is
     * flagged with both numbers; one inside it is not.
     */
    @Test
    void plannedValueOutsideTheSimulatedRangeIsFlagged() {
        RobustnessResult.TargetSpread outside = new RobustnessResult.TargetSpread("CTV", 120, 151.7, 124.7, 135.0, 146.4, 97, 90, 94, 99);
        assertThat(outside.d90Warning()).hasValueSatisfying(w -> assertThat(w).contains("CTV D90").contains("151.7")
                .contains("124.7-146.4").contains("above"));
        assertThat(outside.v100Warning()).isEmpty();
        assertThat(new RobustnessResult(PlacementErrors.defaults(), List.of(outside)).warnings()).hasSize(1);
    }

    private static double goal(Plan plan, String prefix) {
        return plan.goals().stream().filter(g -> g.goal().startsWith(prefix)).findFirst().orElseThrow().value();
    }
}
