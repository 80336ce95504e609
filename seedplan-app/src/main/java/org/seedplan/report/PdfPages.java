package org.seedplan.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A simple flowing layout on A4 pages with PDFBox: lines of text, tables and images placed from
 * the top down, a new page when one is full. Text uses the standard Helvetica fonts (WinAnsi):
 * characters outside that set are spelt out (≥ as >=, ≤ as <=).
 */
final class PdfPages implements AutoCloseable {

    static final float MARGIN = 40;
    /** PDFBox logs through java.util.logging; its one-time font-cache notices would clutter the command line. */
    private static final java.util.logging.Logger PDFBOX_LOG = java.util.logging.Logger.getLogger("org.apache.pdfbox");

    static {
        PDFBOX_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private static final PDRectangle SIZE = PDRectangle.A4;

    private final PDDocument doc = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final String footer;
    private PDPageContentStream cs;
    private float y;
    private int pages;

    PdfPages(String footer) throws IOException {
        this.footer = footer;
        newPage();
    }

    float width() {
        return SIZE.getWidth() - 2 * MARGIN;
    }

    void newPage() throws IOException {
        if (cs != null) {
            cs.close();
        }
        PDPage page = new PDPage(SIZE);
        doc.addPage(page);
        pages++;
        cs = new PDPageContentStream(doc, page);
        y = SIZE.getHeight() - MARGIN;
    }

    private void need(float height) throws IOException {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    void heading(String text) throws IOException {
        // a heading stays with at least three lines of what it heads
        need(24 + 3 * 13);
        y -= 16;
        write(text, MARGIN, y, 13, true);
        y -= 6;
    }

    void line(String text) throws IOException {
        line(text, 9.5f, false);
    }

    void line(String text, float size, boolean strong) throws IOException {
        for (String part : wrap(text, size, strong)) {
            need(size + 3);
            y -= size + 3;
            write(part, MARGIN, y, size, strong);
        }
    }

    void space(float points) {
        y -= points;
    }

    /** A table with a bold header row; columns get the given widths in points. */
    void table(List<String[]> rows, float[] widths, float size) throws IOException {
        for (int r = 0; r < rows.size(); r++) {
            need(size + 4);
            y -= size + 4;
            float x = MARGIN;
            String[] row = rows.get(r);
            for (int c = 0; c < row.length && c < widths.length; c++) {
                write(clip(row[c], widths[c] - 3, size, r == 0), x, y, size, r == 0);
                x += widths[c];
            }
            if (r == 0) {
                headerRule(widths);
            }
        }
        y -= 4;
    }

    /**
     * A table as {@link #table}, but each cell's text wrapped at spaces within its column instead of clipped: a row is as many
     * lines high as its longest cell (for cells of sentences, such as why a structure was given its composition).
     */
    void wrappedTable(List<String[]> rows, float[] widths, float size) throws IOException {
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            List<List<String>> cells = new java.util.ArrayList<>();
            int lines = 1;
            for (int c = 0; c < row.length && c < widths.length; c++) {
                List<String> wrapped = new java.util.ArrayList<>();
                for (String part : wrap(row[c], widths[c] - 3, size, r == 0)) {
                    wrapped.add(clip(part, widths[c] - 3, size, r == 0));
                }
                cells.add(wrapped);
                lines = Math.max(lines, wrapped.size());
            }
            need(size + 4 + (lines - 1) * (size + 1));
            for (int l = 0; l < lines; l++) {
                y -= l == 0 ? size + 4 : size + 1;
                float x = MARGIN;
                for (int c = 0; c < cells.size(); c++) {
                    if (l < cells.get(c).size()) {
                        write(cells.get(c).get(l), x, y, size, r == 0);
                    }
                    x += widths[c];
                }
            }
            if (r == 0) {
                headerRule(widths);
            }
        }
        y -= 4;
    }

    /** The rule under a table's header row, across its columns' widths. */
    private void headerRule(float[] widths) throws IOException {
        cs.setLineWidth(0.5f);
        cs.moveTo(MARGIN, y - 2);
        cs.lineTo(MARGIN + sum(widths), y - 2);
        cs.stroke();
    }

    /** Places images side by side, scaled to share the page width, on one row. */
    void images(List<BufferedImage> images, float rowWidth) throws IOException {
        float gap = 8;
        float each = (rowWidth - gap * (images.size() - 1)) / images.size();
        float height = 0;
        for (BufferedImage img : images) {
            height = Math.max(height, each * img.getHeight() / img.getWidth());
        }
        need(height + 6);
        float x = MARGIN;
        for (BufferedImage img : images) {
            float h = each * img.getHeight() / img.getWidth();
            PDImageXObject xo = LosslessFactory.createFromImage(doc, img);
            cs.drawImage(xo, x, y - h, each, h);
            x += each + gap;
        }
        y -= height + 6;
    }

    /** Writes the footer "page x of y" on every page, then the file. */
    void save(java.nio.file.Path file) throws IOException {
        cs.close();
        cs = null;
        int n = 0;
        for (PDPage page : doc.getPages()) {
            n++;
            try (PDPageContentStream footerStream = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                footerStream.beginText();
                footerStream.setFont(regular, 8);
                footerStream.newLineAtOffset(MARGIN, 20);
                footerStream.showText(safe(footer + "   page " + n + " of " + pages));
                footerStream.endText();
            }
        }
        doc.save(file.toFile());
    }

    @Override
    public void close() throws IOException {
        if (cs != null) {
            cs.close();
        }
        doc.close();
    }

    private void write(String text, float x, float atY, float size, boolean strong) throws IOException {
        cs.beginText();
        cs.setFont(strong ? bold : regular, size);
        cs.newLineAtOffset(x, atY);
        cs.showText(safe(text));
        cs.endText();
    }

    private List<String> wrap(String text, float size, boolean strong) throws IOException {
        return wrap(text, width(), size, strong);
    }

    private List<String> wrap(String text, float lineWidth, float size, boolean strong) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : safe(text).split(" ")) {
            String trial = current.length() == 0 ? word : current + " " + word;
            if (textWidth(trial, size, strong) > lineWidth && current.length() > 0) {
                out.add(current.toString());
                current = new StringBuilder(word);
            } else {
                current = new StringBuilder(trial);
            }
        }
        out.add(current.toString());
        return out;
    }

    private String clip(String text, float width, float size, boolean strong) throws IOException {
        String s = safe(text);
        while (s.length() > 1 && textWidth(s, size, strong) > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private float textWidth(String s, float size, boolean strong) throws IOException {
        return (strong ? bold : regular).getStringWidth(s) / 1000 * size;
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    /** Text in the WinAnsi set of the standard fonts. */
    static String safe(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '≥' -> sb.append(">=");
                case '≤' -> sb.append("<=");
                case '→' -> sb.append("->");
                case '–', '—', '−' -> sb.append('-');
                case '…' -> sb.append("...");
                case '⁻' -> sb.append('-');
                case '¹' -> sb.append('1');
                case '\n', '\t' -> sb.append(' ');
                default -> sb.append(c < 256 && (c >= 0x20 && (c < 0x7F || c >= 0xA0)) ? c : '?');
            }
        }
        return sb.toString();
    }
}
