package org.seedplan.dose.montecarlo;

import java.util.SplittableRandom;

/**
 * Samples what happens when a photon interacts in a material: photoelectric absorption followed by K-shell
 * fluorescence of elements with Z ≥ 20, coherent scattering (Thomson × molecular F²(x), the sampling of Baró et al.
 * as used in PENELOPE), or incoherent scattering (Klein–Nishina by Butcher &amp; Messel's method, as in EGS and Geant4,
 * accepted with probability S(x)/Z: the binding correction of the incoherent scattering function; no Doppler
 * broadening). Electrons are not transported (kerma approximation, TG-186 §III.B for low-energy seeds).
 */
final class PhotonInteraction {

    /** Photons below this energy are absorbed where they are (the tables start at 1 keV). */
    static final double CUTOFF_KEV = 1.0;
    /** hc in keV·Å: x = sin(θ/2)/λ = sin(θ/2)·E/HC. */
    static final double HC_KEV_ANGSTROM = 12.398419843;
    private static final double ELECTRON_MASS_KEV = 510.99895;

    private final MaterialLibrary library;

    PhotonInteraction(MaterialLibrary library) {
        this.library = library;
    }

    /**
     * Lets the photon interact in the material; returns false when it is absorbed (its energy counts as deposited
     * where it stopped: the track-length estimator already scored it on the way).
     */
    boolean interact(Photon p, MaterialData m, SplittableRandom rng) {
        int i = p.energyIndex;
        double f = p.energyFraction;
        double photo = MaterialData.at(m.photo, i, f);
        double coherent = MaterialData.at(m.coherent, i, f);
        double incoherent = MaterialData.at(m.incoherent, i, f);
        double r = rng.nextDouble() * (photo + coherent + incoherent);
        if (r < photo) {
            return fluorescence(p, m, rng);
        }
        if (r < photo + coherent) {
            p.deflect(coherentCosine(p.energyKeV, m, rng), 2 * Math.PI * rng.nextDouble());
            return true;
        }
        double[] cosAndRatio = incoherent(p.energyKeV, m, rng);
        p.deflect(cosAndRatio[0], 2 * Math.PI * rng.nextDouble());
        double e = p.energyKeV * cosAndRatio[1];
        if (e < CUTOFF_KEV) {
            return false;
        }
        p.setEnergy(e, library.energyGrid());
        return true;
    }

    /** After photoabsorption: a K vacancy in an element with Z ≥ 20 may emit a K x-ray isotropically. */
    private boolean fluorescence(Photon p, MaterialData m, SplittableRandom rng) {
        if (m.kShellZ.length == 0) {
            return false;
        }
        double r = rng.nextDouble();
        for (int k = 0; k < m.kShellZ.length; k++) {
            r -= MaterialData.at(m.kShellProbability[k], p.energyIndex, p.energyFraction);
            if (r < 0) {
                KLines lines = library.kLines(m.kShellZ[k]);
                if (lines == null || rng.nextDouble() >= lines.fluorescenceYield) {
                    return false;
                }
                double e = lines.line(rng.nextDouble());
                if (e < CUTOFF_KEV) {
                    return false;
                }
                p.setEnergy(e, library.energyGrid());
                p.isotropic(rng.nextDouble(), rng.nextDouble());
                return true;
            }
        }
        return false;
    }

    /** cos θ of coherent scattering: x² from the F² cumulative, then the Thomson factor (1 + cos²θ)/2 by rejection. */
    static double coherentCosine(double energyKeV, MaterialData m, SplittableRandom rng) {
        double xMax = energyKeV / HC_KEV_ANGSTROM;
        double aMax = m.formFactorCumulative(xMax);
        while (true) {
            double x2 = m.xSquaredAtCumulative(rng.nextDouble() * aMax);
            double cos = 1 - 2 * x2 / (xMax * xMax);
            cos = Math.max(-1, Math.min(1, cos));
            if (2 * rng.nextDouble() < 1 + cos * cos) {
                return cos;
            }
        }
    }

    /** {cos θ, E'/E} of incoherent scattering: Klein–Nishina (Butcher &amp; Messel) × S(x)/Z by rejection. */
    static double[] incoherent(double energyKeV, MaterialData m, SplittableRandom rng) {
        double k = energyKeV / ELECTRON_MASS_KEV;
        double eps0 = 1 / (1 + 2 * k);
        double eps0Sq = eps0 * eps0;
        double alpha1 = -Math.log(eps0);
        double alpha2 = alpha1 + 0.5 * (1 - eps0Sq);
        double xMax = energyKeV / HC_KEV_ANGSTROM;
        while (true) {
            double eps;
            double epsSq;
            if (alpha1 > alpha2 * rng.nextDouble()) {
                eps = Math.exp(-alpha1 * rng.nextDouble());
                epsSq = eps * eps;
            } else {
                epsSq = eps0Sq + (1 - eps0Sq) * rng.nextDouble();
                eps = Math.sqrt(epsSq);
            }
            double oneMinusCos = (1 - eps) / (eps * k);
            double sinSq = oneMinusCos * (2 - oneMinusCos);
            double reject = 1 - eps * sinSq / (1 + epsSq);
            if (reject < rng.nextDouble()) {
                continue;
            }
            double x = xMax * Math.sqrt(Math.max(0, oneMinusCos / 2));
            if (rng.nextDouble() < m.incoherentFunction(x)) {
                return new double[] {1 - oneMinusCos, eps};
            }
        }
    }
}
