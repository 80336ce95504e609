package org.seedplan.planning.edit;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Grid;

/**
 * Isodose lines on one axial, coronal or sagittal plane of a dose grid, by marching squares (Lorensen &amp;
 * Cline's marching cubes in two dimensions): the dose on the plane is taken at the grid's voxel centres,
 * interpolated linearly between the two grid planes around the requested position, and each line crosses
 * a cell edge where the dose interpolated linearly along that edge equals the level. An ambiguous cell
 * (two opposite corners above the level) is resolved by the mean of its four corners. Coordinates are
 * the plane's patient mm ({@link SlicePlane}).
 */
public final class IsodoseLines {

    /** A dose level to draw and its label, e.g. 120 Gy "100 % of CTV". */
    public record Level(double doseGy, String label) {
    }

    /**
     * The line of one level: segments as consecutive (u1, v1, u2, v2) in plane mm.
     *
     * @param percent the level as % of the prescription it belongs to
     */
    public record Line(double doseGy, String label, double percent, double[] segmentsMm) {

        public int segmentCount() {
            return segmentsMm.length / 4;
        }
    }

    /** The dose of one plane at the grid's voxel centres: coordinates along u and v (mm) and the dose, u fastest (Gy). */
    public record Plane(double[] u, double[] v, float[] dose) {
    }

    private IsodoseLines() {
    }

    /** The lines of {@code levels} on {@code plane} at {@code atMm}; none when the position lies outside the grid. */
    public static List<Line> of(DoseGrid dose, SlicePlane plane, double atMm, List<Level> levels, List<Double> percents) {
        Plane p = plane(dose, plane, atMm);
        List<Line> out = new ArrayList<>();
        for (int n = 0; n < levels.size(); n++) {
            Level level = levels.get(n);
            out.add(new Line(level.doseGy(), level.label(), percents.get(n), p == null ? new double[0] : march(p, level.doseGy())));
        }
        return out;
    }

    /** The dose on a plane, or null when {@code atMm} lies outside the grid's outer boundary across the plane. */
    public static Plane plane(DoseGrid dose, SlicePlane plane, double atMm) {
        Grid g = dose.grid();
        float[] d = dose.doseGy();
        return switch (plane) {
            case AXIAL -> {
                double[] w = across(atMm, g.originMm().z(), g.dzMm(), g.nz());
                if (w == null) {
                    yield null;
                }
                float[] out = new float[g.nx() * g.ny()];
                for (int j = 0; j < g.ny(); j++) {
                    for (int i = 0; i < g.nx(); i++) {
                        out[i + g.nx() * j] = mix(d[g.index(i, j, (int) w[0])], d[g.index(i, j, (int) w[1])], w[2]);
                    }
                }
                yield new Plane(axis(g.originMm().x(), g.dxMm(), g.nx()), axis(g.originMm().y(), g.dyMm(), g.ny()), out);
            }
            case CORONAL -> {
                double[] w = across(atMm, g.originMm().y(), g.dyMm(), g.ny());
                if (w == null) {
                    yield null;
                }
                float[] out = new float[g.nx() * g.nz()];
                for (int k = 0; k < g.nz(); k++) {
                    for (int i = 0; i < g.nx(); i++) {
                        out[i + g.nx() * k] = mix(d[g.index(i, (int) w[0], k)], d[g.index(i, (int) w[1], k)], w[2]);
                    }
                }
                yield new Plane(axis(g.originMm().x(), g.dxMm(), g.nx()), axis(g.originMm().z(), g.dzMm(), g.nz()), out);
            }
            case SAGITTAL -> {
                double[] w = across(atMm, g.originMm().x(), g.dxMm(), g.nx());
                if (w == null) {
                    yield null;
                }
                float[] out = new float[g.ny() * g.nz()];
                for (int k = 0; k < g.nz(); k++) {
                    for (int j = 0; j < g.ny(); j++) {
                        out[j + g.ny() * k] = mix(d[g.index((int) w[0], j, k)], d[g.index((int) w[1], j, k)], w[2]);
                    }
                }
                yield new Plane(axis(g.originMm().y(), g.dyMm(), g.ny()), axis(g.originMm().z(), g.dzMm(), g.nz()), out);
            }
        };
    }

