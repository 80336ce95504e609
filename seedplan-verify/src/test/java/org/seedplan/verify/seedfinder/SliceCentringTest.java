package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/** Seeds within one thick box-like slice go to its centre along z; seeds reaching into other slices stay where they reach them. */
class SliceCentringTest {

    /** 5 mm slices centred at z = 0, 5, 10 … mm. */
    private static final Grid THICK = new Grid(new Vec3(0, 0, 0), 0.8, 0.8, 5, 10, 10, 6);
    /** In-plane lengths of slices that show no seed lying flat (mm; {@link SliceCentring#inPlaneLengthMm}). */
    private static final double[] NOT_FLAT = {1.0, 1.0, 1.0};
    /** A seed image's length as the 5 mm box scans learn it (3.14-3.23 mm on 16730, 16830, 17032, 16815), mm. */
    private static final double IMAGE_MM = 3.2;
    private static final float[] CT = new float[10 * 10 * 6];

    private static Blob blob(Grid g, int... slices) {
        int[] voxels = new int[slices.length];
        for (int q = 0; q < slices.length; q++) {
            voxels[q] = g.index(4, 4, slices[q]);
        }
        return new Blob(g, voxels, CT);
    }

    private static FoundSeed seedAt(double zMm) {
        return new FoundSeed(new Vec3(3.2, 3.2, zMm), new Vec3(1, 0, 0.2), 0.9, 1);
    }

    /** A seed fitted tilted out of the slice's plane: axis z-component 0.45. */
    private static FoundSeed tiltedAt(double zMm) {
        return new FoundSeed(new Vec3(3.2, 3.2, zMm), new Vec3(1, 0, 0.5).normalized(), 0.9, 1);
    }

    @Test
    void appliesOnlyToThickSlicesWhoseLearnedAxialSigmaIsBelowAGaussianOrTriangleProfiles() {
        // Learned on the tuning scans: box 0.15-0.37 T, triangle and Gaussian 0.405-0.459 T.
        assertThat(SliceCentring.applies(5, 0.35 * 5)).isTrue();
        assertThat(SliceCentring.applies(5, 0.42 * 5)).isFalse();
        assertThat(SliceCentring.applies(2.5, 0.3 * 2.5)).as("2.5 mm: half a slice is well within the 2.5 mm gate").isFalse();
    }

    @Test
    void anOverlappingReconstructionIsJudgedByItsSliceThicknessNotItsSpacing() {
        // 5 mm box slices every 2.5 mm: a seed's image is as wide along z as on contiguous 5 mm slices (σ 0.35 T = 1.75 mm).
        assertThat(SliceCentring.applies(5, 0.35 * 5)).isTrue();
        assertThat(SliceCentring.applies(2.5, 0.35 * 5)).as("judged by the 2.5 mm spacing the same seed would not be box-like").isFalse();
        Grid overlapping = new Grid(new Vec3(0, 0, 0), 0.8, 0.8, 2.5, 10, 10, 12);
        // Slices 4 and 5 (10 and 12.5 mm), each 5 mm thick: a 4.5 mm seed reaching both has its centre in 12.5 - 2.5 - 2.25 … 10 + 2.5 + 2.25.
        assertThat(SliceCentring.centred(overlapping, 5, blob(overlapping, 4, 5), List.of(seedAt(6.0)), 4.5).get(0).centreMm().z())
                .isCloseTo(7.75, within(1e-9));
        assertThat(SliceCentring.centred(overlapping, 5, blob(overlapping, 4, 5), List.of(seedAt(14.5)), 4.5).get(0).centreMm().z())
                .isCloseTo(14.5, within(1e-9));
    }

    @Test
    void aSeedWhoseObjectLiesInOneSliceGoesToThatSlicesCentre() {
        List<FoundSeed> out = SliceCentring.centred(THICK, 5, blob(THICK, 2), List.of(seedAt(11.3)), 4.5);
        assertThat(out.get(0).centreMm().z()).isEqualTo(10);
        assertThat(out.get(0).centreMm().x()).as("in-plane kept").isEqualTo(3.2);
        assertThat(out.get(0).axis().dot(seedAt(11.3).axis())).as("axis kept").isCloseTo(1, within(1e-12));
    }

    @Test
    void aSingleSeedSpanningTwoSlicesIsKeptWhereItReachesBoth() {
        // Slices 2 and 3 (10 and 15 mm): a 4.5 mm seed reaching both has its centre in 15 - 2.5 - 2.25 … 10 + 2.5 + 2.25.
        assertThat(SliceCentring.centred(THICK, 5, blob(THICK, 2, 3), List.of(seedAt(9.4)), 4.5).get(0).centreMm().z())
                .isCloseTo(10.25, within(1e-9));
        assertThat(SliceCentring.centred(THICK, 5, blob(THICK, 2, 3), List.of(seedAt(12.1)), 4.5).get(0).centreMm().z())
                .as("inside the range: as fitted").isEqualTo(12.1);
    }

    @Test
    void severalSeedsSpanningSlicesKeepTheirFittedPlaces() {
        List<FoundSeed> two = List.of(seedAt(9.4), seedAt(16.0));
        assertThat(SliceCentring.centred(THICK, 5, blob(THICK, 2, 3), two, 4.5)).isEqualTo(two);
    }

    @Test
    void twoSeedsOneInEachOfTwoSlicesByFitAndByMetalGoToTheirSlicesCentres() {
        // Slices 2 and 3 (10 and 15 mm): the fit put one seed in each, near the boundary; each slice holds one seed's metal
        // (1.00 and 0.83 on tuning scan 12612; within 0.25 of one); two crossing needles' seeds, 2.8 mm apart in-plane.
        FoundSeed other = new FoundSeed(new Vec3(6.0, 3.2, 11.9), new Vec3(0.2, 1, 0.3), 0.9, 1);
        List<FoundSeed> out = SliceCentring.bySlice(THICK, blob(THICK, 2, 3), List.of(seedAt(13.4), other), new double[] {1.0, 0.83},
                NOT_FLAT, IMAGE_MM, List.of());
        assertThat(out).extracting(f -> f.centreMm().z()).containsExactly(15.0, 10.0);
        assertThat(out.get(0).centreMm().x()).as("in-plane kept").isEqualTo(3.2);
    }

