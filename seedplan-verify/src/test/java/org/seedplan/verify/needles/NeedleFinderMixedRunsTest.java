package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * False needles of the 5 mm set 3373–3396 (fresh for the eleventh round's finder, seen since) that were runs mixing two
 * needles' steel ({@link NeedleMixedRuns}): the finder before the thirteenth round found each scan's needles all and one
 * such run besides. Each scan drawn whole as the generalisation run draws it.
 */
class NeedleFinderMixedRunsTest {

    @Test
    void aLooseCopyOfTwoNeedlesOfOneColumnIsNoNeedleAndTheNeedleItLayAlongIsKept() {
        // The 7th scan of its set: box, 12-bit; needles 5 and 6 of one column converge at their hubs. A 151 mm run from
        // needle 6's hub along its shaft to a seed beside its tip, 18 mm of it on steel of its own; the needle it lay along
        // had 28 mm of its own while the run was there (so the run, with the least, goes first, and that needle gets its
        // steel back).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3379, 6);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles (one before)").isEmpty();
        assertWithinTargets(m, 3379, 5, 6);
    }

    @Test
    void aSteepLineThroughAColumnOfNeedlesIsNoNeedle() {
        // The 21st scan of its set: triangle, 12-bit. A 57 mm run 22° out of the plane through needles 1 and 5 of one column,
        // 8–10 mm apart along z: it finds their steel or its partial volume in every slice and holds 6 mm of its own.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3393, 20);
        assertThat(m.unmatchedPlanned()).as("missed").isEmpty();
        assertThat(m.unmatchedFound()).as("false needles (one before)").isEmpty();
        assertWithinTargets(m, 3393, 1, 5);
    }

    /** Each of the {@code needles} (numbers 1…) of the scan drawn from {@code seed} within the 1 mm tip and 2° axis. */
    static void assertWithinTargets(NeedleMatching m, long seed, int... needles) {
        for (int needle : needles) {
            double[] tipAndAxis = NeedleFinderZPairingTest.tipAndAxis(m, seed, needle);
            assertThat(tipAndAxis[0]).as("tip of needle " + needle).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
            assertThat(tipAndAxis[1]).as("axis of needle " + needle).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.ANGLE_TOLERANCE_DEG);
        }
    }
}
