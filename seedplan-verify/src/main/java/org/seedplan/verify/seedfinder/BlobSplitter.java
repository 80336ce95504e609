package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * Splits a blob into n seed-shaped groups by k-segments clustering (Lloyd iterations where each
 * cluster is a seed-long segment: voxels go to the nearest segment in bloom units, each segment
 * moves to the mean of its voxels and turns to their principal axis), started from equal splits
 * along the first and second principal axes and, for three or more seeds, around the first axis
 * (one seed: each principal axis as the seed's axis, and on slices 3 mm thick or more the blob's in-plane elongation
 * tilted out of the slices by 0, ±15, … ±60°).
 * The splits are starting points for {@link ImageFitter}.
 */
final class BlobSplitter {

    /**
     * Steps and reach of the tilts out of the slice plane from which a single seed's fit may start, degrees: the fit's first
     * tilt step is 0.2 rad (11°), so starts 15° apart leave every tilt within reach; beyond 60° the blob's own principal
     * axis (along z) is a start.
     */
    static final int TILT_STEP_DEG = 15;
    static final int MAX_TILT_DEG = 60;
    /**
     * Slice profiles from this width on get the tilted starts, mm: on 2.5 mm tuning scans they changed the axes little and let a
     * stent's strut fit well enough to be counted (107, docs/seed-finder.md, ninth round).
     */
    static final double TILTED_STARTS_FROM_MM = 3;

    private final SeedShapeModel model;
    private final boolean tiltedStarts;

    /** {@code profileMm}: the width of the scan's slice profile (its slice thickness), mm. */
    BlobSplitter(SeedShapeModel model, double profileMm) {
        this.model = model;
        this.tiltedStarts = profileMm >= TILTED_STARTS_FROM_MM;
    }

    /** Starting placements of n seeds: each initial split after k-segments iterations. */
    List<SeedShapeModel.Placed[]> splits(Blob b, int n) {
        PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, ones(b.size()), null, b.size());
        List<SeedShapeModel.Placed[]> out = new ArrayList<>();
        for (SeedShapeModel.Placed[] start : starts(b, pa, n)) {
            out.add(iterate(b, start));
        }
        return out;
    }

    private List<SeedShapeModel.Placed[]> starts(Blob b, PrincipalAxes pa, int n) {
        List<SeedShapeModel.Placed[]> out = new ArrayList<>();
        Vec3 axis = pa.axes()[0];
        if (n == 1) {
            // On thick slices the blob's longest axis may be the slice direction, not the seed's.
            for (Vec3 e : pa.axes()) {
                out.add(new SeedShapeModel.Placed[] {model.place(pa.meanMm(), e)});
            }
            // And on thick slices a seed's tilt out of them hides in a blob one or two slices deep: its in-plane elongation turned
            // out of the plane by up to MAX_TILT_DEG, either way.
            Vec3 flat = tiltedStarts ? PrincipalAxes.inPlaneAxis(b.x, b.y, ones(b.size()), b.size()) : null;
            for (int t = -MAX_TILT_DEG; flat != null && t <= MAX_TILT_DEG; t += TILT_STEP_DEG) {
                double e = Math.toRadians(t);
                out.add(new SeedShapeModel.Placed[] {model.place(pa.meanMm(), flat.times(Math.cos(e)).plus(Vec3.UNIT_Z.times(Math.sin(e))))});
            }
            return out;
        }
        for (int a = 0; a < 2; a++) {
            Vec3 e = pa.axes()[a];
            double[] key = new double[b.size()];
            for (int q = 0; q < b.size(); q++) {
                key[q] = (b.x[q] - pa.meanMm().x()) * e.x() + (b.y[q] - pa.meanMm().y()) * e.y()
                        + (b.z[q] - pa.meanMm().z()) * e.z();
            }
            out.add(chunks(b, key, n, axis));
        }
        if (n >= 3) {
            Vec3 e2 = pa.axes()[1];
            Vec3 e3 = pa.axes()[2];
            double[] key = new double[b.size()];
            for (int q = 0; q < b.size(); q++) {
                double dx = b.x[q] - pa.meanMm().x();
                double dy = b.y[q] - pa.meanMm().y();
                double dz = b.z[q] - pa.meanMm().z();
                key[q] = Math.atan2(dx * e3.x() + dy * e3.y() + dz * e3.z(), dx * e2.x() + dy * e2.y() + dz * e2.z());
            }
            out.add(chunks(b, key, n, axis));
        }
        return out;
    }

    /** n seeds at the means of n equal-count groups of voxels ordered by {@code key}. */
    private SeedShapeModel.Placed[] chunks(Blob b, double[] key, int n, Vec3 axis) {
        Integer[] order = new Integer[b.size()];
        for (int q = 0; q < order.length; q++) {
            order[q] = q;
        }
        Arrays.sort(order, (p, q) -> Double.compare(key[p], key[q]));
        SeedShapeModel.Placed[] seeds = new SeedShapeModel.Placed[n];
        for (int s = 0; s < n; s++) {
            int from = s * order.length / n;
            int to = Math.max(from + 1, (s + 1) * order.length / n);
            double mx = 0;
            double my = 0;
            double mz = 0;
            for (int r = from; r < to; r++) {
                mx += b.x[order[r]];
                my += b.y[order[r]];
                mz += b.z[order[r]];
            }
            int c = to - from;
            seeds[s] = model.place(new Vec3(mx / c, my / c, mz / c), axis);
        }
        return seeds;
    }

    private SeedShapeModel.Placed[] iterate(Blob b, SeedShapeModel.Placed[] start) {
        SeedShapeModel.Placed[] seeds = start.clone();
        int n = seeds.length;
        if (n == 1) {
            return seeds;
        }
        int[] owner = new int[b.size()];
        double[] w = ones(b.size());
        for (int it = 0; it < 12; it++) {
            boolean changed = false;
            for (int q = 0; q < b.size(); q++) {
                int bestS = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int s = 0; s < n; s++) {
                    double d = seeds[s].distance2(b.x[q], b.y[q], b.z[q]);
                    if (d < bestD) {
                        bestD = d;
                        bestS = s;
                    }
                }
                if (owner[q] != bestS || it == 0) {
                    changed |= owner[q] != bestS;
                    owner[q] = bestS;
                }
            }
            if (!changed && it > 0) {
                break;
            }
            for (int s = 0; s < n; s++) {
                int[] members = new int[b.size()];
                int count = 0;
                for (int q = 0; q < b.size(); q++) {
                    if (owner[q] == s) {
                        members[count++] = q;
                    }
                }
                if (count < 3) {
                    continue;
                }
                PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, w, members, count);
                Vec3 axis = pa.variances()[0] > 1.5 * pa.variances()[1] ? pa.axes()[0] : seeds[s].axis;
                seeds[s] = model.place(pa.meanMm(), axis);
            }
        }
        return seeds;
    }

    static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }
}
