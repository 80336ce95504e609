package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Flat needles inside one 5 mm box slice whose tip's z the image does not hold (docs/needles.md, fifteenth round): the z fit's
 * place is stated at least the slice the tip is seen in where a neighbouring slice contradicts it ({@link NeedleZFit#neighbourContradicts})
 * or where the steel-edged box put the needle in the slice's blind band and its soft line was kept. Scans of the seen 5 mm sets
 * 3565–3588 and 3637–3660, whole, as the generalisation run draws them.
 */
class NeedleFinderFlatInSliceTest {

    @Test
    void aFlatNeedleReadNearABoundaryTheNeighbourDoesNotShowIsStatedTheSlice() {
        // 3586 (box, extended, noise 31 HU): needle 5 lies flat (0.0°) 1.0 mm inside the slice's lower boundary; the z fit read
        // it 0.5 mm inside the upper one, where the slice above would show a 157 HU ridge beyond the bevel and shows a 179 HU
        // trough. Before: 3.57 mm off along z, stated ±0.04 mm. The statement must cover the error (the issue: no silent error).
        long seed = 3586;
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(seed, 21);
        double[] n5 = zErrorAndStated(m, seed, 5);
        assertThat(n5[1]).as("needle 5's stated z uncertainty against its z error %.2f mm", n5[0]).isGreaterThanOrEqualTo(n5[0]);
        // Needle 6 crosses into the next slice over its last 40 mm (1.4° out of the plane): the crossing places it, no statement
        // from the neighbours (0.02 mm off along z, stated ±0.02 before and after).
        double[] n6 = zErrorAndStated(m, seed, 6);
        assertThat(n6[1]).as("needle 6's stated z uncertainty").isLessThan(1);
    }

    @Test
    void aFlatNeedleInTheBlindBandIsStatedTheSlice() {
        // 3652 (box, extended): needle 5, flat (0.1°), 1.8 mm below the slice centre where no neighbour shows it; the steel-edged
        // box placed it in the slice's blind band and the soft line (at the slice centre) was kept. Before: 1.81 mm off along z,
        // stated ±1.55 mm. The statement must cover the error.
        long seed = 3652;
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(seed, 15);
        double[] n5 = zErrorAndStated(m, seed, 5);
        assertThat(n5[1]).as("needle 5's stated z uncertainty against its z error %.2f mm", n5[0]).isGreaterThanOrEqualTo(n5[0]);
    }

    /** |z error| of needle {@code number}'s tip (mm) and its stated {@link FoundNeedle#tipZUncertaintyMm}, printed. */
    static double[] zErrorAndStated(NeedleMatching m, long seed, int number) {
        SimulatedNeedle t = IntraOpScenario.generate(NeedleFinderThickSliceTest.drawnGrid(5), seed).placed().get(number - 1);
        NeedleMatch match = m.matches().stream().filter(x -> x.planned() == number - 1).findFirst().orElseThrow();
        FoundNeedle f = m.found().get(match.found());
        double dz = Math.abs(f.tipMm().z() - t.tipMm().z());
        System.out.printf(java.util.Locale.ROOT, "needle %d: %.2f mm off along z, stated ±%.2f mm%n", number, dz, f.tipZUncertaintyMm());
        return new double[] {dz, f.tipZUncertaintyMm()};
    }
}
