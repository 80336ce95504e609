package org.seedplan.dose.montecarlo;

/**
 * The common photon energy grid of the cross-section tables (log-spaced 1–50 keV plus each absorption edge from both
 * sides), with a constant-time lookup of the interval that holds an energy.
 */
final class EnergyGrid {

    private static final int BINS = 8192;

    private final double[] energiesKeV;
    private final int[] firstIntervalOfBin;
    private final double logMin;
    private final double binsPerLog;

    EnergyGrid(double[] energiesKeV) {
        for (int i = 1; i < energiesKeV.length; i++) {
            if (!(energiesKeV[i] > energiesKeV[i - 1])) {
                throw new IllegalStateException("cross-section energy grid must increase, at " + energiesKeV[i] + " keV");
            }
        }
        this.energiesKeV = energiesKeV;
        this.logMin = Math.log(energiesKeV[0]);
        this.binsPerLog = BINS / (Math.log(energiesKeV[energiesKeV.length - 1]) - logMin);
        this.firstIntervalOfBin = new int[BINS + 1];
        int i = 0;
        for (int b = 0; b <= BINS; b++) {
            double e = Math.exp(logMin + b / binsPerLog);
            while (i < energiesKeV.length - 2 && energiesKeV[i + 1] <= e) {
                i++;
            }
            firstIntervalOfBin[b] = i;
        }
    }

    double minKeV() {
        return energiesKeV[0];
    }

    double maxKeV() {
        return energiesKeV[energiesKeV.length - 1];
    }

    int size() {
        return energiesKeV.length;
    }

    double energyKeV(int i) {
        return energiesKeV[i];
    }

    /** Index i of the interval [E_i, E_i+1] that holds the energy (clamped to the grid). */
    int interval(double energyKeV) {
        int b = (int) ((Math.log(energyKeV) - logMin) * binsPerLog);
        if (b <= 0) {
            return 0;
        }
        if (b >= BINS) {
            return energiesKeV.length - 2;
        }
        int i = firstIntervalOfBin[b];
        while (i < energiesKeV.length - 2 && energiesKeV[i + 1] < energyKeV) {
            i++;
        }
        return i;
    }

    /** Linear-interpolation weight of E_i+1 for an energy in interval i. */
    double fraction(int i, double energyKeV) {
        double f = (energyKeV - energiesKeV[i]) / (energiesKeV[i + 1] - energiesKeV[i]);
        return Math.max(0, Math.min(1, f));
    }
}
