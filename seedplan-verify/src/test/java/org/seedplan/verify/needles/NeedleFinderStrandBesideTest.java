package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * A strand of seeds in the slice below a flat needle's tip, beside it in the axial plane, joined to the needle's run as its piece
 * from the next slice: the run's line, the centroid slabs and the parabola through them pulled across towards the seeds
 * (docs/needles.md, twenty-seventh round, branch {@code needleaxis9}; {@link NeedleFinder#PIECE_APART_MM}).
 */
class NeedleFinderStrandBesideTest {

    @Test
    void aStrandOfSeedsBesideAFlatNeedlesTipInTheSliceBelowIsNotItsPiece() {
        // Needle 1 of scan 4605 (5 mm set 4597, fresh in the twenty-sixth round, seen since) as it lies, 1.9° out of the plane,
        // bent 2 mm, alone with the strand of four seeds beside its tip (the template's direction, 2.3–2.5 mm across in the
        // axial plane, 4.3–4.9 mm below, the first seed 8 mm beyond the tip), on the scan's scanner: triangle 5 mm slices,
        // 12-bit, in-plane FWHM 1.04 mm. In the full scan the strand's 18.8 mm run was joined to the needle's run (2.31 mm apart
        // in the plane where both hold voxels): the tip came out 1.49 mm across, the axis 2.27° off (stated ±0.29°).
        SimulatedNeedle needle = new SimulatedNeedle(new Vec3(-6.69, -160.65, 4.62), new Vec3(-17.58, -37.68, 1.31),
                new Vec3(-0.694, -0.081, -0.715), 1.99);
        Vec3 template = new Vec3(-0.0859, 0.9954, -0.0413).normalized();
        List<IntraOpCtGenerator.ImplantedSeed> strand = List.of(
                new IntraOpCtGenerator.ImplantedSeed(new Vec3(-14.69, -44.34, -2.97), template),
                new IntraOpCtGenerator.ImplantedSeed(new Vec3(-15.12, -39.36, -3.17), template),
                new IntraOpCtGenerator.ImplantedSeed(new Vec3(-15.54, -34.38, -3.38), template),
                new IntraOpCtGenerator.ImplantedSeed(new Vec3(-15.97, -29.41, -3.59), template));
        Volume ct = new IntraOpCtGenerator(new IntraOpScanner(1.04, IntraOpScanner.SliceProfile.TRIANGLE, 36, 70, 3071))
                .render(NeedleFinderThickSliceTest.drawnGrid(5), List.of(needle), strand, 4605);
        NeedleMatching m = NeedleFinderConvergingHubsTest.foundAndMatched(List.of(needle), ct);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        FoundNeedle f = m.found().get(m.matches().get(0).found());
        double tip = f.tipMm().distanceTo(needle.tipMm());
        double axis = NeedleMatcher.angleDeg(f.axisAtTip(), needle.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
        System.out.printf(java.util.Locale.ROOT, "tip %.2f mm, axis %.2f°%n", tip, axis);
        // The figures, 1 mm and 2°. Measured: before (the strand joined) the tip 4.18 mm off and the axis 0.57°, the run
        // carried onto the strand; now 0.49 mm and 0.72°. Alone on its scan the needle gives the scan-wide fits (slice profile,
        // bevel) one end only, so it is placed less well than in its full scan (0.07 mm, 0.25° there); hence not tighter.
        assertThat(tip).as("tip").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(axis).as("axis").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }
}
