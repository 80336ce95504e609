package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * A strand of seeds in the slice below a flat needle, beside its tip, is no piece of the needle; a needle's own tip part in the
 * next slice is (docs/needles.md, twenty-eighth round, branch {@code needleaxis10}; {@link NeedleFinder#PIECE_APART_MM}).
 */
class NeedleFinderStrandBesideTipTest {

    /**
     * The figures, 1 mm and 2°. Alone on its scan a needle gives the scan-wide fits (slice profile, bevel) one end only,
     * so it is placed less well than among ten (4605 n1: 0.07 mm in its scan with the rule); hence not tighter.
     */
    private static final double TIP_MM = NeedleFinderAcceptanceTest.TIP_TARGET_MM;
    private static final double AXIS_DEG = NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG;

    /** A scanner as 4605's (5 mm slices, 12-bit, in-plane FWHM 1.04 mm, noise 36 HU, streaks 70 HU) with the given slice profile. */
    private static IntraOpScanner scanner(IntraOpScanner.SliceProfile profile) {
        return new IntraOpScanner(1.04, profile, 36, 70, 3071);
    }

    private static FoundNeedle foundAlone(IntraOpScanner scanner, SimulatedNeedle needle, List<IntraOpCtGenerator.ImplantedSeed> seeds) {
        Volume ct = new IntraOpCtGenerator(scanner).render(NeedleFinderThickSliceTest.drawnGrid(5), List.of(needle), seeds, 4605);
        NeedleMatching m = NeedleFinderConvergingHubsTest.foundAndMatched(List.of(needle), ct);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        FoundNeedle f = m.found().get(m.matches().get(0).found());
        System.out.printf(java.util.Locale.ROOT, "tip %.2f mm, axis %.2f°%n", f.tipMm().distanceTo(needle.tipMm()),
                NeedleMatcher.angleDeg(f.axisAtTip(), needle.axisAtTip(NeedleFinder.AXIS_CHORD_MM)));
        return f;
    }

    @Test
    void aStrandOfFourSeedsBesideAFlatTipInTheSliceBelowIsNotJoinedToIt() {
        // A straight needle 1.9° out of the plane (z 5.5 at the hub, 1.5 at the tip: its last 105 mm in the slice at +2.5 on the
        // drawn 5 mm grid), and four seeds withdrawn between the template rows in the slice below (z -2.5, 4 mm under the tip),
        // 2.4 mm across in the axial plane, along the needle from 9 mm behind its tip to 10 mm beyond it (4605 n1's strand, made
        // straight and round).
        SimulatedNeedle needle = new SimulatedNeedle(new Vec3(-10, -160, 5.5), new Vec3(-10, -40, 1.5), new Vec3(1, 0, 0), 0);
        Vec3 along = new Vec3(0, 1, 0);
        List<IntraOpCtGenerator.ImplantedSeed> strand = List.of(
                new IntraOpCtGenerator.ImplantedSeed(new Vec3(-12.4, -47, -2.5), along),
                new IntraOpCtGenerator.ImplantedSeed(new Vec3(-12.4, -42, -2.5), along),
                new IntraOpCtGenerator.ImplantedSeed(new Vec3(-12.4, -37, -2.5), along),
                new IntraOpCtGenerator.ImplantedSeed(new Vec3(-12.4, -32, -2.5), along));
        // Triangle slices as 4605's. The strand's run (18.7 mm, in one slice, reaching 12 mm beyond the needle's run's end) reads
        // 2.25 mm apart across where both hold voxels. Measured: joined (the rule off) the tip 4.71 mm off and the axis 0.97°, the
        // run carried onto the strand; refused, 0.36 mm and 0.49°.
        FoundNeedle f = foundAlone(scanner(IntraOpScanner.SliceProfile.TRIANGLE), needle, strand);
        double tip = f.tipMm().distanceTo(needle.tipMm());
        double axis = NeedleMatcher.angleDeg(f.axisAtTip(), needle.axisAtTip(NeedleFinder.AXIS_CHORD_MM));
        assertThat(tip).as("tip").isLessThanOrEqualTo(TIP_MM);
        assertThat(axis).as("axis").isLessThanOrEqualTo(AXIS_DEG);
    }

    @Test
    void aFlatNeedlesOwnTipPartInTheSliceBelowStaysJoined() {
        // A straight needle 1.75° out of the plane crossing the boundary between the slices at +2.5 and -2.5 (z 0) 22 mm before
        // its tip, on box slices: its tip part is a run of its own in the slice below (23.2 mm), beside the end of the run in
        // the slice above, as the strand's is, but on the needle's line: 0.02 mm apart across where both hold voxels (6.7 mm).
        // Joined, measured: tip 0.18 mm, axis 0.27°.
        SimulatedNeedle needle = new SimulatedNeedle(new Vec3(-10, -160, 3.0), new Vec3(-10, -40, -0.67), new Vec3(1, 0, 0), 0);
        FoundNeedle f = foundAlone(scanner(IntraOpScanner.SliceProfile.BOX), needle, List.of());
        assertThat(f.tipMm().distanceTo(needle.tipMm())).as("tip").isLessThanOrEqualTo(TIP_MM);
        assertThat(NeedleMatcher.angleDeg(f.axisAtTip(), needle.axisAtTip(NeedleFinder.AXIS_CHORD_MM))).as("axis")
                .isLessThanOrEqualTo(AXIS_DEG);
    }
}
