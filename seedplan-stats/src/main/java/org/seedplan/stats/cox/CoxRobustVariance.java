package org.seedplan.stats.cox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.seedplan.stats.data.DesignMatrix;
import org.seedplan.stats.data.Factor;
import org.seedplan.stats.linalg.Matrices;
import org.seedplan.stats.survival.SurvivalFrame;

/**
 * The robust (sandwich) variance of a Cox model's coefficients for rows that are not independent — lesions of one
 * patient — grouped by cluster, as R's {@code coxph(..., cluster = id)} (Lin &amp; Wei, JASA 1989;84:1074–8;
 * Therneau &amp; Grambsch 2000 §8.2): V_robust = Σ_c D_cᵀ D_c, where D_c = Σ_{i ∈ c} U_i·V is the summed dfbeta of
 * cluster c, U_i the score residual of row i (Efron or Breslow, as R's {@code residuals(fit, "score")}) and V the
 * model-based variance. The coefficients are unchanged; standard errors, z, p, CIs and Wald tests use V_robust.
 */
public final class CoxRobustVariance {

    private CoxRobustVariance() {
    }

    /**
     * Refits nothing: returns {@code fit} with its variance, terms and Wald tests computed from the clustered
     * sandwich variance.
     *
     * @param frame   the frame {@code fit} was fitted on
     * @param cluster cluster label of each row of the frame (e.g. the patient of each lesion)
     */
    public static CoxFit clustered(CoxFit fit, SurvivalFrame frame, String[] cluster) {
        return clustered(fit, frame.time(), frame.event(), frame.design(), frame.strata(), cluster);
    }