    @Test
    void aSideBySidePairOneFittedInEachSliceGoesHalfwayBetweenTheCentresAndTheBoundary() {
        // Seen scan 14713 (5 mm box, extended): two seeds side by side 0.04 mm below a boundary, fitted one in each slice with axes
        // 11.2° apart and centres 1.29 mm apart in-plane, each slice reading one seed (0.83, 1.09). Side by side across the boundary
        // or one at each slice's centre, each slice holds one seed's metal: each goes a quarter slice (1.25 mm) from the boundary.
        FoundSeed lower = new FoundSeed(new Vec3(3.2, 3.2, 11.05), new Vec3(0.5, 0.1, 0.81), 0.9, 2);
        FoundSeed upper = new FoundSeed(new Vec3(3.9, 4.3, 13.62), new Vec3(0.6, 0.2, 0.75), 0.9, 2);
        List<FoundSeed> pair = List.of(lower, upper);
        assertThat(SliceCentring.sideBySide(pair, List.of())).isTrue();
        assertThat(SliceCentring.bySlice(THICK, blob(THICK, 2, 3), pair, new double[] {0.83, 1.09}, NOT_FLAT, IMAGE_MM, List.of()))
                .extracting(f -> f.centreMm().z()).containsExactly(11.25, 13.75);
        FoundSeed apart = new FoundSeed(new Vec3(3.2, 5.4, 13.62), new Vec3(0.6, 0.2, 0.75), 0.9, 2);
        assertThat(SliceCentring.sideBySide(List.of(lower, apart), List.of())).as("2.2 mm apart in-plane (the nearest other such object 2.12 mm)")
                .isFalse();
        FoundSeed crossing = new FoundSeed(new Vec3(3.9, 4.3, 13.62), new Vec3(-0.3, 0.6, 0.75), 0.9, 2);
        assertThat(SliceCentring.sideBySide(List.of(lower, crossing), List.of())).as("axes over 20° apart: crossing needles' seeds").isFalse();
        assertThat(SliceCentring.bySlice(THICK, blob(THICK, 2, 3), List.of(lower, crossing), new double[] {0.83, 1.09}, NOT_FLAT, IMAGE_MM, List.of()))
                .extracting(f -> f.centreMm().z()).containsExactly(10.0, 15.0);
    }

    @Test
    void twoNeedleSeedsEachOnItsOwnStrandAreNoSideBySidePairAndGoToTheirSlicesCentres() {
        // Seen scan 17231 (5 mm box, extended): two needle seeds of two parallel needles, 0.93 mm apart in-plane, fitted 2.24 mm below
        // and 2.61 mm above the boundary with axes z 0.17 and 0.05 (|cos| 0.965 between them), each with the next seed of its strand
        // found 9.22 / 9.45 mm along its fitted axis (8.5° / 5.1° off it). The seeds lay 0.54 / 0.66 mm from their slices' far
        // boundaries: at the centres 1.96 / 1.84 mm off, a quarter slice from the boundary 3.21 / 3.09 mm.
        FoundSeed lower = new FoundSeed(new Vec3(3.2, 3.2, 10.26), new Vec3(1, 0, 0.17).normalized(), 0.9, 2);
        FoundSeed upper = new FoundSeed(new Vec3(3.6, 4.04, 15.11), new Vec3(0.97, 0.25, 0.05).normalized(), 0.9, 2);
        List<FoundSeed> two = List.of(lower, upper);
        Vec3 nextOfLower = lower.centreMm().plus(lower.axis().times(9.22));
        Vec3 nextOfUpper = upper.centreMm().minus(upper.axis().times(9.45));
        assertThat(SliceCentring.sideBySide(two, List.of())).as("alone, as the slices' metal shows them: a side-by-side pair").isTrue();
        assertThat(SliceCentring.sideBySide(two, List.of(nextOfLower, nextOfUpper))).as("each on a strand of its own").isFalse();
        assertThat(SliceCentring.bySlice(THICK, blob(THICK, 2, 3), two, new double[] {0.96, 1.02}, NOT_FLAT, IMAGE_MM,
                List.of(nextOfLower, nextOfUpper))).extracting(f -> f.centreMm().z()).containsExactly(10.0, 15.0);
        // Seen scan 17031: a true side-by-side pair, one of whose seeds has another needle's seed 8.49 mm along its axis by chance (16°
        // off it), the other none within 25° nearer than 13.85 mm: still a pair, a quarter slice either side of the boundary.
        assertThat(SliceCentring.bySlice(THICK, blob(THICK, 2, 3), two, new double[] {0.96, 1.02}, NOT_FLAT, IMAGE_MM,
                List.of(nextOfLower, upper.centreMm().plus(upper.axis().times(13.85))))).extracting(f -> f.centreMm().z())
                .containsExactly(11.25, 13.75);
    }

    @Test
    void aStrandsNextSeedLiesSixToTwelveMillimetresAlongTheSeedsAxisWithin25Degrees() {
        FoundSeed s = new FoundSeed(new Vec3(0, 0, 0), new Vec3(1, 0, 0), 0.9, 1);
        assertThat(SliceCentring.onStrand(s, List.of(new Vec3(9.2, 0, 0)))).isTrue();
        assertThat(SliceCentring.onStrand(s, List.of(new Vec3(-6.1, 0, 0)))).as("either way along the axis").isTrue();
        assertThat(SliceCentring.onStrand(s, List.of(new Vec3(5.9, 0, 0)))).as("nearer than a capsule and a spacer").isFalse();
        assertThat(SliceCentring.onStrand(s, List.of(new Vec3(12.1, 0, 0)))).isFalse();
        double c = Math.cos(Math.toRadians(24));
        double o = Math.cos(Math.toRadians(26));
        assertThat(SliceCentring.onStrand(s, List.of(new Vec3(9 * c, 9 * Math.sqrt(1 - c * c), 0)))).as("24° off the axis").isTrue();
        assertThat(SliceCentring.onStrand(s, List.of(new Vec3(9 * o, 0, 9 * Math.sqrt(1 - o * o))))).as("26° off the axis").isFalse();
    }

