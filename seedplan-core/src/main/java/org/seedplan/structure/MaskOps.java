package org.seedplan.structure;

import org.seedplan.geometry.Grid;

/**
 * Boolean operations on partial-volume masks of the same grid: union, intersection and subtraction
 * ("CTV minus organ at risk").
 *
 * <p>Within one voxel the fractions say how much of it each structure fills, not where; the
 * operations assume the smaller part lies inside the larger (nested, the most likely case for a
 * smooth boundary crossing a small voxel), which gives the fuzzy-set operations of Zadeh
 * ("Fuzzy sets", Information and Control 8 (1965) 338–353) and the bounded difference:
 * union max(a, b), intersection min(a, b), subtraction max(a − b, 0). They keep the identities
 * vol(A ∪ B) + vol(A ∩ B) = vol(A) + vol(B) and vol(A − B) + vol(A ∩ B) = vol(A) exactly, which the
 * product rules (a·b, a·(1 − b)) do not. The centroid of a partial result voxel is taken from the
 * operand that decides it (the larger for union, the smaller for intersection) and, for a
 * subtraction, is the centroid of A's part minus B's part, kept inside the voxel.
 */
public final class MaskOps {

    private MaskOps() {
    }

    /** Voxels in a or b: max(a, b). */
    public static Mask union(Mask a, Mask b, String name) {
        return combine(a, b, name, Op.UNION);
    }

    /** Voxels in both a and b: min(a, b). */
    public static Mask intersection(Mask a, Mask b, String name) {
        return combine(a, b, name, Op.INTERSECTION);
    }

    /** Voxels in a but not in b: max(a − b, 0). */
    public static Mask subtract(Mask a, Mask b, String name) {
        return combine(a, b, name, Op.SUBTRACTION);
    }

    private enum Op { UNION, INTERSECTION, SUBTRACTION }

    private static Mask combine(Mask a, Mask b, String name, Op op) {
        Grid g = a.grid();
        if (!g.equals(b.grid())) {
            throw new IllegalArgumentException("masks '" + a.name() + "' and '" + b.name() + "' lie on different grids ("
                    + g + " and " + b.grid() + "): rasterise both structures on the same grid before combining them into '" + name + "'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("combining '" + a.name() + "' and '" + b.name() + "' needs a name for the result");
        }
        float[] fa = a.fraction();
        float[] fb = b.fraction();
        float[] out = new float[fa.length];
        VoxelCentroids.Builder centroids = new VoxelCentroids.Builder();
        double[] half = {g.dxMm() / 2, g.dyMm() / 2, g.dzMm() / 2};
        double[] ca = new double[3];
        double[] cb = new double[3];
        for (int n = 0; n < fa.length; n++) {
            float x = fa[n], y = fb[n];
            if (x == 0 && (y == 0 || op != Op.UNION)) {
                continue;
            }
            float r = switch (op) {
                case UNION -> Math.max(x, y);
                case INTERSECTION -> Math.min(x, y);
                case SUBTRACTION -> Math.max(x - y, 0f);
            };
            out[n] = r;
            if (r <= 0 || r >= 1) {
                continue;
            }
            centroid(a, n, x, ca);
            centroid(b, n, y, cb);
            switch (op) {
                case UNION -> centroids.add(n, x >= y ? ca[0] : cb[0], x >= y ? ca[1] : cb[1], x >= y ? ca[2] : cb[2]);
                case INTERSECTION -> centroids.add(n, x <= y ? ca[0] : cb[0], x <= y ? ca[1] : cb[1], x <= y ? ca[2] : cb[2]);
                case SUBTRACTION -> {
                    double[] c = new double[3];
                    for (int d = 0; d < 3; d++) {
                        double v = (x * ca[d] - y * cb[d]) / r;
                        c[d] = Math.max(-half[d], Math.min(half[d], v));
                    }
                    centroids.add(n, c[0], c[1], c[2]);
                }
            }
        }
        return new Mask(name, g, out, centroids.build());
    }

    /** Centroid offset of voxel n's inside part (zero for a full or unlisted voxel). */
    private static void centroid(Mask m, int n, float fraction, double[] out) {
        out[0] = out[1] = out[2] = 0;
        if (fraction > 0 && fraction < 1) {
            int at = m.centroids().find(n);
            if (at >= 0) {
                out[0] = m.centroids().dxMm()[at];
                out[1] = m.centroids().dyMm()[at];
                out[2] = m.centroids().dzMm()[at];
            }
        }
    }
}
