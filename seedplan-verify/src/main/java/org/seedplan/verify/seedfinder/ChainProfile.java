package org.seedplan.verify.seedfinder;

import java.util.Arrays;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Tells a chain of seeds from a uniform rod (a wire, a needle's piece) by the profile of an object's metal content along its
 * principal axis. Seeds in a needle follow each other with gaps (spacers), so a chain's metal comes in segments of one seed
 * image's length; a wire's metal is even along it. Both models are fitted by least squares to the content profile, binned at
 * one voxel's extent along the axis and each blurred by the scan's point-spread function along that axis:
 * <ul>
 * <li>a <b>rod</b>: uniform density between two free ends (3 parameters: the ends and the density);</li>
 * <li>a <b>chain</b> of n seeds (n from the image fit): n segments of the learned image length, none overlapping, one
 *     content for all (n + 1 parameters: the centres and the content).</li>
 * </ul>
 * The object is a chain when the chain's Bayesian information criterion (N ln(RSS/N) + k ln N over the N bins; Schwarz,
 * Ann. Stat. 6, 461, 1978) is lower than the rod's: each extra parameter must pay for itself in residual; with fewer than
 * n + 3 bins (two degrees of freedom left to the chain) nothing is called a chain. Where the gaps are blurred away (seeds
 * touching) the chain cannot beat the rod. No constant of this test was fitted to data.
 * <p>
 * Along the axis it is no wire detector: on thick slices a chain sampled below its spacing can fill the slices as evenly as a
 * wire (a 0.8 mm steel wire 20 mm long on 5 mm triangle-profile slices reads as a chain of three, one 40 mm long on Gaussian
 * slices as a chain of six), so the finder asks it only about an object already fitted as n seeds that each hold a seed's
 * metal. The profile along the object's <i>in-plane</i> direction ({@link #inPlane}) is sampled at the pixel whatever the slice
 * thickness; there a rod that is not n seeds ({@link #isRod}) tells a wire crossing thick slices from seeds
 * ({@code SeedFinder.rodOfMetal}).
 */
final class ChainProfile {

    /** Fine step of the searches along the axis, mm. */
    private static final double STEP_MM = 0.25;

    private final double[] binCentre;
    private final double[] observed;
    private final double binMm;
    private final double sigmaMm;

    private ChainProfile(double[] binCentre, double[] observed, double binMm, double sigmaMm) {
        this.binCentre = binCentre;
        this.observed = observed;
        this.binMm = binMm;
        this.sigmaMm = sigmaMm;
    }

    /**
     * The content profile of a blob along its principal axis: the excess CT number (above {@code localHu}, at most
     * {@code topHu}) of the voxels of its box widened by one voxel that rise above {@code lowHu} and belong to it or to no blob,
     * binned along the axis at one voxel's extent along it.
     */
    static ChainProfile of(Grid g, float[] hu, int[] labels, Blob b, double localHu, double lowHu, double topHu,
                           SeedImageModel model) {
        PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size());
        Vec3 a = pa.axes()[0].normalized();
        double bin = Math.abs(a.x()) * g.dxMm() + Math.abs(a.y()) * g.dyMm() + Math.abs(a.z()) * g.dzMm();
        double inPlane = 1 - a.z() * a.z();
        double sigma = Math.sqrt(model.sigmaXyMm() * model.sigmaXyMm() * inPlane + model.sigmaZMm() * model.sigmaZMm() * a.z() * a.z());
        return binned(g, hu, labels, b, localHu, lowHu, topHu, pa.meanMm(), a, bin, sigma, false);
    }

    /**
     * The content profile of a blob along the in-plane direction of its principal axis, binned at one pixel's extent along
     * that direction and blurred by the in-plane point-spread function only. A voxel holds the metal at its own x and y
     * whichever slice that metal falls in, so metal at a given place along an object not lying along z lands at one place of
     * this profile however thick the slices are: a wire crossing thick slices is sampled here at pixel resolution, not at the
     * slice thickness. A segment of length L along an axis with z-component a_z spans L √(1 − a_z²) here.
     *
     * @return the profile, or null for an object lying along z (no in-plane direction)
     */
    static ChainProfile inPlane(Grid g, float[] hu, int[] labels, Blob b, double localHu, double lowHu, double topHu,
                                SeedImageModel model) {
        Vec3 a = inPlaneAxis(b);
        if (a == null) {
            return null;
        }
        double bin = Math.abs(a.x()) * g.dxMm() + Math.abs(a.y()) * g.dyMm();
        PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size());
        // Each voxel's content is shared between the two bins its projected footprint overlaps: a thin line at a slant to the
        // pixel rows puts 0, 1 or 2 pixel centres in a bin, which binning by centre would read as gaps. The sharing spreads
        // the content by a further box of one bin (variance bin²/12), added to the blur.
        return binned(g, hu, labels, b, localHu, lowHu, topHu, pa.meanMm(), a, bin,
                Math.sqrt(model.sigmaXyMm() * model.sigmaXyMm() + bin * bin / 12), true);
    }

    /** The in-plane unit direction of a blob's principal axis, or null when the axis lies along z. */
    static Vec3 inPlaneAxis(Blob b) {
        Vec3 a = PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size()).axes()[0];
        double h = Math.hypot(a.x(), a.y());
        return h < 1e-6 ? null : new Vec3(a.x() / h, a.y() / h, 0);
    }

    private static ChainProfile binned(Grid g, float[] hu, int[] labels, Blob b, double localHu, double lowHu, double topHu,
                                       Vec3 c, Vec3 a, double bin, double sigma, boolean shared) {
        int own = labels[b.voxels[0]];
        double tMin = Double.POSITIVE_INFINITY;
        double tMax = Double.NEGATIVE_INFINITY;
        int kMax = Math.min(g.nz() - 1, b.k1 + 1);
        int jMax = Math.min(g.ny() - 1, b.j1 + 1);
        int iMax = Math.min(g.nx() - 1, b.i1 + 1);
        java.util.List<double[]> te = new java.util.ArrayList<>();
        for (int k = Math.max(0, b.k0 - 1); k <= kMax; k++) {
            for (int j = Math.max(0, b.j0 - 1); j <= jMax; j++) {
                for (int i = Math.max(0, b.i0 - 1); i <= iMax; i++) {
                    int v = g.index(i, j, k);
                    if (hu[v] > lowHu && (labels[v] == 0 || labels[v] == own)) {
                        double t = (g.x(i) - c.x()) * a.x() + (g.y(j) - c.y()) * a.y() + (g.z(k) - c.z()) * a.z();
                        te.add(new double[] {t, Math.min(hu[v], topHu) - localHu});
                        tMin = Math.min(tMin, t);
                        tMax = Math.max(tMax, t);
                    }
                }
            }
        }
        int n = Math.max(1, (int) Math.ceil((tMax - tMin) / bin) + 1);
        double[] centre = new double[n];
        double[] obs = new double[n];
        double start = tMin - bin / 2;
        for (int q = 0; q < n; q++) {
            centre[q] = start + (q + 0.5) * bin;
        }
        for (double[] p : te) {
            if (shared) {
                double f = (p[0] - start) / bin - 0.5;
                int q = Math.max(0, Math.min(n - 1, (int) Math.floor(f)));
                double w = Math.max(0, Math.min(1, f - q));
                obs[q] += (1 - w) * p[1];
                if (q + 1 < n) {
                    obs[q + 1] += w * p[1];
                } else {
                    obs[q] += w * p[1];
                }
            } else {
                obs[Math.min(n - 1, (int) Math.floor((p[0] - start) / bin))] += p[1];
            }
        }
        return new ChainProfile(centre, obs, bin, sigma);
    }

    /**
     * Whether a chain of {@code seeds} segments of {@code segmentMm} explains the profile better than a uniform rod, by the
     * information criterion.
     */
    boolean isChain(int seeds, double segmentMm) {
        int n = observed.length;
        if (seeds < 2 || n < seeds + 3) {
            return false;
        }
        double rod = rodRss();
        double chain = chainRss(seeds, segmentMm);
        return bic(chain, n, seeds + 1) < bic(rod, n, 3);
    }

    /**
     * Whether a uniform rod explains the profile better than a chain of {@code seeds} segments of {@code segmentMm}, by the
     * information criterion, with at least {@code seeds} + 3 bins (else nothing is called).
     */
    boolean isRod(int seeds, double segmentMm) {
        return rodEvidence(seeds, segmentMm) > 0;
    }

    /**
     * How much better a uniform rod explains the profile than a chain of {@code seeds} segments of {@code segmentMm}: the chain's
     * information criterion less the rod's (positive for the rod; 10 or more is very strong evidence, Kass and Raftery, J. Am.
     * Stat. Assoc. 90, 773, 1995), or −∞ with fewer than {@code seeds} + 3 bins.
     */
    double rodEvidence(int seeds, double segmentMm) {
        int n = observed.length;
        if (seeds < 2 || n < seeds + 3) {
            return Double.NEGATIVE_INFINITY;
        }
        return bic(chainRss(seeds, segmentMm), n, seeds + 1) - bic(rodRss(), n, 3);
    }

    private static double bic(double rss, int n, int k) {
        return n * Math.log(Math.max(rss, 1e-12) / n) + k * Math.log(n);
    }

    /** Least residual of a uniform rod between free ends (ends on a 0.25 mm grid over the profile and one bin beyond). */
    double rodRss() {
        return rod()[0];
    }

    /** The length of the uniform rod that best explains the profile, mm. */
    double rodLengthMm() {
        return rod()[1];
    }

    /** The least residual of a uniform rod between free ends and that rod's length. */
    private double[] rod() {
        double lo = binCentre[0] - binMm;
        double hi = binCentre[binCentre.length - 1] + binMm;
        double best = Double.POSITIVE_INFINITY;
        double length = 0;
        double[] shape = new double[observed.length];
        for (double t0 = lo; t0 < hi; t0 += STEP_MM) {
            for (double t1 = t0 + STEP_MM; t1 <= hi; t1 += STEP_MM) {
                Arrays.fill(shape, 0);
                addSegment(shape, t0, t1);
                double r = rssScaled(shape);
                if (r < best) {
                    best = r;
                    length = t1 - t0;
                }
            }
        }
        return new double[] {best, length};
    }

    /**
     * Least residual of {@code seeds} segments of equal content and length {@code segmentMm}, not overlapping: centres
     * started at the quantiles (q + ½)/n of the content along the axis, then moved one at a time on a 0.25 mm grid between their neighbours until none moves.
     */
    double chainRss(int seeds, double segmentMm) {
        double lo = binCentre[0] - binMm / 2 + segmentMm / 2 - binMm;
        double hi = binCentre[binCentre.length - 1] + binMm / 2 - segmentMm / 2 + binMm;
        double[] s = new double[seeds];
        double total = Arrays.stream(observed).map(o -> Math.max(0, o)).sum();
        for (int q = 0; q < seeds; q++) {
            s[q] = quantile(total * (q + 0.5) / seeds);
            if (q > 0) {
                s[q] = Math.max(s[q], s[q - 1] + segmentMm);
            }
        }
        double best = chainRssAt(s, segmentMm);
        for (int sweep = 0; sweep < 20; sweep++) {
            boolean moved = false;
            for (int q = 0; q < seeds; q++) {
                double from = q == 0 ? lo - segmentMm : s[q - 1] + segmentMm;
                double to = q == seeds - 1 ? hi + segmentMm : s[q + 1] - segmentMm;
                double keep = s[q];
                double bestHere = keep;
                for (double t = from; t <= to + 1e-9; t += STEP_MM) {
                    s[q] = t;
                    double r = chainRssAt(s, segmentMm);
                    if (r < best - 1e-9 * Math.abs(best)) {
                        best = r;
                        bestHere = t;
                    }
                }
                s[q] = bestHere;
                moved |= bestHere != keep;
            }
            if (!moved) {
                break;
            }
        }
        return best;
    }

    /** Where along the axis the cumulative content reaches {@code share}, interpolated within the bin, mm. */
    private double quantile(double share) {
        double cum = 0;
        for (int q = 0; q < observed.length; q++) {
            double c = Math.max(0, observed[q]);
            if (c > 0 && cum + c >= share) {
                return binCentre[q] - binMm / 2 + binMm * (share - cum) / c;
            }
            cum += c;
        }
        return binCentre[observed.length - 1];
    }

    private double chainRssAt(double[] centres, double segmentMm) {
        double[] shape = new double[observed.length];
        for (double c : centres) {
            addSegment(shape, c - segmentMm / 2, c + segmentMm / 2);
        }
        return rssScaled(shape);
    }

    /** Residual of the observed profile against a shape scaled by its least-squares (non-negative) amplitude. */
    private double rssScaled(double[] shape) {
        double so = 0;
        double ss = 0;
        double oo = 0;
        for (int q = 0; q < shape.length; q++) {
            so += shape[q] * observed[q];
            ss += shape[q] * shape[q];
            oo += observed[q] * observed[q];
        }
        double amp = ss > 0 ? Math.max(0, so / ss) : 0;
        return oo - 2 * amp * so + amp * amp * ss;
    }

    /**
     * Adds to each bin the share of a unit-density segment [t0, t1] that falls in it after blurring by a Gaussian of σ along
     * the axis: ∫ over the bin of Φ((t − t0)/σ) − Φ((t − t1)/σ), in closed form with ∫Φ(x)dx = xΦ(x) + φ(x).
     */
    private void addSegment(double[] shape, double t0, double t1) {
        for (int q = 0; q < shape.length; q++) {
            double u = binCentre[q] - binMm / 2;
            double v = binCentre[q] + binMm / 2;
            shape[q] += integral(v - t0) - integral(u - t0) - integral(v - t1) + integral(u - t1);
        }
    }

    private double integral(double s) {
        double x = s / sigmaMm;
        double cdf = 0.5 * (1 + SeedImageModel.erf(x / Math.sqrt(2)));
        double pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
        return sigmaMm * (x * cdf + pdf);
    }
}
