package org.seedplan.planning.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * An indexed triangle mesh in patient (LPS) millimetres: vertex coordinates and triangles as
 * vertex index triples, wound counter-clockwise seen from outside (right-hand normal points out).
 */
public final class TriangleMesh {

    private final double[] xyz;
    private final int[] triangles;

    /** A mesh of {@code xyz.length / 3} vertices and {@code triangles.length / 3} triangles; the arrays are copied. */
    public TriangleMesh(double[] xyz, int[] triangles) {
        if (xyz.length % 3 != 0 || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("mesh arrays must hold triples, got " + xyz.length + " coordinates and "
                    + triangles.length + " indices");
        }
        int n = xyz.length / 3;
        for (int v : triangles) {
            if (v < 0 || v >= n) {
                throw new IllegalArgumentException("mesh triangle refers to vertex " + v + " of " + n);
            }
        }
        this.xyz = xyz.clone();
        this.triangles = triangles.clone();
    }

    public int vertexCount() {
        return xyz.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    public Vec3 vertex(int v) {
        return new Vec3(xyz[3 * v], xyz[3 * v + 1], xyz[3 * v + 2]);
    }

    /** Vertex {@code c} (0, 1 or 2) of triangle {@code t}. */
    public int corner(int t, int c) {
        return triangles[3 * t + c];
    }

    /** Enclosed volume by the divergence theorem, mm³ (positive for a closed mesh with outward normals). */
    public double volumeMm3() {
        double sum = 0;
        for (int t = 0; t < triangleCount(); t++) {
            Vec3 a = vertex(corner(t, 0));
            Vec3 b = vertex(corner(t, 1));
            Vec3 c = vertex(corner(t, 2));
            sum += a.dot(b.cross(c));
        }
        return sum / 6;
    }

    /**
     * Problems that make the mesh unprintable, empty when it is a closed, oriented 2-manifold: every
     * directed edge used once and its reverse once, no triangle with a repeated vertex.
     */
    public List<String> topologyProblems() {
        List<String> problems = new ArrayList<>();
        long[] directed = new long[triangles.length];
        int degenerate = 0;
        for (int t = 0; t < triangleCount(); t++) {
            int a = corner(t, 0);
            int b = corner(t, 1);
            int c = corner(t, 2);
            if (a == b || b == c || a == c) {
                degenerate++;
            }
            directed[3 * t] = edgeKey(a, b);
            directed[3 * t + 1] = edgeKey(b, c);
            directed[3 * t + 2] = edgeKey(c, a);
        }
        Arrays.sort(directed);
        int open = 0;
        int repeated = 0;
        for (int i = 0; i < directed.length; i++) {
            if (i > 0 && directed[i] == directed[i - 1]) {
                repeated++;
            }
            long key = directed[i];
            if (Arrays.binarySearch(directed, edgeKey((int) key, (int) (key >>> 32))) < 0) {
                open++;
            }
        }
        if (degenerate > 0) {
            problems.add(degenerate + " triangles with a repeated vertex");
        }
        if (open > 0) {
            problems.add(open + " edges without a neighbouring triangle (holes)");
        }
        if (repeated > 0) {
            problems.add(repeated + " edges used twice in one direction (non-manifold or flipped)");
        }
        return problems;
    }

    /** Triangles grouped into parts connected through shared vertices: the part of each triangle, numbered from 0. */
    public int[] parts() {
        int[] parent = new int[vertexCount()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int t = 0; t < triangleCount(); t++) {
            union(parent, corner(t, 0), corner(t, 1));
            union(parent, corner(t, 1), corner(t, 2));
        }
        int[] number = new int[vertexCount()];
        Arrays.fill(number, -1);
        int parts = 0;
        int[] part = new int[triangleCount()];
        for (int t = 0; t < triangleCount(); t++) {
            int root = find(parent, corner(t, 0));
            if (number[root] < 0) {
                number[root] = parts++;
            }
            part[t] = number[root];
        }
        return part;
    }

    /** This mesh with only its largest connected part (by triangle count), unused vertices dropped. */
    public TriangleMesh largestPart() {
        int[] part = parts();
        int parts = Arrays.stream(part).max().orElse(-1) + 1;
        if (parts <= 1) {
            return this;
        }
        int[] count = new int[parts];
        for (int p : part) {
            count[p]++;
        }
        int best = 0;
        for (int p = 1; p < parts; p++) {
            if (count[p] > count[best]) {
                best = p;
            }
        }
        int[] map = new int[vertexCount()];
        Arrays.fill(map, -1);
        double[] nx = new double[xyz.length];
        int[] nt = new int[3 * count[best]];
        int vertices = 0;
        int k = 0;
        for (int t = 0; t < triangleCount(); t++) {
            if (part[t] != best) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                int v = corner(t, c);
                if (map[v] < 0) {
                    map[v] = vertices;
                    System.arraycopy(xyz, 3 * v, nx, 3 * vertices, 3);
                    vertices++;
                }
                nt[k++] = map[v];
            }
        }
        return new TriangleMesh(Arrays.copyOf(nx, 3 * vertices), nt);
    }

    /** Number of connected parts. */
    public int partCount() {
        return Arrays.stream(parts()).max().orElse(-1) + 1;
    }

    private static long edgeKey(int from, int to) {
        return ((long) from << 32) | (to & 0xFFFFFFFFL);
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[ra] = rb;
        }
    }
}
