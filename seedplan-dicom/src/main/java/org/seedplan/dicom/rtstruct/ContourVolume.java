package org.seedplan.dicom.rtstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.seedplan.structure.Contour;

/**
 * Volume enclosed by planar contours: per plane, the area by the even-odd rule (a contour nested
 * inside an odd number of others is a hole and subtracts its area); each plane stands for a slab
 * reaching half way to its neighbouring planes; a plane without neighbours on one side mirrors the
 * other half-gap; a single plane has zero thickness, so zero volume.
 */
final class ContourVolume {

    private ContourVolume() {
    }

    static double cc(List<Contour> contours) {
        TreeMap<Double, List<Contour>> planes = new TreeMap<>();
        for (Contour c : contours) {
            planes.computeIfAbsent(Math.round(c.zMm() * 1000) / 1000.0, k -> new ArrayList<>()).add(c);
        }
        List<Double> z = new ArrayList<>(planes.keySet());
        double mm3 = 0;
        for (int i = 0; i < z.size(); i++) {
            double below = i > 0 ? (z.get(i) - z.get(i - 1)) / 2 : Double.NaN;
            double above = i + 1 < z.size() ? (z.get(i + 1) - z.get(i)) / 2 : Double.NaN;
            double thickness = (Double.isNaN(below) ? above : below) + (Double.isNaN(above) ? below : above);
            if (Double.isNaN(thickness)) {
                thickness = 0;
            }
            mm3 += planeArea(planes.get(z.get(i))) * thickness;
        }
        return mm3 / 1000.0;
    }

    /** Area of one plane's contours by the even-odd rule, mm². */
    static double planeArea(List<Contour> plane) {
        double area = 0;
        for (Contour c : plane) {
            int depth = 0;
            for (Contour other : plane) {
                if (other != c && inside(other, c.xMm()[0], c.yMm()[0])) {
                    depth++;
                }
            }
            double a = Math.abs(c.signedAreaMm2());
            area += depth % 2 == 0 ? a : -a;
        }
        return area;
    }

    /** Point in polygon by ray crossing. */
    static boolean inside(Contour c, double x, double y) {
        boolean in = false;
        double[] xs = c.xMm();
        double[] ys = c.yMm();
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                in = !in;
            }
        }
        return in;
    }
}
