package org.seedplan.report;

import java.awt.geom.Path2D;
import java.util.HashMap;
import java.util.Map;

/**
 * The level line of a sampled 2D field by marching squares (Lorensen &amp; Cline 1987, in 2D): in every cell of four
 * neighbouring samples, the crossings on its edges found by linear interpolation are joined by segments, and segments that
 * share a crossing are chained into one polyline, so that a dash pattern runs on along the line instead of restarting in
 * every cell. Coordinates are in sample units: sample (i, j) is at (i, j).
 */
final class Isolines {

    private Isolines() {
    }

    /** The line where {@code field} (row-major, {@code nx} × {@code ny}) crosses {@code level}, as polylines (closed where the line closes). */
    static Path2D path(float[] field, int nx, int ny, double level) {
        Segments s = new Segments();
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                double a = field[i + nx * j];
                double b = field[i + 1 + nx * j];
                double c = field[i + 1 + nx * (j + 1)];
                double d = field[i + nx * (j + 1)];
                int[] key = new int[4];
                double[] px = new double[4];
                double[] py = new double[4];
                int n = 0;
                // edges: top (a-b), right (b-c), bottom (d-c), left (a-d); an edge's key is shared with the cell across it
                if ((a >= level) != (b >= level)) {
                    key[n] = 2 * (i + nx * j);
                    px[n] = i + t(a, b, level);
                    py[n++] = j;
                }
                if ((b >= level) != (c >= level)) {
                    key[n] = 2 * (i + 1 + nx * j) + 1;
                    px[n] = i + 1;
                    py[n++] = j + t(b, c, level);
                }
                if ((d >= level) != (c >= level)) {
                    key[n] = 2 * (i + nx * (j + 1));
                    px[n] = i + t(d, c, level);
                    py[n++] = j + 1;
                }
                if ((a >= level) != (d >= level)) {
                    key[n] = 2 * (i + nx * j) + 1;
                    px[n] = i;
                    py[n++] = j + t(a, d, level);
                }
                for (int k = 0; k + 1 < n; k += 2) {
                    s.add(key[k], px[k], py[k], key[k + 1], px[k + 1], py[k + 1]);
                }
            }
        }
        return s.chained();
    }

    private static double t(double from, double to, double level) {
        return (level - from) / (to - from);
    }

    /** Segments keyed by the cell edges their ends lie on; every edge key is the end of at most two segments. */
    private static final class Segments {
        private final Map<Integer, int[]> atKey = new HashMap<>();
        private int[] keyA = new int[64];
        private int[] keyB = new int[64];
        private double[] xy = new double[256];
        private int count;

        void add(int ka, double ax, double ay, int kb, double bx, double by) {
            if (count == keyA.length) {
                keyA = java.util.Arrays.copyOf(keyA, 2 * count);
                keyB = java.util.Arrays.copyOf(keyB, 2 * count);
                xy = java.util.Arrays.copyOf(xy, 8 * count);
            }
            keyA[count] = ka;
            keyB[count] = kb;
            xy[4 * count] = ax;
            xy[4 * count + 1] = ay;
            xy[4 * count + 2] = bx;
            xy[4 * count + 3] = by;
            link(ka, count);
            link(kb, count);
            count++;
        }

        private void link(int key, int segment) {
            int[] both = atKey.computeIfAbsent(key, k -> new int[] {-1, -1});
            both[both[0] < 0 ? 0 : 1] = segment;
        }

        /** The segment other than {@code segment} that ends on {@code key}, or -1. */
        private int across(int segment, int key) {
            int[] both = atKey.get(key);
            return both[0] == segment ? both[1] : both[0];
        }

        private int farKey(int segment, int key) {
            return keyA[segment] == key ? keyB[segment] : keyA[segment];
        }

        private double x(int segment, int key) {
            return keyA[segment] == key ? xy[4 * segment] : xy[4 * segment + 2];
        }

        private double y(int segment, int key) {
            return keyA[segment] == key ? xy[4 * segment + 1] : xy[4 * segment + 3];
        }

        Path2D chained() {
            Path2D.Double path = new Path2D.Double();
            boolean[] done = new boolean[count];
            for (int s = 0; s < count; s++) {
                if (done[s]) {
                    continue;
                }
                // walk back to the free end of an open line; a closed line starts where it was met
                int start = s;
                int key = keyA[s];
                for (int prev = across(start, key); prev >= 0 && prev != s; prev = across(start, key)) {
                    key = farKey(prev, key);
                    start = prev;
                }
                if (across(start, key) == s) {
                    start = s;
                    key = keyA[s];
                }
                path.moveTo(x(start, key), y(start, key));
                int cur = start;
                while (true) {
                    done[cur] = true;
                    key = farKey(cur, key);
                    path.lineTo(x(cur, key), y(cur, key));
                    int next = across(cur, key);
                    if (next < 0 || done[next]) {
                        if (next == start) {
                            path.closePath();
                        }
                        break;
                    }
                    cur = next;
                }
            }
            return path;
        }
    }
}
