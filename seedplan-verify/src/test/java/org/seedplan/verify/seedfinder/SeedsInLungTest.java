package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.scanner.Anatomy;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.Material;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.Primitive;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SliceProfile;

/**
 * A seed migrated into the lung, nearly in-plane just below the boundary of two 5 mm Gaussian slices, peaks under the object threshold
 * measured from soft tissue on both slices and formed no object: lost with no self-check line (fresh 16135, docs/seed-finder.md,
 * twenty-fourth round). Objects in air-filled lung are now formed at the threshold's share measured from their own ring. Bench
 * anatomy (lung of −850 HU) with twelve seeds in the liver to learn the seed's image from.
 */
class SeedsInLungTest {

    /** 5 mm slices centred at −17.5 + 5k mm: a slice boundary at z = 0. */
    private static final Grid GRID = new Grid(new Vec3(-79.6, -79.6, -17.5), 0.8, 0.8, 5, 200, 200, 8);
    private static final Vec3 ORIGIN = Anatomy.centre(GRID);
    private static final ScannerModel MODEL = ScannerModel.typical(SliceProfile.GAUSSIAN, HuScale.EXTENDED);

    @Test
    void aSeedInLungAtAFiveMillimetreSliceBoundaryIsFound() {
        // 0.09 mm below the boundary, nearly in-plane, as 16135's; its marker 0.25 mm off a row of pixel centres (its peak lower than on
        // one by about a seventh).
        Vec3 lungSeed = ORIGIN.plus(Anatomy.LUNG_CENTRE).plus(new Vec3(0, 0.25, -0.09));
        List<DenseObject> objects = implant();
        objects.add(DenseObject.seed(lungSeed, new Vec3(1, 0, 0.02)));
        Volume ct = new PostOpScanner(MODEL).scan(GRID, objects, 24);
        SeedFinding f = new SeedFinder().find(ct);
        // The case: under the threshold from soft tissue on every slice, above the same share measured from the lung.
        double peak = peakNear(ct, lungSeed, 3);
        assertThat(peak).as("the lung seed's peak, HU").isLessThan(f.calibration().thresholdHu()).isGreaterThan(
                -850 + 0.4 * (f.calibration().metalLevelHu() + 850));
        // Found, its centre within the 2.5 mm match gate (the fit puts a seed near a boundary within about 0.1 mm in-plane
        // and 0.5 mm along z on these slices), and nothing else changes: the twelve implant seeds and no further one.
        assertThat(f.seeds()).as("seeds found").hasSize(13);
        assertThat(nearestMm(f, lungSeed)).as("the lung seed's fitted centre, mm off").isLessThan(IndependentScanMatrix.MATCH_GATE_MM);
    }

    @Test
    void aRibEdgeBesideLungIsNotMadeASeed() {
        // A short piece of cortical bone (1400 HU, 4 mm across, 5 mm long: about a seed's metal content) along the lung's medial
        // border, touching it from the soft tissue, in-plane at a slice's centre: the 5 mm slice averages it down to a peak between
        // the lung's threshold and soft tissue's, and its ring holds soft tissue on one side.
        Vec3 mid = ORIGIN.plus(Anatomy.LUNG_CENTRE).plus(new Vec3(-22 - 2, 0, 2.5));
        Vec3 along = new Vec3(0, 2.5, 0);
        List<DenseObject> objects = implant();
        objects.add(new DenseObject(DenseObject.Kind.CALCIFICATION, mid, new Vec3(0, 1, 0),
                List.of(new Primitive(mid.minus(along), mid.plus(along), 2, 0, Material.CALCIFICATION))));
        Volume ct = new PostOpScanner(MODEL).scan(GRID, objects, 24);
        SeedFinding f = new SeedFinder().find(ct);
        double peak = peakNear(ct, mid, 4);
        assertThat(peak).as("the rib edge's peak, HU").isLessThan(f.calibration().thresholdHu()).isGreaterThan(
                -850 + 0.4 * (f.calibration().metalLevelHu() + 850));
        assertThat(f.seeds()).as("seeds found").hasSize(12);
        assertThat(nearestMm(f, mid)).as("nearest seed to the rib edge, mm").isGreaterThan(10);
    }

    /** Twelve seeds in the liver, 8 mm apart in-plane, at slice centres, for the finder to learn the seed's image and metal from. */
    private static List<DenseObject> implant() {
        List<DenseObject> out = new ArrayList<>();
        int n = 0;
        for (int a = -1; a <= 2; a++) {
            for (int b = -1; b <= 1; b++) {
                Vec3 c = ORIGIN.plus(Anatomy.IMPLANT_CENTRE).plus(new Vec3(8 * a - 4, 8 * b, -7.5 + 5 * (n % 4)));
                out.add(DenseObject.seed(c, new Vec3(1, 0.3 * b, 0.2 * a)));
                n++;
            }
        }
        return out;
    }

    private static double peakNear(Volume ct, Vec3 p, double mm) {
        Grid g = ct.grid();
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (Math.abs(g.x(i) - p.x()) <= mm && Math.abs(g.y(j) - p.y()) <= mm && Math.abs(g.z(k) - p.z()) <= 5) {
                        best = Math.max(best, ct.hu()[g.index(i, j, k)]);
                    }
                }
            }
        }
        return best;
    }

    private static double nearestMm(SeedFinding f, Vec3 p) {
        return f.seeds().stream().mapToDouble(s -> s.centreMm().minus(p).norm()).min().orElse(Double.POSITIVE_INFINITY);
    }
}
