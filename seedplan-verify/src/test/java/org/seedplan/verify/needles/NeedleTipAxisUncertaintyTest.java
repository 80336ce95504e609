package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Vec3;

/**
 * How sure a tip is along the needle (issue 15, {@link FoundNeedle#tipAxisUncertaintyMm}): scans of the 5 mm sets drawn as the
 * generalisation run draws them, whose wrong tips the thirteenth round traced to an end fit whose window does not bound the tip.
 */
class NeedleTipAxisUncertaintyTest {

    /**
     * Scan {@code seed} of the 5 mm set starting at {@code firstOfSet}: needle {@code wrong} (its tip more than 1 mm off along the
     * axis; 0 for none) is stated at least its error along the axis, with the finding's note; every other matched needle whose tip
     * lies within 0.5 mm along the axis is stated under the 1 mm (a right tip the window bounds: measured 0.02-0.3 mm on
     * the seen sets).
     */
    private static void assertStated(long seed, long firstOfSet, int wrong) {
        assertStated(seed, firstOfSet, wrong, 5, 0);
    }

    /**
     * As {@link #assertStated(long, long, int)} on slices {@code sliceMm} apart; the wrong needle is stated at least its error
     * less {@code shortByMm} (the statement is about two standard deviations, not a bound).
     */
    private static void assertStated(long seed, long firstOfSet, int wrong, double sliceMm, double shortByMm) {
        NeedleFinderThickSliceTest.Drawn drawn = NeedleFinderThickSliceTest.drawnAndFound(seed, (int) (seed - firstOfSet), sliceMm);
        IntraOpScenario scenario = drawn.scenario();
        NeedleFinding finding = drawn.finding();
        NeedleMatching m = drawn.matching();
        boolean seen = false;
        for (NeedleMatch x : m.matches()) {
            FoundNeedle f = m.found().get(x.found());
            SimulatedNeedle t = scenario.placed().get(x.planned());
            Vec3 axis = t.axisAtTip(10);
            double alongAxis = Math.abs(f.tipMm().minus(t.tipMm()).dot(axis));
            int needle = x.planned() + 1;
            System.out.printf(java.util.Locale.ROOT, "%d needle %d: tip %.2f mm off along the axis, stated ±%.2f mm%n", seed, needle,
                    alongAxis, f.tipAxisUncertaintyMm());
            if (needle == wrong) {
                seen = true;
                assertThat(alongAxis).as("needle %d off along the axis", needle).isGreaterThan(1.0);
                assertThat(f.tipAxisUncertaintyMm()).as("needle %d stated", needle).isGreaterThanOrEqualTo(alongAxis - shortByMm);
                assertThat(finding.notes()).as("notes")
                        .anyMatch(n -> n.startsWith("needle " + (x.found() + 1) + ": its tip's place along the needle"));
            } else if (alongAxis <= 0.5) {
                assertThat(f.tipAxisUncertaintyMm()).as("needle %d stated", needle).isLessThan(1.0);
            }
        }
        assertThat(seen || wrong == 0).as("needle %d found", wrong).isTrue();
    }

    @Test
    void aTipOncePinnedAtTheEndFitsBackEdgeIsFoundBehindTheLightShaftAndStatedBounded() {
        // 3494 of the 5 mm set 3493-3516 (Gaussian, 12-bit): needle 6's metal run goes on 11.4 mm past its tip along another
        // needle's seed strand, and the end fit's tip was pinned at its window's back edge, 4.47 mm too deep, stated one window
        // (14 mm: its misfit had not risen by the window's edge). Its shaft, on the seeds, holds 0.02 of the scan's median steel
        // mass per mm, so the end is now looked for behind it (NeedleEndFit.behindLightShaft, fifteenth round): found 0.03 mm
        // off along the axis and stated under 1 mm like every other right tip of the scan.
        assertStated(3494, 3493, 0);
    }

    @Test
    void aTipFollowedToTheEndOfItsOwnSteelIsStatedBoundedAgain() {
        // 3531 of the 5 mm set 3517-3540 (triangle, 12-bit): needle 1's hub run stops 30.9 mm short of the tip. Sought beyond the
        // window only twice, its end was found with the steel still going on, 4.29 mm short, and stated one window (14 mm); now
        // followed while the steel is its own (NeedleFinder.ownSteel), it is found within 0.1 mm along the axis, bounded by its
        // window, and stated under 1 mm like every other right tip of the scan.
        assertStated(3531, 3517, 0);
    }

    @Test
    void aSecondPlaceTheEndFitExplainsAsWellBeyondTheTipIsStated() {
        // 3718 of the 3 mm set 3709-3732 (box, extended): needle 5 lies 1.02 mm short along the axis. Its end fit's misfit, the
        // rest held, rises 1.0 above the least 0.25 mm beyond the tip found (the statement's rise 0.99) and falls back to the
        // least 0.75 mm beyond it: two places the image explains alike, of which the statement saw the first only (±0.26, silent).
        // Looking through the window beyond the first crossing (eighteenth round) stated it ±1.01, with the note. Since the
        // thirty-ninth round the scan's median profile, a box wider than the 3 mm slice, is made the slice's width
        // (NeedleFinder.sharpBoxWiderThanTheSlice) and needle 5 is placed 0.02 mm along the axis: every right tip of the scan,
        // needle 5 now among them, is stated under the 1 mm (the second basin is no longer exercised here).
        assertStated(3718, 3709, 0, 3, 0.05);
    }
}
