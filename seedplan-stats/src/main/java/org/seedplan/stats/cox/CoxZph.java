package org.seedplan.stats.cox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.seedplan.stats.data.DesignMatrix;
import org.seedplan.stats.data.Factor;
import org.seedplan.stats.linalg.Matrices;
import org.seedplan.stats.survival.SurvivalFrame;
import org.seedplan.stats.survival.TimeBins;

/**
 * Test of the proportional-hazards assumption as R {@code survival::cox.zph} (version 3,
 * transform {@code "km"}): the score test, at (β̂, 0), for adding the time-varying terms
 * x·g(t) to the model, where g(t) = 1 − S_KM(t−) centred over the events (Grambsch &amp; Therneau
 * 1994; Therneau &amp; Grambsch 2000 §6.2). One test per covariate (all columns of a categorical
 * covariate together) and a global test. Also returns the scaled Schoenfeld residuals
 * β̂ + (events · I⁻¹) rᵢ for plotting β(t).
 */
public final class CoxZph {

    private CoxZph() {
    }

    /** Tests a model fitted on the frame. */
    public static ZphResult test(SurvivalFrame frame, CoxFit fit) {
        return test(frame.time(), frame.event(), frame.design(), frame.strata(), fit);
    }

    /** Tests a model fitted on these data. */
    public static ZphResult test(double[] time, boolean[] event, DesignMatrix design, Factor strata, CoxFit fit) {
        RiskSets rs = new RiskSets(time, event, design, strata);
        int p = rs.p;
        double[] beta = fit.coefficients();
        // g(t): 1 - KM(t-) of all data (strata ignored, as R), centred over events
        TimeBins all = TimeBins.of(time, null, 1);
        int[][] counts = all.counts(event);
        double[] sBefore = new double[all.size()];
        double s = 1;
        int atRisk = time.length;
        for (int b = 0; b < all.size(); b++) {
            sBefore[b] = s;
            if (counts[0][b] > 0) {
                s *= 1 - (double) counts[0][b] / atRisk;
            }
            atRisk -= counts[0][b] + counts[1][b];
        }
        double[] binG = new double[rs.binTime.length];
        double meanT = 0;
        int nev = 0;
        for (int b = 0; b < rs.binTime.length; b++) {
            int k = Arrays.binarySearch(all.binTime(), rs.binTime[b]);
            binG[b] = 1 - sBefore[k];
            for (int r = rs.binStart[b]; r < rs.binStart[b + 1]; r++) {
                if (rs.event[r]) {
                    meanT += binG[b];
                    nev++;
                }
            }
        }
        meanT /= nev;
        double[] u2 = new double[p];
        double[] i12 = new double[p * p];
        double[] i22 = new double[p * p];
        double[][] binMean = new double[rs.binTime.length][];
        double[] imat = new double[p * p];
        double[] u = new double[p];
        final double centre = meanT;
        rs.evaluate(beta, fit.ties(), u, imat, (bin, deaths, meanX, score, info) -> {
            double g = binG[bin] - centre;
            binMean[bin] = meanX.clone();
            for (int j = 0; j < p; j++) {
                u2[j] += g * score[j];
                for (int k = 0; k <= j; k++) {
                    i12[j * p + k] += g * info[j * p + k];
                    i22[j * p + k] += g * g * info[j * p + k];
                }
            }
        });
        double[][] full = new double[2 * p][2 * p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k <= j; k++) {
                set(full, j, k, imat[j * p + k]);
                set(full, p + j, p + k, i22[j * p + k]);
                set(full, j, p + k, i12[j * p + k]);
                set(full, k, p + j, i12[j * p + k]);
            }
        }
        List<ZphResult.ZphTerm> terms = new ArrayList<>();
        for (DesignMatrix.Term t : design.terms()) {
            int[] kk = new int[p + t.columns().size()];
            double[] uu = new double[kk.length];
            for (int j = 0; j < p; j++) {
                kk[j] = j;
            }
            for (int c = 0; c < t.columns().size(); c++) {
                kk[p + c] = p + t.columns().get(c);
                uu[p + c] = u2[t.columns().get(c)];
            }
            terms.add(term(t.name(), Matrices.quadraticInverse(Matrices.sub(full, kk), uu, "the zph information"),
                    t.columns().size()));
        }
        double[] ug = new double[2 * p];
        System.arraycopy(u2, 0, ug, p, p);
        ZphResult.ZphTerm global = term("GLOBAL", Matrices.quadraticInverse(full, ug, "the zph information"), p);
        return residuals(rs, design, beta, binG, binMean, CoxModel.square(imat, p), terms, global);
    }

    private static ZphResult residuals(RiskSets rs, DesignMatrix design, double[] beta, double[] binG,
                                       double[][] binMean, double[][] info, List<ZphResult.ZphTerm> terms,
                                       ZphResult.ZphTerm global) {
        int p = rs.p;
        int strata = rs.stratumStart.length - 1;
        List<DesignMatrix.Term> dt = design.terms();
        int nt = dt.size();
        // used[s][j]: events in stratum s if column j varies within the stratum, else 0
        int[][] used = new int[strata][p];
        int[] deathsIn = new int[strata];
        for (int st = 0; st < strata; st++) {
            int from = rs.binStart[rs.stratumStart[st]];
            int to = rs.binStart[rs.stratumStart[st + 1]];
            for (int r = from; r < to; r++) {
                if (rs.event[r]) {
                    deathsIn[st]++;
                }
            }
            for (int j = 0; j < p; j++) {
                for (int r = from + 1; r < to; r++) {
                    if (rs.x[r * p + j] != rs.x[from * p + j]) {
                        used[st][j] = deathsIn[st];
                        break;
                    }
                }
            }
        }
        double[][] vmean = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                double w = 0;
                for (int st = 0; st < strata; st++) {
                    w += Math.min(used[st][j], used[st][k]);
                }
                vmean[j][k] = info[j][k] / (w == 0 ? 1 : w);
            }
        }
        // collapse multi-column terms onto the linear predictor of the term
        double[][] temp = new double[p][nt];
        for (int t = 0; t < nt; t++) {
            List<Integer> cols = dt.get(t).columns();
            for (int c : cols) {
                temp[c][t] = cols.size() == 1 ? 1 : beta[c];
            }
        }
        double[][] vt = new double[nt][nt];
        for (int a = 0; a < nt; a++) {
            for (int b = 0; b < nt; b++) {
                double v = 0;
                for (int j = 0; j < p; j++) {
                    for (int k = 0; k < p; k++) {
                        v += temp[j][a] * vmean[j][k] * temp[k][b];
                    }
                }
                vt[a][b] = v;
            }
        }
        List<double[]> rows = new ArrayList<>();
        List<Double> xs = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        for (int st = 0; st < strata; st++) {
            List<Integer> k = new ArrayList<>();
            for (int t = 0; t < nt; t++) {
                if (used[st][dt.get(t).columns().get(0)] > 0) {
                    k.add(t);
                }
            }
            int[] kk = k.stream().mapToInt(Integer::intValue).toArray();
            double[][] vk = kk.length == 0 ? null : Matrices.sub(vt, kk);
            for (int b = rs.stratumStart[st]; b < rs.stratumStart[st + 1]; b++) {
                for (int r = rs.binStart[b]; r < rs.binStart[b + 1]; r++) {
                    if (!rs.event[r]) {
                        continue;
                    }
                    double[] res = new double[nt];
                    for (int t = 0; t < nt; t++) {
                        double v = 0;
                        for (int j = 0; j < p; j++) {
                            v += (rs.x[r * p + j] - binMean[b][j]) * temp[j][t];
                        }
                        res[t] = v;
                    }
                    double[] out = new double[nt];
                    Arrays.fill(out, Double.NaN);
                    if (vk != null) {
                        double[] rk = new double[kk.length];
                        for (int i = 0; i < kk.length; i++) {
                            rk[i] = res[kk[i]];
                        }
                        double[] sol = Matrices.solveSymmetric(vk, rk, "the zph residual scaling");
                        for (int i = 0; i < kk.length; i++) {
                            List<Integer> cols = dt.get(kk[i]).columns();
                            out[kk[i]] = sol[i] + (cols.size() == 1 ? beta[cols.get(0)] : 1);
                        }
                    }
                    rows.add(out);
                    xs.add(binG[b]);
                    ts.add(rs.binTime[b]);
                }
            }
        }
        return new ZphResult(terms, global, dt.stream().map(DesignMatrix.Term::name).toList(), "km",
                xs.stream().mapToDouble(Double::doubleValue).toArray(),
                ts.stream().mapToDouble(Double::doubleValue).toArray(), rows.toArray(new double[0][]));
    }

    private static void set(double[][] m, int i, int j, double v) {
        m[i][j] = v;
        m[j][i] = v;
    }

    private static ZphResult.ZphTerm term(String name, double chisq, int df) {
        return new ZphResult.ZphTerm(name, chisq, df, ChiSquaredDistribution.of(df).survivalProbability(chisq));
    }
}
