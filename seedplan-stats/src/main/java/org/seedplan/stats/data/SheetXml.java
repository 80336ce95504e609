package org.seedplan.stats.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A pull scanner over the XML of one SpreadsheetML worksheet part (ECMA-376 Part 1 §18.3, {@code sheetData}): it
 * reads the bytes as they are inflated from the zip entry and reports each cell (column, type, style, raw value
 * bytes) and each row end, without building strings or objects per cell. It knows only what a sheet holds:
 * elements in any prefix, attributes in no namespace ({@code r}, {@code t}, {@code s}), the five predefined
 * entities and character references, comments, processing instructions and CDATA; a document type declaration
 * (never written by Excel, a door for entity expansion) is refused. The value of a cell is the text of its
 * {@code <v>} or of the {@code <t>} runs of its inline string, phonetic runs ({@code <rPh>}) left out.
 */
final class SheetXml {

    /** What a cell's {@code t} attribute says its value is. */
    enum CellType {
        /** A number (no {@code t}, or {@code n}); with a date format, a date serial. */
        NUMBER,
        /** An index into the shared strings ({@code s}). */
        SHARED,
        /** Text in the cell: an inline string ({@code inlineStr}) or a formula's text result ({@code str}). */
        TEXT,
        /** {@code b}: 1 or 0. */
        BOOLEAN,
        /** {@code d}: an ISO 8601 date-time as text. */
        ISO_DATE,
        /** {@code e}, or a type this reader does not know: an Excel error value. */
        ERROR
    }

    /** {@link #next()}: a cell ended (read it with the accessors). */
    static final int CELL = 1;
    /** {@link #next()}: a row ended. */
    static final int ROW_END = 2;
    /** {@link #next()}: the sheet's data ended. */
    static final int END = 3;

    private static final int OTHER = 0;
    private static final int ROW = 1;
    private static final int C = 2;
    private static final int V = 3;
    private static final int T = 4;
    private static final int RPH = 5;
    private static final int SHEET_DATA = 6;

    private final InputStream in;
    private final String where;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private int ch;

    private int nameEnd;
    private int tagEvent;
    private byte[] attr = new byte[64]; // an attribute value whose entities were resolved
    private int attrLength;
    private byte[] value = new byte[64];
    private int valueLength;

    private int rowIndex = -1;
    private int column = -1;
    private CellType type;
    private int style;
    private boolean inCell;
    private boolean capturing;
    private boolean inPhonetic;
    private boolean inData;

    SheetXml(InputStream in, String where) {
        this.in = in;
        this.where = where;
    }

    /** The 0-based row of the current (or just ended) row. */
    int rowIndex() {
        return rowIndex;
    }

    /** The 0-based column of the cell just reported. */
    int column() {
        return column;
    }

    CellType type() {
        return type;
    }

    /** The cell's style index ({@code s}), -1 when it has none. */
    int style() {
        return style;
    }

    /** The raw value bytes (UTF-8, entities resolved) of the cell just reported; valid up to {@link #valueLength()}. */
    byte[] value() {
        return value;
    }

    int valueLength() {
        return valueLength;
    }

    /** Reads on to the next cell end, row end or the end of the sheet's data. */
    int next() throws IOException {
        while (true) {
            if (pos == limit && !fill()) {
                return END;
            }
            if (buf[pos] != '<') {
                text();
                continue;
            }
            pos++;
            read();
            if (ch == '?') {
                skipPast("?>");
            } else if (ch == '!') {
                markup();
            } else {
                expect(ch >= 0, "a tag is cut off");
                pos--; // the tag, from its first byte after '<', is parsed in the buffer
                int event = tag();
                if (event != 0) {
                    return event;
                }
            }
        }
    }

    /**
     * Parses the tag at {@code pos} (after its '<') and moves past it; returns the event it makes (0 for none). A tag
     * that runs past the buffer's end is parsed again once the buffer holds it (moved to the front, read on, grown
     * for a longer tag), with the cell and row position it changed put back.
     */
    private int tag() throws IOException {
        int row = rowIndex;
        int col = column;
        while (true) {
            int close = buf[pos] == '/' ? endTag() : startTag();
            if (close >= 0) {
                pos = close + 1;
                return tagEvent;
            }
            rowIndex = row;
            column = col;
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
            if (limit == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int before = limit;
            while (limit < buf.length) { // fill the buffer: a long tag cut many times is parsed again only a few times
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    break;
                }
                limit += n;
            }
            expect(limit > before, "a tag is cut off");
        }
    }

    /** Which element the name at {@code from} is (its prefix ignored); sets {@link #nameEnd} (-1 at the buffer's end). */
    private int name(int from) {
        int localStart = from;
        int i = from;
        while (true) {
            if (i == limit) {
                nameEnd = -1;
                return OTHER;
            }
            int b = buf[i] & 0xff;
            if (b <= ' ' || b == '/' || b == '>') {
                break;
            }
            if (b == ':') {
                localStart = i + 1;
            }
            i++;
        }
        nameEnd = i;
        int length = i - localStart;
        return switch (length) {
            case 1 -> buf[localStart] == 'c' ? C : buf[localStart] == 'v' ? V : buf[localStart] == 't' ? T : OTHER;
            case 3 -> equal(buf, localStart, i, "row") ? ROW : equal(buf, localStart, i, "rPh") ? RPH : OTHER;
            case 9 -> equal(buf, localStart, i, "sheetData") ? SHEET_DATA : OTHER;
            default -> OTHER;
        };
    }

