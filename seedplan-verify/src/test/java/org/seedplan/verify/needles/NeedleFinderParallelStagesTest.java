package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.planning.needle.Needle;

/**
 * The stages of {@link NeedleFinder#find} run side by side (docs/needles.md, twenty-eighth round, branch {@code needlespeed7}):
 * the threshold pass over slices, the connected components' runs and the runs' refinement; the final descriptions of the runs
 * and the sharp box's fits (twenty-ninth round, branch {@code needlespeed9}). Their answers must be the serial
 * ones bit for bit, whatever the threads: tolerance 0 throughout, as the same operations in the same order give.
 */
class NeedleFinderParallelStagesTest {

    /** The start commit's one pass over the scan, the reference: metal marks and the greatest value by comparison. */
    private static float serialPass(float[] hu, boolean[] metal, double follow) {
        float max = -Float.MAX_VALUE;
        for (int v = 0; v < hu.length; v++) {
            float h = hu[v];
            metal[v] = h >= follow;
            if (h > max) {
                max = h;
            }
        }
        return max;
    }

    @Test
    void theThresholdPassOverSlicesSideBySideIsTheOnePassBitForBit() {
        SplittableRandom rnd = new SplittableRandom(28);
        int sliceVoxels = 64 * 48;
        // One slice, two, odd counts and a count the pool does not split evenly.
        for (int slices : new int[] {1, 2, 3, 7, 13, 100}) {
            float[] hu = new float[slices * sliceVoxels];
            for (int v = 0; v < hu.length; v++) {
                hu[v] = (float) rnd.nextDouble(-1000, 3071);
            }
            check(hu, 1320, sliceVoxels);
            // Ties at the greatest value in several slices, and −0 against +0 where the greatest value is zero: the first
            // of them in the scan's order is the one pass's (the comparison keeps the first), its sign included.
            float[] ties = new float[slices * sliceVoxels];
            for (int v = 0; v < ties.length; v++) {
                ties[v] = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? -0.0f : 0.0f) : (float) -rnd.nextDouble(1, 1000);
            }
            check(ties, -0.5, sliceVoxels);
            ties[0] = -0.0f;
            check(ties, -0.5, sliceVoxels);
            ties[0] = 0.0f;
            check(ties, 0, sliceVoxels);
        }
    }

    /**
     * The threshold in float (thirty-first round, branch {@code needlespeed15}): the marks and the greatest value the one pass's at
     * levels no float holds (1320.3 and 1319.99999999 HU, between two floats; a float level itself, where the equal voxel is
     * marked) with the voxels one float either side of and at the level, and where no voxel is marked: no marks and
     * −{@link Float#MAX_VALUE} (the clip level then finds no clipped metal, as from the scan's greatest value). Tolerance 0.
     * The marks and the greatest value where any voxel is marked pass before the change too; the unmarked scan's value is new.
     */
    @Test
    void theFloatThresholdMarksTheVoxelsTheDoubleComparisonDoes() {
        int sliceVoxels = 16;
        for (double follow : new double[] {1320.3, 1319.99999999, 1320.0, Math.nextUp((double) 1320.0f), -0.5}) {
            float below = (float) follow;
            float[] near = {Math.nextDown(below), below, Math.nextUp(below), Math.nextUp(Math.nextUp(below))};
            float[] hu = new float[3 * sliceVoxels];
            for (int v = 0; v < hu.length; v++) {
                hu[v] = v % 5 == 4 ? -1000 : near[v % 5];
            }
            check(hu, follow, sliceVoxels);
            assertThat(NeedleFinder.floatLevel(follow) >= follow).as("level for %s", follow).isTrue();
            assertThat((double) Math.nextDown(NeedleFinder.floatLevel(follow)) < follow).as("least level for %s", follow).isTrue();
        }
        float[] soft = new float[2 * sliceVoxels];
        java.util.Arrays.fill(soft, 900);
        boolean[] metal = new boolean[soft.length];
        assertThat(NeedleFinder.metalMarked(soft, metal, 1320, sliceVoxels)).isEqualTo(-Float.MAX_VALUE);
        assertThat(metal).containsOnly(false);
    }

    private static void check(float[] hu, double follow, int sliceVoxels) {
        boolean[] expectedMetal = new boolean[hu.length];
        float expected = serialPass(hu, expectedMetal, follow);
        boolean[] metal = new boolean[hu.length];
        float max = NeedleFinder.metalMarked(hu, metal, follow, sliceVoxels);
        assertThat(Float.floatToRawIntBits(max)).as("greatest value %s against %s, %d slices", max, expected, hu.length / sliceVoxels)
                .isEqualTo(Float.floatToRawIntBits(expected));
        assertThat(metal).isEqualTo(expectedMetal);
    }

    @Test
    void aFindOnOneThreadAndOnManyGivesTheSameNeedlesBitForBit() throws Exception {
        // 5 mm triangle slices, 12-bit, 13 slices (an odd count): two flat needles of one template column a slice apart
        // converging towards their hubs (crossing along z: the z pairing reads them), a third needle 2° out of the plane
        // on its own, and two seeds beside it: several components, of runs read in turn.
        Grid grid = new Grid(new Vec3(-191.6, -191.6, -30), 0.75, 0.75, 5, 512, 512, 13);
        IntraOpScanner scanner = new IntraOpScanner(1.0, IntraOpScanner.SliceProfile.TRIANGLE, 30, 300, 3071);
        List<SimulatedNeedle> needles = List.of(flat(new Vec3(10, -15, 2.4), -0.8, 2.2), flat(new Vec3(10.5, -15, -2.6), 1.6, -2.0),
                flat(new Vec3(-25, -10, 1), 2, 0));
        List<IntraOpCtGenerator.ImplantedSeed> seeds = List.of(new IntraOpCtGenerator.ImplantedSeed(new Vec3(-20, -20, 0), new Vec3(0, 1, 0)),
                new IntraOpCtGenerator.ImplantedSeed(new Vec3(-20, -40, 5), new Vec3(1, 0, 0)));
        Volume ct = new IntraOpCtGenerator(scanner).render(grid, needles, seeds, 2028);
        NeedleFinding one = new ForkJoinPool(1).submit(() -> new NeedleFinder().find(ct)).get();
        NeedleFinding many = new ForkJoinPool(4).submit(() -> new NeedleFinder().find(ct)).get();
        NeedleFinding common = new NeedleFinder().find(ct);
        assertThat(one.needles()).as("needles found").hasSizeGreaterThanOrEqualTo(3);
        for (NeedleFinding f : List.of(many, common)) {
            assertThat(f.needles()).isEqualTo(one.needles());
            assertThat(f.shortMetalObjects()).isEqualTo(one.shortMetalObjects());
            assertThat(f.notes()).isEqualTo(one.notes());
        }
    }

    @Test
    void theNeedlesDescribedSideBySideAreTheOneLoopsBitForBit() throws Exception {
        // Scan 3651 (seen set 3637, scan 14: 5 mm triangle slices, 12-bit, ten needles and the implant's seeds): needle 6's run
        // goes on past its tip along a strand of seeds, its end's shaft light (0.74 of the median steel per mm) and fitted again
        // behind it (NeedleFinderSeedStrandTest); the shallow needles' z fitted, so the sharp box's fits are made beside the
        // steeper refits and the second end-fit pass. Found inside a one-thread pool (every description one after the other on
        // that thread; the sharp box on the common pool beside it), a four-thread pool and the common pool: the same needles,
        // statements, other objects and notes, by value (tolerance 0: each description reads only its own run's fit and the
        // scan's readings, so the same operations run on the same numbers whichever thread runs them).
        long seed = 3651;
        int n = 14;
        Grid grid = NeedleFinderThickSliceTest.drawnGrid(5);
        IntraOpScenario scenario = IntraOpScenario.generate(grid, seed);
        Volume ct = new IntraOpCtGenerator(NeedleFinderThickSliceTest.drawnScanner(seed, n)).render(grid, scenario.placed(), scenario.seeds(),
                seed);
        NeedleFinding one = new ForkJoinPool(1).submit(() -> new NeedleFinder().find(ct)).get();
        NeedleFinding many = new ForkJoinPool(4).submit(() -> new NeedleFinder().find(ct)).get();
        NeedleFinding common = new NeedleFinder().find(ct);
        // The light run's needle found where it is (NeedleFinderSeedStrandTest: 0.82 mm; the 1 mm).
        NeedleMatching m = new NeedleMatcher(5, 10).match(scenario.placed().stream()
                .map(t -> new Needle(t.hubMm(), t.tipMm(), null, false)).toList(), one.needles());
        assertThat(NeedleFinderZPairingTest.tipAndAxis(m, seed, 6)[0]).as("tip of needle 6")
                .isLessThanOrEqualTo(NeedleFinderAcceptanceTest.TIP_TARGET_MM);
        assertThat(one.needles()).as("needles found").hasSize(10);
        for (NeedleFinding f : List.of(many, common)) {
            assertThat(f.needles()).isEqualTo(one.needles());
            assertThat(f.shortMetalObjects()).isEqualTo(one.shortMetalObjects());
            assertThat(f.notes()).isEqualTo(one.notes());
        }
    }

    /** A straight needle along +y, its tip at {@code tip}, 120 mm long, {@code deg} out of the plane, its hub {@code dx} mm aside. */
    private static SimulatedNeedle flat(Vec3 tip, double deg, double dx) {
        Vec3 axis = new Vec3(dx / 120, Math.cos(Math.toRadians(deg)), Math.sin(Math.toRadians(deg))).normalized();
        return new SimulatedNeedle(tip.minus(axis.times(120)), tip, new Vec3(1, 0, 0), 0);
    }
}
