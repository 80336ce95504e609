package org.seedplan.dose;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * The fast 3D engine: every seed's dose at every voxel, read from precomputed tables of r²·Ḋ over
 * (r, q) instead of evaluating {@link Tg43Kernel} (q = y/(y + |z|), a cheap monotone stand-in for θ;
 * bilinear).
 *
 * <p>Within {@value #EXACT_RADIUS_MM} mm of a seed centre the kernel itself is used; up to
 * {@value #NEAR_TABLE_END_MM} mm a table of {@value #NEAR_STEP_MM} mm × 1/{@value #ANGLE_STEPS}; beyond,
 * one of about {@value #FAR_STEP_MM} mm × 1/{@value #ANGLE_STEPS} whose last radius is where the
 * extrapolated g(r) reaches zero ({@link Tg43Kernel#zeroDoseFromMm()}), so that the dose is exactly zero
 * where the kernel's is. There is no coarse far-field grid: interpolating the far field on one (2.5 mm,
 * as this engine did before) cannot follow F(r, θ), which is bilinear between 5° or 10° nodes and steep
 * near the long axis, and erred up to 3.8 % for one isolated seed (docs/dose-engine.md). Measured
 * against {@link ReferenceDoseEngine}: within 0.5 % at every voxel farther than 1 mm from a seed centre,
 * for isolated oblique seeds of the 6711, 6702 and IAI-125A and random implants (FastDoseEngineTest).
 * Parallel over slices; voxels at or beyond the zero-dose distance are not visited. Point queries are
 * evaluated exactly. {@link #seedDoseRate} gives one seed's dose rate on the slab of slices it reaches,
 * the values a full computation adds for that seed (an edit changes the dose there only). {@link #cancelledWhen} gives the
 * engine a cancel, polled before each slice.
 */
public final class FastDoseEngine implements DoseEngine {

    static final double EXACT_RADIUS_MM = 3.0;
    static final double NEAR_TABLE_END_MM = 24.0;
    static final double NEAR_STEP_MM = 0.1;
    static final double FAR_STEP_MM = 1.0;
    static final int ANGLE_STEPS = 256;
    /** Where the tail table ends when g never reaches zero; the kernel is used beyond. */
    private static final double TAIL_LIMIT_MM = 320.0;

    private final Tg43Kernel kernel;
    private final Tg43Kernel.Table near;
    private final Tg43Kernel.Table far;
    private final Tg43Kernel.Table tail;
    private final double farEndMm;
    private final double tailEndMm;
    private final double zeroFromMm;
    private final BooleanSupplier cancelled;

    public FastDoseEngine(Tg43Kernel kernel) {
        this.kernel = kernel;
        int angles = kernel.model().usesAxis() ? ANGLE_STEPS : 0;
        // every table's nodes fall on the kinks of the piecewise-linear g and F at their ends: the last
        // g node (100 mm for all three seeds) and the radius where the extrapolated g reaches zero
        this.farEndMm = Math.max(kernel.radialFunctionEndMm(), NEAR_TABLE_END_MM + FAR_STEP_MM);
        this.zeroFromMm = kernel.zeroDoseFromMm();
        this.tailEndMm = Math.max(Math.min(zeroFromMm, TAIL_LIMIT_MM), farEndMm + FAR_STEP_MM);
        this.near = kernel.table(EXACT_RADIUS_MM, NEAR_TABLE_END_MM, NEAR_STEP_MM, angles);
        this.far = kernel.table(NEAR_TABLE_END_MM, farEndMm, fittedStep(NEAR_TABLE_END_MM, farEndMm), angles);
        this.tail = kernel.table(farEndMm, tailEndMm, fittedStep(farEndMm, tailEndMm), angles);
        this.cancelled = () -> false;
    }

    private FastDoseEngine(FastDoseEngine tables, BooleanSupplier cancelled) {
        this.kernel = tables.kernel;
        this.near = tables.near;
        this.far = tables.far;
        this.tail = tables.tail;
        this.farEndMm = tables.farEndMm;
        this.tailEndMm = tables.tailEndMm;
        this.zeroFromMm = tables.zeroFromMm;
        this.cancelled = cancelled;
    }

    /**
     * This engine (its tables shared) stopping its grid doses with a CancellationException, keeping nothing, once
     * {@code cancelled} says so: polled before each slice (no slice begins after a cancel) and once at the end, as the Monte
     * Carlo engine polls the same kind of hook ({@code MonteCarloDoseEngine.run}), so a cancel waits for at most the slices
     * under way, one per thread. Point queries are not polled.
     */
    public FastDoseEngine cancelledWhen(BooleanSupplier cancelled) {
        return new FastDoseEngine(this, cancelled);
    }

    /** A step of about FAR_STEP_MM that divides [from, to] into whole steps. */
    private static double fittedStep(double fromMm, double toMm) {
        return (toMm - fromMm) / Math.ceil((toMm - fromMm) / FAR_STEP_MM - 1e-9);
    }

    @Override
    public double[] doseRateCGyPerH(List<Seed> seeds, List<Vec3> pointsMm) {
        return new ReferenceDoseEngine(kernel).doseRateCGyPerH(seeds, pointsMm);
    }

    @Override
    public float[] doseRateCGyPerH(List<Seed> seeds, Grid grid) {
        // the rate and the dose made from it: about 8 bytes per voxel
        org.seedplan.geometry.MemoryBudget.require(grid, 8, "the dose grid");
        Seeds all = Seeds.of(seeds);
        float[] out = new float[grid.voxelCount()];
        slices(0, grid.nz(), k -> slice(all, grid, k, out, 0));
        return out;
    }

    /**
     * One seed's dose rate on the slices of {@code grid} nearer to it than the zero-dose distance (cGy/h):
     * slices {@code firstSlice} … {@code firstSlice + sliceCount − 1}, in grid order, at the start of
     * {@code rateCGyPerH} (which may be longer); every other voxel of the grid receives none of this seed's dose.
     */
    public record SlabRate(int firstSlice, int sliceCount, float[] rateCGyPerH) {
    }

    /**
     * The dose rate of {@code seed} alone where it is not zero: equal, value for value, to
     * {@code doseRateCGyPerH(List.of(seed), grid)}; written into {@code reuse} when it is long enough (an edit's
     * buffer no longer needed), else into a new array.
     */
    public SlabRate seedDoseRate(Seed seed, Grid grid, float[] reuse) {
        int first = Math.max(0, (int) Math.floor((seed.centreMm().z() - zeroFromMm - grid.originMm().z()) / grid.dzMm()) - 1);
        int end = Math.min(grid.nz(), (int) Math.ceil((seed.centreMm().z() + zeroFromMm - grid.originMm().z()) / grid.dzMm()) + 2);
        if (!Double.isFinite(zeroFromMm)) {
            first = 0;
            end = grid.nz();
        }
        if (end <= first) {
            return new SlabRate(0, 0, new float[0]);
        }
        int slice = grid.nx() * grid.ny();
        org.seedplan.geometry.MemoryBudget.require(grid, 4, "one seed's dose rate");
        Seeds one = Seeds.of(List.of(seed));
        int length = slice * (end - first);
        float[] out;
        if (reuse != null && reuse.length >= length) {
            out = reuse;
            java.util.Arrays.fill(out, 0, length, 0f);
        } else {
            out = new float[length];
        }
        int offset = first * slice;
        slices(first, end, k -> slice(one, grid, k, out, offset));
        return new SlabRate(first, end - first, out);
    }

    /**
     * Runs {@code slice} for slices {@code from} … {@code to − 1} in parallel, each only while no cancel was asked for; a cancel
     * then throws here, in the caller's thread (a worker's exception would reach the caller without its message).
     */
    private void slices(int from, int to, IntConsumer slice) {
        IntStream.range(from, to).parallel().forEach(k -> {
            if (!cancelled.getAsBoolean()) {
                slice.accept(k);
            }
        });
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("TG-43 dose cancelled");
        }
    }

    /** Seeds as parallel primitive arrays for the inner loops. */
    private record Seeds(double[] x, double[] y, double[] z, double[] ux, double[] uy, double[] uz, double[] skU) {
        static Seeds of(List<Seed> seeds) {
            int n = seeds.size();
            Seeds s = new Seeds(new double[n], new double[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
            for (int i = 0; i < n; i++) {
                Seed seed = seeds.get(i);
                s.x[i] = seed.centreMm().x();
                s.y[i] = seed.centreMm().y();
                s.z[i] = seed.centreMm().z();
                s.ux[i] = seed.axis().x();
                s.uy[i] = seed.axis().y();
                s.uz[i] = seed.axis().z();
                s.skU[i] = seed.skU();
            }
            return s;
        }

        int size() {
            return x.length;
        }
    }

    /**
     * Adds every seed's dose rate to the voxels of slice k ({@code out} starts at voxel {@code offset} of the
     * grid); rows and columns at or beyond the zero-dose distance are skipped.
     */
    private void slice(Seeds s, Grid g, int k, float[] out, int offset) {
        double z = g.z(k);
        int nx = g.nx();
        int ny = g.ny();
        double exact2 = EXACT_RADIUS_MM * EXACT_RADIUS_MM;
        double nearEnd2 = NEAR_TABLE_END_MM * NEAR_TABLE_END_MM;
        double farEnd2 = farEndMm * farEndMm;
        double tailEnd2 = tailEndMm * tailEndMm;
        double zero2 = zeroFromMm * zeroFromMm;
        for (int n = 0; n < s.size(); n++) {
            double dz = z - s.z()[n];
            if (dz * dz >= zero2) {
                continue;
            }
            double sk = s.skU()[n];
            int[] rows = reach(g.originMm().y(), g.dyMm(), ny, s.y()[n], zero2 - dz * dz);
            for (int j = rows[0]; j < rows[1]; j++) {
                double dy = g.y(j) - s.y()[n];
                int row = nx * (j + ny * k) - offset;
                double yz2 = dy * dy + dz * dz;
                if (yz2 >= zero2) {
                    continue;
                }
                double axialYz = dy * s.uy()[n] + dz * s.uz()[n];
                int[] columns = reach(g.originMm().x(), g.dxMm(), nx, s.x()[n], zero2 - yz2);
                for (int i = columns[0]; i < columns[1]; i++) {
                    double dx = g.x(i) - s.x()[n];
                    double r2 = dx * dx + yz2;
                    double axial = dx * s.ux()[n] + axialYz;
                    double v;
                    if (r2 < exact2) {
                        v = kernel.doseRatePerU(Math.sqrt(r2), axial);
                    } else if (r2 <= nearEnd2) {
                        v = near.doseRatePerU(Math.sqrt(r2), r2, axial);
                    } else if (r2 <= farEnd2) {
                        v = far.doseRatePerU(Math.sqrt(r2), r2, axial);
                    } else if (r2 < tailEnd2) {
                        v = tail.doseRatePerU(Math.sqrt(r2), r2, axial);
                    } else if (r2 < zero2) {
                        v = kernel.doseRatePerU(Math.sqrt(r2), axial);
                    } else {
                        continue;
                    }
                    out[row + i] += (float) (sk * v);
                }
            }
        }
    }

    /**
     * The index range [from, to) of the voxel centres origin + i·step (i &lt; n) whose distance from
     * {@code centreMm} along this axis may fall below √{@code reach2}: one voxel more on each side, so that
     * the exact test in the loop, not this bound, decides.
     */
    private static int[] reach(double originMm, double stepMm, int n, double centreMm, double reach2) {
        if (!Double.isFinite(reach2)) {
            return new int[] {0, n};
        }
        double half = Math.sqrt(reach2);
        int from = (int) Math.floor((centreMm - half - originMm) / stepMm) - 1;
        int to = (int) Math.ceil((centreMm + half - originMm) / stepMm) + 2;
        return new int[] {Math.max(0, from), Math.min(n, Math.max(0, to))};
    }
}
