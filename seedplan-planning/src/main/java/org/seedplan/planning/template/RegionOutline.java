package org.seedplan.planning.template;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The template's outline in its own plane: the convex hull of the channels' skin entries (2D,
 * mm) grown by a margin, as a signed distance (negative inside).
 */
final class RegionOutline {

    private final double[][] hull;
    private final double marginMm;

    RegionOutline(List<double[]> points, double marginMm) {
        this.hull = convexHull(points);
        this.marginMm = marginMm;
    }

    /** Signed distance of (u, v) to the outline, mm: negative inside. */
    double signedDistance(double u, double v) {
        double d = Double.MAX_VALUE;
        int n = hull.length;
        if (n == 1) {
            return Math.hypot(u - hull[0][0], v - hull[0][1]) - marginMm;
        }
        boolean inside = n >= 3;
        for (int i = 0; i < n; i++) {
            double[] a = hull[i];
            double[] b = hull[(i + 1) % n];
            double ex = b[0] - a[0];
            double ey = b[1] - a[1];
            double t = Math.max(0, Math.min(1, ((u - a[0]) * ex + (v - a[1]) * ey) / (ex * ex + ey * ey)));
            d = Math.min(d, Math.hypot(u - a[0] - t * ex, v - a[1] - t * ey));
            if (ex * (v - a[1]) - ey * (u - a[0]) < 0) {
                inside = false;
            }
        }
        return (inside ? -d : d) - marginMm;
    }

    /** Centroid of the hull's corners, mm. */
    double[] centre() {
        double u = 0;
        double v = 0;
        for (double[] p : hull) {
            u += p[0] / hull.length;
            v += p[1] / hull.length;
        }
        return new double[] {u, v};
    }

    /** The point at distance {@code insetMm} inside the outline, seen from the centre at angle {@code angleRad}. */
    double[] pointInside(double angleRad, double insetMm) {
        double[] c = centre();
        double lo = 0;
        double hi = 1000;
        for (int it = 0; it < 60; it++) {
            double mid = (lo + hi) / 2;
            if (signedDistance(c[0] + mid * Math.cos(angleRad), c[1] + mid * Math.sin(angleRad)) < -insetMm) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new double[] {c[0] + lo * Math.cos(angleRad), c[1] + lo * Math.sin(angleRad)};
    }

    /** Andrew's monotone chain, counter-clockwise, collinear and repeated points dropped. */
    private static double[][] convexHull(List<double[]> points) {
        List<double[]> p = new ArrayList<>(points);
        p.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
        List<double[]> h = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            int start = h.size();
            for (double[] q : p) {
                while (h.size() >= start + 2 && cross(h.get(h.size() - 2), h.get(h.size() - 1), q) <= 1e-9) {
                    h.remove(h.size() - 1);
                }
                h.add(q);
            }
            h.remove(h.size() - 1);
            java.util.Collections.reverse(p);
        }
        if (h.isEmpty()) {
            h.add(p.get(0));
        }
        return h.toArray(new double[0][]);
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
