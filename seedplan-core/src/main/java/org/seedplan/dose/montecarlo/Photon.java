package org.seedplan.dose.montecarlo;

/** The mutable state of the photon a transport thread is following: position (cm), unit direction, energy. */
final class Photon {

    double x;
    double y;
    double z;
    double u;
    double v;
    double w;
    double energyKeV;
    /** Mean free paths left before the next interaction. */
    double mfpLeft;
    /** Interval of the energy on the cross-section grid and the interpolation weight within it. */
    int energyIndex;
    double energyFraction;

    void setEnergy(double energyKeV, EnergyGrid grid) {
        this.energyKeV = energyKeV;
        this.energyIndex = grid.interval(energyKeV);
        this.energyFraction = grid.fraction(energyIndex, energyKeV);
    }

    void move(double distanceCm) {
        x += u * distanceCm;
        y += v * distanceCm;
        z += w * distanceCm;
    }

    /** Points the photon in a uniformly random direction. */
    void isotropic(double r1, double r2) {
        double cos = 2 * r1 - 1;
        double sin = Math.sqrt(Math.max(0, 1 - cos * cos));
        double phi = 2 * Math.PI * r2;
        u = sin * Math.cos(phi);
        v = sin * Math.sin(phi);
        w = cos;
    }

    /** Turns the direction by polar angle θ (given as cos θ) and azimuth φ about the current direction. */
    void deflect(double cosTheta, double phi) {
        double sinTheta = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
        double cp = Math.cos(phi);
        double sp = Math.sin(phi);
        double s = 1 - w * w;
        if (s < 1e-12) {
            double sign = w >= 0 ? 1 : -1;
            u = sinTheta * cp;
            v = sinTheta * sp;
            w = sign * cosTheta;
            return;
        }
        double r = Math.sqrt(s);
        double nu = cosTheta * u + sinTheta * (u * w * cp - v * sp) / r;
        double nv = cosTheta * v + sinTheta * (v * w * cp + u * sp) / r;
        double nw = cosTheta * w - sinTheta * cp * r;
        double n = 1 / Math.sqrt(nu * nu + nv * nv + nw * nw);
        u = nu * n;
        v = nv * n;
        w = nw * n;
    }
}
