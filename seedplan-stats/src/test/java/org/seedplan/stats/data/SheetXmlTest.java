package org.seedplan.stats.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.Test;

/** The sheet scanner reads what an XML parser reads from the sheet parts that Excel, POI and other writers produce. */
class SheetXmlTest {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<!-- a comment with <c r=\"Z9\"><v>9</v></c> inside -->";

    @Test
    void prefixesEntitiesCdataRichTextAndFormulasReadAsAnXmlParserReadsThem() throws IOException {
        String xml = HEAD + "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<x:dimension ref=\"A1:D3\"/><x:sheetData>\n"
                + "<x:row r=\"1\" spans=\"1:3\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>name</x:t></x:is></x:c>"
                + "<x:c r=\"C1\" t='s' ><x:v>0</x:v></x:c></x:row>\n"
                + "<x:row r=\"3\"><x:c r=\"A3\" s = \"2\" t=\"inlineStr\"><x:is><x:r><x:t>Ab</x:t></x:r><x:r><x:rPr><x:b/></x:rPr>"
                + "<x:t xml:space=\"preserve\"> &amp; &lt;c&gt; &#233;&#x4E2D;</x:t></x:r><x:rPh sb=\"0\" eb=\"1\"><x:t>ふりがな</x:t></x:rPh>"
                + "</x:is></x:c><x:c r=\"B3\"><x:f>A1&amp;\"x&gt;\"</x:f><x:v>42.50</x:v></x:c><x:c r=\"C3\" s=\"1\"/>"
                + "<x:c><x:v><![CDATA[1]]>7</x:v></x:c><?pi ignored?></x:row>\n"
                + "<x:row/></x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"A1:B1\"/></x:mergeCells>"
                + "<x:c r=\"A9\"><x:v>after the data</x:v></x:c></x:worksheet>";
        assertThat(events(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))).containsExactly(
                "A1 TEXT -1 name", "C1 SHARED -1 0", "row 1",
                "A3 TEXT 2 Ab & <c> é中", "B3 NUMBER -1 42.50", "C3 NUMBER 1 ", "D3 NUMBER -1 17", "row 3",
                "row 4");
    }

    @Test
    void tagsCutByTheBufferOrLongerThanItAreRead() throws IOException {
        StringBuilder xml = new StringBuilder(HEAD + "<worksheet><sheetData>");
        List<String> expected = new ArrayList<>();
        for (int r = 1; r <= 3000; r++) {
            // a row tag of 100 kB (longer than the scanner's buffer) now and then
            String spans = r % 1000 == 0 ? " x14ac:spans=\"" + "1:3 ".repeat(25_000) + "\"" : "";
            xml.append("<row r=\"").append(r).append('"').append(spans).append('>');
            for (int c = 0; c < 3; c++) {
                String ref = (char) ('A' + c) + Integer.toString(r);
                xml.append("<c r=\"").append(ref).append("\" s=\"").append(c).append("\"><v>").append(r * 10 + c).append("</v></c>");
                expected.add(ref + " NUMBER " + c + " " + (r * 10 + c));
            }
            xml.append("</row>");
            expected.add("row " + r);
        }
        xml.append("</sheetData></worksheet>");
        byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(events(new ByteArrayInputStream(bytes))).containsExactlyElementsOf(expected);
        assertThat(events(new Trickle(bytes))).as("read a few bytes at a time").containsExactlyElementsOf(expected);
    }

    @Test
    void columnOfACellReferenceIsPoisColumn() throws IOException {
        String[] refs = {"A1", "Z9", "AA10", "AZ3", "BA1", "XFD1048576"};
        StringBuilder xml = new StringBuilder("<worksheet><sheetData>");
        for (String ref : refs) {
            xml.append("<row><c r=\"").append(ref).append("\"><v>1</v></c></row>");
        }
        SheetXml x = new SheetXml(new ByteArrayInputStream(xml.append("</sheetData></worksheet>").toString().getBytes(StandardCharsets.UTF_8)), "s.xlsx");
        for (String ref : refs) {
            assertThat(x.next()).isEqualTo(SheetXml.CELL);
            assertThat(x.column()).as(ref).isEqualTo(new CellReference(ref).getCol());
            assertThat(x.next()).isEqualTo(SheetXml.ROW_END);
        }
    }

    @Test
    void documentTypesAndUnknownEntitiesAreRefused() {
        String dtd = HEAD + "<!DOCTYPE worksheet [<!ENTITY big \"lots\">]><worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&big;</t>"
                + "</is></c></row></sheetData></worksheet>";
        assertThatThrownBy(() -> events(new ByteArrayInputStream(dtd.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s.xlsx").hasMessageContaining("document type")
                .hasMessageContaining("fix:");
        String entity = HEAD + "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&big;</t></is></c></row></sheetData></worksheet>";
        assertThatThrownBy(() -> events(new ByteArrayInputStream(entity.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1").hasMessageContaining("'&big;'");
    }

    private static List<String> events(InputStream in) throws IOException {
        SheetXml x = new SheetXml(in, "s.xlsx");
        List<String> out = new ArrayList<>();
        for (int e = x.next(); e != SheetXml.END; e = x.next()) {
            if (e == SheetXml.CELL) {
                String ref = (char) ('A' + x.column()) + Integer.toString(x.rowIndex() + 1);
                out.add(ref + " " + x.type() + " " + x.style() + " " + new String(x.value(), 0, x.valueLength(), StandardCharsets.UTF_8));
            } else {
                out.add("row " + (x.rowIndex() + 1));
            }
        }
        return out;
    }

    /** A stream that gives 1 to 7 bytes per read, so that every tag is cut somewhere. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private int pos;

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + pos % 7), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
