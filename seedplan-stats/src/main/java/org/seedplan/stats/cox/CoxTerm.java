package org.seedplan.stats.cox;

/**
 * One coefficient of a Cox model, named and computed as R's {@code summary(coxph)}.
 *
 * @param term      coefficient name ({@code age}, or {@code COLUMNlevel} for a categorical level)
 * @param coef      log hazard ratio β
 * @param se        standard error of β (from the inverse information)
 * @param hr        hazard ratio exp(β)
 * @param hrLower95 exp(β − 1.959964·se)
 * @param hrUpper95 exp(β + 1.959964·se)
 * @param z         β / se
 * @param pWald     2·(1 − Φ(|z|))
 */
public record CoxTerm(String term, double coef, double se, double hr, double hrLower95, double hrUpper95,
                      double z, double pWald) {
}
