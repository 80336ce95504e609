package org.seedplan.dvh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Mask;
import org.seedplan.structure.VoxelCentroids;

class DvhTest {

    /** 1 × 1 × 2.5 mm voxels with edges at x = 0 … 40, y = 0 … 20, z = 0 … 25 mm. */
    private final Grid grid = new Grid(new Vec3(0.5, 0.5, 1.25), 1, 1, 2.5, 40, 20, 10);

    /** Dose 10 + 2·x Gy: a ramp along x. */
    private static double ramp(double x) {
        return 10 + 2 * x;
    }

    private DoseGrid rampDose(Grid g) {
        float[] d = new float[g.voxelCount()];
        for (int n = 0; n < d.length; n++) {
            d[n] = (float) ramp(g.centre(n).x());
        }
        return new DoseGrid(g, d);
    }

    private Mask box() {
        float[] f = new float[grid.voxelCount()];
        java.util.Arrays.fill(f, 1f);
        return new Mask("box", grid, f);
    }

    /**
     * A linear dose ramp through a box of 20 cc (x 0 … 40 mm): the hottest v lies beyond
     * x = 40 − v/A, so Dx% = ramp(40 − 0.4·x), V(D) = A·(40 − x(D)). Exact (1e-4 Gy, float dose) for every
     * point whose volume lies between the first and last layer centres: each layer of voxels, read
     * at its centre, stands for the doses half a layer above and below (midpoint plotting).
     */
    @Test
    void linearRampGivesAnalyticDoseVolumePoints() {
        Dvh dvh = MaskSampler.of(box(), grid).dvh(rampDose(grid));
        double area = 20 * 25;
        assertThat(dvh.volumeCc()).isCloseTo(20.0, within(1e-9));
        assertThat(dvh.doseAtPercent(90)).isCloseTo(ramp(4), within(1e-4));
        assertThat(dvh.doseAtPercent(50)).isCloseTo(ramp(20), within(1e-4));
        assertThat(dvh.doseAtPercent(5)).isCloseTo(ramp(38), within(1e-4));
        assertThat(dvh.doseAtVolumeCc(2)).isCloseTo(ramp(40 - 2000 / area), within(1e-4));
        assertThat(dvh.volumeAtLeastCc(ramp(12.3))).isCloseTo(area * (40 - 12.3) / 1000, within(1e-6));
        assertThat(dvh.volumeAtLeastPercent(ramp(30))).isCloseTo(25, within(1e-5));
        // the extremes are the outermost samples: D100 = Dmin at the first layer's centre, D0 = Dmax at the last
        assertThat(dvh.doseAtPercent(100)).isCloseTo(ramp(0.5), within(1e-4));
        assertThat(dvh.minGy()).isCloseTo(ramp(0.5), within(1e-4));
        assertThat(dvh.maxGy()).isCloseTo(ramp(39.5), within(1e-4));
        assertThat(dvh.meanGy()).isCloseTo(ramp(20), within(1e-4));
        assertThat(dvh.volumeAtLeastCc(ramp(41))).isZero();
        assertThat(dvh.volumeAtLeastCc(0)).isEqualTo(dvh.volumeCc());
        assertThat(dvh.doseAtVolumeCc(25)).isNaN();
    }

    /** Dose on a different, finer and shifted grid: trilinear interpolation is exact for a linear field, so the same analytic values hold (1e-4 Gy). */
    @Test
    void doseOnAnotherGridIsInterpolated() {
        Grid fine = new Grid(new Vec3(-2.3, -1.7, -3.1), 0.7, 0.9, 1.3, 70, 30, 25);
        Dvh dvh = MaskSampler.of(box(), fine).dvh(rampDose(fine));
        assertThat(dvh.doseAtPercent(90)).isCloseTo(ramp(4), within(1e-4));
        assertThat(dvh.meanGy()).isCloseTo(ramp(20), within(1e-4));
    }

    /** The sample points reproduce the sampled doses: the ramp evaluated at each point equals the sampler's dose (float precision, 1e-4 Gy). */
    @Test
    void samplePointsMatchSampledDoses() {
        Grid fine = new Grid(new Vec3(-2.3, -1.7, -3.1), 0.7, 0.9, 1.3, 70, 30, 25);
        MaskSampler sampler = MaskSampler.of(box(), fine);
        float[] doses = sampler.doseGy(rampDose(fine));
        List<Vec3> points = sampler.pointsMm();
        assertThat(points).hasSize(sampler.size());
        for (int n = 0; n < points.size(); n += 97) {
            assertThat((double) doses[n]).isCloseTo(ramp(points.get(n).x()), within(1e-4));
        }
        assertThat(points.get(0).x()).isCloseTo(grid.x(0), within(1e-5));
    }

    /** A partial voxel is read at the centre of its inside part: its dose is the ramp there (float precision). */
    @Test
    void partialVoxelIsReadAtItsCentroid() {
        float[] f = new float[grid.voxelCount()];
        int voxel = grid.index(10, 5, 3);
        f[voxel] = 0.25f;
        // inside part: the upper quarter in x, centred 0.375 mm beyond the voxel centre
        VoxelCentroids c = new VoxelCentroids(new int[] {voxel}, new float[] {0.375f}, new float[] {0}, new float[] {0});
        Dvh dvh = MaskSampler.of(new Mask("sliver", grid, f, c), grid).dvh(rampDose(grid));
        assertThat(dvh.volumeCc()).isCloseTo(0.25 * grid.voxelVolumeCc(), within(1e-12));
        assertThat(dvh.meanGy()).isCloseTo(ramp(grid.x(10) + 0.375), within(1e-4));
    }

    /** Cumulative and differential DVHs agree: bins add up to the volume, the cumulative starts at it (1e-9 cc). */
    @Test
    void differentialBinsAddUpToVolume() {
        Dvh dvh = MaskSampler.of(box(), grid).dvh(rampDose(grid));
        List<Dvh.Bin> bins = dvh.differential(1.0);
        double sum = bins.stream().mapToDouble(Dvh.Bin::volumeCc).sum();
        assertThat(sum).isCloseTo(dvh.volumeCc(), within(1e-9));
        List<Dvh.Point> cumulative = dvh.cumulative(1.0);
        assertThat(cumulative.get(0).volumeCc()).isCloseTo(dvh.volumeCc(), within(1e-9));
        assertThat(cumulative.get(cumulative.size() - 1).volumeCc()).isZero();
        // the ramp puts equal volume in every 2-Gy slice between the first and last layer centres
        assertThat(bins.get(40).volumeCc() + bins.get(41).volumeCc()).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void sampleOutsideDoseGridIsRefused() {
        Grid small = new Grid(new Vec3(0.5, 0.5, 1.25), 1, 1, 2.5, 20, 20, 10);
        assertThatThrownBy(() -> MaskSampler.of(box(), small))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'box'").hasMessageContaining("outside the dose grid");
    }

    @Test
    void negativeDoseIsRefused() {
        assertThatThrownBy(() -> Dvh.of("rectum", new float[] {1, -2}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rectum'").hasMessageContaining("-2.0 Gy");
    }
}
