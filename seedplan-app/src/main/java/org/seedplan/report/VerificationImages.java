package org.seedplan.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.dose.Seed;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.comparison.Verification;

/**
 * Slices of a verification: the post-op CT (window 400/40 HU) with the structures, the post-plan
 * isodoses (50/100/150/200 % of the prescription, colours, widths and dashes of the plan report: {@link IsodoseStyle}), the found seeds as
 * black segments with a white core (dimmer beyond {@value PlanImages#SLAB_MM} mm of the plane), the planned seeds as
 * cyan circles and the planned seeds not found as white squares with a black border and cross (☒; grey beyond
 * {@value PlanImages#SLAB_MM} mm of the plane, as the found seeds are dimmer there): filled, so that neither in colour nor in
 * greyscale print can they be taken for the red 200 % isodose line. Display conventions as
 * {@link PlanImages}.
 */
public final class VerificationImages {

    private static final Color PLANNED = new Color(0, 220, 255);
    /** Half the side of the "not found" square, px. */
    private static final double NOT_FOUND_HALF_PX = 6.5;
    private static final Color NOT_FOUND_FAR_FILL = new Color(175, 175, 175);
    private static final Color NOT_FOUND_FAR_LINE = new Color(70, 70, 70);

    private VerificationImages() {
    }

    /** One slice through the centroid of the first target (or the dose grid's centre). */
    public static BufferedImage slice(Verification v, Volume ct, List<RoiMask> rois, double prescriptionGy, PlanImages.View view) {
        Grid g = v.postDose().grid();
        SliceView sv = new SliceView(view, g, centre(rois, g));
        List<RoiMask> drawn = rois.stream().filter(r -> r.mask().grid().equals(g)).toList();
        List<Color> colours = new ArrayList<>();
        int o = 0;
        int t = 0;
        for (RoiMask r : drawn) {
            colours.add(r.type().isTarget() ? PlanImages.TARGET_COLOURS[t++ % PlanImages.TARGET_COLOURS.length]
                    : PlanImages.ORGAN_COLOURS[o++ % PlanImages.ORGAN_COLOURS.length]);
        }
        PlanImages.Legend key = new PlanImages.Legend();
        key.text(sv.label());
        key.mark(14, (k, x, y) -> drawFound(k, new Line2D.Double(x - 5, y, x + 5, y), true), "found");
        key.mark(10, (k, x, y) -> drawPlanned(k, x, y), "planned");
        key.mark((int) Math.ceil(2 * NOT_FOUND_HALF_PX), (k, x, y) -> drawNotFound(k, x, y, true), "not found");
        for (IsodoseStyle level : IsodoseStyle.LEVELS) {
            key.isodose(level, (int) level.percent() + "%");
        }
        for (int n = 0; n < drawn.size(); n++) {
            key.outline(colours.get(n), drawn.get(n).name());
        }
        int legendPx = key.heightPx(sv.width);
        BufferedImage img = sv.background(p -> huAt(ct, p), legendPx);
        Graphics2D gr = SliceView.graphics(img);
        float[] dose = sv.field(v.postDose().doseGy());
        for (int n = 0; n < drawn.size(); n++) {
            PlanImages.outline(gr, sv.toPixels(Isolines.path(sv.field(drawn.get(n).mask().fraction()), sv.nu, sv.nv, 0.5)), colours.get(n));
        }
        for (IsodoseStyle level : IsodoseStyle.LEVELS) {
            level.draw(gr, sv.toPixels(Isolines.path(dose, sv.nu, sv.nv, prescriptionGy * level.percent() / 100)));
        }
        for (int p = 0; p < v.plannedSeeds().size(); p++) {
            Seed s = v.plannedSeeds().get(p);
            double[] a = sv.project(s.centreMm());
            boolean near = Math.abs(sv.offsetFromPlane(s.centreMm())) <= PlanImages.SLAB_MM;
            if (v.matching().missingPlanned().contains(p)) {
                drawNotFound(gr, a[0], a[1], near);
            } else if (near) {
                drawPlanned(gr, a[0], a[1]);
            }
        }
        for (Seed s : v.implant()) {
            boolean near = Math.abs(sv.offsetFromPlane(s.centreMm())) <= PlanImages.SLAB_MM;
            double[] a = sv.project(s.centreMm().minus(s.axis().times(2.25)));
            double[] b = sv.project(s.centreMm().plus(s.axis().times(2.25)));
            drawFound(gr, new Line2D.Double(a[0], a[1], b[0], b[1]), near);
        }
        key.paint(gr, sv.width, sv.height, legendPx);
        gr.dispose();
        return img;
    }

