package org.seedplan.stats.data;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable table of named text columns read from a CSV or .xlsx file, with typed accessors
 * ({@link #numeric}, {@link #text}, {@link #dates}) that treat empty cells and {@code NA} as missing
 * and name file, row, column and value when a cell cannot be read.
 *
 * <p>Row numbers in messages are the row numbers of the source file (the header is row 1), so that a
 * clinician can find the cell in Excel. Create tables with {@link DataTableReader#read}.
 */
public final class DataTable {

    /** The literal that marks a missing value, as R writes it. */
    public static final String NA = "NA";

    private final String source;
    private final List<String> names;
    private final Map<String, Integer> index;
    private final String[][] columns; // columns[c][r], null = missing
    private final int[] sourceRows;

    /**
     * Creates a table.
     *
     * @param source     file name used in messages
     * @param names      column names (unique, non-blank)
     * @param columns    cell text per column; null, empty or {@code NA} means missing
     * @param sourceRows row number in the source file of each row (for messages)
     */
    public DataTable(String source, List<String> names, String[][] columns, int[] sourceRows) {
        if (names.size() != columns.length) {
            throw new IllegalArgumentException(source + ": " + names.size() + " column names but "
                    + columns.length + " columns");
        }
        this.source = source;
        this.names = List.copyOf(names);
        this.index = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            String n = names.get(c);
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException(source + " row 1 column " + (c + 1)
                        + ": empty column name; fix: give every column a header");
            }
            if (index.put(n, c) != null) {
                throw new IllegalArgumentException(source + " row 1: column name '" + n
                        + "' appears twice; fix: make column names unique");
            }
        }
        this.columns = new String[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != sourceRows.length) {
                throw new IllegalArgumentException(source + ": column '" + names.get(c) + "' has "
                        + columns[c].length + " cells, expected " + sourceRows.length);
            }
            String[] col = new String[sourceRows.length];
            for (int r = 0; r < col.length; r++) {
                col[r] = normalise(columns[c][r]);
            }
            this.columns[c] = col;
        }
        this.sourceRows = sourceRows.clone();
    }

    private static String normalise(String cell) {
        if (cell == null) {
            return null;
        }
        String t = cell.strip();
        return t.isEmpty() || t.equals(NA) ? null : t;
    }

    /** The file (or other source) the table was read from, as used in messages. */
    public String source() {
        return source;
    }

    /** Column names in file order. */
    public List<String> columnNames() {
        return names;
    }

    /** Number of data rows (header excluded). */
    public int rowCount() {
        return sourceRows.length;
    }

    /** Whether the table has a column of this name. */
    public boolean hasColumn(String column) {
        return index.containsKey(column);
    }

    /** The row number in the source file of data row {@code row} (header = row 1). */
    public int sourceRow(int row) {
        return sourceRows[row];
    }

    /** The cell text, or null when missing (empty or {@code NA}). */
    public String cell(int row, String column) {
        return columns[col(column)][row];
    }

    /** Whether the cell is missing (empty or {@code NA}). */
    public boolean isMissing(int row, String column) {
        return columns[col(column)][row] == null;
    }

    /** "FILE row R column 'C'": where a cell is, for messages. */
    public String where(int row, String column) {
        return source + " row " + sourceRows[row] + " column '" + column + "'";
    }

    /** A copy of a column's cells; missing cells are null. */
    public String[] text(String column) {
        return columns[col(column)].clone();
    }

    /**
     * A column as numbers; missing cells are {@link Double#NaN}.
     *
     * @throws IllegalArgumentException naming file, row, column and value when a cell is not a finite number
     */
    public double[] numeric(String column) {
        String[] cells = columns[col(column)];
        double[] out = new double[cells.length];
        for (int r = 0; r < cells.length; r++) {
            out[r] = cells[r] == null ? Double.NaN : parseNumber(r, column, cells[r]);
        }
        return out;
    }

    /**
     * A column as ISO dates (yyyy-MM-dd; .xlsx date cells are converted on reading); missing cells are null.
     *
     * @throws IllegalArgumentException naming file, row, column and value when a cell is not a date
     */
    public LocalDate[] dates(String column) {
        String[] cells = columns[col(column)];
        LocalDate[] out = new LocalDate[cells.length];
        for (int r = 0; r < cells.length; r++) {
            if (cells[r] != null) {
                String v = cells[r];
                try {
                    out[r] = LocalDate.parse(v.length() > 10 && v.charAt(10) == 'T' ? v.substring(0, 10) : v);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(where(r, column) + ": value '" + v
                            + "' is not a date; fix: write dates as yyyy-MM-dd (for example 2024-03-31)");
                }
            }
        }
        return out;
    }

    /**
     * The distinct non-missing values of a column in R's factor order: numerically when every value is
     * a number, otherwise in alphabetical order.
     */
    public List<String> levels(String column) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String v : columns[col(column)]) {
            if (v != null) {
                distinct.add(v);
            }
        }
        return Levels.sorted(distinct);
    }

    /** The table restricted to the given rows (in the given order). */
    public DataTable rows(int[] rows) {
        String[][] cols = new String[columns.length][rows.length];
        int[] src = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            src[i] = sourceRows[rows[i]];
            for (int c = 0; c < columns.length; c++) {
                cols[c][i] = columns[c][rows[i]];
            }
        }
        return new DataTable(source, names, cols, src);
    }

    /**
     * Complete cases for a set of columns: the rows where none of the columns is missing, and how many
     * rows were dropped (R's {@code na.omit} / SPSS listwise deletion).
     */
    public CompleteCases completeCases(List<String> requiredColumns) {
        int[] cols = requiredColumns.stream().mapToInt(this::col).toArray();
        int[] keep = new int[rowCount()];
        int k = 0;
        for (int r = 0; r < rowCount(); r++) {
            boolean ok = true;
            for (int c : cols) {
                if (columns[c][r] == null) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                keep[k++] = r;
            }
        }
        return new CompleteCases(rows(Arrays.copyOf(keep, k)), rowCount() - k, List.copyOf(requiredColumns));
    }

    /** A plain decimal number: sign, digits with an optional point, optional exponent (no hexadecimal, no 'd'/'f' suffix). */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Infinity)");

    private double parseNumber(int row, String column, String v) {
        double d;
        try {
            if (!DECIMAL.matcher(v.strip()).matches()) {
                throw new NumberFormatException(v);
            }
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where(row, column) + ": value '" + v
                    + "' is not a number; fix: write a number with '.' as decimal mark, or leave the cell empty / NA if missing");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(where(row, column) + ": value '" + v
                    + "' is not a finite number; fix: leave the cell empty / NA if missing");
        }
        return d;
    }

    private int col(String column) {
        Integer c = index.get(column);
        if (c == null) {
            throw new IllegalArgumentException(source + ": no column '" + column + "'; fix: use one of "
                    + names);
        }
        return c;
    }

    @Override
    public String toString() {
        return "DataTable[" + source + ", " + rowCount() + " rows, columns " + new ArrayList<>(names) + "]";
    }
}
