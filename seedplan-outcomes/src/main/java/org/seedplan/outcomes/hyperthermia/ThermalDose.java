package org.seedplan.outcomes.hyperthermia;

/**
 * Cumulative equivalent minutes at 43 °C (CEM43) of a temperature course, after Sapareto &amp; Dewey
 * (Int J Radiat Oncol Biol Phys 1984;10:787–800): CEM43 = Σ Δtᵢ · R^(43 − Tᵢ) with R = 0.5 for
 * T ≥ 43 °C and R = 0.25 below. Tᵢ is the mean of the two readings that bound interval i (trapezoidal
 * temperature), Δtᵢ its length in minutes.
 */
public final class ThermalDose {

    private ThermalDose() {
    }

    /** The rate factor R^(43 − T) for one minute at {@code tempC}. */
    public static double equivalentMinutesPerMinute(double tempC) {
        double r = tempC >= 43.0 ? 0.5 : 0.25;
        return Math.pow(r, 43.0 - tempC);
    }

    /**
     * CEM43 of a course sampled at {@code timeMin} (increasing) with temperatures {@code tempC}.
     *
     * @return equivalent minutes at 43 °C
     */
    public static double cem43(double[] timeMin, double[] tempC) {
        if (timeMin.length != tempC.length) {
            throw new IllegalArgumentException("CEM43: " + timeMin.length + " times but " + tempC.length + " temperatures; give one temperature per time");
        }
        double sum = 0;
        for (int i = 1; i < timeMin.length; i++) {
            double dt = timeMin[i] - timeMin[i - 1];
            if (dt < 0) {
                throw new IllegalArgumentException("CEM43: time goes back at sample " + i + " (" + timeMin[i] + " min); sort the log by time");
            }
            sum += dt * equivalentMinutesPerMinute(0.5 * (tempC[i] + tempC[i - 1]));
        }
        return sum;
    }
}