    /** Parses an end tag at {@code pos}; returns the index of its '>', or -1 when the buffer ends first. */
    private int endTag() {
        int element = name(pos + 1);
        if (nameEnd < 0) {
            return -1;
        }
        int i = nameEnd;
        while (i < limit && buf[i] != '>') {
            i++;
        }
        if (i == limit) {
            return -1;
        }
        tagEvent = end(element);
        return i;
    }

    /**
     * Parses a start tag (name, attributes, empty or not) at {@code pos}; returns the index of its '>', or -1 when the
     * buffer ends first.
     */
    private int startTag() {
        int element = name(pos);
        if (nameEnd < 0) {
            return -1;
        }
        if (inData && element == C) {
            column++;
            type = CellType.NUMBER;
            style = -1;
        } else if (inData && element == ROW) {
            rowIndex++;
        }
        int i = nameEnd;
        while (true) {
            while (i < limit && (buf[i] & 0xff) <= ' ') {
                i++;
            }
            if (i == limit || (buf[i] == '/' && i + 1 == limit)) {
                return -1;
            }
            if (buf[i] == '>' || buf[i] == '/') {
                boolean empty = buf[i] == '/';
                expect(!empty || buf[i + 1] == '>', "'/' inside a tag");
                tagEvent = inData || element == SHEET_DATA ? start(element, empty) : 0;
                return empty ? i + 1 : i;
            }
            int nameStart = i;
            boolean prefixed = false;
            while (i < limit && (buf[i] & 0xff) > ' ' && buf[i] != '=' && buf[i] != '>') {
                prefixed |= buf[i] == ':';
                i++;
            }
            int attributeName = i - nameStart == 1 && !prefixed ? buf[nameStart] : 0;
            while (i < limit && (buf[i] & 0xff) <= ' ') {
                i++;
            }
            if (i == limit) {
                return -1;
            }
            expect(buf[i] == '=', "an attribute without a value");
            i++;
            while (i < limit && (buf[i] & 0xff) <= ' ') {
                i++;
            }
            if (i == limit) {
                return -1;
            }
            expect(buf[i] == '"' || buf[i] == '\'', "an attribute value without quotes");
            byte quote = buf[i++];
            int from = i;
            boolean entities = false;
            while (i < limit && buf[i] != quote) {
                entities |= buf[i++] == '&';
            }
            if (i == limit) {
                return -1;
            }
            if (inData && attributeName != 0) {
                if (entities) {
                    resolve(from, i);
                    attribute(element, attributeName, attr, 0, attrLength);
                } else {
                    attribute(element, attributeName, buf, from, i);
                }
            }
            i++;
        }
    }

    private int start(int element, boolean empty) {
        if (element == SHEET_DATA) {
            inData = !empty;
        }
        if (!inData) {
            return 0;
        }
        switch (element) {
            case ROW -> {
                column = -1;
                return empty ? ROW_END : 0;
            }
            case C -> {
                valueLength = 0;
                inCell = !empty;
                return empty ? CELL : 0;
            }
            case V, T -> capturing = inCell && !empty && !inPhonetic;
            case RPH -> inPhonetic = !empty;
            default -> {
            }
        }
        return 0;
    }

    private int end(int element) {
        if (!inData) {
            return 0;
        }
        switch (element) {
            case ROW -> {
                return ROW_END;
            }
            case C -> {
                inCell = false;
                capturing = false;
                return CELL;
            }
            case V, T -> capturing = false;
            case RPH -> inPhonetic = false;
            case SHEET_DATA -> {
                return END;
            }
            default -> {
            }
        }
        return 0;
    }

