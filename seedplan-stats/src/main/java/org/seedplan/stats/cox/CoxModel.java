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
 * Cox proportional-hazards regression by Newton–Raphson on the log partial likelihood (Cox 1972;
 * Therneau &amp; Grambsch 2000 ch. 3), following R {@code survival::coxph}: start at β = 0, step
 * halving when the likelihood decreases, stop when |1 − ℓₖ₋₁/ℓₖ| ≤ 1e-9 (at most 20 iterations);
 * variance = inverse information at β̂; Efron (default) or Breslow ties; optional strata with a
 * separate baseline hazard each. Covariates are centred (does not change β̂ but keeps exp() finite).
 */
public final class CoxModel {

    /** R's {@code coxph.control(eps)}. */
    static final double EPS = 1e-9;
    /** R's {@code coxph.control(iter.max)}. */
    static final int MAX_ITER = 20;

    private CoxModel() {
    }

    /** Fits the frame's covariates, stratified by its strata when present. */
    public static CoxFit fit(SurvivalFrame frame, Ties ties) {
        if (frame.design() == null) {
            throw new IllegalArgumentException("a Cox model needs at least one covariate; fix: name them (--covariates)");
        }
        return fit(frame.time(), frame.event(), frame.design(), frame.strata(), ties);
    }

    /**
     * Fits a Cox model.
     *
     * @param strata strata, or null
     * @throws IllegalArgumentException when there are no events or the covariates are collinear
     */
    public static CoxFit fit(double[] time, boolean[] event, DesignMatrix design, Factor strata, Ties ties) {
        RiskSets rs = new RiskSets(time, event, design, strata);
        int p = rs.p;
        int nevent = 0;
        for (boolean e : event) {
            if (e) {
                nevent++;
            }
        }
        if (nevent == 0) {
            throw new IllegalArgumentException("no events among the " + time.length
                    + " rows; fix: a Cox model needs at least one event (check the event column coding: 1 = event)");
        }
        double[] u = new double[p];
        double[] imat = new double[p * p];
        double[] beta = new double[p];
        double loglikNull = rs.evaluate(beta, ties, u, imat, null);
        double[][] info = square(imat, p);
        String what = "the information matrix of the Cox model (" + design.columnNames() + ")";
        double[] step = Matrices.solveSymmetric(info, u, what);
        double score = 0;
        for (int j = 0; j < p; j++) {
            score += u[j] * step[j];
        }
        double best = loglikNull;
        double[] newBeta = new double[p];
        for (int j = 0; j < p; j++) {
            newBeta[j] = beta[j] + step[j];
        }
        int halving = 0;
        int iter;
        double loglik = loglikNull;
        boolean converged = false;
        for (iter = 1; iter <= MAX_ITER; iter++) {
            double newLoglik = rs.evaluate(newBeta, ties, u, imat, null);
            boolean finite = Double.isFinite(newLoglik);
            for (double v : imat) {
                finite &= Double.isFinite(v);
            }
            if (finite && Math.abs(1 - best / newLoglik) <= EPS) {
                loglik = newLoglik;
                beta = newBeta.clone();
                converged = true;
                break;
            }
            if (!finite || newLoglik < best) {
                halving++;
                for (int j = 0; j < p; j++) {
                    newBeta[j] = (newBeta[j] + halving * beta[j]) / (halving + 1.0);
                }
            } else {
                halving = 0;
                best = newLoglik;
                double[] d = Matrices.solveSymmetric(square(imat, p), u, what);
                for (int j = 0; j < p; j++) {
                    beta[j] = newBeta[j];
                    newBeta[j] += d[j];
                }
            }
        }
        if (!converged) {
            iter = MAX_ITER;
            loglik = rs.evaluate(beta, ties, u, imat, null);
        }
        double[][] vcov = Matrices.inverse(square(imat, p), what);
        List<String> warnings = new ArrayList<>();
        if (!converged) {
            warnings.add("Ran out of iterations (" + MAX_ITER + ") and did not converge");
        }
        // R's check for a coefficient drifting to infinity: |(u V)_j| > eps and > sqrt(eps)·|beta_j|
        for (int j = 0; j < p; j++) {
            double d = 0;
            for (int k = 0; k < p; k++) {
                d += u[k] * vcov[k][j];
            }
            if (Math.abs(d) > EPS && Math.abs(d) > Math.sqrt(EPS) * Math.abs(beta[j])) {
                warnings.add("Loglik converged before variable " + design.columnNames().get(j)
                        + "; coefficient may be infinite (e.g. a category without events)");
            }
        }
        return summarise(rs, design, strata, ties, beta, vcov, loglikNull, loglik, score, iter, nevent, time.length,
                warnings);
    }

    private static CoxFit summarise(RiskSets rs, DesignMatrix design, Factor strata, Ties ties, double[] beta,
                                    double[][] vcov, double loglikNull, double loglik, double score, int iter,
                                    int nevent, int n, List<String> warnings) {
        int p = beta.length;
        double z975 = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);
        NormalDistribution normal = NormalDistribution.of(0, 1);
        List<CoxTerm> terms = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double se = Math.sqrt(vcov[j][j]);
            double z = beta[j] / se;
            terms.add(new CoxTerm(design.columnNames().get(j), beta[j], se, Math.exp(beta[j]),
                    Math.exp(beta[j] - z975 * se), Math.exp(beta[j] + z975 * se), z,
                    2 * normal.survivalProbability(Math.abs(z))));
        }
        double wald = Matrices.quadraticInverse(vcov, beta, "the variance matrix of the Cox model");
        Map<String, ChiSquareStatistic> termTests = new LinkedHashMap<>();
        for (DesignMatrix.Term t : design.terms()) {
            if (t.categorical()) {
                int[] idx = t.columns().stream().mapToInt(Integer::intValue).toArray();
                double[] b = new double[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    b[i] = beta[idx[i]];
                }
                termTests.put(t.name(), ChiSquareStatistic.of(
                        Matrices.quadraticInverse(Matrices.sub(vcov, idx), b, "the variance of " + t.name()), idx.length));
            }
        }
        Concordance c = Concordance.compute(rs.linearPredictor(beta), rs.event, rs.binStart, rs.stratumStart);
        return new CoxFit(n, nevent, ties, iter, loglikNull, loglik, List.copyOf(terms), vcov,
                ChiSquareStatistic.of(2 * (loglik - loglikNull), p), ChiSquareStatistic.of(wald, p),
                ChiSquareStatistic.of(score, p), c, java.util.Collections.unmodifiableMap(termTests), design.terms(),
                strata == null ? List.of() : strata.levels(), List.copyOf(warnings));
    }

    static double[][] square(double[] m, int p) {
        double[][] a = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(m, i * p, a[i], 0, p);
        }
        return a;
    }
}
