package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A needle tilted 12.8° out of 5 mm slices with a strand of seeds lying along its last 15 mm in the slice above it (scan 3837 of
 * the seen 5 mm set 3829–3852: triangle profile, 12-bit; needle 7, bent 2.9 mm). Its run spans 5.7 slice spacings along z, so its
 * z is the slab centroids' parabola; the seeds' metal, inside the centroids' reach along z (2.5 mm and one slice), pulls the last
 * 15 mm of centroids 2–2.5 mm up and the parabola bends with them: read 16.0° out of the plane, the tip 2.45 mm off (2.39 along z),
 * stated ±0.08 along z — silent. A needle spanning five to six slice spacings now has its z refitted as a line from the slice
 * profile; this one's line explains its voxels 3.9 times worse than the scan's shallower needles' (the seeds), so the parabola is
 * kept, and the line puts the tip 2.0 mm from it along z: the image does not tell which, and the tip is stated the slice it is
 * seen in ({@code NeedleFinder}, {@code NeedleCentreline.steeperStraightZ}, docs/needles.md, eighteenth round).
 */
class NeedleFinderSteepStaircaseTest {

    @Test
    void aSteeperNeedleTheLineAndTheParabolaPlaceApartIsStatedTheSlice() {
        // Seed 3837 is scan 8 of the draw from 3829. The issue: no silent error — the stated z uncertainty must cover the tip's
        // z error (after the change ±4.53 against 2.39 mm; before, ±0.08: it fails).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3837, 8);
        double[] n7 = NeedleFinderFlatInSliceTest.zErrorAndStated(m, 3837, 7);
        assertThat(n7[1]).as("needle 7's stated z uncertainty against its z error %.2f mm", n7[0]).isGreaterThanOrEqualTo(n7[0]);
        assertThat(m.unmatchedPlanned()).as("needles missed").isEmpty();
        assertThat(m.unmatchedFound()).as("needles found that are not there").isEmpty();
    }

    @Test
    void aSteeperNeedleWhoseLineIsNoStraightNeedleIsNotMadeANeedle() {
        // Seed 3788 is scan 7 of the draw from 3781 (Gaussian, 12-bit). A run of steel between needles 5 and 6 spanning five to
        // six slice spacings, dropped as off steel with its centroids' parabola, was kept with the line from the slice profile
        // as a 139 mm false needle; that line explains its voxels 2.4-3.1 times worse than the scan's shallower needles', so the
        // parabola stays and the run is dropped as before. Needle 6 is missed on the start commit too (seventeenth round's
        // needlemiss cases), so only the false needle is asserted.
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3788, 7);
        assertThat(m.unmatchedFound()).as("needles found that are not there").isEmpty();
    }
}
