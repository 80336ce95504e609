package org.seedplan.dvh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The dose-volume histogram of one structure: volume elements (cc) with their doses (Gy), sorted,
 * with the metrics read from it.
 *
 * <p><b>Curve.</b> The samples are grouped by distinct dose, highest first. Each group's volume
 * is placed at the middle of the cumulative volume it spans (midpoint plotting position): the
 * curve passes through (d_m, Σ volumes of hotter groups + ½ volume of group m) and is linear
 * between these points. So a dose field that varies linearly across the voxels gives exact Dx and
 * Vx (a voxel read at its centre stands for doses half a voxel above and below), which a step
 * function would miss by half a voxel.
 *
 * <p><b>Cumulative DVH.</b> V(D), the volume receiving at least D, is read on that curve; V(D) = 0
 * above Dmax and V(D) = the whole volume at and below Dmin.
 *
 * <p><b>Dose–volume points.</b> D(v), the minimum dose received by the hottest volume v, is the
 * inverse on the same curve: D(v) = Dmax up to the first point, Dmin beyond the last;
 * Dx% = D(x/100 · volume), so D100 = Dmin and D0 = Dmax, and Dx and Vx are consistent
 * (V(D(v)) = v wherever the curve is not flat). Dxcc for x larger than the structure is undefined
 * (NaN). ICRU Report 83 (2010) and GEC-ESTRO (Pötter et al., Radiother. Oncol. 78 (2006) 67)
 * define D90, D2cc, V100 this way ("minimum dose in the most irradiated x"); the interpolation is
 * our choice where they are silent.
 *
 * <p>Immutable; building it sorts the samples once (radix sort, linear in their number), every query is a
 * binary search.
 */
public final class Dvh {

    private final String name;
    /** Distinct sample doses, highest first. */
    private final double[] levelsGy;
    /** Cumulative volume at the middle of level m's group: hotter volume + ½ of its own, cc. */
    private final double[] midCc;
    private final double totalCc;
    private final double meanGy;

    private Dvh(String name, double[] levelsGy, double[] midCc, double totalCc, double meanGy) {
        this.name = name;
        this.levelsGy = levelsGy;
        this.midCc = midCc;
        this.totalCc = totalCc;
        this.meanGy = meanGy;
    }

    /** The DVH of samples with doses {@code doseGy} (≥ 0) and volumes {@code volumeCc} (≥ 0). */
    public static Dvh of(String name, float[] doseGy, double[] volumeCc) {
        int n = doseGy.length;
        if (volumeCc.length != n) {
            throw new IllegalArgumentException("DVH of '" + name + "' has " + n + " doses and " + volumeCc.length + " volumes");
        }
        if (n == 0) {
            throw new IllegalArgumentException("structure '" + name + "' has no volume on the dose grid: check its contours and the grid");
        }
        double total = 0;
        double weighted = 0;
        for (int s = 0; s < n; s++) {
            float d = doseGy[s];
            if (!(d >= 0) || Float.isInfinite(d)) {
                throw new IllegalArgumentException("dose of '" + name + "' at sample " + s + " is " + d
                        + " Gy: doses must be finite and not negative");
            }
            total += volumeCc[s];
            weighted += volumeCc[s] * d;
        }
        int[] order = FloatOrder.ascending(doseGy);
        double[] levels = new double[n];
        double[] mid = new double[n];
        int m = -1;
        double hotter = 0;
        double group = 0;
        float previous = Float.NaN;
        for (int r = n - 1; r >= 0; r--) {
            int s = order[r];
            float d = doseGy[s];
            if (d != previous) {
                if (m >= 0) {
                    mid[m] = hotter + group / 2;
                    hotter += group;
                }
                m++;
                levels[m] = d;
                previous = d;
                group = 0;
            }
            group += volumeCc[s];
        }
        mid[m] = hotter + group / 2;
        return new Dvh(name, Arrays.copyOf(levels, m + 1), Arrays.copyOf(mid, m + 1), total, total > 0 ? weighted / total : 0);
    }

    /** The DVH of samples of equal volume {@code volumeEachCc}. */
    public static Dvh of(String name, float[] doseGy, double volumeEachCc) {
        double[] v = new double[doseGy.length];
        Arrays.fill(v, volumeEachCc);
        return of(name, doseGy, v);
    }

    public String name() {
        return name;
    }

    /** Volume of the structure, cc. */
    public double volumeCc() {
        return totalCc;
    }

    public double minGy() {
        return levelsGy[levelsGy.length - 1];
    }

    public double maxGy() {
        return levelsGy[0];
    }

