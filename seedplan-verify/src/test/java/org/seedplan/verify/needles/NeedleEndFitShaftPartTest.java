package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Volume;

/**
 * The end fit's shaft part of the model kept between renders with the same shaft, tip and window and put back for another turn of
 * the bevel (docs/needles.md, twenty-eighth round, branch {@code needlespeed8}) against the model rendered afresh: the misfit the
 * same number, bit for bit (tolerance 0: every voxel read holds the same sums after the shaft's elements, and the bevel's elements
 * add the same terms in the same order). One needle 8° out of the axial plane drawn by {@link IntraOpCtGenerator} on 5 mm box slices
 * (clipped), 3 mm triangle slices and 1.25 mm Gaussian slices (unclipped); four shafts (masses, blurs, box and Gaussian profiles,
 * offsets, tilts) × three tips × eight turns (the end grid's), over the end's and the shaft's windows, each misfit taken twice: after
 * another shaft's render (nothing to put back) and after the same shaft and tip at another turn (its shaft part put back), and also
 * against the whole box's render ({@link NeedleEndFit.Window} with every row's whole stretch). The shaft part is the same
 * for every turn only by the model's construction, so the test holds the kept part to the fresh numbers; it passes before the
 * change too (there every render is fresh).
 */
class NeedleEndFitShaftPartTest {

    /** The end's and the shaft's windows, mm along the axis from the fit's end (NeedleEndFit's TIP_FROM/TO_MM, SHAFT_FROM/TO_MM). */
    private static final double[][] WINDOWS = {{-8, 6}, {-15, -7.5}};
    private static final int TURNS = 8;

    private static void keptShaftPartGivesTheFreshMisfits(double sliceMm, IntraOpScanner.SliceProfile profile, double scannerClipHu,
            double clipHu) {
        Volume ct = EndFitTestNeedle.scan(sliceMm, profile, scannerClipHu);
        NeedleEndFit fit = EndFitTestNeedle.fit(ct, clipHu);
        double d = ct.sliceProfileFwhmMm();
        double[][] shafts = EndFitTestNeedle.shafts(d);
        double[] other = {Math.log(25000), 0.6, 0.7 * d, 0.2 * d, 0.05, 0.05, 0, 0};
        double[] tips = {-2.5, 0.3, 3.7};
        int compared = 0;
        for (double[] window : WINDOWS) {
            NeedleEndFit.Window w = fit.new Window(window[0], window[1], false);
            NeedleEndFit.Window whole = fit.new Window(window[0], window[1], true);
            for (double[] p : shafts) {
                for (double t : tips) {
                    double[] fresh = new double[TURNS];
                    for (int a = 0; a < TURNS; a++) {
                        fit.misfit(other, t, 0, w);
                        fresh[a] = fit.misfit(p, t, a * 2 * Math.PI / TURNS, w);
                    }
                    if (window[0] == -8) {
                        assertThat(java.util.Arrays.stream(fresh).distinct().count()).as("the turns differ at tip %s", t).isGreaterThan(1);
                    }
                    // The turns in a row, as the end's grid asks them: the first renders the shaft afresh, the others put it back.
                    fit.misfit(other, t, 0, w);
                    double[] kept = new double[TURNS];
                    for (int a = 0; a < TURNS; a++) {
                        kept[a] = fit.misfit(p, t, a * 2 * Math.PI / TURNS, w);
                    }
                    for (int a = 0; a < TURNS; a++) {
                        String as = String.format("misfit over %s mm, shaft %s, tip %s, turn %d", java.util.Arrays.toString(window),
                                java.util.Arrays.toString(p), t, a);
                        assertThat(kept[a]).as(as).isEqualTo(fresh[a]);
                        assertThat(fit.misfit(p, t, a * 2 * Math.PI / TURNS, whole)).as(as + ", whole box").isEqualTo(fresh[a]);
                        assertThat(kept[a]).isLessThan(Double.MAX_VALUE / 4);
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(2 * 4 * 3 * TURNS);
    }

    @Test
    void theKeptShaftPartGivesTheFreshMisfitsOnThickBoxSlices() {
        keptShaftPartGivesTheFreshMisfits(5, IntraOpScanner.SliceProfile.BOX, 3071, 3071);
    }

    @Test
    void theKeptShaftPartGivesTheFreshMisfitsOnTriangleSlices() {
        keptShaftPartGivesTheFreshMisfits(3, IntraOpScanner.SliceProfile.TRIANGLE, 3071, 3071);
    }

    @Test
    void theKeptShaftPartGivesTheFreshMisfitsOnThinGaussianSlicesUnclipped() {
        keptShaftPartGivesTheFreshMisfits(1.25, IntraOpScanner.SliceProfile.GAUSSIAN, 30710, Double.POSITIVE_INFINITY);
    }
}
