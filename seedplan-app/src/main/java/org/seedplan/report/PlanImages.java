package org.seedplan.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.dose.Seed;
import org.seedplan.dvh.Dvh;
import org.seedplan.geometry.Grid;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.StructureDose;

/**
 * The plan's pictures, drawn with Java2D: axial, coronal and sagittal slices through the target
 * centre (CT in a soft-tissue window, structure outlines, isodose lines at 50/100/150/200 % of the
 * reference prescription and the 100 % line of every other target prescription, needles and seeds,
 * a legend naming every structure and isodose) and the cumulative DVH plot. Colours are chosen so
 * that none can be taken for another: isodoses blue-yellow-orange-red, targets magenta and violet,
 * organs green, brown and grey (no blue organ beside the blue 50 % line). In greyscale print the isodoses are told apart by
 * their width and dashes ({@link IsodoseStyle}) on a black casing, structures by a white casing, and the legend is black
 * text on a white band.
 *
 * <p>Display conventions: axial images are seen from the feet (patient right on the image left,
 * anterior up); coronal from the front (right on the left, superior up); sagittal from the
 * patient's left (anterior on the left, superior up).
 */
public final class PlanImages {

    /** The three slice orientations. */
    public enum View { AXIAL, CORONAL, SAGITTAL }

    static final Color[] ORGAN_COLOURS = {new Color(0, 200, 90), new Color(190, 130, 60), new Color(200, 200, 200), new Color(110, 150, 40)};
    static final Color[] TARGET_COLOURS = {new Color(255, 60, 220), new Color(160, 90, 255), new Color(255, 170, 210)};
    /** Seeds closer than this to the slice plane are drawn bright, mm. */
    static final double SLAB_MM = 2.5;
    /** Width of the seed sample in the legend, px. */
    private static final int SEED_SAMPLE_PX = 18;

    private PlanImages() {
    }

    /** One slice image through the target centre. */
    public static BufferedImage slice(Plan plan, PlanningGeometry geometry, View view) {
        Grid g = plan.dose().grid();
        SliceView sv = new SliceView(view, g, geometry.targetCentroidMm());
        double ref = plan.intent().referenceDoseGy();
        List<Double> otherRx = otherPrescriptions(plan);
        Legend key = new Legend();
        key.text(sv.label());
        for (IsodoseStyle level : IsodoseStyle.LEVELS) {
            key.isodose(level, (int) level.percent() + "% " + gy(ref * level.percent() / 100));
        }
        for (int n = 0; n < otherRx.size(); n++) {
            key.isodose(IsodoseStyle.OTHER_RX.get(n % IsodoseStyle.OTHER_RX.size()), gy(otherRx.get(n)) + " (Rx)");
        }
        int t0 = 0;
        for (PlanningGeometry.Target t : geometry.targets()) {
            key.outline(TARGET_COLOURS[t0++ % TARGET_COLOURS.length], t.goal().structure() + " (Rx " + gy(t.goal().prescriptionGy()) + ")");
        }
        int o = 0;
        for (PlanningGeometry.Organ organ : geometry.organs()) {
            key.outline(ORGAN_COLOURS[o++ % ORGAN_COLOURS.length], organ.limit().structure());
        }
        key.mark(SEED_SAMPLE_PX, (k, x, y) -> {
            k.setColor(Legend.CT_CHIP);
            k.fill(new Rectangle2D.Double(x - SEED_SAMPLE_PX / 2.0, y - 6, SEED_SAMPLE_PX, 12));
            drawSeed(k, new double[] {x - 5, y}, new double[] {x + 5, y}, true);
        }, "seeds");
        int legendPx = key.heightPx(sv.width);
        BufferedImage img = sv.background(p -> geometry.ct() == null ? -1000 : geometry.huAt(p), legendPx);
        Graphics2D gr = SliceView.graphics(img);
        float[] dose = sv.field(plan.dose().doseGy());
        o = 0;
        for (PlanningGeometry.Organ organ : geometry.organs()) {
            outline(gr, sv.toPixels(Isolines.path(sv.field(organ.mask()::fractionAt), sv.nu, sv.nv, 0.5)), ORGAN_COLOURS[o++ % ORGAN_COLOURS.length]);
        }
        t0 = 0;
        for (PlanningGeometry.Target t : geometry.targets()) {
            outline(gr, sv.toPixels(Isolines.path(sv.field(t.mask()::fractionAt), sv.nu, sv.nv, 0.5)), TARGET_COLOURS[t0++ % TARGET_COLOURS.length]);
        }
        for (IsodoseStyle level : IsodoseStyle.LEVELS) {
            level.draw(gr, sv.toPixels(Isolines.path(dose, sv.nu, sv.nv, ref * level.percent() / 100)));
        }
        for (int n = 0; n < otherRx.size(); n++) {
            IsodoseStyle.OTHER_RX.get(n % IsodoseStyle.OTHER_RX.size()).draw(gr, sv.toPixels(Isolines.path(dose, sv.nu, sv.nv, otherRx.get(n))));
        }
        // needles and seeds, projected onto the plane
        gr.setStroke(new BasicStroke(1f));
        gr.setColor(new Color(170, 170, 170));
        for (PlannedNeedle n : plan.needles()) {
            double[] a = sv.project(n.needle().entryMm());
            double[] b = sv.project(n.needle().tipMm());
            gr.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
        }
        for (Seed s : plan.seeds()) {
            double off = Math.abs(sv.offsetFromPlane(s.centreMm()));
            drawSeed(gr, sv.project(s.centreMm().minus(s.axis().times(2.25))), sv.project(s.centreMm().plus(s.axis().times(2.25))), off <= SLAB_MM);
        }
        key.paint(gr, sv.width, sv.height, legendPx);
        gr.dispose();
        return img;
    }

