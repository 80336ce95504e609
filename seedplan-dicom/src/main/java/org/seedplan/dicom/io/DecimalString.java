package org.seedplan.dicom.io;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Formats numbers as DICOM decimal strings (DS, PS3.5 §6.2): at most 16 characters, no loss beyond that limit. */
public final class DecimalString {

    private static final int MAX_CHARS = 16;

    private DecimalString() {
    }

    /** The shortest decimal text of {@code v} that fits 16 characters, rounding only when it must. */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot write the non-finite number " + v + " as a DICOM decimal string");
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String plain = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        if (plain.length() <= MAX_CHARS) {
            return plain;
        }
        // too long: round to the most significant digits that still fit, plain or scientific
        for (int digits = 15; digits >= 1; digits--) {
            BigDecimal r = new BigDecimal(v).round(new MathContext(digits));
            String p = r.stripTrailingZeros().toPlainString();
            if (p.length() <= MAX_CHARS) {
                return p;
            }
            String e = String.format(Locale.ROOT, "%." + (digits - 1) + "E", v);
            if (e.length() <= MAX_CHARS) {
                return e;
            }
        }
        throw new IllegalArgumentException("cannot write " + v + " in 16 characters");
    }
}
