package org.seedplan.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.util.List;
import org.seedplan.planning.edit.IsodoseLineStyle;

/**
 * How one isodose level is drawn in the report images so that it is told apart without colour (greyscale print, colour-blind
 * readers): a line width and dash pattern of its own, stroked over a black casing two pixels wider that keeps it visible on
 * any grey of the CT; its colour is kept for screens. The levels' table is seedplan-planning's {@link IsodoseLineStyle}, which
 * the workstation's plan screen draws from as well. The legend's line sample is drawn the same way.
 *
 * @param percent   the level, % of the reference prescription (0 for the 100 % line of another target prescription)
 * @param colour    the line's colour on screen
 * @param widthPx   the coloured line's width, image pixels
 * @param dashPx    on/off lengths of the dash pattern, image pixels (empty: solid)
 * @param pattern   the pattern in words, for captions
 */
record IsodoseStyle(double percent, Color colour, float widthPx, float[] dashPx, String pattern) {

    /** The isodoses of the plan and verification images: 50, 100, 150 and 200 % of the prescription. */
    static final List<IsodoseStyle> LEVELS = IsodoseLineStyle.LEVELS.stream().map(IsodoseStyle::of).toList();
    /** The 100 % lines of target prescriptions other than the reference, in turn. */
    static final List<IsodoseStyle> OTHER_RX = IsodoseLineStyle.OTHER_RX.stream().map(IsodoseStyle::of).toList();
    private static final float CASING_PX = IsodoseLineStyle.CASING_PX;

    private static IsodoseStyle of(IsodoseLineStyle s) {
        return new IsodoseStyle(s.percent(), new Color(s.rgb()), s.widthPx(), s.dashPx(), s.pattern());
    }

    /** "50 % dotted, 100 % thick solid, 150 % dashed, 200 % dash-dot". */
    static String levelsInWords() {
        return IsodoseLineStyle.levelsInWords();
    }

    /** Strokes {@code pixelShape} (in image pixels): the black casing, then the coloured line, both with this level's dashes. */
    void draw(Graphics2D g, Shape pixelShape) {
        g.setColor(Color.BLACK);
        g.setStroke(stroke(widthPx + CASING_PX));
        g.draw(pixelShape);
        g.setColor(colour);
        g.setStroke(stroke(widthPx));
        g.draw(pixelShape);
    }

    /** The legend's line sample: a horizontal piece {@code lengthPx} long from ({@code x}, {@code y}), drawn as on the image. */
    void sample(Graphics2D g, double x, double y, double lengthPx) {
        draw(g, new Line2D.Double(x, y, x + lengthPx, y));
    }

    private BasicStroke stroke(float width) {
        return dashPx.length == 0 ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dashPx, 0f);
    }
}
