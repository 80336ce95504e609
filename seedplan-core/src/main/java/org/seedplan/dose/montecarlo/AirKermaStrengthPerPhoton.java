package org.seedplan.dose.montecarlo;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Air-kerma strength per emitted photon of a seed model, computed by the same transport with the seed in vacuum
 * (TG-43U1 §III.A: S_K is air kerma in vacuo times distance squared, photons below δ = 5 keV excluded): photons that
 * leave the capsule within ±{@value #BAND_COS} of the transverse plane (|cos θ| ≤ 0.1, θ from the seed axis) are
 * scored as energy fluence per steradian × μen/ρ of air, which is K(d)·d² for a distance d at which the seed looks
 * like a point (no inverse-square or aperture correction is needed in vacuo). Cached per model.
 */
final class AirKermaStrengthPerPhoton {

    /** Half-width of the transverse band in cos θ (about ±5.7°, inside the ±8° of the NIST WAFAC's aperture). */
    static final double BAND_COS = 0.1;
    /** TG-43U1's energy cut-off δ for S_K, keV. */
    static final double DELTA_KEV = 5.0;
    static final int CHUNKS = 64;
    static final int PHOTONS_PER_CHUNK = 40_000;
    private static final long RNG_SEED = 0x5EEDL;
    private static final Map<SeedGeometry, Double> CACHE = new ConcurrentHashMap<>();

    private AirKermaStrengthPerPhoton() {
    }

    /** K·d² per emitted photon in keV·cm²/g (1 keV/g = 1.602e-11 cGy). */
    static double keVCm2PerGram(SeedGeometry geometry, MaterialLibrary library) {
        return CACHE.computeIfAbsent(geometry, g -> compute(g, library));
    }

    private static double compute(SeedGeometry geometry, MaterialLibrary library) {
        SeedTransport transport = new SeedTransport(geometry, library);
        MaterialData air = library.data("air");
        EnergyGrid grid = library.energyGrid();
        double[] chunk = new double[CHUNKS];
        IntStream.range(0, CHUNKS).parallel().forEach(c -> {
            SplittableRandom rng = new SplittableRandom(RNG_SEED * 31 + c);
            Photon p = new Photon();
            double sum = 0;
            for (int n = 0; n < PHOTONS_PER_CHUNK; n++) {
                if (transport.emit(p, rng) && p.energyKeV >= DELTA_KEV && Math.abs(p.w) <= BAND_COS) {
                    int i = grid.interval(p.energyKeV);
                    sum += p.energyKeV * MaterialData.at(air.muEn, i, grid.fraction(i, p.energyKeV));
                }
            }
            chunk[c] = sum;
        });
        double total = 0;
        for (double s : chunk) {
            total += s;
        }
        double solidAngle = 2 * Math.PI * 2 * BAND_COS;
        return total / ((double) CHUNKS * PHOTONS_PER_CHUNK * solidAngle);
    }
}
