package org.seedplan.dicom.consistency;

import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Resamples a CT volume into another Frame of Reference through a rigid matrix (moving → fixed):
 * the new axial grid, with the original spacing, covers the transformed voxel centres; each of its
 * voxels takes the trilinear interpolation of the original at M⁻¹·p, and air (−1000 HU) outside it.
 * The original's Slice Thickness is kept: registrations between one patient's CTs turn by a few degrees, so the new
 * slices' profile is the scanner's, a little widened by the interpolation (dropping it would make the seed finder take
 * the slice spacing for the profile's width and report the thickness as not recorded).
 */
public final class FrameResampler {

    /** HU given to voxels outside the original scan. */
    public static final float AIR_HU = -1000f;

    private FrameResampler() {
    }

    public static Volume resample(Volume moving, double[] movingToFixed) {
        Grid g = moving.grid();
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int c = 0; c < 8; c++) {
            Vec3 p = RigidRegistration.applyToPoint(movingToFixed, g.centre((c & 1) == 0 ? 0 : g.nx() - 1,
                    (c & 2) == 0 ? 0 : g.ny() - 1, (c & 4) == 0 ? 0 : g.nz() - 1));
            double[] v = {p.x(), p.y(), p.z()};
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], v[a]);
                hi[a] = Math.max(hi[a], v[a]);
            }
        }
        Grid out = Grid.covering(new Vec3(lo[0], lo[1], lo[2]), new Vec3(hi[0], hi[1], hi[2]), g.dxMm(), g.dyMm(), g.dzMm());
        double[] back = RigidRegistration.inverse(movingToFixed);
        float[] hu = new float[out.voxelCount()];
        IntStream.range(0, out.nz()).parallel().forEach(k -> {
            for (int j = 0; j < out.ny(); j++) {
                for (int i = 0; i < out.nx(); i++) {
                    Vec3 q = RigidRegistration.applyToPoint(back, out.centre(i, j, k));
                    hu[out.index(i, j, k)] = trilinear(moving, (q.x() - g.x(0)) / g.dxMm(), (q.y() - g.y(0)) / g.dyMm(),
                            (q.z() - g.z(0)) / g.dzMm());
                }
            }
        });
        return new Volume(out, hu, moving.sliceThicknessMm());
    }

    /** Trilinear interpolation at fractional voxel indices; air outside the outermost voxel centres (half a voxel of slack). */
    static float trilinear(Volume v, double fi, double fj, double fk) {
        Grid g = v.grid();
        if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > g.nx() - 0.5 || fj > g.ny() - 0.5 || fk > g.nz() - 0.5) {
            return AIR_HU;
        }
        fi = clamp(fi, g.nx());
        fj = clamp(fj, g.ny());
        fk = clamp(fk, g.nz());
        int i0 = Math.min((int) Math.floor(fi), Math.max(0, g.nx() - 2));
        int j0 = Math.min((int) Math.floor(fj), Math.max(0, g.ny() - 2));
        int k0 = Math.min((int) Math.floor(fk), Math.max(0, g.nz() - 2));
        int i1 = Math.min(i0 + 1, g.nx() - 1);
        int j1 = Math.min(j0 + 1, g.ny() - 1);
        int k1 = Math.min(k0 + 1, g.nz() - 1);
        double ti = fi - i0;
        double tj = fj - j0;
        double tk = fk - k0;
        double c00 = lerp(v.at(i0, j0, k0), v.at(i1, j0, k0), ti);
        double c10 = lerp(v.at(i0, j1, k0), v.at(i1, j1, k0), ti);
        double c01 = lerp(v.at(i0, j0, k1), v.at(i1, j0, k1), ti);
        double c11 = lerp(v.at(i0, j1, k1), v.at(i1, j1, k1), ti);
        return (float) lerp(lerp(c00, c10, tj), lerp(c01, c11, tj), tk);
    }

    private static double clamp(double f, int n) {
        return Math.max(0, Math.min(n - 1, f));
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
