package org.seedplan.verify.needles;

/** The standard normal cumulative distribution Φ (Abramowitz &amp; Stegun 7.1.26, |error| &lt; 1.5·10⁻⁷). */
final class NormalCdf {

    private NormalCdf() {
    }

    static double of(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
