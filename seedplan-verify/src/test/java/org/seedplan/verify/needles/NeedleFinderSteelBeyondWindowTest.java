package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.needle.Needle;

/**
 * A shallow needle on 5 mm box slices whose metal run stops where it crosses into the next slice, well short of its tip: scans
 * 3352 (box, extended CT numbers; needle 6, 3.8° out of the plane, its run ending on the slice boundary 10.9 mm short of the
 * tip) and 3367 (box, 12-bit; needle 4, 2.4°) of the 5 mm set 3349–3372 (fresh in the tenth round, seen since), whole, as the
 * generalisation run draws them. The end fit looks for the tip from 3 mm behind to 5 mm beyond the end of the run, and its
 * voxels reach 6 mm beyond; the misfit still fell at the window's edge and the tip stopped there: 2.55 and 1.32 mm short
 * before. The steel is now followed beyond the window ({@link NeedleEndFit}).
 */
class NeedleFinderSteelBeyondWindowTest {

    /** The tip error of needle {@code needle} (1-based) on scan {@code seed} of the 5 mm set drawn from 3349, mm. */
    static double tipError(long seed, int needle) {
        IntraOpScanner scanner = NeedleFinderThickSliceTest.drawnScanner(seed, (int) (seed - 3349));
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(5);
        IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, scenario.placed(), scenario.seeds(), seed);
        List<Needle> truth = scenario.placed().stream().map(p -> new Needle(p.hubMm(), p.tipMm(), null, false)).toList();
        NeedleMatching m = new NeedleMatcher(5, 10).match(truth, new NeedleFinder().find(ct).needles());
        NeedleMatch x = m.matches().stream().filter(c -> c.planned() == needle - 1).findFirst().orElseThrow();
        double error = m.found().get(x.found()).tipMm().distanceTo(scenario.placed().get(needle - 1).tipMm());
        System.out.printf(java.util.Locale.ROOT, "%d needle %d: tip %.2f mm%n", seed, needle, error);
        return error;
    }

    @Test
    void aTipTenMillimetresBeyondTheEndOfItsRunIsReached() {
        // Measured 0.13 mm (2.55 before). The 1 mm: along the axis the bevel's fall-off is in the image on any slice.
        assertThat(tipError(3352, 6)).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
    }

    @Test
    void aShallowTwelveBitTipBeyondTheWindowIsReached() {
        // Measured 0.08 mm (1.32 before); the 1 mm as above.
        assertThat(tipError(3367, 4)).isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
    }
}
