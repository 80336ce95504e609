package org.seedplan.stats.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming reader's shortcuts give what POI's own conversions give, and date cells keep their meaning. */
class XlsxSheetReaderTest {

    @TempDir
    Path dir;

    @Test
    void plainNumberTextIsWhatExcelShowsForTheStoredNumber() {
        Random rnd = new Random(7);
        int kept = 0;
        for (int i = 0; i < 40_000; i++) {
            double d = switch (i % 4) {
                case 0 -> rnd.nextInt(100_000) - 50_000;
                case 1 -> Math.round(rnd.nextGaussian() * 1e4) / 100.0;
                case 2 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(20) - 10);
                default -> rnd.nextInt(1000) * 0.25;
            };
            for (String raw : new String[] {Double.toString(d), String.format(Locale.ROOT, "%.2f", d), String.format(Locale.ROOT, "%.4f", d),
                    Long.toString(Math.round(d)), Math.round(d) + ".0", "0" + Math.abs(Math.round(d)) + ".50"}) {
                byte[] b = raw.getBytes(StandardCharsets.US_ASCII);
                String plain = XlsxSheetReader.plainNumber(b, b.length);
                if (plain != null) {
                    kept++;
                    assertThat(plain).as("stored %s", raw).isEqualTo(NumberToTextConverter.toText(Double.parseDouble(raw)));
                }
            }
        }
        assertThat(kept).as("the shortcut is taken for most ordinary numbers").isGreaterThan(180_000);
        for (String raw : new String[] {"1E-3", "0.30000000000000004", "-0.0", "-0", ".5", "1234567890123456", "1.2.3", ""}) {
            byte[] b = raw.getBytes(StandardCharsets.US_ASCII);
            assertThat(XlsxSheetReader.plainNumber(b, b.length)).as(raw).isNull();
        }
    }

    @Test
    void datesDateTimesAndTimesOfDayKeepTheirMeaningInBothDateSystems() throws IOException {
        for (boolean date1904 : new boolean[] {false, true}) {
            Path file = dir.resolve("dates" + date1904 + ".xlsx");
            // 2024-03-31 is day 45382 counted from 1900 and 1462 days fewer counted from 1904 (ECMA-376 Part 1 §18.17.4.1);
            // Excel keeps a time of day as the fraction of a day
            double day = date1904 ? 43920 : 45382;
            try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
                var properties = wb.getCTWorkbook().isSetWorkbookPr() ? wb.getCTWorkbook().getWorkbookPr() : wb.getCTWorkbook().addNewWorkbookPr();
                properties.setDate1904(date1904);
                Sheet s = wb.createSheet("log");
                String[] header = {"day", "start", "time_of_day", "typed_date"};
                String[] formats = {"yyyy-mm-dd", "dd.mm.yyyy hh:mm", "hh:mm:ss", null};
                Row h = s.createRow(0);
                Row r = s.createRow(1);
                for (int c = 0; c < header.length; c++) {
                    h.createCell(c).setCellValue(header[c]);
                    if (formats[c] != null) {
                        CellStyle style = wb.createCellStyle();
                        style.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat(formats[c]));
                        r.createCell(c).setCellStyle(style);
                    }
                }
                r.getCell(0).setCellValue(day);
                r.getCell(1).setCellValue(day + 9.5 / 24);
                r.getCell(2).setCellValue((9 * 3600 + 30 * 60 + 15) / 86400.0);
                r.createCell(3).setCellValue("2024-03-31"); // a date typed as text stays that text
                assertThat(wb.isDate1904()).isEqualTo(date1904);
                wb.write(out);
            }
            DataTable t = DataTableReader.read(file);
            assertThat(t.cell(0, "day")).as("1904 system %s", date1904).isEqualTo("2024-03-31");
            assertThat(t.cell(0, "start")).isEqualTo("2024-03-31T09:30");
            assertThat(t.cell(0, "time_of_day")).isEqualTo("09:30:15");
            assertThat(t.cell(0, "typed_date")).isEqualTo("2024-03-31");
            assertThat(t.dates("day")).containsExactly(LocalDate.of(2024, 3, 31));
        }
    }
}
