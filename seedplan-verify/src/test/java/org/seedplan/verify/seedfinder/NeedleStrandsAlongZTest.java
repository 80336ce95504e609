package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SliceProfile;

/**
 * A scan whose seeds lie mostly in needles nearly along z, on 5 mm slices (triangle profile, extended scale), as fresh scan 15815
 * (48 of its 58 seeds needle seeds): each needle's four seeds, 8-9.5 mm apart, merge through the thick slices into one object over
 * seven or eight slices, the objects of the typical size are such strands and their spread over the slices counts seeds, not the
 * slice profile. The finder must keep the recorded thickness, say why, and find the seeds from the few single ones
 * ({@link SliceProfileWidth}, docs/seed-finder.md, twenty-third round). Scenes from the independent generator ({@code verify.scanner}).
 */
class NeedleStrandsAlongZTest {

    /** The gaps between a needle's seeds' centres, mm (the generator's needles: 7-10 mm). */
    private static final double[] GAPS = {0, 8, 9.5, 8.5};

    @Test
    void needleStrandsOnContiguousFiveMillimetreSlicesKeepTheRecordedWidth() {
        List<Vec3> truth = new ArrayList<>();
        Volume ct = scene(5, 5, truth);
        assertThat(ct.sliceThicknessMm()).isEqualTo(5);
        SeedFinding f = new SeedFinder().find(ct);
        // Before the twenty-third round the strands were the isolated seeds (median spread 5.1 slices): "estimated 25.4 mm used, not
        // the 5.00 mm recorded", the strands also set one seed's metal, and 2 of the 44 seeds were found. Measured now: the 5 mm kept,
        // the three single seeds that spread as such (1.11-1.97 slices) taken for the seed's image and metal, 44 of 44 found, none far.
        // One seed of margin: the scene is drawn from fixed random seeds, nothing else varies.
        assertThat(f.selfCheck()).noneMatch(x -> x.startsWith("SLICE THICKNESS: estimated"));
        assertThat(f.selfCheck()).anyMatch(x -> x.startsWith("SLICE THICKNESS: the 5.00 mm recorded kept") && x.contains("merged along z"));
        assertThat(found(f, truth)).as("seeds found within 2.5 mm of the %d placed", truth.size()).isGreaterThanOrEqualTo(truth.size() - 1);
        assertThat(f.seeds().size() - found(f, truth)).as("seeds found far from any placed").isLessThanOrEqualTo(1);
    }

    @Test
    void theSameNeedlesOnAnOverlappingReconstructionAreReadWithItsRecordedProfile() {
        // 5 mm every 2.5 mm, the 5 mm recorded: the strands spread over 9.0-13.4 slices of 2.5 mm (the bar there: 4.3), the recorded
        // 5 mm is kept and the single seeds (2.15-2.70 slices, under 2.0 per spacing of the 5 mm profile) teach the seed's image:
        // axial σ 2.26 mm, as OverlappingSlicesTest's band for a 5 mm triangle (0.38-0.48 of it). Before the twenty-third round the
        // strands were the references here too: 3 of 44 found. Measured now 42 of 44 (the two missed not traced), none far.
        List<Vec3> truth = new ArrayList<>();
        Volume ct = scene(2.5, 5, truth);
        SeedFinding f = new SeedFinder().find(ct);
        assertThat(f.calibration().psfSigmaAxialMm()).as("learned axial sigma, mm").isBetween(0.38 * 5, 0.48 * 5);
        assertThat(f.selfCheck()).anyMatch(x -> x.startsWith("SLICE THICKNESS: the 5.00 mm recorded kept"));
        assertThat(found(f, truth)).as("seeds found within 2.5 mm of the %d placed", truth.size()).isGreaterThanOrEqualTo(truth.size() - 2);
        assertThat(f.seeds().size() - found(f, truth)).as("seeds found far from any placed").isZero();
    }

    /** Seeds found within the matching gate, 2.5 mm, of a placed seed, each placed seed counted once. */
    private static int found(SeedFinding f, List<Vec3> truth) {
        int n = 0;
        for (Vec3 t : truth) {
            if (f.seeds().stream().anyMatch(s -> s.centreMm().minus(t).norm() <= 2.5)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Ten needles of four seeds nearly along z (z-component 0.99-1.00, tilted each its own way), 25 mm apart in-plane, and four single
     * seeds in four directions, on slices {@code spacingMm} apart and {@code thicknessMm} thick; the placed centres are added to
     * {@code truth}.
     */
    private static Volume scene(double spacingMm, double thicknessMm, List<Vec3> truth) {
        int nx = 208;
        int nz = (int) Math.round(80 / spacingMm);
        Grid g = new Grid(new Vec3(-(nx - 1) * 0.8 / 2, -(nx - 1) * 0.8 / 2, -(nz - 1) * spacingMm / 2), 0.8, 0.8, spacingMm, nx, nx, nz);
        List<DenseObject> objects = new ArrayList<>();
        int needle = 0;
        for (double y : new double[] {0, 25}) {
            for (double x : new double[] {-50, -25, 0, 25, 50}) {
                double a = needle++ * 0.63;
                Vec3 axis = new Vec3(0.12 * Math.cos(a), 0.12 * Math.sin(a), 1).normalized();
                Vec3 from = new Vec3(x, y, -13 + 0.9 * (needle % 3));
                double along = 0;
                for (double gap : GAPS) {
                    along += gap;
                    Vec3 c = from.plus(axis.times(along));
                    truth.add(c);
                    objects.add(DenseObject.seed(c, axis));
                }
            }
        }
        Vec3[] dirs = {new Vec3(1, 0, 0), new Vec3(1, 1, 0.3), new Vec3(0.3, 1, 0.8), new Vec3(1, -0.4, 1.5)};
        for (int s = 0; s < dirs.length; s++) {
            Vec3 c = new Vec3(-45 + 30 * s, -35, 1.3 * s);
            truth.add(c);
            objects.add(DenseObject.seed(c, dirs[s].normalized()));
        }
        ScannerModel scanner = ScannerModel.typical(SliceProfile.TRIANGLE, HuScale.EXTENDED).withSliceThickness(thicknessMm);
        return new PostOpScanner(scanner).scan(g, objects, 23);
    }
}
