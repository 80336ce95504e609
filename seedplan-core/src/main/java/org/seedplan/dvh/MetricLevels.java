package org.seedplan.dvh;

import java.math.BigDecimal;

/**
 * Which dose–volume points a metrics report lists: Dx% for x in {@code dosePercents}, Dxcc for x in
 * {@code doseVolumesCc}, Vx% of the prescription for x in {@code volumePercentsOfPrescription}, and
 * V at absolute dose levels {@code volumeDosesGy}.
 */
public record MetricLevels(double[] dosePercents, double[] doseVolumesCc, double[] volumePercentsOfPrescription,
                           double[] volumeDosesGy) {

    /** D2, D5, D10, D50, D90, D95, D98, D100; D2cc, D0.1cc; V100, V150, V200; no absolute levels. */
    public static final MetricLevels DEFAULT = new MetricLevels(new double[] {2, 5, 10, 50, 90, 95, 98, 100},
            new double[] {2, 0.1}, new double[] {100, 150, 200}, new double[0]);

    public MetricLevels {
        dosePercents = dosePercents.clone();
        doseVolumesCc = doseVolumesCc.clone();
        volumePercentsOfPrescription = volumePercentsOfPrescription.clone();
        volumeDosesGy = volumeDosesGy.clone();
        for (double p : dosePercents) {
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("D x% level must lie in 0 … 100, got " + p);
            }
        }
        check(doseVolumesCc, "D x cc volume (cc)");
        check(volumePercentsOfPrescription, "V x% level (% of prescription)");
        check(volumeDosesGy, "V x Gy level (Gy)");
    }

    private static void check(double[] values, String what) {
        for (double v : values) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(what + " must be a positive number, got " + v);
            }
        }
    }

    /** The same levels with absolute dose levels (Gy) for V x Gy. */
    public MetricLevels withVolumeDosesGy(double... doses) {
        return new MetricLevels(dosePercents, doseVolumesCc, volumePercentsOfPrescription, doses);
    }

    /** A level as a JSON key: "90", "0.1", "2.5" (no trailing zeros, no exponent). */
    public static String key(double level) {
        return BigDecimal.valueOf(level).stripTrailingZeros().toPlainString();
    }
}
