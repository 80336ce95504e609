package org.seedplan.verify.needles;

import java.util.List;
import java.util.SplittableRandom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Draws a simulated intra-operative CT: a body with soft tissue, a vertebra and ribs, 18 G steel
 * needles with bevelled tips (straight or bent) and seeds already implanted, imaged by an
 * {@link IntraOpScanner}. Written apart from {@link NeedleFinder}: the metal is integrated as
 * solid cross-sections along each axis (the bevel as a plane cut: a circular segment that shrinks
 * to nothing at the tip), each spread by the scanner's in-plane Gaussian averaged over the pixel
 * and by its slice sensitivity profile (box, Gaussian or triangle) as wide at half maximum as the slice thickness, which
 * may exceed the spacing (an overlapping reconstruction); then metal streaks, white noise (shared by overlapping slices)
 * and the clip [−1024, maxHu]. The volume records the thickness, as a scanner's header does.
 */
public final class IntraOpCtGenerator {

    /** 18 G: outer diameter 1.27 mm. */
    public static final double NEEDLE_RADIUS_MM = 1.27 / 2;
    /** Length of the bevel along the axis, mm: an 18 G needle ground at about 20°. */
    public static final double BEVEL_LENGTH_MM = 3.5;
    /** Mean CT number of stainless steel at 60–70 keV effective energy, HU (μ ≈ 4 cm⁻¹ ⇒ ≈ 20 000 HU). */
    static final double STEEL_HU = 20000;
    /** Seed capsule: 4.5 × 0.8 mm, mean CT number of the silver rod and titanium wall, HU. */
    static final double SEED_LENGTH_MM = 4.5;
    static final double SEED_RADIUS_MM = 0.4;
    static final double SEED_HU = 40000;
    private static final double STEP_MM = 0.1;
    private static final double FWHM_TO_SIGMA = 1 / (2 * Math.sqrt(2 * Math.log(2)));

    /** A seed already implanted: centre and unit axis, mm LPS. */
    public record ImplantedSeed(Vec3 centreMm, Vec3 axis) {
    }

    private final IntraOpScanner scanner;
    private final double bevelLengthMm;

    /** A generator drawing needles with the usual {@value #BEVEL_LENGTH_MM} mm bevel. */
    public IntraOpCtGenerator(IntraOpScanner scanner) {
        this(scanner, BEVEL_LENGTH_MM);
    }

    /** A generator drawing needles whose bevel is {@code bevelLengthMm} long along the axis (2.2 mm: an 18 G needle ground at 30°). */
    public IntraOpCtGenerator(IntraOpScanner scanner, double bevelLengthMm) {
        if (!(bevelLengthMm > 0 && bevelLengthMm <= 10)) {
            throw new IllegalArgumentException("bevel length " + bevelLengthMm + " mm: give a length in (0, 10] mm");
        }
        this.scanner = scanner;
        this.bevelLengthMm = bevelLengthMm;
    }

