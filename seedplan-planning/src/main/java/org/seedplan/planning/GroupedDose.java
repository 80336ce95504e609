package org.seedplan.planning;

import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;

/**
 * The 3D dose of a list of seeds summed so that it does not depend on their order: the engine's full computation of
 * groups of {@value #GROUP} seeds (single precision within a group, as {@link FastDoseEngine} sums) added in double
 * precision. The rates being positive, the result lies within {@value #GROUP} − 1 single-precision roundings (4.2e-7
 * relative) of the exact sum of the seeds' rates, at a cost near one full computation.
 */
public final class GroupedDose {

    /** Seeds computed together in single precision. */
    public static final int GROUP = 8;

    private GroupedDose() {
    }

    /** The dose of {@code seeds} on {@code grid} integrated over {@code decay}, Gy, per voxel in grid order. */
    public static double[] doseGy(FastDoseEngine engine, List<Seed> seeds, Grid grid, DecayIntegral decay) {
        double factor = decay.gyPerCGyPerH();
        double[] out = new double[grid.voxelCount()];
        for (int from = 0; from < seeds.size(); from += GROUP) {
            float[] rate = engine.doseRateCGyPerH(seeds.subList(from, Math.min(seeds.size(), from + GROUP)), grid);
            IntStream.range(0, rate.length).parallel().forEach(n -> out[n] += rate[n] * factor);
        }
        return out;
    }
}
