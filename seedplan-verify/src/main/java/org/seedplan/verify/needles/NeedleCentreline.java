package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Refines a needle's centreline to sub-voxel precision: the CT around the curve found from the metal voxels is cut into
 * slabs {@value #SLAB_MM} mm thick across the needle, each slab's centroid is taken over every voxel within
 * {@value #RADIUS_MM} mm of the curve weighted by how far it rises above {@value #BASE_HU} HU (so the partial-volume
 * edges, which lie below a 12-bit scanner's clip, place the needle between voxel centres and between slices where the
 * clipped core cannot), and the curve is refitted to the centroids with slabs that stray from it (a seed touching the
 * needle, a needle crossing it) left out. Voxels nearer another needle's curve than this one's are not counted.
 */
final class NeedleCentreline {

    /** Cross-section slab thickness along the needle, mm. */
    static final double SLAB_MM = 1.0;
    /**
     * Radius around the curve whose voxels enter a slab's centroid in the axial plane, mm (an 18 G needle, 0.64 mm, with the
     * in-plane blur); along z one slice spacing more, so that the neighbouring slices' partial volume counts.
     */
    static final double RADIUS_MM = 2.5;
    /**
     * CT numbers above this count towards a centroid, HU: above soft tissue (40 HU) with its noise, low enough that the
     * partial volume of the needle in the neighbouring slice of a thick-slice scan (a few hundred HU) counts.
     */
    static final double BASE_HU = 200;
    /** Length of the pieces of the curve whose surrounding boxes are searched, mm. */
    private static final double CHUNK_MM = 5;
    /** A slab whose centroid lies farther than this and 3 × the median from the refitted curve is left out, mm. */
    private static final double STRAY_MM = 0.25;

    private NeedleCentreline() {
    }

    /** Another needle's curve over its extent (parameters t0 to t1). */
    record Extent(SpaceCurve curve, double t0, double t1) {
        /** Distance from p to the curve; MAX_VALUE beyond its extent or farther than {@code within} from its reference axis. */
        double distance(Vec3 p, double within) {
            Vec3 r = p.minus(curve.centre());
            double t = r.dot(curve.axis());
            if (t < t0 - SLAB_MM || t > t1 + SLAB_MM || r.minus(curve.axis().times(t)).norm() > within + BEND_MM) {
                return Double.MAX_VALUE;
            }
            return curve.distance(p);
        }
    }

    /** Largest distance of a needle's curve from its reference axis considered, mm (a bent needle's deflection is a few mm). */
    private static final double BEND_MM = 10;

    /**
     * The curve refitted through the slab centroids between parameters {@code t0} and {@code t1} of {@code curve} (the
     * metal run's extent); {@code others} are the other needles' curves. Returns {@code curve} when too few slabs remain.
     */
    static SpaceCurve refine(Volume ct, SpaceCurve curve, double t0, double t1, List<Extent> others) {
        return refine(ct, curve, t0, t1, others, true);
    }

    /**
     * {@link #refine}; {@code again}: where a slab showed another object's steel beside the needle ({@link #besideOtherSteel}),
     * the slabs are cut once more about the refitted curve, which lies nearer the needle's steel than the run's (a run's end
     * pulled half way to a strand of seeds beside its tip puts the needle and the seeds equally far from it).
     */
    private static SpaceCurve refine(Volume ct, SpaceCurve curve, double t0, double t1, List<Extent> others, boolean again) {
        Grid g = ct.grid();
        float[] hu = ct.hu();
        double radiusZ = RADIUS_MM + zSpreadMm(ct);
        int bins = (int) Math.ceil((t1 - t0) / SLAB_MM) + 1;
        double[] sw = new double[bins];
        double[] sx = new double[bins];
        double[] sy = new double[bins];
        double[] sz = new double[bins];
        Vec3 centre = curve.centre();
        Vec3 axis = curve.axis();
        double[] reach = {RADIUS_MM + g.dxMm(), RADIUS_MM + g.dyMm(), radiusZ + g.dzMm()};
        SlabVoxels slabVoxels = new SlabVoxels();
        // The tube is visited piece by piece (a box around each piece of the curve), each voxel counted in the piece its parameter falls in.
        for (double from = t0; from <= t1; from += CHUNK_MM) {
            double to = Math.min(from + CHUNK_MM, t1 + 1e-9);
            Vec3 pa = curve.at(from);
            Vec3 pb = curve.at(to);
            int i0 = Math.max(0, (int) Math.floor((Math.min(pa.x(), pb.x()) - reach[0] - g.x(0)) / g.dxMm()));
            int i1 = Math.min(g.nx() - 1, (int) Math.ceil((Math.max(pa.x(), pb.x()) + reach[0] - g.x(0)) / g.dxMm()));
            int j0 = Math.max(0, (int) Math.floor((Math.min(pa.y(), pb.y()) - reach[1] - g.y(0)) / g.dyMm()));
            int j1 = Math.min(g.ny() - 1, (int) Math.ceil((Math.max(pa.y(), pb.y()) + reach[1] - g.y(0)) / g.dyMm()));
            int k0 = Math.max(0, (int) Math.floor((Math.min(pa.z(), pb.z()) - reach[2] - g.z(0)) / g.dzMm()));
            int k1 = Math.min(g.nz() - 1, (int) Math.ceil((Math.max(pa.z(), pb.z()) + reach[2] - g.z(0)) / g.dzMm()));
            for (int k = k0; k <= k1; k++) {
                for (int j = j0; j <= j1; j++) {
                    int row = g.index(0, j, k);
                    for (int i = i0; i <= i1; i++) {
                        double w = hu[row + i] - BASE_HU;
                        if (w <= 0) {
                            continue;
                        }
                        Vec3 p = new Vec3(g.x(i), g.y(j), g.z(k));
                        double t = p.minus(centre).dot(axis);
                        if (t < from || t >= to) {
                            continue;
                        }
                        Vec3 o = p.minus(curve.at(t));
                        Vec3 tangent = curve.tangent(t);
                        o = o.minus(tangent.times(o.dot(tangent)));
                        if ((o.x() * o.x() + o.y() * o.y()) / (RADIUS_MM * RADIUS_MM) + o.z() * o.z() / (radiusZ * radiusZ) > 1
                                || nearerAnother(p, o.norm(), others)) {
                            continue;
                        }
                        int bin = (int) ((t - t0) / SLAB_MM);
                        sw[bin] += w;
                        sx[bin] += w * p.x();
                        sy[bin] += w * p.y();
                        sz[bin] += w * p.z();
                        double flat = Math.hypot(tangent.x(), tangent.y());
                        slabVoxels.add(bin, flat > 1e-9 ? (o.y() * tangent.x() - o.x() * tangent.y()) / flat : 0, hu[row + i], p);
                    }
                }
            }
        }
        // A rise is left alone in a slab farther than END_PART_MM from both ends, or where another run's curve passes it.
        boolean beside = besideOtherSteel(slabVoxels, bins, NeedleFinder.followLevelHu(ct), (slab, across) -> {
            double t = t0 + (slab + 0.5) * SLAB_MM;
            Vec3 tangent = curve.tangent(t);
            double flat = Math.hypot(tangent.x(), tangent.y());
            if (t - t0 > END_PART_MM && t1 - t > END_PART_MM) {
                return true;
            }
            return flat > 1e-9
                    && nearerAnother(curve.at(t).plus(new Vec3(-tangent.y() / flat, tangent.x() / flat, 0).times(across)),
                            OTHER_RUN_MM, others);
        }, sw, sx, sy, sz);
        List<Vec3> centroids = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (sw[b] > 0) {
                centroids.add(new Vec3(sx[b] / sw[b], sy[b] / sw[b], sz[b] / sw[b]));
                weights.add(1.0);
            }
        }
        int degree = t1 - t0 >= 30 ? 2 : 1;
        boolean straightZ = straightZ(ct, curve, t0, t1);
        if (centroids.size() < 2 * (degree + 2)) {
            return curve;
        }
        SpaceCurve fitted = fit(centroids, weights, curve, degree, straightZ);
        for (int round = 0; round < 2; round++) {
            double[] residual = new double[centroids.size()];
            for (int q = 0; q < residual.length; q++) {
                residual[q] = fitted.distance(centroids.get(q));
            }
            double[] sorted = residual.clone();
            Arrays.sort(sorted);
            double limit = Math.max(STRAY_MM, 3 * sorted[sorted.length / 2]);
            List<Vec3> kept = new ArrayList<>();
            List<Double> keptWeights = new ArrayList<>();
            for (int q = 0; q < residual.length; q++) {
                if (residual[q] <= limit) {
                    kept.add(centroids.get(q));
                    keptWeights.add(1.0);
                }
            }
            if (kept.size() == centroids.size() || kept.size() < 2 * (degree + 2)) {
                break;
            }
            centroids = kept;
            weights = keptWeights;
            fitted = fit(centroids, weights, curve, degree, straightZ);
        }
        return beside && again ? refine(ct, fitted, t0, t1, others, false) : fitted;
    }

    /** Width of the bins of a slab's profile across the needle in the axial plane ({@link #besideOtherSteel}), mm. */
    static final double PROFILE_BIN_MM = 0.5;
    /**
     * How far from the curve across in the axial plane a slab's needle is looked for ({@link #besideOtherSteel}), mm: the run's
     * curve lies within about a voxel of its steel.
     */
    static final double PEAK_WITHIN_MM = 1.0;
    /**
     * How much a slab's profile across must rise again beyond its needle's fall to be another object's steel
     * ({@link #besideOtherSteel}), HU: far above the noise (10–40 HU) and the streaks (up to 350 HU), below a seed's or a needle's
     * image (thousands of HU).
     */
    static final double OTHER_STEEL_RISE_HU = 1000;
    /**
     * The rise is looked for this far from the peak and farther, mm: beyond the needle's own image (its steel's 0.64 mm radius
     * blurred by an in-plane FWHM of up to 1.2 mm), whose clipped top on a 12-bit scan reads unevenly bin to bin.
     */
    static final double OTHER_STEEL_FROM_MM = 1.5;
    /** The least half-width of the window about the needle's steel ({@link #besideOtherSteel}), mm: its steel's radius and blur. */
    static final double LEAST_HALF_WINDOW_MM = 1.0;

    /**
     * Only this near either end of the run are slabs looked at ({@link #besideOtherSteel}), mm: a tip's place across is its
     * curve's end; a strand of four seeds beside the tip is 20 mm long. Farther in, a run holding a converging neighbour's steel
     * too showed both needles' peaks near its curve, and the window went from one to the other slab by slab (4604 n7, 4611 n1).
     */
    static final double END_PART_MM = 25;
    /** How far from another run's curve the rise may lie to be that needle's steel, left to {@link #nearerAnother}, mm. */
    static final double OTHER_RUN_MM = 1.5;

    /**
     * Whether a rise {@code acrossMm} across the curve at slab {@code slab} is left alone ({@link #besideOtherSteel}): another run's
     * steel, which {@link #nearerAnother} leaves out, or a slab farther in than {@link #END_PART_MM}.
     */
    interface LeftAlone {
        boolean at(int slab, double acrossMm);
    }

    /** The voxels counted in the slabs: slab, signed offset across the curve in the axial plane (mm), CT number, place. */
    static final class SlabVoxels {
        int size;
        int[] slab = new int[1024];
        double[] across = new double[1024];
        double[] hu = new double[1024];
        Vec3[] place = new Vec3[1024];

        void add(int bin, double a, double h, Vec3 p) {
            if (size == slab.length) {
                slab = Arrays.copyOf(slab, 2 * size);
                across = Arrays.copyOf(across, 2 * size);
                hu = Arrays.copyOf(hu, 2 * size);
                place = Arrays.copyOf(place, 2 * size);
            }
            slab[size] = bin;
            across[size] = a;
            hu[size] = h;
            place[size] = p;
            size++;
        }
    }

    /**
     * The slabs whose profile across the needle in the axial plane shows another object's steel beside the needle's, their
     * centroids taken again within a window symmetric about the needle's steel ({@code sw} … {@code sz}, the slabs' summed
     * weights and weighted places, replaced there); true where any slab was. A needle's image across is one peak: its round
     * steel blurred by the scanner, falling off on both sides. Where the largest CT number per {@value #PROFILE_BIN_MM} mm bin
     * across, having fallen from the peak (looked for within {@value #PEAK_WITHIN_MM} mm of the curve), rises again by
     * {@value #OTHER_STEEL_RISE_HU} HU or more to steel ({@code metalHu}) at least {@value #OTHER_STEEL_FROM_MM} mm from it, within
     * the slab's radius, that is another object's steel, and its voxels pull the centroid towards it: a strand of seeds beside a
     * flat tip in its slice, 2.4 mm across, pulled 4723 needle 2's last 19 slabs 0.6–1.5 mm across and its tip 1.1 mm
     * (docs/needles.md, twenty-eighth round, branch {@code needleacross10}). A rise {@code leftAlone} says so of is not
     * counted: another run's steel, and slabs farther in than {@value #END_PART_MM} mm from both ends. The window reaches from
     * the needle's steel to the valley before the rise, as far on the other side (so that the needle's own image stays
     * balanced), at least {@value #LEAST_HALF_WINDOW_MM} mm; it is centred on the peak's bin, then once more on the centroid
     * within it. Slabs with no such rise keep their sums.
     */
    static boolean besideOtherSteel(SlabVoxels v, int bins, double metalHu, LeftAlone leftAlone, double[] sw, double[] sx, double[] sy,
                                    double[] sz) {
        int nb = (int) Math.round(2 * RADIUS_MM / PROFILE_BIN_MM);
        double[][] profile = new double[bins][nb];
        for (double[] row : profile) {
            Arrays.fill(row, Double.NaN);
        }
        for (int q = 0; q < v.size; q++) {
            int b = Math.min(nb - 1, Math.max(0, (int) Math.floor((v.across[q] + RADIUS_MM) / PROFILE_BIN_MM)));
            double[] row = profile[v.slab[q]];
            row[b] = Double.isNaN(row[b]) ? v.hu[q] : Math.max(row[b], v.hu[q]);
        }
        // Where another object's steel rises on a side, the valley before it bounds the window there (across, mm); the centre NaN:
        // the slab keeps its sums.
        double[] low = new double[bins];
        double[] high = new double[bins];
        double[] centre = new double[bins];
        Arrays.fill(centre, Double.NaN);
        boolean any = false;
        for (int s = 0; s < bins; s++) {
            double[] row = profile[s];
            int peak = -1;
            for (int b = 0; b < nb; b++) {
                double c = -RADIUS_MM + (b + 0.5) * PROFILE_BIN_MM;
                if (Math.abs(c) <= PEAK_WITHIN_MM + PROFILE_BIN_MM / 2 && !Double.isNaN(row[b]) && (peak < 0 || row[b] > row[peak])) {
                    peak = b;
                }
            }
            if (peak < 0) {
                continue;
            }
            double[] bound = {-RADIUS_MM, RADIUS_MM};
            boolean rises = false;
            for (int dir = -1; dir <= 1; dir += 2) {
                double valley = row[peak];
                int valleyBin = peak;
                for (int b = peak + dir; b >= 0 && b < nb; b += dir) {
                    if (Double.isNaN(row[b])) {
                        continue;
                    }
                    if (row[b] < valley) {
                        valley = row[b];
                        valleyBin = b;
                    } else if (row[b] - valley >= OTHER_STEEL_RISE_HU && Math.abs(b - peak) * PROFILE_BIN_MM >= OTHER_STEEL_FROM_MM) {
                        if (leftAlone.at(s, -RADIUS_MM + (b + 0.5) * PROFILE_BIN_MM)) {
                            break;
                        }
                        if (row[b] >= metalHu) {
                            bound[(dir + 1) / 2] = -RADIUS_MM + (valleyBin + 0.5) * PROFILE_BIN_MM;
                            rises = true;
                            break;
                        }
                    }
                }
            }
            if (rises) {
                low[s] = bound[0];
                high[s] = bound[1];
                centre[s] = -RADIUS_MM + (peak + 0.5) * PROFILE_BIN_MM;
                any = true;
            }
        }
        if (!any) {
            return false;
        }
        for (int pass = 0; pass < 2; pass++) {
            double[] w = new double[bins];
            double[] a = new double[bins];
            double[] x = new double[bins];
            double[] y = new double[bins];
            double[] z = new double[bins];
            double[] half = new double[bins];
            for (int s = 0; s < bins; s++) {
                half[s] = Double.isNaN(centre[s]) ? 0
                        : Math.max(LEAST_HALF_WINDOW_MM, Math.min(centre[s] - low[s], high[s] - centre[s]));
            }
            for (int q = 0; q < v.size; q++) {
                int s = v.slab[q];
                if (half[s] > 0 && Math.abs(v.across[q] - centre[s]) <= half[s]) {
                    double wq = v.hu[q] - BASE_HU;
                    w[s] += wq;
                    a[s] += wq * v.across[q];
                    x[s] += wq * v.place[q].x();
                    y[s] += wq * v.place[q].y();
                    z[s] += wq * v.place[q].z();
                }
            }
            for (int s = 0; s < bins; s++) {
                if (half[s] > 0 && w[s] > 0) {
                    centre[s] = a[s] / w[s];
                    if (pass == 1) {
                        sw[s] = w[s];
                        sx[s] = x[s];
                        sy[s] = y[s];
                        sz[s] = z[s];
                    }
                }
            }
        }
        return true;
    }

    /**
     * The curve through the centroids; z as a straight line when {@code straightZ} (a needle within a few thick slices: its
     * centroids' z is a staircase, flat inside each slice and rising where the needle crosses to the next, and a parabola
     * through a staircase bends at the ends, doubling a shallow needle's tilt at its tip).
     */
    private static SpaceCurve fit(List<Vec3> points, List<Double> weights, SpaceCurve reference, int degree, boolean straightZ) {
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        SpaceCurve c = SpaceCurve.fit(points, w, reference.centre(), reference.axis(), degree);
        return straightZ && degree > 1 ? c.withZOf(SpaceCurve.fit(points, w, reference.centre(), reference.axis(), 1)) : c;
    }

    /**
     * Whether the needle's z is fitted as a line: on slices at least {@value #THICK_SLICE_MM} mm thick (the profile's FWHM)
     * where the run spans fewer than {@value #STAIRCASE_SLICES} slice spacings along z ({@value #THICKER_STAIRCASE_SLICES} on
     * thicker slices).
     */
    static boolean straightZ(Volume ct, SpaceCurve curve, double t0, double t1) {
        Grid g = ct.grid();
        return ct.sliceProfileFwhmMm() >= THICK_SLICE_MM
                && Math.abs(curve.at(t1).z() - curve.at(t0).z())
                < (ct.sliceProfileFwhmMm() > THICK_SLICE_MM ? THICKER_STAIRCASE_SLICES : STAIRCASE_SLICES) * g.dzMm();
    }

    /**
     * Whether the needle is one of the steeper ones whose z is still fitted as a line ({@link NeedleFinder}, eighteenth round): not
     * {@link #straightZ}, on slices thicker than {@value #THICK_SLICE_MM} mm, spanning fewer than {@link #STEEPER_STAIRCASE_SLICES}
     * slice spacings along z.
     */
    static boolean steeperStraightZ(Volume ct, SpaceCurve curve, double t0, double t1) {
        return ct.sliceProfileFwhmMm() > THICK_SLICE_MM && !straightZ(ct, curve, t0, t1)
                && Math.abs(curve.at(t1).z() - curve.at(t0).z()) < STEEPER_STAIRCASE_SLICES * ct.grid().dzMm();
    }

    /**
     * {@code curve} with its z replaced by the least-squares line through its z between parameters {@code t0} and {@code t1}
     * (x and y kept): the start of a steeper needle's z fit ({@link #steeperStraightZ}).
     */
    static SpaceCurve withStraightZ(SpaceCurve curve, double t0, double t1) {
        List<Vec3> points = new ArrayList<>();
        for (double t = t0; t <= t1; t += SLAB_MM) {
            points.add(curve.at(t));
        }
        double[] w = new double[points.size()];
        Arrays.fill(w, 1);
        return curve.withZOf(SpaceCurve.fit(points, w, curve.centre(), curve.axis(), 1));
    }

    /**
     * How far along z a needle's image reaches from it, mm: the slice profile's width (the recorded slice thickness, which on an
     * overlapping reconstruction exceeds the spacing) or the slice spacing, the wider.
     */
    static double zSpreadMm(Volume ct) {
        return Math.max(ct.grid().dzMm(), ct.sliceProfileFwhmMm());
    }

    /** Slices at least this thick (the profile's FWHM, the slice thickness) make a shallow needle's centroids a staircase along z, mm. */
    static final double THICK_SLICE_MM = 3;
    /** A needle spanning fewer slice spacings than this along z has its z fitted as a line on thick slices. */
    static final double STAIRCASE_SLICES = 3;
    /**
     * The same on slices thicker than {@value #THICK_SLICE_MM} mm: there a needle 7-11° out of the plane spans only 3-5 slices
     * over its length, and the parabola through that short staircase still bends at the ends (2901 needle 1, 7.1° out of 5 mm
     * box slices: read 9.1°, tip 2.3 mm off along z; 0.4 mm across with its z from the slice profile). Five on 5 mm slices, five
     * tuning sets: tips within 1 mm 225 -> 228 of 237 (2625-2648), 226 -> 229 of 238 (2901-2924), 224/238 -> 226/239
     * (2301-2324), 230 -> 229 of 236 (2701-2724), 114 -> 114 of 120 (3101-3112); axes' 95th percentile lower on all five.
     */
    static final double THICKER_STAIRCASE_SLICES = 5;
    /**
     * On slices thicker than {@value #THICK_SLICE_MM} mm a needle spanning fewer slice spacings than this along z, but not fewer
     * than {@link #THICKER_STAIRCASE_SLICES}, has its z fitted as a line too, from the profile the shallower needles chose, where
     * that line explains its voxels as a straight needle ({@link #steeperStraightZ}, {@link NeedleFinder}): a needle 10-13° out of 5 mm slices spans five to six over ~120 mm, and the parabola through that
     * staircase still bends at the tip (0.3-1.0 mm along z on the seen sets; docs/needles.md, eighteenth round). One value tried.
     */
    static final double STEEPER_STAIRCASE_SLICES = 6;

    static boolean nearerAnother(Vec3 p, double distance, List<Extent> others) {
        for (Extent o : others) {
            if (o.distance(p, distance) < distance) {
                return true;
            }
        }
        return false;
    }
}
