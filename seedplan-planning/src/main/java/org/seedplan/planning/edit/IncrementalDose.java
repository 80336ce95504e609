package org.seedplan.planning.edit;

import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;

/**
 * A plan's 3D dose held in memory while it is edited: a seed added, removed or moved changes the dose
 * by that seed's own dose alone (old seed subtracted, new one added), evaluated by the same engine,
 * source data and decay integral as a full computation, and only on the slices within the seed's
 * zero-dose distance ({@link FastDoseEngine#seedDoseRate}). The sum is kept in double precision, so that
 * any number of edits stays within rounding of a fresh computation (which sums in single precision);
 * the single-precision copy the DVHs read is updated in the same pass. The dose of the seed added last
 * is kept, so that each further step of a drag evaluates one seed, not two. Not thread-safe.
 */
public final class IncrementalDose {

    private final FastDoseEngine engine;
    private final Grid grid;
    private final double gyPerCGyPerH;
    private final double[] doseGy;
    /** The dose as the DVHs read it: max(0, doseGy) in single precision; replaced, not changed, once handed out. */
    private float[] floatGy;
    private boolean floatShared;
    /** The dose rate of the seed added last: a drag moves that seed again, and its subtraction reuses it. */
    private Seed lastAdded;
    private FastDoseEngine.SlabRate lastAddedRate;
    /** A rate buffer no longer needed, for the next seed's rate (saves allocating megabytes per drag step). */
    private float[] spare;

    /**
     * The dose of {@code seeds} on {@code grid}, integrated over {@code decay}: each seed's rate (the values a full
     * computation adds for it) summed in double precision, so the result does not depend on the order of the seeds.
     */
    public IncrementalDose(FastDoseEngine engine, Grid grid, DecayIntegral decay, List<Seed> seeds) {
        this.engine = engine;
        this.grid = grid;
        this.gyPerCGyPerH = decay.gyPerCGyPerH();
        this.doseGy = new double[grid.voxelCount()];
        this.floatGy = new float[grid.voxelCount()];
        int slice = grid.nx() * grid.ny();
        float[] buffer = null;
        for (Seed seed : seeds) {
            FastDoseEngine.SlabRate rate = engine.seedDoseRate(seed, grid, buffer);
            float[] r = rate.rateCGyPerH();
            buffer = r;
            int offset = rate.firstSlice() * slice;
            IntStream.range(0, rate.sliceCount()).parallel().forEach(k -> {
                for (int i = k * slice, end = i + slice; i < end; i++) {
                    doseGy[offset + i] += r[i] * gyPerCGyPerH;
                }
            });
        }
        IntStream.range(0, doseGy.length).parallel().forEach(n -> floatGy[n] = (float) Math.max(0, doseGy[n]));
    }

    /**
     * Continues from a planner's dose: {@code computed} as the DVHs read it and {@code exactGy}, the same dose in double
     * precision (copied; neither is changed).
     */
    public IncrementalDose(FastDoseEngine engine, DoseGrid computed, double[] exactGy, DecayIntegral decay) {
        if (exactGy.length != computed.doseGy().length) {
            throw new IllegalArgumentException("the double-precision dose has " + exactGy.length + " voxels, the grid " + computed.doseGy().length);
        }
        this.engine = engine;
        this.grid = computed.grid();
        this.gyPerCGyPerH = decay.gyPerCGyPerH();
        this.floatGy = computed.doseGy();
        this.floatShared = true;
        this.doseGy = exactGy.clone();
    }

    /**
     * Continues from {@code computed}, the dose a full computation by {@code engine} over {@code decay} gave (a
     * planner's evaluation): nothing is recomputed, and {@code computed} itself is never changed.
     */
    public IncrementalDose(FastDoseEngine engine, DoseGrid computed, DecayIntegral decay) {
        this.engine = engine;
        this.grid = computed.grid();
        this.gyPerCGyPerH = decay.gyPerCGyPerH();
        this.floatGy = computed.doseGy();
        this.floatShared = true;
        this.doseGy = new double[floatGy.length];
        IntStream.range(0, floatGy.length).parallel().forEach(n -> doseGy[n] = floatGy[n]);
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
        boolean reused = removed != null && removed.equals(lastAdded);
        if (!reused && lastAddedRate != null) {
            spare = lastAddedRate.rateCGyPerH();
        }
        FastDoseEngine.SlabRate minus = removed == null ? null : reused ? lastAddedRate : engine.seedDoseRate(removed, grid, null);
        FastDoseEngine.SlabRate plus = added == null ? null : engine.seedDoseRate(added, grid, spare);
        if (plus != null && plus.rateCGyPerH() == spare) {
            spare = null;
        }
        if (floatShared) {
            floatGy = floatGy.clone();
            floatShared = false;
        }
        int from = Math.min(first(minus), first(plus));
        int to = Math.max(end(minus), end(plus));
        int slice = grid.nx() * grid.ny();
        double f = gyPerCGyPerH;
        IntStream.range(from, to).parallel().forEach(k -> {
            float[] m = slab(minus, k);
            float[] p = slab(plus, k);
            int mAt = m == null ? 0 : (k - minus.firstSlice()) * slice;
            int pAt = p == null ? 0 : (k - plus.firstSlice()) * slice;
            for (int n = k * slice, end = n + slice, i = 0; n < end; n++, i++) {
                double d = 0;
                if (p != null) {
                    d += p[pAt + i];
                }
                if (m != null) {
                    d -= m[mAt + i];
                }
                double sum = doseGy[n] + d * f;
                doseGy[n] = sum;
                floatGy[n] = (float) Math.max(0, sum);
            }
        });
        if (minus != null) {
            spare = minus.rateCGyPerH();
        }
        lastAdded = added;
        lastAddedRate = plus;
    }

    private static int first(FastDoseEngine.SlabRate s) {
        return s == null || s.sliceCount() == 0 ? Integer.MAX_VALUE : s.firstSlice();
    }

    private static int end(FastDoseEngine.SlabRate s) {
        return s == null || s.sliceCount() == 0 ? Integer.MIN_VALUE : s.firstSlice() + s.sliceCount();
    }

    /** The slab's rate array when it holds slice k, else null. */
    private static float[] slab(FastDoseEngine.SlabRate s, int k) {
        return s != null && k >= s.firstSlice() && k < s.firstSlice() + s.sliceCount() ? s.rateCGyPerH() : null;
    }

    /** A copy of the dose in double precision, Gy, grid order. */
    public double[] doseGyCopy() {
        return doseGy.clone();
    }

    /** Dose at voxel {@code index}, Gy. */
    public double doseGy(int index) {
        return doseGy[index];
    }

    /**
     * The dose as a dose grid (single precision, as the DVH and metrics read it); the rounding residue of
     * subtracted seeds (|d| ≪ 1 µGy where no seed remains) is set to 0. Later edits leave it unchanged.
     */
    public DoseGrid toDoseGrid() {
        floatShared = true;
        return new DoseGrid(grid, floatGy);
    }
}
