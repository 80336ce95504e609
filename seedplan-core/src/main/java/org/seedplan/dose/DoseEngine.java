package org.seedplan.dose;

import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Computes the TG-43 dose of a set of seeds. Implementations are stateless and thread-safe;
 * any parallelism lives inside them.
 */
public interface DoseEngine {

    /** Initial dose rate Ḋ₀ in cGy/h at every voxel centre of the grid (grid order). */
    float[] doseRateCGyPerH(List<Seed> seeds, Grid grid);

    /** Initial dose rate Ḋ₀ in cGy/h at each point. */
    double[] doseRateCGyPerH(List<Seed> seeds, List<Vec3> pointsMm);

    /** Dose in Gy on the grid, integrated over the decay window {@code time} (total dose of a permanent implant by default). */
    default DoseGrid dose(List<Seed> seeds, Grid grid, DecayIntegral time) {
        float[] rate = doseRateCGyPerH(seeds, grid);
        float factor = (float) time.gyPerCGyPerH();
        for (int n = 0; n < rate.length; n++) {
            rate[n] *= factor;
        }
        return new DoseGrid(grid, rate);
    }
}