    /** A found seed: black with a white core, visible on the white, saturated seed itself and on soft tissue; dimmer off the plane. */
    private static void drawFound(Graphics2D gr, Line2D seg, boolean near) {
        gr.setColor(Color.BLACK);
        gr.setStroke(new BasicStroke(near ? 4f : 2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        gr.draw(seg);
        gr.setColor(near ? Color.WHITE : new Color(150, 150, 90));
        gr.setStroke(new BasicStroke(near ? 1.5f : 1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        gr.draw(seg);
    }

    /** A planned seed found near the plane: a cyan circle centred at pixel (x, y). */
    private static void drawPlanned(Graphics2D gr, double x, double y) {
        gr.setColor(PLANNED);
        gr.setStroke(new BasicStroke(1.5f));
        gr.draw(new Ellipse2D.Double(x - 4, y - 4, 8, 8));
    }

    /**
     * The mark of a planned seed not found, centred at pixel (x, y): a white square, black border, black cross (☒); for a seed
     * planned beyond {@value PlanImages#SLAB_MM} mm of the plane ({@code near} false) a light grey square, dark grey border and cross.
     */
    private static void drawNotFound(Graphics2D gr, double x, double y, boolean near) {
        double h = NOT_FOUND_HALF_PX;
        Rectangle2D box = new Rectangle2D.Double(x - h, y - h, 2 * h, 2 * h);
        gr.setColor(near ? Color.WHITE : NOT_FOUND_FAR_FILL);
        gr.fill(box);
        gr.setColor(near ? Color.BLACK : NOT_FOUND_FAR_LINE);
        gr.setStroke(new BasicStroke(1.5f));
        gr.draw(box);
        gr.draw(new Line2D.Double(x - h + 3, y - h + 3, x + h - 3, y + h - 3));
        gr.draw(new Line2D.Double(x - h + 3, y + h - 3, x + h - 3, y - h + 3));
    }

    private static Vec3 centre(List<RoiMask> rois, Grid g) {
        for (RoiMask r : rois) {
            if (r.type().isTarget() && r.mask().grid().equals(g)) {
                double w = 0;
                double x = 0;
                double y = 0;
                double z = 0;
                float[] f = r.mask().fraction();
                for (int n = 0; n < f.length; n++) {
                    if (f[n] > 0) {
                        Vec3 p = g.centre(n);
                        w += f[n];
                        x += f[n] * p.x();
                        y += f[n] * p.y();
                        z += f[n] * p.z();
                    }
                }
                if (w > 0) {
                    return new Vec3(x / w, y / w, z / w);
                }
            }
        }
        return g.centre(g.nx() / 2, g.ny() / 2, g.nz() / 2);
    }

    private static double huAt(Volume ct, Vec3 p) {
        Grid c = ct.grid();
        int i = (int) Math.round((p.x() - c.originMm().x()) / c.dxMm());
        int j = (int) Math.round((p.y() - c.originMm().y()) / c.dyMm());
        int k = (int) Math.round((p.z() - c.originMm().z()) / c.dzMm());
        if (i < 0 || j < 0 || k < 0 || i >= c.nx() || j >= c.ny() || k >= c.nz()) {
            return -1000;
        }
        return ct.at(i, j, k);
    }
}
