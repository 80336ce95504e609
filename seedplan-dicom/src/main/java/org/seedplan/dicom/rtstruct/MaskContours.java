package org.seedplan.dicom.rtstruct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.geometry.Grid;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Mask;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Turns a voxel mask (for example a derived CTV or PTV) into planar contours for an RT Structure
 * Set: on each slice the voxels with fraction ≥ 0.5 are outlined along their pixel edges ("crack
 * following"), one closed polygon per boundary, holes as separate inner polygons (even-odd rule).
 * Collinear edge runs are merged. Because the outline follows the pixel edges, each slice's contour
 * area equals the area of its selected voxels, so the slab volume of the contours equals the
 * thresholded mask volume. Where two voxels touch only at a corner, the outline turns left (the
 * voxels stay separate regions; the polygons touch at that corner).
 */
public final class MaskContours {

    private MaskContours() {
    }

    /** The mask as a structure of axial contours; refuses a mask with no voxel at or above 0.5. */
    public static Structure of(Mask mask, StructureType type, int colorRgb) {
        Grid g = mask.grid();
        List<Contour> contours = new ArrayList<>();
        for (int k = 0; k < g.nz(); k++) {
            for (int[] loop : loops(mask, k)) {
                int n = loop.length / 2;
                double[] x = new double[n];
                double[] y = new double[n];
                for (int p = 0; p < n; p++) {
                    x[p] = g.x(0) + (loop[2 * p] - 0.5) * g.dxMm();
                    y[p] = g.y(0) + (loop[2 * p + 1] - 0.5) * g.dyMm();
                }
                contours.add(new Contour(g.z(k), x, y));
            }
        }
        if (contours.isEmpty()) {
            throw new IllegalArgumentException("structure '" + mask.name() + "' has no voxel at least half inside: nothing to contour");
        }
        return new Structure(mask.name(), type, colorRgb, contours);
    }

    /** Closed loops of corner indices (x0, y0, x1, y1, …) around the selected pixels of slice k. */
    static List<int[]> loops(Mask mask, int k) {
        Grid g = mask.grid();
        int nx = g.nx();
        int ny = g.ny();
        boolean[] in = new boolean[nx * ny];
        int base = k * nx * ny;
        for (int n = 0; n < in.length; n++) {
            in[n] = mask.fraction()[base + n] >= 0.5f;
        }
        // directed pixel edges with the selected pixel on the left; corner (cx, cy) lies at pixel corner index
        Map<Long, List<long[]>> from = new HashMap<>();
        int edges = 0;
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                if (!in[i + nx * j]) {
                    continue;
                }
                if (j == 0 || !in[i + nx * (j - 1)]) {
                    edges += add(from, i, j, i + 1, j);
                }
                if (i == nx - 1 || !in[i + 1 + nx * j]) {
                    edges += add(from, i + 1, j, i + 1, j + 1);
                }
                if (j == ny - 1 || !in[i + nx * (j + 1)]) {
                    edges += add(from, i + 1, j + 1, i, j + 1);
                }
                if (i == 0 || !in[i - 1 + nx * j]) {
                    edges += add(from, i, j + 1, i, j);
                }
            }
        }
        List<int[]> loops = new ArrayList<>();
        while (edges > 0) {
            long startKey = from.keySet().iterator().next();
            List<Integer> pts = new ArrayList<>();
            long[] e = take(from, startKey, -1, -1);
            edges--;
            int sx = (int) e[0];
            int sy = (int) e[1];
            pts.add(sx);
            pts.add(sy);
            int px = sx;
            int py = sy;
            int cx = (int) e[2];
            int cy = (int) e[3];
            while (cx != sx || cy != sy) {
                pts.add(cx);
                pts.add(cy);
                long[] next = take(from, key(cx, cy), cx - px, cy - py);
                edges--;
                px = cx;
                py = cy;
                cx = (int) next[2];
                cy = (int) next[3];
            }
            loops.add(simplify(pts));
        }
        return loops;
    }

    private static int add(Map<Long, List<long[]>> from, int x0, int y0, int x1, int y1) {
        from.computeIfAbsent(key(x0, y0), q -> new ArrayList<>(2)).add(new long[] {x0, y0, x1, y1});
        return 1;
    }

    private static long key(int x, int y) {
        return ((long) x << 32) | (y & 0xFFFFFFFFL);
    }

    /** Removes an edge leaving {@code at}; of two, the one turning left from the incoming direction (dx, dy). */
    private static long[] take(Map<Long, List<long[]>> from, long at, int dx, int dy) {
        List<long[]> out = from.get(at);
        int pick = 0;
        if (out.size() > 1) {
            for (int n = 0; n < out.size(); n++) {
                long[] e = out.get(n);
                long ex = e[2] - e[0];
                long ey = e[3] - e[1];
                if (dx * ey - dy * ex > 0) {
                    pick = n;
                }
            }
        }
        long[] e = out.remove(pick);
        if (out.isEmpty()) {
            from.remove(at);
        }
        return e;
    }

    /** Drops corners between collinear edges. */
    private static int[] simplify(List<Integer> pts) {
        int n = pts.size() / 2;
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            int prev = (p + n - 1) % n;
            int next = (p + 1) % n;
            long ax = pts.get(2 * p) - pts.get(2 * prev);
            long ay = pts.get(2 * p + 1) - pts.get(2 * prev + 1);
            long bx = pts.get(2 * next) - pts.get(2 * p);
            long by = pts.get(2 * next + 1) - pts.get(2 * p + 1);
            if (ax * by - ay * bx != 0) {
                out.add(pts.get(2 * p));
                out.add(pts.get(2 * p + 1));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
