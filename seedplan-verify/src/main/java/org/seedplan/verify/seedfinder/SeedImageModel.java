package org.seedplan.verify.seedfinder;

import org.seedplan.geometry.Vec3;

/**
 * How one seed appears on this scan, learned from its isolated seeds: a line segment of the
 * seed's length blurred by an anisotropic Gaussian point-spread function (in-plane σ, axial σ),
 * scaled by an amplitude, added to the soft-tissue background and clipped at the scanner's metal
 * level. Seeds superpose linearly before clipping, which is what makes merged blobs separable.
 *
 * <p>The blurred segment has a closed form: in coordinates scaled by 1/σ, with t the position
 * along the scaled segment of length L′ and d the distance from its line,
 * I = A · (L/L′) · √(π/2) · [erf((L′ − t)/√2) + erf(t/√2)] · exp(−d²/2).
 */
record SeedImageModel(double lengthMm, double sigmaXyMm, double sigmaZMm, double amplitude,
                      double backgroundHu, double clipHu) {

    SeedImageModel withAmplitude(double a) {
        return new SeedImageModel(lengthMm, sigmaXyMm, sigmaZMm, a, backgroundHu, clipHu);
    }

    Placed place(Vec3 centreMm, Vec3 axis) {
        return new Placed(this, centreMm, axis.normalized());
    }

    /** Predicted CT number from the summed seed signal: background plus signal, clipped. */
    double image(double signal) {
        return Math.min(clipHu, backgroundHu + signal);
    }

    /** One placed seed, precomputed for fast evaluation of its (unscaled, amplitude 1) signal. */
    static final class Placed {
        final Vec3 centreMm;
        final Vec3 axis;
        private final double sxy;
        private final double sz;
        private final double ax;
        private final double ay;
        private final double az;
        private final double ex;
        private final double ey;
        private final double ez;
        private final double scaledLength;
        private final double factor;

        Placed(SeedImageModel m, Vec3 centreMm, Vec3 axis) {
            this.centreMm = centreMm;
            this.axis = axis;
            sxy = 1 / m.sigmaXyMm();
            sz = 1 / m.sigmaZMm();
            double h = m.lengthMm() / 2;
            ax = (centreMm.x() - h * axis.x()) * sxy;
            ay = (centreMm.y() - h * axis.y()) * sxy;
            az = (centreMm.z() - h * axis.z()) * sz;
            double ux = 2 * h * axis.x() * sxy;
            double uy = 2 * h * axis.y() * sxy;
            double uz = 2 * h * axis.z() * sz;
            scaledLength = Math.sqrt(ux * ux + uy * uy + uz * uz);
            ex = ux / scaledLength;
            ey = uy / scaledLength;
            ez = uz / scaledLength;
            factor = m.lengthMm() / scaledLength * Math.sqrt(Math.PI / 2);
        }

        /** The seed's signal at a point for amplitude 1. */
        double signal(double x, double y, double z) {
            double wx = x * sxy - ax;
            double wy = y * sxy - ay;
            double wz = z * sz - az;
            double t = wx * ex + wy * ey + wz * ez;
            double d2 = wx * wx + wy * wy + wz * wz - t * t;
            if (d2 >= MAX_D2) {
                return 0;
            }
            return factor * expHalf(d2) * (erfTable((scaledLength - t) * INV_SQRT2) + erfTable(t * INV_SQRT2));
        }
    }

    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    /** Beyond this squared scaled distance (e^−15 ≈ 3·10⁻⁷ of the peak) the signal is taken as 0. */
    private static final double MAX_D2 = 30;
    private static final double EXP_STEP = 0.01;
    private static final double[] EXP_HALF = new double[(int) (MAX_D2 / EXP_STEP) + 2];
    private static final double ERF_MAX = 6;
    private static final double ERF_STEP = 0.002;
    private static final double[] ERF = new double[(int) (2 * ERF_MAX / ERF_STEP) + 2];

    static {
        for (int n = 0; n < EXP_HALF.length; n++) {
            EXP_HALF[n] = Math.exp(-n * EXP_STEP / 2);
        }
        for (int n = 0; n < ERF.length; n++) {
            ERF[n] = erf(-ERF_MAX + n * ERF_STEP);
        }
    }

    /** e^(−d²/2) by linear interpolation in a table (relative error below 10⁻⁵). */
    static double expHalf(double d2) {
        double u = d2 / EXP_STEP;
        int n = (int) u;
        double f = u - n;
        return EXP_HALF[n] + f * (EXP_HALF[n + 1] - EXP_HALF[n]);
    }

    /** erf by linear interpolation in a table over [−6, 6] (absolute error below 10⁻⁶). */
    static double erfTable(double x) {
        if (x <= -ERF_MAX) {
            return -1;
        }
        if (x >= ERF_MAX) {
            return 1;
        }
        double u = (x + ERF_MAX) / ERF_STEP;
        int n = (int) u;
        double f = u - n;
        return ERF[n] + f * (ERF[n + 1] - ERF[n]);
    }

    /** Error function, Abramowitz &amp; Stegun 7.1.26 (absolute error below 1.5e-7). */
    static double erf(double x) {
        double s = Math.signum(x);
        double a = Math.abs(x);
        if (a > 6) {
            return s;
        }
        double t = 1 / (1 + 0.3275911 * a);
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-a * a);
        return s * y;
    }
}
