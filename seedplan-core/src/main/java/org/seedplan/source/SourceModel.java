package org.seedplan.source;

/**
 * The TG-43U1 dosimetry data of one seed model (TG-43U1 Eq. 1 and Eq. 10, Rivard et al. 2004).
 *
 * @param key short name used on the command line, e.g. {@code amersham6711}
 * @param description manufacturer and model
 * @param doseRateConstantCGyPerHPerU Λ, dose rate to water at (1 cm, 90°) per unit S_K
 * @param activeLengthCm effective active length L of the line source
 * @param halfLifeDays the nuclide's half-life as published with the data (I-125: 59.40 d)
 * @param gLine radial dose function g_L(r), r in cm (extrapolated linearly above the table, clamped at 0)
 * @param gPoint radial dose function g_P(r) for the 1D point-source form, r in cm
 * @param anisotropy 2D anisotropy function F(r, θ)
 * @param phiAn 1D anisotropy function φan(r), r in cm
 * @param dataStatus where the numbers come from and how far they are confirmed
 */
public record SourceModel(String key, String description, double doseRateConstantCGyPerHPerU, double activeLengthCm,
        double halfLifeDays, Table1D gLine, Table1D gPoint, AnisotropyTable anisotropy, Table1D phiAn,
        String dataStatus) {

    /**
     * Largest dose-rate constant accepted, cGy·h⁻¹·U⁻¹: the published low-energy seed values lie
     * between 0.65 (Pd-103) and 1.1 (Cs-131); 2 leaves room without accepting a unit slip (cGy vs Gy).
     */
    public static final double MAX_DOSE_RATE_CONSTANT = 2.0;
    /** Longest half-life accepted, days (I-125 59.4 d, Pd-103 17.0 d, Cs-131 9.7 d). */
    public static final double MAX_HALF_LIFE_DAYS = 1000;
    /** Largest value of g(r), F(r, θ) or φan(r) accepted: published low-energy tables stay below 2. */
    public static final double MAX_TABLE_VALUE = 10;

    public SourceModel {
        if (!(doseRateConstantCGyPerHPerU > 0) || doseRateConstantCGyPerHPerU > MAX_DOSE_RATE_CONSTANT) {
            throw new IllegalArgumentException("source '" + key + "': dose-rate constant must lie in (0, " + MAX_DOSE_RATE_CONSTANT
                    + "] cGy/(h U), got " + doseRateConstantCGyPerHPerU + ": give Lambda in cGy per hour per U");
        }
        if (!(activeLengthCm > 0) || activeLengthCm > 1) {
            throw new IllegalArgumentException("source '" + key + "': effective length must be in (0, 1] cm, got " + activeLengthCm);
        }
        if (!(halfLifeDays > 0) || halfLifeDays > MAX_HALF_LIFE_DAYS) {
            throw new IllegalArgumentException("source '" + key + "': half-life must lie in (0, " + MAX_HALF_LIFE_DAYS + "] days, got "
                    + halfLifeDays);
        }
        checkTable(key, "g_L(r)", gLine);
        checkTable(key, "g_P(r)", gPoint);
        checkTable(key, "phi_an(r)", phiAn);
        for (int i = 0; i < anisotropy.rCm().length; i++) {
            if (!(anisotropy.rCm()[i] > 0) || (i > 0 && !(anisotropy.rCm()[i] > anisotropy.rCm()[i - 1]))) {
                throw new IllegalArgumentException("source '" + key + "': F(r, theta) radii must be positive and increase, got "
                        + anisotropy.rCm()[i] + " cm");
            }
            for (int j = 0; j < anisotropy.thetaDeg().length; j++) {
                double th = anisotropy.thetaDeg()[j];
                if (!(th >= 0 && th <= 180) || (j > 0 && !(th > anisotropy.thetaDeg()[j - 1]))) {
                    throw new IllegalArgumentException("source '" + key + "': F(r, theta) angles must increase within 0-180 degrees, got "
                            + th);
                }
                checkValue(key, "F(" + anisotropy.rCm()[i] + " cm, " + th + " deg)", anisotropy.f()[i][j]);
            }
        }
    }

    private static void checkTable(String key, String what, Table1D t) {
        for (int i = 0; i < t.x().length; i++) {
            if (!(t.x()[i] > 0) || !Double.isFinite(t.x()[i])) {
                throw new IllegalArgumentException("source '" + key + "': " + what + " radius " + t.x()[i] + " cm must be positive");
            }
            checkValue(key, what + " at " + t.x()[i] + " cm", t.y()[i]);
        }
    }

    /** A tabulated ratio (g, F, φan) must be finite, not negative and not absurdly large. */
    private static void checkValue(String key, String what, double v) {
        if (!(v >= 0) || v > MAX_TABLE_VALUE) {
            throw new IllegalArgumentException("source '" + key + "': " + what + " = " + v + " lies outside [0, " + MAX_TABLE_VALUE
                    + "]: g, F and phi_an are ratios to the reference point, not negative and of order 1; check the table");
        }
    }

    /** Line-source geometry function G_L(r, θ) in cm⁻², for y (away) and z (along) in cm (TG-43U1 Eq. 4). */
    public double geometryLine(double yCm, double zCm) {
        double halfL = activeLengthCm / 2;
        if (yCm < 1e-6) {
            return 1.0 / (zCm * zCm - halfL * halfL);
        }
        double beta = Math.atan((zCm + halfL) / yCm) - Math.atan((zCm - halfL) / yCm);
        return beta / (activeLengthCm * yCm);
    }

    /** G_L at the reference point (1 cm, 90°): 2·atan(L/2)/L. */
    public double geometryLineReference() {
        return geometryLine(1.0, 0.0);
    }
}
