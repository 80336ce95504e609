package org.seedplan.cli.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seedplan.dose.Seed;
import org.seedplan.dose.montecarlo.MonteCarloDose;
import org.seedplan.dose.montecarlo.MonteCarloDoseEngine;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.montecarlo.VoxelPhantom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench mc}: the model-based (Monte Carlo) dose of an implant — by default 100 seeds of 0.6 U on a
 * 1 cm lattice filling a spherical target in water, 2 mm voxels over the target plus 2 cm — run until the mean
 * statistical uncertainty in the target reaches 2 %; prints wall seconds, process CPU seconds and photons.
 */
@Command(name = "mc", mixinStandardHelpOptions = true,
        description = "Time the Monte Carlo dose engine: --seeds seeds (1 cm lattice in a spherical target, water), 2 mm voxels"
                + " over the target plus 2 cm, stopped at --uncertainty mean relative 1-sigma uncertainty in the target.")
public final class BenchMcCommand implements Callable<Integer> {

    @Option(names = "--seeds", defaultValue = "100", description = "number of seeds, 1 … 400 (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--uncertainty", defaultValue = "0.02", description = "target mean relative uncertainty (default ${DEFAULT-VALUE})")
    double uncertainty;

    @Option(names = "--threads", description = "transport threads (default: all processors)")
    Integer threads;

    @Option(names = "--voxel-mm", defaultValue = "2", description = "voxel size in mm (default ${DEFAULT-VALUE})")
    double voxelMm;

    @Option(names = "--model", defaultValue = "amersham6711", description = "seed model (default ${DEFAULT-VALUE})")
    String model;

    @Override
    public Integer call() {
        if (seeds < 1 || seeds > 400) {
            throw new IllegalArgumentException("--seeds must lie in 1 … 400, got " + seeds);
        }
        if (!(voxelMm >= 0.5 && voxelMm <= 5)) {
            throw new IllegalArgumentException("--voxel-mm must lie in 0.5 … 5, got " + voxelMm);
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        List<Vec3> lattice = new ArrayList<>();
        int half = (int) Math.ceil(Math.cbrt(seeds)) + 1;
        for (int i = -half; i <= half; i++) {
            for (int j = -half; j <= half; j++) {
                for (int k = -half; k <= half; k++) {
                    lattice.add(new Vec3(10 * i + 5, 10 * j + 5, 10 * k + 5));
                }
            }
        }
        lattice.sort(Comparator.comparingDouble((Vec3 p) -> p.norm()).thenComparingDouble(Vec3::x).thenComparingDouble(Vec3::y)
                .thenComparingDouble(Vec3::z));
        List<Seed> implant = lattice.subList(0, seeds).stream().map(p -> new Seed(p, Vec3.UNIT_Z, 0.6)).toList();
        double targetRadiusMm = implant.get(implant.size() - 1).centreMm().norm() + 5;
        double extent = targetRadiusMm + 20;
        Grid grid = Grid.covering(new Vec3(-extent, -extent, -extent), new Vec3(extent, extent, extent), voxelMm, voxelMm, voxelMm);
        boolean[] target = new boolean[grid.voxelCount()];
        int targetVoxels = 0;
        for (int v = 0; v < target.length; v++) {
            target[v] = grid.centre(v).norm() <= targetRadiusMm;
            targetVoxels += target[v] ? 1 : 0;
        }
        MonteCarloSettings settings = new MonteCarloSettings(1, t, uncertainty, 2_000_000_000L, 600);
        MonteCarloDoseEngine engine = new MonteCarloDoseEngine(SourceLibrary.builtIn().model(model),
                VoxelPhantom.homogeneous(grid, "water", 1.0), settings);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        MonteCarloDose dose = engine.run(implant, grid, target, f -> { }, () -> false);
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - c0) / 1e9;
        double sum = 0;
        int n = 0;
        for (int v = 0; v < target.length; v++) {
            if (target[v] && dose.relativeUncertainty()[v] < 1) {
                sum += dose.relativeUncertainty()[v];
                n++;
            }
        }
        System.out.printf(Locale.ROOT, "%d seeds (%s, 0.6 U) in a %.0f mm radius target, water; %d × %d × %d voxels of %.1f mm"
                + " (%d in the target); %d threads, %d processors%n", seeds, model, targetRadiusMm, grid.nx(), grid.ny(), grid.nz(), voxelMm,
                targetVoxels, t, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  %.1f s wall, %.1f s process CPU (all threads, incl. GC and the one-off S_K normalisation),"
                + " %d photons (%.0f per wall second); mean uncertainty in the target %.2f %%%n", wall, cpu, dose.photons(),
                dose.photons() / wall, 100 * sum / Math.max(1, n));
        return 0;
    }
}
