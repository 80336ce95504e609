package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Flat needles bent along z, read as a straight line sure of a wrong place along z (docs/needles.md, twenty-seventh round,
 * branch {@code needleflat9}): their tips' z uncertainty is now widened by the line's reading bent as a cantilever
 * ({@link NeedleZFit.Fitted#bentApartMm}), and states at least the tip's error along z.
 */
class NeedleFinderBentFlatTest {

    @Test
    void needle7OfScan4573IsStatedAtLeastItsErrorAlongZ() {
        // Seed 4573 is scan 0 of the draw from 4573 (5 mm box, 12-bit, noise 34 HU; fresh in the twenty-sixth round, seen since).
        // Needle 7 (0.8° out of the plane, bent 2.9 mm along z) was 1.29 mm off along z, stated ±0.22 on the start commit: it
        // fails this; now ±1.98. No tolerance: a statement covers the error or it does not.
        assertStatedAtLeastItsZError(NeedleFinderThickSliceTest.drawnAndFound(4573, 0, 5), 7);
    }

    @Test
    void needle7OfScan4627IsStatedAtLeastItsErrorAlongZ() {
        // Seed 4627 is scan 6 of the draw from 4621 (3 mm box, 12-bit, noise 28 HU). Needle 7 (1.5° out of the plane, bent 2.7 mm
        // along z) was 1.37 mm off along z, stated ±0.26 on the start commit: it fails this; now ±1.46.
        assertStatedAtLeastItsZError(NeedleFinderThickSliceTest.drawnAndFound(4627, 6, 3), 7);
    }

    private static void assertStatedAtLeastItsZError(NeedleFinderThickSliceTest.Drawn d, int n) {
        NeedleMatch x = d.matching().matches().stream().filter(k -> k.planned() == n - 1).findFirst().orElseThrow();
        FoundNeedle found = d.matching().found().get(x.found());
        double zError = Math.abs(found.tipMm().z() - d.scenario().placed().get(n - 1).tipMm().z());
        assertThat(zError).as("needle %d's tip error along z, mm", n).isGreaterThan(1);
        assertThat(found.tipZUncertaintyMm()).as("needle %d's stated z uncertainty, mm", n).isGreaterThanOrEqualTo(zError);
    }
}
