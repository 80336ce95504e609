package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
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

    private static final Vec3 TIP = new Vec3(0, 0, 0);
    /** The shaft's and the end's windows, mm along the axis from the fit's end (NeedleEndFit's SHAFT_FROM/TO_MM, TIP_FROM/TO_MM). */
    private static final double[][] WINDOWS = {{-15, -7.5}, {-8, 6}};

    private static SimulatedNeedle needle() {
        Vec3 axis = new Vec3(0.1, 1, Math.tan(Math.toRadians(8))).normalized();
        return new SimulatedNeedle(TIP.minus(axis.times(60)), TIP, new Vec3(1, 0, 0), 0);
    }

    private static Volume scan(double sliceMm, IntraOpScanner.SliceProfile profile, double clipHu) {
        int nz = (int) Math.round(40 / sliceMm);
        Grid grid = new Grid(new Vec3(-30.1, -70.2, -sliceMm * (nz - 1) / 2 + 0.3), 0.75, 0.75, sliceMm, 80, 120, nz);
        return new IntraOpCtGenerator(new IntraOpScanner(0.9, profile, 20, 0, clipHu), 3.5).render(grid, List.of(needle()), List.of(), 7);
    }

    private static void sameMisfitsAsTheWholeBox(double sliceMm, IntraOpScanner.SliceProfile profile, double scannerClipHu, double clipHu) {
        Volume ct = scan(sliceMm, profile, scannerClipHu);
        Vec3 axis = needle().axisAtTip(10);
        NeedleEndFit fit = NeedleEndFit.of(ct, TIP.minus(axis.times(1.0)), axis, clipHu, 50, NeedleEndFit.BEVELS_MM, null);
        assertThat(fit).as("fit").isNotNull();
        double d = ct.sliceProfileFwhmMm();
        // ln(steel mass per mm), in-plane σ, slice box width, slice σ, offsets along e1 and e2, tilts towards them.
        double[][] shafts = {
            {Math.log(20000), 0.45, 0.92 * d, 0.06 * d, 0.1, -0.05, 0.002, -0.001},
            {Math.log(12000), 0.8, 0.01, d / 2.355, -0.3, 0.2, -0.01, 0.01},
            {Math.log(30000), 0.3, 0.5 * d, 0.3 * d, 0, 0, 0, 0},
            {Math.log(16000), 1.2, 1.2 * d, 0.15 * d, 0.6, 0.4, 0.02, -0.03},
        };
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
