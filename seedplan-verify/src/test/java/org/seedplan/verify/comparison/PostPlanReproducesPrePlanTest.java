package org.seedplan.verify.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;
import org.seedplan.structure.Mask;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.seedfinder.FoundSeed;

/** The acceptance: a post-plan from exactly the planned seed positions reproduces the pre-plan metrics. */
class PostPlanReproducesPrePlanTest {

    @Test
    void foundSeedsAtThePlannedPositionsInAnotherOrderGiveThePrePlanMetrics() {
        Grid grid = Grid.covering(new Vec3(-25, -25, -25), new Vec3(25, 25, 25), 1, 1, 1);
        float[] f = new float[grid.voxelCount()];
        for (int v = 0; v < f.length; v++) {
            f[v] = grid.centre(v).norm() <= 15 ? 1 : 0;
        }
        List<RoiMask> rois = List.of(RoiMask.of(new Mask("GTV", grid, f), StructureType.GTV));
        Random rnd = new Random(5);
        List<Seed> planned = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            Vec3 c = new Vec3(rnd.nextDouble(-12, 12), rnd.nextDouble(-12, 12), rnd.nextDouble(-12, 12));
            // Strengths differ per seed so that a wrong pairing would change the dose.
            planned.add(new Seed(c, new Vec3(rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), 1), 0.5 + 0.5 * rnd.nextDouble()));
        }
        List<FoundSeed> found = new ArrayList<>(planned.stream().map(s -> new FoundSeed(s.centreMm(), s.axis(), 1, 1)).toList());
        Collections.shuffle(found, rnd);
        SeedMatching m = new SeedMatcher().match(planned.stream().map(Seed::centreMm).toList(),
                found.stream().map(FoundSeed::centreMm).toList());
        List<Seed> implant = ImplantSeeds.of(found, planned, m);

        Tg43Kernel kernel = new Tg43Kernel(SourceLibrary.builtIn().model(SourceLibrary.DEFAULT_KEY), DoseModel.LINE_2D);
        FastDoseEngine engine = new FastDoseEngine(kernel);
        DecayIntegral total = DecayIntegral.permanent(DecayIntegral.I125_HALF_LIFE_DAYS);
        DoseMetricsCalculator calc = new DoseMetricsCalculator(rois, grid, 120);
        PlanMetrics pre = calc.compute(engine.dose(planned, grid, total));
        DoseGrid postDose = engine.dose(implant, grid, total);
        PlanMetrics post = calc.compute(postDose);
        PrePostComparison cmp = PrePostComparison.of(pre, post);
        // Same seeds (the axis sign of a found seed is arbitrary, and TG-43 is symmetric in it): every
        // metric agrees to float rounding of the summed dose (1e-6 relative).
        for (MetricDelta d : cmp.structure("GTV").metrics()) {
            if (d.pre() != null) {
                assertThat(Math.abs(d.difference())).as(d.key()).isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(d.pre())));
            }
        }
        assertThat(cmp.structure("GTV").metric("d_pct_gy.90").pre()).isPositive();
    }
}
