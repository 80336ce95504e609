package org.seedplan.storage.registry;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A calendar date known to the year, the month or the day ("2024", "2024-05", "2024-05-17"); stored as the first day
 * of the period and its precision.
 *
 * @param first     the first day of the period
 * @param precision how much of the date is known
 */
public record PartialDate(LocalDate first, Precision precision) {

    /** How much of a date is known. */
    public enum Precision { YEAR, MONTH, DAY }

    public PartialDate {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(precision, "precision");
        if (precision != Precision.DAY && first.getDayOfMonth() != 1 || precision == Precision.YEAR && first.getMonthValue() != 1) {
            throw new IllegalArgumentException("partial date " + first + " (" + precision + ") does not start its period");
        }
    }

    /** A date known to the day. */
    public static PartialDate ofDay(LocalDate day) {
        return new PartialDate(day, Precision.DAY);
    }

    /**
     * Parses "yyyy", "yyyy-MM" or "yyyy-MM-dd"; {@code field} names the input in the error.
     *
     * @throws IllegalArgumentException naming the field and the accepted forms
     */
    public static PartialDate parse(String text, String field) {
        String s = text == null ? "" : text.strip();
        try {
            if (s.matches("\\d{4}")) {
                return new PartialDate(LocalDate.of(Integer.parseInt(s), 1, 1), Precision.YEAR);
            }
            if (s.matches("\\d{4}-\\d{2}")) {
                return new PartialDate(YearMonth.parse(s).atDay(1), Precision.MONTH);
            }
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return ofDay(LocalDate.parse(s));
            }
        } catch (java.time.DateTimeException e) {
            // reported below
        }
        throw new IllegalArgumentException(field + ": '" + s + "' is not a date; give yyyy, yyyy-MM or yyyy-MM-dd");
    }

    /** The last day of the period. */
    public LocalDate last() {
        return switch (precision) {
            case YEAR -> first.withMonth(12).withDayOfMonth(31);
            case MONTH -> YearMonth.from(first).atEndOfMonth();
            case DAY -> first;
        };
    }

    /** The date as written: "2024", "2024-05" or "2024-05-17". */
    @Override
    public String toString() {
        return switch (precision) {
            case YEAR -> Integer.toString(first.getYear());
            case MONTH -> YearMonth.from(first).toString();
            case DAY -> first.toString();
        };
    }
}
