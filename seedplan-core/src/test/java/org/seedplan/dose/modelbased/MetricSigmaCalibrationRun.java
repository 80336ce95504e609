package org.seedplan.dose.modelbased;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.tissue.HuDensityCurve;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.RoiMask;

/**
 * By hand (issue 17, "mcsigma"): is the stated 1σ of the model-based metrics the spread of independent reruns? The demo
 * ({@link DemoModelBased}, Dm,m, no overrides) is run with {@code seeds} RNG seeds at {@code photons} each and once with
 * 20 × the photons; printed per structure and metric: the mean over the seeds, the empirical standard deviation across
 * seeds with its 95 % χ² interval, the mean stated σ, their ratio, and the mean minus the 20 × run (the bias a noisy dose
 * gives a DVH metric, with its standard error) beside the mean of the runs' own estimate of that bias
 * ({@link MetricUncertainty.Result#noiseBias()}) and in how many runs that estimate exceeded the run's σ. Arguments: seeds
 * (default 20), photons (default 200000; "2%" runs each seed to the stop rule's 2 % mean target uncertainty, as a patient run
 * by default, and the reference to 20 × the mean photons those took), first RNG seed (default 1001), threads (default 2),
 * the reference's RNG seed (default 1).
 */
final class MetricSigmaCalibrationRun {

    private static final List<String> METRICS = List.of("D90", "V100", "Dmean", "D2cc", "D0.1cc");