    /** Volume-weighted mean dose, Gy. */
    public double meanGy() {
        return meanGy;
    }

    /** V(D): volume receiving at least {@code doseGy}, cc. */
    public double volumeAtLeastCc(double doseGy) {
        int last = levelsGy.length - 1;
        if (doseGy > levelsGy[0]) {
            return 0;
        }
        if (doseGy <= levelsGy[last]) {
            return totalCc;
        }
        // first level strictly below the dose; levels are descending
        int lo = 0, hi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (levelsGy[mid] >= doseGy) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double t = (levelsGy[lo] - doseGy) / (levelsGy[lo] - levelsGy[hi]);
        return midCc[lo] + t * (midCc[hi] - midCc[lo]);
    }

    /** V(D) as a percentage of the structure's volume. */
    public double volumeAtLeastPercent(double doseGy) {
        return totalCc > 0 ? 100 * volumeAtLeastCc(doseGy) / totalCc : 0;
    }

    /** D(v): minimum dose of the hottest {@code volumeCc}, Gy; NaN when the structure is smaller. */
    public double doseAtVolumeCc(double volumeCc) {
        if (!(volumeCc >= 0) || volumeCc > totalCc * (1 + 1e-12)) {
            return Double.NaN;
        }
        if (volumeCc <= midCc[0]) {
            return levelsGy[0];
        }
        int last = levelsGy.length - 1;
        if (volumeCc >= midCc[last]) {
            return levelsGy[last];
        }
        // first level whose mid-point volume reaches the requested volume
        int lo = 0, hi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (midCc[mid] < volumeCc) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double t = (volumeCc - midCc[lo]) / (midCc[hi] - midCc[lo]);
        return levelsGy[lo] + t * (levelsGy[hi] - levelsGy[lo]);
    }

    /** Cumulative volume at the middle of the coldest dose group, cc: D(v) is Dmin beyond it. */
    double lastPointCc() {
        return midCc[midCc.length - 1];
    }

    /** Dx%: minimum dose of the hottest {@code percent} % of the volume, Gy. */
    public double doseAtPercent(double percent) {
        if (!(percent >= 0 && percent <= 100)) {
            throw new IllegalArgumentException("D x% of '" + name + "' needs 0 ≤ x ≤ 100, got " + percent);
        }
        return doseAtVolumeCc(Math.min(totalCc, percent / 100 * totalCc));
    }

    /** Cumulative DVH at doses 0, w, 2w, … up to the first step above Dmax (where it is 0). */
    public List<Point> cumulative(double binWidthGy) {
        int steps = binCount(binWidthGy);
        List<Point> out = new ArrayList<>();
        for (int b = 0; b <= steps; b++) {
            double d = b * binWidthGy;
            out.add(new Point(d, volumeAtLeastCc(d)));
        }
        return out;
    }

    /** Differential DVH: the volume whose dose falls in each bin [b·w, (b + 1)·w), cc; the bins add up to the volume. */
    public List<Bin> differential(double binWidthGy) {
        int steps = binCount(binWidthGy);
        List<Bin> out = new ArrayList<>();
        for (int b = 0; b < steps; b++) {
            double lo = b * binWidthGy;
            double hi = lo + binWidthGy;
            out.add(new Bin(lo, hi, volumeAtLeastCc(lo) - volumeAtLeastCc(hi)));
        }
        return out;
    }

    /** Most bins a tabulated DVH may have: 10⁶ bins of 1 Gy reach 1 MGy, far above any implant's dose. */
    public static final int MAX_BINS = 1_000_000;

    /** Bins of width {@code binWidthGy} from 0 to Dmax; refuses more than {@link #MAX_BINS}. */
    private int binCount(double binWidthGy) {
        if (!(binWidthGy > 0) || !Double.isFinite(binWidthGy)) {
            throw new IllegalArgumentException("DVH bin width must be a positive number of Gy, got " + binWidthGy);
        }
        double steps = Math.floor(maxGy() / binWidthGy) + 1;
        if (!(steps <= MAX_BINS)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "DVH of '%s' would need %.3g bins of %s Gy up to Dmax %.4g Gy, more than %d: a dose this high is not a seed"
                            + " implant's; check the seed strengths and units", name, steps, binWidthGy, maxGy(), MAX_BINS));
        }
        return (int) steps;
    }

    /** One point of a cumulative DVH: the volume receiving at least {@code doseGy}. */
    public record Point(double doseGy, double volumeCc) {
    }

    /** One bin of a differential DVH: the volume whose dose lies in [lowGy, highGy). */
    public record Bin(double lowGy, double highGy, double volumeCc) {
    }
}
