package org.seedplan.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * One orthogonal slice of a grid drawn as an image: which voxel each pixel cell shows, the scale,
 * where a patient point lands, and the CT background in a soft-tissue window (level 40 HU, width
 * 400 HU). Axial images are seen from the feet (patient right on the image left, anterior up);
 * coronal from the front (superior up); sagittal from the patient's left (superior up).
 */
final class SliceView {

    private static final int TARGET_WIDTH_PX = 520;

    final PlanImages.View view;
    final Grid grid;
    final int ci;
    final int cj;
    final int ck;
    final int nu;
    final int nv;
    final double du;
    final double dv;
    final double scale;
    final int width;
    final int height;

    /** The slice of {@code view} orientation through the voxel nearest {@code centreMm}. */
    SliceView(PlanImages.View view, Grid g, Vec3 centreMm) {
        this.view = view;
        this.grid = g;
        ci = clamp((int) Math.round((centreMm.x() - g.originMm().x()) / g.dxMm()), g.nx());
        cj = clamp((int) Math.round((centreMm.y() - g.originMm().y()) / g.dyMm()), g.ny());
        ck = clamp((int) Math.round((centreMm.z() - g.originMm().z()) / g.dzMm()), g.nz());
        nu = view == PlanImages.View.SAGITTAL ? g.ny() : g.nx();
        nv = view == PlanImages.View.AXIAL ? g.ny() : g.nz();
        du = view == PlanImages.View.SAGITTAL ? g.dyMm() : g.dxMm();
        dv = view == PlanImages.View.AXIAL ? g.dyMm() : g.dzMm();
        scale = Math.max(2, Math.min(8, TARGET_WIDTH_PX / (nu * du)));
        width = (int) Math.ceil(nu * du * scale);
        height = (int) Math.ceil(nv * dv * scale);
    }

    /** Grid voxel (i, j, k) shown at image cell (u, v). */
    int[] voxel(int u, int v) {
        return switch (view) {
            case AXIAL -> new int[] {u, v, ck};
            case CORONAL -> new int[] {u, cj, nv - 1 - v};
            case SAGITTAL -> new int[] {ci, u, nv - 1 - v};
        };
    }

    /** Values on the grid (grid order) sampled on the slice's cells, row by row. */
    float[] field(float[] values) {
        float[] f = new float[nu * nv];
        for (int v = 0; v < nv; v++) {
            for (int u = 0; u < nu; u++) {
                int[] ijk = voxel(u, v);
                f[u + nu * v] = values[grid.index(ijk[0], ijk[1], ijk[2])];
            }
        }
        return f;
    }

    /** A function of position sampled at the centres of the slice's cells. */
    float[] field(ToDoubleFunction<Vec3> valueAt) {
        float[] f = new float[nu * nv];
        for (int v = 0; v < nv; v++) {
            for (int u = 0; u < nu; u++) {
                int[] ijk = voxel(u, v);
                f[u + nu * v] = (float) valueAt.applyAsDouble(grid.centre(ijk[0], ijk[1], ijk[2]));
            }
        }
        return f;
    }

    /** Pixel position of a patient point projected onto the image. */
    double[] project(Vec3 p) {
        Vec3 o = grid.originMm();
        double u = view == PlanImages.View.SAGITTAL ? (p.y() - o.y()) / grid.dyMm() : (p.x() - o.x()) / grid.dxMm();
        double v = view == PlanImages.View.AXIAL ? (p.y() - o.y()) / grid.dyMm() : nv - 1 - (p.z() - o.z()) / grid.dzMm();
        return new double[] {(u + 0.5) * du * scale, (v + 0.5) * dv * scale};
    }

    /** A shape in sample units (sample (u, v) at (u, v), as {@link Isolines} gives it) in image pixels. */
    Shape toPixels(Shape inSamples) {
        AffineTransform t = AffineTransform.getTranslateInstance(du * scale / 2, dv * scale / 2);
        t.scale(du * scale, dv * scale);
        return t.createTransformedShape(inSamples);
    }

    /** Signed distance of a point from the slice plane, mm. */
    double offsetFromPlane(Vec3 p) {
        Vec3 plane = grid.centre(ci, cj, ck);
        return switch (view) {
            case AXIAL -> p.z() - plane.z();
            case CORONAL -> p.y() - plane.y();
            case SAGITTAL -> p.x() - plane.x();
        };
    }

    /** "axial z = 1.2 mm" and the like. */
    String label() {
        return switch (view) {
            case AXIAL -> String.format(Locale.ROOT, "axial z = %.1f mm", grid.z(ck));
            case CORONAL -> String.format(Locale.ROOT, "coronal y = %.1f mm", grid.y(cj));
            case SAGITTAL -> String.format(Locale.ROOT, "sagittal x = %.1f mm", grid.x(ci));
        };
    }

    /** A new image with the CT slice painted and a strip {@code legendPx} high below it for the legend. */
    BufferedImage background(ToDoubleFunction<Vec3> huAt, int legendPx) {
        BufferedImage img = new BufferedImage(width, height + legendPx, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        for (int v = 0; v < nv; v++) {
            for (int u = 0; u < nu; u++) {
                int[] ijk = voxel(u, v);
                int grey = window(huAt.applyAsDouble(grid.centre(ijk[0], ijk[1], ijk[2])));
                gr.setColor(new Color(grey, grey, grey));
                gr.fillRect((int) Math.floor(u * du * scale), (int) Math.floor(v * dv * scale),
                        (int) Math.ceil(du * scale) + 1, (int) Math.ceil(dv * scale) + 1);
            }
        }
        gr.dispose();
        return img;
    }

    /** Graphics for drawing over the image, antialiased. */
    static Graphics2D graphics(BufferedImage img) {
        Graphics2D gr = img.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        return gr;
    }

    /** Soft-tissue window, level 40 HU, width 400 HU, to 0–255. */
    static int window(double hu) {
        return (int) Math.max(0, Math.min(255, Math.round((hu - (40 - 200)) / 400 * 255)));
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(n - 1, v));
    }
}
