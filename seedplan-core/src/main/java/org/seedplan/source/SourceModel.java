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

    public SourceModel {
        if (!(doseRateConstantCGyPerHPerU > 0)) {
            throw new IllegalArgumentException("source '" + key + "': dose-rate constant must be positive");
        }
        if (!(activeLengthCm > 0) || activeLengthCm > 1) {
            throw new IllegalArgumentException("source '" + key + "': effective length must be in (0, 1] cm, got " + activeLengthCm);
        }
        if (!(halfLifeDays > 0)) {
            throw new IllegalArgumentException("source '" + key + "': half-life must be positive");
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
