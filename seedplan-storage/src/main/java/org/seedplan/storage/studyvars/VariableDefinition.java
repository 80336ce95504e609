package org.seedplan.storage.studyvars;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.seedplan.outcomes.io.CohortFormat;
import org.seedplan.storage.registry.PartialDate;

/**
 * What an administrator defines for one study variable.
 *
 * @param name     column name in exports: lower case, digits and underscores, starting with a letter (≤ 40 characters)
 * @param label    the label a form shows
 * @param type     value type
 * @param unit     unit of a NUMBER (e.g. "ng/mL"), else null
 * @param min      smallest allowed NUMBER value, or null
 * @param max      largest allowed NUMBER value, or null
 * @param levels   the levels of a CATEGORY in display order (at least two), else empty
 * @param level    the record a value belongs to
 * @param repeated whether a record may hold several values (instances 1, 2, …)
 */
public record VariableDefinition(String name, String label, ValueType type, String unit, Double min, Double max, List<String> levels,
                                 RecordLevel level, boolean repeated) {

    public VariableDefinition {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,39}")) {
            throw new InvalidValueException("name", "study variable name '" + name
                    + "' is not usable as a column; give lower-case letters, digits and _ starting with a letter (at most 40)");
        }
        if (label == null || label.isBlank()) {
            throw new InvalidValueException("label", "study variable " + name + ": label is empty; give the text the form shows");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(level, "level");
        List<String> builtIn = switch (level) {
            case PATIENT -> CohortFormat.PATIENT_COLUMNS;
            case LESION -> CohortFormat.LESION_COLUMNS;
            case VISIT -> CohortFormat.FOLLOWUP_COLUMNS;
        };
        if (builtIn.contains(name)) {
            throw new InvalidValueException("name", "study variable name " + name + " is a built-in column of the cohort's " + level.table()
                    + " table; choose another name");
        }
        levels = levels == null ? List.of() : levels.stream().map(String::strip).toList();
        unit = unit == null || unit.isBlank() ? null : unit.strip();
        if (type == ValueType.CATEGORY) {
            if (levels.size() < 2 || levels.stream().anyMatch(String::isEmpty) || new HashSet<>(levels).size() != levels.size()) {
                throw new InvalidValueException("levels", "study variable " + name + ": a category needs at least two distinct, non-empty levels");
            }
        } else if (!levels.isEmpty()) {
            throw new InvalidValueException("levels", "study variable " + name + ": only a CATEGORY has levels; remove them or make it a CATEGORY");
        }
        if (type != ValueType.NUMBER && (unit != null || min != null || max != null)) {
            throw new InvalidValueException("unit", "study variable " + name + ": only a NUMBER has a unit and a range");
        }
        if (min != null && max != null && min > max) {
            throw new InvalidValueException("max", "study variable " + name + ": range " + min + " – " + max + " is empty; give min ≤ max");
        }
    }

    /**
     * The value of {@code raw} for this variable: a Double (NUMBER), the level (CATEGORY), a {@link PartialDate} (DATE) or a
     * Boolean (YES_NO, written "yes"/"no").
     *
     * @throws InvalidValueException naming this variable, the value and the allowed values
     */
    public Object parse(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            throw new InvalidValueException(name, label + ": no value given");
        }
        return switch (type) {
            case NUMBER -> number(s);
            case CATEGORY -> {
                if (!levels.contains(s)) {
                    throw new InvalidValueException(name, label + ": '" + s + "' is not one of " + String.join(", ", levels));
                }
                yield s;
            }
            case DATE -> {
                try {
                    yield PartialDate.parse(s, label);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValueException(name, e.getMessage());
                }
            }
            case YES_NO -> switch (s.toLowerCase(Locale.ROOT)) {
                case "yes", "true", "1" -> Boolean.TRUE;
                case "no", "false", "0" -> Boolean.FALSE;
                default -> throw new InvalidValueException(name, label + ": '" + s + "' is not yes or no");
            };
        };
    }

    /** The text of a parsed value as exports and forms write it ("412.5", "Vp3", "2024-05", "yes"). */
    public static String text(Object value) {
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        return String.valueOf(value);
    }

    private Double number(String s) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(name, label + ": '" + s + "' is not a number" + (unit == null ? "" : " (" + unit + ")"));
        }
        if (!Double.isFinite(v) || min != null && v < min || max != null && v > max) {
            throw new InvalidValueException(name, label + ": " + s + (unit == null ? "" : " " + unit) + " is outside "
                    + (min == null ? "−∞" : text(min)) + " – " + (max == null ? "∞" : text(max)) + (unit == null ? "" : " " + unit));
        }
        return v;
    }
}
