package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.geometry.Grid;

/**
 * The dark bands beam hardening draws between the dense objects of one slice (the rays through two metal objects are hardened
 * the most): around an object, each band runs towards another dense object of the slice, its depth growing with the metal of
 * both. A bundle of three seeds makes three objects' bands where a pair makes two: its shoulders lie darker than three seeds'
 * images adding up, and a model without the bands fits them as two (docs/seed-finder.md, fifteenth round). The band's depth per
 * seed and, since the sixteenth round, its shape ({@link Shape}: width, how it fades in or runs on past the objects, bright
 * flanks, how its depth grows with the metal) are learned from the scan's single seeds ({@link #learn}); the bench scanner's
 * shape ({@link Shape#BENCH}) is kept unless another explains what the single seeds leave clearly better.
 */
final class DarkBands {

    /** Least metal of another object in a slice, in single seeds' metal, for it to draw a band. */
    static final double DENSE_SHARE = 0.1;
    /**
     * How much more of what the single seeds' one-seed fits leave a shape must explain than the bench's for the scan to take it
     * (the bench's shape is the prior; docs/seed-finder.md, sixteenth round, for the margin).
     */
    static final double PRIOR_GAIN = 1.25;
    /**
     * Least share of what the single seeds' one-seed fits leave below the clip that the chosen bands must explain, or the scan
     * shows no bands and none are modelled (docs/seed-finder.md, sixteenth round: 0.08-0.29 on the tuning scans with either
     * bench beam hardening, 0.0001 on a scan without).
     */
    static final double MIN_EXPLAINED_SHARE = 0.02;
    /** A through streak's fading past an object: as STREAK_FADE_MM / (STREAK_FADE_MM + r) at r mm past it. */
    static final double STREAK_FADE_MM = 10;
    /** Bright flanks' width in units of the dark core's, their area equal and opposite (no net CT number across the line). */
    static final double FLANK_WIDTH = 3;

    /**
     * A band's shape: σ across its line ({@code widthMm}); along it either between the two centres only, deepening over
     * {@code fadeMm} from either ({@code through} false), or through both centres at full depth and on past them, fading as
     * 10 / (10 + r) ({@code through} true); with or without bright flanks; its depth ∝ (the two objects' metal product)^power.
     */
    record Shape(double widthMm, double fadeMm, boolean through, boolean flanks, double power) {
        /** The bench scanner's bands (σ 1 mm, deepening over 2 mm from either centre, no flanks, ∝ √ of the metal product). */
        static final Shape BENCH = new Shape(1.0, 2.0, false, false, 0.5);

        /** The shapes a scan may show: widths 0.6, 1.0 and 1.5 mm × fading in over 1, 2 or 3 mm or running through × flanks × power. */
        static final List<Shape> CANDIDATES = candidates();

        private static List<Shape> candidates() {
            List<Shape> out = new ArrayList<>();
            for (double w : new double[] {0.6, 1.0, 1.5}) {
                for (double fade : new double[] {1, 2, 3, 0}) {
                    for (boolean flanks : new boolean[] {false, true}) {
                        for (double power : new double[] {0.5, 1}) {
                            out.add(new Shape(w, fade, fade == 0, flanks, power));
                        }
                    }
                }
            }
            return List.copyOf(out);
        }

        /** Along the band, t mm from the object's centre towards the other's, len mm away: 0 to 1. */
        double along(double t, double len) {
            if (through) {
                double past = t < 0 ? -t : Math.max(0, t - len);
                return STREAK_FADE_MM / (STREAK_FADE_MM + past);
            }
            return t < 0 || t > len ? 0 : Math.min(1, Math.min(t, len - t) / fadeMm);
        }

        /**
         * Across the band, given the Gaussians of σ widthMm ({@code core}) and of σ {@value #FLANK_WIDTH} widthMm ({@code flank})
         * at the distance from its line: 1 on the line.
         */
        double across(double core, double flank) {
            return flanks ? (core - flank / FLANK_WIDTH) / (1 - 1 / FLANK_WIDTH) : core;
        }

        /** The depth's factor for a product of the two objects' metal (in single seeds' metal). */
        double ofMetal(double metal, double root) {
            return power == 0.5 ? root : power == 1 ? metal : Math.pow(metal, power);
        }
    }

    /** The band shape and depth per seed (HU) a scan's single seeds show; depth 0: no bands. */
    record Learned(Shape shape, double depth) {
    }

    /** What one single seed's one-seed fit leaves at each voxel of its region (NaN at the clip), with its object's label. */
    record Single(int label, ImageFitter.Region region, double[] misfit) {
    }

    private final Grid g;
    /** Per slice, the dense objects' {label, content in seeds, x, y}. */
    private final Map<Integer, List<double[]>> bySlice;
    private final Shape shape;

    private DarkBands(Grid g, Map<Integer, List<double[]>> bySlice, Shape shape) {
        this.g = g;
        this.bySlice = bySlice;
        this.shape = shape;
    }

    /**
     * The objects of each slice: every labelled object's metal (CT number above the background, read through the clip, summed
     * over its voxels in the slice) and centre there, in units of the median object's metal (most objects are single seeds);
     * the bench's band shape.
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
        return new DarkBands(g, bySlice, Shape.BENCH);
    }

    /** The same objects with bands of the given shape. */
    DarkBands shaped(Shape s) {
        return new DarkBands(g, bySlice, s);
    }

    /**
     * The darkening per seed of an object (label {@code own}) at each voxel of its region, in units of the band depth: in each
     * slice, Σ over the other dense objects there of (the share of one of the object's seeds in that slice × the other's metal
     * in seeds)^power × the band's shape.
     */
    double[] perSeed(int own, ImageFitter.Region r) {
        return perSeed(own, r, List.of(shape), null)[0];
    }

