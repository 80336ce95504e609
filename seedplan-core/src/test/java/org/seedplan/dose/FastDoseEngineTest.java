package org.seedplan.dose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;

/**
 * The fast engine against the reference engine on random implants: the issue requires 0.5 % at every
 * voxel farther than 1 mm from a seed centre (closer voxels hold the seed itself).
 */
class FastDoseEngineTest {

    @ParameterizedTest(name = "{0} {1}, {2} seeds, spacing {3}×{3}×{4} mm, cluster {5} mm")
    @CsvSource({
            "amersham6711, line, 40, 1.0, 1.0, 30",
            "amersham6711, line, 25, 1.0, 2.5, 20",
            "amersham6702, point, 30, 1.0, 1.0, 30",
            "isoaid_iai125a, line1d, 30, 1.5, 2.0, 30",
            "isoaid_iai125a, line, 15, 0.8, 1.25, 10",
            "amersham6711, line, 10, 5.0, 5.0, 40",
    })
    void staysWithinHalfAPercentOfTheReferenceBeyondOneMillimetre(String key, String model, int seedCount,
            double inPlaneMm, double sliceMm, double clusterMm) {
        Tg43Kernel kernel = new Tg43Kernel(SourceLibrary.builtIn().model(key), DoseModel.parse(model));
        Random rnd = new Random(seedCount * 31L + key.hashCode());
        List<Seed> seeds = new ArrayList<>();
        for (int n = 0; n < seedCount; n++) {
            Vec3 c = new Vec3(rnd.nextDouble() * clusterMm, rnd.nextDouble() * clusterMm, rnd.nextDouble() * clusterMm);
            Vec3 axis = new Vec3(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian());
            seeds.add(new Seed(c, axis, 0.4 + rnd.nextDouble() * 0.6));
        }
        // the grid reaches 45 mm beyond the cluster on one side, so far-field voxels are tested too
        Grid grid = Grid.covering(new Vec3(-15.3, -12.7, -14.1), new Vec3(clusterMm + 45, clusterMm + 20, clusterMm + 15),
                inPlaneMm, inPlaneMm, sliceMm);
        float[] fast = new FastDoseEngine(kernel).doseRateCGyPerH(seeds, grid);
        float[] ref = new ReferenceDoseEngine(kernel).doseRateCGyPerH(seeds, grid);
        double worst = 0;
        int compared = 0;
        for (int v = 0; v < ref.length; v++) {
            Vec3 p = grid.centre(v);
            if (seeds.stream().anyMatch(s -> s.centreMm().distanceTo(p) <= 1.0)) {
                continue;
            }
            worst = Math.max(worst, Math.abs(fast[v] - ref[v]) / ref[v]);
            compared++;
        }
        assertThat(compared).isGreaterThan(ref.length / 2);
        assertThat(worst).as("largest relative difference").isLessThan(0.005);
    }

    /**
     * One isolated seed, the case where every voxel's dose is that seed's own, so no other seed dilutes an
     * error: the engine must hold 0.5 % (the limit of the random-implant test above) for each seed model and
     * formalism. The coarse far-field grid the engine used before erred up to 3.8 % here (2D, near the long
     * axis at 18–26 mm; docs/dose-engine.md). The 1 mm grid's origin is one for which (o − (o − 2.5)) / 2.5
     * rounds below 1, which used to throw ArrayIndexOutOfBoundsException. The 3 mm grid reaches 120 mm from
     * the seed along the axes (208 mm at the corners), past the last g node (100 mm) and past the radius where
     * the extrapolated g reaches zero (IAI-125A 118 mm, 6711 128 mm, 6702 127 mm): there the reference is
     * exactly zero and so must the engine be.
     */
    @ParameterizedTest(name = "{0} {1}, {2} mm grid")
    @CsvSource({
            "amersham6711, line, 1",
            "amersham6702, line, 1",
            "isoaid_iai125a, line, 1",
            "amersham6711, point, 1",
            "amersham6702, line1d, 1",
            "isoaid_iai125a, line1d, 1",
            "isoaid_iai125a, line, 3",
            "amersham6711, line, 3",
            "amersham6702, point, 3",
    })
    void isolatedObliqueSeedStaysWithinHalfAPercentOfTheReference(String key, String model, double spacingMm) {
        Tg43Kernel kernel = new Tg43Kernel(SourceLibrary.builtIn().model(key), DoseModel.parse(model));
        Grid grid = new Grid(new Vec3(-14.660084972209697, -30.70690845348425, -13.563378345097421), spacingMm, spacingMm,
                spacingMm, 81, 81, 81);
        List<Seed> seeds = List.of(new Seed(grid.centre(grid.index(40, 40, 40)).plus(new Vec3(0.3, 0.2, 0.1)), new Vec3(1, 2, 2), 0.5));
        float[] fast = new FastDoseEngine(kernel).doseRateCGyPerH(seeds, grid);
        float[] ref = new ReferenceDoseEngine(kernel).doseRateCGyPerH(seeds, grid);
        double worst = 0;
        int zeroMismatches = 0;
        for (int v = 0; v < ref.length; v++) {
            if (seeds.get(0).centreMm().distanceTo(grid.centre(v)) <= 1.0) {
                continue;
            }
            if (ref[v] == 0) {
                zeroMismatches += fast[v] == 0 ? 0 : 1;
            } else {
                worst = Math.max(worst, Math.abs(fast[v] - ref[v]) / ref[v]);
            }
        }
        assertThat(zeroMismatches).as("voxels with dose where the reference has none").isZero();
        assertThat(100 * worst).as("largest relative difference, %").isLessThan(0.5);
    }

    /**
     * What an edit adds for one seed is what a full computation adds for it: on a grid 300 mm long (longer
     * than twice the 6711's zero-dose distance of 128 mm) the slab of one seed near an end stops short of the
     * far end, its values equal the full grid's bit for bit, and the full grid is zero outside it.
     */
    @org.junit.jupiter.api.Test
    void oneSeedsSlabHoldsExactlyItsDoseOnTheFullGrid() {
        Tg43Kernel kernel = new Tg43Kernel(SourceLibrary.builtIn().model("amersham6711"), DoseModel.LINE_2D);
        Grid grid = new Grid(new Vec3(-30.2, -29.6, -20.3), 2.0, 2.0, 2.5, 31, 31, 121);
        Seed seed = new Seed(new Vec3(1.3, -0.7, 12.9), new Vec3(0.2, 0.3, 1), 0.45);
        FastDoseEngine engine = new FastDoseEngine(kernel);
        float[] full = engine.doseRateCGyPerH(List.of(seed), grid);
        FastDoseEngine.SlabRate slab = engine.seedDoseRate(seed, grid, null);
        int slice = grid.nx() * grid.ny();
        assertThat(slab.firstSlice()).isZero();
        assertThat(slab.sliceCount()).as("slices reached").isLessThan(grid.nz()).isGreaterThan(100 / 2);
        float[] inSlab = java.util.Arrays.copyOfRange(full, 0, slab.sliceCount() * slice);
        assertThat(slab.rateCGyPerH()).containsExactly(inSlab);
        for (int v = slab.sliceCount() * slice; v < full.length; v++) {
            assertThat(full[v]).as("voxel %d beyond the slab", v).isZero();
        }
        // the last slice of the slab still holds dose only if it lies nearer than the zero-dose distance
        assertThat(grid.z(slab.sliceCount()) - seed.centreMm().z()).isGreaterThanOrEqualTo(kernel.zeroDoseFromMm());
    }
}
