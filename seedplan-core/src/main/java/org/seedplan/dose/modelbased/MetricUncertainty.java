package org.seedplan.dose.modelbased;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.RoiMask;

/**
 * The statistical 1σ of the dose metrics of a Monte Carlo dose, from the spread of the run's independent groups of
 * histories (the batch method of Monte Carlo dose, Walters, Kawrakow &amp; Rogers, Med Phys 29:2745, 2002) pushed through
 * the DVH by half-samples (McCarthy, Rev Int Stat Inst 37:239, 1969; balanced repeated replication of survey sampling,
 * here with random halves): {@value #REPLICATES} replicate doses, each the photon-weighted mean of m = ⌊G/2⌋ of the G
 * groups drawn without replacement; σ of a metric is the standard deviation of its value over the replicates, each taken
 * with the same DVH code as the reported one, times √(m/(G − m)) (for a linear metric the replicates' variance is then
 * the batch method's s²/G; 1 for even G).
 *
 * <p>Why so: the groups are independent whatever the correlation between voxels — a photon's track through neighbouring
 * voxels and the photons a seed shares among all voxels around it lie in one group — and every replicate carries the
 * same amount of noise (m groups), so a DVH metric's non-linearity (noise widens a DVH) shifts every replicate alike and
 * does not widen σ. The metric of each group's own dose is √G times noisier and, for a DVH, not √G times more spread (a
 * uniform dose's V(D) is decided by the noise alone); resampling groups with replacement or flipping their signs varies the
 * noise from replicate to replicate and drew a uniform dose's DVH band 11 and 2.3 times too wide; the delete-one
 * jackknife is inconsistent for a sum of voxel indicators (V(D), D90, D2cc) as for a sample median, 2 times too wide.
 * σ rests on G − 1 degrees of freedom (G = 10 on one or two threads: σ to about ±24 % of itself) and the replicates' own
 * ±10 %. Until issue 17's "mcsigma" session σ came from a parametric bootstrap that varied each voxel independently by its
 * own uncertainty; 20 independent reruns of the demo showed it up to 3.7 times too small (docs/model-based-dose.md).
 * Deterministic (fixed random seed). The same replicates give each structure's DVH band ({@link DvhBand}). The bias of
 * the noise itself (a noisy dose widens the DVH, lowering D90) is not removed, only stated.
 */
public final class MetricUncertainty {

    /** Half-sample replicates: 50 add ±10 % (1/√(2·49)) to σ's own uncertainty from the groups. */
    public static final int REPLICATES = 50;
    /** The metrics whose σ is computed, by label: Dmean, D90, D100 (Gy), V100, V150, V200 (%), D2cc, D0.1cc (Gy). */
    public static final List<String> METRICS = List.of("Dmean", "D90", "D100", "V100", "V150", "V200", "D2cc", "D0.1cc");
    /** A DVH band's axis ends at this multiple of the highest prescription at most. */
    static final double AXIS_PRESCRIPTIONS = 4;
    private static final long RANDOM_SEED = 186L;

    private MetricUncertainty() {
    }

    /** σ by structure name and metric label; a metric a structure lacks (D2cc of a 1 cc node) is left out. */
    public static Map<String, Map<String, Double>> of(DoseMetricsCalculator calculator, SpecifiedDose dose) {
        return withDvhBands(calculator, dose).sigma();
    }

    /** The groups of histories of {@code dose}: G. */
    public static int groups(SpecifiedDose dose) {
        return dose.groupPhotons().length;
    }

