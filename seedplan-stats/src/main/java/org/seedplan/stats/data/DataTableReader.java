package org.seedplan.stats.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@link DataTable} from a CSV file (RFC 4180: quoted fields, doubled quotes, UTF-8 with or
 * without BOM; delimiter comma, semicolon or tab, detected from the header line) or from an .xlsx
 * workbook (first non-blank row = header; streamed, see {@link XlsxSheetReader}). Empty cells and {@code NA} are missing values.
 *
 * <p>Excel cells are converted to text the way Excel displays them without formatting: numbers in
 * shortest form ({@code 72.3315}, {@code 1}), date-formatted cells as ISO dates ({@code 2024-03-31},
 * or {@code 2024-03-31T08:30} when a time of day is present, or {@code 08:30} for a time of day alone, a serial
 * below 1) in the workbook's 1900 or 1904 date system, booleans as {@code TRUE}/{@code FALSE},
 * formulas by their cached value. Errors name the file, row, column and value and say how to fix them.
 */
public final class DataTableReader {

    static {
        // Apache POI logs through log4j-api; without a provider it prints a warning on stderr at first use.
        // Use log4j's built-in simple logger (errors only) unless the application chose a logging backend.
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    private DataTableReader() {
    }

    /** Reads a .csv (or .txt/.tsv) or .xlsx file; for .xlsx the first sheet. */
    public static DataTable read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a file; for .xlsx the named sheet (null = first sheet).
     *
     * @throws IllegalArgumentException for malformed content, naming file, row and column
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static DataTable read(Path file, String sheet) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
                return readXlsx(file, sheet);
            }
            if (name.endsWith(".xls")) {
                throw new IllegalArgumentException(file + ": old Excel .xls format is not read; fix: save the workbook as .xlsx or CSV");
            }
            return readCsv(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses CSV text.
     *
     * @param source name used in messages
     * @param text   the whole file
     */
    public static DataTable readCsv(String source, String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        char delimiter = detectDelimiter(text);
        List<List<String>> records = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int line = 1;
        int recordLine = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0 && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else if (ch == delimiter) {
                current.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                current.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
                addRecord(records, lineNumbers, current, recordLine);
                current = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(source + " row " + recordLine
                    + ": a quoted field is not closed; fix: add the closing '\"'");
        }
        if (field.length() > 0 || !current.isEmpty() || fieldWasQuoted) {
            current.add(field.toString());
            addRecord(records, lineNumbers, current, recordLine);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(source + ": the file is empty; fix: the first row must name the columns");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        int cols = header.size();
        int rows = records.size() - 1;
        String[][] cells = new String[cols][rows];
        int[] sourceRows = new int[rows];
        for (int r = 0; r < rows; r++) {
            List<String> rec = records.get(r + 1);
            sourceRows[r] = lineNumbers.get(r + 1);
            if (rec.size() != cols) {
                throw new IllegalArgumentException(source + " row " + sourceRows[r] + ": " + rec.size()
                        + " fields but the header has " + cols + "; fix: give every row one value per column (quote values containing '"
                        + delimiter + "')");
            }
            for (int c = 0; c < cols; c++) {
                cells[c][r] = rec.get(c);
            }
        }
        return new DataTable(source, header, cells, sourceRows);
    }

    private static void addRecord(List<List<String>> records, List<Integer> lines, List<String> rec, int line) {
        boolean blank = rec.stream().allMatch(String::isBlank);
        if (!blank) {
            records.add(rec);
            lines.add(line);
        }
    }

    private static char detectDelimiter(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        int commas = 0;
        int semis = 0;
        int tabs = 0;
        boolean q = false;
        for (char ch : first.toCharArray()) {
            if (ch == '"') {
                q = !q;
            } else if (!q) {
                if (ch == ',') {
                    commas++;
                } else if (ch == ';') {
                    semis++;
                } else if (ch == '\t') {
                    tabs++;
                }
            }
        }
        if (tabs > commas && tabs > semis) {
            return '\t';
        }
        return semis > commas ? ';' : ',';
    }

    private static DataTable readXlsx(Path file, String sheetName) throws IOException {
        return XlsxSheetReader.read(file, sheetName);
    }

    /** The sheet names of an .xlsx workbook, in order (read without loading the workbook). */
    public static List<String> sheetNames(Path workbook) {
        try {
            return XlsxSheetReader.sheetNames(workbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
