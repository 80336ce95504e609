package org.seedplan.dose.modelbased;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.tissue.HuDensityCurve;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * By hand (issue 17, "mc2"): what scatters the demo's GTV D90 between RNG seeds, and does a run depend on its photon count
 * beyond statistics? Runs {@code runs} RNG seeds from {@code first} at {@code photons} each (2 threads) and prints per run the
 * GTV D90 ± its stated σ and the D90 of the GTV's voxels whose centre lies farther than 3 mm from every seed centre (mask
 * fraction as weight); then the GTV D90 of the mean dose of all the runs; then one run of RNG seed {@code first + runs} with
 * all their photons together, its GTV D90, and its dose against the runs' mean dose voxel by voxel: z = difference / combined
 * σ, mean z and z² in dose bands (an engine whose result depended on the photons per run, or on rounds whose RNG streams
 * were not independent, would shift z or widen z²); last, the first seed again, which must give the same dose bit for bit.
 * Arguments: runs, photons, first RNG seed.
 */
final class D90ScatterRun {

    private static final double NEAR_SEED_MM = 3;
    private static final double[] BANDS_GY = {0, 50, 100, 130, 145, 200, 400, 1000, Double.POSITIVE_INFINITY};

    private D90ScatterRun() {
    }

    public static void main(String[] args) {
        int runs = Integer.parseInt(args[0]);
        long photons = Long.parseLong(args[1]);
        long first = Long.parseLong(args[2]);
        DemoModelBased demo = DemoModelBased.onTwoMillimetreGrid();
        int gtvIndex = demo.calculator().rois().stream().map(RoiMask::name).toList().indexOf("GTV");
        RoiMask gtv = demo.calculator().rois().get(gtvIndex);
        int n = demo.grid().voxelCount();
        double[] sum = new double[n];
        double[] variance = new double[n];
        double[] d90 = new double[runs];
        double[] far = new double[runs];
        double[] sigma = new double[runs];
        float[] firstDose = null;
        for (int k = 0; k < runs; k++) {
            PatientModelBasedDose.Evaluation e = run(demo, first + k, photons);
            float[] dose = e.modelBased().dose().doseGy();
            float[] u = e.modelBased().relativeUncertainty();
            for (int v = 0; v < n; v++) {
                sum[v] += dose[v];
                variance[v] += Math.pow(u[v] * dose[v], 2);
            }
            firstDose = k == 0 ? dose : firstDose;
            d90[k] = demo.calculator().dvhs(e.modelBased().dose()).get(gtvIndex).doseAtPercent(90);
            sigma[k] = e.sigma().get("GTV").get("D90");
            far[k] = d90AwayFromSeeds(gtv, dose, demo.seeds(), demo.grid());
            System.out.printf(Locale.ROOT, "seed %d: %d photons, %.1f s: GTV D90 %.3f ± %.3f Gy, voxels > %.0f mm from seeds D90 %.3f Gy%n",
                    first + k, e.photons(), e.seconds(), d90[k], sigma[k], NEAR_SEED_MM, far[k]);
        }
        float[] mean = new float[n];
        for (int v = 0; v < n; v++) {
            mean[v] = (float) (sum[v] / runs);
        }
        System.out.printf(Locale.ROOT, "%d runs: GTV D90 mean %.3f SD %.3f mean σ %.3f; away from seeds mean %.3f SD %.3f;"
                        + " GTV D90 of their mean dose %.3f Gy%n", runs, MetricSigmaCalibrationRun.mean(d90), MetricSigmaCalibrationRun.sd(d90),
                MetricSigmaCalibrationRun.mean(sigma), MetricSigmaCalibrationRun.mean(far), MetricSigmaCalibrationRun.sd(far),
                demo.calculator().dvhs(new DoseGrid(demo.grid(), mean)).get(gtvIndex).doseAtPercent(90));
        PatientModelBasedDose.Evaluation one = run(demo, first + runs, runs * photons);
        float[] d = one.modelBased().dose().doseGy();
        float[] u = one.modelBased().relativeUncertainty();
        System.out.printf(Locale.ROOT, "one run of %d photons (seed %d): GTV D90 %.3f ± %.3f Gy%n", one.photons(), first + runs,
                demo.calculator().dvhs(one.modelBased().dose()).get(gtvIndex).doseAtPercent(90), one.sigma().get("GTV").get("D90"));
        for (int b = 0; b + 1 < BANDS_GY.length; b++) {
            double z = 0;
            double z2 = 0;
            double relative = 0;
            int count = 0;
            for (int v = 0; v < n; v++) {
                if (d[v] > 0 && mean[v] > 0 && mean[v] >= BANDS_GY[b] && mean[v] < BANDS_GY[b + 1]) {
                    double zv = (d[v] - mean[v]) / Math.sqrt(Math.pow(u[v] * d[v], 2) + variance[v] / (runs * runs));
                    z += zv;
                    z2 += zv * zv;
                    relative += (d[v] - mean[v]) / mean[v];
                    count++;
                }
            }
            System.out.printf(Locale.ROOT, "  mean dose %.0f–%.0f Gy: %d voxels, mean z %+.3f, mean z² %.3f, mean (one − mean)/mean %+.5f%n",
                    BANDS_GY[b], BANDS_GY[b + 1], count, z / count, z2 / count, relative / count);
        }
        float[] again = run(demo, first, photons).modelBased().dose().doseGy();
        int differ = 0;
        for (int v = 0; v < n; v++) {
            differ += again[v] != firstDose[v] ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "seed %d again: %d of %d voxels differ%n", first, differ, n);
    }

    private static PatientModelBasedDose.Evaluation run(DemoModelBased demo, long rngSeed, long photons) {
        return PatientModelBasedDose.evaluate(new PatientModelBasedDose.Request(demo.ct(), demo.structures(), List.of(),
                HuDensityCurve.standard(), DemoModelBased.SOURCE, demo.seeds(), DemoModelBased.PERMANENT, DoseSpecification.DM_M,
                new MonteCarloSettings(rngSeed, 2, 0, photons, 3600)), demo.grid(), demo.calculator(), f -> { }, () -> false);
    }

    /** D90 of the structure's voxels (weight: mask fraction) whose centre lies farther than {@value #NEAR_SEED_MM} mm from every seed centre. */
    private static double d90AwayFromSeeds(RoiMask roi, float[] dose, List<Seed> seeds, Grid grid) {
        float[] f = roi.mask().fraction();
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    Vec3 c = new Vec3(grid.x(i), grid.y(j), grid.z(k));
                    if (f[grid.index(i, j, k)] > 0 && seeds.stream().allMatch(s -> c.minus(s.centreMm()).norm() > NEAR_SEED_MM)) {
                        kept.add(grid.index(i, j, k));
                    }
                }
            }
        }
        float[] d = new float[kept.size()];
        double[] w = new double[kept.size()];
        for (int s = 0; s < d.length; s++) {
            d[s] = dose[kept.get(s)];
            w[s] = f[kept.get(s)];
        }
        return Dvh.of(roi.name(), d, w).doseAtPercent(90);
    }
}
