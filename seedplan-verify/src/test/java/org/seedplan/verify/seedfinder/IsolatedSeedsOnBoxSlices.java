package org.seedplan.verify.seedfinder;

import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SliceProfile;

/**
 * A scene of the independent bench for tests of a few seeds on 5 mm box slices: the seeds under test are drawn among 24 isolated
 * seeds 11 mm apart (six azimuths × four elevations, spread over the slices) that teach the finder the scan's seed image, on a
 * 200 × 200 × 12 grid of 0.8 mm pixels and 5 mm slices centred at z = ±2.5, ±7.5 … mm, extended HU scale, noise seed 21.
 */
final class IsolatedSeedsOnBoxSlices {

    private IsolatedSeedsOnBoxSlices() {
    }

    /**
     * Adds the 24 isolated seeds (their grid's first column at x = {@code firstXMm}) to {@code truth} and {@code objects}, scans
     * the scene and finds its seeds.
     */
    static SeedFinding find(List<Vec3> truth, List<DenseObject> objects, double firstXMm) {
        for (int row = 0; row < 4; row++) {
            for (int d = 0; d < 6; d++) {
                double az = Math.PI * d / 6;
                double el = Math.toRadians(10 * row);
                Vec3 p = new Vec3(firstXMm + d * 11, -32 + row * 11, -17.5 + 5 * ((row + d) % 6) + 0.4 * d);
                truth.add(p);
                objects.add(DenseObject.seed(p, new Vec3(Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el))));
            }
        }
        int nz = 12;
        double half = 199 * 0.8 / 2;
        Grid g = new Grid(new Vec3(-half, -half, -(nz - 1) * 5.0 / 2), 0.8, 0.8, 5, 200, 200, nz);
        return new SeedFinder().find(new PostOpScanner(ScannerModel.typical(SliceProfile.BOX, HuScale.EXTENDED)).scan(g, objects, 21));
    }
}
