package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * The tip of a needle whose steel the scanner did not clip, from the steel's mass along its axis. Blur moves CT numbers
 * but keeps their sum, so the CT above the surrounding tissue summed over a cross-section of the needle is the steel's
 * cross-section area times a constant, smoothed along the axis by a symmetric kernel (in-plane point-spread function and
 * slice profile mixed by the tilt, and the interpolation between slices). A plane bevel's area falls from full to nothing
 * point-symmetrically about its middle, so the smoothed mass passes half the shaft's at the bevel's middle whatever the
 * blur, the slice thickness and the tilt: the middle is found from the mass beyond a point on the shaft divided by the
 * shaft's mass per mm, and the tip lies half a bevel beyond it (the bevel's length estimated by {@link NeedleEndFit}, usually
 * {@value #BEVEL_LENGTH_MM} mm).
 */
final class SteelMassTip {

    /**
     * Length of the bevel along the axis, mm: an 18 G needle (1.27 mm) ground at 20° (1.27 / tan 20°), the usual grind of
     * the Chiba-type needles used for seed implantation.
     */
    static final double BEVEL_LENGTH_MM = 3.5;
    /** Cross-sections summed within this distance of the axis in the axial plane, mm (needle, blur and a pixel). */
    private static final double RADIUS_MM = 3.0;
    private static final double GRID_MM = 0.3;
    private static final double STEP_MM = 0.2;
    /** The shaft's mass per mm is the median over this stretch behind the end of the metal run, mm. */
    private static final double SHAFT_FROM_MM = -12;
    private static final double SHAFT_TO_MM = -6;
    /** Mass is summed from the shaft's end of that stretch to this far beyond the end of the metal run, mm. */
    private static final double BEYOND_MM = 8;

    private SteelMassTip() {
    }

    /**
     * How far beyond {@code end} (arc length 0: the end of the metal run) the tip lies along the curve {@code at}
     * (arc length in mm, straight on beyond the end) whose direction at the end is {@code axis}, for a bevel
     * {@code bevelMm} long, mm; NaN when the shaft's mass cannot be measured.
     */
    static double offset(Volume ct, DoubleFunction<Vec3> at, Vec3 axis, double bevelMm) {
        Section section = new Section(NeedleCentreline.zSpreadMm(ct), axis);
        int n = (int) Math.round((BEYOND_MM - SHAFT_FROM_MM) / STEP_MM) + 1;
        double[] s = new double[n];
        double[] mass = new double[n];
        for (int q = 0; q < n; q++) {
            s[q] = SHAFT_FROM_MM + q * STEP_MM;
            mass[q] = section.mass(ct, at.apply(s[q]));
        }
        double[] shaft = new double[n];
        int count = 0;
        for (int q = 0; q < n; q++) {
            if (s[q] <= SHAFT_TO_MM + 1e-9 && !Double.isNaN(mass[q])) {
                shaft[count++] = mass[q];
            }
        }
        if (count < 5) {
            return Double.NaN;
        }
        double perMm = median(Arrays.copyOf(shaft, count));
        if (!(perMm > 0)) {
            return Double.NaN;
        }
        double beyond = 0;
        for (int q = 0; q < n; q++) {
            if (s[q] >= SHAFT_TO_MM - 1e-9) {
                if (Double.isNaN(mass[q])) {
                    return Double.NaN;
                }
                boolean endPoint = Math.abs(s[q] - SHAFT_TO_MM) < 1e-9 || q == n - 1;
                beyond += mass[q] * (endPoint ? STEP_MM / 2 : STEP_MM);
            }
        }
        return SHAFT_TO_MM + beyond / perMm + bevelMm / 2;
    }

    /**
     * The sampling points of a cross-section across the axis: every {@value #GRID_MM} mm within {@value #RADIUS_MM} mm in
     * the axial plane and {@value #RADIUS_MM} mm plus one slice along z (the wider of the slice thickness and spacing: one
     * slice's spread and the interpolation between slices), the outer band marked.
     */
    private static final class Section {
        private final double[] ox;
        private final double[] oy;
        private final double[] oz;
        private final boolean[] outer;

        Section(double zSpreadMm, Vec3 axis) {
            Vec3 e1 = SimulatedNeedle.perpendicular(axis);
            Vec3 e2 = axis.cross(e1);
            double radiusZ = RADIUS_MM + zSpreadMm;
            int m = (int) Math.ceil(radiusZ / GRID_MM);
            List<Vec3> points = new ArrayList<>();
            List<Boolean> band = new ArrayList<>();
            for (int a = -m; a <= m; a++) {
                for (int b = -m; b <= m; b++) {
                    Vec3 o = e1.times(a * GRID_MM).plus(e2.times(b * GRID_MM));
                    double rho = Math.sqrt((o.x() * o.x() + o.y() * o.y()) / (RADIUS_MM * RADIUS_MM) + o.z() * o.z() / (radiusZ * radiusZ));
                    if (rho <= 1) {
                        points.add(o);
                        band.add(rho > 0.85);
                    }
                }
            }
            ox = points.stream().mapToDouble(Vec3::x).toArray();
            oy = points.stream().mapToDouble(Vec3::y).toArray();
            oz = points.stream().mapToDouble(Vec3::z).toArray();
            outer = new boolean[points.size()];
            for (int q = 0; q < outer.length; q++) {
                outer[q] = band.get(q);
            }
        }

        /** The CT above the outer band's median summed over the section at {@code c}, HU·mm²; NaN when it leaves the scan. */
        double mass(Volume ct, Vec3 c) {
            double[] values = new double[ox.length];
            double[] band = new double[ox.length];
            int inBand = 0;
            for (int q = 0; q < ox.length; q++) {
                double v = NeedleFinder.sample(ct, new Vec3(c.x() + ox[q], c.y() + oy[q], c.z() + oz[q]));
                if (Double.isNaN(v)) {
                    return Double.NaN;
                }
                values[q] = v;
                if (outer[q]) {
                    band[inBand++] = v;
                }
            }
            double base = median(Arrays.copyOf(band, inBand));
            double sum = 0;
            for (double v : values) {
                sum += v - base;
            }
            return sum * GRID_MM * GRID_MM;
        }
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
