package org.seedplan.planning.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.GoalResult;
import org.seedplan.planning.Phantom;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlanEvaluator;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.SeedSpec;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.source.SeedStrength;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/** Editing a planned sphere: incremental dose against a fresh computation, metrics against the evaluator, locks and re-plans. */
class EditSessionTest {

    private static final Structure GTV = Phantom.ellipsoid("GTV", StructureType.GTV, Vec3.ZERO, new Vec3(16, 14, 15), 2.0);
    private static final Structure ORGAN = Phantom.ellipsoid("Bowel", StructureType.ORGAN, new Vec3(30, 0, 0), new Vec3(6, 6, 10), 2.0);
    private static final PlanIntent INTENT = PlanIntent.of(List.of(new TargetGoal("GTV", 120)),
            List.of(new OarLimit("Bowel", OarLimit.Kind.D2CC, 100, 0, 3)), new SeedSpec("amersham6711", SeedStrength.parse("0.6 mCi"), 0),
            new Approach.CoplanarTemplate(new Vec3(0, 0, 1), null, 5, 10, 250));

    private static PlanningSession planning;
    private static Plan plan;

    @BeforeAll
    static void plan() {
        planning = Planner.builtIn().prepare(new PlanningCase("E1", "edit sphere", List.of(GTV, ORGAN), null), INTENT, ProgressListener.NONE);
        plan = planning.optimise(ProgressListener.NONE);
    }

    @Test
    void fiftyRandomEditsKeepTheDoseOfAFreshComputation() {
        EditSession s = EditSession.of(planning, plan);
        Random rnd = new Random(12);
        for (int e = 0; e < 50; e++) {
            List<EditSession.EditSeed> seeds = s.seeds();
            List<EditSession.EditNeedle> needles = s.needles();
            switch (e % 5) {
                case 0, 1 -> s.moveSeed(seeds.get(rnd.nextInt(seeds.size())).id(), seeds.get(rnd.nextInt(seeds.size())).seed().centreMm()
                        .plus(new Vec3(rnd.nextGaussian() * 3, rnd.nextGaussian() * 3, rnd.nextGaussian() * 3)));
                case 2 -> s.addSeed(needles.get(rnd.nextInt(needles.size())).number(), new Vec3(rnd.nextGaussian() * 8,
                        rnd.nextGaussian() * 8, rnd.nextGaussian() * 8));
                case 3 -> s.deleteSeed(seeds.get(rnd.nextInt(seeds.size())).id());
                default -> {
                    if (e % 10 == 4) {
                        s.moveNeedle(needles.get(rnd.nextInt(needles.size())).number(), new Vec3(rnd.nextGaussian() * 2, rnd.nextGaussian() * 2, 0));
                    } else {
                        s.deleteNeedle(needles.get(rnd.nextInt(needles.size())).number());
                    }
                }
            }
        }
        List<Seed> seeds = s.seedList();
        FastDoseEngine engine = new FastDoseEngine(planning.kernel());
        DoseGrid fresh = engine.dose(seeds, planning.geometry().grid(), INTENT.decay());
        PlanEvaluator.Evaluation edited = s.evaluation();
        float[] a = edited.dose().doseGy();
        float[] b = fresh.doseGy();
        // 1e-4 relative: the fresh grid sums ~100 single-precision terms (≈ 1e-5 relative rounding); ours sums in double.
        // 1e-6 Gy absolute floor for voxels far from every seed, where single-precision rounding of the fresh sum dominates.
        for (int n = 0; n < a.length; n++) {
            assertThat((double) a[n]).as("voxel %d", n).isCloseTo(b[n], org.assertj.core.data.Offset.offset(1e-4 * b[n] + 1e-6));
        }
        PlanEvaluator.Evaluation reference = new PlanEvaluator(engine, planning.geometry(), INTENT).evaluate(seeds);
        for (int n = 0; n < reference.goals().size(); n++) {
            GoalResult r = reference.goals().get(n);
            GoalResult x = edited.goals().get(n);
            assertThat(x.goal()).isEqualTo(r.goal());
            // D90 and V100 read from the same DVH code on doses equal to single-precision rounding: 1e-5 relative, 0.001 % of volume
            assertThat(x.value()).as(r.structure() + " " + r.goal()).isCloseTo(r.value(),
                    org.assertj.core.data.Offset.offset(r.unit().equals("%") ? 1e-3 : 1e-5 * Math.abs(r.value())));
            assertThat(x.met()).isEqualTo(r.met());
        }
    }

    @Test
    void aDragOfTwentyStepsKeepsTheDoseOfAFreshComputation() {
        // each step after the first subtracts the kept dose of the seed the last step added
        EditSession s = EditSession.of(planning, plan);
        EditSession.EditSeed seed = s.seeds().get(3);
        for (int step = 1; step <= 20; step++) {
            s.moveSeed(seed.id(), seed.seed().centreMm().plus(new Vec3(0.7 * step, -0.3 * step, 0.1 * step)));
        }
        float[] a = s.evaluation().dose().doseGy();
        float[] b = new FastDoseEngine(planning.kernel()).dose(s.seedList(), planning.geometry().grid(), INTENT.decay()).doseGy();
        // the same tolerance as for random edits, for the same reasons
        for (int n = 0; n < a.length; n++) {
            assertThat((double) a[n]).as("voxel %d", n).isCloseTo(b[n], org.assertj.core.data.Offset.offset(1e-4 * b[n] + 1e-6));
        }
    }