    /**
     * The bias noise gives a DVH metric, for a report next to ±. Measured on the demo at the default 2 % (20 reruns against two
     * runs of 20 × the photons, docs/model-based-dose.md): the stomach's D90 −1.5σ, its D2cc and D0.1cc under σ, each found by
     * the run's own estimate ({@link Result#noiseBias()}); the target's D90 and V100 about +1σ and D2cc, D0.1cc +1.3 to +2.6σ,
     * which the estimate finds only in part (GTV D2cc +0.5 of +2.1 Gy).
     */
    public static final String BIAS_NOTE = "noise biases DVH metrics (a wider DVH: D90 mostly low, D2cc and D0.1cc high); * marks a"
            + " metric whose bias, estimated from the run's own groups, exceeds σ; near the seeds (a target's D90, D2cc, D0.1cc) the"
            + " estimate reads low, and at 2 % their bias can reach 1 to 3σ";

    /**
     * Whether a metric's estimated noise bias ({@link Result#noiseBias()}) exceeds its σ: the value is then off by more than its ±
     * says, and a report marks it.
     */
    public static boolean biasAboveSigma(double noiseBias, double sigma) {
        return Math.abs(noiseBias) > sigma;
    }

    /** How σ was estimated, for a report: "spread of the run's G independent groups of histories". */
    public static String method(SpecifiedDose dose) {
        return "spread of the run's " + groups(dose) + " independent groups of histories";
    }

    /**
     * The metrics' σ and every structure's {@link DvhBand}, from one set of {@value #REPLICATES} replicates.
     */
    public static Result withDvhBands(DoseMetricsCalculator calculator, SpecifiedDose dose) {
        if (dose.groupDoseGy() == null) {
            throw new IllegalArgumentException("a " + dose.specification().label() + " dose has no statistical uncertainty");
        }
        List<RoiMask> rois = calculator.rois();
        List<Dvh> reported = calculator.dvhs(dose.dose());
        double[][] axes = axes(calculator, reported);
        int groups = groups(dose);
        double[][][] values = new double[rois.size()][METRICS.size()][REPLICATES];
        double[][][] volumes = new double[rois.size()][DvhBand.POINTS][REPLICATES];
        SplittableRandom rng = new SplittableRandom(RANDOM_SEED);
        int n = dose.dose().doseGy().length;
        int half = groups / 2;
        int[] order = new int[groups];
        for (int r = 0; r < REPLICATES; r++) {
            for (int k = 0; k < groups; k++) {
                order[k] = k;
            }
            double photons = 0;
            for (int k = 0; k < half; k++) {
                int j = k + rng.nextInt(groups - k);
                int t = order[k];
                order[k] = order[j];
                order[j] = t;
                photons += dose.groupPhotons()[order[k]];
            }
            float[][] drawn = new float[half][];
            double[] weight = new double[half];
            for (int k = 0; k < half; k++) {
                drawn[k] = dose.groupDoseGy()[order[k]];
                weight[k] = dose.groupPhotons()[order[k]] / photons;
            }
            float[] replicate = new float[n];
            IntStream.range(0, n).parallel().forEach(v -> {
                double d = 0;
                for (int k = 0; k < half; k++) {
                    d += weight[k] * drawn[k][v];
                }
                replicate[v] = (float) d;
            });
            List<Dvh> dvhs = calculator.dvhs(new DoseGrid(dose.dose().grid(), replicate));
            for (int s = 0; s < rois.size(); s++) {
                double rx = calculator.prescriptionOf(rois.get(s));
                for (int m = 0; m < METRICS.size(); m++) {
                    values[s][m][r] = metric(dvhs.get(s), METRICS.get(m), rx);
                }
                for (int i = 0; i < DvhBand.POINTS; i++) {
                    volumes[s][i][r] = dvhs.get(s).volumeAtLeastPercent(axes[s][i]);
                }
            }
        }
        double groupsCorrection = Math.sqrt(half / (double) (groups - half));
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        Map<String, Map<String, Double>> biasOut = new LinkedHashMap<>();
        List<DvhBand> bands = new ArrayList<>();
        for (int s = 0; s < rois.size(); s++) {
            Map<String, Double> sigma = new LinkedHashMap<>();
            Map<String, Double> bias = new LinkedHashMap<>();
            double rx = calculator.prescriptionOf(rois.get(s));
            for (int m = 0; m < METRICS.size(); m++) {
                double sd = standardDeviation(values[s][m]) * groupsCorrection;
                if (Double.isFinite(sd)) {
                    sigma.put(METRICS.get(m), sd);
                    double b = mean(values[s][m]) - metric(reported.get(s), METRICS.get(m), rx);
                    if (Double.isFinite(b)) {
                        bias.put(METRICS.get(m), b);
                    }
                }
            }
            out.put(rois.get(s).name(), sigma);
            biasOut.put(rois.get(s).name(), bias);
            double[] v = new double[DvhBand.POINTS];
            double[] sd = new double[DvhBand.POINTS];
            for (int i = 0; i < DvhBand.POINTS; i++) {
                v[i] = reported.get(s).volumeAtLeastPercent(axes[s][i]);
                double j = standardDeviation(volumes[s][i]) * groupsCorrection;
                sd[i] = Double.isFinite(j) ? j : 0;
            }
            bands.add(new DvhBand(rois.get(s).name(), axes[s], v, sd));
        }
        return new Result(out, biasOut, bands);
    }

