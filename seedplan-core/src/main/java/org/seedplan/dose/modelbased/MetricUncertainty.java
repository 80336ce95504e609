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
 * The statistical 1σ of the dose metrics of a Monte Carlo dose, by a parametric bootstrap: {@value #REPLICATES}
 * replicate doses, each voxel's dose multiplied by (1 + u·z) with u its 1σ relative uncertainty and z a standard
 * normal drawn independently per voxel and replicate; σ of a metric is the sample standard deviation of its
 * value over the replicates. Voxels are taken as independent (history-by-history scoring with a
 * track-length estimator correlates neighbours little); the spread the noise adds to the DVH itself (a noisy
 * dose widens it, lowering D90 slightly) is not removed, only stated: keep the target's uncertainty at 2 % or
 * less. Deterministic (fixed random seed). The same replicates give each structure's DVH band ({@link DvhBand}, which
 * says why this is the band to draw).
 */
public final class MetricUncertainty {

    /** Replicates of the bootstrap: 20 give σ to about ±16 % of itself (1/√(2·19)), enough to state it. */
    public static final int REPLICATES = 20;
    /** The metrics whose σ is computed, by label: Dmean, D90, D100 (Gy), V100, V150, V200 (%), D2cc, D0.1cc (Gy). */
    public static final List<String> METRICS = List.of("Dmean", "D90", "D100", "V100", "V150", "V200", "D2cc", "D0.1cc");
    private static final long RANDOM_SEED = 186L;
    /** A DVH band's axis ends at this multiple of the highest prescription at most. */
    static final double AXIS_PRESCRIPTIONS = 4;

    private MetricUncertainty() {
    }

    /** σ by structure name and metric label; a metric a structure lacks (D2cc of a 1 cc node) is left out. */
    public static Map<String, Map<String, Double>> of(DoseMetricsCalculator calculator, SpecifiedDose dose) {
        return withDvhBands(calculator, dose).sigma();
    }

    /** The metrics' σ and every structure's {@link DvhBand}, from one set of {@value #REPLICATES} replicates. */
    public static Result withDvhBands(DoseMetricsCalculator calculator, SpecifiedDose dose) {
        if (dose.relativeUncertainty() == null) {
            throw new IllegalArgumentException("a " + dose.specification().label() + " dose has no statistical uncertainty");
        }
        List<RoiMask> rois = calculator.rois();
        List<Dvh> reported = calculator.dvhs(dose.dose());
        double[][] axes = axes(calculator, reported);
        double[][][] values = new double[rois.size()][METRICS.size()][REPLICATES];
        double[][][] volumes = new double[rois.size()][DvhBand.POINTS][REPLICATES];
        float[] mean = dose.dose().doseGy();
        float[] u = dose.relativeUncertainty();
        SplittableRandom root = new SplittableRandom(RANDOM_SEED);
        for (int r = 0; r < REPLICATES; r++) {
            SplittableRandom rng = root.split();
            float[] replicate = new float[mean.length];
            int chunk = 1 << 16;
            SplittableRandom[] parts = new SplittableRandom[(mean.length + chunk - 1) / chunk];
            for (int p = 0; p < parts.length; p++) {
                parts[p] = rng.split();
            }
            IntStream.range(0, parts.length).parallel().forEach(p -> {
                SplittableRandom g = parts[p];
                for (int v = p * chunk; v < Math.min(mean.length, (p + 1) * chunk); v++) {
                    replicate[v] = (float) Math.max(0, mean[v] * (1 + u[v] * g.nextGaussian()));
                }
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
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        List<DvhBand> bands = new ArrayList<>();
        for (int s = 0; s < rois.size(); s++) {
            Map<String, Double> sigma = new LinkedHashMap<>();
            for (int m = 0; m < METRICS.size(); m++) {
                double sd = standardDeviation(values[s][m]);
                if (Double.isFinite(sd)) {
                    sigma.put(METRICS.get(m), sd);
                }
            }
            out.put(rois.get(s).name(), sigma);
            double[] v = new double[DvhBand.POINTS];
            double[] sd = new double[DvhBand.POINTS];
            for (int i = 0; i < DvhBand.POINTS; i++) {
                v[i] = reported.get(s).volumeAtLeastPercent(axes[s][i]);
                sd[i] = standardDeviation(volumes[s][i]);
            }
            bands.add(new DvhBand(rois.get(s).name(), axes[s], v, sd));
        }
        return new Result(out, bands);
    }

    /** The metrics' σ by structure and metric label, and the DVH band of each structure in the calculator's order. */
    public record Result(Map<String, Map<String, Double>> sigma, List<DvhBand> bands) {
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

    private static double standardDeviation(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }
}
