package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.needle.Needle;

/**
 * What a 5 mm box scan holds of a tip's z (issue 15): scan 3358 of the 5 mm set 3349–3372 (fresh in the tenth round, seen
 * since), as the generalisation run draws it — box profile, extended CT numbers. Its template needles 2, 3, 5 and 6 lie
 * 0.3–1.7° out of the plane with their last 40 mm inside the flat top of one slice, which no neighbouring slice sees: there the
 * image is the same wherever in a band of about ±1.5 mm around the slice centre the needle lies, and the finder's tips were
 * 0.62–0.90 mm off along z — within 1 mm by chance, not because the image holds them. The steep needles 9 and 10 (28° and 42°)
 * cross slices, where the slice profile's edges place them.
 */
class NeedleTipZUncertaintyTest {

    @Test
    void aTipInsideABoxSlicesFlatTopIsStatedAsNotHeldAlongZAndASteepNeedlesIs() {
        long seed = 3358;
        IntraOpScanner scanner = NeedleFinderThickSliceTest.drawnScanner(seed, (int) (seed - 3349));
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(5);
        IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, scenario.placed(), scenario.seeds(), seed);
        NeedleFinding finding = new NeedleFinder().find(ct);
        List<Needle> truth = scenario.placed().stream().map(p -> new Needle(p.hubMm(), p.tipMm(), null, false)).toList();
        NeedleMatching m = new NeedleMatcher(5, 10).match(truth, finding.needles());
        for (NeedleMatch x : m.matches()) {
            FoundNeedle f = m.found().get(x.found());
            double zError = Math.abs(f.tipMm().z() - scenario.placed().get(x.planned()).tipMm().z());
            int needle = x.planned() + 1;
            System.out.printf(java.util.Locale.ROOT, "needle %d: tip z error %.2f mm, stated ±%.2f mm%n", needle, zError, f.tipZUncertaintyMm());
            if (List.of(2, 3, 5, 6).contains(needle)) {
                // Inside the flat top: more than the 1 mm is stated (measured 1.47-1.95 mm), and it covers the error.
                assertThat(f.tipZUncertaintyMm()).as("needle %d stated", needle).isGreaterThan(1.0).isGreaterThanOrEqualTo(zError);
                assertThat(finding.notes()).as("notes").anyMatch(n -> n.startsWith("needle " + (x.found() + 1) + ": its tip's place along z"));
            }
            if (List.of(9, 10).contains(needle)) {
                // Crossing slices at 28-42°: the Cramér-Rao bound is hundredths of a mm (measured 0.03); 0.1 mm leaves room for
                // the fitted profile and noise, and is far below the band a flat needle gets.
                assertThat(f.tipZUncertaintyMm()).as("needle %d stated", needle).isLessThanOrEqualTo(0.1);
            }
        }
        assertThat(m.matches().stream().map(x -> x.planned() + 1)).contains(2, 3, 5, 6, 9, 10);
    }

    @Test
    void flatNeedlesNearABoxSliceBoundaryAreStatedAsNotHeldInsideTheSlice() {
        // 3433 of the 5 mm set 3421-3444 (fresh in the twelfth round, seen since): box, 12-bit, in-plane FWHM 0.74 mm, noise
        // 11 HU. Needles 2-7 lie 0.1-2.1° out of the plane, 0.4-0.9 mm inside a slice boundary, and are read at the slice
        // centre (tips 1.53-2.27 mm off along z): the z fit's soft-edged profile predicts the neighbouring slice showing their
        // steel, which the scan's sharp edge keeps out. They were stated ±0.12-0.30 mm; a sharp box explains the shallow
        // needles as well, so the slice they are seen in is stated (measured 2.55-2.68 mm). The steep needles 9 and 10 (26°
        // and 46°) cross slices: hundredths of a mm (measured 0.01-0.02), 0.1 mm as in the test above.
        long seed = 3433;
        IntraOpScanner scanner = NeedleFinderThickSliceTest.drawnScanner(seed, (int) (seed - 3421));
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(5);
        IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, scenario.placed(), scenario.seeds(), seed);
        NeedleFinding finding = new NeedleFinder().find(ct);
        List<Needle> truth = scenario.placed().stream().map(p -> new Needle(p.hubMm(), p.tipMm(), null, false)).toList();
        NeedleMatching m = new NeedleMatcher(5, 10).match(truth, finding.needles());
        for (NeedleMatch x : m.matches()) {
            FoundNeedle f = m.found().get(x.found());
            double zError = Math.abs(f.tipMm().z() - scenario.placed().get(x.planned()).tipMm().z());
            int needle = x.planned() + 1;
            System.out.printf(java.util.Locale.ROOT, "3433 needle %d: tip z error %.2f mm, stated ±%.2f mm%n", needle, zError, f.tipZUncertaintyMm());
            if (List.of(2, 3, 4, 5, 6, 7).contains(needle)) {
                assertThat(f.tipZUncertaintyMm()).as("needle %d stated", needle).isGreaterThanOrEqualTo(zError);
            }
            if (List.of(9, 10).contains(needle)) {
                assertThat(f.tipZUncertaintyMm()).as("needle %d stated", needle).isLessThanOrEqualTo(0.1);
            }
        }
        assertThat(m.matches().stream().map(x -> x.planned() + 1)).contains(2, 3, 4, 5, 6, 7, 9, 10);
    }
}
