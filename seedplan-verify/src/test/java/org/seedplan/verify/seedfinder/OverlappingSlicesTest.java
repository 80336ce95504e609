package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.scanner.SimulatedPostOpScan;

/**
 * An overlapping reconstruction, 5 mm slices every 2.5 mm (triangle profile, 12-bit, a screw), made by the independent bench
 * ({@link IndependentScanMatrix#overlapping}, random seed 12002 of the set measured in docs/seed-finder.md, "Slice thickness"):
 * the finder reads the slice profile's width from the recorded thickness, learns the axial σ of a 5 mm profile and finds the
 * seeds within issue 15's targets; handed the same image without its thickness it says so, and judges the σ by the spacing.
 */
class OverlappingSlicesTest {

    @Test
    void aFiveMillimetreScanEveryTwoAndAHalfIsReadWithAFiveMillimetreProfile() {
        SimulatedPostOpScan s = IndependentScanMatrix.overlapping(12002, 2);
        assertThat(IndependentScanMatrix.overlappingLabel(2)).isEqualTo("5.0 mm every 2.5 mm TRIANGLE CLIPPED_12_BIT");
        assertThat(s.ct().grid().dzMm()).isEqualTo(2.5);
        assertThat(s.ct().sliceThicknessMm()).isEqualTo(5);

        SeedFinding f = new SeedFinder().find(s.ct());
        MatchTally t = new MatchTally();
        IndependentScanMatrix.score(s, f, t);
        // A triangle of base 2T has σ = T/√6 = 0.41 T; learned on contiguous tuning scans as 0.405-0.459 T. Measured here:
        // 2.12 mm = 0.42 T. The band 0.38-0.48 T allows the tuning spread with margin; 0.38-0.48 of the 2.5 mm spacing would not.
        assertThat(f.calibration().psfSigmaAxialMm()).as("learned axial sigma, mm").isBetween(0.38 * 5, 0.48 * 5);
        // Issue 15's targets, on this one scan (measured: 58 of 58, 0 false).
        assertThat(t.foundShare()).as("share of seeds found").isGreaterThanOrEqualTo(0.995);
        assertThat(t.falsePer100()).as("false seeds per 100").isLessThanOrEqualTo(0.5);
        assertThat(t.meanErrorMm()).as("mean centre error, mm").isLessThanOrEqualTo(0.3);
        assertThat(f.notes()).noneMatch(n -> n.contains("Slice Thickness"));
        assertThat(f.selfCheck()).noneMatch(x -> x.startsWith("SEED APPEARANCE"));

        SeedFinding unrecorded = new SeedFinder().find(new Volume(s.ct().grid(), s.ct().hu()));
        assertThat(unrecorded.notes()).anyMatch(n -> n.startsWith("the CT records no Slice Thickness (0018,0050): its slice profile"
                + " is taken as 2.50 mm wide, the slice spacing"));
        // Judged by the 2.5 mm spacing, a 5 mm profile's σ (above 0.75 × 2.5 mm) looks wrong, and the self-check says so.
        assertThat(unrecorded.selfCheck()).anyMatch(x -> x.startsWith("SEED APPEARANCE: axial blur sigma")
                && x.contains("for slices 2.50 mm thick every 2.50 mm"));
    }
}