    /** A needle's seed at {@code (x, y, z)} lying along the line of the slot tests, x tilted 0.1 along z, or {@code deg} off it. */
    private static FoundSeed strandSeed(double x, double y, double z, double deg) {
        double r = Math.toRadians(deg);
        Vec3 along = new Vec3(1, 0, 0.1).normalized();
        return new FoundSeed(new Vec3(x, y, z), new Vec3(along.x() * Math.cos(r), Math.sin(r), along.z() * Math.cos(r)).normalized(), 0.9, 1);
    }

    @Test
    void aSeedBetweenTwoSeedsOfANeedleIsOfferedTheirLinesPlaceAlongZ() {
        // The neighbours 18.09 mm apart along (1, 0, 0.1): the line passes x = 9 at z = 0.9 (exact, a straight line).
        List<FoundSeed> strand = List.of(strandSeed(0, 0, 0, 0), strandSeed(18, 0, 1.8, 0));
        FoundSeed slot = SliceCentring.strandSlot(new Vec3(9, 0.5, -2.0), strand, 5);
        assertThat(slot).isNotNull();
        assertThat(slot.centreMm().x()).isEqualTo(9.0);
        assertThat(slot.centreMm().y()).isEqualTo(0.5);
        assertThat(slot.centreMm().z()).isCloseTo(0.9, within(1e-9));
        assertThat(slot.axis().z()).as("the line's axis").isCloseTo(0.1 / Math.sqrt(1.01), within(1e-9));
        assertThat(SliceCentring.strandSlot(new Vec3(9, 0.5, 0.0), strand, 5)).as("0.9 mm off: within a quarter slice").isNull();
        assertThat(SliceCentring.strandSlot(new Vec3(9, 0.5, 6.0), strand, 5)).as("5.1 mm off: beyond a slice, another needle").isNull();
        assertThat(SliceCentring.strandSlot(new Vec3(9, 0.5, 5.8), strand, 5)).as("4.9 mm off: within a slice").isNotNull();
        assertThat(SliceCentring.strandSlot(new Vec3(9, 1.1, -2.0), strand, 5)).as("1.1 mm across the line").isNull();
        assertThat(SliceCentring.strandSlot(new Vec3(5.0, 0.5, -2.0), strand, 5)).as("a quarter of the way (t 0.28)").isNull();
        assertThat(SliceCentring.strandSlot(new Vec3(6.0, 0.5, -2.0), strand, 5)).as("a third of the way").isNotNull();
    }

    @Test
    void aSlotNeedsItsTwoSeedsAlongTheirLineAndTwoSpacingsApart() {
        assertThat(SliceCentring.strandSlot(new Vec3(9, 0, -2), List.of(strandSeed(0, 0, 0, 29), strandSeed(18, 0, 1.8, 0)), 5))
                .as("29° off the line").isNotNull();
        assertThat(SliceCentring.strandSlot(new Vec3(9, 0, -2), List.of(strandSeed(0, 0, 0, 31), strandSeed(18, 0, 1.8, 0)), 5))
                .as("31° off the line").isNull();
        assertThat(SliceCentring.strandSlot(new Vec3(5.9, 0, -2), List.of(strandSeed(0, 0, 0, 0), strandSeed(11.8, 0, 1.18, 0)), 5))
                .as("11.86 mm apart: one spacing, no seed between").isNull();
        assertThat(SliceCentring.strandSlot(new Vec3(12.2, 0, -2), List.of(strandSeed(0, 0, 0, 0), strandSeed(24.4, 0, 2.44, 0)), 5))
                .as("24.52 mm apart: more than two spacings").isNull();
    }

    @Test
    void anEndSeedIsOfferedThePlaceAlongZOfTheLineThroughItsNeedlesNextTwoSeeds() {
        // The next two seeds 9.05 mm apart along (1, 0, 0.1): one spacing beyond either, the line passes x = 18 at z = 1.8 and
        // x = -9 at z = -0.9 (exact, a straight line).
        List<FoundSeed> next = List.of(strandSeed(0, 0, 0, 0), strandSeed(9, 0, 0.9, 0));
        FoundSeed slot = SliceCentring.strandEndSlot(new Vec3(18, 0.5, -2.0), next, 5);
        assertThat(slot).isNotNull();
        assertThat(slot.centreMm().x()).isEqualTo(18.0);
        assertThat(slot.centreMm().y()).isEqualTo(0.5);
        assertThat(slot.centreMm().z()).isCloseTo(1.8, within(1e-9));
        assertThat(slot.axis().z()).as("the line's axis").isCloseTo(0.1 / Math.sqrt(1.01), within(1e-9));
        assertThat(SliceCentring.strandEndSlot(new Vec3(-9, 0.5, 2.0), next, 5).centreMm().z()).as("beyond the other one")
                .isCloseTo(-0.9, within(1e-9));
        assertThat(SliceCentring.strandSlot(new Vec3(18, 0.5, -2.0), next, 5)).as("no seed beyond it: no slot between two").isNull();
        assertThat(SliceCentring.strandEndSlot(new Vec3(18, 0.5, 1.0), next, 5)).as("0.8 mm off: within a quarter slice").isNull();
        assertThat(SliceCentring.strandEndSlot(new Vec3(18, 0.5, 6.9), next, 5)).as("5.1 mm off: beyond a slice").isNull();
        assertThat(SliceCentring.strandEndSlot(new Vec3(18, 1.1, -2.0), next, 5)).as("1.1 mm across the line").isNull();
        assertThat(SliceCentring.strandEndSlot(new Vec3(14.9, 0, -2.0), next, 5)).as("5.93 mm beyond the nearer seed").isNull();
        assertThat(SliceCentring.strandEndSlot(new Vec3(15.1, 0, -2.0), next, 5)).as("6.13 mm beyond").isNotNull();
        assertThat(SliceCentring.strandEndSlot(new Vec3(20.9, 0, -2.0), next, 5)).as("11.96 mm beyond").isNotNull();
        assertThat(SliceCentring.strandEndSlot(new Vec3(21.1, 0, -2.0), next, 5)).as("12.16 mm beyond").isNull();
        assertThat(SliceCentring.strandEndSlot(new Vec3(18, 0, -2.0), List.of(strandSeed(0, 0, 0, 0), strandSeed(5.9, 0, 0.59, 0)), 5))
                .as("the two 5.93 mm apart: closer than a spacing").isNull();
        assertThat(SliceCentring.strandEndSlot(new Vec3(18, 0, -2.0), List.of(strandSeed(0, 0, 0, 31), strandSeed(9, 0, 0.9, 0)), 5))
                .as("31° off the line").isNull();
    }

