package org.seedplan.verify.seedfinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Mask;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PhantomSpec;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.PostOpPhantom;
import org.seedplan.verify.phantom.SeedPose;

/** Bad input gets a clear message; the expected count is used and differences are reported. */
class SeedFinderInputTest {

    private static final Grid GRID = new Grid(new Vec3(-40, -40, -20), 0.8, 0.8, 2.5, 100, 100, 17);

    @Test
    void scanWithoutMetalIsRefusedNamingTheBrightestValue() {
        Volume ct = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).render(GRID, List.of(), 1);
        assertThatThrownBy(() -> new SeedFinder().find(ct))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no metal in the scan").hasMessageContaining("post-implant CT");
    }

    @Test
    void volumeThatIsNotCtIsRefused() {
        float[] mr = new float[GRID.voxelCount()];
        Arrays.fill(mr, 400f);
        mr[5] = 3000f;
        assertThatThrownBy(() -> new SeedFinder().find(new Volume(GRID, mr)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not look like a CT in Hounsfield units");
    }

    @Test
    void regionWithoutSeedsIsRefusedNamingTheRegion() {
        List<SeedPose> seeds = List.of(new SeedPose(new Vec3(10, 0, 0), new Vec3(0, 0, 1), SeedPose.Arrangement.ISOLATED));
        Volume ct = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).render(GRID, seeds, 2);
        float[] f = new float[GRID.voxelCount()];
        for (int k = 0; k < GRID.nz(); k++) {
            for (int j = 0; j < GRID.ny(); j++) {
                for (int i = 0; i < 20; i++) {
                    f[GRID.index(i, j, k)] = 1;
                }
            }
        }
        Mask roi = new Mask("LEFT_BOX", GRID, f);
        assertThatThrownBy(() -> new SeedFinder().find(ct, roi, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region 'LEFT_BOX' contains no seeds");
    }

    @Test
    void expectedCountIsReconciledOrTheDifferenceReported() {
        PostOpPhantom ph = PostOpPhantom.generate(PhantomSpec.standard(2.5, 1000));
        int truth = ph.seeds().size();
        SeedFinding right = new SeedFinder().find(ph.ct(), null, OptionalInt.of(truth));
        // The phantom's 70 seeds are found with the expected count given (within one seed: the acceptance allows 1 %).
        assertThat(right.seeds().size()).isBetween(truth - 1, truth + 1);
        // Told that 5 more seeds were implanted than the scan holds, the finder may not invent them all: it says so.
        SeedFinding tooMany = new SeedFinder().find(ph.ct(), null, OptionalInt.of(truth + 5));
        assertThat(tooMany.seeds().size()).isLessThan(truth + 5);
        assertThat(tooMany.countDifference()).isNegative();
        assertThat(tooMany.notes()).anyMatch(n -> n.contains("expected seeds were not found"));
    }

    @Test
    void confidenceAndAxisOfAnIsolatedSeed() {
        Vec3 axis = new Vec3(1, 1, 0.5).normalized();
        List<SeedPose> seeds = List.of(
                new SeedPose(new Vec3(10, 3, 1), axis, SeedPose.Arrangement.ISOLATED),
                new SeedPose(new Vec3(-10, -8, 6), new Vec3(0, 1, 0), SeedPose.Arrangement.ISOLATED),
                new SeedPose(new Vec3(0, 12, -5), new Vec3(0, 0, 1), SeedPose.Arrangement.ISOLATED),
                new SeedPose(new Vec3(-15, 10, 0), new Vec3(1, 0, 0.2), SeedPose.Arrangement.ISOLATED));
        Volume ct = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).render(GRID, seeds, 3);
        SeedFinding f = new SeedFinder().find(ct);
        assertThat(f.seeds()).hasSize(4);
        FoundSeed s = f.seeds().stream().min((a, b) -> Double.compare(a.centreMm().distanceTo(new Vec3(10, 3, 1)),
                b.centreMm().distanceTo(new Vec3(10, 3, 1)))).orElseThrow();
        // Centre within 0.5 mm (the acceptance limit) on 2.5 mm slices; axis within 10° (a fifth of a seed diameter over its length).
        assertThat(s.centreMm().distanceTo(new Vec3(10, 3, 1))).isLessThan(0.5);
        assertThat(Math.abs(s.axis().dot(axis))).isGreaterThan(Math.cos(Math.toRadians(10)));
        assertThat(s.confidence()).isGreaterThan(0.5);
        assertThat(s.seedsInBlob()).isEqualTo(1);
    }
}
