package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Needles bent 2-3 mm by a lateral load, lying nearly flat in the slices, whose z a straight line from the slice profile read
 * as following the hub's part of the shaft: their tips came 1.0-1.6 mm off along z, stated ±0.07-0.24 mm (docs/needles.md,
 * nineteenth round's fresh runs and twentieth round). Their z is now also fitted with a sag at mid-span (a parabola along z, as
 * a needle bent by a lateral load takes) and read bent where the sag lowers the misfit by
 * {@value NeedleFinder#SAG_CHOSEN} times the fit's mean misfit per voxel or more ({@code NeedleZFit.Fitted#sagged}).
 */
class NeedleFinderBentAlongZTest {

    @Test
    void aFlatNeedleBentAlongZOn3mmSlicesHasItsTipAtTheBend() {
        // Seed 4042 is scan 21 (0-based) of the 3 mm draw from 4021 (seen since the nineteenth round's fresh run). Needle 1: flat
        // (0.4° out of the plane), bent 2.93 mm; the straight line put its tip 1.58 mm off along z, stated ±0.07.
        assertBentTipPlaced(4042, 21, 3, 1);
    }

    @Test
    void aFlatNeedleBentAlongZOn3mmSlicesAnotherScanner() {
        // Seed 3958, scan 9 of the 3 mm draw from 3949: needle 1 (1.2° out of the plane, bent 1.88 mm) 1.12 mm off along z,
        // stated ±0.24.
        assertBentTipPlaced(3958, 9, 3, 1);
    }

    @Test
    void aFlatNeedleBentAlongZOn5mmSlices() {
        // Seed 3925, scan 0 of the 5 mm draw from 3925: needle 4 (flat, bent 2.27 mm) 1.17 mm off along z, stated ±0.09.
        assertBentTipPlaced(3925, 0, 5, 4);
    }

    /**
     * The target (the tip within 1 mm, {@link NeedleFinderAcceptanceTest#TIP_TARGET_MM}) or, short of it, no silent
     * error: the stated z uncertainty covers the tip's z error. Before the change neither held (tips 1.12-1.58 mm off).
     */
    private static void assertBentTipPlaced(long seed, int n, double sliceMm, int number) {
        NeedleFinderThickSliceTest.Drawn d = NeedleFinderThickSliceTest.drawnAndFound(seed, n, sliceMm);
        NeedleMatching m = d.matching();
        SimulatedNeedle t = d.scenario().placed().get(number - 1);
        NeedleMatch match = m.matches().stream().filter(x -> x.planned() == number - 1).findFirst().orElseThrow();
        FoundNeedle f = m.found().get(match.found());
        double tip = f.tipMm().distanceTo(t.tipMm());
        double dz = Math.abs(f.tipMm().z() - t.tipMm().z());
        System.out.printf(java.util.Locale.ROOT, "%d needle %d: tip %.2f mm, %.2f along z, stated ±%.2f%n", seed, number, tip, dz,
                f.tipZUncertaintyMm());
        assertThat(tip).as("needle %d's tip error (mm)", number).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(m.unmatchedPlanned()).as("needles missed").isEmpty();
    }
}
