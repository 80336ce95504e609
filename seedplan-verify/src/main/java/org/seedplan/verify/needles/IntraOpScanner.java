package org.seedplan.verify.needles;

/**
 * How the simulated scanner images the intra-operative CT: in-plane resolution, slice sensitivity
 * profile, noise, metal streaks and the upper clip of the CT numbers.
 *
 * @param inPlaneFwhmMm full width at half maximum of the in-plane point-spread function (Gaussian), mm
 * @param profile       shape of the slice sensitivity profile, whose full width at half maximum is the slice thickness
 * @param noiseSdHu     standard deviation of the image noise, HU
 * @param streakHu      peak amplitude of the bright and dark metal streaks, HU (0: none)
 * @param maxHu         the scanner's upper clip: 3071 on 12-bit scanners, 30 710 on an extended scale
 * @param sliceThicknessMm the slice thickness (the profile's FWHM), mm; NaN: as thick as the slice spacing (contiguous
 *                      slices). Thicker than the spacing is an overlapping reconstruction (5 mm slices every 2.5 mm)
 */
public record IntraOpScanner(double inPlaneFwhmMm, SliceProfile profile, double noiseSdHu, double streakHu, double maxHu,
                             double sliceThicknessMm) {

    /** Shape of the slice sensitivity profile along z. */
    public enum SliceProfile {
        /** Uniform over the slice thickness (axial acquisition). */
        BOX,
        /** Gaussian (helical reconstruction). */
        GAUSSIAN,
        /** Triangular (helical, 180° linear interpolation). */
        TRIANGLE
    }

    public IntraOpScanner {
        if (!(inPlaneFwhmMm > 0) || !(noiseSdHu >= 0) || !(streakHu >= 0) || !(maxHu > 1000)
                || !(Double.isNaN(sliceThicknessMm) || sliceThicknessMm > 0)) {
            throw new IllegalArgumentException("scanner out of range: FWHM " + inPlaneFwhmMm + " mm, noise " + noiseSdHu
                    + " HU, streaks " + streakHu + " HU, clip " + maxHu + " HU, slice thickness " + sliceThicknessMm + " mm");
        }
    }

    /** A scanner reconstructing contiguous slices, as thick as they are spaced. */
    public IntraOpScanner(double inPlaneFwhmMm, SliceProfile profile, double noiseSdHu, double streakHu, double maxHu) {
        this(inPlaneFwhmMm, profile, noiseSdHu, streakHu, maxHu, Double.NaN);
    }

    /** This scanner reconstructing slices {@code thicknessMm} thick (FWHM), whatever their spacing. */
    public IntraOpScanner withSliceThickness(double thicknessMm) {
        return new IntraOpScanner(inPlaneFwhmMm, profile, noiseSdHu, streakHu, maxHu, thicknessMm);
    }

    /** The slice thickness on slices {@code spacingMm} apart, mm. */
    public double sliceThicknessMm(double spacingMm) {
        return Double.isNaN(sliceThicknessMm) ? spacingMm : sliceThicknessMm;
    }

    /** A 12-bit scanner: 0.9 mm FWHM, box profile, 20 HU noise, 250 HU streaks, clipped at 3071 HU. */
    public static IntraOpScanner clinical12Bit() {
        return new IntraOpScanner(0.9, SliceProfile.BOX, 20, 250, 3071);
    }
}
