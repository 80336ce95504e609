package org.seedplan.dose.montecarlo;

/**
 * The photons of one I-125 decay above 5 keV: TG-43U1 Table I (Rivard et al., Med Phys 31:633, 2004), itself from
 * NNDC/ENSDF: the Te K x-rays after electron capture at 27.202, 27.472, 30.980, 31.710 keV and the 35.492 keV gamma,
 * 1.476 photons per decay in all. The Te L x-rays (≈ 4 keV) stop in any seed capsule and are not emitted.
 */
final class I125Spectrum {

    /** Line energies, keV. */
    static final double[] ENERGY_KEV = {27.202, 27.472, 30.980, 31.710, 35.492};
    /** Photons per decay of each line (TG-43U1 Table I). */
    static final double[] YIELD_PER_DECAY = {0.406, 0.757, 0.202, 0.0439, 0.0668};

    private static final double[] CUMULATIVE = new double[ENERGY_KEV.length];

    static {
        double total = 0;
        for (double y : YIELD_PER_DECAY) {
            total += y;
        }
        double sum = 0;
        for (int i = 0; i < YIELD_PER_DECAY.length; i++) {
            sum += YIELD_PER_DECAY[i] / total;
            CUMULATIVE[i] = sum;
        }
    }

    private I125Spectrum() {
    }

    /** The energy of an emitted photon, keV, for a uniform random number u ∈ [0, 1). */
    static double sample(double u) {
        for (int i = 0; i < CUMULATIVE.length; i++) {
            if (u < CUMULATIVE[i]) {
                return ENERGY_KEV[i];
            }
        }
        return ENERGY_KEV[ENERGY_KEV.length - 1];
    }
}