    /** The CT on {@code grid}; the same {@code randomSeed} gives the same image. */
    public Volume render(Grid grid, List<SimulatedNeedle> needles, List<ImplantedSeed> seeds, long randomSeed) {
        SplittableRandom rnd = new SplittableRandom(randomSeed);
        float[] hu = anatomy(grid);
        float[] metal = new float[hu.length];
        for (SimulatedNeedle n : needles) {
            drawNeedle(grid, metal, n, rnd.nextDouble(0, 2 * Math.PI));
        }
        for (ImplantedSeed s : seeds) {
            Vec3 a = s.axis().normalized();
            Vec3 start = s.centreMm().minus(a.times(SEED_LENGTH_MM / 2));
            for (double t = STEP_MM / 2; t < SEED_LENGTH_MM; t += STEP_MM) {
                deposit(grid, metal, start.plus(a.times(t)), SEED_HU * Math.PI * SEED_RADIUS_MM * SEED_RADIUS_MM * STEP_MM,
                        SEED_RADIUS_MM / 2);
            }
        }
        if (scanner.streakHu() > 0) {
            for (SimulatedNeedle n : needles) {
                for (double u = 0; u <= 1; u += 8 / n.chordMm()) {
                    streaks(grid, hu, n.pointAt(u), rnd);
                }
            }
        }
        double thickness = scanner.sliceThicknessMm(grid.dzMm());
        int overlap = Math.max(1, (int) Math.round(thickness / grid.dzMm()));
        if (overlap == 1) {
            for (int v = 0; v < hu.length; v++) {
                double value = hu[v] + metal[v] + scanner.noiseSdHu() * rnd.nextGaussian();
                hu[v] = (float) Math.max(-1024, Math.min(scanner.maxHu(), value));
            }
        } else {
            // Overlapping slices are reconstructed from the same projections: each slice's noise is the mean of the noise of
            // the slabs, one spacing thick, its profile spans, so neighbours within a thickness share part of it.
            int plane = grid.nx() * grid.ny();
            float[] slabs = new float[plane * (grid.nz() + overlap - 1)];
            for (int v = 0; v < slabs.length; v++) {
                slabs[v] = (float) rnd.nextGaussian();
            }
            double scale = scanner.noiseSdHu() / Math.sqrt(overlap);
            for (int v = 0; v < hu.length; v++) {
                double noise = 0;
                for (int q = 0; q < overlap; q++) {
                    noise += slabs[v + q * plane];
                }
                double value = hu[v] + metal[v] + scale * noise;
                hu[v] = (float) Math.max(-1024, Math.min(scanner.maxHu(), value));
            }
        }
        // The header records the thickness as a scanner does (DICOM Slice Thickness).
        return new Volume(grid, hu, thickness);
    }

    /** The shaft from hub to tip in 0.1 mm steps; over the bevel the cross-section is the circular segment left by the cut. */
    private void drawNeedle(Grid g, float[] metal, SimulatedNeedle n, double bevelAngle) {
        double r = NEEDLE_RADIUS_MM;
        double full = Math.PI * r * r;
        Vec3 axis = n.tipMm().minus(n.hubMm()).normalized();
        Vec3 e1 = SimulatedNeedle.perpendicular(axis);
        Vec3 e2 = axis.cross(e1);
        Vec3 side = e1.times(Math.cos(bevelAngle)).plus(e2.times(Math.sin(bevelAngle)));
        double length = curveLength(n);
        int steps = (int) Math.ceil(length / STEP_MM);
        for (int q = 0; q < steps; q++) {
            double fromTip = length - (q + 0.5) * length / steps;
            Vec3 p = n.pointAt((q + 0.5) / steps);
            double area = full;
            if (fromTip < bevelLengthMm) {
                // Solid part: the segment beyond the chord at e0 (−r … r as the cut runs from the heel to the tip).
                double e0 = r - 2 * r * fromTip / bevelLengthMm;
                area = r * r * Math.acos(e0 / r) - e0 * Math.sqrt(r * r - e0 * e0);
                if (area <= 0) {
                    continue;
                }
                double centroid = 2.0 / 3.0 * Math.pow(r * r - e0 * e0, 1.5) / area;
                p = p.plus(side.times(centroid));
            }
            deposit(g, metal, p, STEEL_HU * area * length / steps, r / 2);
        }
    }

    private static double curveLength(SimulatedNeedle n) {
        double sum = 0;
        Vec3 prev = n.pointAt(0);
        for (int q = 1; q <= 200; q++) {
            Vec3 p = n.pointAt(q / 200.0);
            sum += p.distanceTo(prev);
            prev = p;
        }
        return sum;
    }

