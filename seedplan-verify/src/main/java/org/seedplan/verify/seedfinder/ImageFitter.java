package org.seedplan.verify.seedfinder;

import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Fits the positions and axes of n seeds to the CT numbers around a blob by least squares
 * between the observed and the predicted image ({@link SeedImageModel}), with clipped voxels
 * counting only when the prediction falls below the clip. Coordinate descent with halving steps
 * (position 0.5, 0.2, 0.08 mm; axis tilt 0.2, 0.08, 0.03 rad), one seed parameter at a time, with each
 * seed's signal cached so that a trial move costs one pass over the region; then a scan of each seed's z over
 * ± half a slice, which escapes local minima and, where the image cannot tell places apart (a seed inside one
 * thick box-profile slice), puts the seed in the middle of the indistinguishable range rather than where the
 * descent stopped.
 */
final class ImageFitter {

    private final Grid grid;
    private final float[] ct;
    private final SeedImageModel model;

    /** Steps of the final z scan on either side of a seed (± half a slice), and their size in slices. */
    private static final int Z_STEPS = 10;
    private static final double Z_STEP = 0.05;
    /**
     * Share of the misfit within which places along z count as indistinguishable (and beyond which one counts as
     * better). Chosen on the tuning scans (docs/seed-finder.md): 3 % found more seeds there, but on scans whose
     * slice profile is the model's (Gaussian, 5 mm) so wide a range pulls seeds off their best z (0.245 → 0.250 mm).
     */
    private static final double Z_FLAT = 0.003;

    /** Label of voxels left out of every fit (bone that a seed touched, split off at the peak level). */
    static final int EXCLUDED = -1;

    private final int[] labels;

    /**
     * {@code labels}: for each voxel, 1 + the index of the blob it belongs to, 0 for none,
     * {@link #EXCLUDED} for voxels no fit may use.
     */
    ImageFitter(Grid grid, float[] ct, int[] labels, SeedImageModel model) {
        this.grid = grid;
        this.ct = ct;
        this.labels = labels;
        this.model = model;
    }

    SeedImageModel model() {
        return model;
    }

    /** The voxels of a blob's box widened by 2 σ of the point-spread function. */
    Region region(Blob b) {
        int mxy = (int) Math.ceil(2 * model.sigmaXyMm() / Math.min(grid.dxMm(), grid.dyMm())) + 1;
        int mz = (int) Math.ceil(2 * model.sigmaZMm() / grid.dzMm());
        return Region.of(grid, ct, labels, b, mxy, Math.max(1, mz));
    }

    /** Result of a fit: the seeds and the sum of squared residuals over the region, HU². */
    record Fit(SeedImageModel.Placed[] seeds, double ssr) {
        int count() {
            return seeds.length;
        }
    }

    /** Sum of squared residuals of seeds placed as given, without moving them. */
    double ssrOf(Region r, SeedImageModel.Placed[] seeds) {
        double[] sum = new double[r.size()];
        for (SeedImageModel.Placed p : seeds) {
            for (int q = 0; q < sum.length; q++) {
                sum[q] += p.signal(r.x[q], r.y[q], r.z[q]);
            }
        }
        return ssr(r, sum, null, null);
    }

    /**
     * Fits the seeds from a start; then, through the slice, where one thick slice holds a seed the misfit is flat
     * and has local minima: each seed's z is scanned over ± half a slice, a clearly better place is taken and the
     * fit polished again, and the seed is put at the middle of the range of z the image cannot tell apart.
     */
    Fit fit(Region r, SeedImageModel.Placed[] start) {
        Fit f = descend(r, start);
        SeedImageModel.Placed[] seeds = f.seeds().clone();
        boolean better = false;
        for (int s = 0; s < seeds.length; s++) {
            double[] scan = zScan(r, seeds, s);
            int best = Z_STEPS;
            for (int j = 0; j < scan.length; j++) {
                best = scan[j] < scan[best] ? j : best;
            }
            if (scan[best] < scan[Z_STEPS] - Z_FLAT * scan[Z_STEPS]) {
                seeds[s] = shifted(seeds[s], best);
                better = true;
            }
        }
        if (better) {
            f = descend(r, seeds);
            seeds = f.seeds().clone();
        }
        for (int s = 0; s < seeds.length; s++) {
            double[] scan = zScan(r, seeds, s);
            double limit = scan[Z_STEPS] * (1 + Z_FLAT);
            int lo = Z_STEPS;
            int hi = Z_STEPS;
            while (lo > 0 && scan[lo - 1] <= limit) {
                lo--;
            }
            while (hi < scan.length - 1 && scan[hi + 1] <= limit) {
                hi++;
            }
            seeds[s] = model.place(seeds[s].centreMm.plus(new Vec3(0, 0, ((lo + hi) / 2.0 - Z_STEPS) * Z_STEP * grid.dzMm())),
                    seeds[s].axis);
        }
        return new Fit(seeds, ssrOf(r, seeds));
    }