    private MetricSigmaCalibrationRun() {
    }

    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String photonsArg = args.length > 1 ? args[1] : "200000";
        double stopAt = photonsArg.endsWith("%") ? Double.parseDouble(photonsArg.substring(0, photonsArg.length() - 1)) / 100 : 0;
        long photons = stopAt > 0 ? 1_000_000_000L : Long.parseLong(photonsArg);
        long first = args.length > 2 ? Long.parseLong(args[2]) : 1001;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        long referenceSeed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        DemoModelBased demo = DemoModelBased.onTwoMillimetreGrid();
        List<RoiMask> rois = demo.calculator().rois();
        double[][][] value = new double[rois.size()][METRICS.size()][seeds];
        double[][][] stated = new double[rois.size()][METRICS.size()][seeds];
        double[][][] estimatedBias = new double[rois.size()][METRICS.size()][seeds];
        double meanU = 0;
        long meanPhotons = 0;
        for (int k = 0; k < seeds; k++) {
            PatientModelBasedDose.Evaluation e = run(demo, first + k, stopAt, photons, threads);
            meanU += meanTargetUncertainty(demo, e) / seeds;
            meanPhotons += e.photons() / seeds;
            fill(demo, e, value, stated, estimatedBias, k);
            System.out.printf(Locale.ROOT, "seed %d: %d photons, %.1f s, GTV D90 %.2f Gy ± %.2f%n", first + k, e.photons(), e.seconds(),
                    value[0][0][k], stated[0][0][k]);
        }
        photons = meanPhotons;
        PatientModelBasedDose.Evaluation ref = run(demo, referenceSeed, 0, 20 * photons, threads);
        double[][][] refValue = new double[rois.size()][METRICS.size()][1];
        double[][][] refStated = new double[rois.size()][METRICS.size()][1];
        fill(demo, ref, refValue, refStated, new double[rois.size()][METRICS.size()][1], 0);
        double lo = chiSquareSdFactor(seeds - 1, 0.975);
        double hi = chiSquareSdFactor(seeds - 1, 0.025);
        System.out.printf(Locale.ROOT, "%d seeds × %d photons (mean target 1σ %.1f %%), reference %d photons (mean target 1σ %.1f %%);"
                        + " SD interval factors %.3f–%.3f (95 %%, χ² %d dof)%n", seeds, photons, 100 * meanU, 20 * photons,
                100 * meanTargetUncertainty(demo, ref), lo, hi, seeds - 1);
        System.out.println("structure metric | mean | SD across seeds [95 %] | mean stated σ | SD/σ | mean − 20× run ± s.e. | 20× run ± σ"
                + " | mean estimated bias | runs whose estimate exceeds σ");
        for (int s = 0; s < rois.size(); s++) {
            for (int m = 0; m < METRICS.size(); m++) {
                double[] x = value[s][m];
                if (Double.isNaN(x[0])) {
                    continue;
                }
                double mean = mean(x);
                double sd = sd(x);
                double sigma = mean(stated[s][m]);
                int flagged = 0;
                for (int k = 0; k < seeds; k++) {
                    flagged += Math.abs(estimatedBias[s][m][k]) > stated[s][m][k] ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "%s %s | %.3f | %.3f [%.3f, %.3f] | %.3f | %.2f | %+.3f ± %.3f | %.3f ± %.3f | %+.3f ± %.3f | %d/%d%n",
                        rois.get(s).name(), METRICS.get(m), mean, sd, sd * lo, sd * hi, sigma, sd / sigma,
                        mean - refValue[s][m][0], Math.hypot(sd / Math.sqrt(seeds), refStated[s][m][0]), refValue[s][m][0],
                        refStated[s][m][0], mean(estimatedBias[s][m]), sd(estimatedBias[s][m]) / Math.sqrt(seeds), flagged, seeds);
            }
        }
    }

    private static PatientModelBasedDose.Evaluation run(DemoModelBased demo, long rngSeed, double stopAt, long photons, int threads) {
        return PatientModelBasedDose.evaluate(new PatientModelBasedDose.Request(demo.ct(), demo.structures(), List.of(),
                HuDensityCurve.standard(), DemoModelBased.SOURCE, demo.seeds(), DemoModelBased.PERMANENT, DoseSpecification.DM_M,
                new MonteCarloSettings(rngSeed, threads, stopAt, photons, 3600)), demo.grid(), demo.calculator(), f -> { }, () -> false);
    }

    private static void fill(DemoModelBased demo, PatientModelBasedDose.Evaluation e, double[][][] value, double[][][] stated,
                             double[][][] estimatedBias, int k) {
        List<Dvh> dvhs = demo.calculator().dvhs(e.modelBased().dose());
        List<RoiMask> rois = demo.calculator().rois();
        for (int s = 0; s < rois.size(); s++) {
            Map<String, Double> sigma = e.sigma().get(rois.get(s).name());
            double rx = demo.calculator().prescriptionOf(rois.get(s));
            for (int m = 0; m < METRICS.size(); m++) {
                value[s][m][k] = MetricUncertainty.metric(dvhs.get(s), METRICS.get(m), rx);
                stated[s][m][k] = sigma.getOrDefault(METRICS.get(m), Double.NaN);
                estimatedBias[s][m][k] = e.noiseBias().get(rois.get(s).name()).getOrDefault(METRICS.get(m), Double.NaN);
            }
        }
    }

    private static double meanTargetUncertainty(DemoModelBased demo, PatientModelBasedDose.Evaluation e) {
        boolean[] target = PatientModelBasedDose.targetVoxels(demo.calculator().rois(), demo.grid());
        float[] u = e.modelBased().relativeUncertainty();
        double sum = 0;
        int n = 0;
        for (int v = 0; v < target.length; v++) {
            if (target[v]) {
                sum += u[v];
                n++;
            }
        }
        return sum / n;
    }

    /**
     * √(dof / χ²_p(dof)): the factor of a sample SD at the end of its confidence interval, χ²_p by the Wilson–Hilferty
     * approximation (within 0.5 % of the tables' quantiles from 10 degrees of freedom).
     */
    static double chiSquareSdFactor(int dof, double p) {
        double z = p > 0.5 ? 1.959964 : -1.959964;
        double a = 2.0 / (9 * dof);
        double q = dof * Math.pow(1 - a + z * Math.sqrt(a), 3);
        return Math.sqrt(dof / q);
    }

    static double mean(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v / x.length;
        }
        return m;
    }

    static double sd(double[] x) {
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1));
    }
}
