package org.seedplan.outcomes.io;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.seedplan.stats.data.DataTable;

/**
 * Typed, validated access to the cells of one cohort table: every error names the file, row, column and
 * value and says how to fix it. Optional columns that the file lacks read as missing.
 */
final class Cells {

    private final DataTable table;
    private final java.util.function.Consumer<String> softErrors;
    private String lastSoftError;
    private String lastDateTimeText;
    private LocalDateTime lastDateTime;

    Cells(DataTable table, List<String> requiredColumns) {
        this(table, requiredColumns, null);
    }

    /**
     * Cells whose optional values, when invalid, are reported to {@code softErrors} and read as missing instead of
     * throwing (so that every bad cell of a row is reported); required values still throw.
     */
    Cells(DataTable table, List<String> requiredColumns, java.util.function.Consumer<String> softErrors) {
        this.table = table;
        this.softErrors = softErrors;
        for (String c : requiredColumns) {
            if (!table.hasColumn(c)) {
                throw new IllegalArgumentException(table.source() + ": required column '" + c
                        + "' is missing; fix: add the column (see docs/outcomes.md and docs/templates/cohort/)");
            }
        }
    }

    int rows() {
        return table.rowCount();
    }

    String where(int row, String column) {
        return table.hasColumn(column) ? table.where(row, column) : table.source() + " row " + table.sourceRow(row);
    }

    String text(int row, String column) {
        return table.hasColumn(column) ? table.cell(row, column) : null;
    }

    String requiredText(int row, String column) {
        String v = text(row, column);
        if (v == null) {
            throw new IllegalArgumentException(where(row, column) + ": value is missing; fix: fill in the " + column);
        }
        return v;
    }

    /**
     * True for a plain decimal number: sign, digits with an optional point, optional exponent, or a signed NaN/Infinity
     * (no hexadecimal, no 'd'/'f' suffix, which {@link Double#parseDouble} would accept).
     */
    static boolean isDecimal(String v) {
        int n = v.length();
        int i = n > 0 && (v.charAt(0) == '+' || v.charAt(0) == '-') ? 1 : 0;
        if (v.startsWith("NaN", i) || v.startsWith("Infinity", i)) {
            return v.length() == i + (v.charAt(i) == 'N' ? 3 : 8);
        }
        int intDigits = digits(v, i);
        i += intDigits;
        int fractionDigits = 0;
        if (i < n && v.charAt(i) == '.') {
            fractionDigits = digits(v, i + 1);
            i += 1 + fractionDigits;
        }
        if (intDigits + fractionDigits == 0) {
            return false;
        }
        if (i < n && (v.charAt(i) == 'e' || v.charAt(i) == 'E')) {
            i++;
            if (i < n && (v.charAt(i) == '+' || v.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = digits(v, i);
            if (exponentDigits == 0) {
                return false;
            }
            i += exponentDigits;
        }
        return i == n;
    }

    private static int digits(String v, int from) {
        int i = from;
        while (i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    Double number(int row, String column, double min, double max) {
        String v = text(row, column);
        if (v == null) {
            return null;
        }
        double d;
        try {
            if (!isDecimal(v.strip())) {
                throw new NumberFormatException(v);
            }
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return fail(where(row, column) + ": value '" + v
                    + "' is not a number; fix: write a number with '.' as decimal mark, or leave the cell empty / NA if missing");
        }
        if (!(d >= min && d <= max)) {
            return fail(where(row, column) + ": value '" + v + "' is outside " + fmt(min) + "–" + fmt(max)
                    + "; fix: correct the value or leave the cell empty / NA if missing");
        }
        return d;
    }

    Double requiredNumber(int row, String column, double min, double max) {
        requiredText(row, column);
        return required(number(row, column, min, max));
    }

    /** A required value that was reported as bad stops the row (with the same message, reported once). */
    private <T> T required(T value) {
        if (value == null) {
            throw new IllegalArgumentException(lastSoftError);
        }
        return value;
    }

    Integer whole(int row, String column, int min, int max) {
        Double d = number(row, column, min, max);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d)) {
            return fail(where(row, column) + ": value '" + text(row, column)
                    + "' is not a whole number; fix: write a whole number " + min + "–" + max);
        }
        return d.intValue();
    }

    Boolean yesNo(int row, String column) {
        String v = text(row, column);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "1" -> true;
            case "no", "n", "false", "0" -> false;
            default -> fail(where(row, column) + ": value '" + v
                    + "' is not yes/no; fix: write yes or no (also accepted: y/n, true/false, 1/0)");
        };
    }

    LocalDate date(int row, String column) {
        String v = text(row, column);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.length() > 10 && v.charAt(10) == 'T' ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            return fail(where(row, column) + ": value '" + v
                    + "' is not a date; fix: write dates as yyyy-MM-dd (for example 2024-03-31)");
        }
    }

    LocalDate requiredDate(int row, String column) {
        requiredText(row, column);
        return required(date(row, column));
    }

    LocalDateTime requiredDateTime(int row, String column) {
        String v = requiredText(row, column);
        if (v.equals(lastDateTimeText)) {
            return lastDateTime; // a log repeats its session's start on every row
        }
        try {
            lastDateTime = v.length() == 10 ? LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v.replace(' ', 'T'));
            lastDateTimeText = v;
            return lastDateTime;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where(row, column) + ": value '" + v
                    + "' is not a date and time; fix: write yyyy-MM-ddTHH:mm (for example 2024-03-31T09:30)");
        }
    }

    <E> E choice(int row, String column, List<String> accepted, List<E> values) {
        String v = text(row, column);
        if (v == null) {
            return null;
        }
        for (int i = 0; i < accepted.size(); i++) {
            if (accepted.get(i).equalsIgnoreCase(v)) {
                return values.get(i);
            }
        }
        return fail(where(row, column) + ": value '" + v + "' is not one of " + accepted
                + "; fix: write one of these");
    }

    /** Reports a bad optional value: to the soft-error sink (the value reads as missing), or as an exception without one. */
    private <T> T fail(String message) {
        if (softErrors == null) {
            throw new IllegalArgumentException(message);
        }
        softErrors.accept(message);
        lastSoftError = message;
        return null;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e12 ? Long.toString((long) d) : Double.toString(d);
    }
}
