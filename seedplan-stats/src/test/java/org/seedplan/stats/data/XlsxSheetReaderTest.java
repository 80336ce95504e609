package org.seedplan.stats.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.junit.jupiter.api.Test;

/** The streaming reader's shortcuts give what POI's own conversions give. */
class XlsxSheetReaderTest {

    @Test
    void plainDecimalTextIsKeptOnlyWhereExcelShowsItUnchanged() {
        Random rnd = new Random(7);
        int kept = 0;
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> rnd.nextInt(100_000) - 50_000;
                case 1 -> Math.round(rnd.nextGaussian() * 1e4) / 100.0;
                case 2 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(20) - 10);
                default -> rnd.nextInt(1000) * 0.25;
            };
            for (String raw : new String[] {Double.toString(d), String.format(Locale.ROOT, "%.2f", d), Long.toString(Math.round(d))}) {
                if (XlsxSheetReader.plainDecimal(raw)) {
                    kept++;
                    assertThat(raw).as("stored %s", raw).isEqualTo(NumberToTextConverter.toText(Double.parseDouble(raw)));
                }
            }
        }
        assertThat(kept).as("the shortcut is taken for most ordinary numbers").isGreaterThan(300_000);
        assertThat(XlsxSheetReader.plainDecimal("1E-3")).isFalse();
        assertThat(XlsxSheetReader.plainDecimal("0.30000000000000004")).isFalse();
        assertThat(XlsxSheetReader.plainDecimal("1.50")).isFalse();
    }

    @Test
    void columnOfAReferenceIsPoisColumn() {
        for (String ref : new String[] {"A1", "Z9", "AA10", "AZ3", "BA1", "XFD1048576"}) {
            assertThat(XlsxSheetReader.column(ref)).as(ref).isEqualTo(new CellReference(ref).getCol());
        }
    }
}