    /**
     * Whether the image places seed {@code s} of fit {@code f} as well at height {@code zMm} (the seed moved along z only, the
     * others kept): the misfit there within {@value #Z_FLAT} of the fit's, the share within which the fit itself counts places
     * along z as indistinguishable and puts a seed at the middle of their range.
     */
    boolean placesAsWellAt(Region r, Fit f, int s, double zMm) {
        SeedImageModel.Placed[] moved = f.seeds().clone();
        Vec3 c = moved[s].centreMm;
        moved[s] = model.place(new Vec3(c.x(), c.y(), zMm), moved[s].axis);
        return ssrOf(r, moved) <= f.ssr() * (1 + Z_FLAT);
    }

    private SeedImageModel.Placed shifted(SeedImageModel.Placed p, int j) {
        return model.place(p.centreMm.plus(new Vec3(0, 0, (j - Z_STEPS) * Z_STEP * grid.dzMm())), p.axis);
    }

    /** Misfit with seed s shifted in z by each step of the scan, the others kept. */
    private double[] zScan(Region r, SeedImageModel.Placed[] seeds, int s) {
        double[] sum = new double[r.size()];
        for (int o = 0; o < seeds.length; o++) {
            if (o != s) {
                for (int q = 0; q < sum.length; q++) {
                    sum[q] += seeds[o].signal(r.x[q], r.y[q], r.z[q]);
                }
            }
        }
        double[] zero = new double[r.size()];
        double[] out = new double[2 * Z_STEPS + 1];
        for (int j = 0; j < out.length; j++) {
            out[j] = ssr(r, sum, zero, signal(r, shifted(seeds[s], j)));
        }
        return out;
    }

    private Fit descend(Region r, SeedImageModel.Placed[] start) {
        int n = start.length;
        SeedImageModel.Placed[] seeds = start.clone();
        double[][] own = new double[n][];
        double[] sum = new double[r.size()];
        for (int s = 0; s < n; s++) {
            own[s] = signal(r, seeds[s]);
            for (int q = 0; q < sum.length; q++) {
                sum[q] += own[s][q];
            }
        }
        double ssr = ssr(r, sum, null, null);
        double[] posSteps = {0.5, 0.2, 0.08};
        double[] angSteps = {0.2, 0.08, 0.03};
        for (int level = 0; level < posSteps.length; level++) {
            boolean improved = true;
            for (int pass = 0; pass < 6 && improved; pass++) {
                improved = false;
                for (int s = 0; s < n; s++) {
                    for (int p = 0; p < 5; p++) {
                        for (int sign = -1; sign <= 1; sign += 2) {
                            boolean moved = false;
                            // Keep stepping the same way while it helps (a crude line search).
                            for (int repeat = 0; repeat < 8; repeat++) {
                                SeedImageModel.Placed trial = move(seeds[s], p, sign * (p < 3 ? posSteps[level] : angSteps[level]));
                                double[] sig = signal(r, trial);
                                double t = ssr(r, sum, own[s], sig);
                                if (!(t < ssr)) {
                                    break;
                                }
                                for (int q = 0; q < sum.length; q++) {
                                    sum[q] += sig[q] - own[s][q];
                                }
                                own[s] = sig;
                                seeds[s] = trial;
                                ssr = t;
                                moved = true;
                            }
                            if (moved) {
                                improved = true;
                                break;
                            }
                        }
                    }
                }
            }
        }
        return new Fit(seeds, ssr);
    }

    /** Sum of squared residuals; with {@code old}/{@code replacement}, as if one seed's signal were replaced. */
    double ssr(Region r, double[] sum, double[] old, double[] replacement) {
        double a = model.amplitude();
        double total = 0;
        for (int q = 0; q < sum.length; q++) {
            double s = sum[q];
            if (old != null) {
                s += replacement[q] - old[q];
            }
            double d = model.image(a * s - (r.dark == null ? 0 : r.dark[q])) - r.hu[q];
            total += d * d;
        }
        return total;
    }

    /**
     * The plateau the seeds, placed as given, leave in the region: how many voxels their summed image puts at the clip (a
     * clipping scanner hides the CT number there, but not how far the saturated core extends).
     */
    int predictedPlateau(Region r, SeedImageModel.Placed[] seeds) {
        double[] sum = new double[r.size()];
        for (SeedImageModel.Placed p : seeds) {
            for (int q = 0; q < sum.length; q++) {
                sum[q] += p.signal(r.x[q], r.y[q], r.z[q]);
            }
        }
        double top = model.clipHu() - model.backgroundHu();
        int n = 0;
        for (double s : sum) {
            n += model.amplitude() * s >= top ? 1 : 0;
        }
        return n;
    }

    /** How many voxels of the region the scan shows at the clip (within half a HU: stored values are whole HU). */
    int observedPlateau(Region r) {
        int n = 0;
        for (float v : r.hu) {
            n += v >= model.clipHu() - 0.5 ? 1 : 0;
        }
        return n;
    }

    double[] signal(Region r, SeedImageModel.Placed p) {
        double[] out = new double[r.size()];
        for (int q = 0; q < out.length; q++) {
            out[q] = p.signal(r.x[q], r.y[q], r.z[q]);
        }
        return out;
    }