    /** As {@link #clustered(CoxFit, SurvivalFrame, String[])} on arrays. */
    public static CoxFit clustered(CoxFit fit, double[] time, boolean[] event, DesignMatrix design, Factor strata,
                                   String[] cluster) {
        if (cluster.length != time.length) {
            throw new IllegalArgumentException("robust Cox variance: " + cluster.length + " cluster labels for " + time.length
                    + " rows; fix: give one cluster (patient) per row");
        }
        for (int i = 0; i < cluster.length; i++) {
            if (cluster[i] == null) {
                throw new IllegalArgumentException("robust Cox variance: row " + (i + 1) + " has no cluster; fix: give every row its patient");
            }
        }
        RiskSets rs = new RiskSets(time, event, design, strata);
        double[][] resid = scoreResiduals(rs, fit.coefficients(), fit.ties());
        int p = rs.p;
        double[][] v = fit.vcov();
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (int r = 0; r < rs.n; r++) {
            double[] d = sums.computeIfAbsent(cluster[rs.order[r]], k -> new double[p]);
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    d[j] += resid[r][k] * v[k][j];
                }
            }
        }
        double[][] robust = new double[p][p];
        for (double[] d : sums.values()) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    robust[j][k] += d[j] * d[k];
                }
            }
        }
        return withVariance(fit, robust);
    }

    /**
     * Score residuals in sorted order (rows of {@code rs}): for row i with weight w = exp(xᵀβ), at each event time
     * t_j ≤ t_i it loses w·(x − x̄_j)·dΛ_j; an event row gains x − x̄ at its own time. With Efron ties the d tied
     * events share the time as d steps r = 0..d−1 with denominators a_r = S0 − (r/d)·S0_dead, and a tied event row takes
     * part in step r with weight (1 − r/d) (R's coxscore2).
     */
    static double[][] scoreResiduals(RiskSets rs, double[] beta, Ties ties) {
        int n = rs.n;
        int p = rs.p;
        int m = rs.binTime.length;
        double[] w = new double[n];
        for (int r = 0; r < n; r++) {
            double e = 0;
            for (int j = 0; j < p; j++) {
                e += rs.x[r * p + j] * beta[j];
            }
            w[r] = Math.exp(e);
        }
        // per bin: full-weight hazard and hazard-weighted mean, partial (tied-event) ones, and the events' mean x̄
        double[] hz = new double[m];
        double[][] hx = new double[m][p];
        double[] phz = new double[m];
        double[][] phx = new double[m][p];
        double[][] mx = new double[m][p];
        double s0 = 0;
        double[] s1 = new double[p];
        int stratum = -1;
        for (int b = m - 1; b >= 0; b--) {
            if (rs.stratumOfBin[b] != stratum) {
                stratum = rs.stratumOfBin[b];
                s0 = 0;
                java.util.Arrays.fill(s1, 0);
            }
            double d0 = 0;
            double[] d1 = new double[p];
            for (int r = rs.binStart[b]; r < rs.binStart[b + 1]; r++) {
                s0 += w[r];
                for (int j = 0; j < p; j++) {
                    s1[j] += w[r] * rs.x[r * p + j];
                }
                if (rs.event[r]) {
                    d0 += w[r];
                    for (int j = 0; j < p; j++) {
                        d1[j] += w[r] * rs.x[r * p + j];
                    }
                }
            }
            int d = rs.deathsInBin[b];
            if (d == 0) {
                continue;
            }
            if (ties == Ties.BRESLOW || d == 1) {
                hz[b] = d / s0;
                phz[b] = hz[b];
                for (int j = 0; j < p; j++) {
                    mx[b][j] = s1[j] / s0;
                    hx[b][j] = hz[b] * mx[b][j];
                    phx[b][j] = hx[b][j];
                }
            } else {
                for (int k = 0; k < d; k++) {
                    double f = (double) k / d;
                    double a = s0 - f * d0;
                    hz[b] += 1 / a;
                    phz[b] += (1 - f) / a;
                    for (int j = 0; j < p; j++) {
                        double xbar = (s1[j] - f * d1[j]) / a;
                        hx[b][j] += xbar / a;
                        phx[b][j] += (1 - f) * xbar / a;
                        mx[b][j] += xbar / d;
                    }
                }
            }
        }
        double[][] resid = new double[n][p];
        double h = 0;
        double[] hX = new double[p];
        stratum = -1;
        for (int b = 0; b < m; b++) {
            if (rs.stratumOfBin[b] != stratum) {
                stratum = rs.stratumOfBin[b];
                h = 0;
                java.util.Arrays.fill(hX, 0);
            }
            for (int r = rs.binStart[b]; r < rs.binStart[b + 1]; r++) {
                boolean dead = rs.event[r];
                double hr = h + (dead ? phz[b] : hz[b]);
                for (int j = 0; j < p; j++) {
                    double x = rs.x[r * p + j];
                    double hxr = hX[j] + (dead ? phx[b][j] : hx[b][j]);
                    resid[r][j] = (dead ? x - mx[b][j] : 0) - w[r] * (x * hr - hxr);
                }
            }
            h += hz[b];
            for (int j = 0; j < p; j++) {
                hX[j] += hx[b][j];
            }
        }
        return resid;
    }

    private static CoxFit withVariance(CoxFit fit, double[][] vcov) {
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double z975 = normal.inverseCumulativeProbability(0.975);
        double[] beta = fit.coefficients();
        List<CoxTerm> terms = new ArrayList<>();
        for (int j = 0; j < beta.length; j++) {
            CoxTerm t = fit.terms().get(j);
            double se = Math.sqrt(vcov[j][j]);
            double z = beta[j] / se;
            terms.add(new CoxTerm(t.term(), beta[j], se, t.hr(), Math.exp(beta[j] - z975 * se), Math.exp(beta[j] + z975 * se), z,
                    2 * normal.survivalProbability(Math.abs(z))));
        }
        Map<String, ChiSquareStatistic> termTests = new LinkedHashMap<>();
        for (DesignMatrix.Term t : fit.design()) {
            if (t.categorical()) {
                int[] idx = t.columns().stream().mapToInt(Integer::intValue).toArray();
                double[] b = new double[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    b[i] = beta[idx[i]];
                }
                termTests.put(t.name(), ChiSquareStatistic.of(
                        Matrices.quadraticInverse(Matrices.sub(vcov, idx), b, "the robust variance of " + t.name()), idx.length));
            }
        }
        ChiSquareStatistic wald = ChiSquareStatistic.of(Matrices.quadraticInverse(vcov, beta, "the robust variance of the Cox model"),
                beta.length);
        return new CoxFit(fit.n(), fit.nevent(), fit.ties(), fit.iterations(), fit.loglikNull(), fit.loglik(), List.copyOf(terms), vcov,
                fit.lrTest(), wald, fit.scoreTest(), fit.concordance(), java.util.Collections.unmodifiableMap(termTests), fit.design(),
                fit.strata(), fit.warnings());
    }
}
