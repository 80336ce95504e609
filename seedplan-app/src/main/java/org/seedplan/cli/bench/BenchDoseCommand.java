package org.seedplan.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseEngine;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.ReferenceDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench dose}: total 3D dose of random seeds in a cube, fast engine against the
 * reference engine, median wall time after warm-up.
 */
@Command(name = "dose", mixinStandardHelpOptions = true,
        description = "Time the 3D total-dose computation: N random 6711 seeds (0.76 U) spread over the central"
                + " half of a cube, dose on a regular grid over the whole cube.")
public final class BenchDoseCommand implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "100", description = "number of seeds (default ${DEFAULT-VALUE})")
    int seedCount;

    @Option(names = "--size-mm", defaultValue = "120", description = "cube edge, mm (default ${DEFAULT-VALUE})")
    double sizeMm;

    @Option(names = "--grid-mm", defaultValue = "1", description = "grid spacing, mm (default ${DEFAULT-VALUE})")
    double gridMm;

    @Option(names = "--runs", defaultValue = "7", description = "timed runs after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--reference-runs", defaultValue = "1",
            description = "timed runs of the slow reference engine; 0 skips it (default ${DEFAULT-VALUE})")
    int referenceRuns;

    @Override
    public Integer call() {
        BenchCommand.checkRuns(runs);
        if (!(sizeMm > 0) || !(gridMm > 0) || seedCount < 1) {
            throw new IllegalArgumentException("--seeds, --size-mm and --grid-mm must be positive");
        }
        Random rnd = new Random(42);
        List<Seed> seeds = new ArrayList<>();
        for (int n = 0; n < seedCount; n++) {
            Vec3 c = new Vec3((0.25 + 0.5 * rnd.nextDouble()) * sizeMm, (0.25 + 0.5 * rnd.nextDouble()) * sizeMm,
                    (0.25 + 0.5 * rnd.nextDouble()) * sizeMm);
            seeds.add(new Seed(c, new Vec3(0, 0, 1), 0.76));
        }
        Grid grid = Grid.covering(Vec3.ZERO, new Vec3(sizeMm, sizeMm, sizeMm), gridMm, gridMm, gridMm);
        Tg43Kernel kernel = new Tg43Kernel(SourceLibrary.builtIn().model(SourceLibrary.DEFAULT_KEY), DoseModel.LINE_2D);
        DecayIntegral total = DecayIntegral.permanent(DecayIntegral.I125_HALF_LIFE_DAYS);
        long pairs = (long) seedCount * grid.voxelCount();
        System.out.printf(Locale.ROOT, "case: %d seeds, %.0f mm cube, %.2f mm grid (%d × %d × %d = %d voxels), %d processors%n",
                seedCount, sizeMm, gridMm, grid.nx(), grid.ny(), grid.nz(), grid.voxelCount(),
                Runtime.getRuntime().availableProcessors());
        double[] fast = median(new FastDoseEngine(kernel), seeds, grid, total, 3, runs);
        System.out.printf(Locale.ROOT, "fast engine:      median %.3f s wall, %.3f s process CPU, over %d runs"
                + " (%.3g seed-voxel evaluations/s equivalent)%n", fast[0], fast[1], runs, pairs / fast[0]);
        if (referenceRuns > 0) {
            double[] ref = median(new ReferenceDoseEngine(kernel), seeds, grid, total, 0, referenceRuns);
            System.out.printf(Locale.ROOT, "reference engine: median %.3f s wall, %.3f s process CPU, over %d run(s)"
                    + " (%.3g seed-voxel evaluations/s)%n", ref[0], ref[1], referenceRuns, pairs / ref[0]);
        }
        return 0;
    }

    /** Median wall time and median process CPU time (all threads), seconds. */
    private static double[] median(DoseEngine engine, List<Seed> seeds, Grid grid, DecayIntegral time, int warmups, int runs) {
        for (int w = 0; w < warmups; w++) {
            engine.dose(seeds, grid, time);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            engine.dose(seeds, grid, time);
            wall[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (os.getProcessCpuTime() - c0) / 1e9;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[runs / 2], cpu[runs / 2]};
    }
}
