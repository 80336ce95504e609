package org.seedplan.planning.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;

/**
 * The incremental dose on a grid longer than a seed's reach (300 mm; the 6711's dose is zero beyond 128 mm),
 * so that each edit changes only a slab of slices: after random moves, drags, additions and removals it
 * equals a fresh full computation.
 */
class IncrementalDoseTest {

    private static final Tg43Kernel KERNEL = new Tg43Kernel(SourceLibrary.builtIn().model("amersham6711"), DoseModel.LINE_2D);
    private static final FastDoseEngine ENGINE = new FastDoseEngine(KERNEL);
    private static final Grid GRID = new Grid(new Vec3(-24.5, -19.5, -150), 2.0, 2.0, 2.5, 25, 20, 121);
    private static final DecayIntegral DECAY = DecayIntegral.permanent(59.4);

    private static Seed randomSeed(Random rnd) {
        return new Seed(new Vec3(rnd.nextGaussian() * 8, rnd.nextGaussian() * 8, -120 + rnd.nextDouble() * 240),
                new Vec3(rnd.nextGaussian() * 0.2, rnd.nextGaussian() * 0.2, 1), 0.5);
    }

    @Test
    void randomEditsOnSlabsEqualAFreshComputation() {
        Random rnd = new Random(21);
        List<Seed> seeds = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            seeds.add(randomSeed(rnd));
        }
        IncrementalDose dose = new IncrementalDose(ENGINE, GRID, DECAY, seeds);
        for (int e = 0; e < 60; e++) {
            int at = rnd.nextInt(seeds.size());
            switch (e % 6) {
                case 0 -> {
                    Seed s = randomSeed(rnd);
                    dose.add(s);
                    seeds.add(s);
                }
                case 1 -> dose.remove(seeds.remove(at));
                case 2 -> {
                    // a jump far along the grid: the old and new slabs hardly overlap
                    Seed to = seeds.get(at).withCentre(seeds.get(at).centreMm().plus(new Vec3(0, 0, seeds.get(at).centreMm().z() > 0 ? -150 : 150)));
                    dose.move(seeds.get(at), to);
                    seeds.set(at, to);
                }
                default -> {
                    // a drag of four steps: each after the first subtracts the kept dose of the seed added last
                    for (int step = 0; step < 4; step++) {
                        Seed to = seeds.get(at).withCentre(seeds.get(at).centreMm().plus(new Vec3(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian())));
                        dose.move(seeds.get(at), to);
                        seeds.set(at, to);
                    }
                }
            }
        }
        float[] edited = dose.toDoseGrid().doseGy();
        float[] fresh = ENGINE.dose(seeds, GRID, DECAY).doseGy();
        // 1e-4 relative: the fresh grid sums its seeds in single precision (≈ 30 terms, ≈ 1e-5 relative); ours sums
        // in double. 1e-6 Gy absolute where no seed reaches (the residue of subtracted seeds, set to 0, and exact zeros).
        int zeros = 0;
        for (int n = 0; n < edited.length; n++) {
            assertThat((double) edited[n]).as("voxel %d", n).isCloseTo(fresh[n], Offset.offset(1e-4 * fresh[n] + 1e-6));
            zeros += fresh[n] == 0 ? 1 : 0;
        }
        assertThat(zeros).as("voxels no seed reaches").isLessThan(edited.length);
    }

    @Test
    void aDoseGridHandedOutIsNotChangedByLaterEdits() {
        Seed seed = new Seed(new Vec3(0, 0, 0), new Vec3(0, 0, 1), 0.5);
        IncrementalDose dose = new IncrementalDose(ENGINE, GRID, DECAY, List.of(seed));
        DoseGrid before = dose.toDoseGrid();
        float[] copy = before.doseGy().clone();
        dose.move(seed, seed.withCentre(new Vec3(5, 5, 40)));
        assertThat(before.doseGy()).containsExactly(copy);
        assertThat(dose.toDoseGrid().doseGy()).isNotEqualTo(copy);
    }
}
