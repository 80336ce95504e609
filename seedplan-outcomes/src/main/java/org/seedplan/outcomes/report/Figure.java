package org.seedplan.outcomes.report;

/** A report figure: a size in pixels and a drawing that works on any {@link Canvas}. */
public interface Figure {

    /** File name without extension, e.g. {@code km_lpfs}. */
    String name();

    /** Short caption for the report. */
    String caption();

    /** Width in pixels (SVG user units). */
    int width();

    /** Height in pixels. */
    int height();

    /** Draws the figure. */
    void draw(Canvas canvas);

    /** The figure as an SVG document. */
    default String svg() {
        SvgCanvas c = new SvgCanvas(width(), height());
        draw(c);
        return c.document();
    }

    /** The figure as a one-page vector PDF, {@value PdfCanvas#WIDTH_MM} mm wide (a journal's double column). */
    default byte[] pdf() {
        PdfCanvas c = new PdfCanvas(width(), height());
        draw(c);
        return c.document();
    }

    /** The figure as an image at {@code scale} image pixels per figure pixel. */
    default java.awt.image.BufferedImage png(double scale) {
        RasterCanvas c = new RasterCanvas(width(), height(), scale);
        draw(c);
        return c.image();
    }
}