    @Test
    void anEndSlotIsNotAskedWhereTwoSeedsEitherSideGiveTheSeedItsPlaceWithinASlice() {
        // A third seed one spacing on: the seed at x = 18 lies between two of its needle's seeds, and the slot between them speaks.
        List<FoundSeed> strand = List.of(strandSeed(0, 0, 0, 0), strandSeed(9, 0, 0.9, 0), strandSeed(27, 0, 2.7, 0));
        assertThat(SliceCentring.strandEndSlot(new Vec3(18, 0.5, -2.0), strand, 5)).isNull();
        assertThat(SliceCentring.strandSlot(new Vec3(18, 0.5, -2.0), strand, 5).centreMm().z()).isCloseTo(1.8, within(1e-9));
        // Two seeds of another needle crossing there 8 mm higher along z (18032's seed, 8.9 mm): the end slot is still offered.
        List<FoundSeed> crossing = List.of(strandSeed(0, 0, 0, 0), strandSeed(9, 0, 0.9, 0), strandSeed(9, 0, 9.8, 0), strandSeed(27, 0, 11.6, 0));
        assertThat(SliceCentring.strandEndSlot(new Vec3(18, 0.5, -2.0), crossing, 5).centreMm().z()).isCloseTo(1.8, within(1e-9));
    }

    /** A seed at {@code (x, y, z)} lying along {@code (dx, 0, dz)}. */
    private static FoundSeed along(double x, double y, double z, double dx, double dz) {
        return new FoundSeed(new Vec3(x, y, z), new Vec3(dx, 0, dz).normalized(), 0.9, 1);
    }

    @Test
    void twoSeedsOfOneObjectAreNeverOfferedOneNeedlesSlotWhenAnotherNeedlesLinePassesThem() {
        // 18917's geometry (5 mm slices): two needles' end seeds at one place in-plane (x = 0), a slice or so apart along z. The upper
        // needle's next two seeds at x = -9 and -18 (z 9.0, 5.0: its end line passes x = 0 at z 13.0, x = 0.2 at 13.089), the lower
        // one's at x = 9 and 18 (z 1.9, -1.7: its end line passes x = 0 at z 5.5, x = 0.2 at 5.42). The object's two seeds fitted at
        // 10.6 and 9.8 mm, each pulled towards the other: both lie nearer the upper line, 2.4 and 3.29 mm, than the lower one, 5.1 and
        // 4.38 mm. Exact: straight lines.
        List<FoundSeed> others = List.of(along(-18, 0, 5.0, 9, 4), along(-9, 0, 9.0, 9, 4), along(9, 0, 1.9, 1, -0.4),
                along(18, 0, -1.7, 1, -0.4));
        Vec3 first = new Vec3(0, 0.3, 10.6);
        Vec3 second = new Vec3(0.2, 0, 9.8);
        assertThat(SliceCentring.strandEndSlot(first, others, 5).centreMm().z()).as("alone: the upper slot").isCloseTo(13.0, within(1e-9));
        assertThat(SliceCentring.strandEndSlot(second, others, 5).centreMm().z()).as("alone: the upper slot too").isCloseTo(5 + 18.2 / 9 * 4, within(1e-9));
        SliceCentring.Slot[] slots = SliceCentring.strandSlots(List.of(first, second), others, 5);
        assertThat(slots[0].centreMm().z()).as("the nearer keeps the upper slot").isCloseTo(13.0, within(1e-9));
        assertThat(slots[1].centreMm().x()).as("the other: the lower needle's slot, at its own place in-plane").isEqualTo(0.2);
        assertThat(slots[1].centreMm().y()).isEqualTo(0.0);
        assertThat(slots[1].centreMm().z()).isCloseTo(5.42, within(1e-9));
        assertThat(Math.abs(slots[1].axis().z())).as("along the lower line").isCloseTo(0.4 / Math.sqrt(1.16), within(1e-9));
        // Given in the other order, the same slots.
        SliceCentring.Slot[] swapped = SliceCentring.strandSlots(List.of(second, first), others, 5);
        assertThat(swapped[0].centreMm().z()).isCloseTo(5.42, within(1e-9));
        assertThat(swapped[1].centreMm().z()).isCloseTo(13.0, within(1e-9));
        // The second fitted at 10.5 mm: still farther from the upper slot (2.59 mm) than the first, the lower line 5.08 mm off, beyond
        // a slice: offered nothing, the first keeps its slot.
        SliceCentring.Slot[] far = SliceCentring.strandSlots(List.of(first, new Vec3(0.2, 0, 10.5)), others, 5);
        assertThat(far[0].centreMm().z()).isCloseTo(13.0, within(1e-9));
        assertThat(far[1]).isNull();
    }

    @Test
    void aNeedlesSlotGoesToOneSeedOfAnObjectAndTheOthersKeepTheirOwnSlots() {
        // One seed's slot between two seeds of its needle (along (1, 0, 0.1), the line passes x = 9 at z 0.9), fitted twice in one
        // object (17512's kind: a seed counted twice): the copy nearer the slot along z is offered it, the other nothing.
        List<FoundSeed> strand = List.of(strandSeed(0, 0, 0, 0), strandSeed(18, 0, 1.8, 0));
        SliceCentring.Slot[] twice = SliceCentring.strandSlots(List.of(new Vec3(9, 0.2, -2.0), new Vec3(9, 0.5, -3.0)), strand, 5);
        assertThat(twice[0].centreMm().z()).isCloseTo(0.9, within(1e-9));
        assertThat(twice[1]).isNull();
        // Two seeds of one object on two needles' lines: each its own slot, as each alone (nothing shared, nothing moved).
        List<FoundSeed> two = List.of(strandSeed(0, 0, 0, 0), strandSeed(18, 0, 1.8, 0), strandSeed(0, 5, 8, 0), strandSeed(18, 5, 9.8, 0));
        SliceCentring.Slot[] own = SliceCentring.strandSlots(List.of(new Vec3(9, 0.2, -2.0), new Vec3(9, 5.2, 6.0)), two, 5);
        assertThat(own[0].centreMm()).isEqualTo(SliceCentring.strandSlot(new Vec3(9, 0.2, -2.0), two, 5).centreMm());
        assertThat(own[1].centreMm()).isEqualTo(SliceCentring.strandSlot(new Vec3(9, 5.2, 6.0), two, 5).centreMm());
        assertThat(own[0].centreMm().z()).isCloseTo(0.9, within(1e-9));
        assertThat(own[1].centreMm().z()).isCloseTo(8.9, within(1e-9));
    }

