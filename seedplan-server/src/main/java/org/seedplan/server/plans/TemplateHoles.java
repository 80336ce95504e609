package org.seedplan.server.plans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.needle.Needle;
import org.seedplan.server.api.Json;

/**
 * Where a coplanar grid template sat for a plan: the centre of hole A1 on the template plane, the step from one column
 * to the next (A → B) and from one row to the next (1 → 2), and the needle direction (mm, LPS). It names the hole a
 * needle passes through ("C4", as printed on the template) and is kept in a saved revision's intent JSON under
 * {@code "template"}, so the operating-room needle table of a stored plan can print the holes.
 *
 * @param holeA1Mm      centre of hole A1 on the template plane
 * @param columnStepMm  from a hole to the next column's (A → B), length = hole spacing
 * @param rowStepMm     from a hole to the next row's (1 → 2), length = hole spacing
 * @param directionUnit needle direction through the template (unit vector, into the patient)
 */
public record TemplateHoles(Vec3 holeA1Mm, Vec3 columnStepMm, Vec3 rowStepMm, Vec3 directionUnit) {

    /** How far a needle's entry may lie from a hole's centre and still be "through" it, mm. */
    static final double HOLE_TOLERANCE_MM = 0.5;
    /** How far a needle may be tilted from the template's direction and still go through a hole of it, degrees. */
    static final double DIRECTION_TOLERANCE_DEG = 0.5;
    /** Largest misfit of the lattice to the labelled entries accepted, mm (they are computed exactly, so this is rounding). */
    private static final double FIT_TOLERANCE_MM = 0.01;

