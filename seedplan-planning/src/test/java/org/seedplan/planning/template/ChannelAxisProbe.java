package org.seedplan.planning.template;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * Measures a channel's axis from a mesh alone: cuts the mesh with planes across the planned
 * axis every 0.2 mm along the channel's length inside the plastic, takes the centroid of the
 * channel wall's cross-section loop in each plane (the cut segments within half-way between the
 * channel radius and the sleeve radius of the planned axis), and fits a line through the
 * centroids (least squares: centroid and principal direction).
 */
final class ChannelAxisProbe {

    /** The fitted axis, the largest distance of the planned axis from it over the measured length, and the angle between them. */
    record Measured(Vec3 point, Vec3 direction, int slices, double maxOffsetMm, double angleDeg) {
    }

    private ChannelAxisProbe() {
    }

    static Measured measure(TriangleMesh mesh, TemplateChannel ch, double channelRadiusMm, double sleeveRadiusMm) {
        Vec3 dir = ch.direction();
        double keep = (channelRadiusMm + sleeveRadiusMm) / 2;
        double from = 0.3;
        double to = ch.topMm().distanceTo(ch.bottomMm()) - 0.3;
        List<Integer> near = new ArrayList<>();
        for (int t = 0; t < mesh.triangleCount(); t++) {
            Vec3 c = mesh.vertex(mesh.corner(t, 0));
            Vec3 w = c.minus(ch.topMm());
            double along = w.dot(dir);
            if (along > -1 && along < to + 1 && w.minus(dir.times(along)).norm() < keep + 1) {
                near.add(t);
            }
        }
        List<Vec3> centroids = new ArrayList<>();
        for (double s = from; s <= to; s += 0.2) {
            Vec3 q = ch.topMm().plus(dir.times(s));
            Vec3 sum = Vec3.ZERO;
            double length = 0;
            for (int t : near) {
                Vec3[] v = {mesh.vertex(mesh.corner(t, 0)), mesh.vertex(mesh.corner(t, 1)), mesh.vertex(mesh.corner(t, 2))};
                double[] h = new double[3];
                for (int c = 0; c < 3; c++) {
                    h[c] = v[c].minus(q).dot(dir);
                }
                List<Vec3> cut = new ArrayList<>();
                for (int c = 0; c < 3; c++) {
                    int e = (c + 1) % 3;
                    if ((h[c] < 0) != (h[e] < 0)) {
                        cut.add(v[c].plus(v[e].minus(v[c]).times(h[c] / (h[c] - h[e]))));
                    }
                }
                if (cut.size() != 2) {
                    continue;
                }
                Vec3 mid = cut.get(0).plus(cut.get(1)).times(0.5);
                Vec3 w = mid.minus(q);
                if (w.minus(dir.times(w.dot(dir))).norm() > keep) {
                    continue;
                }
                double len = cut.get(0).distanceTo(cut.get(1));
                sum = sum.plus(mid.times(len));
                length += len;
            }
            if (Math.abs(length - 2 * Math.PI * channelRadiusMm) < 0.25 * 2 * Math.PI * channelRadiusMm) {
                centroids.add(sum.times(1 / length));
            }
        }
        if (centroids.size() < 5) {
            throw new AssertionError(ch.name() + ": only " + centroids.size() + " closed channel loops found in the mesh");
        }
        Vec3 mean = Vec3.ZERO;
        for (Vec3 c : centroids) {
            mean = mean.plus(c.times(1.0 / centroids.size()));
        }
        double[][] cov = new double[3][3];
        for (Vec3 c : centroids) {
            double[] w = {c.x() - mean.x(), c.y() - mean.y(), c.z() - mean.z()};
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    cov[a][b] += w[a] * w[b];
                }
            }
        }
        Vec3 fitted = dir;
        for (int it = 0; it < 100; it++) {
            double[] x = {fitted.x(), fitted.y(), fitted.z()};
            double[] y = new double[3];
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    y[a] += cov[a][b] * x[b];
                }
            }
            fitted = new Vec3(y[0], y[1], y[2]).normalized();
        }
        if (fitted.dot(dir) < 0) {
            fitted = fitted.times(-1);
        }
        double angle = Math.toDegrees(Math.acos(Math.min(1, fitted.dot(dir))));
        double offset = 0;
        for (Vec3 end : List.of(ch.topMm().plus(dir.times(from)), ch.topMm().plus(dir.times(to)))) {
            Vec3 w = end.minus(mean);
            offset = Math.max(offset, w.minus(fitted.times(w.dot(fitted))).norm());
        }
        return new Measured(mean, fitted, centroids.size(), offset, angle);
    }
}
