package org.seedplan.stats.survival;

import java.util.Arrays;

/**
 * The distinct follow-up times within each stratum, sorted once, and the bin (stratum, time) of
 * every row: the index on which Kaplan–Meier, log-rank and Cox accumulate risk sets in one pass
 * (hashing the n times, sorting only the m distinct ones: O(n + m log m), no boxing).
 *
 * <p>Bins are ordered by stratum, then time; {@code stratumStart[s] .. stratumStart[s+1]-1} are the
 * bins of stratum {@code s}. Times are compared exactly (R's {@code timefix} rounding of nearly
 * equal times is not applied).
 *
 * @param binOfRow     bin index of each row
 * @param binTime      time of each bin
 * @param stratumStart first bin of each stratum, plus the total number of bins at the end
 */
public record TimeBins(int[] binOfRow, double[] binTime, int[] stratumStart) {

    /**
     * Builds the bins.
     *
     * @param time        time per row
     * @param stratum     stratum code per row (0-based), or null for one stratum
     * @param strataCount number of strata (ignored when {@code stratum} is null)
     */
    public static TimeBins of(double[] time, int[] stratum, int strataCount) {
        int n = time.length;
        int s = stratum == null ? 1 : strataCount;
        // 1. distinct (stratum, time) pairs by open addressing on the bit pattern: O(n), no sort of n values
        int cap = 1024;
        long[] keyBits = new long[cap];
        int[] keyStratum = new int[cap];
        int[] keyId = new int[cap];
        Arrays.fill(keyId, -1);
        double[] idTime = new double[64];
        int[] idStratum = new int[64];
        int[] rowId = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double t = time[i] + 0.0; // -0.0 -> 0.0
            long bits = Double.doubleToLongBits(t);
            int st = stratum == null ? 0 : stratum[i];
            int mask = cap - 1;
            int h = hash(bits, st) & mask;
            while (keyId[h] >= 0 && (keyBits[h] != bits || keyStratum[h] != st)) {
                h = (h + 1) & mask;
            }
            if (keyId[h] < 0) {
                if (m == idTime.length) {
                    idTime = Arrays.copyOf(idTime, 2 * m);
                    idStratum = Arrays.copyOf(idStratum, 2 * m);
                }
                idTime[m] = t;
                idStratum[m] = st;
                keyBits[h] = bits;
                keyStratum[h] = st;
                keyId[h] = m;
                rowId[i] = m++;
                if (2 * m > cap) {
                    cap *= 2;
                    keyBits = new long[cap];
                    keyStratum = new int[cap];
                    keyId = new int[cap];
                    Arrays.fill(keyId, -1);
                    for (int id = 0; id < m; id++) {
                        long b = Double.doubleToLongBits(idTime[id]);
                        int g = hash(b, idStratum[id]) & (cap - 1);
                        while (keyId[g] >= 0) {
                            g = (g + 1) & (cap - 1);
                        }
                        keyBits[g] = b;
                        keyStratum[g] = idStratum[id];
                        keyId[g] = id;
                    }
                }
            } else {
                rowId[i] = keyId[h];
            }
        }
        // 2. sort the distinct times within each stratum and number the bins
        int[] stratumStart = new int[s + 1];
        for (int id = 0; id < m; id++) {
            stratumStart[idStratum[id] + 1]++;
        }
        for (int k = 0; k < s; k++) {
            stratumStart[k + 1] += stratumStart[k];
        }
        double[] binTime = new double[m];
        int[] fill = Arrays.copyOf(stratumStart, s);
        for (int id = 0; id < m; id++) {
            binTime[fill[idStratum[id]]++] = idTime[id];
        }
        int[] binOfId = new int[m];
        for (int k = 0; k < s; k++) {
            Arrays.sort(binTime, stratumStart[k], stratumStart[k + 1]);
        }
        for (int id = 0; id < m; id++) {
            int k = idStratum[id];
            binOfId[id] = Arrays.binarySearch(binTime, stratumStart[k], stratumStart[k + 1], idTime[id]);
        }
        int[] binOfRow = new int[n];
        for (int i = 0; i < n; i++) {
            binOfRow[i] = binOfId[rowId[i]];
        }
        return new TimeBins(binOfRow, binTime, stratumStart);
    }

    private static int hash(long bits, int stratum) {
        long h = (bits ^ (bits >>> 29) ^ ((long) stratum * 0xC2B2AE3D27D4EB4FL)) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32);
    }

    /** Number of bins. */
    public int size() {
        return binTime.length;
    }

    /** Number of strata. */
    public int strata() {
        return stratumStart.length - 1;
    }

    /** Counts events and censorings per bin: {@code [0]} events, {@code [1]} censored. */
    public int[][] counts(boolean[] event) {
        int[] d = new int[size()];
        int[] c = new int[size()];
        for (int i = 0; i < binOfRow.length; i++) {
            if (event[i]) {
                d[binOfRow[i]]++;
            } else {
                c[binOfRow[i]]++;
            }
        }
        return new int[][] {d, c};
    }

    /**
     * The rows sorted by bin (stratum, then time): a counting sort, O(n).
     *
     * @return {@code [0]} row indices in bin order, {@code [1]} the start of each bin in that order (length size()+1)
     */
    public int[][] rowsByBin() {
        int[] start = new int[size() + 1];
        for (int b : binOfRow) {
            start[b + 1]++;
        }
        for (int k = 0; k < size(); k++) {
            start[k + 1] += start[k];
        }
        int[] fill = Arrays.copyOf(start, size());
        int[] order = new int[binOfRow.length];
        for (int i = 0; i < binOfRow.length; i++) {
            order[fill[binOfRow[i]]++] = i;
        }
        return new int[][] {order, start};
    }
}
