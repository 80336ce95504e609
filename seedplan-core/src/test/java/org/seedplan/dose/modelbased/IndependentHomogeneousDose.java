package org.seedplan.dose.modelbased;

import java.util.SplittableRandom;
import org.seedplan.dose.montecarlo.MaterialLibrary;

/**
 * An independent estimate of the dose around a point photon source in a homogeneous cube, for checking the
 * Monte Carlo engine's medium-to-water dose ratios; written apart from the engine and using only the tabulated
 * μ/ρ and μen/ρ of its material library (the same cross sections).
 *
 * <p>Model: energy-absorption random walk. A photon of energy E travels exponentially distributed free paths
 * (μ = ρ·μ/ρ(E)); at each interaction the fraction μen/μ of its energy is absorbed on the spot (photoabsorption
 * and the Compton electron's share: the kerma approximation), the rest continues in an isotropic direction at
 * the same energy (the Compton energy loss of a 28 keV photon is at most 10 %, and Klein–Nishina at this
 * energy is nearly fore–aft symmetric). The photon stops when it leaves the cube or carries less than
 * {@value #WEIGHT_CUTOFF} of its energy. Dose in each spherical shell is scored with the track-length estimator
 * (Σ ℓ·w·E·μen/ρ / shell volume), each path split exactly at the shell boundaries.
 */
final class IndependentHomogeneousDose {

    static final double WEIGHT_CUTOFF = 1e-3;

    private IndependentHomogeneousDose() {
    }

    /**
     * Dose per emitted photon (keV/g per photon, shell means) in shells of width {@code shellCm}, shell k covering
     * radii [k·shellCm − offsetCm, (k+1)·shellCm − offsetCm) (0 ≤ offset &lt; width), around a point source
     * emitting the lines {@code energyKeV} with relative yields {@code weight}.
     */
    static double[] shellDose(MaterialLibrary lib, String material, double densityGPerCm3, double[] energyKeV, double[] weight,
                              double halfSizeCm, double shellCm, double offsetCm, int shells, int photons, long seed) {
        double[] score = new double[shells];
        double total = 0;
        for (double w : weight) {
            total += w;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int line = 0; line < energyKeV.length; line++) {
            double e = energyKeV[line];
            double mu = densityGPerCm3 * lib.massAttenuationCm2PerG(material, e);
            double muEnRho = lib.massEnergyAbsorptionCm2PerG(material, e);
            double keep = 1 - muEnRho * densityGPerCm3 / mu;
            int n = (int) Math.round(photons * weight[line] / total);
            double perPhoton = weight[line] / total / n;
            for (int p = 0; p < n; p++) {
                double x = 0, y = 0, z = 0, w = 1;
                double[] d = isotropic(rng);
                while (w >= WEIGHT_CUTOFF) {
                    double s = -Math.log(1 - rng.nextDouble()) / mu;
                    double exit = distanceToCube(x, y, z, d, halfSizeCm);
                    scoreSegment(score, shellCm, offsetCm, x, y, z, d, Math.min(s, exit), perPhoton * w * e * muEnRho);
                    if (s >= exit) {
                        break;
                    }
                    x += d[0] * s;
                    y += d[1] * s;
                    z += d[2] * s;
                    w *= keep;
                    d = isotropic(rng);
                }
            }
        }
        for (int k = 0; k < shells; k++) {
            double r0 = Math.max(0, k * shellCm - offsetCm);
            double r1 = (k + 1) * shellCm - offsetCm;
            score[k] /= 4.0 / 3 * Math.PI * (r1 * r1 * r1 - r0 * r0 * r0);
        }
        return score;
    }

    /** Adds {@code value} × the path length of the segment p + t·d, t ∈ [0, s], inside each shell. */
    static void scoreSegment(double[] score, double shellCm, double offsetCm, double x, double y, double z, double[] d, double s, double value) {
        double b = x * d[0] + y * d[1] + z * d[2];
        double c = x * x + y * y + z * z;
        double turn = Math.max(0, Math.min(s, -b));
        if (turn > 0) {
            // r decreasing on [0, turn]: the shell index falls at each sphere crossed
            int k = Math.max(0, (int) Math.ceil((Math.sqrt(c) + offsetCm) / shellCm) - 1);
            double t = 0;
            while (true) {
                double r = k * shellCm - offsetCm;
                double disc = b * b - c + r * r;
                double next = disc < 0 || k == 0 ? Double.POSITIVE_INFINITY : -b - Math.sqrt(disc);
                double end = Math.min(Math.max(next, t), turn);
                if (k < score.length) {
                    score[k] += (end - t) * value;
                }
                if (end >= turn) {
                    break;
                }
                t = end;
                k--;
            }
        }
        if (s > turn) {
            double t = turn;
            double rt = Math.sqrt(Math.max(0, t * t + 2 * b * t + c));
            int k = (int) ((rt + offsetCm) / shellCm);
            while (k < score.length) {
                double r = (k + 1) * shellCm - offsetCm;
                double next = -b + Math.sqrt(Math.max(0, b * b - c + r * r));
                double end = Math.min(Math.max(next, t), s);
                score[k] += (end - t) * value;
                if (end >= s) {
                    break;
                }
                t = end;
                k++;
            }
        }
    }

    private static double distanceToCube(double x, double y, double z, double[] d, double half) {
        double[] p = {x, y, z};
        double best = Double.POSITIVE_INFINITY;
        for (int a = 0; a < 3; a++) {
            if (d[a] > 0) {
                best = Math.min(best, (half - p[a]) / d[a]);
            } else if (d[a] < 0) {
                best = Math.min(best, (-half - p[a]) / d[a]);
            }
        }
        return Math.max(0, best);
    }

    private static double[] isotropic(SplittableRandom rng) {
        double cos = 2 * rng.nextDouble() - 1;
        double sin = Math.sqrt(1 - cos * cos);
        double phi = 2 * Math.PI * rng.nextDouble();
        return new double[] {sin * Math.cos(phi), sin * Math.sin(phi), cos};
    }
}
