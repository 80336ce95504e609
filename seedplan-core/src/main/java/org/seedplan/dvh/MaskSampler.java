package org.seedplan.dvh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Mask;
import org.seedplan.structure.VoxelCentroids;

/**
 * The volume elements of a mask, each with its volume (cc) and the way to read its dose from a
 * dose grid; built once per (mask, dose grid geometry) so that dose-volume metrics can be
 * recomputed quickly for many dose distributions (a planner's iterations).
 *
 * <p>Each voxel with a non-zero fraction is one sample of volume fraction × voxel volume. A fully
 * covered voxel is read at its centre; a partially covered one at the centre of its inside part
 * when the mask knows it ({@link VoxelCentroids}), otherwise at its centre. When the dose grid is
 * the mask's grid a centre is read directly; any other point is read by trilinear interpolation
 * of the dose at the dose grid's voxel centres (constant beyond the outermost centres, up to the
 * grid's outer boundary). A sample outside the dose grid is refused.
 */
public final class MaskSampler {

    private final String name;
    private final Grid doseGrid;
    private final double totalVolumeCc;
    /** Samples read directly: dose-grid index and volume. */
    private final int[] direct;
    private final double[] directCc;
    /** Samples interpolated: lowest corner, axis strides (0 on a one-voxel axis), weights towards the next corner, volume. */
    private final int[] base;
    private final int[] steps;
    private final float[] tx, ty, tz;
    private final double[] interpolatedCc;
    /** Volume of every sample, cc, direct ones first. */
    private final double[] volumes;

    private MaskSampler(String name, Grid doseGrid, int[] direct, double[] directCc, int[] base, int[] steps,
                        float[] tx, float[] ty, float[] tz, double[] interpolatedCc) {
        this.name = name;
        this.doseGrid = doseGrid;
        this.direct = direct;
        this.directCc = directCc;
        this.base = base;
        this.steps = steps;
        this.tx = tx;
        this.ty = ty;
        this.tz = tz;
        this.interpolatedCc = interpolatedCc;
        this.volumes = new double[direct.length + base.length];
        System.arraycopy(directCc, 0, volumes, 0, directCc.length);
        System.arraycopy(interpolatedCc, 0, volumes, directCc.length, interpolatedCc.length);
        double sum = 0;
        for (double v : volumes) {
            sum += v;
        }
        this.totalVolumeCc = sum;
    }

