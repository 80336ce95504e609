package org.seedplan.dose.tissue;

import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Volume;

/**
 * The tissue class of every CT voxel of a box of the CT, with soft tissue and liver told apart so that image noise cannot
 * split one tissue into both. TG-186 (Beaulieu et al., Med Phys 39:6208, 2012, §IV.C) warns that soft tissues of similar
 * density cannot be told apart by CT number; the 55 HU boundary between the soft-tissue class (−50 to 55 HU) and the liver
 * class (55 to 190 HU) lies inside the noise of a CT (σ 10–30 HU per voxel), so a homogeneous tissue whose mean lies within
 * a few HU of it would come out half of each, voxel by voxel.
 *
 * <p><b>Rule.</b> Every voxel is classed by its own density ({@link TissueClass#of}); a voxel so classed as soft tissue or
 * liver is then classed again, between these two only, by the <b>median</b> of the soft-tissue and liver voxels among its
 * {@value #WINDOW_XY} × {@value #WINDOW_XY} × {@value #WINDOW_Z} CT neighbours (in-plane × slices; itself included; air, lung,
 * adipose, bone and metal voxels left out): the median lies below the boundary exactly when most of those voxels are soft
 * tissue by their own density, so the rule is a majority vote of the neighbourhood's own classes (a tie keeps the voxel's
 * own), counted with box sums in time linear in the voxels.
 *
 * <p><b>Why 363 voxels.</b> A tissue 5 HU below the boundary with σ = 30 HU per voxel has 57 % of its voxels on its side;
 * the share over 363 voxels has a standard deviation of 2.6 points, so the vote goes the other way for 0.5 % of voxels
 * (0.006 % at σ = 20 HU, where each voxel's own class is wrong for 40 %); 9 × 9 × 3 voxels would flip 1.9 % at σ = 30 HU.
 * A median, unlike a mean, does not move a sharp edge between two tissues: a voxel keeps its side's class while most of its
 * neighbourhood lies on that side — a mean over 9 × 9 × 3 voxels took the demo's 25 HU lesion about 3 mm into the 60 HU
 * liver around it. With noise the edge still moves a little towards the tissue nearer the boundary (about 1.5 mm into the
 * liver beside the demo's lesion, 2 mm between muscle at 40 HU and liver at 60 HU at σ = 20 HU), and a soft-tissue or liver
 * region thinner than half the window takes its neighbourhood's class — the CT cannot tell those tissues apart there
 * anyway; contour the organ to decide it (TG-186 §IV.C). Edges between classes the CT does tell apart stay where the CT puts
 * them: the class of air, lung, adipose, bone and metal voxels is never changed and those voxels never vote.
 */
final class CtClassMap {

    /** In-plane width of the neighbourhood, CT voxels (odd). */
    static final int WINDOW_XY = 11;
    /** Slices of the neighbourhood (odd). */
    static final int WINDOW_Z = 3;

    private final int i0;
    private final int j0;
    private final int k0;
    private final int nx;
    private final int ny;
    private final byte[] classes;

    private CtClassMap(int i0, int j0, int k0, int nx, int ny, byte[] classes) {
        this.i0 = i0;
        this.j0 = j0;
        this.k0 = k0;
        this.nx = nx;
        this.ny = ny;
        this.classes = classes;
    }

    /**
     * The classes of the CT voxels with indices {@code [i0, i1] × [j0, j1] × [k0, k1]} (inclusive; the neighbourhoods reach
     * beyond that box into the rest of the CT).
     */
    static CtClassMap of(Volume ct, HuDensityCurve curve, int i0, int i1, int j0, int j1, int k0, int k1) {
        Grid g = ct.grid();
        int hx = WINDOW_XY / 2;
        int hz = WINDOW_Z / 2;
        // the box with the neighbourhoods' reach, clipped to the CT
        int a0 = Math.max(0, i0 - hx);
        int a1 = Math.min(g.nx() - 1, i1 + hx);
        int b0 = Math.max(0, j0 - hx);
        int b1 = Math.min(g.ny() - 1, j1 + hx);
        int c0 = Math.max(0, k0 - hz);
        int c1 = Math.min(g.nz() - 1, k1 + hz);
        int mx = a1 - a0 + 1;
        int my = b1 - b0 + 1;
        int mz = c1 - c0 + 1;
        byte[] raw = new byte[mx * my * mz];
        float[] softVotes = new float[raw.length];
        float[] voters = new float[raw.length];
        IntStream.range(0, mz).parallel().forEach(c -> {
            for (int b = 0; b < my; b++) {
                int src = g.index(a0, b0 + b, c0 + c);
                int dst = mx * (b + my * c);
                for (int a = 0; a < mx; a++) {
                    double hu = ct.hu()[src + a];
                    double rho = curve.densityGPerCm3(hu);
                    TissueClass t = TissueClass.of(hu, rho);
                    raw[dst + a] = (byte) t.ordinal();
                    if (softOrLiver(t)) {
                        softVotes[dst + a] = t == TissueClass.SOFT_TISSUE ? 1 : 0;
                        voters[dst + a] = 1;
                    }
                }
            }
        });
        boxSum(softVotes, mx, my, mz, hx, hx, hz);
        boxSum(voters, mx, my, mz, hx, hx, hz);
        int nx = i1 - i0 + 1;
        int ny = j1 - j0 + 1;
        int nz = k1 - k0 + 1;
        byte[] classes = new byte[nx * ny * nz];
        IntStream.range(0, nz).parallel().forEach(k -> {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int v = (i0 + i - a0) + mx * ((j0 + j - b0) + my * (k0 + k - c0));
                    byte c = raw[v];
                    float twiceSoft = 2 * softVotes[v];
                    if (softOrLiver(TissueClass.values()[c]) && twiceSoft != voters[v]) {
                        c = (byte) (twiceSoft > voters[v] ? TissueClass.SOFT_TISSUE : TissueClass.LIVER).ordinal();
                    }
                    classes[i + nx * (j + ny * k)] = c;
                }
            }
        });
        return new CtClassMap(i0, j0, k0, nx, ny, classes);
    }

    /** The class of CT voxel (i, j, k), which must lie in the box the map was made for. */
    TissueClass at(int i, int j, int k) {
        return TissueClass.values()[classes[(i - i0) + nx * ((j - j0) + ny * (k - k0))]];
    }

    private static boolean softOrLiver(TissueClass t) {
        return t == TissueClass.SOFT_TISSUE || t == TissueClass.LIVER;
    }

    /** Replaces each value by the sum over the box of half-widths (hx, hy, hz) around it, clipped at the array's ends. */
    private static void boxSum(float[] f, int nx, int ny, int nz, int hx, int hy, int hz) {
        IntStream.range(0, ny * nz).parallel().forEach(line -> line(f, line * nx, 1, nx, hx));
        IntStream.range(0, nx * nz).parallel().forEach(line -> line(f, (line % nx) + nx * ny * (line / nx), nx, ny, hy));
        IntStream.range(0, nx * ny).parallel().forEach(line -> line(f, line, nx * ny, nz, hz));
    }

    private static void line(float[] f, int start, int stride, int n, int h) {
        double[] prefix = new double[n + 1];
        for (int s = 0; s < n; s++) {
            prefix[s + 1] = prefix[s] + f[start + s * stride];
        }
        for (int s = 0; s < n; s++) {
            f[start + s * stride] = (float) (prefix[Math.min(n, s + h + 1)] - prefix[Math.max(0, s - h)]);
        }
    }
}
