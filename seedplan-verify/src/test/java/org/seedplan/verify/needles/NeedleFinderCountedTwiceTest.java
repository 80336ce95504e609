package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A false needle of the 5 mm set 3373–3396 (fresh for the eleventh round's finder, seen since) that was a found needle
 * counted twice: a second run of one needle's steel, lying within 1 mm of it over its whole length, described as a needle
 * of its own. The scan drawn whole as the generalisation run draws it.
 */
class NeedleFinderCountedTwiceTest {

    @Test
    void needleFiveSplitAlongZIntoTwoRunsIsOneNeedle() {
        // The scanner of the 24th scan of its set: triangle, extended, streaks 239 HU. Needles 1 and 5 of one column lie
        // 9–11 mm apart along z; the reading of a pair of runs as an upper and a lower needle gave needle 5's steel twice, and
        // the run holding its hub half became a 112 mm false needle 0.3–0.8 mm from needle 5, its tip 13 mm short.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3396, 23);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        // Three false needles before; two were left, runs that mix two needles' steel (one from needle 5's hub to needle 1's
        // tip, 119 mm; one through needles 6 and 9 in one slice, 52 mm), not a needle counted twice. Since the twenty-first
        // round the second is cut where its voxels step 3.6 mm sideways in the slice at -2.5 mm (docs/needles.md), and no
        // false needle is left there. The first, crossing slices, made of the two needles' second readings, goes since the
        // twenty-fifth round's second part (its runs lie in other runs' reach off their own slices: NeedleFinder.othersSteel,
        // docs/needles.md, branch needlefalse7): no false needle is left.
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        double[] tipAndAxis = NeedleFinderZPairingTest.tipAndAxis(m, 3396, 5);
        assertThat(tipAndAxis[0]).as("tip of needle 5").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(tipAndAxis[1]).as("axis of needle 5").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }

    @Test
    void theReadingThatHoldsTheTipIsKeptWhenItsOwnStretchIsTheBevel() {
        // The sixth scan of the 5 mm set 3685-3708 (triangle, extended, streaks 124 HU): needle 3, 3.8 degrees out of the plane,
        // read twice — a 103.1 mm needle from the run holding its tip (its hub half in air not in that run), 0.42 mm off, and a
        // 124.2 mm one from its hub run, whose end the searches beyond the window followed 21.8 mm and left 8.4 mm short. Their
        // paths lie within 1 mm over the shorter's length; step 9 judged each one's own stretch on steel: the tip reading's 8 mm
        // beyond the other's tip read 3 of 5 points on steel (841 and 184 HU at 1.1 and 0 mm from the tip: the bevel, whose steel
        // shrinks to nothing), the hub reading's 30 mm in air 10 of 15, and the short one was kept: a miss and a 124.2 mm false
        // needle. Each own stretch is now judged without its last bevel length (2 of 2 on steel): needle 3 within the issue's
        // 1 mm and 2 degrees (measured 0.42 mm, 1.34 degrees), nothing missed and no false needle on the scan.
        long seed = 3690;
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(seed, 5);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
        double[] tipAndAxis = NeedleFinderZPairingTest.tipAndAxis(m, seed, 3);
        assertThat(tipAndAxis[0]).as("tip of needle 3").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(tipAndAxis[1]).as("axis of needle 3").isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
    }

    @Test
    void theDeeperReadingIsKeptWhenBothOwnStretchesBehindTheBevelAreOnSteel() {
        // The eighth scan of the 5 mm set 3589-3612 (Gaussian, 12-bit): needle 1 read twice — its hub part a 39 mm run whose end
        // five searches followed 46 mm (85.7 mm, 20 mm short), its middle and tip a 64 mm run that step 4's walk made a 104.5 mm
        // needle whose tip half strays from the steel, 2.6 mm across at the tip. Judged with its bevel, the long reading's own
        // stretch read 0.70 on steel, the short one's 0.90, and the short one was kept: a miss and a false needle. Without its
        // bevel the long one's reads 0.82 (14 of 17 points; thin against the 0.80 that counts both as on steel), and the deeper
        // tip is kept: needle 1 is found, its tip 2.59 mm off (2.56 across) and its axis 3.93 degrees — outside the issue's
        // targets, and not stated (its error is across), but no longer 20 mm short. Asserted: found, no false needle.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3596, 7);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles").isEmpty();
    }
}
