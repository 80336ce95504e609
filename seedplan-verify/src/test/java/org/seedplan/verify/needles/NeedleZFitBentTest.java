package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * A flat needle bent along z on 5 mm box slices, drawn by {@link IntraOpCtGenerator} (written apart from the fit), 12-bit, of
 * the kind traced on 4573 n7 (docs/needles.md, twenty-seventh round, branch {@code needleflat9}): 110 mm of steel whose free
 * end is bent 2.9 mm upwards (as 4573 n7's), its chord rising 3.1 mm towards the hub so that the hub end lies in the slice above's partial
 * volume (0.4 mm over the boundary) while the tip lies 0.2 mm under the slice centre, inside the slice's flat top. Its z
 * refitted as a line from the slice centre with a soft slice profile (box ⊗ Gaussian of σ 0.45 mm, FWHM the slice: a soft edge
 * as the ends' median profile has on such scans) follows the hub part, whose neighbour places it, and misses the tip low, its own
 * interval sure of the wrong place; widened by the line's bent reading ({@link NeedleZFit.Fitted#bentApartMm}) it covers the tip.
 */
class NeedleZFitBentTest {

    private static final double SLICE_MM = 5;
    private static final double CLIP_HU = 3071;

    @Test
    void aFlatNeedleBentAlongZIsStatedAtLeastItsTipsErrorAlongZ() {
        Vec3 tip = new Vec3(0, 50, -0.2);
        Vec3 flat = new Vec3(0.05, 1, 0).normalized();
        Vec3 hub = new Vec3(tip.x() - 110 * flat.x(), tip.y() - 110 * flat.y(), tip.z() + 3.1);
        SimulatedNeedle needle = new SimulatedNeedle(hub, tip, new Vec3(0, 0, 1), 2.9);
        int nz = 9;
        Grid grid = new Grid(new Vec3(-30.1, -70.2, -SLICE_MM * (nz - 1) / 2), 0.75, 0.75, SLICE_MM, 80, 170, nz);
        // 4573's scanner: box, 12-bit, in-plane FWHM 0.65 mm, noise 34 HU; no streaks.
        IntraOpScanner scanner = new IntraOpScanner(0.65, IntraOpScanner.SliceProfile.BOX, 34, 0, CLIP_HU);
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, List.of(needle), List.of(), 11);
        Vec3 middle = tip.minus(flat.times(55));
        Vec3 centre = new Vec3(middle.x(), middle.y(), 0);
        SpaceCurve atSliceCentre = new SpaceCurve(centre, flat, 1, new double[] {centre.x(), flat.x()}, new double[] {centre.y(), flat.y()},
                new double[] {0, 0});
        double[] p = NeedleZFitTest.profile(SLICE_MM);
        double[] soft = NeedleEndFit.withFwhm(new double[] {p[0], SLICE_MM, 0.45}, SLICE_MM);
        NeedleZFit.Fitted fitted = NeedleZFit.refit(ct, atSliceCentre, -54, 54, p[0], d -> NeedleEndFit.sliceProfile(d, soft[1], soft[2]),
                CLIP_HU, List.of());
        double t = fitted.curve().parameterOf(tip);
        double error = Math.abs(fitted.curve().at(t).z() - tip.z());
        double half = fitted.zHalfWidthAt(t);
        double bent = fitted.bentApartMm(t);
        // Measured (scratch, before the Δχ² gate): the line's tip 1.64 mm low, its interval ±0.17, the bent reading 1.85 mm higher.
        // With a softer profile (σ 0.6 mm) the line misses by 1.3 mm and the reading, its bend held to 5 mm, by 0.4-0.6 mm:
        // not covered (docs/needles.md, twenty-seventh round, needleflat9: the reading covers a bend, not a profile's error).
        // The traced kind: the line misses the tip by more than the 1 mm and its own interval does not say so
        // (this fails before the change: the statement was that interval alone).
        assertThat(error).as("the line's tip error along z, mm").isGreaterThan(1);
        assertThat(half).as("the line's own interval, mm").isLessThan(error);
        // The statement covers the tip; no tolerance: a statement covers the error or it does not (here by about 0.4 mm).
        assertThat(half + bent).as("the stated interval, mm").isGreaterThanOrEqualTo(error);
    }
}
