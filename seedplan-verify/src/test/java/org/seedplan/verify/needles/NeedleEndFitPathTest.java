package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * The end fit's answer a property of the image, not of its simplexes' paths (docs/needles.md, thirtieth round, branch
 * {@code needlebasin12}): the same needle fitted from ends a micrometre apart along the same line.
 */
class NeedleEndFitPathTest {

    @Test
    void endsAMicrometreApartAlongTheLineFindTheSameTip() {
        // A needle 4.5° out of 5 mm box slices, 12-bit, its tip 0.48 of a slice from its slice's centre (as 4513 needle 1), fitted
        // with the scan's profile given (the finder's second pass) from eight ends 1.5 mm short of the tip, 1 µm apart along the
        // true axis: the window's voxels are the same, only the simplexes' paths differ. Tolerance 0.05 mm, the bound the
        // twenty-ninth round set for a change of path (branch needlespeed10). Measured: without the end settled again until it
        // stops moving the tips spread 0.065 mm; with it 0.016 mm.
        Vec3 tip = new Vec3(0, 0, 0);
        Vec3 axis = new Vec3(0.1, 1, Math.tan(Math.toRadians(4.5))).normalized();
        SimulatedNeedle needle = new SimulatedNeedle(tip.minus(axis.times(60)), tip, new Vec3(1, 0, 0), 0);
        int nz = 8;
        double slice = 5;
        Grid grid = new Grid(new Vec3(-30.1, -70.2, -slice * (nz - 1) / 2 + slice * (0.5 - 0.48)), 0.75, 0.75, slice, 80, 120, nz);
        Volume ct = new IntraOpCtGenerator(new IntraOpScanner(0.9, IntraOpScanner.SliceProfile.BOX, 20, 0, 3071), 3.5)
                .render(grid, List.of(needle), List.of(), 7);
        double[] profile = {0.55, 5.0, 0.26};
        Vec3 along = needle.axisAtTip(10);
        double least = Double.MAX_VALUE;
        double most = -Double.MAX_VALUE;
        for (int k = 0; k < 8; k++) {
            double back = 1.5 + k * 0.001;
            NeedleEndFit fit = NeedleEndFit.of(ct, tip.minus(along.times(back)), along, 3071, 50, new double[] {3.5}, profile);
            assertThat(fit).as("fit").isNotNull();
            double depth = fit.tipOffsetMm(0) - back;
            least = Math.min(least, depth);
            most = Math.max(most, depth);
        }
        System.out.printf(java.util.Locale.ROOT, "tips along the axis %.3f to %.3f mm%n", least, most);
        assertThat(most - least).as("spread of the tips along the axis, mm").isLessThanOrEqualTo(0.05);
    }
}