    @Test
    void aSlotDecidesBetweenTwoPlacesTheMisfitHoldsAcrossARidgeAndNotAgainstOne() {
        // 18835's seed (5 mm Gaussian extended), its misfit along z in a seed's energy, read every 0.5 mm from its fit (4.29 mm) to
        // its slot (1.29): the ridge at 2.29 (1.692) stands over both ends (1.538, 1.615). Exact: comparisons of the given numbers.
        double[] twoPlaces = {1.538, 1.580, 1.640, 1.680, 1.692, 1.672, 1.615};
        assertThat(SliceCentring.acrossARidge(twoPlaces, 4.29, 1.29, 0.17)).as("refitted at 0.17: past the ridge").isTrue();
        assertThat(SliceCentring.acrossARidge(twoPlaces, 4.29, 1.29, 2.5)).as("refitted at 2.5: on the fit's side").isFalse();
        assertThat(SliceCentring.acrossARidge(twoPlaces, 4.29, 1.29, 2.29)).as("on the ridge").isFalse();
        // 17614's (5 mm triangle 12-bit): the misfit rises all the way from the fit (0.74 mm) to the slot (-0.76), one place: no ridge.
        double[] onePlace = {0.853, 0.875, 0.982, 1.168};
        assertThat(SliceCentring.acrossARidge(onePlace, 0.74, -0.76, -0.5)).isFalse();
        // A bump lower than the slot's end is no ridge: the slot is the worse place, the fit's the better.
        double[] bump = {1.50, 1.55, 1.60, 1.58, 1.65};
        assertThat(SliceCentring.acrossARidge(bump, 0, 2, 1.9)).isFalse();
        // Two readings, the fit and the slot only: nothing between them to stand as a ridge.
        assertThat(SliceCentring.acrossARidge(new double[] {1.5, 1.4}, 0, 2, 2)).isFalse();
    }

    @Test
    void aFitFromStrandSlotsThatTurnsAMovedSeedAwayFromItsNeedleDoesNotLayItAlongTheStrand() {
        // 20212's clump seed (5 mm box 12-bit), offered a needle's slot on the line (0.05, 1.00, 0.02), refitted along
        // (-0.10, 0.60, 0.79): 52.3° from the line, over the 30° of SLOT_ALONG; the seed not moved (no slot) is not asked.
        SliceCentring.Slot needle = new SliceCentring.Slot(new Vec3(-37.26, -29.01, -8.34), new Vec3(0.05, 1.00, 0.02), true);
        Vec3 turned = new Vec3(-0.10, 0.60, 0.79);
        Vec3 unmoved = new Vec3(0.60, -0.01, 0.80);
        assertThat(SliceCentring.alongTheirStrands(new SliceCentring.Slot[] {null, needle}, new Vec3[] {unmoved, turned})).isFalse();
        // 19913's needle seed, refitted 3.0° from its line (here turned 3° in-plane), and turned 29° and 31°: the line's z of 0.02
        // changes those angles by under 0.05°, so each lies on its side of the 30° bar by about 1°.
        assertThat(SliceCentring.alongTheirStrands(new SliceCentring.Slot[] {null, needle},
                new Vec3[] {unmoved, rotatedInPlane(needle.axis(), 3.0)})).isTrue();
        assertThat(SliceCentring.alongTheirStrands(new SliceCentring.Slot[] {needle}, new Vec3[] {rotatedInPlane(needle.axis(), 29)})).isTrue();
        assertThat(SliceCentring.alongTheirStrands(new SliceCentring.Slot[] {needle}, new Vec3[] {rotatedInPlane(needle.axis(), 31)})).isFalse();
        // A seed's axis has no sign: laid along the line the other way is along it.
        assertThat(SliceCentring.alongTheirStrands(new SliceCentring.Slot[] {needle}, new Vec3[] {needle.axis().times(-1)})).isTrue();
        // No seed moved: nothing to ask.
        assertThat(SliceCentring.alongTheirStrands(new SliceCentring.Slot[] {null, null}, new Vec3[] {turned, unmoved})).isTrue();
    }

    private static Vec3 rotatedInPlane(Vec3 v, double degrees) {
        double a = Math.toRadians(degrees);
        Vec3 u = v.normalized();
        return new Vec3(u.x() * Math.cos(a) - u.y() * Math.sin(a), u.x() * Math.sin(a) + u.y() * Math.cos(a), u.z());
    }

    @Test
    void aSeedAloneAndWhollyInsideTheEndSliceOfAThreeSliceObjectGoesToThatSlicesCentre() {
        // Seen scan 16130 (5 mm box, 12-bit): slices 1-3 (5, 10, 15 mm) read 0.32 / 0.76 / 0.91 seeds; a steep seed across the two
        // lower slices and a needle seed (axis z 0.35) fitted 1.20 mm below the top slice's centre, its extent ±0.79 mm along z
        // inside the slice. Exact: the centre is a slice's z, and the other seed and the in-plane place are not moved.
        FoundSeed steep = new FoundSeed(new Vec3(5.0, 3.2, 7.12), new Vec3(0.6, 0.4, -0.66).normalized(), 0.9, 2);
        FoundSeed needle = new FoundSeed(new Vec3(3.2, 3.2, 13.8), new Vec3(0.94, 0, 0.35).normalized(), 0.9, 2);
        List<FoundSeed> out = SliceCentring.endSlices(THICK, blob(THICK, 1, 2, 3), List.of(steep, needle),
                new double[] {0.32, 0.76, 0.91}, NOT_FLAT, IMAGE_MM, 4.5);
        assertThat(out).extracting(f -> f.centreMm().z()).containsExactly(7.12, 15.0);
        assertThat(out.get(1).centreMm().x()).as("in-plane kept").isEqualTo(3.2);
        assertThat(out.get(0)).as("the seed of the middle slice as fitted").isSameAs(steep);
    }

