package org.seedplan.dose.modelbased;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.montecarlo.VoxelPhantom;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Interseed attenuation alone: a dense implant in the demo's CTV in an all-water phantom, the seeds'
 * capsules and silver rods modelled, against TG-43 superposition (each seed alone in water) on the same 2 mm grid.
 *
 * <p>Published Monte Carlo studies of prostate implants (about one seed per cc) find interseed attenuation lowering
 * D90 by about 2–5 % (Chibani, Williamson &amp; Todor, Med Phys 32:2557, 2005; Carrier et al., IJROBP 68:1190, 2007;
 * Afsharpour et al., Phys Med Biol 55:4547, 2010). The seeds here are as dense (33 seeds 6711 in the demo's 28 cc
 * CTV, 1 cm apart). The engine's own normalisation differs from TG-43 by up to its Λ tolerance (3 %), so the drop
 * is measured against one seed run alone by the same engine in the same phantom: k = Σ Monte Carlo / Σ TG-43 over
 * the voxels 5–30 mm from it, and the interseed effect is D90(Monte Carlo)/k / D90(TG-43) − 1. Asserted: between
 * −7 % and −0.5 % for the GTV and the CTV: clearly negative (the 1σ of the effect, from D90's bootstrap σ and k's,
 * is about 0.3 %) and no larger than the published range allows. Measured at this writing: GTV −1.9 %, CTV −1.7 %
 * (−5.4 % and −5.3 % before the normalisation, k = 0.964), just below the published range.
 */
class InterseedAttenuationTest {

    @Test
    void seedsShadowingEachOtherLowerTargetD90ByAFewPercent() {
        DemoModelBased demo = DemoModelBased.onTwoMillimetreGrid();
        Grid grid = demo.grid();
        Grid phantom = ModelBasedDose.phantomGrid(grid);
        VoxelPhantom water = VoxelPhantom.homogeneous(phantom, "water", 1.0);
        MonteCarloSettings settings = new MonteCarloSettings(17, 2, 0, 1_000_000, 120);
        List<Seed> seeds = demo.denseImplant();
        ModelBasedDose.Result all = ModelBasedDose.compute(DemoModelBased.SOURCE, water, seeds, grid, DemoModelBased.PERMANENT,
                DoseSpecification.DM_M, settings, null, f -> { }, () -> false);
        double k = singleSeedNormalisation(water, grid);
        DoseGrid tg43 = new FastDoseEngine(new Tg43Kernel(DemoModelBased.SOURCE, DoseModel.LINE_2D)).dose(seeds, grid, DemoModelBased.PERMANENT);
        DoseMetricsCalculator calc = demo.calculator();
        ModelBasedComparison c = ModelBasedComparison.of(calc, tg43, all.dose(), MetricUncertainty.withDvhBands(calc, all.dose()));
        System.out.println(c.render());
        System.out.printf(Locale.ROOT, "one seed alone: Monte Carlo / TG-43 = %.4f at 5-30 mm; %d photons in %.1f s for the %d seeds%n", k,
                all.photons(), all.seconds(), seeds.size());
        for (String target : List.of("GTV", "CTV")) {
            ModelBasedComparison.Row d90 = c.row(target, "D90");
            double effect = d90.modelBased() / k / d90.tg43() - 1;
            System.out.printf(Locale.ROOT, "%s D90: TG-43 %.1f Gy, all-water Monte Carlo %.1f ± %.1f Gy; interseed attenuation %+.1f %%%n",
                    target, d90.tg43(), d90.modelBased(), d90.modelBasedSigma(), 100 * effect);
            assertThat(effect).as(target + " interseed effect on D90").isBetween(-0.07, -0.005);
        }
    }

    /** Monte Carlo over TG-43 for one seed alone in the same phantom, summed over the voxels 5–30 mm from it. */
    private static double singleSeedNormalisation(VoxelPhantom water, Grid grid) {
        Vec3 centre = grid.centre(grid.nx() / 2, grid.ny() / 2, grid.nz() / 2);
        List<Seed> one = List.of(new Seed(centre, new Vec3(0, 1, 0), 1.0));
        float[] mc = ModelBasedDose.compute(DemoModelBased.SOURCE, water, one, grid, DemoModelBased.PERMANENT, DoseSpecification.DM_M,
                new MonteCarloSettings(18, 2, 0, 300_000, 60), null, f -> { }, () -> false).dose().dose().doseGy();
        float[] tg = new FastDoseEngine(new Tg43Kernel(DemoModelBased.SOURCE, DoseModel.LINE_2D)).dose(one, grid, DemoModelBased.PERMANENT)
                .doseGy();
        double a = 0;
        double b = 0;
        for (int v = 0; v < mc.length; v++) {
            double r = grid.centre(v).distanceTo(centre);
            if (r >= 5 && r <= 30) {
                a += mc[v];
                b += tg[v];
            }
        }
        return a / b;
    }
}
