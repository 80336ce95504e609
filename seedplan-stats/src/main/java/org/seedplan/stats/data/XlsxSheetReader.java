package org.seedplan.stats.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * Reads one sheet of an .xlsx workbook by streaming the sheet's XML straight from the zip entry with {@link SheetXml}
 * (Apache POI's {@link XSSFReader} finds the parts; styles and, only when a cell uses them, shared strings come from
 * POI), so a sheet of hundreds of thousands of rows is read in about the time of the same table as CSV and without
 * holding the workbook's object model in memory. Cells become text as {@link DataTableReader} documents: numbers in
 * shortest form, date-formatted numbers as ISO dates, date-times or (below 1, a time of day alone) times, in the
 * workbook's 1900 or 1904 date system; booleans TRUE/FALSE, formulas by their cached value, shared and inline strings
 * as written.
 */
final class XlsxSheetReader {

    private static final Pattern DATE_1904 = Pattern.compile("date1904\\s*=\\s*[\"'](1|true)[\"']");

    private XlsxSheetReader() {
    }

    /** The sheet names of a workbook, in workbook order. */
    static List<String> sheetNames(Path file) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            List<String> names = new ArrayList<>();
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (it.hasNext()) {
                it.next().close();
                names.add(it.getSheetName());
            }
            return names;
        } catch (OpenXML4JException e) {
            throw new IllegalArgumentException(file + ": not a readable .xlsx workbook (" + e.getMessage() + "); fix: save it again as .xlsx");
        }
    }

    /** Reads the named sheet (null = first) into a table. */
    static DataTable read(Path file, String sheetName) throws IOException {
        String source = file.toString();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            boolean date1904;
            try (InputStream wb = reader.getWorkbookData()) {
                date1904 = DATE_1904.matcher(new String(wb.readAllBytes(), StandardCharsets.UTF_8)).find();
            }
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<String> names = new ArrayList<>();
            while (it.hasNext()) {
                try (InputStream in = it.next()) {
                    String name = it.getSheetName();
                    names.add(name);
                    if (sheetName == null ? names.size() == 1 : name.equals(sheetName)) {
                        int sheets = names.size() + countRemaining(it);
                        String where = source + (sheets > 1 ? " sheet '" + name + "'" : "");
                        return new Parse(where, pkg, reader.getStylesTable(), date1904).table(new SheetXml(in, where));
                    }
                }
            }
            throw new IllegalArgumentException(source + ": no sheet '" + sheetName + "'; fix: use one of " + names);
        } catch (OpenXML4JException e) {
            throw new IllegalArgumentException(source + ": not a readable .xlsx workbook (" + e.getMessage() + "); fix: save it again as .xlsx");
        }
    }

    private static int countRemaining(XSSFReader.SheetIterator it) throws IOException {
        int n = 0;
        while (it.hasNext()) {
            it.next().close();
            n++;
        }
        return n;
    }

    /**
     * The text Excel shows for a stored number (ASCII, as in a cell's {@code <v>}) when that is the stored decimal
     * itself less needless zeros — an optional minus, digits, an optional fraction, no exponent, at most 15 digits once
     * trailing fraction zeros and leading integer zeros are dropped ({@code 1.0} → {@code 1}, {@code 36.540} →
     * {@code 36.54}); null when the number needs Excel's full conversion (exponent, more digits, negative zero).
     */
    static String plainNumber(byte[] v, int length) {
        int start = length > 0 && v[0] == '-' ? 1 : 0;
        int dot = -1;
        for (int i = start; i < length; i++) {
            byte ch = v[i];
            if (ch == '.' && dot < 0) {
                dot = i;
            } else if (ch < '0' || ch > '9') {
                return null;
            }
        }
        int end = length;
        if (dot >= 0) {
            while (end > dot + 1 && v[end - 1] == '0') {
                end--;
            }
            if (end == dot + 1) {
                end = dot;
            }
        }
        int first = start;
        int intEnd = dot < 0 ? end : dot;
        while (first < intEnd - 1 && v[first] == '0') {
            first++;
        }
        int digits = end - first - (end > dot && dot >= 0 ? 1 : 0);
        if (intEnd == start || digits == 0 || digits > 15) {
            return null;
        }
        boolean zero = true;
        for (int i = first; i < end && zero; i++) {
            zero = v[i] == '0' || v[i] == '.';
        }
        if (zero && start == 1) {
            return null;
        }
        if (start == 0 || first == start) {
            return new String(v, first - start, end - first + start, StandardCharsets.ISO_8859_1);
        }
        return "-" + new String(v, first, end - first, StandardCharsets.ISO_8859_1);
    }

    /** The state of one sheet's parse: the header, then the cells column by column. */
    private static final class Parse {
        private final String where;
        private final OPCPackage pkg;
        private final StylesTable styles;
        private final boolean date1904;
        private ReadOnlySharedStringsTable strings;
        private List<String> header;
        private String[][] columns;
        private int[] rowNumbers = new int[1024];
        private int rows;
        private String[] row = new String[16];
        private int rowWidth;
        private final Map<Integer, Boolean> dateStyles = new HashMap<>();
        private final List<LastCell> last = new ArrayList<>();

        Parse(String where, OPCPackage pkg, StylesTable styles, boolean date1904) {
            this.where = where;
            this.pkg = pkg;
            this.styles = styles;
            this.date1904 = date1904;
        }

        DataTable table(SheetXml x) throws IOException {
            for (int event = x.next(); event != SheetXml.END; event = x.next()) {
                if (event == SheetXml.CELL) {
                    put(x.column(), repeated(x));
                } else {
                    endRow(x.rowIndex());
                }
            }
            endRow(x.rowIndex());
            if (header == null) {
                throw new IllegalArgumentException(where + ": the sheet is empty; fix: the first row must name the columns");
            }
            String[][] cells = new String[header.size()][];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = Arrays.copyOf(columns[c], rows);
            }
            return new DataTable(where, header, cells, Arrays.copyOf(rowNumbers, rows));
        }

        private void put(int col, String text) {
            if (col >= row.length) {
                row = Arrays.copyOf(row, Math.max(col + 1, row.length * 2));
            }
            row[col] = text;
            rowWidth = Math.max(rowWidth, col + 1);
        }

        private void endRow(int rowIndex) {
            boolean blank = true;
            for (int c = 0; c < rowWidth && blank; c++) {
                blank = row[c] == null || row[c].isBlank();
            }
            if (!blank) {
                if (header == null) {
                    header(rowWidth);
                } else {
                    data(rowIndex);
                }
            }
            Arrays.fill(row, 0, rowWidth, null);
            rowWidth = 0;
        }

        private void header(int width) {
            header = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                header.add(row[c] == null ? "" : row[c].strip());
            }
            while (!header.isEmpty() && header.get(header.size() - 1).isEmpty()) {
                header.remove(header.size() - 1);
            }
            columns = new String[header.size()][1024];
        }

        private void data(int rowIndex) {
            int cols = header.size();
            for (int c = cols; c < rowWidth; c++) {
                if (row[c] != null) {
                    throw new IllegalArgumentException(where + " row " + (rowIndex + 1) + " column " + CellReference.convertNumToColString(c)
                            + ": value outside the header's columns; fix: add a header or delete the value");
                }
            }
            if (rows == rowNumbers.length) {
                rowNumbers = Arrays.copyOf(rowNumbers, rows * 2);
                for (int c = 0; c < cols; c++) {
                    columns[c] = Arrays.copyOf(columns[c], rows * 2);
                }
            }
            for (int c = 0; c < cols; c++) {
                columns[c][rows] = row[c];
            }
            rowNumbers[rows++] = rowIndex + 1;
        }

        /**
         * The cell's text, taken from the cell above when that held the same value, type and style (a log repeats its
         * patient, session and start on every row): one string then serves the whole run.
         */
        private String repeated(SheetXml x) throws IOException {
            while (last.size() <= x.column()) {
                last.add(new LastCell());
            }
            LastCell above = last.get(x.column());
            int n = x.valueLength();
            if (above.text == null || above.type != x.type() || above.style != x.style()
                    || !Arrays.equals(x.value(), 0, n, above.raw, 0, above.raw.length)) {
                above.text = cell(x);
                above.type = x.type();
                above.style = x.style();
                above.raw = Arrays.copyOf(x.value(), n);
            }
            return above.text;
        }

        private String cell(SheetXml x) throws IOException {
            byte[] v = x.value();
            int n = x.valueLength();
            return switch (x.type()) {
                case NUMBER -> n == 0 ? null : number(x.style(), v, n, x);
                case SHARED -> n == 0 ? null : sharedString(ascii(v, n).strip(), x);
                case TEXT -> n == 0 ? null : new String(v, 0, n, StandardCharsets.UTF_8);
                case BOOLEAN -> n == 1 && v[0] == '1' ? "TRUE" : "FALSE";
                case ISO_DATE -> n == 0 ? null : ascii(v, n);
                case ERROR -> throw new IllegalArgumentException(at(x) + ": the cell holds an Excel error; fix: correct the formula or clear the cell");
            };
        }

        private String number(int style, byte[] v, int n, SheetXml x) {
            if (style >= 0 && isDate(style)) {
                return dateText(parse(ascii(v, n), x));
            }
            String plain = plainNumber(v, n);
            return plain != null ? plain : NumberToTextConverter.toText(parse(ascii(v, n), x));
        }

        /** A date-formatted serial number as ISO text: a date, a date-time, or below 1 a time of day alone. */
        private String dateText(double serial) {
            LocalDateTime t = DateUtil.getLocalDateTime(serial, date1904);
            if (serial >= 0 && serial < 1) {
                return t.toLocalTime().toString();
            }
            return t.toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0 ? t.toLocalDate().toString() : t.toString();
        }

        private double parse(String number, SheetXml x) {
            try {
                return Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(at(x) + ": the stored number '" + number + "' is not readable; fix: retype the value in Excel");
            }
        }

        private String sharedString(String index, SheetXml x) throws IOException {
            if (strings == null) {
                try {
                    strings = new ReadOnlySharedStringsTable(pkg);
                } catch (org.xml.sax.SAXException e) {
                    throw new IllegalArgumentException(where + ": the shared strings are not readable (" + e.getMessage()
                            + "); fix: save the workbook again as .xlsx");
                }
            }
            int i;
            try {
                i = Integer.parseInt(index);
            } catch (NumberFormatException e) {
                i = -1;
            }
            if (i < 0 || i >= strings.getCount()) {
                throw new IllegalArgumentException(at(x) + ": shared string " + index + " does not exist; fix: save the workbook again as .xlsx");
            }
            return strings.getItemAt(i).getString();
        }

        private boolean isDate(int styleIndex) {
            return dateStyles.computeIfAbsent(styleIndex, i -> {
                XSSFCellStyle s = styles.getStyleAt(i);
                return s != null && DateUtil.isADateFormat(s.getDataFormat(), s.getDataFormatString());
            });
        }

        private String at(SheetXml x) {
            return where + " row " + (x.rowIndex() + 1) + " column " + CellReference.convertNumToColString(x.column());
        }

        private static String ascii(byte[] v, int n) {
            return new String(v, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    /** The last value read in one column, with the text it gave. */
    private static final class LastCell {
        private byte[] raw = new byte[0];
        private SheetXml.CellType type;
        private int style;
        private String text;
    }
}