    @Test
    void movingASeedOutOfTheTargetLowersD90() {
        EditSession s = EditSession.of(planning, plan);
        double before = s.evaluation().structures().get(0).dvh().doseAtPercent(90);
        EditSession.EditSeed seed = s.seeds().get(s.seeds().size() / 2);
        s.moveSeed(seed.id(), new Vec3(0, 0, 60));
        double after = s.evaluation().structures().get(0).dvh().doseAtPercent(90);
        assertThat(after).isLessThan(before);
    }

    @Test
    void lockedNeedlesAreKeptByTheReplanAndRefuseEdits() {
        EditSession s = EditSession.of(planning, plan);
        List<EditSession.EditNeedle> needles = s.needles();
        EditSession.EditNeedle first = needles.get(0);
        EditSession.EditNeedle second = needles.get(1);
        List<Vec3> keptSeeds = s.seeds().stream().filter(x -> x.needle() == first.number() || x.needle() == second.number())
                .map(x -> x.seed().centreMm()).toList();
        s.lock(List.of(first.number(), second.number()), true);
        EditSession.EditSeed onFirst = s.seeds().stream().filter(x -> x.needle() == first.number()).findFirst().orElseThrow();
        assertThatThrownBy(() -> s.moveSeed(onFirst.id(), Vec3.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("locked");
        // a hand edit elsewhere, then the re-plan replaces it and keeps the locked needles
        EditSession.EditSeed other = s.seeds().stream().filter(x -> x.needle() == needles.get(2).number()).findFirst().orElseThrow();
        s.deleteSeed(other.id());
        s.reoptimise(ProgressListener.NONE);
        List<EditSession.EditNeedle> lockedAfter = s.needles().stream().filter(EditSession.EditNeedle::locked).toList();
        assertThat(lockedAfter).extracting(EditSession.EditNeedle::path).containsExactlyInAnyOrder(first.path(), second.path());
        List<Vec3> after = s.seeds().stream().filter(x -> lockedAfter.stream().anyMatch(n -> n.number() == x.needle()))
                .map(x -> x.seed().centreMm()).toList();
        assertThat(after).containsExactlyInAnyOrderElementsOf(keptSeeds);
        assertThat(s.evaluation().goals()).filteredOn(GoalResult::isCoverage).allMatch(GoalResult::met);
    }

    @Test
    void aLockedNeedleEditedByHandCannotBeKeptByAReplan() {
        EditSession s = EditSession.of(planning, plan);
        int n = s.needles().get(0).number();
        s.moveNeedle(n, new Vec3(1, 0, 0));
        s.lock(List.of(n), true);
        assertThatThrownBy(() -> s.reoptimise(ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needle " + n + " was edited by hand");
    }

    @Test
    void unknownSeedAndNeedleAreNamed() {
        EditSession s = EditSession.of(planning, plan);
        assertThatThrownBy(() -> s.deleteSeed(99999)).hasMessageContaining("seed 99999 is not in the plan");
        assertThatThrownBy(() -> s.deleteNeedle(999)).hasMessageContaining("needle 999 is not in the plan");
    }

    @Test
    void hundredPercentLineLiesOnThePrescriptionDose() {
        EditSession s = EditSession.of(planning, plan);
        DoseGrid dose = s.evaluation().dose();
        for (SlicePlane p : SlicePlane.values()) {
            IsodoseLines.Line line = s.isodoseLines(p, 0.3).stream().filter(l -> l.percent() == 100).findFirst().orElseThrow();
            assertThat(line.segmentCount()).isGreaterThan(20);
            double[] seg = line.segmentsMm();
            for (int n = 0; n < seg.length; n += 2) {
                Vec3 at = switch (p) {
                    case AXIAL -> new Vec3(seg[n], seg[n + 1], 0.3);
                    case CORONAL -> new Vec3(seg[n], 0.3, seg[n + 1]);
                    case SAGITTAL -> new Vec3(0.3, seg[n], seg[n + 1]);
                };
                // the end points lie on cell edges, where the plane's dose is linear: trilinear reading gives the level (float rounding)
                assertThat(IsodoseLinesTest.trilinear(dose, at)).as(p + " " + at).isCloseTo(120, org.assertj.core.data.Offset.offset(1e-3));
            }
        }
    }

    @Test
    void replansTakeOverThePlannersDoseWhichEqualsAFreshComputationAndStaysSoAfterEdits() {
        EditSession s = EditSession.of(planning, plan);
        // two re-plans in a row: the planner updates the last plan's dose by the seeds that changed (a few of them)
        s.lock(List.of(s.needles().get(0).number()), true);
        s.reoptimise(ProgressListener.NONE);
        s.lock(List.of(s.needles().get(1).number()), true);
        s.reoptimise(ProgressListener.NONE);
        FastDoseEngine engine = new FastDoseEngine(planning.kernel());
        // the same tolerance as for random edits: the planner's dose is a fresh single-precision computation
        assertSameDose(s.evaluation().dose().doseGy(), engine.dose(s.seedList(), planning.geometry().grid(), INTENT.decay()).doseGy());
        EditSession.EditSeed free = s.seeds().stream().filter(x -> !s.needles().stream()
                .filter(EditSession.EditNeedle::locked).map(EditSession.EditNeedle::number).toList().contains(x.needle())).findFirst().orElseThrow();
        s.moveSeed(free.id(), free.seed().centreMm().plus(new Vec3(1.5, -1, 2)));
        assertSameDose(s.evaluation().dose().doseGy(), engine.dose(s.seedList(), planning.geometry().grid(), INTENT.decay()).doseGy());
    }

    private static void assertSameDose(float[] a, float[] b) {
        for (int n = 0; n < a.length; n++) {
            assertThat((double) a[n]).as("voxel %d", n).isCloseTo(b[n], org.assertj.core.data.Offset.offset(1e-4 * b[n] + 1e-6));
        }
    }
}
