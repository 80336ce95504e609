package org.seedplan.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.MaskLookup;
import org.seedplan.planning.Phantom;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.edit.EditSession;
import org.seedplan.planning.edit.SlicePlane;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.SeedSpec;
import org.seedplan.planning.intent.TargetGoal;
import org.seedplan.dvh.RoiMask;
import org.seedplan.source.SeedStrength;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureBounds;
import org.seedplan.structure.StructureType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench edit}: the server's share of dragging one seed of a 100-seed plan, on a 1 mm
 * grid: move the seed, update the 3D dose incrementally, recompute the DVH, metrics and goals of every
 * structure and the isodose lines of the three planes through the seed; median wall time after warm-up.
 */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Time the steps of seed drags (5 moves of one seed by ~1 mm) of a 100-seed plan (the 50 cc lesion of 'bench plan', planned by the inverse planner,",
            "loading cut to 100 seeds) on a 1 mm dose grid: incremental 3D dose, DVH + metrics + goals of every structure,",
            "isodose lines (50/100/150/200 %%) of the axial, coronal and sagittal planes through the seed."})
public final class BenchEditCommand implements Callable<Integer> {

    /** Seeds in the benchmark plan (the figure). */
    static final int SEEDS = 100;
    /** Moves per simulated drag. */
    static final int DRAG_STEPS = 5;

