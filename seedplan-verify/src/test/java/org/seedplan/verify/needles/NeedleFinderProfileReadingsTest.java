package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Scan 3766 (5 mm box, extended, of the sixteenth round's fresh set 3757-3780, seen since), as the generalisation run draws it,
 * whole: a flat needle whose tip's z was wrong by 2.2 mm and stated sure (docs/needles.md, seventeenth round).
 */
class NeedleFinderProfileReadingsTest {

    @Test
    void aNeedleTheTwoReadingsOfTheProfilePlaceApartIsStatedTheSlice() {
        // Needle 1 (0.9 degrees out of the plane) crosses one slice boundary 60 mm from its hub and lies inside one slice's flat
        // top over its last 90 mm. The soft-edged profile chosen (its summed misfit 0.5 % under the steel-edged box's) read it
        // 2.3 degrees out of the plane, the tip 2.23 mm off along z, stated ±0.08; the steel-edged box 1.8 mm higher, 0.44 mm off.
        // The statement must cover the error (the issue: no silent error).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3766, 9);
        double[] n1 = zErrorAndStated(m, 3766, 1);
        assertThat(n1[1]).as("needle 1's stated z uncertainty against its z error %.2f mm", n1[0]).isGreaterThanOrEqualTo(n1[0]);
    }

    /** |z error| of needle {@code number}'s tip (mm) and its stated {@link FoundNeedle#tipZUncertaintyMm}, printed. */
    private static double[] zErrorAndStated(NeedleMatching m, long seed, int number) {
        SimulatedNeedle t = IntraOpScenario.generate(NeedleFinderThickSliceTest.drawnGrid(5), seed).placed().get(number - 1);
        NeedleMatch match = m.matches().stream().filter(x -> x.planned() == number - 1).findFirst().orElseThrow();
        FoundNeedle f = m.found().get(match.found());
        double dz = Math.abs(f.tipMm().z() - t.tipMm().z());
        System.out.printf(java.util.Locale.ROOT, "needle %d: %.2f mm off along z, stated ±%.2f mm%n", number, dz, f.tipZUncertaintyMm());
        return new double[] {dz, f.tipZUncertaintyMm()};
    }
}