    /**
     * A structure's outline in its colour over a white casing a pixel wider each side: in greyscale print a magenta or green
     * line has about the grey of soft tissue and would vanish; the casing keeps it, and tells it from the black-cased isodoses.
     */
    static void outline(Graphics2D gr, Shape pixelShape, Color colour) {
        gr.setColor(Color.WHITE);
        gr.setStroke(new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        gr.draw(pixelShape);
        gr.setColor(colour);
        gr.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        gr.draw(pixelShape);
    }

    private static void drawSeed(Graphics2D gr, double[] from, double[] to, boolean nearPlane) {
        gr.setColor(nearPlane ? new Color(255, 255, 255) : new Color(120, 120, 60));
        gr.setStroke(new BasicStroke(nearPlane ? 3f : 2f));
        gr.draw(new Line2D.Double(from[0], from[1], to[0], to[1]));
    }

    /** The cumulative DVH of every structure of the plan, volume in % against dose in Gy. */
    public static BufferedImage dvh(Plan plan) {
        double ref = plan.intent().referenceDoseGy();
        double maxDose = niceCeil(Math.min(3 * ref, maxOf(plan.structures()) * 1.05));
        DvhFrame frame = new DvhFrame(640, 400, 60, 150, 20, 45, maxDose, niceCeil(maxDose / 8));
        Graphics2D g = frame.g;
        int left = frame.left;
        int top = frame.top;
        int pw = frame.plotWidth;
        int ph = frame.plotHeight;
        int xr = left + (int) Math.round(ref / maxDose * pw);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        g.setColor(Color.GRAY);
        g.drawLine(xr, top, xr, top + ph);
        g.setStroke(new BasicStroke(2f));
        int organ = 0;
        int target = 0;
        int ly = top + 10;
        for (StructureDose s : plan.structures()) {
            Color colour = s.role().equals("target") ? TARGET_COLOURS[target++ % TARGET_COLOURS.length].darker()
                    : ORGAN_COLOURS[organ++ % ORGAN_COLOURS.length].darker();
            g.setColor(colour);
            Dvh dvh = s.dvh();
            List<Dvh.Point> pts = dvh.cumulative(Math.max(maxDose / 400, 0.05));
            double px = left;
            double py = top;
            boolean first = true;
            for (Dvh.Point p : pts) {
                if (p.doseGy() > maxDose) {
                    break;
                }
                double x = left + p.doseGy() / maxDose * pw;
                double y = top + ph - (dvh.volumeCc() > 0 ? p.volumeCc() / dvh.volumeCc() : 0) * ph;
                if (!first) {
                    g.draw(new Line2D.Double(px, py, x, y));
                }
                px = x;
                py = y;
                first = false;
            }
            g.fillRect(left + pw + 12, ly - 8, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), left + pw + 32, ly - 3);
            ly += 18;
        }
        g.dispose();
        return frame.image;
    }

