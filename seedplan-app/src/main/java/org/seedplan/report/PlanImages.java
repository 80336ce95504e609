package org.seedplan.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.seedplan.dose.Seed;
import org.seedplan.dvh.Dvh;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
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
 * organs green, brown and grey (no blue organ beside the blue 50 % line).
 *
 * <p>Display conventions: axial images are seen from the feet (patient right on the image left,
 * anterior up); coronal from the front (right on the left, superior up); sagittal from the
 * patient's left (anterior on the left, superior up).
 */
public final class PlanImages {

    /** The three slice orientations. */
    public enum View { AXIAL, CORONAL, SAGITTAL }

    static final double[] ISODOSE_PCT = {50, 100, 150, 200};
    static final Color[] ISODOSE_COLOURS = {new Color(0, 140, 255), new Color(255, 230, 0), new Color(255, 140, 0), new Color(230, 0, 0)};
    static final Color[] ORGAN_COLOURS = {new Color(0, 200, 90), new Color(190, 130, 60), new Color(200, 200, 200), new Color(110, 150, 40)};
    static final Color[] TARGET_COLOURS = {new Color(255, 60, 220), new Color(160, 90, 255), new Color(255, 170, 210)};
    /** The 100 % line of a target prescription other than the reference. */
    static final Color[] RX_COLOURS = {new Color(0, 230, 230), new Color(230, 230, 230)};
    /** Seeds closer than this to the slice plane are drawn bright, mm. */
    static final double SLAB_MM = 2.5;

    private PlanImages() {
    }

    /** One slice image through the target centre. */
    public static BufferedImage slice(Plan plan, PlanningGeometry geometry, View view) {
        Grid g = plan.dose().grid();
        SliceView sv = new SliceView(view, g, geometry.targetCentroidMm());
        BufferedImage img = sv.background(p -> geometry.ct() == null ? -1000 : geometry.huAt(p));
        Graphics2D gr = SliceView.graphics(img);
        int nu = sv.nu;
        int nv = sv.nv;
        double du = sv.du;
        double dv = sv.dv;
        double scale = sv.scale;
        int width = sv.width;
        int height = sv.height;
        int legend = SliceView.LEGEND_PX;
        float[] dose = sv.field(plan.dose().doseGy());
        double x0 = du * scale / 2;
        double y0 = dv * scale / 2;
        double step = du * scale;
        double stepV = dv * scale;
        // outlines (field sampled at voxel centres; anisotropic pixels handled by drawing in voxel units)
        java.awt.geom.AffineTransform saved = gr.getTransform();
        gr.translate(x0, y0);
        gr.scale(step, stepV);
        gr.setStroke(new BasicStroke((float) (2.0 / step)));
        int o = 0;
        for (PlanningGeometry.Organ organ : geometry.organs()) {
            gr.setColor(ORGAN_COLOURS[o++ % ORGAN_COLOURS.length]);
            Isolines.draw(gr, sv.field(organ.mask()::fractionAt), nu, nv, 0.5, 0, 0, 1);
        }
        int t0 = 0;
        for (PlanningGeometry.Target t : geometry.targets()) {
            gr.setColor(TARGET_COLOURS[t0++ % TARGET_COLOURS.length]);
            Isolines.draw(gr, sv.field(t.mask()::fractionAt), nu, nv, 0.5, 0, 0, 1);
        }
        double ref = plan.intent().referenceDoseGy();
        gr.setStroke(new BasicStroke((float) (1.5 / step)));
        for (int n = 0; n < ISODOSE_PCT.length; n++) {
            gr.setColor(ISODOSE_COLOURS[n]);
            Isolines.draw(gr, dose, nu, nv, ref * ISODOSE_PCT[n] / 100, 0, 0, 1);
        }
        List<Double> otherRx = otherPrescriptions(plan);
        gr.setStroke(new BasicStroke((float) (1.5 / step), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {(float) (3 / step), (float) (2 / step)}, 0f));
        for (int n = 0; n < otherRx.size(); n++) {
            gr.setColor(RX_COLOURS[n % RX_COLOURS.length]);
            Isolines.draw(gr, dose, nu, nv, otherRx.get(n), 0, 0, 1);
        }
        gr.setTransform(saved);
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
            gr.setColor(off <= SLAB_MM ? new Color(255, 255, 255) : new Color(120, 120, 60));
            gr.setStroke(new BasicStroke(off <= SLAB_MM ? 3f : 2f));
            double[] a = sv.project(s.centreMm().minus(s.axis().times(2.25)));
            double[] b = sv.project(s.centreMm().plus(s.axis().times(2.25)));
            gr.draw(new Line2D.Double(a[0], a[1], b[0], b[1]));
        }
        // legend
        gr.setColor(Color.BLACK);
        gr.fillRect(0, height, width, legend);
        gr.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        Legend key = new Legend(gr, width, height);
        key.add(Color.WHITE, sv.label());
        for (int n = 0; n < ISODOSE_PCT.length; n++) {
            key.add(ISODOSE_COLOURS[n], (int) ISODOSE_PCT[n] + "% " + gy(ref * ISODOSE_PCT[n] / 100));
        }
        for (int n = 0; n < otherRx.size(); n++) {
            key.add(RX_COLOURS[n % RX_COLOURS.length], "- - " + gy(otherRx.get(n)) + " (Rx)");
        }
        t0 = 0;
        for (PlanningGeometry.Target t : geometry.targets()) {
            key.add(TARGET_COLOURS[t0++ % TARGET_COLOURS.length], t.goal().structure() + " (Rx " + gy(t.goal().prescriptionGy()) + ")");
        }
        o = 0;
        for (PlanningGeometry.Organ organ : geometry.organs()) {
            key.add(ORGAN_COLOURS[o++ % ORGAN_COLOURS.length], organ.limit().structure());
        }
        key.add(Color.WHITE, "seeds");
        gr.dispose();
        return img;
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

    /** Writes coloured labels left to right under the image, wrapping to the next row when one is full. */
    static final class Legend {
        private final Graphics2D gr;
        private final int width;
        private int x = 6;
        private int y;

        Legend(Graphics2D gr, int width, int imageHeight) {
            this.gr = gr;
            this.width = width;
            this.y = imageHeight + 15;
        }

        void add(Color colour, String label) {
            int w = gr.getFontMetrics().stringWidth(label);
            if (x > 6 && x + w > width - 4) {
                x = 6;
                y += 17;
            }
            gr.setColor(colour);
            gr.drawString(label, x, y);
            x += w + 12;
        }

        /** A symbol {@code markPx} wide, drawn by {@code mark} centred at the pixel it is given, then its label in white. */
        void addMark(int markPx, java.util.function.BiConsumer<Double, Double> mark, String label) {
            int w = markPx + 4 + gr.getFontMetrics().stringWidth(label);
            if (x > 6 && x + w > width - 4) {
                x = 6;
                y += 17;
            }
            mark.accept(x + markPx / 2.0, y - 4.0);
            gr.setColor(Color.WHITE);
            gr.drawString(label, x + markPx + 4, y);
            x += w + 12;
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
