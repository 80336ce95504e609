package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.geometry.Grid;

/**
 * The dark bands beam hardening draws between the dense objects of one slice (the rays through two metal objects are hardened
 * the most): around an object, each band runs from the object's centre in the slice towards another dense object of the slice,
 * deepening over {@value #FADE_MM} mm and {@value #WIDTH_MM} mm wide (σ), its depth growing with the metal of both. A bundle of
 * three seeds makes three objects' bands where a pair makes two: its shoulders lie darker than three seeds' images adding up,
 * and a model without the bands fits them as two (docs/seed-finder.md, fifteenth round). The band's shape is the bench
 * scanner's; its depth per seed is learned from the scan's single seeds ({@link #depth}).
 */
final class DarkBands {

    /** Distance over which a band deepens from the object's centre, mm. */
    static final double FADE_MM = 2.0;
    /** Half-width (σ) of a band across its line, mm. */
    static final double WIDTH_MM = 1.0;
    /** Least metal of another object in a slice, in single seeds' metal, for it to draw a band. */
    static final double DENSE_SHARE = 0.1;

    private final Grid g;
    /** Per slice, the dense objects' {label, content in seeds, x, y}. */
    private final Map<Integer, List<double[]>> bySlice;

    private DarkBands(Grid g, Map<Integer, List<double[]>> bySlice) {
        this.g = g;
        this.bySlice = bySlice;
    }

    /**
     * The objects of each slice: every labelled object's metal (CT number above the background, read through the clip, summed
     * over its voxels in the slice) and centre there, in units of the median object's metal (most objects are single seeds).
     */
    static DarkBands of(Grid g, float[] hu, int[] labels, double background) {
        Map<Long, double[]> sums = new HashMap<>();
        int nxy = g.nx() * g.ny();
        for (int v = 0; v < labels.length; v++) {
            int l = labels[v];
            if (l <= 0) {
                continue;
            }
            double w = hu[v] - background;
            if (!(w > 0)) {
                continue;
            }
            int k = v / nxy;
            int j = (v - k * nxy) / g.nx();
            int i = v - k * nxy - j * g.nx();
            double[] s = sums.computeIfAbsent(((long) k << 32) | l, key -> new double[3]);
            s[0] += w;
            s[1] += w * g.x(i);
            s[2] += w * g.y(j);
        }
        Map<Integer, Double> totals = new HashMap<>();
        sums.forEach((key, s) -> totals.merge((int) (long) key, s[0], Double::sum));
        double[] sorted = totals.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double unit = sorted.length == 0 ? 1 : sorted[sorted.length / 2];
        Map<Integer, List<double[]>> bySlice = new HashMap<>();
        sums.forEach((key, s) -> {
            int k = (int) (key >>> 32);
            int l = (int) (long) key;
            bySlice.computeIfAbsent(k, x -> new ArrayList<>()).add(new double[] {l, s[0] / unit, s[1] / s[0], s[2] / s[0]});
        });
        return new DarkBands(g, bySlice);
    }

    /**
     * The darkening per seed of an object (label {@code own}) at each voxel of its region, in units of the band depth: in each
     * slice, Σ over the other dense objects there of √(the share of one of the object's seeds in that slice × the other's metal
     * in seeds) × the band's shape.
     */
    double[] perSeed(int own, ImageFitter.Region r) {
        double[] out = new double[r.size()];
        Map<Integer, double[]> ownBySlice = new HashMap<>();
        bySlice.forEach((k, objects) -> objects.stream().filter(o -> (int) o[0] == own).findFirst().ifPresent(o -> ownBySlice.put(k, o)));
        double ownSeeds = totalSeeds(own);
        if (!(ownSeeds > 0)) {
            return out;
        }
        for (int q = 0; q < out.length; q++) {
            int k = (int) Math.round((r.z[q] - g.z(0)) / g.dzMm());
            double[] me = ownBySlice.get(k);
            if (me == null) {
                continue;
            }
            double share = me[1] / ownSeeds;
            double d = 0;
            for (double[] o : bySlice.get(k)) {
                if ((int) o[0] == own || o[1] < DENSE_SHARE) {
                    continue;
                }
                d += Math.sqrt(share * o[1]) * band(r.x[q], r.y[q], me[2], me[3], o[2], o[3]);
            }
            out[q] = d;
        }
        return out;
    }

    private double totalSeeds(int label) {
        double s = 0;
        for (List<double[]> objects : bySlice.values()) {
            for (double[] o : objects) {
                if ((int) o[0] == label) {
                    s += o[1];
                }
            }
        }
        return s;
    }

    /** The band's shape at (x, y) between centres a and b: deepening over FADE_MM from either end, Gaussian across. */
    static double band(double x, double y, double ax, double ay, double bx, double by) {
        double len = Math.hypot(bx - ax, by - ay);
        if (len < 1e-6) {
            return 0;
        }
        double ux = (bx - ax) / len;
        double uy = (by - ay) / len;
        double px = x - ax;
        double py = y - ay;
        double t = px * ux + py * uy;
        if (t < 0 || t > len) {
            return 0;
        }
        double across = -px * uy + py * ux;
        return Math.min(1, Math.min(t, len - t) / FADE_MM) * Math.exp(-across * across / (2 * WIDTH_MM * WIDTH_MM));
    }

    /**
     * The band depth per seed that best explains what the single seeds' fits leave (least squares over the voxels below the
     * clip both in the scan and in the fit), HU, at least 0.
     */
    static double depth(List<double[][]> singles) {
        double num = 0;
        double den = 0;
        for (double[][] s : singles) {
            double[] dark = s[0];
            double[] misfit = s[1];
            for (int q = 0; q < dark.length; q++) {
                if (!Double.isNaN(misfit[q])) {
                    num += dark[q] * misfit[q];
                    den += dark[q] * dark[q];
                }
            }
        }
        return den > 0 ? Math.max(0, num / den) : 0;
    }
}