    private SeedImageModel.Placed move(SeedImageModel.Placed p, int param, double step) {
        Vec3 c = p.centreMm;
        Vec3 axis = p.axis;
        switch (param) {
            case 0 -> c = c.plus(new Vec3(step, 0, 0));
            case 1 -> c = c.plus(new Vec3(0, step, 0));
            case 2 -> c = c.plus(new Vec3(0, 0, step));
            default -> {
                Vec3 helper = Math.abs(axis.z()) < 0.9 ? Vec3.UNIT_Z : new Vec3(1, 0, 0);
                Vec3 u = axis.cross(helper).normalized();
                Vec3 dir = param == 3 ? u : axis.cross(u).normalized();
                axis = axis.plus(dir.times(step)).normalized();
            }
        }
        return model.place(c, axis);
    }

    /** The voxels around a blob: centres (mm) and CT numbers. */
    static final class Region {
        final double[] x;
        final double[] y;
        final double[] z;
        final float[] hu;
        /** Darkening the model subtracts at each voxel before the clip (beam hardening's bands, {@link DarkBands}), HU, or null. */
        final double[] dark;

        private Region(int n) {
            this(new double[n], new double[n], new double[n], new float[n], null);
        }

        private Region(double[] x, double[] y, double[] z, float[] hu, double[] dark) {
            this.x = x;
            this.y = y;
            this.z = z;
            this.hu = hu;
            this.dark = dark;
        }

        /** The same voxels with the model's image darkened by {@code darkHu} at each (HU, as long as the region). */
        Region darkened(double[] darkHu) {
            return new Region(x, y, z, hu, darkHu);
        }

        int size() {
            return hu.length;
        }

        /** Centroid of the voxels weighted by min(HU, clip) − low, low 15 % of the way from background to clip. */
        Vec3 weightedCentre(SeedImageModel m) {
            double low = m.backgroundHu() + 0.15 * (m.clipHu() - m.backgroundHu());
            double sw = 0;
            double sx = 0;
            double sy = 0;
            double sz = 0;
            for (int q = 0; q < hu.length; q++) {
                double w = Math.min(hu[q], m.clipHu()) - low;
                if (w > 0) {
                    sw += w;
                    sx += w * x[q];
                    sy += w * y[q];
                    sz += w * z[q];
                }
            }
            if (!(sw > 0)) {
                throw new IllegalStateException("no voxel above the low level around an object: its region is empty");
            }
            return new Vec3(sx / sw, sy / sw, sz / sw);
        }

        /**
         * The voxels of the blob's box widened by the margins, leaving out those within one voxel
         * of another blob (a neighbouring seed's signal is not this blob's to explain).
         */
        static Region of(Grid g, float[] ct, int[] labels, Blob b, int mxy, int mz) {
            int i0 = Math.max(0, b.i0 - mxy);
            int i1 = Math.min(g.nx() - 1, b.i1 + mxy);
            int j0 = Math.max(0, b.j0 - mxy);
            int j1 = Math.min(g.ny() - 1, b.j1 + mxy);
            int k0 = Math.max(0, b.k0 - mz);
            int k1 = Math.min(g.nz() - 1, b.k1 + mz);
            int own = labels[b.voxels[0]];
            Region r = new Region((i1 - i0 + 1) * (j1 - j0 + 1) * (k1 - k0 + 1));
            int q = 0;
            for (int k = k0; k <= k1; k++) {
                for (int j = j0; j <= j1; j++) {
                    for (int i = i0; i <= i1; i++) {
                        if (labels[g.index(i, j, k)] == EXCLUDED || nearOther(g, labels, own, i, j, k)) {
                            continue;
                        }
                        r.x[q] = g.x(i);
                        r.y[q] = g.y(j);
                        r.z[q] = g.z(k);
                        r.hu[q] = ct[g.index(i, j, k)];
                        q++;
                    }
                }
            }
            return r.truncate(q);
        }

        private Region truncate(int n) {
            if (n == hu.length) {
                return this;
            }
            Region t = new Region(n);
            System.arraycopy(x, 0, t.x, 0, n);
            System.arraycopy(y, 0, t.y, 0, n);
            System.arraycopy(z, 0, t.z, 0, n);
            System.arraycopy(hu, 0, t.hu, 0, n);
            return t;
        }

        private static boolean nearOther(Grid g, int[] labels, int own, int i, int j, int k) {
            for (int dk = -1; dk <= 1; dk++) {
                int kk = k + dk;
                if (kk < 0 || kk >= g.nz()) {
                    continue;
                }
                for (int dj = -1; dj <= 1; dj++) {
                    int jj = j + dj;
                    if (jj < 0 || jj >= g.ny()) {
                        continue;
                    }
                    for (int di = -1; di <= 1; di++) {
                        int ii = i + di;
                        if (ii < 0 || ii >= g.nx()) {
                            continue;
                        }
                        int l = labels[g.index(ii, jj, kk)];
                        if (l > 0 && l != own) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
