package org.seedplan.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Contour;
import org.seedplan.structure.MarginExpansion;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedplan bench structures}: rasterising a structure, a 5 mm margin expansion, preparing
 * the DVH samples and computing all dose metrics, median wall time of each after warm-up.
 */
@Command(name = "structures", mixinStandardHelpOptions = true,
        description = "Time structure rasterisation (an ellipsoid of --volume-cc contoured on 2.5 mm slices, 256 points"
                + " per contour), its 5 mm margin expansion, DVH sample preparation and the full metrics on a"
                + " 120 mm cube grid of 1 × 1 × 2.5 mm with a synthetic dose.")
public final class BenchStructuresCommand implements Callable<Integer> {

    @Option(names = "--volume-cc", defaultValue = "150", description = "structure volume, cc (default ${DEFAULT-VALUE})")
    double volumeCc;

    @Option(names = "--runs", defaultValue = "9", description = "timed runs after warm-up, at least 5 (default ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() {
        BenchCommand.checkRuns(runs);
        if (!(volumeCc > 0) || volumeCc > 400) {
            throw new IllegalArgumentException("--volume-cc must lie in (0, 400] cc to fit the 120 mm grid, got " + volumeCc);
        }
        Grid grid = Grid.covering(new Vec3(-60, -60, -60), new Vec3(60, 60, 60), 1, 1, 2.5);
        // semi-axes in the ratio 1 : 0.8 : 1.25
        double a = Math.cbrt(volumeCc * 1000 * 3 / (4 * Math.PI * 0.8 * 1.25));
        Structure s = ellipsoid(a, 0.8 * a, 1.25 * a, grid);
        System.out.printf(Locale.ROOT, "case: %s, %d × %d × %d grid (1 × 1 × 2.5 mm), ellipsoid %.1f × %.1f × %.1f mm, %d contours, %d processors%n",
                s.name(), grid.nx(), grid.ny(), grid.nz(), 2 * a, 1.6 * a, 2.5 * a, s.contours().size(),
                Runtime.getRuntime().availableProcessors());
        Mask mask = report("rasterise", () -> MaskRasterizer.rasterize(s, grid));
        System.out.printf(Locale.ROOT, "  mask volume %.2f cc (analytic %.2f cc)%n", mask.volumeCc(), volumeCc);
        Mask ctv = report("expand 5 mm", () -> MarginExpansion.expand(mask, 5, "CTV"));
        System.out.printf(Locale.ROOT, "  expanded volume %.2f cc%n", ctv.volumeCc());
        float[] d = new float[grid.voxelCount()];
        for (int n = 0; n < d.length; n++) {
            Vec3 c = grid.centre(n);
            d[n] = (float) (150 * 400 / (100 + c.x() * c.x() + c.y() * c.y() + c.z() * c.z()));
        }
        DoseGrid dose = new DoseGrid(grid, d);
        List<RoiMask> rois = List.of(new RoiMask("GTV", StructureType.GTV, mask), new RoiMask("CTV", StructureType.CTV, ctv));
        DoseMetricsCalculator calc = report("prepare samples", () -> new DoseMetricsCalculator(rois, grid, 120));
        PlanMetrics m = report("metrics (2 targets)", () -> calc.compute(dose));
        System.out.printf(Locale.ROOT, "  GTV D90 %.1f Gy, CTV D90 %.1f Gy%n", m.structures().get(0).dPctGy().get("90"),
                m.structures().get(1).dPctGy().get("90"));
        return 0;
    }

    private <T> T report(String what, Supplier<T> work) {
        T result = null;
        for (int w = 0; w < 5; w++) {
            result = work.get();
        }
        double[] t = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            result = work.get();
            t[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "%s: median %.1f ms over %d runs (min %.1f, max %.1f)%n", what, t[runs / 2], runs, t[0], t[runs - 1]);
        return result;
    }

    private static Structure ellipsoid(double a, double b, double c, Grid grid) {
        List<Contour> contours = new ArrayList<>();
        for (int k = 0; k < grid.nz(); k++) {
            double t = grid.z(k) / c;
            if (Math.abs(t) >= 1) {
                continue;
            }
            double s = Math.sqrt(1 - t * t);
            double[] x = new double[256];
            double[] y = new double[256];
            for (int n = 0; n < 256; n++) {
                x[n] = a * s * Math.cos(2 * Math.PI * n / 256);
                y[n] = b * s * Math.sin(2 * Math.PI * n / 256);
            }
            contours.add(new Contour(grid.z(k), x, y));
        }
        return new Structure("ellipsoid", StructureType.GTV, contours);
    }
}
