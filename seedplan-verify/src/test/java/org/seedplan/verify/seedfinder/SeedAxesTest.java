package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatch;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SliceProfile;

/**
 * The axes of single seeds on thick slices (docs/seed-finder.md, ninth round): thirty seeds apart from each other in the liver of
 * the independent generator's anatomy ({@code verify.scanner}), six directions in-plane × tilts of 0, 15, 30, 45 and 60° out of
 * the slices, each at another depth in its slice, on 5 mm slices every 2.5 mm (an overlapping reconstruction) and on contiguous
 * 5 mm slices.
 */
class SeedAxesTest {

    private static final double[] TILTS_DEG = {0, 15, 30, 45, 60};
    private static final int DIRECTIONS = 6;
    private static final double SPACING_MM = 11;

    /** The seeds' centres and axes, mm. */
    private record Truth(List<Vec3> centres, List<Vec3> axes) {
    }

    @Test
    void anOverlappingReconstructionIsReadWithTheMarkersLengthAndTheSeedsAxes() {
        Truth truth = truth();
        ScannerModel scanner = ScannerModel.typical(SliceProfile.TRIANGLE, HuScale.CLIPPED_12_BIT).withSliceThickness(5);
        SeedFinding f = new SeedFinder().find(scene(scanner, 2.5, truth, 41));
        MatchTally t = score(truth, f);
        print("5 mm every 2.5 mm triangle", f, t);
        assertThat(t.found()).as("seeds found").isEqualTo(truth.centres().size());
        // The seed's image is mostly its 3 mm silver marker: learned as 2.8-3.2 mm on contiguous 5 mm tuning scans. Learned from
        // blobs' principal axes tilted towards z by the 5 mm profile sampled every 2.5 mm it was the capsule's 4.5 mm (measured
        // here before: 4.50 mm, mean axis error 25.2°; now 2.83 mm). 3.5 mm lies between with room for the tuning spread.
        assertThat(f.calibration().seedImageLengthMm()).as("learned image length, mm").isLessThan(3.5);
        // Issue 15 asks ≤ 10° for isolated seeds; measured here: 4.4° (worst 9.2°).
        assertThat(t.meanAngleDeg()).as("mean axis error, degrees").isLessThanOrEqualTo(10);
    }

    @Test
    void contiguousFiveMillimetreSlicesGiveTheSeedsAxes() {
        Truth truth = truth();
        SeedFinding f = new SeedFinder().find(scene(ScannerModel.typical(SliceProfile.GAUSSIAN, HuScale.CLIPPED_12_BIT), 5, truth, 43));
        MatchTally t = score(truth, f);
        print("5 mm Gaussian", f, t);
        assertThat(t.found()).as("seeds found").isEqualTo(truth.centres().size());
        // A seed one or two 5 mm slices deep shows its tilt out of the slices faintly: fitted from the blob's principal axes it
        // stopped in local minima up to 87.5° off (mean 5.4°); started also from its in-plane elongation tilted by 0 to ±60°, the
        // worst is 10.4°, the mean 2.6°. 20° worst and 4° mean keep that gain with margin for the noise draw.
        assertThat(t.worstAngleDeg()).as("worst axis error, degrees").isLessThanOrEqualTo(20);
        assertThat(t.meanAngleDeg()).as("mean axis error, degrees").isLessThanOrEqualTo(4);
    }

    private static void print(String label, SeedFinding f, MatchTally t) {
        System.out.printf(java.util.Locale.ROOT, "%s: %d of %d found, %d false, image length %.2f mm, axial sigma %.2f mm, mean axis error"
                + " %.1f° (worst %.1f°)%n", label, t.found(), t.truth(), t.falses(), f.calibration().seedImageLengthMm(),
                f.calibration().psfSigmaAxialMm(), t.meanAngleDeg(), t.worstAngleDeg());
    }

    /** Thirty seeds on a 6 × 5 grid 11 mm apart about the implant region's centre, each 0.37 mm deeper in z than the last. */
    private static Truth truth() {
        List<Vec3> centres = new ArrayList<>();
        List<Vec3> axes = new ArrayList<>();
        for (int r = 0; r < TILTS_DEG.length; r++) {
            for (int d = 0; d < DIRECTIONS; d++) {
                double az = Math.PI * d / DIRECTIONS;
                double el = Math.toRadians(TILTS_DEG[r]);
                int n = centres.size();
                centres.add(new Vec3(-22 + (d - 2.5) * SPACING_MM, -10 + (r - 2) * SPACING_MM, 0.37 * n - 5));
                axes.add(new Vec3(Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el)));
            }
        }
        return new Truth(centres, axes);
    }

    /** The seeds imaged in the generator's anatomy: 200 × 200 pixels of 0.8 mm, 60 mm along z, slices {@code spacingMm} apart. */
    private static Volume scene(ScannerModel scanner, double spacingMm, Truth truth, long noiseSeed) {
        int nz = (int) Math.round(60 / spacingMm);
        double half = 199 * 0.8 / 2;
        Grid g = new Grid(new Vec3(-half, -half, -(nz - 1) * spacingMm / 2), 0.8, 0.8, spacingMm, 200, 200, nz);
        List<DenseObject> seeds = new ArrayList<>();
        for (int s = 0; s < truth.centres().size(); s++) {
            seeds.add(DenseObject.seed(truth.centres().get(s), truth.axes().get(s)));
        }
        return new PostOpScanner(scanner).scan(g, seeds, noiseSeed);
    }

    /** Found seeds matched to the true ones within issue 15's gate, with the axis error of each. */
    private static MatchTally score(Truth truth, SeedFinding f) {
        SeedMatching m = new SeedMatcher(IndependentScanMatrix.MATCH_GATE_MM).match(truth.centres(), IndependentScanMatrix.found(f));
        MatchTally t = new MatchTally();
        t.addCounts(truth.centres().size(), m.matches().size(), m.extraFound().size());
        for (SeedMatch x : m.matches()) {
            t.addError(x.displacementMm());
            t.addAngle(MatchTally.axisAngleDeg(truth.axes().get(x.planned()), f.seeds().get(x.found()).axis()));
        }
        return t;
    }
}
