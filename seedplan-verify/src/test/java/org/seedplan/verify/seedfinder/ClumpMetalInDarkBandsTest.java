package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.verify.matching.MatchTally;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.TrueSeed;

/**
 * A clump's metal read above beam hardening's dark bands (docs/seed-finder.md, twenty-seventh round, seedclump8): where the bands
 * darken most of the ring about an object so far that the soft tissue in its box clears the content's low level, the tissue of the
 * slices beside it, which the bands of its own slice do not darken, counted as metal. On an extended scale those slices are read
 * above their own ring there; a ring of lung, a ring darkened too little to lift the tissue over the low level, and clipped scans
 * are read as before.
 */
class ClumpMetalInDarkBandsTest {

    /** Soft tissue, HU (the bench's 40 HU). */
    private static final double TISSUE = 40;
    /** The clip of a 12-bit scan, HU: the metal level. */
    private static final double METAL = 3071;
    /** The content's low level, HU: the finder's 0.15 of the way from the background to the metal level. */
    private static final double LOW = TISSUE + 0.15 * (METAL - TISSUE);

    @Test
    void theSlicesBesideACoreInDarkBandsAreReadAboveTheirOwnRing() {
        // A 3 × 3-voxel core at the clip in the middle slice of three 5 mm slices; the bands darken the in-plane ring two voxels outside
        // the core's box (and the voxels beyond) on three sides to −560 HU, as about 17431's clump; the voxels between core and ring
        // and the slices above and below are tissue. Read above the ring's median (−560) the content's low level falls to −105 HU and
        // the tissue of the slices beside, 2 × 25 voxels of the box, counted 600 HU each: 30 000 HU·voxels the core does not hold.
        // Read above their own ring (tissue, 40 HU) they count nothing; the middle slice is read as before, its core's 9 × 3631 and
        // its 16 voxels of tissue at 600 (the bands' own slice keeps that over-read). Exact to rounding (1e-6 of it).
        Scene s = new Scene(-560);
        assertThat(SeedFinder.localBackground(s.g, s.hu, s.blob, 1, 1, TISSUE)).isEqualTo(-560);
        assertThat(SeedFinder.darkenedByBands(s.g, s.hu, s.blob, TISSUE, LOW)).isTrue();
        double read = (9 * (METAL + 560) + 16 * (TISSUE + 560)) * s.voxelMm3();
        assertThat(s.countedMetal()).isCloseTo(read, within(1e-6 * read));
        // On a clipped scan the slices beside are read above the darkened ring as before: 50 voxels of tissue more.
        double clipped = read + 50 * (TISSUE + 560) * s.voxelMm3();
        assertThat(s.countedMetal(false)).isCloseTo(clipped, within(1e-6 * clipped));
    }

    @Test
    void aRingDarkenedTooLittleToLiftTheTissueKeepsItsReading() {
        // Bands of −300 HU: the low level measured from them (−300 + 455 = 155 HU) stays over the tissue's 40, so no tissue voxel
        // counts and every slice is read above the ring's median as before (the bar: under 40 − 455 = −415 HU the tissue would count).
        Scene s = new Scene(-300);
        assertThat(SeedFinder.darkenedByBands(s.g, s.hu, s.blob, TISSUE, LOW)).isFalse();
        double read = 9 * (METAL + 300) * s.voxelMm3();
        assertThat(s.countedMetal()).isCloseTo(read, within(1e-6 * read));
    }

    @Test
    void aCoreInLungIsReadAboveTheLung() {
        // The same core in lung of −850 HU all round: the ring is lung (its 90th centile under −500 HU), not bands; read above it.
        Scene s = new Scene(-850);
        Arrays.fill(s.hu, -850);
        s.core(METAL);
        assertThat(SeedFinder.darkenedByBands(s.g, s.hu, s.blob, TISSUE, LOW)).isFalse();
        double read = 9 * (METAL + 850) * s.voxelMm3();
        assertThat(s.countedMetal()).isCloseTo(read, within(1e-6 * read));
    }

    @Test
    void aClumpWhoseUnclippedMetalTheBandsLiftedIsThree() {
        // 17431 (5 mm box, extended): the clump's unclipped metal read 4.24 seeds above a ring at −561 HU, outside the eighteenth
        // round's 2.7–3.3, so "one seed more than the image" was not asked and the third seed, 0.0087 of a seed's energy worse than
        // two (bar 0.0365), was not taken. With the slices beside read above their own ring it holds 3.20 seeds: three, nothing false.
        SimulatedPostOpScan scan = IndependentScanMatrix.scan(17431, 31);
        assertThat(IndependentScanMatrix.scale(31)).isEqualTo(HuScale.EXTENDED);
        SeedMatching m = IndependentScanMatrix.score(scan, new SeedFinder().find(scan.ct()), new MatchTally());
        assertThat(m.missingPlanned().stream().map(i -> scan.seeds().get(i).situation()).toList())
                .as("17431: situations of the seeds not found").doesNotContain(TrueSeed.Situation.CLUMP);
        assertThat(m.extraFound()).as("17431: false seeds").isEmpty();
    }

    /**
     * Three 5 mm slices of 15 × 15 voxels of 0.8 mm of tissue with a core in the middle slice, where the ring two voxels outside the
     * core's box and the voxels beyond lie at {@code bands} HU on three sides (17 of the ring's 24 voxels: its median, not its 90th
     * centile, as in a band-darkened ring that is not lung).
     */
    private static final class Scene {
        final Grid g = new Grid(new Vec3(0, 0, 0), 0.8, 0.8, 5, 15, 15, 3);
        final float[] hu = new float[g.voxelCount()];
        final int[] labels = new int[g.voxelCount()];
        Blob blob;

        Scene(double bands) {
            Arrays.fill(hu, (float) TISSUE);
            for (int j = 0; j < 15; j++) {
                for (int i = 0; i < 15; i++) {
                    if (Math.max(Math.abs(i - 7), Math.abs(j - 7)) >= 3 && j < 10) {
                        hu[g.index(i, j, 1)] = (float) bands;
                    }
                }
            }
            core(METAL);
        }

        void core(double level) {
            int[] voxels = IntStream.range(0, 9).map(q -> g.index(6 + q % 3, 6 + q / 3, 1)).toArray();
            for (int v : voxels) {
                hu[v] = (float) level;
                labels[v] = 1;
            }
            blob = new Blob(g, voxels, hu);
        }

        /** The metal a count is asked of on an extended scale, HU·mm³ ({@link SeedFinder#countedExcessBySlice}; not split off bone). */
        double countedMetal() {
            return countedMetal(true);
        }

        /** The same, on an extended scale ({@code unclipped}) or a clipped one (where the slices beside are read as before). */
        double countedMetal(boolean unclipped) {
            return Arrays.stream(SeedFinder.countedExcessBySlice(g, hu, labels, blob, TISSUE, METAL, LOW, unclipped, false)).sum();
        }

        double voxelMm3() {
            return g.dxMm() * g.dyMm() * g.dzMm();
        }
    }
}