    /**
     * Adds {@code amountHuMm3} (HU·mm³) at {@code p} with an isotropic section spread {@code sectionSigmaMm}:
     * in-plane Gaussian averaged over each pixel, slice sensitivity profile along z.
     */
    private void deposit(Grid g, float[] metal, Vec3 p, double amountHuMm3, double sectionSigmaMm) {
        double sxy = Math.hypot(scanner.inPlaneFwhmMm() * FWHM_TO_SIGMA, sectionSigmaMm);
        double reachXy = 4 * sxy + g.dxMm();
        double thickness = scanner.sliceThicknessMm(g.dzMm());
        double reachZ = 1.5 * Math.max(thickness, g.dzMm()) + 4 * sectionSigmaMm + g.dzMm();
        int i0 = Math.max(0, (int) Math.floor((p.x() - reachXy - g.x(0)) / g.dxMm()));
        int i1 = Math.min(g.nx() - 1, (int) Math.ceil((p.x() + reachXy - g.x(0)) / g.dxMm()));
        int j0 = Math.max(0, (int) Math.floor((p.y() - reachXy - g.y(0)) / g.dyMm()));
        int j1 = Math.min(g.ny() - 1, (int) Math.ceil((p.y() + reachXy - g.y(0)) / g.dyMm()));
        int k0 = Math.max(0, (int) Math.floor((p.z() - reachZ - g.z(0)) / g.dzMm()));
        int k1 = Math.min(g.nz() - 1, (int) Math.ceil((p.z() + reachZ - g.z(0)) / g.dzMm()));
        if (i0 > i1 || j0 > j1 || k0 > k1) {
            return;
        }
        double[] wx = new double[i1 - i0 + 1];
        for (int i = i0; i <= i1; i++) {
            wx[i - i0] = pixelAverage(g.x(i) - p.x(), g.dxMm(), sxy);
        }
        double[] wy = new double[j1 - j0 + 1];
        for (int j = j0; j <= j1; j++) {
            wy[j - j0] = pixelAverage(g.y(j) - p.y(), g.dyMm(), sxy);
        }
        for (int k = k0; k <= k1; k++) {
            double wz = sliceWeight(g.z(k) - p.z(), thickness, sectionSigmaMm) * amountHuMm3;
            if (wz < 1e-6) {
                continue;
            }
            for (int j = j0; j <= j1; j++) {
                double wyz = wz * wy[j - j0];
                int row = g.index(0, j, k);
                for (int i = i0; i <= i1; i++) {
                    metal[row + i] += (float) (wyz * wx[i - i0]);
                }
            }
        }
    }

    /** Mean over a pixel of width {@code w} centred at offset {@code d} of a unit Gaussian of σ {@code s}, 1/mm. */
    private static double pixelAverage(double d, double w, double s) {
        return (NormalCdf.of((d + w / 2) / s) - NormalCdf.of((d - w / 2) / s)) / w;
    }

    /** The slice sensitivity profile (FWHM = slice thickness) convolved with a Gaussian of σ {@code s}, at offset {@code d}, 1/mm. */
    private double sliceWeight(double d, double thickness, double s) {
        return switch (scanner.profile()) {
            case BOX -> pixelAverage(d, thickness, s);
            case GAUSSIAN -> {
                double sz = Math.hypot(thickness * FWHM_TO_SIGMA, s);
                yield Math.exp(-d * d / (2 * sz * sz)) / (Math.sqrt(2 * Math.PI) * sz);
            }
            case TRIANGLE -> {
                // A triangle of FWHM T is a box of width T convolved with itself.
                double sum = 0;
                int m = 16;
                for (int q = 0; q < m; q++) {
                    sum += pixelAverage(d - thickness * ((q + 0.5) / m - 0.5), thickness, s);
                }
                yield sum / m;
            }
        };
    }

