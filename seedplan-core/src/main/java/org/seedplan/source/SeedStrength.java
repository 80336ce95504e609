package org.seedplan.source;

import java.util.Locale;

/**
 * The strength of one seed as the user gave it: air-kerma strength in U, or apparent activity in
 * mCi or MBq. The unit is always explicit, never guessed. For I-125, 1 mCi apparent activity is
 * 1.270 U (TG-43 1995: 1.45 R·cm²·mCi⁻¹·h⁻¹ × W/e 0.876 cGy/R; PROVENANCE.md §7) and 1 mCi = 37 MBq.
 */
public record SeedStrength(double value, Unit unit) {

    /** U per mCi of apparent activity for I-125. */
    public static final double U_PER_MCI_I125 = 1.270;
    public static final double MBQ_PER_MCI = 37.0;

    /** The unit a strength was given in. */
    public enum Unit {
        U("U"), MCI("mCi"), MBQ("MBq");

        private final String symbol;

        Unit(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static Unit parse(String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            return switch (t) {
                case "u", "ugy m2/h", "µgy·m²·h⁻¹" -> U;
                case "mci" -> MCI;
                case "mbq" -> MBQ;
                default -> throw new IllegalArgumentException("unknown strength unit '" + s + "': use U, mCi or MBq");
            };
        }
    }

    public SeedStrength {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("seed strength must be positive, got " + value + " " + unit.symbol()
                    + ": give the strength of one seed, e.g. 0.6 mCi or 0.76 U");
        }
        double sk = switch (unit) {
            case U -> value;
            case MCI -> value * U_PER_MCI_I125;
            case MBQ -> value / MBQ_PER_MCI * U_PER_MCI_I125;
        };
        if (sk > org.seedplan.dose.Seed.MAX_SK_U) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "seed strength %s %s is %.4g U, above %s U: stronger than any"
                    + " permanent-implant seed; check the value and its unit (one seed, U, mCi or MBq)", trim(value), unit.symbol(), sk,
                    trim(org.seedplan.dose.Seed.MAX_SK_U)));
        }
    }

    /** Parses "0.6 mCi", "0.762U", "22.2 MBq"; a number without a unit is refused. */
    public static SeedStrength parse(String text) {
        String t = text.trim();
        int split = 0;
        while (split < t.length() && "0123456789.+-eE".indexOf(t.charAt(split)) >= 0) {
            split++;
        }
        // "e" may start a unit only if followed by letters; strengths never use it, so back off to the last digit
        while (split > 0 && Character.isLetter(t.charAt(split - 1))) {
            split--;
        }
        String number = t.substring(0, split).trim();
        String unit = t.substring(split).trim();
        if (number.isEmpty() || unit.isEmpty()) {
            throw new IllegalArgumentException("seed strength '" + text + "' needs a number and a unit: write e.g. 0.6mCi, 0.76U or 22.2MBq");
        }
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("seed strength '" + text + "': '" + number + "' is not a number");
        }
        return new SeedStrength(v, Unit.parse(unit));
    }

    /** Air-kerma strength S_K in U. */
    public double skU() {
        return switch (unit) {
            case U -> value;
            case MCI -> value * U_PER_MCI_I125;
            case MBQ -> value / MBQ_PER_MCI * U_PER_MCI_I125;
        };
    }

    /** Apparent activity in mCi (I-125 conversion). */
    public double activityMCi() {
        return skU() / U_PER_MCI_I125;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s", trim(value), unit.symbol());
    }

    private static String trim(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
