package org.seedplan.verify.phantom;

/**
 * How the synthetic scanner images a seed implant: seed size, the effective attenuation of a seed,
 * the point-spread function (Gaussian in-plane, Gaussian slice-sensitivity profile whose full
 * width at half maximum equals the slice thickness, as for helical reconstruction), noise, metal
 * streaks, the anatomy drawn around the implant and the scanner's upper clip.
 *
 * <p>The seed is a solid cylinder of {@code seedLengthMm × seedDiameterMm} with a mean CT number of
 * {@code metalContrastHu}: the default 40 000 HU is the volume-weighted mean of a silver rod
 * (0.5 × 3 mm, about 26 % of the capsule, μ ≈ 30 cm⁻¹ at 60–70 keV, i.e. ≈ 150 000 HU) and the
 * titanium wall (≈ 6 000 HU). The seed core then saturates at {@code maxHu} (3071 HU on 12-bit
 * scanners) while its partial-volume tails on neighbouring slices stay below it.
 *
 * @param seedLengthMm      seed length, mm (4.5 for the I-125 models in use)
 * @param seedDiameterMm    seed diameter, mm (0.8)
 * @param metalContrastHu   mean CT number of the seed cylinder before blurring, HU
 * @param inPlaneFwhmMm     in-plane resolution (FWHM of the point-spread function), mm
 * @param noiseSdHuAt2p5Mm  standard deviation of the noise on 2.5 mm slices, HU (scales as 1/√thickness)
 * @param streakHu          peak amplitude of the bright and dark metal streaks, HU (0: none)
 * @param bone              whether to draw a vertebra with dense cortical bone
 * @param calcifications    number of small dense calcifications (1800 HU, 3 mm) near the implant
 * @param otherMetal        whether to draw a pedicle screw (a metal rod 5 × 35 mm) in the vertebra
 * @param maxHu             the scanner's upper clip, HU
 */
public record ImagingModel(double seedLengthMm, double seedDiameterMm, double metalContrastHu, double inPlaneFwhmMm,
                           double noiseSdHuAt2p5Mm, double streakHu, boolean bone, int calcifications,
                           boolean otherMetal, double maxHu) {

    public ImagingModel {
        if (!(seedLengthMm > 0) || !(seedDiameterMm > 0)) {
            throw new IllegalArgumentException("seed length and diameter must be positive mm, got "
                    + seedLengthMm + " × " + seedDiameterMm);
        }
        if (!(metalContrastHu > 0) || !(inPlaneFwhmMm > 0) || noiseSdHuAt2p5Mm < 0 || streakHu < 0
                || calcifications < 0) {
            throw new IllegalArgumentException("imaging model out of range: metal contrast " + metalContrastHu
                    + " HU, FWHM " + inPlaneFwhmMm + " mm, noise " + noiseSdHuAt2p5Mm + " HU, streaks " + streakHu
                    + " HU, calcifications " + calcifications);
        }
    }

    /** A clinical-looking scan: 4.5 × 0.8 mm seeds, 1 mm FWHM, 25 HU noise, streaks, bone, two calcifications, a screw, 3071 HU clip. */
    public static ImagingModel clinical() {
        return new ImagingModel(4.5, 0.8, 40000, 1.0, 25, 350, true, 2, true, 3071);
    }

    /** The same scan without the extra metal object and calcifications (what a demo patient shows). */
    public ImagingModel withoutDistractors() {
        return new ImagingModel(seedLengthMm, seedDiameterMm, metalContrastHu, inPlaneFwhmMm, noiseSdHuAt2p5Mm,
                streakHu, bone, 0, false, maxHu);
    }

    /** Noise standard deviation on slices of the given thickness, HU. */
    public double noiseSdHu(double sliceMm) {
        return noiseSdHuAt2p5Mm * Math.sqrt(2.5 / sliceMm);
    }
}