    /**
     * Three streaks through {@code c} in its slice: bright or dark, 1.4 mm wide, from 2.5 mm out, fading as 15 / (15 + r). On
     * an overlapping reconstruction in every slice whose thickness holds {@code c} (all are made from the same projections).
     */
    private void streaks(Grid g, float[] hu, Vec3 c, SplittableRandom rnd) {
        double thickness = scanner.sliceThicknessMm(g.dzMm());
        double at = (c.z() - g.z(0)) / g.dzMm();
        int ka = (int) Math.round(at);
        int kb = ka;
        if (thickness > g.dzMm()) {
            ka = (int) Math.ceil(at - thickness / 2 / g.dzMm());
            kb = (int) Math.floor(at + thickness / 2 / g.dzMm());
        }
        ka = Math.max(0, ka);
        kb = Math.min(g.nz() - 1, kb);
        if (ka > kb) {
            return;
        }
        double reach = 60;
        for (int q = 0; q < 3; q++) {
            double angle = rnd.nextDouble(0, Math.PI);
            double amp = (rnd.nextBoolean() ? 1 : -1) * scanner.streakHu() * rnd.nextDouble(0.4, 1.0);
            double ux = Math.cos(angle);
            double uy = Math.sin(angle);
            int i0 = Math.max(0, (int) ((c.x() - reach - g.x(0)) / g.dxMm()));
            int i1 = Math.min(g.nx() - 1, (int) ((c.x() + reach - g.x(0)) / g.dxMm()) + 1);
            int j0 = Math.max(0, (int) ((c.y() - reach - g.y(0)) / g.dyMm()));
            int j1 = Math.min(g.ny() - 1, (int) ((c.y() + reach - g.y(0)) / g.dyMm()) + 1);
            for (int j = j0; j <= j1; j++) {
                double dy = g.y(j) - c.y();
                for (int i = i0; i <= i1; i++) {
                    double dx = g.x(i) - c.x();
                    double along = dx * ux + dy * uy;
                    double across = Math.abs(-dx * uy + dy * ux);
                    double r = Math.abs(along);
                    if (across < 0.7 && r > 2.5 && r < reach) {
                        for (int k = ka; k <= kb; k++) {
                            hu[g.index(i, j, k)] += (float) (amp * 15 / (15 + r));
                        }
                    }
                }
            }
        }
    }

    /**
     * The anatomy: air, an elliptic body (fat rim, soft tissue 40 HU), a vertebra posterior
     * (trabecular 250 HU, cortex 1300–1700 HU) and ribs (cortex 1500 HU, marrow 300 HU) along the
     * posterior and lateral body wall, sloping so that each shows on a few slices.
     */
    private static float[] anatomy(Grid g) {
        float[] hu = new float[g.voxelCount()];
        double cx = (g.x(0) + g.x(g.nx() - 1)) / 2;
        double cy = (g.y(0) + g.y(g.ny() - 1)) / 2;
        double ax = 0.44 * g.nx() * g.dxMm();
        double ay = 0.34 * g.ny() * g.dyMm();
        double vx = cx;
        double vy = cy + 0.68 * ay;
        double vr = 0.13 * ax;
        for (int k = 0; k < g.nz(); k++) {
            double z = g.z(k);
            for (int j = 0; j < g.ny(); j++) {
                double y = g.y(j);
                for (int i = 0; i < g.nx(); i++) {
                    double x = g.x(i);
                    double rho = Math.sqrt(sq((x - cx) / ax) + sq((y - cy) / ay));
                    double v;
                    if (rho > 1) {
                        v = -1000;
                    } else if (rho > 1 - 12 / ay) {
                        v = -100;
                    } else {
                        v = 40;
                    }
                    double theta = Math.atan2((y - cy) / ay, (x - cx) / ax);
                    if (rho > 0.86 && rho < 0.93 && Math.sin(theta) > -0.3) {
                        // Ribs every 30 mm in z, sloping by 20 mm from the back to the side.
                        double slope = 20 * Math.sin(theta);
                        double zr = z - slope;
                        double m = zr - 30 * Math.floor(zr / 30) - 15;
                        if (Math.abs(m) < 5) {
                            boolean cortex = Math.abs(m) > 3.5 || rho < 0.87 || rho > 0.92;
                            v = cortex ? 1500 : 300;
                        }
                    }
                    double rv = Math.hypot(x - vx, (y - vy) * 1.2);
                    if (rv < vr) {
                        v = rv > vr - 3 ? (y > vy ? 1700 : 1300) : 250;
                    }
                    hu[g.index(i, j, k)] = (float) v;
                }
            }
        }
        return hu;
    }

    private static double sq(double v) {
        return v * v;
    }
}
