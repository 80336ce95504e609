package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Scan 3925 (5 mm box, 12-bit, the first of the eighteenth round's fresh set 3925-3948, seen since), as the generalisation run
 * draws it, whole: flat needles (0.0-1.3 degrees out of the plane) inside one slice, whose z the chosen soft-edged profile and the
 * steel-edged box, explaining the scan within 2 % of each other, read alike and 1.2-1.9 mm wrong, stated ±0.09-0.84. The
 * steel-edged box puts them in the slice's blind band, where no neighbouring slice shows their steel: the image does not place
 * them inside the slice, and they are now stated the slice their tip is seen in (docs/needles.md, nineteenth round).
 */
class NeedleFinderTiedBoxBandTest {

    @Test
    void flatNeedlesTheTiedSteelEdgedBoxPutsInTheBlindBandAreStatedTheSlice() {
        // Seed 3925 is scan 1 of the draw from 3925. The issue: no silent error — each needle's stated z uncertainty must cover
        // its tip's z error (exactly: the statement is an interval, no tolerance is asked of it).
        NeedleMatching m = NeedleFinderZPairingTest.wholeScan(3925, 0);
        for (int n : new int[] {1, 5, 6, 7}) {
            double[] e = NeedleFinderFlatInSliceTest.zErrorAndStated(m, 3925, n);
            assertThat(e[1]).as("needle %d's stated z uncertainty against its z error %.2f mm", n, e[0]).isGreaterThanOrEqualTo(e[0]);
        }
    }
}
