package org.seedplan.planning.template;

import java.util.Arrays;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * The zero level set of a field sampled on grid points, as a closed triangle mesh: every cube of
 * the grid is cut into the six tetrahedra of the Freudenthal (Kuhn) triangulation around its main
 * diagonal, the same in every cube, so neighbouring tetrahedra share faces, and the field is
 * linear in each tetrahedron. The level set of such a piecewise-linear field is a 2-manifold
 * without boundary wherever no sample is exactly zero (Doi and Koide 1991, "An efficient method of
 * triangulating equi-valued surfaces by using tetrahedral cells", IEICE Trans. E74(1)). Samples
 * equal to zero count as outside, and crossings are kept at least 1 % of an edge away from its
 * ends so that no two vertices coincide, even after rounding to 32-bit floats.
 */
public final class MarchingTetrahedra {

    /** Negative field values are inside the solid. */
    private static final double MIN_EDGE_FRACTION = 0.01;

    /** Offsets of the cube corners c0…c7: bit 0 = x, bit 1 = y, bit 2 = z. */
    private static final int[][] TETRAHEDRA = {
        {0, 1, 3, 7}, {0, 1, 5, 7}, {0, 2, 3, 7}, {0, 2, 6, 7}, {0, 4, 5, 7}, {0, 4, 6, 7},
    };

    private MarchingTetrahedra() {
    }

    /**
     * The surface {@code field = 0} of {@code field} sampled at the voxel centres of {@code grid}
     * (negative inside). Samples on the outer layer of the grid must be positive for the surface to
     * close; the caller ensures it.
     */
    public static TriangleMesh extract(Grid grid, float[] field) {
        if (field.length != grid.voxelCount()) {
            throw new IllegalArgumentException("field of " + field.length + " samples on a grid of " + grid.voxelCount());
        }
        Builder b = new Builder(grid, field);
        for (int k = 0; k + 1 < grid.nz(); k++) {
            b.layer(k);
        }
        return new TriangleMesh(Arrays.copyOf(b.xyz, 3 * b.vertices), Arrays.copyOf(b.tris, b.triCount));
    }

    /** Builds the mesh layer by layer, with vertex ids of the edges of two slabs of grid points. */
    private static final class Builder {
        private final Grid g;
        private final float[] f;
        private final int nxy;
        private int[] lower;
        private int[] upper;
        private double[] xyz = new double[3 * 4096];
        private int vertices;
        private int[] tris = new int[3 * 8192];
        private int triCount;

        Builder(Grid g, float[] f) {
            this.g = g;
            this.f = f;
            this.nxy = g.nx() * g.ny();
            lower = new int[8 * nxy];
            upper = new int[8 * nxy];
            Arrays.fill(lower, -1);
            Arrays.fill(upper, -1);
        }

        void layer(int k) {
            int[] corner = new int[8];
            double[] value = new double[8];
            for (int j = 0; j + 1 < g.ny(); j++) {
                for (int i = 0; i + 1 < g.nx(); i++) {
                    boolean anyIn = false;
                    boolean anyOut = false;
                    for (int c = 0; c < 8; c++) {
                        int idx = g.index(i + (c & 1), j + ((c >> 1) & 1), k + ((c >> 2) & 1));
                        corner[c] = idx;
                        value[c] = f[idx];
                        if (value[c] < 0) {
                            anyIn = true;
                        } else {
                            anyOut = true;
                        }
                    }
                    if (anyIn && anyOut) {
                        for (int[] tet : TETRAHEDRA) {
                            tetrahedron(tet, i, j, k, corner, value);
                        }
                    }
                }
            }
            int[] t = lower;
            lower = upper;
            upper = t;
            Arrays.fill(upper, -1);
        }

        private void tetrahedron(int[] tet, int i, int j, int k, int[] corner, double[] value) {
            int[] in = new int[4];
            int[] out = new int[4];
            int ni = 0;
            int no = 0;
            for (int c : tet) {
                if (value[c] < 0) {
                    in[ni++] = c;
                } else {
                    out[no++] = c;
                }
            }
            if (ni == 0 || no == 0) {
                return;
            }
            if (ni == 1) {
                triangle(vertex(in[0], out[0], i, j, k, corner, value), vertex(in[0], out[1], i, j, k, corner, value),
                        vertex(in[0], out[2], i, j, k, corner, value), in, ni, out, no, corner);
            } else if (no == 1) {
                triangle(vertex(in[0], out[0], i, j, k, corner, value), vertex(in[1], out[0], i, j, k, corner, value),
                        vertex(in[2], out[0], i, j, k, corner, value), in, ni, out, no, corner);
            } else {
                int a = vertex(in[0], out[0], i, j, k, corner, value);
                int b = vertex(in[0], out[1], i, j, k, corner, value);
                int c = vertex(in[1], out[1], i, j, k, corner, value);
                int d = vertex(in[1], out[0], i, j, k, corner, value);
                triangle(a, b, c, in, ni, out, no, corner);
                triangle(a, c, d, in, ni, out, no, corner);
            }
        }

        /** Adds triangle (a, b, c), wound so that its normal points from the inside corners to the outside ones. */
        private void triangle(int a, int b, int c, int[] in, int ni, int[] out, int no, int[] corner) {
            double[] pa = point(a);
            double[] pb = point(b);
            double[] pc = point(c);
            double ux = pb[0] - pa[0], uy = pb[1] - pa[1], uz = pb[2] - pa[2];
            double vx = pc[0] - pa[0], vy = pc[1] - pa[1], vz = pc[2] - pa[2];
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            double[] ci = centroid(in, ni, corner);
            double[] co = centroid(out, no, corner);
            double dot = nx * (co[0] - ci[0]) + ny * (co[1] - ci[1]) + nz * (co[2] - ci[2]);
            if (triCount + 3 > tris.length) {
                tris = Arrays.copyOf(tris, tris.length * 2);
            }
            tris[triCount++] = a;
            tris[triCount++] = dot >= 0 ? b : c;
            tris[triCount++] = dot >= 0 ? c : b;
        }

        private double[] point(int v) {
            return new double[] {xyz[3 * v], xyz[3 * v + 1], xyz[3 * v + 2]};
        }

        private double[] centroid(int[] cs, int n, int[] corner) {
            double[] s = new double[3];
            for (int m = 0; m < n; m++) {
                Vec3 p = position(corner[cs[m]]);
                s[0] += p.x() / n;
                s[1] += p.y() / n;
                s[2] += p.z() / n;
            }
            return s;
        }

        private Vec3 position(int idx) {
            int i = idx % g.nx();
            int j = (idx / g.nx()) % g.ny();
            int k = idx / nxy;
            return new Vec3(g.x(i), g.y(j), g.z(k));
        }

        /** The vertex on the edge between cube corners {@code a} (inside) and {@code b} (outside), made once per edge. */
        private int vertex(int a, int b, int i, int j, int k, int[] corner, double[] value) {
            int from = Math.min(a, b);
            int to = Math.max(a, b);
            int dir = to - from; // corners differ by a set of positive unit steps: its bits
            // the edge starts at corner 'from'; it may have bits set that 'dir' lacks, so the start is a grid point of its own
            int si = i + (from & 1);
            int sj = j + ((from >> 1) & 1);
            int sk = k + ((from >> 2) & 1);
            int[] slab = sk == k ? lower : upper;
            int slot = 8 * (si + g.nx() * sj) + dir;
            if (slab[slot] >= 0) {
                return slab[slot];
            }
            double va = value[a];
            double vb = value[b];
            double t = va / (va - vb);
            t = Math.max(MIN_EDGE_FRACTION, Math.min(1 - MIN_EDGE_FRACTION, t));
            Vec3 pa = position(corner[a]);
            Vec3 pb = position(corner[b]);
            Vec3 p = pa.plus(pb.minus(pa).times(t));
            if (3 * vertices + 3 > xyz.length) {
                xyz = Arrays.copyOf(xyz, xyz.length * 2);
            }
            xyz[3 * vertices] = p.x();
            xyz[3 * vertices + 1] = p.y();
            xyz[3 * vertices + 2] = p.z();
            slab[slot] = vertices;
            return vertices++;
        }
    }
}
