package org.seedplan.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.Phantom;
import org.seedplan.planning.Plan;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench plan}: a complete plan of a ~50 cc lesion beside an organ at risk (masks,
 * needles, candidates, influence matrix, optimisation, 3D dose and DVH), and re-optimisation after
 * fixing half of its needles and giving up another; median wall times after warm-up.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Time inverse planning: a 50 cc irregular lesion (semi-axes 24 × 21 × 24 mm) beside a 20 cc organ at risk,",
            "coplanar template (5 mm holes), 0.35 mCi amersham6711 seeds, 140 Gy, seed step 2.5 mm, 5 mm candidate margin;",
            "then re-optimisation keeping the first half of the needles and giving up the last one."})
public final class BenchPlanCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "7", description = "timed runs after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed warm-up runs (default ${DEFAULT-VALUE})")
    int warmup;

    @Override
    public Integer call() {
        BenchCommand.checkRuns(runs);
        if (warmup < 0 || warmup > BenchCommand.MAX_RUNS) {
            throw new IllegalArgumentException("--warmup must lie in 0 … " + BenchCommand.MAX_RUNS + ", got " + warmup);
        }
        Structure gtv = Phantom.irregular("GTV", StructureType.GTV, Vec3.ZERO, new Vec3(24, 21, 24), 0.15, 0.08, 2.5);
        Structure organ = Phantom.ellipsoid("Bowel", StructureType.ORGAN, new Vec3(37, 0, 0), new Vec3(10, 14, 34), 2.5);
        PlanningCase c = new PlanningCase("BENCH", "bench 50 cc", List.of(gtv, organ), null);
        PlanIntent intent = new PlanIntent(List.of(new TargetGoal("GTV", 140)),
                List.of(new OarLimit("Bowel", OarLimit.Kind.D2CC, 100, 0, 5)),
                new SeedSpec("amersham6711", SeedStrength.parse("0.35 mCi"), 0),
                new Approach.CoplanarTemplate(new Vec3(0, 0, 1), null, 5, 10, 200), 2.5, 5, 80, 250, 5,
                PlanIntent.DEFAULT_BONE_HU, 59.4, 10, List.of());
        Planner planner = Planner.builtIn();
        List<Double> full = new ArrayList<>();
        List<Double> replan = new ArrayList<>();
        List<Double> fullCpu = new ArrayList<>();
        List<Double> replanCpu = new ArrayList<>();
        PlanningSession last = null;
        Plan plan = null;
        Plan again = null;
        for (int r = 0; r < warmup + runs; r++) {
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            PlanningSession session = planner.prepare(c, intent, ProgressListener.NONE);
            plan = session.optimise(ProgressListener.NONE);
            long t1 = System.nanoTime();
            long c1 = cpuNanos();
            List<Integer> keep = IntStream.rangeClosed(1, plan.needles().size() / 2).boxed().toList();
            again = session.reoptimise(keep, List.of(plan.needles().size()), ProgressListener.NONE);
            long t2 = System.nanoTime();
            long c2 = cpuNanos();
            if (r >= warmup) {
                full.add((t1 - t0) / 1e9);
                replan.add((t2 - t1) / 1e9);
                fullCpu.add((c1 - c0) / 1e9);
                replanCpu.add((c2 - c1) / 1e9);
            }
            last = session;
        }
        System.out.printf(Locale.ROOT, "case: %.1f cc target, %d needles available, %d candidate positions, %d sample points, "
                + "%d influence entries, %d processors%n", plan.structure("GTV").dvh().volumeCc(), last.availableNeedles().size(),
                last.candidates().size(), last.points().size(), last.matrix().nonZeros(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "plan: %d seeds on %d needles, goals %s; after fixing %d needles and giving up needle %d: "
                + "%d seeds on %d needles, goals %s%n", plan.seedCount(), plan.needleCount(),
                plan.allGoalsMet() ? "met" : "NOT met: " + plan.statements(), plan.needles().size() / 2, plan.needles().size(),
                again.seedCount(), again.needleCount(), again.allGoalsMet() ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "complete plan:  median %.3f s over %d runs (min %.3f, max %.3f); process CPU median %.3f s%n",
                median(full), runs, min(full), max(full), median(fullCpu));
        System.out.printf(Locale.ROOT, "re-optimise:    median %.3f s over %d runs (min %.3f, max %.3f); process CPU median %.3f s%n",
                median(replan), runs, min(replan), max(replan), median(replanCpu));
        return 0;
    }

    /** CPU time of this process (all threads, GC included), ns: shows the work when other jobs share the machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
