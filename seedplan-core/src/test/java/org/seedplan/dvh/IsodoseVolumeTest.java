package org.seedplan.dvh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/** Several isodose volumes and enclosing levels in one survey of the grid, against the DVH of the whole grid. */
class IsodoseVolumeTest {

    private static DoseGrid randomDose(long seed) {
        Grid g = new Grid(new Vec3(0, 0, 0), 1.0, 1.0, 2.0, 40, 30, 25);
        Random rnd = new Random(seed);
        float[] d = new float[g.voxelCount()];
        for (int n = 0; n < d.length; n++) {
            // a smooth hot spot with plateaus (ties) and zeros, as a dose of seeds cut off far away has
            Vec3 p = g.centre(n);
            double r = p.distanceTo(new Vec3(20, 15, 25));
            d[n] = n % 11 == 0 ? 140f : r > 30 ? 0f : (float) (2000 / (1 + r * r) + rnd.nextDouble());
        }
        return new DoseGrid(g, d);
    }

    @Test
    void everyLevelAndVolumeEqualsTheWholeGridDvh() {
        DoseGrid dose = randomDose(3);
        Dvh all = Dvh.of("grid", dose.doseGy(), dose.grid().voxelVolumeCc());
        double[] levels = {140, 100, 7.5, 0, 1e6};
        double[] volumes = {0.5, 4.2, 17, 0, 59.9, 60, 61};
        IsodoseVolume survey = IsodoseVolume.of(dose, levels, volumes);
        for (int l = 0; l < levels.length; l++) {
            // the same curve, its sums taken in another order: 1e-9 relative
            assertThat(survey.volumeAtLeastCc(l)).as("V ≥ %s Gy", levels[l])
                    .isCloseTo(all.volumeAtLeastCc(levels[l]), within(1e-9 * all.volumeCc()));
        }
        for (int v = 0; v < volumes.length; v++) {
            // the DVH of the hottest voxels is the whole grid's down to the level asked: equal, not close
            if (volumes[v] > all.volumeCc()) {
                assertThat(survey.levelEnclosingCc(v)).as("level enclosing %s cc, more than the grid", volumes[v]).isNaN();
            } else {
                assertThat(survey.levelEnclosingCc(v)).as("level enclosing %s cc", volumes[v]).isEqualTo(all.doseAtVolumeCc(volumes[v]));
            }
        }
    }

    @Test
    void aGridWithoutDoseEnclosesEveryVolumeAtZero() {
        Grid g = new Grid(Vec3.ZERO, 1, 1, 1, 10, 10, 10);
        IsodoseVolume survey = IsodoseVolume.of(new DoseGrid(g, new float[1000]), new double[] {1}, new double[] {0.2, 2});
        assertThat(survey.volumeAtLeastCc(0)).isZero();
        assertThat(survey.levelEnclosingCc(0)).isZero();
        assertThat(survey.levelEnclosingCc(1)).isNaN();
    }
}
