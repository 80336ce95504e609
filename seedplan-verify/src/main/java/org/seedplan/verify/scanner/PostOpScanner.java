package org.seedplan.verify.scanner;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Images dense objects on a CT grid the way a scanner does, independently of the seed finder's
 * image model. Each object is cut into cells of 0.1 mm or less whose contents (CT number × volume)
 * are spread trilinearly onto a fine grid (a third of a pixel in-plane, 0.2 mm or less axially):
 * the material fractions at sub-voxel resolution. A voxel's value is then the fine grid weighted by
 * the slice sensitivity profile ({@link SliceProfile}, as wide as the model's slice thickness, sampled every slice spacing)
 * axially and by the pixel aperture blurred by
 * the Gaussian point-spread function in-plane. Then, slice by slice, beam hardening (a dark band
 * between every two dense objects in the slice, deeper for denser pairs, or as the model is told a dark streak through both
 * running past them, {@link ScannerModel.Hardening}; and streaks from each),
 * spatially correlated noise, rounding and the scanner's HU range.
 */
public final class PostOpScanner {

    private static final double SAMPLE_STEP_MM = 0.1;
    private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));
    /** Content of a seed in one slice that gives the nominal dark band, HU·mm². */
    private static final double BAND_REFERENCE_HU_MM2 = 30_000;
    /** Least slice content of an object that causes beam-hardening artefacts, HU·mm² (a calcification does not). */
    private static final double DENSE_HU_MM2 = 5_000;

    /** {@link ScannerModel.Hardening#STREAKS_THROUGH}: the streak's dark core across its line (σ), mm. */
    static final double STREAK_SIGMA_MM = 0.6;
    /** Its bright flanks' width, in units of the core's. */
    static final double STREAK_FLANK = 3;
    /**
     * The bright flanks' area in units of the dark core's (1 would leave no net CT number across the line, as the ramp filter
     * alone would; the scanner's smoothing kernel and the object's own hardening fill part of it in).
     */
    static final double STREAK_FLANK_AREA = 0.5;
    /** Distance past an object over which the streak fades to half, mm. */
    static final double STREAK_FADE_MM = 10;
    /** Farthest the streak runs past an object, mm. */
    static final double STREAK_REACH_MM = 60;

    private final ScannerModel model;

    public PostOpScanner(ScannerModel model) {
        this.model = model;
    }

    /**
     * The CT of the objects in the bench anatomy, its slice thickness recorded as a scanner records it; the same random seed
     * gives the same image.
     */
    public Volume scan(Grid grid, List<DenseObject> objects, long randomSeed) {
        float[] tissue = Anatomy.draw(grid);
        double[] excess = new double[grid.voxelCount()];
        List<SliceContent> dense = new ArrayList<>();
        for (DenseObject o : objects) {
            int[] box = render(grid, o, excess);
            dense.addAll(sliceContents(grid, o, excess, box));
        }
        SplittableRandom rnd = new SplittableRandom(randomSeed);
        double[] artefact = new double[grid.voxelCount()];
        beamHardening(grid, dense, artefact, rnd);
        double[] noise = noise(grid, rnd);
        float[] out = new float[grid.voxelCount()];
        for (int v = 0; v < out.length; v++) {
            out[v] = model.scale().store(tissue[v] + excess[v] + artefact[v] + noise[v]);
        }
        return new Volume(grid, out, model.sliceThicknessMm(grid.dzMm()));
    }

    /**
     * Adds one object's image (its CT number minus the 40 HU tissue it displaces) to {@code excess}
     * and returns the voxel box it touched, {i0, i1, j0, j1, k0, k1}.
     */
    private int[] render(Grid g, DenseObject o, double[] excess) {
        double sigma = model.inPlaneFwhmMm() / FWHM_PER_SIGMA;
        double slice = model.sliceThicknessMm(g.dzMm());
        double reachXy = 4 * sigma + g.dxMm();
        double reachZ = model.profile().reachMm(slice);
        double hxy = Math.min(g.dxMm(), g.dyMm()) / 3;
        double hz = Math.min(0.2, slice / 8);
        Vec3 lo = o.min().minus(new Vec3(reachXy, reachXy, reachZ + hz));
        Vec3 hi = o.max().plus(new Vec3(reachXy, reachXy, reachZ + hz));
        int fx = (int) Math.ceil((hi.x() - lo.x()) / hxy) + 2;
        int fy = (int) Math.ceil((hi.y() - lo.y()) / hxy) + 2;
        int fz = (int) Math.ceil((hi.z() - lo.z()) / hz) + 2;
        double[] fine = new double[fx * fy * fz];
        double tissueHu = 40;
        for (Primitive p : o.primitives()) {
            double scale = (p.material().hu() - tissueHu) / p.material().hu();
            p.sample(SAMPLE_STEP_MM, (x, y, z, c) -> splat(fine, fx, fy, fz, (x - lo.x()) / hxy, (y - lo.y()) / hxy,
                    (z - lo.z()) / hz, c * scale));
        }
        int i0 = clamp((int) Math.floor((lo.x() - g.x(0)) / g.dxMm()), g.nx());
        int i1 = clamp((int) Math.ceil((hi.x() - g.x(0)) / g.dxMm()), g.nx());
        int j0 = clamp((int) Math.floor((lo.y() - g.y(0)) / g.dyMm()), g.ny());
        int j1 = clamp((int) Math.ceil((hi.y() - g.y(0)) / g.dyMm()), g.ny());
        int k0 = clamp((int) Math.floor((lo.z() - g.z(0)) / g.dzMm()), g.nz());
        int k1 = clamp((int) Math.ceil((hi.z() - g.z(0)) / g.dzMm()), g.nz());
        int ni = i1 - i0 + 1;
        int nj = j1 - j0 + 1;
        int nk = k1 - k0 + 1;
        double[][] kz = new double[nk][fz];
        for (int k = 0; k < nk; k++) {
            for (int c = 0; c < fz; c++) {
                kz[k][c] = model.profile().weightPerMm(lo.z() + c * hz - g.z(k0 + k), slice);
            }
        }
        double[][] kx = apertureWeights(ni, fx, i0, lo.x(), hxy, g.x(0), g.dxMm(), sigma);
        double[][] ky = apertureWeights(nj, fy, j0, lo.y(), hxy, g.y(0), g.dyMm(), sigma);
        // Axial profile first (fine z → slices), then x, then y.
        double[] a = new double[nk * fy * fx];
        for (int c = 0; c < fz; c++) {
            for (int k = 0; k < nk; k++) {
                double w = kz[k][c];
                if (w == 0) {
                    continue;
                }
                int src = c * fy * fx;
                int dst = k * fy * fx;
                for (int q = 0; q < fy * fx; q++) {
                    a[dst + q] += w * fine[src + q];
                }
            }
        }
        double[] b = new double[nk * fy * ni];
        for (int k = 0; k < nk; k++) {
            for (int r = 0; r < fy; r++) {
                int row = (k * fy + r) * fx;
                for (int i = 0; i < ni; i++) {
                    double s = 0;
                    double[] w = kx[i];
                    for (int c = 0; c < fx; c++) {
                        s += w[c] * a[row + c];
                    }
                    b[(k * fy + r) * ni + i] = s;
                }
            }
        }
        for (int k = 0; k < nk; k++) {
            for (int j = 0; j < nj; j++) {
                double[] w = ky[j];
                for (int i = 0; i < ni; i++) {
                    double s = 0;
                    for (int r = 0; r < fy; r++) {
                        s += w[r] * b[(k * fy + r) * ni + i];
                    }
                    excess[g.index(i0 + i, j0 + j, k0 + k)] += s;
                }
            }
        }
        return new int[] {i0, i1, j0, j1, k0, k1};
    }

    /**
     * Weight per mm of each fine cell (centre at {@code lo + c·h}) in each output pixel: the pixel
     * aperture (a box of one pixel) convolved with the Gaussian point-spread function.
     */
    private static double[][] apertureWeights(int n, int fine, int first, double lo, double h, double origin, double pixel,
                                              double sigma) {
        double[][] w = new double[n][fine];
        for (int i = 0; i < n; i++) {
            double centre = origin + (first + i) * pixel;
            for (int c = 0; c < fine; c++) {
                double d = lo + c * h - centre;
                w[i][c] = (phi((d + pixel / 2) / sigma) - phi((d - pixel / 2) / sigma)) / pixel;
            }
        }
        return w;
    }

    /** Standard normal distribution function via the complementary error function (Numerical Recipes, erfcc). */
    static double phi(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    /** Complementary error function, Chebyshev fit with fractional error below 1.2·10⁻⁷ (Press et al., Numerical Recipes §6.2). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }

    private static void splat(double[] fine, int fx, int fy, int fz, double u, double v, double w, double c) {
        int i = (int) Math.floor(u);
        int j = (int) Math.floor(v);
        int k = (int) Math.floor(w);
        double a = u - i;
        double b = v - j;
        double d = w - k;
        for (int dk = 0; dk <= 1; dk++) {
            double wk = dk == 0 ? 1 - d : d;
            for (int dj = 0; dj <= 1; dj++) {
                double wj = dj == 0 ? 1 - b : b;
                int base = ((k + dk) * fy + (j + dj)) * fx + i;
                fine[base] += c * wk * wj * (1 - a);
                fine[base + 1] += c * wk * wj * a;
            }
        }
    }

    /** Per slice, an object's content (Σ excess × pixel area, HU·mm²) and centroid, for the beam-hardening artefacts. */
    private record SliceContent(int k, double contentHuMm2, double x, double y) {
    }

    private static List<SliceContent> sliceContents(Grid g, DenseObject o, double[] excess, int[] box) {
        List<SliceContent> out = new ArrayList<>();
        if (o.kind() == DenseObject.Kind.CALCIFICATION) {
            return out;
        }
        // The object's own box: the values there are mostly its own (objects rarely overlap).
        for (int k = box[4]; k <= box[5]; k++) {
            double s = 0;
            double sx = 0;
            double sy = 0;
            for (int j = box[2]; j <= box[3]; j++) {
                for (int i = box[0]; i <= box[1]; i++) {
                    double e = Math.max(0, excess[g.index(i, j, k)] - 500);
                    s += e;
                    sx += e * g.x(i);
                    sy += e * g.y(j);
                }
            }
            double content = s * g.dxMm() * g.dyMm();
            if (content >= DENSE_HU_MM2) {
                out.add(new SliceContent(k, content, sx / s, sy / s));
            }
        }
        return out;
    }

    /**
     * Dark bands between dense objects of one slice (the projections through both are hardened the
     * most): depth beamHardeningHu × √(c₁c₂)/c_ref up to 3 ×, Gaussian across (σ 1 mm), along the
     * segment between the centroids; and from each dense object three bright or dark streaks at
     * random angles fading as 10 / (10 + r).
     */
    private void beamHardening(Grid g, List<SliceContent> dense, double[] out, SplittableRandom rnd) {
        double depth = model.beamHardeningHu();
        if (depth == 0) {
            return;
        }
        for (int k = 0; k < g.nz(); k++) {
            List<SliceContent> here = new ArrayList<>();
            for (SliceContent s : dense) {
                if (s.k() == k) {
                    here.add(s);
                }
            }
            for (int p = 0; p < here.size(); p++) {
                SliceContent a = here.get(p);
                for (int q = p + 1; q < here.size(); q++) {
                    SliceContent b = here.get(q);
                    if (model.hardening() == ScannerModel.Hardening.STREAKS_THROUGH) {
                        double amp = -depth * Math.min(3, a.contentHuMm2() * b.contentHuMm2() / (BAND_REFERENCE_HU_MM2 * BAND_REFERENCE_HU_MM2));
                        streakThrough(g, k, out, a.x(), a.y(), b.x(), b.y(), amp);
                    } else {
                        double amp = -depth * Math.min(3, Math.sqrt(a.contentHuMm2() * b.contentHuMm2()) / BAND_REFERENCE_HU_MM2);
                        line(g, k, out, a.x(), a.y(), b.x(), b.y(), amp, 1.0, 2.0);
                    }
                }
                for (int s = 0; s < 3; s++) {
                    double angle = rnd.nextDouble(0, Math.PI);
                    double amp = (rnd.nextBoolean() ? 0.5 : -0.5) * depth * Math.min(3, a.contentHuMm2() / BAND_REFERENCE_HU_MM2);
                    double len = 40;
                    line(g, k, out, a.x() - len * Math.cos(angle), a.y() - len * Math.sin(angle), a.x() + len * Math.cos(angle),
                            a.y() + len * Math.sin(angle), amp, 0.6, -1);
                }
            }
        }
    }

    /**
     * {@link ScannerModel.Hardening#STREAKS_THROUGH}: a streak along the whole line through two centres a and b in slice k, of
     * amplitude {@code amp} between them and fading as {@value #STREAK_FADE_MM} / ({@value #STREAK_FADE_MM} + r) at r mm past
     * either (out to {@value #STREAK_REACH_MM} mm); across, a dark core of σ {@value #STREAK_SIGMA_MM} mm with bright flanks
     * three times as wide and of half its area (normalised to 1 on the line).
     */
    private static void streakThrough(Grid g, int k, double[] out, double ax, double ay, double bx, double by, double amp) {
        alongLine(g, k, out, ax, ay, bx, by, STREAK_REACH_MM, 3 * STREAK_FLANK * STREAK_SIGMA_MM, (t, len, d) -> {
            double past = t < 0 ? -t : Math.max(0, t - len);
            return amp * STREAK_FADE_MM / (STREAK_FADE_MM + past) * streakAcross(d);
        });
    }

    /** The streak's profile across its line at distance d, mm: 1 on the line, bright flanks beside it. */
    static double streakAcross(double d) {
        double core = Math.exp(-d * d / (2 * STREAK_SIGMA_MM * STREAK_SIGMA_MM));
        double w = STREAK_FLANK * STREAK_SIGMA_MM;
        double flank = STREAK_FLANK_AREA * Math.exp(-d * d / (2 * w * w)) / STREAK_FLANK;
        return (core - flank) / (1 - STREAK_FLANK_AREA / STREAK_FLANK);
    }

    /**
     * Adds a line of the given amplitude and Gaussian width between two points in slice k. With
     * {@code clearMm} ≥ 0 it fades in over that distance from both ends (a band between objects);
     * otherwise it fades as 10 / (10 + r) from its middle and is left out within 2 mm of it (a streak).
     */
    private static void line(Grid g, int k, double[] out, double ax, double ay, double bx, double by, double amp, double sigma,
                             double clearMm) {
        alongLine(g, k, out, ax, ay, bx, by, 0, 3 * sigma, (t, len, d) -> {
            double along;
            if (clearMm >= 0) {
                along = Math.min(1, Math.min(t, len - t) / clearMm);
            } else {
                double r = Math.abs(t - len / 2);
                along = r < 2 ? 0 : 10 / (10 + r);
            }
            return amp * along * Math.exp(-d * d / (2 * sigma * sigma));
        });
    }

    /** What a line adds at distance t along it (of length len) and d across it, HU. */
    private interface LineProfile {
        double at(double t, double len, double d);
    }

    /**
     * Adds {@code profile} at every voxel of slice k within {@code acrossMm} of the line from a to b continued {@code pastMm}
     * beyond either end.
     */
    private static void alongLine(Grid g, int k, double[] out, double ax, double ay, double bx, double by, double pastMm,
                                  double acrossMm, LineProfile profile) {
        double len = Math.hypot(bx - ax, by - ay);
        if (len < 1e-6) {
            return;
        }
        double ux = (bx - ax) / len;
        double uy = (by - ay) / len;
        double x0 = ax - pastMm * ux;
        double y0 = ay - pastMm * uy;
        double x1 = bx + pastMm * ux;
        double y1 = by + pastMm * uy;
        int i0 = clamp((int) Math.floor((Math.min(x0, x1) - acrossMm - g.x(0)) / g.dxMm()), g.nx());
        int i1 = clamp((int) Math.ceil((Math.max(x0, x1) + acrossMm - g.x(0)) / g.dxMm()), g.nx());
        int j0 = clamp((int) Math.floor((Math.min(y0, y1) - acrossMm - g.y(0)) / g.dyMm()), g.ny());
        int j1 = clamp((int) Math.ceil((Math.max(y0, y1) + acrossMm - g.y(0)) / g.dyMm()), g.ny());
        for (int j = j0; j <= j1; j++) {
            for (int i = i0; i <= i1; i++) {
                double px = g.x(i) - ax;
                double py = g.y(j) - ay;
                double t = px * ux + py * uy;
                if (t < -pastMm || t - len > pastMm) {
                    continue;
                }
                double d = -px * uy + py * ux;
                if (Math.abs(d) > acrossMm) {
                    continue;
                }
                out[g.index(i, j, k)] += profile.at(t, len, d);
            }
        }
    }

    /** White Gaussian noise smoothed in-plane by [1 2 1]/4 in x and y, rescaled to the model's standard deviation. */
    private double[] noise(Grid g, SplittableRandom rnd) {
        double[] n = new double[g.voxelCount()];
        if (model.noiseSdHu() == 0) {
            return n;
        }
        for (int v = 0; v < n.length; v++) {
            n[v] = rnd.nextGaussian();
        }
        double[] t = new double[n.length];
        int nx = g.nx();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < nx; i++) {
                    int v = g.index(i, j, k);
                    t[v] = (n[i > 0 ? v - 1 : v] + 2 * n[v] + n[i < nx - 1 ? v + 1 : v]) / 4;
                }
            }
        }
        // Variance of [1 2 1]/4 applied in x and y: (6/16)², so the standard deviation is scaled by 16/6.
        double gain = model.noiseSdHu() * 16.0 / 6.0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < nx; i++) {
                    int v = g.index(i, j, k);
                    n[v] = gain * (t[j > 0 ? v - nx : v] + 2 * t[v] + t[j < g.ny() - 1 ? v + nx : v]) / 4;
                }
            }
        }
        return n;
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }
}
