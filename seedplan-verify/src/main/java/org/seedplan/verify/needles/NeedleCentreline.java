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
                    }
                }
            }
        }
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
        return fitted;
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
     * staircase still bends at the tip (0.3-1.0 mm along z on the seen sets; docs/needles.md, eighteenth round). Seven, not six:
     * a needle spanning six to seven carries the same bend (4886 needle 6, 13.0° out of 5 mm Gaussian slices over a 135 mm run,
     * 6.25 spacings: read 14.7° at the tip, its tip 1.35 mm high along z, stated ±0.12; with the line 13.2°, 0.12 mm along z;
     * the eighteenth round's 3760 n1 / n2 and 3802 n4 at 6.3-6.6 spacings; docs/needles.md, thirtieth round, branch
     * {@code needletip12}).
     */
    static final double STEEPER_STAIRCASE_SLICES = 7;

    static boolean nearerAnother(Vec3 p, double distance, List<Extent> others) {
        for (Extent o : others) {
            if (o.distance(p, distance) < distance) {
                return true;
            }
        }
        return false;
    }
}