    /**
     * The template of the labelled needles (hole labels such as "C4" and their entry points on the template plane), or
     * null when they do not fix a lattice: fewer than three holes not in one line, needles not parallel, or labels that
     * do not fit one lattice.
     */
    public static TemplateHoles of(List<Needle> needles) {
        List<Needle> labelled = needles.stream().filter(n -> n.hole() != null && parse(n.hole()) != null).toList();
        if (labelled.size() < 3) {
            return null;
        }
        Vec3 d = labelled.get(0).direction();
        double[][] m = new double[3][3];
        double[][] rhs = new double[3][3];
        for (Needle n : labelled) {
            if (n.angleToDeg(d) > DIRECTION_TOLERANCE_DEG) {
                return null;
            }
            int[] cr = parse(n.hole());
            double[] basis = {1, cr[0], cr[1]};
            double[] e = {n.entryMm().x(), n.entryMm().y(), n.entryMm().z()};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    m[i][j] += basis[i] * basis[j];
                    rhs[i][j] += basis[i] * e[j];
                }
            }
        }
        double[][] solved = solve(m, rhs);
        if (solved == null) {
            return null;
        }
        TemplateHoles t = new TemplateHoles(vec(solved[0]), vec(solved[1]), vec(solved[2]), d);
        for (Needle n : labelled) {
            int[] cr = parse(n.hole());
            if (t.holeMm(cr[0], cr[1]).distanceTo(n.entryMm()) > FIT_TOLERANCE_MM) {
                return null;
            }
        }
        return t;
    }

    /** The centre of the hole in column {@code column} (0 = A) and row {@code row} (0 = row 1). */
    public Vec3 holeMm(int column, int row) {
        return holeA1Mm.plus(columnStepMm.times(column)).plus(rowStepMm.times(row));
    }

    /** The distance between neighbouring holes, mm. */
    public double spacingMm() {
        return columnStepMm.norm();
    }

    /** The label of the hole a needle from {@code entryMm} towards {@code tipMm} goes through, or null if it goes through none. */
    public String label(Vec3 entryMm, Vec3 tipMm) {
        Vec3 d = tipMm.minus(entryMm).normalized();
        if (Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, d.dot(directionUnit))))) > DIRECTION_TOLERANCE_DEG) {
            return null;
        }
        Vec3 rel = entryMm.minus(holeA1Mm);
        int column = (int) Math.round(rel.dot(columnStepMm) / columnStepMm.dot(columnStepMm));
        int row = (int) Math.round(rel.dot(rowStepMm) / rowStepMm.dot(rowStepMm));
        if (column < 0 || row < 0 || holeMm(column, row).distanceTo(entryMm) > HOLE_TOLERANCE_MM) {
            return null;
        }
        return label(column, row);
    }

    /** "A1", "C4", "AA12": column letters (A … Z, AA …) and row number from 1, as printed on templates. */
    public static String label(int column, int row) {
        StringBuilder s = new StringBuilder();
        int c = column;
        do {
            s.insert(0, (char) ('A' + c % 26));
            c = c / 26 - 1;
        } while (c >= 0);
        return s.toString() + (row + 1);
    }

    /** {column, row} (from 0) of a label such as "C4", or null when it is not one. */
    static int[] parse(String label) {
        int i = 0;
        int column = 0;
        while (i < label.length() && label.charAt(i) >= 'A' && label.charAt(i) <= 'Z') {
            column = column * 26 + (label.charAt(i) - 'A' + 1);
            i++;
        }
        if (i == 0 || i == label.length() || i > 3) {
            return null;
        }
        try {
            int row = Integer.parseInt(label.substring(i));
            return row < 1 ? null : new int[] {column - 1, row - 1};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {"holeA1Mm", "columnStepMm", "rowStepMm", "direction"}, mm LPS. */
    public ObjectNode json() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        put(o, "holeA1Mm", holeA1Mm);
        put(o, "columnStepMm", columnStepMm);
        put(o, "rowStepMm", rowStepMm);
        put(o, "direction", directionUnit);
        return o;
    }

    /** The template recorded in an intent JSON ({@code "template"}), or null when there is none or it is malformed. */
    public static TemplateHoles fromIntent(String intentJson) {
        if (intentJson == null) {
            return null;
        }
        try {
            JsonNode t = Json.MAPPER.readTree(intentJson).path("template");
            Vec3 a1 = read(t.get("holeA1Mm"));
            Vec3 col = read(t.get("columnStepMm"));
            Vec3 row = read(t.get("rowStepMm"));
            Vec3 d = read(t.get("direction"));
            if (a1 == null || col == null || row == null || d == null || !(col.norm() > 0) || !(row.norm() > 0) || !(d.norm() > 0)) {
                return null;
            }
            return new TemplateHoles(a1, col, row, d.normalized());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    /** {@code intentJson} (an object) with this template under {@code "template"}. */
    public String addTo(String intentJson) {
        try {
            ObjectNode o = (ObjectNode) Json.MAPPER.readTree(intentJson);
            o.set("template", json());
            return o.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("intent JSON is not an object: " + e.getMessage(), e);
        }
    }

    private static void put(ObjectNode o, String field, Vec3 v) {
        o.putArray(field).add(round(v.x())).add(round(v.y())).add(round(v.z()));
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private static Vec3 read(JsonNode n) {
        if (n == null || !n.isArray() || n.size() != 3 || !n.get(0).isNumber() || !n.get(1).isNumber() || !n.get(2).isNumber()) {
            return null;
        }
        Vec3 v = new Vec3(n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble());
        return v.isFinite() ? v : null;
    }

    private static Vec3 vec(double[] v) {
        return new Vec3(v[0], v[1], v[2]);
    }

    /** Solves m · x = rhs (3 × 3, three right-hand sides) by Gaussian elimination with pivoting; null when m is singular. */
    private static double[][] solve(double[][] m, double[][] rhs) {
        double[][] a = new double[3][];
        double[][] b = new double[3][];
        for (int i = 0; i < 3; i++) {
            a[i] = m[i].clone();
            b[i] = rhs[i].clone();
        }
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-9) {
                return null;
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            t = b[col];
            b[col] = b[pivot];
            b[pivot] = t;
            for (int r = 0; r < 3; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int k = 0; k < 3; k++) {
                        a[r][k] -= f * a[col][k];
                        b[r][k] -= f * b[col][k];
                    }
                }
            }
        }
        double[][] x = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = b[i][k] / a[i][i];
            }
        }
        return x;
    }
}