    @Test
    void aSeedInAnEndSliceStaysAsFittedWhereItMayReachAcrossOrTheSliceHoldsMoreOrLessThanOneSeed() {
        Blob b = blob(THICK, 1, 2, 3);
        FoundSeed steep = new FoundSeed(new Vec3(5.0, 3.2, 7.12), new Vec3(0.6, 0.4, -0.66).normalized(), 0.9, 2);
        FoundSeed reaching = new FoundSeed(new Vec3(3.2, 3.2, 13.2), new Vec3(0.8, 0, 0.6), 0.9, 2);
        assertThat(SliceCentring.endSlices(THICK, b, List.of(steep, reaching), new double[] {0.32, 0.76, 0.91}, NOT_FLAT, IMAGE_MM, 4.5))
                .as("fitted 1.8 mm below the centre with ±1.35 mm along z: it reaches 0.65 mm across the boundary")
                .extracting(f -> f.centreMm().z()).containsExactly(7.12, 13.2);
        FoundSeed needle = new FoundSeed(new Vec3(3.2, 3.2, 13.8), new Vec3(0.94, 0, 0.35).normalized(), 0.9, 2);
        assertThat(SliceCentring.endSlices(THICK, b, List.of(steep, needle), new double[] {0.32, 0.76, 0.7}, NOT_FLAT, IMAGE_MM, 4.5))
                .as("the end slice 0.3 from one seed: part of its seed lies in the slice beside it")
                .extracting(f -> f.centreMm().z()).containsExactly(7.12, 13.8);
        FoundSeed second = new FoundSeed(new Vec3(4.8, 3.2, 14.9), new Vec3(0.94, 0, 0.35).normalized(), 0.9, 3);
        assertThat(SliceCentring.endSlices(THICK, b, List.of(steep, needle, second), new double[] {0.32, 0.76, 0.91}, NOT_FLAT, IMAGE_MM, 4.5))
                .as("two seeds fitted in the end slice").extracting(f -> f.centreMm().z()).containsExactly(7.12, 13.8, 14.9);
        FoundSeed alongZ = new FoundSeed(new Vec3(3.2, 3.2, 14.5), new Vec3(0.1, 0, 0.99).normalized(), 0.9, 2);
        assertThat(SliceCentring.endSlices(THICK, b, List.of(steep, alongZ), new double[] {0.32, 0.76, 0.91}, NOT_FLAT, IMAGE_MM, 4.5))
                .as("a seed within 25° of z").extracting(f -> f.centreMm().z()).containsExactly(7.12, 14.5);
        assertThat(SliceCentring.endSlices(THICK, blob(THICK, 2, 3), List.of(steep, needle), new double[] {0.9, 0.91}, NOT_FLAT, IMAGE_MM, 4.5))
                .as("two slices: bySlice's").extracting(f -> f.centreMm().z()).containsExactly(7.12, 13.8);
    }