    /** An attribute value with entities, resolved into {@link #attr}. */
    private void resolve(int from, int to) {
        attrLength = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == '&') {
                int semicolon = i + 1;
                while (semicolon < to && buf[semicolon] != ';') {
                    semicolon++;
                }
                expect(semicolon < to, "an '&' that starts no entity");
                for (byte b : utf8(entity(buf, i + 1, semicolon))) {
                    attr = put(attr, attrLength++, b);
                }
                i = semicolon;
            } else {
                attr = put(attr, attrLength++, buf[i]);
            }
        }
    }

    private void attribute(int element, int attribute, byte[] v, int from, int to) {
        if (attribute == 'r' && element == ROW) {
            rowIndex = number(v, from, to) - 1;
        } else if (attribute == 'r' && element == C) {
            int c = 0;
            for (int i = from; i < to && v[i] >= 'A' && v[i] <= 'Z'; i++) {
                c = c * 26 + (v[i] - 'A' + 1);
            }
            expect(c > 0 && c <= 16384, "a cell reference without a column");
            column = c - 1;
        } else if (attribute == 's' && element == C) {
            style = number(v, from, to);
        } else if (attribute == 't' && element == C) {
            type = cellType(v, from, to);
        }
    }

    private int number(byte[] v, int from, int to) {
        long n = 0;
        boolean ok = to > from && to - from < 10;
        for (int i = from; i < to && ok; i++) {
            ok = v[i] >= '0' && v[i] <= '9';
            n = n * 10 + v[i] - '0';
        }
        expect(ok, "a row or style number is not a number");
        return (int) n;
    }

    private CellType cellType(byte[] v, int from, int to) {
        if (to - from == 1) {
            return switch (v[from]) {
                case 'n' -> CellType.NUMBER;
                case 's' -> CellType.SHARED;
                case 'b' -> CellType.BOOLEAN;
                case 'd' -> CellType.ISO_DATE;
                default -> CellType.ERROR;
            };
        }
        return equal(v, from, to, "inlineStr") || equal(v, from, to, "str") ? CellType.TEXT : CellType.ERROR;
    }

    private static boolean equal(byte[] v, int from, int to, String ascii) {
        if (to - from != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (v[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Text up to the next tag: kept when it is a value, else passed over (the current byte is not '<'). */
    private void text() throws IOException {
        int i = pos;
        while (i < limit && buf[i] != '<' && buf[i] != '&') {
            i++;
        }
        if (capturing) {
            if (valueLength + i - pos > value.length) {
                value = Arrays.copyOf(value, Math.max(value.length * 2, valueLength + i - pos));
            }
            System.arraycopy(buf, pos, value, valueLength, i - pos);
            valueLength += i - pos;
        }
        pos = i;
        if (i == limit || buf[i] != '&') {
            return;
        }
        pos++;
        byte[] reference = new byte[12];
        int length = 0;
        for (read(); ch != ';'; read()) {
            expect(ch >= 0 && length < reference.length, "an '&' that starts no entity");
            reference[length++] = (byte) ch;
        }
        int code = entity(reference, 0, length);
        if (capturing) {
            for (byte b : utf8(code)) {
                value = put(value, valueLength++, b);
            }
        }
    }

    /** The character an entity or character reference (the bytes between '&' and ';') stands for. */
    private int entity(byte[] b, int from, int to) {
        String ref = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        if (ref.startsWith("#")) {
            boolean hex = ref.startsWith("#x");
            int code;
            try {
                code = Integer.parseInt(ref.substring(hex ? 2 : 1), hex ? 16 : 10);
            } catch (NumberFormatException e) {
                code = -1;
            }
            expect(code > 0 && code < 0x110000, "a bad character reference '&" + ref + ";'");
            return code;
        }
        return switch (ref) {
            case "amp" -> '&';
            case "lt" -> '<';
            case "gt" -> '>';
            case "quot" -> '"';
            case "apos" -> '\'';
            default -> {
                expect(false, "the entity '&" + ref + ";', which is none of XML's five");
                yield 0;
            }
        };
    }

    private static byte[] utf8(int codePoint) {
        return new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
    }

    /** After {@code <!}: a comment, a CDATA section (captured when in a value) or a refused document type. */
    private void markup() throws IOException {
        read();
        if (ch == '-') {
            read();
            expect(ch == '-', "a bad comment");
            skipPast("-->");
            return;
        }
        expect(ch == '[', "a document type declaration (not allowed in a workbook)");
        for (char k : "CDATA[".toCharArray()) {
            read();
            expect(ch == k, "a bad CDATA section");
        }
        int brackets = 0;
        while (true) {
            read();
            expect(ch >= 0, "a CDATA section is not closed");
            if (ch == ']') {
                brackets++;
                continue;
            }
            boolean end = ch == '>' && brackets >= 2;
            for (int i = end ? 2 : 0; i < brackets; i++) {
                captureRaw(']');
            }
            brackets = 0;
            if (end) {
                return;
            }
            captureRaw(ch);
        }
    }

    private void captureRaw(int b) {
        if (capturing) {
            value = put(value, valueLength++, b);
        }
    }

    private void skipPast(String end) throws IOException {
        int matched = 0;
        while (matched < end.length()) {
            read();
            expect(ch >= 0, "the sheet ends inside '" + end + "'");
            matched = ch == end.charAt(matched) ? matched + 1 : ch == end.charAt(0) ? 1 : 0;
        }
    }

    private static byte[] put(byte[] b, int i, int v) {
        if (i == b.length) {
            b = Arrays.copyOf(b, b.length * 2);
        }
        b[i] = (byte) v;
        return b;
    }

    private void read() throws IOException {
        ch = pos < limit || fill() ? buf[pos++] & 0xff : -1;
    }

    /** Reads more of the stream into the buffer; false at its end. */
    private boolean fill() throws IOException {
        limit = Math.max(0, in.read(buf, 0, buf.length));
        pos = 0;
        return limit > 0;
    }

    private void expect(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(where + " row " + (rowIndex + 1) + ": not readable as sheet XML (" + what
                    + "); fix: save the workbook again as .xlsx");
        }
    }
}
