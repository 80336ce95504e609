package org.seedplan.outcomes.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.util.Matrix;

/**
 * A {@link Canvas} that draws into a one-page vector PDF (Apache PDFBox) whose width is a journal's double-column
 * width, {@link #WIDTH_MM} mm; figure pixels are scaled to fit. Text is Helvetica (a PDF standard font, so nothing
 * is embedded); characters it lacks are written as ASCII (≥ as &gt;=, ≤ as &lt;=, χ² as chi², arrows as -&gt;).
 */
final class PdfCanvas implements Canvas {

    /** Page width, mm (double-column figures: 170–180 mm in most journals). */
    static final double WIDTH_MM = 180;

    private final PDDocument doc = new PDDocument();
    private final PDPageContentStream cs;
    private final double scale;
    private final double height;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    PdfCanvas(int width, int height) {
        this.scale = WIDTH_MM / 25.4 * 72 / width;
        this.height = height;
        PDPage page = new PDPage(new PDRectangle((float) (width * scale), (float) (height * scale)));
        doc.addPage(page);
        try {
            cs = new PDPageContentStream(doc, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float x(double v) {
        return (float) (v * scale);
    }

    private float y(double v) {
        return (float) ((height - v) * scale);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
        io(() -> {
            cs.setStrokingColor(color);
            cs.setLineWidth((float) (width * scale));
            cs.setLineDashPattern(dashed ? new float[] {(float) (5 * scale), (float) (4 * scale)} : new float[0], 0);
            cs.moveTo(x(x1), y(y1));
            cs.lineTo(x(x2), y(y2));
            cs.stroke();
        });
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, double width) {
        if (xs.length < 2) {
            return;
        }
        io(() -> {
            cs.setStrokingColor(color);
            cs.setLineWidth((float) (width * scale));
            cs.setLineDashPattern(new float[0], 0);
            cs.moveTo(x(xs[0]), y(ys[0]));
            for (int i = 1; i < xs.length; i++) {
                cs.lineTo(x(xs[i]), y(ys[i]));
            }
            cs.stroke();
        });
    }

    @Override
    public void rect(double rx, double ry, double w, double h, Color fill, Color stroke) {
        io(() -> {
            cs.addRect(x(rx), y(ry + h), (float) (w * scale), (float) (h * scale));
            if (fill != null) {
                cs.setNonStrokingColor(fill);
            }
            if (stroke != null) {
                cs.setStrokingColor(stroke);
                cs.setLineDashPattern(new float[0], 0);
            }
            if (fill != null && stroke != null) {
                cs.fillAndStroke();
            } else if (fill != null) {
                cs.fill();
            } else if (stroke != null) {
                cs.stroke();
            }
        });
    }

    @Override
    public void dot(double cx, double cy, double radius, Color color) {
        io(() -> {
            float r = (float) (radius * scale);
            float k = 0.5523f * r;
            float px = x(cx);
            float py = y(cy);
            cs.setNonStrokingColor(color);
            cs.moveTo(px + r, py);
            cs.curveTo(px + r, py + k, px + k, py + r, px, py + r);
            cs.curveTo(px - k, py + r, px - r, py + k, px - r, py);
            cs.curveTo(px - r, py - k, px - k, py - r, px, py - r);
            cs.curveTo(px + k, py - r, px + r, py - k, px + r, py);
            cs.fill();
        });
    }

    @Override
    public void text(double tx, double ty, String text, double size, Color color, Align align, boolean isBold, boolean vertical) {
        String s = ascii(text);
        PDType1Font font = isBold ? bold : regular;
        io(() -> {
            float fs = (float) (size * scale);
            float w = font.getStringWidth(s) / 1000 * fs;
            float shift = align == Align.START ? 0 : align == Align.MIDDLE ? -w / 2 : -w;
            cs.beginText();
            cs.setFont(font, fs);
            cs.setNonStrokingColor(color);
            if (vertical) {
                Matrix m = Matrix.getRotateInstance(Math.PI / 2, x(tx), y(ty));
                m.translate(shift, 0);
                cs.setTextMatrix(m);
            } else {
                cs.setTextMatrix(Matrix.getTranslateInstance(x(tx) + shift, y(ty)));
            }
            cs.showText(s);
            cs.endText();
        });
    }

    /** The finished PDF. */
    byte[] document() {
        try {
            cs.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            doc.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text in the characters Helvetica's WinAnsi encoding has. */
    static String ascii(String s) {
        String t = s.replace("≥", ">=").replace("≤", "<=").replace("χ²", "chi²").replace("χ", "chi").replace("→", "->")
                .replace("←", "<-").replace("−", "-").replace("…", "...");
        StringBuilder sb = new StringBuilder();
        for (char c : t.toCharArray()) {
            sb.append(c < 0x80 || "–—±°µ×²³·’‘“”é".indexOf(c) >= 0 ? c : '?');
        }
        return sb.toString();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
