package org.seedplan.stats.cox;

/**
 * Harrell's concordance of a Cox model's linear predictor as R's {@code coxph} reports it
 * ({@code concordancefit(reverse = TRUE)}): a pair is comparable when the shorter time is an event
 * (an event and a censoring at the same time count, two events at the same time are
 * {@code tiedTime}); a comparable pair is concordant when the shorter time has the higher risk
 * score; C = (concordant + tiedRisk/2) / (concordant + discordant + tiedRisk). Pairs are formed
 * within strata only. The standard error is the infinitesimal-jackknife one of R's survival 3
 * (Therneau &amp; Atkinson, "Concordance", survival package vignette): each subject's count of
 * concordant, discordant and tied pairs gives its influence on Somers' d.
 * Computed in O(n log m) for m distinct times: one sweep in score order with Fenwick trees over time bins.
 *
 * @param concordant concordant pairs
 * @param discordant discordant pairs
 * @param tiedRisk   comparable pairs with equal risk score (R's {@code tied.x})
 * @param tiedTime   pairs of events at the same time with different risk scores (R's {@code tied.y})
 * @param tiedBoth   pairs of events at the same time with equal risk scores (R's {@code tied.xy})
 * @param cIndex     concordance C
 * @param se         standard error of C
 */
public record Concordance(double concordant, double discordant, double tiedRisk, double tiedTime, double tiedBoth,
                          double cIndex, double se) {

    /**
     * Computes the concordance on data sorted by (stratum, time).
     *
     * <p>One sweep over the rows in increasing risk score (an O(n) radix sort) with Fenwick trees
     * indexed by time bin, which are small (2 × distinct times) and stay in cache: for an event, the
     * rows already swept that are still at risk after it are the partners
     * with lower score; for any row, the events already swept that happened before it are the pairs
     * where it is the longer member. Rows with equal scores are swept as one group.
     *
     * @param risk         risk score per sorted row
     * @param event        event flag per sorted row
     * @param binStart     rows of each time bin
     * @param stratumStart bins of each stratum
     */
    static Concordance compute(double[] risk, boolean[] event, int[] binStart, int[] stratumStart) {
        int n = risk.length;
        int m = binStart.length - 1;
        int[] binOfRow = new int[n];
        int[] firstBin = new int[m];
        int[] endBin = new int[m];
        int[] stratumOfBin = new int[m];
        for (int s = 0; s + 1 < stratumStart.length; s++) {
            for (int b = stratumStart[s]; b < stratumStart[s + 1]; b++) {
                stratumOfBin[b] = s;
                firstBin[b] = stratumStart[s];
                endBin[b] = stratumStart[s + 1];
                java.util.Arrays.fill(binOfRow, binStart[b], binStart[b + 1], b);
            }
        }
        // per bin: rows at risk after an event of the bin (later bins + censored of the bin), earlier events
        long[] laterRows = new long[m];
        long[] earlierDeaths = new long[m];
        int[] deathsIn = new int[m];
        double sameTimePairs = 0;
        for (int b = 0; b < m; b++) {
            for (int r = binStart[b]; r < binStart[b + 1]; r++) {
                if (event[r]) {
                    deathsIn[b]++;
                }
            }
            sameTimePairs += deathsIn[b] * (deathsIn[b] - 1.0) / 2;
        }
        for (int s = 0; s + 1 < stratumStart.length; s++) {
            long after = 0;
            for (int b = stratumStart[s + 1] - 1; b >= stratumStart[s]; b--) {
                laterRows[b] = after + (binStart[b + 1] - binStart[b]) - deathsIn[b];
                after += binStart[b + 1] - binStart[b];
            }
            long before = 0;
            for (int b = stratumStart[s]; b < stratumStart[s + 1]; b++) {
                earlierDeaths[b] = before;
                before += deathsIn[b];
            }
        }
        int[] order = orderByScore(risk);
        // Cox orientation: concordant = the shorter time has the higher score
        int[] conc = new int[n];
        int[] disc = new int[n];
        int[] tied = new int[n];
        double concordant = 0;
        double discordant = 0;
        double tiedRisk = 0;
        double tiedBoth = 0;
        Fenwick rows = new Fenwick(2 * m);    // swept rows at 2b (event) or 2b+1 (censored)
        Fenwick deaths = new Fenwick(m);      // swept events at b
        Fenwick groupRows = new Fenwick(2 * m);
        Fenwick groupDeaths = new Fenwick(m);
        int[] sweptInStratum = new int[stratumStart.length - 1];
        int g0 = 0;
        while (g0 < n) {
            int g1 = g0 + 1;
            double key = risk[order[g0]] + 0.0;
            while (g1 < n && risk[order[g1]] + 0.0 == key) {
                g1++;
            }
            boolean group = g1 - g0 > 1;
            if (group) {
                for (int k = g0; k < g1; k++) {
                    int r = order[k];
                    int b = binOfRow[r];
                    groupRows.add(2 * b + (event[r] ? 0 : 1), 1);
                    if (event[r]) {
                        groupDeaths.add(b, 1);
                    }
                }
            }
            for (int k = g0; k < g1; k++) {
                int r = order[k];
                int b = binOfRow[r];
                if (event[r]) {
                    // shorter member: partners at risk after it, with lower / equal / higher score
                    int lower = sweptInStratum[stratumOfBin[b]] - rows.range(2 * firstBin[b], 2 * b + 1);
                    int equal = group ? groupRows.range(2 * b + 1, 2 * endBin[b]) : 0;
                    int higher = (int) (laterRows[b] - lower - equal);
                    concordant += lower;
                    discordant += higher;
                    tiedRisk += equal;
                    conc[r] += lower;
                    disc[r] += higher;
                    tied[r] += equal;
                    if (group) {
                        tiedBoth += (groupRows.point(2 * b) - 1) / 2.0;
                    }
                }
                // longer member: earlier events (same time counts only for a censored row)
                int last = event[r] ? b : b + 1;
                int lower = deaths.range(firstBin[b], last);
                int equal = group ? groupDeaths.range(firstBin[b], last) : 0;
                long earlier = earlierDeaths[b] + (event[r] ? 0 : deathsIn[b]);
                conc[r] += (int) (earlier - lower - equal);
                disc[r] += lower;
                tied[r] += equal;
            }
            for (int k = g0; k < g1; k++) {
                int r = order[k];
                int b = binOfRow[r];
                rows.add(2 * b + (event[r] ? 0 : 1), 1);
                sweptInStratum[stratumOfBin[b]]++;
                if (event[r]) {
                    deaths.add(b, 1);
                }
                if (group) {
                    groupRows.add(2 * b + (event[r] ? 0 : 1), -1);
                    if (event[r]) {
                        groupDeaths.add(b, -1);
                    }
                }
            }
            g0 = g1;
        }
        double tiedTime = sameTimePairs - tiedBoth;
        double npair = concordant + discordant + tiedRisk;
        double somers = (concordant - discordant) / npair;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double dfbeta = (conc[i] - disc[i]) / npair - somers / npair * ((double) conc[i] + disc[i] + tied[i]);
            var += dfbeta * dfbeta;
        }
        return new Concordance(concordant, discordant, tiedRisk, tiedTime, tiedBoth, (somers + 1) / 2,
                Math.sqrt(var / 4));
    }

    /** Row indices in increasing score: LSD radix sort of the order-preserving bit patterns, O(n). */
    private static int[] orderByScore(double[] values) {
        int n = values.length;
        long[] key = new long[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToLongBits(values[i] + 0.0);
            key[i] = b ^ ((b >> 63) | Long.MIN_VALUE); // unsigned order = numeric order
            idx[i] = i;
        }
        long[] key2 = new long[n];
        int[] idx2 = new int[n];
        int[] count = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (key[i] >>> shift) & 0xFFFF]++;
            }
            if (count[(int) (key[0] >>> shift) & 0xFFFF] == n) {
                continue; // all keys share this digit
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int pos = count[(int) (key[i] >>> shift) & 0xFFFF]++;
                key2[pos] = key[i];
                idx2[pos] = idx[i];
            }
            long[] tk = key;
            key = key2;
            key2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        return idx;
    }

    /** Counts per index with prefix sums (Fenwick 1994). */
    private static final class Fenwick {
        private final int[] tree;
        private final int[] point;

        Fenwick(int size) {
            tree = new int[size + 1];
            point = new int[size];
        }

        void add(int index, int delta) {
            point[index] += delta;
            for (int i = index + 1; i < tree.length; i += i & -i) {
                tree[i] += delta;
            }
        }

        /** Sum over indices {@code from ≤ i < to}. */
        int range(int from, int to) {
            return from == 0 ? prefix(to) : prefix(to) - prefix(from);
        }

        private int prefix(int end) {
            int s = 0;
            for (int i = end; i > 0; i -= i & -i) {
                s += tree[i];
            }
            return s;
        }

        int point(int index) {
            return point[index];
        }
    }
}
