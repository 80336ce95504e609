package org.seedplan.dose.montecarlo;

/**
 * K-shell fluorescence of one element (xraylib: EdgeEnergy, FluorYield, LineEnergy, RadRate): the yield and the line
 * energies with their cumulative relative rates, to sample the photon emitted after a K-shell photoabsorption.
 */
final class KLines {

    final int z;
    final double edgeKeV;
    final double fluorescenceYield;
    final double[] lineKeV;
    final double[] cumulativeRate;

    KLines(int z, double edgeKeV, double fluorescenceYield, double[] lineKeV, double[] rate) {
        this.z = z;
        this.edgeKeV = edgeKeV;
        this.fluorescenceYield = fluorescenceYield;
        this.lineKeV = lineKeV;
        this.cumulativeRate = new double[rate.length];
        double sum = 0;
        for (int i = 0; i < rate.length; i++) {
            sum += rate[i];
            cumulativeRate[i] = sum;
        }
        for (int i = 0; i < rate.length; i++) {
            cumulativeRate[i] /= sum;
        }
    }

    /** The energy of the line whose cumulative rate first reaches u ∈ [0, 1). */
    double line(double u) {
        for (int i = 0; i < lineKeV.length; i++) {
            if (u < cumulativeRate[i]) {
                return lineKeV[i];
            }
        }
        return lineKeV[lineKeV.length - 1];
    }
}
