package org.seedplan.dose;

import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * The reference engine: evaluates {@link Tg43Kernel} for every seed at every point, no tables, no
 * cut-off. Slow and exact; the fast engine is tested against it.
 */
public final class ReferenceDoseEngine implements DoseEngine {

    private final Tg43Kernel kernel;

    public ReferenceDoseEngine(Tg43Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public float[] doseRateCGyPerH(List<Seed> seeds, Grid grid) {
        float[] out = new float[grid.voxelCount()];
        IntStream.range(0, grid.nz()).parallel().forEach(k -> {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    out[grid.index(i, j, k)] = (float) sum(seeds, grid.centre(i, j, k));
                }
            }
        });
        return out;
    }

    @Override
    public double[] doseRateCGyPerH(List<Seed> seeds, List<Vec3> pointsMm) {
        return pointsMm.parallelStream().mapToDouble(p -> sum(seeds, p)).toArray();
    }

    private double sum(List<Seed> seeds, Vec3 p) {
        double total = 0;
        for (Seed s : seeds) {
            total += kernel.doseRateCGyPerH(s, p);
        }
        return total;
    }
}
