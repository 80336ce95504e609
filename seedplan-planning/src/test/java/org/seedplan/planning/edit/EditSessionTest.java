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
import org.seedplan.planning.needle.Needle;
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
    void aDraggedNeedleAndOneAddedFreeHandAreLockedAndKeptWhileTheRestIsReplanned() {
        EditSession s = EditSession.of(planning, plan);
        PlanEvaluator.Evaluation before = s.evaluation();
        double d90Before = before.structures().get(0).dvh().doseAtPercent(90);
        double v100Before = before.metrics().structures().get(0).vPct().get("100");
        // the operating room: needle 3 went in 1.5 mm left and 1 mm anterior of its plan; one more needle by hand, free-hand
        s.moveNeedle(3, new Vec3(1.5, -1, 0));
        int added = s.addNeedle(new Vec3(-4, 40, -30), new Vec3(-2, 2, 6));
        assertThat(added).isEqualTo(plan.needleCount() + 1);
        Needle addedPath = s.needles().stream().filter(n -> n.number() == added).findFirst().orElseThrow().path();
        for (double d : new double[] {4, 14, 24}) {
            s.addSeed(added, addedPath.pointFromTip(d));
        }
        s.lock(List.of(3, added), true);
        List<EditSession.EditNeedle> lockedBefore = s.needles().stream().filter(EditSession.EditNeedle::locked).toList();
        List<EditSession.EditSeed> lockedSeedsBefore = s.seeds().stream().filter(x -> x.needle() == 3 || x.needle() == added).toList();
        List<Vec3> otherSeedsBefore = s.seeds().stream().filter(x -> x.needle() != 3 && x.needle() != added).map(x -> x.seed().centreMm()).toList();

        s.reoptimise(ProgressListener.NONE);

        // the locked needles keep number, path (bit for bit) and their seeds (ids, centres, axes, strengths: equal records)
        assertThat(s.needles().stream().filter(EditSession.EditNeedle::locked).map(n -> new EditSession.EditNeedle(n.number(), n.path(), true,
                true)).toList()).containsExactlyInAnyOrderElementsOf(lockedBefore);
        assertThat(s.seeds().stream().filter(x -> x.needle() == 3 || x.needle() == added).toList())
                .containsExactlyInAnyOrderElementsOf(lockedSeedsBefore);
        // the rest is planned anew: its seeds are not those it had
        List<Vec3> otherSeedsAfter = s.seeds().stream().filter(x -> x.needle() != 3 && x.needle() != added).map(x -> x.seed().centreMm()).toList();
        assertThat(otherSeedsAfter).isNotEmpty().isNotEqualTo(otherSeedsBefore);
        // every goal the plan met before the edit is met after the re-plan, or the planner's goal report names it; D90 and V100
        // themselves may move either way (the optimiser meets the goals with the fewest seeds; it does not maximise D90)
        PlanEvaluator.Evaluation after = s.evaluation();
        for (int g = 0; g < before.goals().size(); g++) {
            GoalResult was = before.goals().get(g);
            GoalResult is = after.goals().get(g);
            if (was.met() && !is.met()) {
                assertThat(s.planStatements()).as(is.structure() + " " + is.goal()).anyMatch(x -> x.contains(is.structure()));
            }
        }
        System.out.printf(java.util.Locale.ROOT, "re-plan around needle 3 dragged and needle %d added: D90 %.2f -> %.2f Gy, V100 %.2f -> %.2f %%,"
                + " %d -> %d seeds%n", added, d90Before, after.structures().get(0).dvh().doseAtPercent(90), v100Before,
                after.metrics().structures().get(0).vPct().get("100"), plan.seedCount(), s.seeds().size());
        assertThat(after.structures().get(0).dvh().doseAtPercent(90)).isGreaterThanOrEqualTo(INTENT.targets().get(0).prescriptionGy());
        // the dose shown is that of the resulting seeds computed from scratch: each seed's TG-43 rate summed in double
        // precision (independent of the seeds' order). The session and the planner sum the same rates in double, updating
        // the dose by the seeds that change; 1e-6 relative covers the single-precision copy the screen reads (6e-8)
        double[] reference = freshDoseGy(s.seedList());
        float[] held = after.dose().doseGy();
        for (int n = 0; n < held.length; n++) {
            assertThat((double) held[n]).as("voxel %d", n).isCloseTo(reference[n], org.assertj.core.data.Offset.offset(1e-6 * reference[n] + 1e-12));
        }
        // a second re-plan with the same locks re-runs that plan's optimisation and still keeps them
        s.reoptimise(ProgressListener.NONE);
        assertThat(s.seeds().stream().filter(x -> x.needle() == 3 || x.needle() == added).toList())
                .containsExactlyInAnyOrderElementsOf(lockedSeedsBefore);
        assertSameDose(s.evaluation().dose().doseGy(), new FastDoseEngine(planning.kernel()).dose(s.seedList(), planning.geometry().grid(),
                INTENT.decay()).doseGy());
    }

    @Test
    void aNeedleAddedFreeHandGoesFromTheEntryToTheTipThroughNoHoleAndCarriesItsSeedsOnItsAxis() {
        EditSession s = EditSession.of(planning, plan);
        double d90Before = s.evaluation().structures().get(0).dvh().doseAtPercent(90);
        Vec3 entry = new Vec3(-30, -30, -20);
        Vec3 tip = new Vec3(-3, -3, 2);
        int n = s.addNeedle(entry, tip);
        EditSession.EditNeedle needle = s.needles().stream().filter(x -> x.number() == n).findFirst().orElseThrow();
        assertThat(needle.path().entryMm()).isEqualTo(entry);
        assertThat(needle.path().tipMm()).isEqualTo(tip);
        assertThat(needle.path().hole()).isNull();
        assertThat(needle.edited()).isTrue();
        int seed = s.addSeed(n, new Vec3(-8, -6, 0));
        Seed placed = s.seeds().stream().filter(x -> x.id() == seed).findFirst().orElseThrow().seed();
        // on the axis (rounding of the projection, 1e-9 mm), along it
        double along = tip.minus(placed.centreMm()).dot(needle.path().direction());
        assertThat(needle.path().pointFromTip(along).distanceTo(placed.centreMm())).isLessThan(1e-9);
        assertThat(placed.axis().dot(needle.path().direction())).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.evaluation().structures().get(0).dvh().doseAtPercent(90)).isGreaterThan(d90Before);
    }

    @Test
    void aLockedNeedleWithASeedMovedOffItsAxisIsRefusedByTheReplanWithTheFix() {
        EditSession s = EditSession.of(planning, plan);
        EditSession.EditSeed seed = s.seeds().stream().filter(x -> x.needle() == 2).findFirst().orElseThrow();
        s.moveSeed(seed.id(), seed.seed().centreMm().plus(new Vec3(2, 0, 0)));
        s.lock(List.of(2), true);
        assertThatThrownBy(() -> s.reoptimise(ProgressListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed " + seed.id() + " of locked needle 2 lies 2.00 mm off the needle").hasMessageContaining("unlock needle 2");
    }

    /** The dose of {@code seeds} on the planning grid: each seed's rate by the engine, summed in double precision, Gy. */
    private static double[] freshDoseGy(List<Seed> seeds) {
        FastDoseEngine engine = new FastDoseEngine(planning.kernel());
        var grid = planning.geometry().grid();
        double[] out = new double[grid.voxelCount()];
        int slice = grid.nx() * grid.ny();
        for (Seed seed : seeds) {
            FastDoseEngine.SlabRate r = engine.seedDoseRate(seed, grid, null);
            for (int i = 0; i < r.sliceCount() * slice; i++) {
                out[r.firstSlice() * slice + i] += r.rateCGyPerH()[i] * INTENT.decay().gyPerCGyPerH();
            }
        }
        return out;
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
