package org.seedplan.verify.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.SegmentDistance;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

class PostOpPhantomTest {

    @Test
    void layoutHasTheRequestedArrangementsWithTouchingGeometry() {
        PostOpPhantom ph = PostOpPhantom.generate(PhantomSpec.standard(2.5, 42));
        List<SeedPose> s = ph.seeds();
        assertThat(s).hasSize(70);
        List<SeedPose> pairs = s.stream().filter(p -> p.arrangement() == SeedPose.Arrangement.TOUCHING_PAIR).toList();
        List<SeedPose> clumps = s.stream().filter(p -> p.arrangement() == SeedPose.Arrangement.CLUMP_OF_THREE).toList();
        assertThat(pairs).hasSize(4);
        assertThat(clumps).hasSize(6);
        // Touching end to end: centres one seed length plus the 0.1 mm gap apart (exact by construction).
        assertThat(pairs.get(0).centreMm().distanceTo(pairs.get(1).centreMm())).isCloseTo(4.6, within(1e-9));
        // Side by side: axes 0.85 mm apart (0.8 mm seeds), so the seeds' surfaces are 0.05 mm apart.
        double d = SegmentDistance.between(clumps.get(0).end(4.5, -1), clumps.get(0).end(4.5, 1),
                clumps.get(1).end(4.5, -1), clumps.get(1).end(4.5, 1));
        assertThat(d).isLessThan(0.86);
    }

    @Test
    void sameSpecGivesTheSameImage() {
        Volume a = PostOpPhantom.generate(PhantomSpec.standard(5, 9)).ct();
        Volume b = PostOpPhantom.generate(PhantomSpec.standard(5, 9)).ct();
        assertThat(a.hu()).isEqualTo(b.hu());
    }

    @Test
    void seedSignalIntegralEqualsContrastTimesSeedVolume() {
        // Partial volume spreads a seed but keeps its content: Σ (HU − background)·voxel volume equals
        // metal contrast × π r² L = 40 000 HU × 2.262 mm³ when nothing clips (no clip, no noise, no streaks).
        ImagingModel m = new ImagingModel(4.5, 0.8, 40000, 1.0, 0, 0, false, 0, false, 1e9);
        Grid g = new Grid(new Vec3(-10, -10, -15), 0.5, 0.5, 5, 41, 41, 7);
        List<SeedPose> seeds = List.of(new SeedPose(new Vec3(0.2, -0.3, 1.1), new Vec3(1, 0.3, 0.2), SeedPose.Arrangement.ISOLATED));
        float[] water = new float[g.voxelCount()];
        java.util.Arrays.fill(water, 40f);
        Volume v = new PostOpCtRenderer(m).addImplant(new Volume(g, water), seeds, 1);
        double sum = 0;
        for (float h : v.hu()) {
            sum += h - 40;
        }
        double expected = 40000 * Math.PI * 0.4 * 0.4 * 4.5;
        // Within 2 %: the Gaussian tails are cut at 4 σ and the sampled slices approximate the z integral.
        assertThat(sum * g.dxMm() * g.dyMm() * g.dzMm()).isCloseTo(expected, within(0.02 * expected));
    }
}
