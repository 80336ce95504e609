package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * The scan's slice profile on 5 mm box slices (docs/needles.md, step 6): tuning scan 2625 drawn as
 * {@link NeedleFinderGeneralisationRun} draws it (box, 12-bit, eight shallow template needles and two steep ones). The median
 * of the ends' fits alone was a 3.74 mm box with σ 0.77 mm there: a shallow end's 7.5 mm of shaft inside one slice bounds
 * the box only from below. The scanner's box is the slice spacing, 5 mm.
 */
class NeedleFinderSliceProfileTest {

    @Test
    void theScansProfileOn5mmBoxSlicesIsAsWideAsTheSlice() {
        long seed = 2625;
        IntraOpScanner scanner = NeedleFinderThickSliceTest.drawnScanner(seed, 0);
        Grid grid = new Grid(new Vec3(-191.6, -191.6, -5 * 19 / 2.0), 0.75, 0.75, 5, 512, 512, 20);
        IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, scenario.placed(), scenario.seeds(), seed);
        double[] profile = new double[3];
        NeedleFinding finding = new NeedleFinder().find(ct, profile);
        assertThat(finding.needles()).hasSize(10);
        // Within 0.3 mm of the 5 mm box: the profile's FWHM is the slice spacing, and a box blurred by σ keeps its FWHM
        // within 0.3 mm of its width while σ is below about a quarter of the box (the fitted σ here: 0.77 mm).
        assertThat(profile[1]).as("box width, mm").isCloseTo(5.0, Offset.offset(0.3));
        assertThat(NeedleEndFit.fwhm(profile[1], profile[2])).as("FWHM, mm").isCloseTo(5.0, Offset.offset(0.3));
        System.out.printf(java.util.Locale.ROOT, "scan profile: in-plane σ %.2f mm, box %.2f mm, slice σ %.2f mm%n", profile[0], profile[1],
                profile[2]);
    }
}
