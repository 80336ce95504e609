package org.seedplan.verify.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SourceLibrary;
import org.seedplan.structure.Mask;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;
import org.seedplan.verify.seedfinder.SeedFinder;
import org.seedplan.verify.seedfinder.SeedFinding;

/** End to end: plan → simulated post-op CT with placement errors and a migrated seed → found → verified. */
class ImplantVerifierTest {

    @Test
    void displacementsMissingSeedAndColdRegionAreReported() {
        // 27 planned seeds on a 3 × 3 × 3 lattice 10 mm apart (in needles along z), 0.6 U each.
        List<Seed> planned = new ArrayList<>();
        for (int i = -1; i <= 1; i++) {
            for (int j = -1; j <= 1; j++) {
                for (int k = -1; k <= 1; k++) {
                    planned.add(new Seed(new Vec3(10 * i, 10 * j, 10 * k), Vec3.UNIT_Z, 0.6));
                }
            }
        }
        // Implanted: each seed shifted by a known 1.0 mm in a random direction; the seed at (10, 10, 10) lost.
        Random rnd = new Random(3);
        List<SeedPose> implanted = new ArrayList<>();
        for (Seed s : planned) {
            if (s.centreMm().equals(new Vec3(10, 10, 10))) {
                continue;
            }
            Vec3 d = new Vec3(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()).normalized();
            implanted.add(new SeedPose(s.centreMm().plus(d), Vec3.UNIT_Z, SeedPose.Arrangement.ISOLATED));
        }
        Grid ctGrid = new Grid(new Vec3(-51.2, -51.2, -40), 0.8, 0.8, 2.5, 128, 128, 33);
        Volume ct = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).render(ctGrid, implanted, 11);
        SeedFinding finding = new SeedFinder().find(ct);
        assertThat(finding.seeds()).hasSize(26);

        Grid doseGrid = Grid.covering(new Vec3(-25, -25, -25), new Vec3(25, 25, 25), 1, 1, 1);
        float[] f = new float[doseGrid.voxelCount()];
        for (int v = 0; v < f.length; v++) {
            Vec3 c = doseGrid.centre(v);
            f[v] = Math.max(Math.abs(c.x()), Math.max(Math.abs(c.y()), Math.abs(c.z()))) <= 14 ? 1 : 0;
        }
        List<RoiMask> rois = List.of(RoiMask.of(new Mask("GTV", doseGrid, f), StructureType.GTV));
        Tg43Kernel kernel = new Tg43Kernel(SourceLibrary.builtIn().model(SourceLibrary.DEFAULT_KEY), DoseModel.LINE_2D);
        ImplantVerifier verifier = new ImplantVerifier(new FastDoseEngine(kernel),
                DecayIntegral.permanent(DecayIntegral.I125_HALF_LIFE_DAYS), new SeedMatcher(5));
        Verification v = verifier.verify(planned, finding.seeds(), rois, rois, doseGrid, 100);

        assertThat(v.matching().matches()).hasSize(26);
        assertThat(v.matching().missingPlanned()).hasSize(1);
        assertThat(planned.get(v.matching().missingPlanned().get(0)).centreMm()).isEqualTo(new Vec3(10, 10, 10));
        // Every displacement is 1.0 mm by construction; the finder's mean centre error on 2.5 mm slices
        // (0.08 mm, docs/verify.md) bounds how far the measured mean can stray from it.
        assertThat(v.matching().meanDisplacementMm()).isCloseTo(1.0, within(0.1));
        // Losing the corner seed lowers the dose near that corner: D90 drops and the corner region is cold.
        assertThat(v.comparison().structure("GTV").metric("d_pct_gy.90").difference()).isNegative();
        assertThat(v.coldRegions().get("GTV")).isNotEmpty();
        Vec3 biggest = v.coldRegions().get("GTV").get(0).centroidMm();
        assertThat(biggest.x() > 0 && biggest.y() > 0 && biggest.z() > 0).as("largest cold region near the lost seed, " + biggest).isTrue();
    }
}