    @Test
    void theInPlaneLengthOfASlicesMetalIsTheExtentOfALineOfVoxelsAndNoneForAColumn() {
        // Slice 1: six voxels in a row along x, 0.8 mm apart, alike in weight: λ₁ − λ₂ = 0.8² (6² − 1) / 12, so the length reads
        // 0.8 √35 = 4.73 mm. Slice 2: one voxel: 0. To 1e-6 mm: the moments are taken as E[x²] − E[x]², whose rounding at
        // coordinates of a few mm leaves ~1e-15 mm², read as 2e-7 mm under the root.
        int[] voxels = new int[7];
        for (int i = 0; i < 6; i++) {
            voxels[i] = THICK.index(2 + i, 4, 1);
        }
        voxels[6] = THICK.index(4, 4, 2);
        float[] ct = new float[THICK.nx() * THICK.ny() * THICK.nz()];
        java.util.Arrays.fill(ct, 2000);
        assertThat(SliceCentring.inPlaneLengthMm(THICK, new Blob(THICK, voxels, ct), 0, 3071))
                .containsExactly(new double[] {0.8 * Math.sqrt(35), 0}, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aSeedFittedSteepInAnEndSliceWhoseMetalLiesFlatInPlaneGoesToThatSlicesCentre() {
        // Seen scan 16830 (5 mm box, 12-bit): a needle seed lying flat (axis z 0.1) 1.0 mm below the centre of the lowest slice of a
        // four-slice object (slices 1-4 here: 5, 10, 15, 20 mm; metal 0.93 / 0.80 / 0.60 / 0.22 seeds) was fitted 2.33 mm above that
        // centre with axis z 0.73: as fitted it reaches 0.47 mm across the boundary, and endSlices left it 3.39 mm off. The slice's
        // metal lies 2.67 mm long in-plane, which a seed as steep as the fit (4.5 mm x 0.68 in-plane) would not show beside its
        // 2.5 mm bar: it goes to the slice's centre (exact, a slice's z). The steep seed across the two slices above stays.
        Blob b = blob(THICK, 1, 2, 3, 4);
        FoundSeed flat = new FoundSeed(new Vec3(3.2, 3.2, 7.33), new Vec3(0.68, 0, 0.73).normalized(), 0.0, 3);
        FoundSeed steep = new FoundSeed(new Vec3(5.0, 3.2, 12.6), new Vec3(0.3, 0.2, 0.93).normalized(), 0.9, 3);
        double[] metal = {0.93, 0.80, 0.60, 0.22};
        assertThat(SliceCentring.endSlices(THICK, b, List.of(flat, steep), metal, new double[] {2.67, 2.38, 1.73, 0.0}, IMAGE_MM, 4.5))
                .extracting(f -> f.centreMm().z()).containsExactly(5.0, 12.6);
        assertThat(SliceCentring.endSlices(THICK, b, List.of(flat, steep), metal, new double[] {2.13, 2.38, 1.73, 0.0}, IMAGE_MM, 4.5))
                .as("the end slice's metal 2.13 mm long in-plane (the longest of the steep pairs bySlice refuses): it may reach across")
                .extracting(f -> f.centreMm().z()).containsExactly(7.33, 12.6);
        FoundSeed tilted = new FoundSeed(new Vec3(3.2, 3.2, 7.33), new Vec3(0.87, 0, 0.5).normalized(), 0.0, 3);
        assertThat(SliceCentring.endSlices(THICK, b, List.of(tilted, steep), metal, new double[] {2.67, 2.38, 1.73, 0.0}, IMAGE_MM, 4.5))
                .as("fitted at axis z 0.5 its image shows 3.2 x 0.87 = 2.77 mm in-plane, more than the slice's 2.67: not contradicted")
                .extracting(f -> f.centreMm().z()).containsExactly(7.33, 12.6);
    }

    @Test
    void twoSeedsFittedSteepAcrossTwoBoxSlicesStayUnlessBothSlicesShowTheirMetalLyingFlat() {
        // Seen scan 16331 (5 mm box, extended): two seeds fitted 0.34 mm apart at the boundary of the slices at 10 and 15 mm with axes
        // 0.94 and 0.91 along z, each slice one seed's metal and 2.81 / 2.85 mm long in-plane: the axes are not the seeds' (0.5 and
        // 0.3): each goes to its slice's centre. The steep pairs the along-z guard refuses read at most 2.13 mm (twenty-fifth round).
        Blob b = blob(THICK, 2, 3);
        FoundSeed lower = new FoundSeed(new Vec3(3.2, 3.2, 12.28), new Vec3(0.34, 0, 0.94).normalized(), 0.9, 2);
        FoundSeed upper = new FoundSeed(new Vec3(4.72, 3.2, 12.62), new Vec3(0.41, 0, 0.91).normalized(), 0.9, 2);
        assertThat(SliceCentring.bySlice(THICK, b, List.of(lower, upper), new double[] {0.93, 0.93}, new double[] {2.81, 2.85}, IMAGE_MM, List.of()))
                .extracting(f -> f.centreMm().z()).containsExactly(10.0, 15.0);
        assertThat(SliceCentring.bySlice(THICK, b, List.of(lower, upper), new double[] {0.93, 0.93}, new double[] {2.81, 2.13}, IMAGE_MM, List.of()))
                .as("one slice 2.13 mm long in-plane: a steep seed may lie there").isNull();
    }

    @Test
    void twoSeedsAreKeptAsFittedUnlessEachSliceHoldsOneByFitAndByMetal() {
        Blob b = blob(THICK, 2, 3);
        assertThat(SliceCentring.bySlice(THICK, b, List.of(seedAt(11.9), seedAt(12.4)), new double[] {1.0, 1.0}, NOT_FLAT, IMAGE_MM, List.of()))
                .as("both fitted in one slice").isNull();
        assertThat(SliceCentring.bySlice(THICK, b, List.of(seedAt(9.0), seedAt(13.4)), new double[] {1.3, 0.7}, NOT_FLAT, IMAGE_MM, List.of()))
                .as("a slice's metal 0.3 from one seed: a seed lying across the boundary").isNull();
        assertThat(SliceCentring.bySlice(THICK, b, List.of(seedAt(9.0), seedAt(19.0)), new double[] {1.0, 1.0}, NOT_FLAT, IMAGE_MM, List.of()))
                .as("a fitted seed outside the object's slices").isNull();
        FoundSeed steep = new FoundSeed(new Vec3(3.2, 3.2, 13.1), new Vec3(0.3, 0.2, 0.93), 0.9, 2);
        assertThat(SliceCentring.bySlice(THICK, b, List.of(seedAt(12.4), steep), new double[] {1.0, 1.0}, NOT_FLAT, IMAGE_MM, List.of()))
                .as("a seed fitted within 25° of z lies in both slices (a steep side-by-side pair, tuning scan 11731)").isNull();
        assertThat(SliceCentring.bySlice(THICK, blob(THICK, 2, 3, 4), List.of(seedAt(9.0), seedAt(14.0), seedAt(21.0)),
                new double[] {0.83, 1.24, 0.83}, NOT_FLAT, IMAGE_MM, List.of())).as("three seeds (tuning scan 12731: a steep side-by-side pair among them)").isNull();
    }

    @Test
    void aLoneSeedInOneThickSliceFittedOffItsCentreAndPoorlyExplainedGoesToTheCentre() {
        // Slice 2 (10 mm): 1.3 mm (0.26 of the slice) or more off its centre, tilted (axis z-component 0.35 or more; tiltedAt's is
        // 0.45), with less than 0.7 of the signal explained. The metal beside the slice (below, own, above) leans nowhere here.
        Blob b = blob(THICK, 2);
        double[] even = {0.1, 0.8, 0.1};
        assertThat(SliceCentring.unsupportedInOneSlice(THICK, b, tiltedAt(11.96), 0.585, even).centreMm().z())
                .as("tuning scan 13114: fitted 1.96 mm off, explained 0.585").isEqualTo(10);
        assertThat(SliceCentring.unsupportedInOneSlice(THICK, b, tiltedAt(7.24), 0.417, even).centreMm().z())
                .as("tuning scan 12817: fitted outside the object's slice").isEqualTo(10);
        assertThat(SliceCentring.unsupportedInOneSlice(THICK, b, tiltedAt(11.96), 0.72, even).centreMm().z())
                .as("well explained: the tail in the neighbouring slice places it").isEqualTo(11.96);
        assertThat(SliceCentring.unsupportedInOneSlice(THICK, b, tiltedAt(11.2), 0.4, even).centreMm().z())
                .as("near the centre: as fitted").isEqualTo(11.2);
        FoundSeed flat = new FoundSeed(new Vec3(3.2, 3.2, 11.96), new Vec3(1, 0, 0.1), 0.9, 1);
        assertThat(SliceCentring.unsupportedInOneSlice(THICK, b, flat, 0.4, even).centreMm().z())
                .as("fitted lying in the slice's plane, the metal leaning neither way: as fitted").isEqualTo(11.96);
        assertThat(SliceCentring.unsupportedInOneSlice(THICK, blob(THICK, 2, 3), tiltedAt(11.96), 0.4, null).centreMm().z())
                .as("an object in two slices").isEqualTo(11.96);
        Grid thin = new Grid(new Vec3(0, 0, 0), 0.8, 0.8, 2.5, 10, 10, 12);
        assertThat(SliceCentring.unsupportedInOneSlice(thin, blob(thin, 4), tiltedAt(11.2), 0.4, null).centreMm().z())
                .as("2.5 mm slices").isEqualTo(11.2);
    }

    @Test
    void aLoneSeedFittedExactlyTheBarOffItsSlicesCentreGoesToTheCentreThoughTheSubtractionRoundsItUnder() {
        // Seen scan 20716 (5 mm Gaussian 12-bit, slices centred at -32.5 + 5k mm; here the same slice at -2.5 mm as slice 5 of a
        // smaller grid): a needle seed 1.20 mm above the centre of its slice, fitted 1.30 mm below it (-3.80 mm), tilted (axis z
        // 0.63), explaining 0.590: exactly the bar, 0.26 of a slice, which the subtraction reads 1.2999999999999998 mm against
        // 0.26 x 5 = 1.3. Its object's metal below / own / above, as shares:
        // 0.44 / 0.54 / 0.02 (lung above, another needle's seed's tail below): it leans the fit's way, so the tilt decides.
        // Exact: the bar itself moves by AT_THE_BAR_MM (1e-6 mm) only, so a fit 0.01 mm nearer the centre stays as fitted.
        Grid g = new Grid(new Vec3(0, 0, -27.5), 0.8, 0.8, 5, 10, 10, 6);
        Blob b = blob(g, 5);
        double[] metal = {0.44, 0.54, 0.02};
        Vec3 axis = new Vec3(0.145, 0.765, 0.627);
        assertThat(Math.abs(-3.8 - g.z(5))).as("the offset as the arithmetic reads it").isLessThan(SliceCentring.OFF_CENTRE_SLICES * 5);
        FoundSeed fitted = new FoundSeed(new Vec3(-26.88, 2.28, -3.8), axis, 0.0, 1);
        assertThat(SliceCentring.unsupportedInOneSlice(g, b, fitted, 0.590, metal).centreMm().z()).as("20716: centred").isEqualTo(-2.5);
        FoundSeed nearer = new FoundSeed(new Vec3(-26.88, 2.28, -3.79), axis, 0.0, 1);
        assertThat(SliceCentring.unsupportedInOneSlice(g, b, nearer, 0.590, metal)).as("1.29 mm off: as fitted").isSameAs(nearer);
    }

    @Test
    void aLoneFlatSeedFittedOffCentreGoesToTheCentreWhereTheMetalLeansTheOtherWay() {
        // Tuning all-implant scan 2116 (5 mm Gaussian 12-bit): a seed touching bone fitted 2.70 mm below its slice's centre, flat
        // (axis z 0.21), explaining 0.34, its object's metal 0.13 / 0.21 / 0.30 seeds below / in / above its slice: the slice above
        // holds 0.27 of the metal more than the slice below (the bar 0.1), so the metal places it above the centre, not below.
        Blob b = blob(THICK, 2);
        FoundSeed below = new FoundSeed(new Vec3(3.2, 3.2, 7.30), new Vec3(1, 0, 0.21), 0.9, 1);
        assertThat(SliceCentring.unsupportedInOneSlice(THICK, b, below, 0.34, new double[] {0.13, 0.21, 0.30}).centreMm().z())
                .as("the metal leans above").isEqualTo(10);
        // All-implant 1816 (Gaussian 12-bit): a needle seed fitted 2.02 mm above the centre (truly 2.19) with 0.45 / 0.74 / 0.38:
        // the slice below leads by 0.04 of the metal, under the bar (the closest kept case where the fit was right).
        FoundSeed above = new FoundSeed(new Vec3(3.2, 3.2, 12.02), new Vec3(1, 0, 0.04), 0.9, 1);
        assertThat(SliceCentring.unsupportedInOneSlice(THICK, b, above, 0.66, new double[] {0.45, 0.74, 0.38}).centreMm().z())
                .as("a lead of 0.04 of the metal: as fitted").isEqualTo(12.02);
        assertThat(SliceCentring.leansAway(new double[] {0.13, 0.21, 0.30}, -2.7)).isTrue();
        assertThat(SliceCentring.leansAway(new double[] {0.13, 0.21, 0.30}, 2.7)).isFalse();
    }

    @Test
    void aLoneSeedKeptOffCentreWhereTheSliceBesideItShowsTooLittleOfItsMetalIsUnsure() {
        // Seen scan 14434 (5 mm Gaussian 12-bit): a flat needle seed 2.11 mm below its slice's centre, fitted 1.62 mm above it
        // (explained 0.51), its object's metal 0.05 / 0.64 / 0.10 seeds: at 1.62 mm the triangle profile puts 0.32 of a seed's metal
        // in the slice above, the slice above shows 0.13 (under half of it), and the slice below 0.06, where the true place puts 0.42:
        // the metal tells neither side (a band darkens the tail below), so the seed is kept where fitted and named.
        Blob b = blob(THICK, 2);
        FoundSeed fitted = new FoundSeed(new Vec3(3.2, 3.2, 11.62), new Vec3(1, 0, 0.07), 0.9, 1);
        double[] metal = {0.05, 0.64, 0.10};
        assertThat(SliceCentring.unsupportedInOneSlice(THICK, b, fitted, 0.51, metal)).isSameAs(fitted);
        assertThat(SliceCentring.unsureAlongZ(THICK, b, fitted, 0.51, metal, 3.0)).as("14434").isTrue();
        // Seen 14634 (Gaussian 12-bit): a needle seed fitted 1.68 mm below (truly 1.58), 0.26 / 0.70 / 0.00: the slice below shows
        // 0.27 of the metal for the 0.34 predicted (0.81 of it).
        FoundSeed borne = new FoundSeed(new Vec3(3.2, 3.2, 8.32), new Vec3(1, 0, 0.04), 0.9, 1);
        assertThat(SliceCentring.unsureAlongZ(THICK, b, borne, 0.66, new double[] {0.26, 0.70, 0.0}, 3.0)).as("14634").isFalse();
        assertThat(SliceCentring.unsureAlongZ(THICK, b, fitted, 0.72, metal, 3.0)).as("well explained").isFalse();
        assertThat(SliceCentring.unsureAlongZ(THICK, b, tiltedAt(11.96), 0.5, metal, 3.0)).as("tilted: centred instead").isFalse();
        assertThat(SliceCentring.shareBeyond(1.62, 0, 5)).isCloseTo(0.324, within(1e-9));
        // A seed reaching 1 mm either way about 1.5 mm: the mean of u / T over 0.5-2.5 mm, all on the near side.
        assertThat(SliceCentring.shareBeyond(1.5, 1, 5)).as("linear over the extent").isCloseTo(0.3, within(1e-9));
    }
}