    /** "100 %", "50 %": a percentage as a label. */
    static String percentLabel(double pct) {
        return (pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct)) + " %";
    }

    private static float mix(float a, float b, double t) {
        return (float) (a + t * (b - a));
    }

    private static double[] axis(double origin, double step, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = origin + i * step;
        }
        return out;
    }

    /** The two grid planes around {@code atMm} and the weight of the second, or null beyond the outer boundary. */
    private static double[] across(double atMm, double origin, double step, int n) {
        double t = (atMm - origin) / step;
        if (t < -0.5 - 1e-9 || t > n - 0.5 + 1e-9) {
            return null;
        }
        if (n == 1) {
            return new double[] {0, 0, 0};
        }
        t = Math.max(0, Math.min(n - 1, t));
        int lo = Math.min(n - 2, (int) Math.floor(t));
        return new double[] {lo, lo + 1, t - lo};
    }

    /** Marching squares over the plane for one level: segments (u1, v1, u2, v2). */
    static double[] march(Plane p, double level) {
        int nu = p.u().length;
        int nv = p.v().length;
        float[] d = p.dose();
        DoubleList out = new DoubleList();
        double[] eu = new double[4];
        double[] ev = new double[4];
        for (int b = 0; b + 1 < nv; b++) {
            for (int a = 0; a + 1 < nu; a++) {
                double v0 = d[a + nu * b];
                double v1 = d[a + 1 + nu * b];
                double v2 = d[a + 1 + nu * (b + 1)];
                double v3 = d[a + nu * (b + 1)];
                int c = (v0 >= level ? 1 : 0) | (v1 >= level ? 2 : 0) | (v2 >= level ? 4 : 0) | (v3 >= level ? 8 : 0);
                if (c == 0 || c == 15) {
                    continue;
                }
                double u0 = p.u()[a];
                double u1 = p.u()[a + 1];
                double w0 = p.v()[b];
                double w1 = p.v()[b + 1];
                // edges: 0 bottom (c0–c1), 1 right (c1–c2), 2 top (c2–c3), 3 left (c3–c0)
                eu[0] = u0 + (u1 - u0) * t(v0, v1, level);
                ev[0] = w0;
                eu[1] = u1;
                ev[1] = w0 + (w1 - w0) * t(v1, v2, level);
                eu[2] = u0 + (u1 - u0) * t(v3, v2, level);
                ev[2] = w1;
                eu[3] = u0;
                ev[3] = w0 + (w1 - w0) * t(v0, v3, level);
                boolean centreIn = (v0 + v1 + v2 + v3) / 4 >= level;
                switch (c) {
                    case 1, 14 -> seg(out, eu, ev, 3, 0);
                    case 2, 13 -> seg(out, eu, ev, 0, 1);
                    case 3, 12 -> seg(out, eu, ev, 3, 1);
                    case 4, 11 -> seg(out, eu, ev, 1, 2);
                    case 6, 9 -> seg(out, eu, ev, 0, 2);
                    case 7, 8 -> seg(out, eu, ev, 3, 2);
                    case 5 -> {
                        if (centreIn) {
                            seg(out, eu, ev, 0, 1);
                            seg(out, eu, ev, 2, 3);
                        } else {
                            seg(out, eu, ev, 3, 0);
                            seg(out, eu, ev, 1, 2);
                        }
                    }
                    case 10 -> {
                        if (centreIn) {
                            seg(out, eu, ev, 3, 0);
                            seg(out, eu, ev, 1, 2);
                        } else {
                            seg(out, eu, ev, 0, 1);
                            seg(out, eu, ev, 2, 3);
                        }
                    }
                    default -> throw new IllegalStateException("marching squares case " + c);
                }
            }
        }
        return out.toArray();
    }

    /** Where along an edge from value {@code a} to {@code b} the level lies, 0–1. */
    private static double t(double a, double b, double level) {
        return a == b ? 0.5 : Math.max(0, Math.min(1, (level - a) / (b - a)));
    }

    private static void seg(DoubleList out, double[] eu, double[] ev, int e1, int e2) {
        out.add(eu[e1]);
        out.add(ev[e1]);
        out.add(eu[e2]);
        out.add(ev[e2]);
    }

    /** A growable array of doubles. */
    private static final class DoubleList {
        private double[] values = new double[256];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
