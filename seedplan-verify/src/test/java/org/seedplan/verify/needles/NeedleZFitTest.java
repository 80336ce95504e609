package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * One shallow needle inside a 3 mm (or 5 mm) box slice drawn by {@link IntraOpCtGenerator} (written apart from the fit), 12-bit: its z
 * refitted from a line at the slice centre (where the slab centroids put a needle inside a box slice) with the slice profile
 * its own end fit gives, against the drawn z.
 */
class NeedleZFitTest {

    private static final double SLICE_MM = 3;
    private static final double CLIP_HU = 3071;

    /**
     * The drawn scan's profile (in-plane σ, box width, slice σ, mm): the scanner's 0.9 mm FWHM with the steel's section (σ r/2)
     * and the 0.75 mm pixel, a 3 mm box with the section's σ. One flat needle does not tell it (its end fit here gave boxes of
     * 2-3.5 mm with σ 1.6-1.8 mm); on the finder's scans it is the median of the scan's ten end fits (0.55, 3.3, 0.32 mm on a
     * 3 mm box scan of this scanner).
     */
    static double[] profile(double sliceMm) {
        return new double[] {Math.sqrt(Math.pow(0.9 / 2.3548, 2) + Math.pow(IntraOpCtGenerator.NEEDLE_RADIUS_MM / 2, 2) + 0.75 * 0.75 / 12),
            sliceMm, IntraOpCtGenerator.NEEDLE_RADIUS_MM / 2};
    }

    /** 100 mm of steel towards +y ending at {@code tip}, rising {@code tiltDeg} out of the axial plane towards the tip. */
    private static SimulatedNeedle needle(Vec3 tip, double tiltDeg) {
        Vec3 axis = new Vec3(0.05, 1, Math.tan(Math.toRadians(tiltDeg))).normalized();
        return new SimulatedNeedle(tip.minus(axis.times(100)), tip, new Vec3(1, 0, 0), 0);
    }

    /** Slices centred on z = 0, ±T, … mm: the slice at the centre spans −T/2 to T/2. */
    private static Volume scan(SimulatedNeedle n, double sliceMm) {
        int nz = 9;
        Grid grid = new Grid(new Vec3(-30.1, -110.2, -sliceMm * (nz - 1) / 2), 0.75, 0.75, sliceMm, 80, 160, nz);
        IntraOpScanner scanner = new IntraOpScanner(0.9, IntraOpScanner.SliceProfile.BOX, 20, 0, CLIP_HU);
        return new IntraOpCtGenerator(scanner).render(grid, List.of(n), List.of(), 11);
    }

    /** The drawn needle's tip z against the refitted line's z at the tip, mm; the line started at the slice centre (z = 0). */
    private static double refittedTipZ(SimulatedNeedle n, double sliceMm) {
        Volume ct = scan(n, sliceMm);
        Vec3 axis = n.axisAtTip(100);
        Vec3 middle = n.tipMm().minus(axis.times(50));
        Vec3 flat = new Vec3(axis.x(), axis.y(), 0).normalized();
        Vec3 centre = new Vec3(middle.x(), middle.y(), 0);
        SpaceCurve atSliceCentre = new SpaceCurve(centre, flat, 1, new double[] {centre.x(), flat.x()}, new double[] {centre.y(), flat.y()},
                new double[] {0, 0});
        double[] p = profile(sliceMm);
        SpaceCurve refitted = NeedleZFit.refit(ct, atSliceCentre, -49, 49, p[0], d -> NeedleEndFit.sliceProfile(d, p[1], p[2]), CLIP_HU,
                List.of()).curve();
        return refitted.at(atSliceCentre.parameterOf(n.tipMm())).z();
    }

    @Test
    void aNeedleRisingTowardsTheSliceBoundaryIsPlacedWhereTheNeighbouringSliceSeesIt() {
        // Tip 1.2 mm above the slice centre (0.3 mm under the boundary), 1.2° out of the plane: over its last ~20 mm the needle
        // lies within 0.7 mm of the boundary, where the next slice reads a few hundred HU and more. The centroids' line
        // (z = 0) is 1.2 mm off at the tip. Tolerance 0.4 mm: within what the neighbour's partial volume tells (it is seen
        // from ~0.6-0.9 mm under the boundary on), leaving the rest of the 1 mm to the end fit.
        Vec3 tip = new Vec3(0, 0, 1.2);
        assertThat(Math.abs(refittedTipZ(needle(tip, 1.2), SLICE_MM) - tip.z())).as("tip z error, mm").isLessThanOrEqualTo(0.4);
    }

    @Test
    void aNeedleLyingAtTheSliceCentreStaysInsideTheSlice() {
        // A flat needle at the slice centre: no slice but its own sees it, so the fit is only bounded (within ±0.6-0.9 mm of the
        // centre the image is the same) and must not leave that band. Tolerance 0.9 mm, the band's half-width.
        Vec3 tip = new Vec3(0, 0, 0);
        assertThat(Math.abs(refittedTipZ(needle(tip, 0), SLICE_MM))).as("tip z error, mm").isLessThanOrEqualTo(0.9);
    }

    @Test
    void onFiveMillimetreSlicesANeedleTwoMillimetresFromTheSliceCentreIsReached() {
        // Like tuning scan 2701's needle 5 (1.6 mm above a 5 mm slice centre, 0.8°): tip 2.0 mm above the centre of a 5 mm box
        // slice (0.5 mm under the boundary), 1.0° out of the plane. The centroids' line (z = 0) is 2.0 mm off; the end heights
        // were searched only ±1.5 mm from it, and the tip stayed where it started (2.00 mm off, measured before). The neighbour
        // sees the needle near the boundary (a few hundred HU on its voxels 0.5 mm under it): tolerance 0.4 mm as on 3 mm slices.
        Vec3 tip = new Vec3(0, 0, 2.0);
        assertThat(Math.abs(refittedTipZ(needle(tip, 1.0), 5) - tip.z())).as("tip z error, mm").isLessThanOrEqualTo(0.4);
    }
}