    /** The samples of {@code mask} for dose distributions on {@code doseGrid}. */
    public static MaskSampler of(Mask mask, Grid doseGrid) {
        Grid g = mask.grid();
        float[] f = mask.fraction();
        boolean sameGrid = g.equals(doseGrid);
        VoxelCentroids c = mask.centroids();
        int count = 0;
        int offCentre = 0;
        for (int n = 0; n < f.length; n++) {
            if (f[n] > 0) {
                count++;
            }
        }
        for (int at = 0; at < c.size(); at++) {
            if (f[c.index()[at]] > 0) {
                offCentre++;
            }
        }
        int directCount = sameGrid ? count - offCentre : 0;
        int[] direct = new int[directCount];
        double[] directCc = new double[directCount];
        int interp = count - directCount;
        int[] base = new int[interp];
        float[] tx = new float[interp], ty = new float[interp], tz = new float[interp];
        double[] interpolatedCc = new double[interp];
        int[] steps = {doseGrid.nx() > 1 ? 1 : 0, doseGrid.ny() > 1 ? doseGrid.nx() : 0,
                doseGrid.nz() > 1 ? doseGrid.nx() * doseGrid.ny() : 0};
        double voxelCc = g.voxelVolumeCc();
        int d = 0, s = 0, at = 0;
        double[] t = new double[3];
        for (int n = 0; n < f.length; n++) {
            if (!(f[n] > 0)) {
                continue;
            }
            while (at < c.size() && c.index()[at] < n) {
                at++;
            }
            boolean hasCentroid = at < c.size() && c.index()[at] == n;
            double volume = f[n] * voxelCc;
            if (sameGrid && !hasCentroid) {
                direct[d] = n;
                directCc[d++] = volume;
                continue;
            }
            int i = n % g.nx(), j = (n / g.nx()) % g.ny(), k = n / (g.nx() * g.ny());
            double x = g.x(i), y = g.y(j), z = g.z(k);
            if (hasCentroid) {
                x += c.dxMm()[at];
                y += c.dyMm()[at];
                z += c.dzMm()[at];
            }
            double u = (x - doseGrid.originMm().x()) / doseGrid.dxMm();
            double v = (y - doseGrid.originMm().y()) / doseGrid.dyMm();
            double w = (z - doseGrid.originMm().z()) / doseGrid.dzMm();
            if (outside(u, doseGrid.nx()) || outside(v, doseGrid.ny()) || outside(w, doseGrid.nz())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "structure '%s' has volume at (%.1f, %.1f, %.1f) mm, outside the dose grid (%s): compute the dose on a"
                                + " grid that covers every structure", mask.name(), x, y, z, doseGrid));
            }
            int b0 = lowerCorner(u, doseGrid.nx(), t, 0);
            int b1 = lowerCorner(v, doseGrid.ny(), t, 1);
            int b2 = lowerCorner(w, doseGrid.nz(), t, 2);
            base[s] = doseGrid.index(b0, b1, b2);
            tx[s] = (float) t[0];
            ty[s] = (float) t[1];
            tz[s] = (float) t[2];
            interpolatedCc[s++] = volume;
        }
        return new MaskSampler(mask.name(), doseGrid, direct, directCc, base, steps, tx, ty, tz, interpolatedCc);
    }

    /** Whether a continuous voxel index lies beyond the grid's outer boundary (half a voxel past the end centres). */
    private static boolean outside(double u, int n) {
        return u < -0.5 - 1e-6 || u > n - 0.5 + 1e-6;
    }

    /**
     * Lower interpolation corner along one axis for continuous voxel index u (clamped to the end
     * centres), with the weight towards the next corner in t[a].
     */
    private static int lowerCorner(double u, int n, double[] t, int a) {
        if (n == 1) {
            t[a] = 0;
            return 0;
        }
        u = Math.max(0, Math.min(n - 1, u));
        int lo = Math.min(n - 2, (int) Math.floor(u));
        t[a] = u - lo;
        return lo;
    }

    public String name() {
        return name;
    }

    public Grid doseGrid() {
        return doseGrid;
    }

    /** Number of samples (voxels with a non-zero fraction). */
    public int size() {
        return direct.length + base.length;
    }

    /** Volume of the mask, cc. */
    public double volumeCc() {
        return totalVolumeCc;
    }

    /** Volume of each sample, cc, in the order of {@link #doseGy}. */
    public double[] volumesCc() {
        return volumes.clone();
    }

    /**
     * Where each sample reads its dose, patient mm, in the order of {@link #doseGy}: a planner that
     * evaluates dose at these points itself builds the DVH with {@link Dvh#of(String, float[], double[])}
     * and {@link #volumesCc()}.
     */
    public List<Vec3> pointsMm() {
        List<Vec3> out = new ArrayList<>(size());
        for (int n : direct) {
            out.add(doseGrid.centre(n));
        }
        for (int s = 0; s < base.length; s++) {
            Vec3 corner = doseGrid.centre(base[s]);
            out.add(new Vec3(corner.x() + (steps[0] == 0 ? 0 : tx[s] * doseGrid.dxMm()),
                    corner.y() + (steps[1] == 0 ? 0 : ty[s] * doseGrid.dyMm()),
                    corner.z() + (steps[2] == 0 ? 0 : tz[s] * doseGrid.dzMm())));
        }
        return out;
    }

    /** Dose of each sample, Gy, read from {@code dose} (which must lie on this sampler's dose grid). */
    public float[] doseGy(DoseGrid dose) {
        if (!dose.grid().equals(doseGrid)) {
            throw new IllegalArgumentException("dose for '" + name + "' is on grid " + dose.grid() + " but its samples were prepared for "
                    + doseGrid + ": build the sampler for the dose grid in use");
        }
        float[] dg = dose.doseGy();
        float[] out = new float[size()];
        for (int s = 0; s < direct.length; s++) {
            out[s] = dg[direct[s]];
        }
        int sx = steps[0], sy = steps[1], sz = steps[2];
        for (int s = 0, o = direct.length; s < base.length; s++, o++) {
            int b = base[s];
            float a = tx[s], c = ty[s], e = tz[s];
            float d00 = dg[b] + a * (dg[b + sx] - dg[b]);
            float d10 = dg[b + sy] + a * (dg[b + sy + sx] - dg[b + sy]);
            float d01 = dg[b + sz] + a * (dg[b + sz + sx] - dg[b + sz]);
            float d11 = dg[b + sz + sy] + a * (dg[b + sz + sy + sx] - dg[b + sz + sy]);
            float d0 = d00 + c * (d10 - d00);
            float d1 = d01 + c * (d11 - d01);
            out[o] = d0 + e * (d1 - d0);
        }
        return out;
    }

    /** The dose-volume histogram of the mask under {@code dose}. */
    public Dvh dvh(DoseGrid dose) {
        return Dvh.of(name, doseGy(dose), volumes);
    }
}
