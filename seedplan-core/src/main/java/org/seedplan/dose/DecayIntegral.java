package org.seedplan.dose;

/**
 * Turns an initial dose rate into dose for a permanent implant of a decaying source.
 *
 * <p>D(t) = Ḋ₀ · τ · (1 − e^(−t/τ)) with mean life τ = T½ / ln 2; the total dose D(∞) = Ḋ₀ · τ
 * (TG-43U1; see reference/tg43 README §8). Times in hours inside, days at the interface.
 */
public record DecayIntegral(double halfLifeDays, double windowDays) {

    /** I-125 half-life from TG-43U1, days. */
    public static final double I125_HALF_LIFE_DAYS = 59.40;

    public DecayIntegral {
        if (!(halfLifeDays > 0) || !Double.isFinite(halfLifeDays)) {
            throw new IllegalArgumentException("half-life must be a positive number of days, got " + halfLifeDays);
        }
        if (!(windowDays > 0)) {
            throw new IllegalArgumentException("dose window must be a positive number of days, got " + windowDays);
        }
    }

    /** Total dose of a permanent implant (t → ∞). */
    public static DecayIntegral permanent(double halfLifeDays) {
        return new DecayIntegral(halfLifeDays, Double.POSITIVE_INFINITY);
    }

    /** Dose delivered from the implant date to {@code windowDays} later. */
    public static DecayIntegral firstDays(double halfLifeDays, double windowDays) {
        return new DecayIntegral(halfLifeDays, windowDays);
    }

    /** Mean life τ in hours. */
    public double meanLifeHours() {
        return halfLifeDays * 24.0 / Math.log(2);
    }

    /** Gy of dose per cGy/h of initial dose rate: τ·(1 − e^(−t/τ)) / 100. */
    public double gyPerCGyPerH() {
        double tau = meanLifeHours();
        double fraction = Double.isInfinite(windowDays) ? 1.0 : -Math.expm1(-windowDays * 24.0 / tau);
        return tau * fraction / 100.0;
    }

    public boolean isPermanent() {
        return Double.isInfinite(windowDays);
    }
}
