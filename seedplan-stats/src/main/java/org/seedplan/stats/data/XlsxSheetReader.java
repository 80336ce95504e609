package org.seedplan.stats.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
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
 * Reads one sheet of an .xlsx workbook by streaming its XML (StAX over Apache POI's {@link XSSFReader}), so a
 * sheet of hundreds of thousands of rows is read in about the time of the same table as CSV and without
 * holding the workbook's object model in memory. Cells become text as {@link DataTableReader} documents:
 * numbers in shortest form, date-formatted numbers as ISO dates or date-times, booleans TRUE/FALSE, formulas
 * by their cached value, shared and inline strings as written.
 */
final class XlsxSheetReader {

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
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            boolean date1904;
            try (InputStream wb = reader.getWorkbookData()) {
                String xml = new String(wb.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                date1904 = xml.matches("(?s).*date1904=\"(1|true)\".*");
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
                        return new Parse(where, strings, styles, date1904).table(in);
                    }
                }
            }
            throw new IllegalArgumentException(source + ": no sheet '" + sheetName + "'; fix: use one of " + names);
        } catch (OpenXML4JException | XMLStreamException | org.xml.sax.SAXException e) {
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

    /** The 0-based column of a cell reference such as {@code AB12}. */
    static int column(String ref) {
        int c = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = ref.charAt(i);
            if (ch < 'A' || ch > 'Z') {
                break;
            }
            c = c * 26 + (ch - 'A' + 1);
        }
        return c - 1;
    }

    /**
     * True when the stored number text is already what Excel shows: an optional minus, digits without a needless
     * leading zero, an optional fraction not ending in 0, at most 15 significant digits, no exponent.
     */
    static boolean plainDecimal(String v) {
        int i = v.startsWith("-") ? 1 : 0;
        int digits = 0;
        int dot = -1;
        int start = i;
        for (; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '.' && dot < 0) {
                dot = i;
            } else if (ch >= '0' && ch <= '9') {
                digits++;
            } else {
                return false;
            }
        }
        boolean leadingZero = v.length() > start + 1 && v.charAt(start) == '0' && v.charAt(start + 1) != '.';
        boolean fractionOk = dot < 0 || (dot > start && dot < v.length() - 1 && v.charAt(v.length() - 1) != '0');
        return digits > 0 && digits <= 15 && !leadingZero && fractionOk && !v.equals("-0");
    }

    /** The state of one sheet's parse. */
    private static final class Parse {
        private final String where;
        private final ReadOnlySharedStringsTable strings;
        private final StylesTable styles;
        private final boolean date1904;
        private List<String> header;
        private final List<String[]> data = new ArrayList<>();
        private final List<Integer> rowNumbers = new ArrayList<>();

        Parse(String where, ReadOnlySharedStringsTable strings, StylesTable styles, boolean date1904) {
            this.where = where;
            this.strings = strings;
            this.styles = styles;
            this.date1904 = date1904;
        }

        DataTable table(InputStream in) throws XMLStreamException {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader x = f.createXMLStreamReader(in);
            int rowIndex = -1;
            List<String> row = new ArrayList<>();
            int col = -1;
            String type = null;
            String style = null;
            StringBuilder value = new StringBuilder();
            boolean inValue = false;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "row" -> {
                            String r = x.getAttributeValue(null, "r");
                            rowIndex = r == null ? rowIndex + 1 : Integer.parseInt(r) - 1;
                            row = new ArrayList<>();
                            col = -1;
                        }
                        case "c" -> {
                            String ref = x.getAttributeValue(null, "r");
                            col = ref == null ? col + 1 : column(ref);
                            type = x.getAttributeValue(null, "t");
                            style = x.getAttributeValue(null, "s");
                            value.setLength(0);
                        }
                        case "v", "t" -> inValue = true;
                        default -> {
                        }
                    }
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    if (inValue) {
                        value.append(x.getText());
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "v", "t" -> inValue = false;
                        case "c" -> {
                            String text = cell(type, style, value.toString(), rowIndex, col);
                            while (row.size() < col) {
                                row.add(null);
                            }
                            row.add(text);
                        }
                        case "row" -> endRow(row, rowIndex);
                        default -> {
                        }
                    }
                }
            }
            if (header == null) {
                throw new IllegalArgumentException(where + ": the sheet is empty; fix: the first row must name the columns");
            }
            int cols = header.size();
            String[][] cells = new String[cols][data.size()];
            for (int r = 0; r < data.size(); r++) {
                for (int c = 0; c < cols; c++) {
                    cells[c][r] = data.get(r)[c];
                }
            }
            return new DataTable(where, header, cells, rowNumbers.stream().mapToInt(Integer::intValue).toArray());
        }

        private void endRow(List<String> row, int rowIndex) {
            boolean blank = row.stream().allMatch(v -> v == null || v.isBlank());
            if (blank) {
                return;
            }
            if (header == null) {
                header = new ArrayList<>();
                for (String v : row) {
                    header.add(v == null ? "" : v.strip());
                }
                while (!header.isEmpty() && header.get(header.size() - 1).isEmpty()) {
                    header.remove(header.size() - 1);
                }
                return;
            }
            int cols = header.size();
            for (int c = cols; c < row.size(); c++) {
                if (row.get(c) != null) {
                    throw new IllegalArgumentException(where + " row " + (rowIndex + 1) + " column " + CellReference.convertNumToColString(c)
                            + ": value outside the header's columns; fix: add a header or delete the value");
                }
            }
            String[] vals = new String[cols];
            for (int c = 0; c < cols && c < row.size(); c++) {
                vals[c] = row.get(c);
            }
            data.add(vals);
            rowNumbers.add(rowIndex + 1);
        }

        private String cell(String type, String style, String v, int row, int col) {
            if (type == null || type.equals("n")) {
                if (v.isEmpty()) {
                    return null;
                }
                if (style != null && isDate(Integer.parseInt(style))) {
                    return dates.computeIfAbsent(v, k -> {
                        LocalDateTime t = DateUtil.getLocalDateTime(Double.parseDouble(k), date1904);
                        return t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString() : t.toString();
                    });
                }
                return plainDecimal(v) ? v : NumberToTextConverter.toText(Double.parseDouble(v));
            }
            return switch (type) {
                case "s" -> sharedString(Integer.parseInt(v.strip()));
                case "inlineStr", "str" -> v.isEmpty() ? null : v;
                case "b" -> "1".equals(v.strip()) ? "TRUE" : "FALSE";
                case "d" -> v;
                default -> throw new IllegalArgumentException(where + " row " + (row + 1) + " column "
                        + CellReference.convertNumToColString(col) + ": the cell holds an Excel error; fix: correct the formula or clear the cell");
            };
        }

        private final java.util.Map<Integer, Boolean> dateStyles = new java.util.HashMap<>();
        private final java.util.Map<String, String> dates = new java.util.HashMap<>();
        private final java.util.Map<Integer, String> shared = new java.util.HashMap<>();

        private String sharedString(int index) {
            return shared.computeIfAbsent(index, i -> strings.getItemAt(i).getString());
        }

        private boolean isDate(int styleIndex) {
            return dateStyles.computeIfAbsent(styleIndex, i -> {
                XSSFCellStyle s = styles.getStyleAt(i);
                return s != null && DateUtil.isADateFormat(s.getDataFormat(), s.getDataFormatString());
            });
        }
    }
}
