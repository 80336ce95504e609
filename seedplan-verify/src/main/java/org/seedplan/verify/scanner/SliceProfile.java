package org.seedplan.verify.scanner;

/**
 * The slice sensitivity profile of a CT reconstruction: the weight with which an object at axial
 * distance dz from a slice centre contributes to that slice. Every profile is normalised to unit
 * area and has a full width at half maximum equal to the nominal slice thickness T: a box (axial
 * step-and-shoot, or thin slices averaged into a thick one), a triangle of base 2T (single-slice
 * helical with 180° linear interpolation) and a Gaussian of σ = T / 2.355 (multi-slice helical
 * with z-filtering). Polacin, Kalender &amp; Marchal, Radiology 185 (1992) 29–35, describe the
 * profiles of helical reconstruction.
 */
public enum SliceProfile {
    /** Uniform weight over one slice thickness. */
    BOX,
    /** Linear fall-off to zero at one slice thickness from the centre. */
    TRIANGLE,
    /** Gaussian with full width at half maximum equal to the slice thickness. */
    GAUSSIAN;

    private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

    /** Weight per mm at axial distance {@code dzMm} for slice thickness {@code thicknessMm}. */
    public double weightPerMm(double dzMm, double thicknessMm) {
        double a = Math.abs(dzMm);
        return switch (this) {
            case BOX -> a < thicknessMm / 2 ? 1 / thicknessMm : a == thicknessMm / 2 ? 0.5 / thicknessMm : 0;
            case TRIANGLE -> a < thicknessMm ? (1 - a / thicknessMm) / thicknessMm : 0;
            case GAUSSIAN -> {
                double s = thicknessMm / FWHM_PER_SIGMA;
                yield a > 5 * s ? 0 : Math.exp(-a * a / (2 * s * s)) / (Math.sqrt(2 * Math.PI) * s);
            }
        };
    }

    /** Axial distance beyond which the weight is zero (or below 10⁻⁵ of the peak), mm. */
    public double reachMm(double thicknessMm) {
        return switch (this) {
            case BOX -> thicknessMm / 2;
            case TRIANGLE -> thicknessMm;
            case GAUSSIAN -> 5 * thicknessMm / FWHM_PER_SIGMA;
        };
    }
}
