package org.seedplan.outcomes.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.outcomes.registry.HyperthermiaSession;

/**
 * A thermometry log read from .xlsx gives exactly what the same log gives from CSV (sessions, samples, start
 * date-times from date-formatted cells in the 1900 or 1904 date system), read by streaming. With
 * SEEDPLAN_LARGE_IMPORT=1 the log has the 345,600 rows of issue 13 (100 sessions × 288 readings × 12 channels) and
 * the test prints the median of five timed imports of each.
 */
class LargeWorkbookImportTest {

    @TempDir
    Path dir;

    @Test
    void workbookLogReadsAsItsCsvDoes() throws Exception {
        boolean large = System.getenv("SEEDPLAN_LARGE_IMPORT") != null;
        int sessions = large ? 100 : 6;
        Path csv = dir.resolve("log.csv");
        Path xlsx = dir.resolve("log.xlsx");
        write(sessions, csv, xlsx, false);
        List<HyperthermiaSession> fromCsv = CohortImport.readHyperthermiaLog(csv);
        List<HyperthermiaSession> fromXlsx = CohortImport.readHyperthermiaLog(xlsx);
        assertThat(fromXlsx).isEqualTo(fromCsv);
        assertThat(fromCsv).hasSize(sessions);
        assertThat(fromCsv.get(0).samples()).hasSize(288 * 12);
        assertThat(fromCsv.get(0).start()).isEqualTo(LocalDateTime.of(2024, 1, 8, 9, 0));
        if (large) {
            // alternate the two imports so that both meet the same machine load; report medians
            int runs = 5;
            double[] csvSeconds = new double[runs];
            double[] xlsxSeconds = new double[runs];
            for (int i = 0; i < runs; i++) {
                csvSeconds[i] = seconds(() -> CohortImport.readHyperthermiaLog(csv));
                xlsxSeconds[i] = seconds(() -> CohortImport.readHyperthermiaLog(xlsx));
            }
            System.out.printf(Locale.ROOT, "thermometry log, %d rows, median of %d: CSV %.2f s, XLSX %.2f s (ratio %.2f); load average %.1f%n",
                    sessions * 288 * 12, runs, median(csvSeconds), median(xlsxSeconds), median(xlsxSeconds) / median(csvSeconds),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    @Test
    void startsOfA1904WorkbookReadAsItsCsvDoes() throws Exception {
        Path csv = dir.resolve("log1904.csv");
        Path xlsx = dir.resolve("log1904.xlsx");
        write(2, csv, xlsx, true);
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(xlsx.toFile())) {
            // 2024-01-08 09:00 is serial 45299.375 counted from 1900, 1462 days fewer from 1904 (ECMA-376 Part 1 §18.17.4.1)
            assertThat(wb.isDate1904()).isTrue();
            assertThat(wb.getSheetAt(0).getRow(1).getCell(2).getNumericCellValue()).isEqualTo(45299.375 - 1462);
        }
        List<HyperthermiaSession> fromXlsx = CohortImport.readHyperthermiaLog(xlsx);
        assertThat(fromXlsx).isEqualTo(CohortImport.readHyperthermiaLog(csv));
        assertThat(fromXlsx.get(1).start()).isEqualTo(LocalDateTime.of(2024, 1, 11, 9, 0));
    }

    @Test
    void everyBadCellAndAMisspeltColumnOfAWorkbookLogAreReportedAtOnce() throws Exception {
        Object[][] rows = {
            {"patient_id", "session", "start", "time_min", "channel", "temp_c"},
            {"P001", 1, "2024-01-08T09:00", 0, 1, 41.2},
            {"P001", 1, "2024-01-08T09:00", 0, 13, 41.3},
            {"P001", 1, "2024-01-08T09:00", "ten", 2, 41.4},
            {"P001", 1, "2024-01-08T09:00", 5, 2, 75.0},
        };
        Path bad = workbook("bad.xlsx", rows);
        assertThatThrownBy(() -> CohortImport.readHyperthermiaLog(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 errors, nothing imported")
                .hasMessageContaining("bad.xlsx row 3 column 'channel': value '13' is outside 1–12")
                .hasMessageContaining("bad.xlsx row 4 column 'time_min': value 'ten' is not a number")
                .hasMessageContaining("bad.xlsx row 5 column 'temp_c': value '75' is outside 20–60");
        rows[0][4] = "chanel";
        Path misspelt = workbook("misspelt.xlsx", rows);
        assertThatThrownBy(() -> CohortImport.readHyperthermiaLog(misspelt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'chanel' is not a column of the hyperthermia table; did you mean 'channel'?")
                .hasMessageContaining("required column 'channel' is missing");
    }

    /** A one-sheet workbook of these rows (text and number cells). */
    private Path workbook(String name, Object[][] rows) throws Exception {
        Path xlsx = dir.resolve(name);
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet sheet = wb.createSheet("hyperthermia");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] instanceof String text) {
                        row.createCell(c).setCellValue(text);
                    } else {
                        row.createCell(c).setCellValue(((Number) rows[r][c]).doubleValue());
                    }
                }
            }
            wb.write(out);
        }
        return xlsx;
    }

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * Writes the same log as CSV and as an .xlsx (streamed writer; start as a date-formatted cell, its serial counted in
     * the 1904 date system when asked).
     */
    private static void write(int sessions, Path csv, Path xlsx, boolean date1904) throws Exception {
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8); SXSSFWorkbook wb = new SXSSFWorkbook(1000)) {
            var properties = wb.getXSSFWorkbook().getCTWorkbook();
            (properties.isSetWorkbookPr() ? properties.getWorkbookPr() : properties.addNewWorkbookPr()).setDate1904(date1904);
            Sheet sheet = wb.createSheet("hyperthermia");
            CellStyle dateTime = wb.createCellStyle();
            dateTime.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
            String[] header = {"patient_id", "session", "start", "time_min", "channel", "temp_c"};
            w.write(String.join(",", header) + "\n");
            Row h = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                h.createCell(c).setCellValue(header[c]);
            }
            int r = 1;
            for (int s = 0; s < sessions; s++) {
                String patient = String.format(Locale.ROOT, "P%03d", s / 4 + 1);
                LocalDateTime start = LocalDateTime.of(2024, 1, 8, 9, 0).plusDays(s % 4 * 3).plusMonths(s / 4);
                for (int k = 0; k < 288; k++) {
                    double time = k * 0.25;
                    for (int ch = 1; ch <= 12; ch++) {
                        double temp = Math.round((37 + 5.5 * (1 - Math.exp(-time / 8)) + 0.1 * ch - 0.6 + 0.05 * Math.sin(k + ch)) * 100) / 100.0;
                        w.write(patient + "," + (s % 4 + 1) + "," + start.toString().substring(0, 16) + "," + time + "," + ch + "," + temp + "\n");
                        Row row = sheet.createRow(r++);
                        row.createCell(0).setCellValue(patient);
                        row.createCell(1).setCellValue(s % 4 + 1);
                        var cell = row.createCell(2);
                        cell.setCellValue(start);
                        cell.setCellStyle(dateTime);
                        row.createCell(3).setCellValue(time);
                        row.createCell(4).setCellValue(ch);
                        row.createCell(5).setCellValue(temp);
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                wb.write(out);
            }
            wb.dispose();
        }
    }
}
