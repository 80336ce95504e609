package org.seedplan.planning.robustness;

/**
 * The placement errors simulated: each needle's tip is displaced by an isotropic Gaussian vector
 * whose root-mean-square length is {@code needleTipErrorMm}, the needle pivoting at its entry (so a
 * seed's share of the displacement grows linearly with its depth); each seed is then displaced on
 * its own by an isotropic Gaussian of standard deviation {@code seedSigmaMm} per axis.
 *
 * @param samples number of simulated implants
 */
public record PlacementErrors(double needleTipErrorMm, double seedSigmaMm, int samples) {

    /** Default needle-tip error, mm (the planning issue's literature figure for CT-guided insertion). */
    public static final double DEFAULT_TIP_ERROR_MM = 4.0;
    /** Default independent seed displacement, mm per axis. */
    public static final double DEFAULT_SEED_SIGMA_MM = 2.0;
    public static final int DEFAULT_SAMPLES = 100;

    public PlacementErrors {
        if (!(needleTipErrorMm >= 0) || !(seedSigmaMm >= 0)) {
            throw new IllegalArgumentException("placement errors must be ≥ 0 mm, got tip " + needleTipErrorMm + " mm and seed "
                    + seedSigmaMm + " mm");
        }
        if (samples < 10) {
            throw new IllegalArgumentException("robustness needs at least 10 samples for 5th–95th percentiles, got " + samples);
        }
    }

    public static PlacementErrors defaults() {
        return new PlacementErrors(DEFAULT_TIP_ERROR_MM, DEFAULT_SEED_SIGMA_MM, DEFAULT_SAMPLES);
    }
}