    /**
     * The metrics' σ and noise bias by structure and metric label, and the DVH band of each structure in the calculator's
     * order. The bias (metric of the run's dose minus the metric of the noise-free dose) is estimated as the mean of the
     * metric over the half-sample replicates minus the run's own: each replicate carries twice the run's noise variance, so
     * for a bias proportional to the noise variance (1/photons: a metric decided by many voxels, D90, Dmean, V100) this is
     * the run's bias; for one proportional to the noise σ (1/√photons: the extreme of a few voxels, D0.1cc near a seed) it is
     * √2 − 1 = 0.41 of it. Measured against reruns of the demo in docs/model-based-dose.md.
     */
    public record Result(Map<String, Map<String, Double>> sigma, Map<String, Map<String, Double>> noiseBias, List<DvhBand> bands) {
    }

    /**
     * Each structure's dose axis: {@link DvhBand#POINTS} doses from 0 to its reported Dmax, but not beyond
     * {@value #AXIS_PRESCRIPTIONS} × the highest prescription (near a seed the dose climbs without bound; the curves are flat
     * near 0 % long before).
     */
    private static double[][] axes(DoseMetricsCalculator calculator, List<Dvh> reported) {
        double rx = 0;
        for (RoiMask roi : calculator.rois()) {
            rx = Math.max(rx, calculator.prescriptionOf(roi));
        }
        double[][] axes = new double[reported.size()][DvhBand.POINTS];
        for (int s = 0; s < reported.size(); s++) {
            double top = Math.min(reported.get(s).maxGy() * 1.05, AXIS_PRESCRIPTIONS * rx);
            for (int i = 0; i < DvhBand.POINTS; i++) {
                axes[s][i] = top * i / (DvhBand.POINTS - 1);
            }
        }
        return axes;
    }

    /** The value of a metric of {@link #METRICS} from a DVH, {@code rxGy} the structure's prescription; NaN when it has none. */
    static double metric(Dvh dvh, String label, double rxGy) {
        return switch (label) {
            case "Dmean" -> dvh.meanGy();
            case "D90" -> dvh.doseAtPercent(90);
            case "D100" -> dvh.doseAtPercent(100);
            case "V100" -> dvh.volumeAtLeastPercent(rxGy);
            case "V150" -> dvh.volumeAtLeastPercent(1.5 * rxGy);
            case "V200" -> dvh.volumeAtLeastPercent(2 * rxGy);
            case "D2cc" -> dvh.doseAtVolumeCc(2);
            case "D0.1cc" -> dvh.doseAtVolumeCc(0.1);
            default -> throw new IllegalArgumentException("unknown metric " + label + ": use one of " + METRICS);
        };
    }

    private static double mean(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v / x.length;
        }
        return m;
    }

    /** The sample standard deviation; NaN for fewer than two values or a NaN value. */
    private static double standardDeviation(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double mean = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }
}