    /**
     * The key under a slice image: a light band on which each entry is a sample drawn as on the image (an isodose's line with
     * its dashes, a structure's outline, a mark) followed by its label in black, left to right, wrapping to the next row when
     * one is full, so that it reads in greyscale print as on screen. The band is as high as its rows need.
     */
    static final class Legend {
        /** The band's colour (white: legible in print, no toner). */
        static final Color BAND = Color.WHITE;
        /** The labels' colour: black on the white band, a BT.601 luma contrast of 21 : 1. */
        static final Color TEXT = Color.BLACK;
        /** The CT-like dark chip a light mark (a seed) is drawn on in the key. */
        static final Color CT_CHIP = new Color(90, 90, 90);
        /** Length of an isodose's or outline's line sample, px: long enough for two periods of the longest dash pattern. */
        static final int LINE_SAMPLE_PX = 30;
        private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        private static final int ROW_PX = 17;

        /** Draws an entry's sample centred at pixel (x, y). */
        interface Sample {
            void draw(Graphics2D g, double x, double y);
        }

        private record Entry(int samplePx, Sample sample, String label) {
        }

        private final List<Entry> entries = new ArrayList<>();

        /** A label without a sample (the slice's name). */
        void text(String label) {
            mark(0, (g, cx, cy) -> { }, label);
        }

        /** An isodose level: its line sample, then its label. */
        void isodose(IsodoseStyle style, String label) {
            mark(LINE_SAMPLE_PX, (g, cx, cy) -> style.sample(g, cx - LINE_SAMPLE_PX / 2.0, Math.floor(cy) + 0.5, LINE_SAMPLE_PX), label);
        }

        /** A structure: a sample of its outline, then its name. */
        void outline(Color colour, String label) {
            mark(LINE_SAMPLE_PX, (g, cx, cy) -> PlanImages.outline(g,
                    new Line2D.Double(cx - LINE_SAMPLE_PX / 2.0, Math.floor(cy) + 0.5, cx + LINE_SAMPLE_PX / 2.0, Math.floor(cy) + 0.5), colour), label);
        }

        /** A symbol {@code markPx} wide, drawn by {@code mark} centred at the pixel it is given, then its label. */
        void mark(int markPx, Sample mark, String label) {
            entries.add(new Entry(markPx, mark, label));
        }

        /** The band's height under an image {@code width} px wide, px. */
        int heightPx(int width) {
            BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scratch.createGraphics();
            g.setFont(FONT);
            int rows = layout(g, width, 0, false);
            g.dispose();
            return 7 + ROW_PX * rows;
        }

        /** Paints the band from pixel row {@code top} to the foot of the image, and the entries on it. */
        void paint(Graphics2D g, int width, int top, int heightPx) {
            g.setColor(BAND);
            g.fillRect(0, top, width, heightPx);
            g.setFont(FONT);
            layout(g, width, top, true);
        }

        private int layout(Graphics2D g, int width, int top, boolean draw) {
            int x = 6;
            int y = top + 15;
            int rows = 1;
            for (Entry e : entries) {
                int gap = e.samplePx() > 0 ? 4 : 0;
                int w = e.samplePx() + gap + g.getFontMetrics().stringWidth(e.label());
                if (x > 6 && x + w > width - 4) {
                    x = 6;
                    y += ROW_PX;
                    rows++;
                }
                if (draw) {
                    e.sample().draw(g, x + e.samplePx() / 2.0, y - 4.0);
                    g.setColor(TEXT);
                    g.drawString(e.label(), x + e.samplePx() + gap, y);
                }
                x += w + 12;
            }
            return rows;
        }
    }

    /** The target prescriptions other than the reference (the largest), each once, Gy. */
    static List<Double> otherPrescriptions(Plan plan) {
        double ref = plan.intent().referenceDoseGy();
        return plan.intent().targets().stream().map(t -> t.prescriptionGy()).filter(rx -> rx != ref).distinct().sorted().toList();
    }

    private static String gy(double v) {
        return v == Math.rint(v) ? String.format(java.util.Locale.ROOT, "%.0f Gy", v) : String.format(java.util.Locale.ROOT, "%.1f Gy", v);
    }

    private static double maxOf(List<StructureDose> structures) {
        double m = 1;
        for (StructureDose s : structures) {
            m = Math.max(m, s.dvh().maxGy());
        }
        return m;
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
