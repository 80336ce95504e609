package org.seedplan.outcomes.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Renders report tables as Markdown, CSV (RFC 4180, UTF-8) and one .xlsx workbook with a sheet per table (Apache POI). */
public final class TableWriter {

    private TableWriter() {
    }

    /** The table as a Markdown section: title, pipe table, footnotes. */
    public static String markdown(Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append("### ").append(t.title()).append("\n\n");
        mdRow(sb, t.header());
        sb.append('|');
        for (int i = 0; i < t.header().size(); i++) {
            sb.append(i == 0 ? " --- |" : " ---: |");
        }
        sb.append('\n');
        t.rows().forEach(r -> mdRow(sb, r));
        sb.append('\n');
        for (String n : t.notes()) {
            sb.append("- ").append(n).append('\n');
        }
        if (!t.notes().isEmpty()) {
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void mdRow(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }

    /** The table as CSV: header and rows (footnotes are in the Markdown and the workbook). */
    public static String csv(Table t) {
        StringBuilder sb = new StringBuilder();
        csvRow(sb, t.header());
        t.rows().forEach(r -> csvRow(sb, r));
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            boolean quote = c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0;
            sb.append(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
        }
        sb.append('\n');
    }

    /** Writes all tables into one workbook, one sheet per table (title in row 1, header in row 3, notes below). */
    public static void xlsx(List<Table> tables, Path file) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            for (Table t : tables) {
                Sheet s = wb.createSheet(t.name().length() > 31 ? t.name().substring(0, 31) : t.name());
                s.createRow(0).createCell(0).setCellValue(t.title());
                s.getRow(0).getCell(0).setCellStyle(bold);
                Row h = s.createRow(2);
                for (int c = 0; c < t.header().size(); c++) {
                    h.createCell(c).setCellValue(t.header().get(c));
                    h.getCell(c).setCellStyle(bold);
                }
                int r = 3;
                for (List<String> row : t.rows()) {
                    Row xr = s.createRow(r++);
                    for (int c = 0; c < row.size(); c++) {
                        setCell(xr, c, row.get(c));
                    }
                }
                r++;
                for (String n : t.notes()) {
                    s.createRow(r++).createCell(0).setCellValue(n);
                }
                for (int c = 0; c < t.header().size(); c++) {
                    s.setColumnWidth(c, Math.min(60, Math.max(10, width(t, c))) * 256);
                }
            }
            wb.write(out);
        }
    }

    /** Numbers stay numbers in Excel; everything else is text. */
    private static void setCell(Row row, int c, String v) {
        if (v.matches("-?\\d+(\\.\\d+)?")) {
            row.createCell(c).setCellValue(Double.parseDouble(v));
        } else {
            row.createCell(c).setCellValue(v);
        }
    }

    private static int width(Table t, int c) {
        int w = t.header().get(c).length();
        for (List<String> r : t.rows()) {
            w = Math.max(w, r.get(c).length());
        }
        return w + 2;
    }

    /** Writes text as UTF-8. */
    static void text(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
