package org.seedplan.dicom.rtstruct;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.structure.Contour;

/**
 * Splits a closed planar contour with more points than one Contour Data element can hold into
 * pieces that tile it: the polygon is clipped against the two half-planes of a horizontal line
 * through its median y (Sutherland–Hodgman), recursively until each piece has at most
 * {@code maxPoints} points. The pieces do not overlap and their union is the original region, so
 * their areas add up to its area; where the region crosses the cut line several times, a piece
 * may hold zero-area runs along the line, which have no area and no inside. Each piece starts at
 * a vertex off the cut line, so that point-in-polygon tests between pieces (hole detection) never
 * start on a shared edge.
 */
final class ContourSplitter {

    private ContourSplitter() {
    }

    static List<Contour> split(Contour c, int maxPoints) {
        List<Contour> out = new ArrayList<>();
        split(c, maxPoints, out, 0);
        return out;
    }

    private static void split(Contour c, int maxPoints, List<Contour> out, int depth) {
        if (c.size() <= maxPoints) {
            out.add(c);
            return;
        }
        if (depth > 40) {
            throw new IllegalStateException("contour at z = " + c.zMm() + " mm could not be split below " + maxPoints + " points");
        }
        double[] ys = c.yMm().clone();
        java.util.Arrays.sort(ys);
        double cut = ys[ys.length / 2];
        if (cut == ys[0] || cut == ys[ys.length - 1]) {
            cut = (ys[0] + ys[ys.length - 1]) / 2;
        }
        for (boolean below : new boolean[] {true, false}) {
            Contour piece = clip(c, cut, below);
            if (piece != null) {
                split(piece, maxPoints, out, depth + 1);
            }
        }
    }

    /** The part of the polygon with y ≤ cut (below) or y ≥ cut, or null when it has no area. */
    static Contour clip(Contour c, double cut, boolean below) {
        int n = c.size();
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x0 = c.xMm()[i];
            double y0 = c.yMm()[i];
            double x1 = c.xMm()[(i + 1) % n];
            double y1 = c.yMm()[(i + 1) % n];
            boolean in0 = below ? y0 <= cut : y0 >= cut;
            boolean in1 = below ? y1 <= cut : y1 >= cut;
            if (in0) {
                pts.add(new double[] {x0, y0});
            }
            if (in0 != in1 && y0 != cut && y1 != cut) {
                double t = (cut - y0) / (y1 - y0);
                pts.add(new double[] {x0 + t * (x1 - x0), cut});
            }
        }
        int start = -1;
        for (int i = 0; i < pts.size() && start < 0; i++) {
            if (pts.get(i)[1] != cut) {
                start = i;
            }
        }
        if (pts.size() < 3 || start < 0) {
            return null;
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            double[] p = pts.get((start + i) % pts.size());
            x[i] = p[0];
            y[i] = p[1];
        }
        Contour piece = new Contour(c.zMm(), x, y);
        return Math.abs(piece.signedAreaMm2()) > 0 ? piece : null;
    }
}
