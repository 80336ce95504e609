package org.seedplan.outcomes.io;

import static org.assertj.core.api.Assertions.assertThat;

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
 * date-times from date-formatted cells), read by streaming. With SEEDPLAN_LARGE_IMPORT=1 the log has the
 * 345,600 rows of issue 13 (100 sessions × 288 readings × 12 channels) and the test prints both import times.
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
        write(sessions, csv, xlsx);
        long t0 = System.nanoTime();
        List<HyperthermiaSession> fromCsv = CohortImport.readHyperthermiaLog(csv);
        long t1 = System.nanoTime();
        List<HyperthermiaSession> fromXlsx = CohortImport.readHyperthermiaLog(xlsx);
        long t2 = System.nanoTime();
        assertThat(fromXlsx).isEqualTo(fromCsv);
        assertThat(fromCsv).hasSize(sessions);
        assertThat(fromCsv.get(0).samples()).hasSize(288 * 12);
        if (large) {
            long t3 = System.nanoTime();
            long cells = 0;
            try (var in = Files.newInputStream(xlsx); var wb = org.apache.poi.ss.usermodel.WorkbookFactory.create(in)) {
                for (Row row : wb.getSheetAt(0)) {
                    cells += row.getPhysicalNumberOfCells();
                }
            }
            long t4 = System.nanoTime();
            System.out.printf(Locale.ROOT, "thermometry log, %d rows: CSV %.1f s, XLSX streamed %.1f s; the former DOM load alone "
                    + "(WorkbookFactory, %d cells, no validation) %.1f s%n", sessions * 288 * 12, (t1 - t0) / 1e9, (t2 - t1) / 1e9, cells,
                    (t4 - t3) / 1e9);
        }
    }

    /** Writes the same log as CSV and as an .xlsx (streamed writer; start as a date-formatted cell). */
    private static void write(int sessions, Path csv, Path xlsx) throws Exception {
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8); SXSSFWorkbook wb = new SXSSFWorkbook(1000)) {
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
