package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Volume;

/**
 * The end fit's model rendered into the window's voxels only ({@link NeedleEndFit.Window}) against the model rendered into the
 * whole box, as before the window (docs/needles.md, twenty-seventh round, {@code needlespeed6}): the misfit the same number, bit
 * for bit (tolerance 0: a voxel read gets the same terms added in the same order), on one needle 8° out of the axial plane drawn
 * by {@link IntraOpCtGenerator} on 5 mm box slices (clipped), 3 mm triangle slices and 1.25 mm Gaussian slices (unclipped), for
 * shafts and tips of several masses, blurs, profiles, offsets, tilts, tip places and bevel turns, over the shaft's and the end's
 * windows. It cannot fail before the window existed (it does not compile there); it holds the window to the whole box's numbers.
 */
class NeedleEndFitWindowTest {

    /** The shaft's and the end's windows, mm along the axis from the fit's end (NeedleEndFit's SHAFT_FROM/TO_MM, TIP_FROM/TO_MM). */
    private static final double[][] WINDOWS = {{-15, -7.5}, {-8, 6}};

    private static void sameMisfitsAsTheWholeBox(double sliceMm, IntraOpScanner.SliceProfile profile, double scannerClipHu, double clipHu) {
        Volume ct = EndFitTestNeedle.scan(sliceMm, profile, scannerClipHu);
        NeedleEndFit fit = EndFitTestNeedle.fit(ct, clipHu);
        double d = ct.sliceProfileFwhmMm();
        double[][] shafts = EndFitTestNeedle.shafts(d);
        double[] tips = {Double.NaN, -2.5, 0.3, 3.7};
        double[] turns = {0, 1.1, 4.0};
        int compared = 0;
        for (double[] window : WINDOWS) {
            NeedleEndFit.Window restricted = fit.new Window(window[0], window[1], false);
            NeedleEndFit.Window whole = fit.new Window(window[0], window[1], true);
            for (double[] p : shafts) {
                for (double t : tips) {
                    for (double phi : turns) {
                        double before = fit.misfit(p, t, phi, whole);
                        double after = fit.misfit(p, t, phi, restricted);
                        assertThat(after).as("misfit over %s mm, shaft %s, tip %s, turn %s", java.util.Arrays.toString(window),
                                java.util.Arrays.toString(p), t, phi).isEqualTo(before);
                        assertThat(before).isLessThan(Double.MAX_VALUE / 4);
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(2 * 4 * 4 * 3);
    }

    @Test
    void theWindowsMisfitIsTheWholeBoxsOnThickBoxSlices() {
        sameMisfitsAsTheWholeBox(5, IntraOpScanner.SliceProfile.BOX, 3071, 3071);
    }

    @Test
    void theWindowsMisfitIsTheWholeBoxsOnTriangleSlices() {
        sameMisfitsAsTheWholeBox(3, IntraOpScanner.SliceProfile.TRIANGLE, 3071, 3071);
    }

    @Test
    void theWindowsMisfitIsTheWholeBoxsOnThinGaussianSlicesUnclipped() {
        sameMisfitsAsTheWholeBox(1.25, IntraOpScanner.SliceProfile.GAUSSIAN, 30710, Double.POSITIVE_INFINITY);
    }
}
