package org.seedplan.verify.scanner;

/**
 * How the simulated scanner images: slice sensitivity profile and thickness, in-plane resolution
 * (full width at half maximum of the Gaussian point-spread function, applied on top of the pixel
 * aperture), noise, beam-hardening strength and the stored HU range.
 *
 * @param profile          slice sensitivity profile (its full width at half maximum is the slice thickness)
 * @param inPlaneFwhmMm    FWHM of the in-plane point-spread function, mm (0.6–1.2 for soft to sharp kernels)
 * @param noiseSdHu        standard deviation of the image noise, HU (spatially correlated over about 2 pixels)
 * @param beamHardeningHu  depth of the dark band between two seeds in one slice, HU (denser pairs darker, up to 3 ×)
 * @param scale            the stored range of CT numbers
 */
public record ScannerModel(SliceProfile profile, double inPlaneFwhmMm, double noiseSdHu, double beamHardeningHu, HuScale scale) {

    public ScannerModel {
        if (!(inPlaneFwhmMm > 0) || !(noiseSdHu >= 0) || !(beamHardeningHu >= 0)) {
            throw new IllegalArgumentException("scanner model out of range: in-plane FWHM " + inPlaneFwhmMm + " mm, noise "
                    + noiseSdHu + " HU, beam hardening " + beamHardeningHu + " HU");
        }
    }

    /** A typical abdominal scan: 0.9 mm FWHM, 20 HU noise, 80 HU dark bands, with the given profile and scale. */
    public static ScannerModel typical(SliceProfile profile, HuScale scale) {
        return new ScannerModel(profile, 0.9, 20, 80, scale);
    }
}
