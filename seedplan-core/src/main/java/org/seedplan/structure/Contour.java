package org.seedplan.structure;

/**
 * One closed planar polygon in an axial plane, patient mm. The last point joins the first;
 * repeating the first point at the end is allowed and ignored. Holes are contours that lie
 * inside another contour of the same plane (even-odd rule, as DICOM RTSTRUCT uses).
 */
public record Contour(double zMm, double[] xMm, double[] yMm) {

    public Contour {
        if (xMm.length != yMm.length) {
            throw new IllegalArgumentException("contour at z = " + zMm + " mm has " + xMm.length + " x and " + yMm.length + " y values");
        }
        int n = xMm.length;
        if (n > 1 && xMm[0] == xMm[n - 1] && yMm[0] == yMm[n - 1]) {
            xMm = java.util.Arrays.copyOf(xMm, n - 1);
            yMm = java.util.Arrays.copyOf(yMm, n - 1);
        } else {
            xMm = xMm.clone();
            yMm = yMm.clone();
        }
        if (xMm.length < 3) {
            throw new IllegalArgumentException("contour at z = " + zMm + " mm has " + xMm.length
                    + " distinct points: a closed contour needs at least 3");
        }
        if (!Double.isFinite(zMm)) {
            throw new IllegalArgumentException("contour z must be finite");
        }
        for (int i = 0; i < xMm.length; i++) {
            if (!Double.isFinite(xMm[i]) || !Double.isFinite(yMm[i])) {
                throw new IllegalArgumentException("contour at z = " + zMm + " mm has a non-finite point at index " + i);
            }
        }
    }

    public int size() {
        return xMm.length;
    }

    /**
     * The longest distance (mm) between two points of the contour: the polygon's longest diameter in its axial plane, the
     * measure RECIST 1.1 takes of a lesion (the largest over its slices). Exact for the polygon (its vertices hold the
     * farthest pair); O(n²) in the points, which a drawn contour has a few hundred of.
     */
    public double longestDiameterMm() {
        double best = 0;
        for (int i = 0; i < xMm.length; i++) {
            for (int j = i + 1; j < xMm.length; j++) {
                best = Math.max(best, Math.hypot(xMm[i] - xMm[j], yMm[i] - yMm[j]));
            }
        }
        return best;
    }

    /** Signed area (mm²) by the shoelace formula: positive when counter-clockwise in (x, y). */
    public double signedAreaMm2() {
        double a = 0;
        int n = xMm.length;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            a += xMm[j] * yMm[i] - xMm[i] * yMm[j];
        }
        return a / 2;
    }
}