    /**
     * {@link #perSeed(int, ImageFitter.Region)} for each of the given shapes at once ([shape][voxel]), at the voxels where
     * {@code only} is a number (all where it is null; 0 elsewhere).
     */
    private double[][] perSeed(int own, ImageFitter.Region r, List<Shape> shapes, double[] only) {
        double[][] out = new double[shapes.size()][r.size()];
        // The dark core's Gaussian once per width (the costly part), not once per shape.
        double[] widths = shapes.stream().mapToDouble(Shape::widthMm).distinct().toArray();
        int[] widthOf = new int[shapes.size()];
        for (int s = 0; s < shapes.size(); s++) {
            for (int w = 0; w < widths.length; w++) {
                if (widths[w] == shapes.get(s).widthMm()) {
                    widthOf[s] = w;
                }
            }
        }
        double[] core = new double[widths.length];
        double[] flank = new double[widths.length];
        boolean flanks = shapes.stream().anyMatch(Shape::flanks);
        Map<Integer, double[]> ownBySlice = new HashMap<>();
        bySlice.forEach((k, objects) -> objects.stream().filter(o -> (int) o[0] == own).findFirst().ifPresent(o -> ownBySlice.put(k, o)));
        double ownSeeds = totalSeeds(own);
        if (!(ownSeeds > 0)) {
            return out;
        }
        for (int q = 0; q < r.size(); q++) {
            if (only != null && Double.isNaN(only[q])) {
                continue;
            }
            int k = (int) Math.round((r.z[q] - g.z(0)) / g.dzMm());
            double[] me = ownBySlice.get(k);
            if (me == null) {
                continue;
            }
            double share = me[1] / ownSeeds;
            for (double[] o : bySlice.get(k)) {
                if ((int) o[0] == own || o[1] < DENSE_SHARE) {
                    continue;
                }
                double len = Math.hypot(o[2] - me[2], o[3] - me[3]);
                if (len < 1e-6) {
                    continue;
                }
                double ux = (o[2] - me[2]) / len;
                double uy = (o[3] - me[3]) / len;
                double px = r.x[q] - me[2];
                double py = r.y[q] - me[3];
                double t = px * ux + py * uy;
                double across = -px * uy + py * ux;
                double metal = share * o[1];
                double root = Math.sqrt(metal);
                for (int w = 0; w < widths.length; w++) {
                    core[w] = Math.exp(-across * across / (2 * widths[w] * widths[w]));
                    if (flanks) {
                        double f = FLANK_WIDTH * widths[w];
                        flank[w] = Math.exp(-across * across / (2 * f * f));
                    }
                }
                for (int s = 0; s < shapes.size(); s++) {
                    Shape sh = shapes.get(s);
                    double along = sh.along(t, len);
                    if (along != 0) {
                        out[s][q] += sh.ofMetal(metal, root) * (along * sh.across(core[widthOf[s]], flank[widthOf[s]]));
                    }
                }
            }
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

    /**
     * The band shape and depth per seed that best explain what the single seeds' one-seed fits leave below the clip: for each
     * candidate shape the depth by least squares (at least 0) and the misfit energy it explains; the bench's shape unless
     * another explains more than {@value #PRIOR_GAIN} times as much. Depth 0 (no bands) where the shape chosen explains less
     * than {@value #MIN_EXPLAINED_SHARE} of the misfit's energy, or the single seeds are brighter along it.
     */
    Learned learn(List<Single> singles) {
        List<Shape> shapes = Shape.CANDIDATES;
        double[] xy = new double[shapes.size()];
        double[] xx = new double[shapes.size()];
        double misfitEnergy = 0;
        for (Single one : singles) {
            for (double v : one.misfit()) {
                if (!Double.isNaN(v)) {
                    misfitEnergy += v * v;
                }
            }
            double[][] dark = perSeed(one.label(), one.region(), shapes, one.misfit());
            for (int s = 0; s < shapes.size(); s++) {
                for (int q = 0; q < one.misfit().length; q++) {
                    if (!Double.isNaN(one.misfit()[q])) {
                        xy[s] += dark[s][q] * one.misfit()[q];
                        xx[s] += dark[s][q] * dark[s][q];
                    }
                }
            }
        }
        return choose(shapes, xy, xx, misfitEnergy);
    }

    /** The choice of {@link #learn} from the sums Σ dark·misfit and Σ dark² per shape and the misfit's energy Σ misfit². */
    static Learned choose(List<Shape> shapes, double[] xy, double[] xx, double misfitEnergy) {
        int bench = shapes.indexOf(Shape.BENCH);
        int best = bench;
        for (int s = 0; s < shapes.size(); s++) {
            if (explained(xy[s], xx[s]) > explained(xy[best], xx[best])) {
                best = s;
            }
        }
        int chosen = explained(xy[best], xx[best]) > PRIOR_GAIN * explained(xy[bench], xx[bench]) ? best : bench;
        if (!(explained(xy[chosen], xx[chosen]) >= MIN_EXPLAINED_SHARE * misfitEnergy)) {
            return new Learned(shapes.get(chosen), 0);
        }
        double depth = xx[chosen] > 0 ? Math.max(0, xy[chosen] / xx[chosen]) : 0;
        return new Learned(shapes.get(chosen), depth);
    }

    /** The misfit energy a shape explains at its least-squares depth (0 where that depth would be negative). */
    private static double explained(double xy, double xx) {
        return xx > 0 && xy > 0 ? xy * xy / xx : 0;
    }
}
