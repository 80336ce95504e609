package org.seedplan.planning.edit;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How each isodose level is drawn, wherever it is drawn (the report images and the workstation's screens), so that the
 * levels are told apart without colour (greyscale print, colour-blind readers): a line width and dash pattern of its own,
 * stroked over a black casing {@link #CASING_PX} wider that keeps it visible on any grey of the CT; the colour is kept for
 * screens. The one table both the report (seedplan-app's {@code IsodoseStyle}) and the server (the plan screen's state JSON)
 * read, so that print and screen cannot drift apart.
 *
 * @param percent  the level, % of the reference prescription (0 for the 100 % line of another target's prescription)
 * @param rgb      the line's colour on screen, 0xRRGGBB
 * @param widthPx  the coloured line's width, pixels (image pixels in a report, CSS pixels on a screen)
 * @param dashPx   on/off lengths of the dash pattern, pixels (empty: solid)
 * @param pattern  the pattern in words, for captions and legends
 */
public record IsodoseLineStyle(double percent, int rgb, float widthPx, float[] dashPx, String pattern) {

    /** The isodoses drawn: 50, 100, 150 and 200 % of the prescription ({@link EditSession#ISODOSE_PERCENTS} in this order). */
    public static final List<IsodoseLineStyle> LEVELS = List.of(
            new IsodoseLineStyle(50, 0x008cff, 1.5f, new float[] {2, 3}, "dotted"),
            new IsodoseLineStyle(100, 0xffe600, 3.5f, new float[0], "thick solid"),
            new IsodoseLineStyle(150, 0xff8c00, 1.5f, new float[] {8, 4}, "dashed"),
            new IsodoseLineStyle(200, 0xe60000, 1.5f, new float[] {8, 3, 2, 3}, "dash-dot"));
    /** The 100 % lines of target prescriptions other than the reference (the first target's), in turn. */
    public static final List<IsodoseLineStyle> OTHER_RX = List.of(
            new IsodoseLineStyle(0, 0x00e6e6, 2.5f, new float[] {12, 4}, "thick long-dashed"),
            new IsodoseLineStyle(0, 0xe6e6e6, 2.5f, new float[] {12, 4}, "thick long-dashed"));
    /** How much wider the black casing under each line is than the line, pixels. */
    public static final float CASING_PX = 2f;

    public IsodoseLineStyle {
        dashPx = dashPx.clone();
    }

    /** The dash pattern's on/off lengths, pixels (a copy; empty: solid). */
    @Override
    public float[] dashPx() {
        return dashPx.clone();
    }

    /** The colour as CSS writes it, "#rrggbb". */
    public String cssColour() {
        return String.format(Locale.ROOT, "#%06x", rgb);
    }

    /** The style of {@code percent} % of the reference prescription, or null when that level is not drawn. */
    public static IsodoseLineStyle level(double percent) {
        return LEVELS.stream().filter(s -> s.percent == percent).findFirst().orElse(null);
    }

    /** "50 % dotted, 100 % thick solid, 150 % dashed, 200 % dash-dot". */
    public static String levelsInWords() {
        return LEVELS.stream().map(s -> (int) s.percent + " % " + s.pattern).collect(Collectors.joining(", "));
    }
}
