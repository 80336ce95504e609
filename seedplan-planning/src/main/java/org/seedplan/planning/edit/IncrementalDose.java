package org.seedplan.planning.edit;

import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseEngine;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;

/**
 * A plan's 3D dose held in memory while it is edited: a seed added, removed or moved changes the dose
 * by that seed's own dose alone (old seed subtracted, new one added), evaluated by the same engine,
 * source data and decay integral as a full computation. The sum is kept in double precision, so that
 * any number of edits stays within rounding of a fresh computation (which sums in single precision).
 * The dose of the seed added last is kept, so that each further step of a drag evaluates one seed, not two.
 * Not thread-safe.
 */
public final class IncrementalDose {

    private final DoseEngine engine;
    private final Grid grid;
    private final double gyPerCGyPerH;
    private final double[] doseGy;
    /** The dose rate of the seed added last (cGy/h per voxel): a drag moves that seed again, and its subtraction reuses it. */
    private Seed lastAdded;
    private float[] lastAddedRate;

    /** The dose of {@code seeds} on {@code grid}, integrated over {@code decay}. */
    public IncrementalDose(DoseEngine engine, Grid grid, DecayIntegral decay, List<Seed> seeds) {
        this.engine = engine;
        this.grid = grid;
        this.gyPerCGyPerH = decay.gyPerCGyPerH();
        this.doseGy = new double[grid.voxelCount()];
        if (!seeds.isEmpty()) {
            float[] rate = engine.doseRateCGyPerH(seeds, grid);
            IntStream.range(0, rate.length).parallel().forEach(n -> doseGy[n] = rate[n] * gyPerCGyPerH);
        }
    }

    public Grid grid() {
        return grid;
    }

    /** Adds one seed's dose. */
    public void add(Seed seed) {
        change(null, seed);
    }

    /** Subtracts one seed's dose. */
    public void remove(Seed seed) {
        change(seed, null);
    }

    /** Replaces the dose of seed {@code from} by that of seed {@code to}. */
    public void move(Seed from, Seed to) {
        change(from, to);
    }

    private void change(Seed removed, Seed added) {
        float[] minus = removed == null ? null : removed.equals(lastAdded) ? lastAddedRate : engine.doseRateCGyPerH(List.of(removed), grid);
        float[] plus = added == null ? null : engine.doseRateCGyPerH(List.of(added), grid);
        lastAdded = added;
        lastAddedRate = plus;
        double f = gyPerCGyPerH;
        int slice = grid.nx() * grid.ny();
        IntStream.range(0, grid.nz()).parallel().forEach(k -> {
            for (int n = k * slice, end = n + slice; n < end; n++) {
                double d = 0;
                if (plus != null) {
                    d += plus[n];
                }
                if (minus != null) {
                    d -= minus[n];
                }
                doseGy[n] += d * f;
            }
        });
    }

    /** Dose at voxel {@code index}, Gy. */
    public double doseGy(int index) {
        return doseGy[index];
    }

    /**
     * The dose as a dose grid (single precision, as the DVH and metrics read it); the rounding residue of
     * subtracted seeds (|d| ≪ 1 µGy where no seed remains) is set to 0.
     */
    public DoseGrid toDoseGrid() {
        float[] out = new float[doseGy.length];
        int slice = grid.nx() * grid.ny();
        IntStream.range(0, grid.nz()).parallel().forEach(k -> {
            for (int n = k * slice, end = n + slice; n < end; n++) {
                out[n] = (float) Math.max(0, doseGy[n]);
            }
        });
        return new DoseGrid(grid, out);
    }
}
