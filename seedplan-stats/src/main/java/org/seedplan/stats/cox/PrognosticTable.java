package org.seedplan.stats.cox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.DesignMatrix;
import org.seedplan.stats.survival.SurvivalFrame;

/**
 * The prognostic-factor table of the clinical literature: every candidate in its own (univariable)
 * Cox model; candidates whose univariable p is below the threshold enter one multivariable model.
 * The p of a candidate is its Wald p (for a categorical candidate the joint Wald test of its levels,
 * as SPSS prints on the covariate's own row). Each model uses the complete cases of its own
 * variables; the table records n and the rows dropped.
 *
 * @param threshold          entry threshold (commonly 0.05 or 0.10)
 * @param rows               one row per coefficient, in candidate order
 * @param candidates         per candidate: univariable n, rows dropped, term p, whether it entered
 * @param multivariable      the multivariable fit, or null when no candidate entered
 * @param multivariableDropped rows dropped for the multivariable model
 */
public record PrognosticTable(double threshold, List<Row> rows, List<Candidate> candidates, CoxFit multivariable,
                              int multivariableDropped) {

    /**
     * One coefficient.
     *
     * @param variable      candidate (table column)
     * @param term          coefficient name ({@code age}, {@code agegrpge60})
     * @param reference     reference level of a categorical candidate, else null
     * @param univariable   the coefficient in the univariable model
     * @param multivariable the coefficient in the multivariable model, or null if the candidate did not enter
     */
    public record Row(String variable, String term, String reference, CoxTerm univariable, CoxTerm multivariable) {
    }

    /**
     * One candidate.
     *
     * @param variable  table column
     * @param n         rows used by its univariable model
     * @param dropped   rows dropped (missing values)
     * @param p         univariable p (Wald; joint Wald for a categorical candidate)
     * @param entered   whether p &lt; threshold
     * @param pMultivariable the candidate's p in the multivariable model (NaN if not entered)
     */
    public record Candidate(String variable, int n, int dropped, double p, boolean entered, double pMultivariable) {
    }

    /**
     * Builds the table.
     *
     * @param strata     stratum column (null for none), used in every model
     * @param threshold  univariable p below which a candidate enters the multivariable model
     */
    public static PrognosticTable build(DataTable table, String time, String event, List<String> candidates,
                                        Collection<String> categorical, Map<String, String> references, String strata,
                                        Ties ties, double threshold) {
        return build(table, time, event, candidates, categorical, references, strata, ties, threshold, null);
    }

    /**
     * Builds the table with every model's variance clustered by {@code cluster} (a column, e.g. the patient of each
     * lesion; null for the model-based variance): {@link CoxRobustVariance}, as R's {@code coxph(..., cluster = id)}.
     * Rows without a cluster are dropped like rows with a missing covariate.
     */
    public static PrognosticTable build(DataTable table, String time, String event, List<String> candidates,
                                        Collection<String> categorical, Map<String, String> references, String strata,
                                        Ties ties, double threshold, String cluster) {
        List<CoxFit> uni = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        List<String> entered = new ArrayList<>();
        List<Double> pUni = new ArrayList<>();
        for (String c : candidates) {
            List<String> cat = categorical.contains(c) ? List.of(c) : List.of();
            Map<String, String> ref = references.containsKey(c) ? Map.of(c, references.get(c)) : Map.of();
            SurvivalFrame f = SurvivalFrame.from(table, time, event, cluster, strata, List.of(c), cat, ref);
            CoxFit fit = fit(f, ties, cluster);
            uni.add(fit);
            dropped.add(f.dropped());
            double p = termP(fit, c);
            pUni.add(p);
            if (p < threshold) {
                entered.add(c);
            }
        }
        CoxFit multi = null;
        int multiDropped = 0;
        if (!entered.isEmpty()) {
            List<String> cat = entered.stream().filter(categorical::contains).toList();
            Map<String, String> ref = new java.util.HashMap<>();
            for (String c : cat) {
                if (references.containsKey(c)) {
                    ref.put(c, references.get(c));
                }
            }
            SurvivalFrame f = SurvivalFrame.from(table, time, event, cluster, strata, entered, cat, ref);
            multi = fit(f, ties, cluster);
            multiDropped = f.dropped();
        }
        List<Row> rows = new ArrayList<>();
        List<Candidate> cands = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            String c = candidates.get(i);
            CoxFit fit = uni.get(i);
            DesignMatrix.Term t = fit.design().get(0);
            for (CoxTerm ct : fit.terms()) {
                CoxTerm m = multi != null && entered.contains(c) ? multi.term(ct.term()) : null;
                rows.add(new Row(c, ct.term(), t.reference(), ct, m));
            }
            boolean in = entered.contains(c);
            cands.add(new Candidate(c, fit.n(), dropped.get(i), pUni.get(i), in, in ? termP(multi, c) : Double.NaN));
        }
        return new PrognosticTable(threshold, List.copyOf(rows), List.copyOf(cands), multi, multiDropped);
    }

    /** The model of a frame; with a cluster column (carried as the frame's group) its variance is the clustered sandwich. */
    private static CoxFit fit(SurvivalFrame f, Ties ties, String cluster) {
        CoxFit fit = CoxModel.fit(f, ties);
        if (cluster == null) {
            return fit;
        }
        String[] labels = new String[f.n()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = f.group().levels().get(f.group().codes()[i]);
        }
        return CoxRobustVariance.clustered(fit, f, labels);
    }

    /** The p of a covariate in a fit: its Wald p, or the joint Wald p of a categorical covariate. */
    static double termP(CoxFit fit, String variable) {
        ChiSquareStatistic joint = fit.termTests().get(variable);
        if (joint != null) {
            return joint.p();
        }
        for (DesignMatrix.Term t : fit.design()) {
            if (t.name().equals(variable)) {
                return fit.terms().get(t.columns().get(0)).pWald();
            }
        }
        throw new IllegalArgumentException("no covariate '" + variable + "' in the model");
    }
}
