package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a 5 mm box scan holds of a tip's z (issue 15): scan 3358 of the 5 mm set 3349–3372 (fresh in the tenth round, seen
 * since), as the generalisation run draws it — box profile, extended CT numbers. Its template needles 2, 3, 5 and 6 lie
 * 0.3–1.7° out of the plane with their last 40 mm inside the flat top of one slice, which no neighbouring slice sees: there the
 * image is the same wherever in a band of about ±1.5 mm around the slice centre the needle lies, and the finder's tips were
 * 0.62–0.90 mm off along z — within 1 mm by chance, not because the image holds them. The steep needles 9 and 10 (28° and 42°)
 * cross slices, where the slice profile's edges place them.
 */
class NeedleTipZUncertaintyTest {

    /**
     * Scan {@code seed} of the 5 mm set starting at {@code firstOfSet}, drawn as the generalisation run draws it: the needles
     * numbered in {@code flat} are stated more than the 1 mm along z, at least their z error, with the finding's note,
     * those in {@code notSure} likewise with the note that the place is not sure (a run of two needles' steel); those in
     * {@code steep} (crossing slices: the Cramér-Rao bound is hundredths of a mm, measured 0.01-0.03; 0.1 mm leaves room for the
     * fitted profile and noise, and is far below the band a flat needle gets) within 0.1 mm.
     */
    private static void assertStated(long seed, long firstOfSet, List<Integer> flat, List<Integer> notSure, List<Integer> steep) {
        NeedleFinderThickSliceTest.Drawn drawn = NeedleFinderThickSliceTest.drawnAndFound(seed, (int) (seed - firstOfSet), 5);
        IntraOpScenario scenario = drawn.scenario();
        NeedleFinding finding = drawn.finding();
        NeedleMatching m = drawn.matching();
        for (NeedleMatch x : m.matches()) {
            FoundNeedle f = m.found().get(x.found());
            double zError = Math.abs(f.tipMm().z() - scenario.placed().get(x.planned()).tipMm().z());
            int needle = x.planned() + 1;
            System.out.printf(java.util.Locale.ROOT, "%d needle %d: tip z error %.2f mm, stated ±%.2f mm%n", seed, needle, zError,
                    f.tipZUncertaintyMm());
            if (flat.contains(needle) || notSure.contains(needle)) {
                String note = notSure.contains(needle) ? "its tip's place along z is not sure" : "its tip's place along z";
                assertThat(f.tipZUncertaintyMm()).as("needle %d stated", needle).isGreaterThan(1.0).isGreaterThanOrEqualTo(zError);
                assertThat(finding.notes()).as("notes").anyMatch(n -> n.startsWith("needle " + (x.found() + 1) + ": " + note));
            }
            if (steep.contains(needle)) {
                assertThat(f.tipZUncertaintyMm()).as("needle %d stated", needle).isLessThanOrEqualTo(0.1);
            }
        }
        java.util.List<Integer> all = new java.util.ArrayList<>(flat);
        all.addAll(notSure);
        all.addAll(steep);
        assertThat(m.matches().stream().map(x -> x.planned() + 1)).containsAll(all);
    }

    @Test
    void aTipInsideABoxSlicesFlatTopIsStatedAsNotHeldAlongZAndASteepNeedlesIs() {
        // Needles 2, 3, 5, 6 inside the flat top: measured 1.47-1.95 mm stated; 9 and 10 at 28° and 42°: 0.03 mm. Needles 7
        // and 8 cross in the axial plane and converge at the hubs (0.8 mm across, 4.4 mm along z there): each run holds its own
        // tip half and the other's hub staircase, and needle 7's z fit read its tip 3.86 mm off along z (stated ±0.08 mm
        // before the thirteenth round). Its least misfit per mm is 2.28 times the scan's median and its tip half read alone
        // places the tip 2.44 mm away: stated at least the slice its tip is seen in (measured 4.94 mm), with the note that it
        // may be two needles' steel.
        assertStated(3358, 3349, List.of(2, 3, 5, 6), List.of(7), List.of(9, 10));
    }

    @Test
    void flatNeedlesNearABoxSliceBoundaryAreStatedAsNotHeldInsideTheSlice() {
        // 3433 of the 5 mm set 3421-3444 (fresh in the twelfth round, seen since): box, 12-bit, in-plane FWHM 0.74 mm, noise
        // 11 HU. Needles 2-7 lie 0.1-2.1° out of the plane, 0.4-0.9 mm inside a slice boundary, and are read at the slice
        // centre (tips 1.53-2.27 mm off along z): the z fit's soft-edged profile predicts the neighbouring slice showing their
        // steel, which the scan's sharp edge keeps out. They were stated ±0.12-0.30 mm; a sharp box explains the shallow
        // needles as well, so the slice they are seen in is stated (measured 2.55-2.68 mm). The steep needles 9 and 10 (26°
        // and 46°): measured 0.01-0.02 mm.
        assertStated(3433, 3421, List.of(2, 3, 4, 5, 6, 7), List.of(), List.of(9, 10));
    }

    @Test
    void aColumnPairOnceReadAsOneMixedRunIsStatedAsSureNowThatItIsRight() {
        // 3439 of the 5 mm set 3421-3444 (fresh in the twelfth round, seen since): box, 12-bit, in-plane FWHM 0.96 mm, noise 36 HU.
        // Needles 2 and 6 of one column lie 11 mm apart along z. Until the fourteenth round one run took needle 6's tip half
        // and needle 2's hub half, and its z fit read needle 6's tip 3.89 mm low along z, stated (thirteenth round) not sure,
        // at least the slice (4.42 mm). Read cut at its middle (NeedleFinderZPairingTest), needle 6 is right (0.05 mm along z);
        // its z now comes from the box edged by the steel's own section (NeedleZFit.steelEdgedBox), whose likelihood interval
        // states it ±0.15 mm, so it is held to the pairing test's 1 mm, not to the steep needles' bound here. Needles 2, 3, 4, 7
        // and 8 cross slice boundaries: all stated within the 0.1 mm bound (measured 0.03-0.07 mm; the steep 9 and 10 0.03-0.04).
        assertStated(3439, 3421, List.of(), List.of(), List.of(2, 3, 4, 7, 8, 9, 10));
    }
}
