package org.seedplan.stats.cox;

import java.util.List;
import java.util.Map;
import org.seedplan.stats.data.DesignMatrix;

/**
 * A fitted Cox proportional-hazards model with the quantities R's {@code summary(coxph)} prints.
 *
 * @param n            rows used
 * @param nevent       events
 * @param ties         tie handling
 * @param iterations   Newton–Raphson iterations
 * @param loglikNull   log partial likelihood at β = 0
 * @param loglik       log partial likelihood at β̂
 * @param terms        one entry per coefficient
 * @param vcov         variance matrix of β̂ (inverse information)
 * @param lrTest       likelihood-ratio test 2(ℓ(β̂) − ℓ(0))
 * @param waldTest     Wald test β̂ᵀV⁻¹β̂ (unrounded; R's summary prints it rounded to 2 decimals)
 * @param scoreTest    score (log-rank) test at β = 0
 * @param concordance  Harrell's C as coxph reports it
 * @param termTests    joint Wald test of each categorical covariate's columns, by covariate name
 * @param design       the covariates' structure (terms and columns)
 * @param strata       stratum labels (empty without strata)
 * @param warnings     R's warnings: coefficients that may be infinite (monotone likelihood, e.g. a level
 *                     without events), or no convergence in 20 iterations; empty when all is well
 */
public record CoxFit(int n, int nevent, Ties ties, int iterations, double loglikNull, double loglik,
                     List<CoxTerm> terms, double[][] vcov, ChiSquareStatistic lrTest, ChiSquareStatistic waldTest,
                     ChiSquareStatistic scoreTest, Concordance concordance, Map<String, ChiSquareStatistic> termTests,
                     List<DesignMatrix.Term> design, List<String> strata, List<String> warnings) {

    /** The coefficients β̂ in term order. */
    public double[] coefficients() {
        return terms.stream().mapToDouble(CoxTerm::coef).toArray();
    }

    /** The entry of a coefficient by name. */
    public CoxTerm term(String name) {
        return terms.stream().filter(t -> t.term().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no coefficient '" + name + "'"));
    }
}
