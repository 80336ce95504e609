package org.seedplan.outcomes.plan;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Numbers in the value columns of plan tables: plain decimals to 10 significant digits (below 1e-4 in scientific
 * notation, e.g. {@code 5.281807292E-11}, which R, SPSS and Excel read), {@code NA} when not available.
 */
final class Values {

    private Values() {
    }

    /** The number as table text; NaN and infinities (not reached, not estimable) are {@code NA}. */
    static String of(double v) {
        if (!Double.isFinite(v)) {
            return "NA";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros();
        return v != 0 && Math.abs(v) < 1e-4 ? d.toString() : d.toPlainString();
    }

    /** A count as table text. */
    static String of(int n) {
        return Integer.toString(n);
    }
}
