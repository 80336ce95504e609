package org.seedplan.verify.scanner;

/**
 * How the simulated scanner images: slice sensitivity profile and thickness (as thick as the slice spacing, or thicker on an
 * overlapping reconstruction: 5 mm slices every 2.5 mm), in-plane resolution
 * (full width at half maximum of the Gaussian point-spread function, applied on top of the pixel
 * aperture), noise, beam-hardening strength and the stored HU range.
 *
 * @param profile          slice sensitivity profile (its full width at half maximum is the slice thickness)
 * @param inPlaneFwhmMm    FWHM of the in-plane point-spread function, mm (0.6–1.2 for soft to sharp kernels)
 * @param noiseSdHu        standard deviation of the image noise, HU (spatially correlated over about 2 pixels)
 * @param beamHardeningHu  depth of the dark band between two seeds in one slice, HU (denser pairs darker, up to 3 ×)
 * @param scale            the stored range of CT numbers
 * @param sliceThicknessMm the slice thickness (the profile's FWHM), mm; NaN: as thick as the slice spacing (contiguous slices)
 * @param hardening        how beam hardening is drawn between two dense objects of a slice ({@link Hardening#BANDS_BETWEEN}
 *                         unless told)
 */
public record ScannerModel(SliceProfile profile, double inPlaneFwhmMm, double noiseSdHu, double beamHardeningHu, HuScale scale,
                           double sliceThicknessMm, Hardening hardening) {

    /** How beam hardening is drawn between two dense objects of one slice ({@link PostOpScanner}). */
    public enum Hardening {
        /**
         * The bench's: a dark band along the segment between the two objects' centres, deepening over 2 mm from either, σ 1 mm
         * across, its depth ∝ √ of the two objects' metal in the slice (up to 3 ×).
         */
        BANDS_BETWEEN,
        /**
         * A second, independently drawn kind (docs/seed-finder.md, sixteenth round): the rays through both objects are hardened
         * most, and they run on past the objects, so a dark streak lies along the whole line through both centres, at full depth
         * between them and fading as 10 / (10 + r) past each, narrower (σ 0.6 mm) and with bright flanks (filtered
         * back-projection's ramp filter gives a streak bright flanks; here of half the dark core's area); its depth ∝ the product
         * of the two objects' metal in the slice (the cross term of the polychromatic path integral, up to 3 ×).
         */
        STREAKS_THROUGH
    }

    public ScannerModel {
        if (hardening == null) {
            throw new IllegalArgumentException("scanner model: no beam-hardening kind given");
        }
        if (!(inPlaneFwhmMm > 0) || !(noiseSdHu >= 0) || !(beamHardeningHu >= 0)
                || !(Double.isNaN(sliceThicknessMm) || sliceThicknessMm > 0 && Double.isFinite(sliceThicknessMm))) {
            throw new IllegalArgumentException("scanner model out of range: in-plane FWHM " + inPlaneFwhmMm + " mm, noise "
                    + noiseSdHu + " HU, beam hardening " + beamHardeningHu + " HU, slice thickness " + sliceThicknessMm
                    + " mm (give a positive thickness, or NaN for slices as thick as their spacing)");
        }
    }

    /** A scanner whose slices are as thick as their spacing. */
    public ScannerModel(SliceProfile profile, double inPlaneFwhmMm, double noiseSdHu, double beamHardeningHu, HuScale scale) {
        this(profile, inPlaneFwhmMm, noiseSdHu, beamHardeningHu, scale, Double.NaN, Hardening.BANDS_BETWEEN);
    }

    /** The same scanner reconstructing slices {@code thicknessMm} thick, whatever their spacing (overlapping when wider). */
    public ScannerModel withSliceThickness(double thicknessMm) {
        return new ScannerModel(profile, inPlaneFwhmMm, noiseSdHu, beamHardeningHu, scale, thicknessMm, hardening);
    }

    /** The same scanner drawing beam hardening's artefacts between two objects of a slice the given way. */
    public ScannerModel withHardening(Hardening kind) {
        return new ScannerModel(profile, inPlaneFwhmMm, noiseSdHu, beamHardeningHu, scale, sliceThicknessMm, kind);
    }

    /** The slice thickness on slices {@code spacingMm} apart, mm: the model's, or the spacing when it has none. */
    public double sliceThicknessMm(double spacingMm) {
        return Double.isNaN(sliceThicknessMm) ? spacingMm : sliceThicknessMm;
    }

    /** A typical abdominal scan: 0.9 mm FWHM, 20 HU noise, 80 HU dark bands, with the given profile and scale. */
    public static ScannerModel typical(SliceProfile profile, HuScale scale) {
        return new ScannerModel(profile, 0.9, 20, 80, scale);
    }
}