    @Option(names = "--runs", defaultValue = "50", description = "timed drag steps after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "10", description = "untimed warm-up drag steps (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() {
        BenchCommand.checkRuns(runs);
        if (warmup < 0 || warmup > BenchCommand.MAX_RUNS) {
            throw new IllegalArgumentException("--warmup must lie in 0 … " + BenchCommand.MAX_RUNS + ", got " + warmup);
        }
        Structure gtv = Phantom.irregular("GTV", StructureType.GTV, Vec3.ZERO, new Vec3(24, 21, 24), 0.15, 0.08, 2.5);
        Structure organ = Phantom.ellipsoid("Bowel", StructureType.ORGAN, new Vec3(37, 0, 0), new Vec3(10, 14, 34), 2.5);
        TargetGoal goal = new TargetGoal("GTV", 140);
        OarLimit limit = new OarLimit("Bowel", OarLimit.Kind.D2CC, 100, 0, 5);
        PlanIntent intent = new PlanIntent(List.of(goal), List.of(limit), new SeedSpec("amersham6711", SeedStrength.parse("0.30 mCi"), 0),
                new Approach.CoplanarTemplate(new Vec3(0, 0, 1), null, 5, 10, 200), 2.5, 5, 80, 250, 5,
                PlanIntent.DEFAULT_BONE_HU, 59.4, 10, List.of());
        PlanningSession planning = Planner.builtIn().prepare(new PlanningCase("BENCH", "bench edit", List.of(gtv, organ), null), intent,
                ProgressListener.NONE);
        Plan plan = planning.optimise(ProgressListener.NONE);
        List<PlannedNeedle> needles = firstSeeds(plan.needles(), SEEDS);
        PlanningGeometry geometry = oneMillimetre(gtv, organ, goal, limit);
        EditSession session = new EditSession(geometry, intent, new FastDoseEngine(planning.kernel()), needles, intent.seed().skU());
        int seeds = session.seeds().size();
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Random rnd = new Random(7);
        List<Double> ms = new ArrayList<>();
        List<Double> doseMs = new ArrayList<>();
        List<Double> evaluationMs = new ArrayList<>();
        List<Double> linesMs = new ArrayList<>();
        long cpuTotal = 0;
        int lineSegments = 0;
        List<Double> firstMs = new ArrayList<>();
        EditSession.EditSeed seed = null;
        for (int r = 0; r < warmup + runs; r++) {
            // a drag: DRAG_STEPS moves of one seed by about 1 mm (the first step subtracts a seed whose dose is not kept)
            boolean first = r % DRAG_STEPS == 0;
            int id = first ? session.seeds().get(rnd.nextInt(seeds)).id() : seed.id();
            seed = session.seeds().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
            Vec3 to = seed.seed().centreMm().plus(new Vec3(rnd.nextGaussian() * 0.7, rnd.nextGaussian() * 0.7, rnd.nextGaussian() * 0.7));
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            session.moveSeed(seed.id(), to);
            long tDose = System.nanoTime();
            session.evaluation();
            long tEvaluation = System.nanoTime();
            lineSegments = 0;
            lineSegments += segments(session, SlicePlane.AXIAL, to.z());
            lineSegments += segments(session, SlicePlane.CORONAL, to.y());
            lineSegments += segments(session, SlicePlane.SAGITTAL, to.x());
            long t1 = System.nanoTime();
            long c1 = cpuNanos();
            if (r >= warmup && first) {
                firstMs.add((t1 - t0) / 1e6);
            }
            if (r >= warmup) {
                ms.add((t1 - t0) / 1e6);
                doseMs.add((tDose - t0) / 1e6);
                evaluationMs.add((tEvaluation - tDose) / 1e6);
                linesMs.add((t1 - tEvaluation) / 1e6);
                cpuTotal += c1 - c0;
            }
        }
        Grid g = geometry.grid();
        System.out.printf(Locale.ROOT, "case: %d seeds on %d needles (planner's loading cut to %d), %.1f cc target, dose grid %d × %d × %d at %.1f mm"
                        + " (%d voxels), %d structures, %d processors%n", seeds, needles.size(), SEEDS,
                geometry.targets().get(0).roi().mask().volumeCc(), g.nx(), g.ny(), g.nz(), g.dxMm(), g.voxelCount(),
                geometry.targets().size() + geometry.organs().size(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "one step of a seed drag (%d steps per drag; dose, DVH + metrics + goals of every structure, isodose lines of 3 planes, last %d segments):%n", DRAG_STEPS,
                lineSegments);
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "process CPU per drag step: mean %.1f ms (all threads, over the timed steps); load average before the runs %.2f%n",
                cpuTotal / 1e6 / runs, load);
        System.out.printf(Locale.ROOT, "median wall per part: dose %.1f ms, DVH + metrics + goals %.1f ms, isodose lines %.1f ms%n", median(doseMs),
                median(evaluationMs), median(linesMs));
        double[] f = firstMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "first step of a drag (two seeds evaluated): median %.0f ms over %d drags%n", f[f.length / 2], f.length);
        System.out.printf(Locale.ROOT, "median %.0f ms over %d runs (min %.1f, max %.1f)%n", a[a.length / 2], runs, a[0], a[a.length - 1]);
        return 0;
    }

    private static double median(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    /** CPU time of this process (all threads, GC included), ns: shows the work when other jobs share the machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static int segments(EditSession s, SlicePlane plane, double atMm) {
        return s.isodoseLines(plane, atMm).stream().mapToInt(l -> l.segmentCount()).sum();
    }

    /** The needles with their seeds from the tip, the loading cut after {@code seeds} seeds in needle order. */
    private static List<PlannedNeedle> firstSeeds(List<PlannedNeedle> needles, int seeds) {
        List<PlannedNeedle> out = new ArrayList<>();
        int left = seeds;
        for (PlannedNeedle n : needles) {
            if (left == 0) {
                break;
            }
            List<Double> d = n.seedDistancesFromTipMm().subList(0, Math.min(left, n.seedCount()));
            left -= d.size();
            out.add(new PlannedNeedle(n.number(), n.needle(), d));
        }
        return out;
    }

    /** The target and organ rasterised on a 1 mm grid over both, grown by 15 mm (the isodose lines of interest lie within). */
    private static PlanningGeometry oneMillimetre(Structure gtv, Structure organ, TargetGoal goal, OarLimit limit) {
        StructureBounds a = MaskRasterizer.boundsMm(gtv, 2.5);
        StructureBounds b = MaskRasterizer.boundsMm(organ, 2.5);
        Vec3 grow = new Vec3(15, 15, 15);
        Vec3 lo = new Vec3(Math.min(a.minMm().x(), b.minMm().x()), Math.min(a.minMm().y(), b.minMm().y()), Math.min(a.minMm().z(), b.minMm().z()));
        Vec3 hi = new Vec3(Math.max(a.maxMm().x(), b.maxMm().x()), Math.max(a.maxMm().y(), b.maxMm().y()), Math.max(a.maxMm().z(), b.maxMm().z()));
        Grid grid = Grid.covering(lo.minus(grow), hi.plus(grow), 1, 1, 1);
        Mask target = MaskRasterizer.rasterize(gtv, grid);
        Mask bowel = MaskRasterizer.rasterize(organ, grid);
        MaskLookup t = new MaskLookup(target);
        MaskLookup o = new MaskLookup(bowel);
        return new PlanningGeometry(null, PlanIntent.DEFAULT_BONE_HU, List.of(new PlanningGeometry.Target(goal, t, RoiMask.of(gtv, target))), t, t,
                List.of(new PlanningGeometry.Organ(limit, o, o, RoiMask.of(organ, bowel))));
    }
}
