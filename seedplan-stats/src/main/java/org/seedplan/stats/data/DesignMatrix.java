package org.seedplan.stats.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A model matrix as R's {@code model.matrix} builds it without intercept: numeric covariates as
 * they are, a categorical covariate as one 0/1 column per non-reference level named
 * {@code COLUMNlevel} (treatment contrasts).
 *
 * @param columnNames the column (coefficient) names, R style
 * @param terms       the covariates, each with the columns it produced
 * @param values      row-major values, {@code values[row * columns + column]}
 * @param rows        number of rows
 */
public record DesignMatrix(List<String> columnNames, List<Term> terms, double[] values, int rows) {

    /**
     * One covariate of the model and its columns.
     *
     * @param name        the covariate (table column) name
     * @param columns     indices of its columns in the matrix
     * @param categorical whether it was coded as dummy columns
     * @param reference   the reference level of a categorical covariate (null otherwise)
     */
    public record Term(String name, List<Integer> columns, boolean categorical, String reference) {
    }

    /** Number of columns. */
    public int columns() {
        return columnNames.size();
    }

    /** One value. */
    public double get(int row, int column) {
        return values[row * columnNames.size() + column];
    }

    /**
     * Builds the matrix from a table without missing values in the covariates (see
     * {@link DataTable#completeCases}).
     *
     * @param covariates  table columns, in model order
     * @param categorical which of them are categorical (others must be numeric)
     * @param references  reference level per categorical covariate; default: the first level in R's order
     */
    public static DesignMatrix build(DataTable table, List<String> covariates, Collection<String> categorical,
                                     Map<String, String> references) {
        for (String c : categorical) {
            if (!covariates.contains(c)) {
                throw new IllegalArgumentException("categorical column '" + c
                        + "' is not among the covariates " + covariates + "; fix: add it to the covariates");
            }
        }
        for (String c : references.keySet()) {
            if (!categorical.contains(c)) {
                throw new IllegalArgumentException("reference level given for '" + c
                        + "', which is not categorical; fix: declare it categorical");
            }
        }
        int n = table.rowCount();
        List<String> names = new ArrayList<>();
        List<Term> terms = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        for (String cov : covariates) {
            if (categorical.contains(cov)) {
                List<String> levels = table.levels(cov);
                String ref = references.getOrDefault(cov, levels.isEmpty() ? null : levels.get(0));
                if (!levels.contains(ref)) {
                    throw new IllegalArgumentException(table.source() + ": reference level '" + ref
                            + "' does not occur in column '" + cov + "'; fix: use one of " + levels);
                }
                if (levels.size() < 2) {
                    throw new IllegalArgumentException(table.source() + ": column '" + cov
                            + "' has only the level " + levels + " in the rows used; fix: drop it from the model");
                }
                String[] cells = table.text(cov);
                List<Integer> idx = new ArrayList<>();
                for (String level : levels) {
                    if (level.equals(ref)) {
                        continue;
                    }
                    double[] col = new double[n];
                    for (int r = 0; r < n; r++) {
                        col[r] = level.equals(cells[r]) ? 1 : 0;
                    }
                    idx.add(names.size());
                    names.add(cov + level);
                    cols.add(col);
                }
                terms.add(new Term(cov, List.copyOf(idx), true, ref));
            } else {
                terms.add(new Term(cov, List.of(names.size()), false, null));
                names.add(cov);
                cols.add(table.numeric(cov));
            }
        }
        int p = names.size();
        double[] values = new double[n * p];
        for (int j = 0; j < p; j++) {
            double[] col = cols.get(j);
            for (int r = 0; r < n; r++) {
                values[r * p + j] = col[r];
            }
        }
        return new DesignMatrix(List.copyOf(names), List.copyOf(terms), values, n);
    }
}
