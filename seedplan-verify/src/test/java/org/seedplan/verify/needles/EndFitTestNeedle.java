package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * The scene the end fit's render tests share ({@link NeedleEndFitWindowTest}, {@link NeedleEndFitShaftPartTest}): one needle 8° out
 * of the axial plane, its tip at the origin, drawn by {@link IntraOpCtGenerator} on 40 mm of slices; the end fit about its tip; and
 * four shafts of several masses, blurs, box and Gaussian profiles, offsets and tilts to render.
 */
final class EndFitTestNeedle {

    static final Vec3 TIP = new Vec3(0, 0, 0);

    private EndFitTestNeedle() {
    }

    static SimulatedNeedle needle() {
        Vec3 axis = new Vec3(0.1, 1, Math.tan(Math.toRadians(8))).normalized();
        return new SimulatedNeedle(TIP.minus(axis.times(60)), TIP, new Vec3(1, 0, 0), 0);
    }

    /** The needle scanned with slices of {@code sliceMm} and the given profile, clipped at {@code clipHu} (∞ for none). */
    static Volume scan(double sliceMm, IntraOpScanner.SliceProfile profile, double clipHu) {
        int nz = (int) Math.round(40 / sliceMm);
        Grid grid = new Grid(new Vec3(-30.1, -70.2, -sliceMm * (nz - 1) / 2 + 0.3), 0.75, 0.75, sliceMm, 80, 120, nz);
        return new IntraOpCtGenerator(new IntraOpScanner(0.9, profile, 20, 0, clipHu), 3.5).render(grid, List.of(needle()), List.of(), 7);
    }

    /** The end fit about the needle's tip, started 1 mm short of it, the fit's clip at {@code clipHu}. */
    static NeedleEndFit fit(Volume ct, double clipHu) {
        Vec3 axis = needle().axisAtTip(10);
        NeedleEndFit fit = NeedleEndFit.of(ct, TIP.minus(axis.times(1.0)), axis, clipHu, 50, NeedleEndFit.BEVELS_MM, null);
        assertThat(fit).as("fit").isNotNull();
        return fit;
    }

    /**
     * Four shafts for a scan of slice profile FWHM {@code d} mm: ln(steel mass per mm), in-plane σ, slice box width, slice σ,
     * offsets along e1 and e2, tilts towards them.
     */
    static double[][] shafts(double d) {
        return new double[][] {
            {Math.log(20000), 0.45, 0.92 * d, 0.06 * d, 0.1, -0.05, 0.002, -0.001},
            {Math.log(12000), 0.8, 0.01, d / 2.355, -0.3, 0.2, -0.01, 0.01},
            {Math.log(30000), 0.3, 0.5 * d, 0.3 * d, 0, 0, 0, 0},
            {Math.log(16000), 1.2, 1.2 * d, 0.15 * d, 0.6, 0.4, 0.02, -0.03},
        };
    }
}
