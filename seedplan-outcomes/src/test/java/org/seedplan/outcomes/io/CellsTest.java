package org.seedplan.outcomes.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The number check of cohort cells accepts exactly the plain decimal grammar, written as a regular expression here. */
class CellsTest {

    /** Sign, digits with an optional point, optional exponent; or a signed NaN / Infinity. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Infinity)");

    @Test
    void decimalCheckAcceptsWhatTheGrammarAccepts() {
        String[] pieces = {"0", "7", "12", ".", "e", "E", "+", "-", "NaN", "Infinity", "x", "d", "f", "0x1", " ", "Inf"};
        Random rnd = new Random(13);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = rnd.nextInt(6); k >= 0; k--) {
                sb.append(pieces[rnd.nextInt(pieces.length)]);
            }
            String v = sb.toString();
            boolean expected = DECIMAL.matcher(v).matches();
            accepted += expected ? 1 : 0;
            assertThat(Cells.isDecimal(v)).as("'%s'", v).isEqualTo(expected);
        }
        assertThat(accepted).as("enough accepted strings to mean something").isGreaterThan(5_000);
        for (String v : new String[] {"36.54", "-0.25", "1e-3", "5.", ".5", "+Infinity", "NaN", "1E+05"}) {
            assertThat(Cells.isDecimal(v)).as(v).isTrue();
        }
        for (String v : new String[] {"", ".", "e5", "1e", "0x10", "1d", "1f", "--1", "1,5", "NaNa"}) {
            assertThat(Cells.isDecimal(v)).as(v).isFalse();
        }
    }
}
