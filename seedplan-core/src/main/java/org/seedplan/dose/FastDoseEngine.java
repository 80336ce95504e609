package org.seedplan.dose;

import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * The fast 3D engine: each seed's kernel is split smoothly into a near part, summed exactly on the
 * fine grid, and a far part, which is smooth and is summed on a coarse grid and brought to the fine
 * grid by separable cubic (Catmull–Rom) interpolation.
 *
 * <p>With w(r) = 1 below {@value #BLEND_START_MM} mm, 0 beyond {@value #BLEND_END_MM} mm and a C²
 * quintic step between, the dose of a seed is Ḋ·w + Ḋ·(1 − w). The near part is evaluated per voxel
 * within {@value #BLEND_END_MM} mm: by {@link Tg43Kernel} itself within {@value #EXACT_RADIUS_MM} mm
 * of the centre, from a precomputed table of r²·Ḋ over (r, q) beyond (q = y/(y + |z|), a cheap
 * monotone stand-in for θ; bilinear). The far part has no singularity and varies on the scale of
 * its distance to the seed, so a {@value #COARSE_SPACING_MM} mm grid carries it. The result stays
 * within 0.5 % of {@link ReferenceDoseEngine} at every voxel farther than 1 mm from a seed centre
 * (FastDoseEngineTest). Point queries are evaluated exactly.
 */
public final class FastDoseEngine implements DoseEngine {

    static final double EXACT_RADIUS_MM = 3.0;
    static final double BLEND_START_MM = 10.0;
    static final double BLEND_END_MM = 24.0;
    static final double COARSE_SPACING_MM = 2.5;
    private static final double NEAR_STEP_MM = 0.1;
    private static final double FAR_STEP_MM = 1.0;
    private static final double FAR_TABLE_END_MM = 320.0;
    private static final int ANGLE_STEPS = 256;

    private final Tg43Kernel kernel;
    private final Tg43Kernel.Table near;
    private final Tg43Kernel.Table far;

    public FastDoseEngine(Tg43Kernel kernel) {
        this.kernel = kernel;
        int angles = kernel.model().usesAxis() ? ANGLE_STEPS : 0;
        this.near = kernel.table(EXACT_RADIUS_MM, BLEND_END_MM, NEAR_STEP_MM, angles);
        this.far = kernel.table(BLEND_START_MM, FAR_TABLE_END_MM, FAR_STEP_MM, angles);
    }

    @Override
    public double[] doseRateCGyPerH(List<Seed> seeds, List<Vec3> pointsMm) {
        return new ReferenceDoseEngine(kernel).doseRateCGyPerH(seeds, pointsMm);
    }

    @Override
    public float[] doseRateCGyPerH(List<Seed> seeds, Grid grid) {
        // the rate and the dose made from it, plus the far-field interpolation: about 12 bytes per voxel
        org.seedplan.geometry.MemoryBudget.require(grid, 12, "the dose grid");
        Seeds all = Seeds.of(seeds);
        // the coarse far field pays off when it has far fewer points than the fine grid
        long coarsePoints = (long) Axis.coarseCount(grid.nx(), grid.dxMm()) * Axis.coarseCount(grid.ny(), grid.dyMm())
                * Axis.coarseCount(grid.nz(), grid.dzMm());
        boolean coarseHelps = grid.voxelCount() > coarsePoints;
        float[] out = new float[grid.voxelCount()];
        double nearReach = coarseHelps ? BLEND_END_MM : Double.POSITIVE_INFINITY;
        IntStream.range(0, grid.nz()).parallel().forEach(k -> nearSlice(all, grid, k, nearReach, coarseHelps, out));
        if (coarseHelps) {
            addFarField(all, grid, out);
        }
        return out;
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

    /** Adds, for one slice, every seed's dose (times w(r) when the far part is done on the coarse grid). */
    private void nearSlice(Seeds s, Grid g, int k, double reach, boolean blend, float[] out) {
        double z = g.z(k);
        int nx = g.nx();
        int ny = g.ny();
        for (int n = 0; n < s.size(); n++) {
            double dz = z - s.z()[n];
            double rest = reach * reach - dz * dz;
            if (rest < 0) {
                continue;
            }
            double ry = Math.sqrt(rest);
            int j0 = Math.max(0, (int) Math.ceil((s.y()[n] - ry - g.y(0)) / g.dyMm()));
            int j1 = Math.min(ny - 1, (int) Math.floor((s.y()[n] + ry - g.y(0)) / g.dyMm()));
            for (int j = j0; j <= j1; j++) {
                double dy = g.y(j) - s.y()[n];
                double restX = rest - dy * dy;
                if (restX < 0) {
                    continue;
                }
                double rx = Math.sqrt(restX);
                int i0 = Math.max(0, (int) Math.ceil((s.x()[n] - rx - g.x(0)) / g.dxMm()));
                int i1 = Math.min(nx - 1, (int) Math.floor((s.x()[n] + rx - g.x(0)) / g.dxMm()));
                int row = nx * (j + ny * k);
                double yz2 = dy * dy + dz * dz;
                double axialYz = dy * s.uy()[n] + dz * s.uz()[n];
                for (int i = i0; i <= i1; i++) {
                    double dx = g.x(i) - s.x()[n];
                    double r2 = dx * dx + yz2;
                    double axial = dx * s.ux()[n] + axialYz;
                    double v;
                    if (r2 < EXACT_RADIUS_MM * EXACT_RADIUS_MM) {
                        v = kernel.doseRatePerU(Math.sqrt(r2), axial);
                    } else {
                        double r = Math.sqrt(r2);
                        if (r <= BLEND_END_MM) {
                            v = near.doseRatePerU(r, r2, axial);
                        } else {
                            v = r < FAR_TABLE_END_MM ? far.doseRatePerU(r, r2, axial) : kernel.doseRatePerU(r, axial);
                        }
                        if (blend && r > BLEND_START_MM) {
                            v *= 1 - step(r);
                        }
                    }
                    out[row + i] += (float) (s.skU()[n] * v);
                }
            }
        }
    }

    /** Sums the far parts Ḋ·(1 − w) on a coarse grid and adds them to {@code out} by cubic interpolation. */
    private void addFarField(Seeds s, Grid g, float[] out) {
        Axis ax = new Axis(g.x(0), g.dxMm(), g.nx());
        Axis ay = new Axis(g.y(0), g.dyMm(), g.ny());
        Axis az = new Axis(g.z(0), g.dzMm(), g.nz());
        int cx = ax.coarseCount;
        int cy = ay.coarseCount;
        int cz = az.coarseCount;
        float[] coarse = new float[cx * cy * cz];
        IntStream.range(0, cz).parallel().forEach(kc -> {
            double z = az.coarseOrigin + kc * COARSE_SPACING_MM;
            for (int jc = 0; jc < cy; jc++) {
                double y = ay.coarseOrigin + jc * COARSE_SPACING_MM;
                for (int ic = 0; ic < cx; ic++) {
                    double x = ax.coarseOrigin + ic * COARSE_SPACING_MM;
                    double sum = 0;
                    for (int n = 0; n < s.size(); n++) {
                        double dx = x - s.x()[n];
                        double dy = y - s.y()[n];
                        double dz = z - s.z()[n];
                        double r2 = dx * dx + dy * dy + dz * dz;
                        if (r2 <= BLEND_START_MM * BLEND_START_MM) {
                            continue;
                        }
                        double r = Math.sqrt(r2);
                        double axial = dx * s.ux()[n] + dy * s.uy()[n] + dz * s.uz()[n];
                        double v = r < FAR_TABLE_END_MM ? far.doseRatePerU(r, r2, axial) : kernel.doseRatePerU(r, axial);
                        if (r < BLEND_END_MM) {
                            v *= step(r);
                        }
                        sum += s.skU()[n] * v;
                    }
                    coarse[ic + cx * (jc + cy * kc)] = (float) sum;
                }
            }
        });
        // separable interpolation: x, then y, then z
        int nx = g.nx();
        int ny = g.ny();
        float[] alongX = new float[nx * cy * cz];
        IntStream.range(0, cz).parallel().forEach(kc -> {
            for (int jc = 0; jc < cy; jc++) {
                int src = cx * (jc + cy * kc);
                int dst = nx * (jc + cy * kc);
                for (int i = 0; i < nx; i++) {
                    alongX[dst + i] = ax.interpolate(coarse, src, 1, i);
                }
            }
        });
        float[] alongY = new float[nx * ny * cz];
        IntStream.range(0, cz).parallel().forEach(kc -> {
            for (int j = 0; j < ny; j++) {
                int base = ay.first[j];
                float w0 = ay.w[4 * j];
                float w1 = ay.w[4 * j + 1];
                float w2 = ay.w[4 * j + 2];
                float w3 = ay.w[4 * j + 3];
                int r0 = nx * (base + cy * kc);
                int dst = nx * (j + ny * kc);
                for (int i = 0; i < nx; i++) {
                    alongY[dst + i] = w0 * alongX[r0 + i] + w1 * alongX[r0 + nx + i] + w2 * alongX[r0 + 2 * nx + i]
                            + w3 * alongX[r0 + 3 * nx + i];
                }
            }
        });
        int plane = nx * ny;
        IntStream.range(0, g.nz()).parallel().forEach(k -> {
            int base = az.first[k];
            float w0 = az.w[4 * k];
            float w1 = az.w[4 * k + 1];
            float w2 = az.w[4 * k + 2];
            float w3 = az.w[4 * k + 3];
            int p0 = plane * base;
            int dst = plane * k;
            for (int n = 0; n < plane; n++) {
                float farPart = w0 * alongY[p0 + n] + w1 * alongY[p0 + plane + n] + w2 * alongY[p0 + 2 * plane + n]
                        + w3 * alongY[p0 + 3 * plane + n];
                // cubic interpolation may undershoot where g(r) is clamped to zero; dose is never negative
                out[dst + n] += Math.max(farPart, 0f);
            }
        });
    }

    /** 1 − w(r): the C² quintic step 6t⁵ − 15t⁴ + 10t³ from BLEND_START (0) to BLEND_END (1). */
    private static double step(double r) {
        double t = (r - BLEND_START_MM) / (BLEND_END_MM - BLEND_START_MM);
        return t * t * t * (t * (6 * t - 15) + 10);
    }

    /** One axis of the coarse grid and the Catmull–Rom weights that bring it to the fine grid. */
    private static final class Axis {
        final double coarseOrigin;
        final int coarseCount;
        final int[] first;
        final float[] w;

        Axis(double fineOrigin, double fineSpacing, int fineCount) {
            coarseOrigin = fineOrigin - COARSE_SPACING_MM;
            coarseCount = coarseCount(fineCount, fineSpacing);
            first = new int[fineCount];
            w = new float[4 * fineCount];
            for (int i = 0; i < fineCount; i++) {
                // position in coarse steps; coarseOrigin = fineOrigin − one coarse step, written out so that
                // rounding cannot put the first fine voxel before coarse point 1 (index −1 for some origins)
                double u = 1 + i * fineSpacing / COARSE_SPACING_MM;
                int i0 = (int) Math.floor(u);
                double t = u - i0;
                first[i] = i0 - 1;
                double t2 = t * t;
                double t3 = t2 * t;
                w[4 * i] = (float) (-0.5 * t3 + t2 - 0.5 * t);
                w[4 * i + 1] = (float) (1.5 * t3 - 2.5 * t2 + 1);
                w[4 * i + 2] = (float) (-1.5 * t3 + 2 * t2 + 0.5 * t);
                w[4 * i + 3] = (float) (0.5 * t3 - 0.5 * t2);
            }
        }

        static int coarseCount(int fineCount, double fineSpacing) {
            return (int) Math.ceil((fineCount - 1) * fineSpacing / COARSE_SPACING_MM) + 4;
        }

        float interpolate(float[] values, int offset, int stride, int i) {
            int b = offset + first[i] * stride;
            return w[4 * i] * values[b] + w[4 * i + 1] * values[b + stride] + w[4 * i + 2] * values[b + 2 * stride]
                    + w[4 * i + 3] * values[b + 3 * stride];
        }
    }
}
