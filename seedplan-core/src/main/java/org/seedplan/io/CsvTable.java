package org.seedplan.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small comma-separated table with a header row (RFC 4180 quoting), read whole and strictly:
 * every row has as many fields as the header, no column name twice, numbers are plain decimals
 * (no hexadecimal, NaN or Infinity); a UTF-8 byte order mark is allowed. Errors name the source,
 * the row (1-based, counting the header as row 1), the column and the fix.
 */
public final class CsvTable {

    private final String source;
    private final List<String> header;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final List<String[]> rows;

    /** A decimal number as people write it: optional sign, digits with an optional point, optional exponent; no hex, no NaN. */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvTable(String source, List<String> header, List<String[]> rows) {
        this.source = source;
        this.header = List.copyOf(header);
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            String key = header.get(i).trim().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                throw new IllegalArgumentException(source + ": column " + (i + 1) + " of the header has no name: name every column");
            }
            Integer before = columnIndex.putIfAbsent(key, i);
            if (before != null) {
                throw new IllegalArgumentException(source + ": column '" + header.get(i).trim() + "' appears twice in the header (columns "
                        + (before + 1) + " and " + (i + 1) + "): keep one");
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != header.size()) {
                throw new IllegalArgumentException(source + " row " + (r + 2) + ": " + rows.get(r).length + " fields, but the header has "
                        + header.size() + ": a separator too many or too few (a decimal comma?); quote a field that holds a comma");
            }
        }
    }

    public static CsvTable read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), r);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found: check the path");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text: save the table as UTF-8 CSV");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    public static CsvTable parse(String source, String text) {
        try {
            return parse(source, new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CsvTable parse(String source, Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        List<String[]> records = new ArrayList<>();
        String line;
        StringBuilder pending = null;
        while ((line = in.readLine()) != null) {
            String text = pending == null ? line : pending.append('\n').append(line).toString();
            if (quotesOpen(text)) {
                pending = new StringBuilder(text);
                continue;
            }
            pending = null;
            if (records.isEmpty() && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            records.add(split(text));
        }
        if (pending != null) {
            throw new IllegalArgumentException(source + ": a quoted field is never closed: check the quotes");
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException(source + ": the table is empty: it needs a header row and data rows");
        }
        List<String> header = new ArrayList<>();
        for (String h : records.get(0)) {
            header.add(h.trim());
        }
        return new CsvTable(source, header, records.subList(1, records.size()));
    }

    private static boolean quotesOpen(String s) {
        int quotes = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    private static String[] split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.toArray(String[]::new);
    }

    public String source() {
        return source;
    }

    public List<String> header() {
        return header;
    }

    public int rowCount() {
        return rows.size();
    }

    public boolean hasColumn(String name) {
        return columnIndex.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Refuses the table unless it has every named column. */
    public void requireColumns(String... names) {
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (!hasColumn(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + ": the header must name " + String.join(",", names)
                    + " (found " + String.join(",", header) + ")");
        }
    }

    /** The raw text of a cell (row 0 is the first data row). */
    public String text(int row, String column) {
        requireColumns(column);
        String[] r = rows.get(row);
        int c = columnIndex.get(column.toLowerCase(Locale.ROOT));
        return c < r.length ? r[c].trim() : "";
    }

    /** A cell as a finite number; refuses empty or non-numeric cells with the file, row and column. */
    public double number(int row, String column) {
        String t = text(row, column);
        if (DECIMAL.matcher(t).matches()) {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException(source + " row " + (row + 2) + ", column " + column + ": '" + t
                + "' is not a number: give a finite decimal number (digits, a point, an optional exponent)");
    }

    /** A whole column as numbers. */
    public double[] numbers(String column) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(i, column);
        }
        return out;
    }

    /** A column chosen by position (0-based), as numbers. */
    public double[] numbers(int columnPosition) {
        if (columnPosition >= header.size()) {
            throw new IllegalArgumentException(source + ": expected at least " + (columnPosition + 1) + " columns, found " + header.size());
        }
        return numbers(header.get(columnPosition));
    }
}
