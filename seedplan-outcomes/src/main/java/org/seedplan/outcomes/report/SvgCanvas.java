package org.seedplan.outcomes.report;

import java.awt.Color;
import java.util.Locale;

/** A {@link Canvas} that writes SVG 1.1 by hand (no library): one element per drawing call. */
public final class SvgCanvas implements Canvas {

    private final StringBuilder body = new StringBuilder();
    private final int width;
    private final int height;

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed) {
        body.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.2f\"%s/>%n",
                x1, y1, x2, y2, hex(color), width, dashed ? " stroke-dasharray=\"5,4\"" : ""));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Color color, double width) {
        body.append("<polyline fill=\"none\" stroke=\"").append(hex(color)).append("\" stroke-width=\"")
                .append(String.format(Locale.ROOT, "%.2f", width)).append("\" points=\"");
        for (int i = 0; i < xs.length; i++) {
            body.append(String.format(Locale.ROOT, "%.2f,%.2f ", xs[i], ys[i]));
        }
        body.append("\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill, Color stroke) {
        body.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" stroke=\"%s\"/>%n",
                x, y, w, h, fill == null ? "none" : hex(fill), stroke == null ? "none" : hex(stroke)));
    }

    @Override
    public void dot(double x, double y, double radius, Color color) {
        body.append(String.format(Locale.ROOT, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\"/>%n", x, y, radius, hex(color)));
    }

    @Override
    public void text(double x, double y, String text, double size, Color color, Align align, boolean bold, boolean vertical) {
        String anchor = switch (align) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        body.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"%.1f\" fill=\"%s\" text-anchor=\"%s\"%s%s>",
                x, y, size, hex(color), anchor, bold ? " font-weight=\"bold\"" : "",
                vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.2f %.2f)\"", x, y) : ""));
        body.append(escape(text)).append("</text>\n");
    }

    /** The complete SVG document. */
    public String document() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\">\n"
                + "<rect x=\"0\" y=\"0\" width=\"" + width + "\" height=\"" + height + "\" fill=\"#ffffff\"/>\n"
                + body + "</svg>\n";
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
