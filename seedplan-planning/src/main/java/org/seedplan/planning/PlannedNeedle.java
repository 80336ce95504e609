package org.seedplan.planning;

import java.util.List;
import org.seedplan.planning.needle.Needle;

/**
 * A needle of a plan with its loading: the number shown to the physicist (from 1), the path, and
 * the distances of its seeds from the tip (mm, ascending; the first seed is nearest the tip).
 */
public record PlannedNeedle(int number, Needle needle, List<Double> seedDistancesFromTipMm) {

    public PlannedNeedle {
        seedDistancesFromTipMm = List.copyOf(seedDistancesFromTipMm);
    }

    public int seedCount() {
        return seedDistancesFromTipMm.size();
    }

    /** The seeds this needle carries, from the tip back, on its axis, each of strength {@code skU} (U). */
    public List<org.seedplan.dose.Seed> seeds(double skU) {
        return seedDistancesFromTipMm.stream()
                .map(d -> new org.seedplan.dose.Seed(needle.pointFromTip(d), needle.direction(), skU)).toList();
    }

    /**
     * The loading pattern from the tip in steps of {@code stepMm}: '1' for a seed, '0' for a spacer,
     * e.g. "1011" (as on a loading sheet).
     */
    public String loadingPattern(double stepMm) {
        if (seedDistancesFromTipMm.isEmpty()) {
            return "";
        }
        double last = seedDistancesFromTipMm.get(seedDistancesFromTipMm.size() - 1);
        int n = (int) Math.round(last / stepMm) + 1;
        char[] p = new char[n];
        java.util.Arrays.fill(p, '0');
        for (double d : seedDistancesFromTipMm) {
            int k = (int) Math.round(d / stepMm);
            if (k >= 0 && k < n) {
                p[k] = '1';
            }
        }
        return new String(p);
    }
}
