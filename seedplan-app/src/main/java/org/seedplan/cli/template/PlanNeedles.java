package org.seedplan.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seedplan.cli.planning.PlanJson;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.rtplan.BrachyPlan;
import org.seedplan.dicom.rtplan.RtPlanReader;
import org.seedplan.geometry.Vec3;
import org.seedplan.io.MetricsJson;
import org.seedplan.planning.template.TemplateNeedle;

/**
 * The needles of a plan file for a template: from the {@code plan.json} that {@code plan --out}
 * writes (needles with entry, tip and seeds; coplanar-template needles carry their hole), or from a
 * seed-implant RT Plan (one channel per needle; its seeds' Control Point Relative Positions are their
 * distances from the tip, PS3.3 C.8.8.15, which give the needle's direction and tip).
 *
 * @param patientId        the plan's patient ID, empty when it states none
 * @param frameOfReference the RT Plan's Frame of Reference UID, empty for plan.json
 * @param holes            for coplanar-template needles: the template hole, its position and the needle's loading; empty otherwise
 */
record PlanNeedles(String patientId, String frameOfReference, List<Needle> needles, List<String> skipped) {

    /** A needle: the template's view of it, and the coplanar-template hole with its position and loading when it has one. */
    record Needle(TemplateNeedle needle, String hole, Vec3 holeMm, int seeds, String loading) {
    }

    boolean coplanar() {
        return needles.stream().allMatch(n -> n.hole() != null);
    }

    List<TemplateNeedle> templateNeedles() {
        return needles.stream().map(Needle::needle).toList();
    }

    /** Reads {@code file}: JSON when it starts with '{', else DICOM. */
    static PlanNeedles read(Path file) {
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        } catch (IOException e) {
            throw new IllegalArgumentException("--plan " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        String start = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
        return start.startsWith("{") ? json(file) : rtPlan(file);
    }

    private static PlanNeedles json(Path file) {
        JsonNode root;
        try {
            root = MetricsJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("--plan " + file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!PlanJson.FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("--plan " + file + ": format is '" + root.path("format").asText() + "', not '" + PlanJson.FORMAT
                    + "': give the plan.json that 'seedplan plan --out' writes, or an RT Plan");
        }
        List<Needle> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode n : root.path("needles")) {
            int number = n.path("number").asInt(-1);
            String hole = n.hasNonNull("hole") ? n.get("hole").asText() : null;
            String name = "needle " + number + (hole != null ? " (hole " + hole + ")" : "");
            Vec3 entry = vec(file, name, n, "entry_mm");
            Vec3 tip = vec(file, name, n, "tip_mm");
            Vec3 deepest = null;
            double nearest = Double.MAX_VALUE;
            int seeds = 0;
            for (JsonNode s : n.path("seeds")) {
                double dist = s.path("distance_from_tip_mm").asDouble(Double.NaN);
                if (!(dist >= 0)) {
                    throw new IllegalArgumentException("--plan " + file + ": " + name + " has a seed without a distance_from_tip_mm ≥ 0");
                }
                seeds++;
                if (dist < nearest) {
                    nearest = dist;
                    deepest = vec(file, name, s, "position_mm");
                }
            }
            if (seeds == 0) {
                skipped.add(name + " carries no seeds");
                continue;
            }
            try {
                out.add(new Needle(new TemplateNeedle(name, number, entry, tip, deepest), hole, entry, seeds, n.path("loading").asText("")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--plan " + file + ": " + e.getMessage(), e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--plan " + file + ": no needle carries seeds: a template needs a plan with needles");
        }
        return new PlanNeedles(root.path("patient").path("id").asText(""), "", out, skipped);
    }

    private static PlanNeedles rtPlan(Path file) {
        BrachyPlan plan;
        DataSet ds;
        try {
            plan = RtPlanReader.readSeedImplant(file);
            ds = DicomReader.read(file).dataSet();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--plan " + file + ": " + e.getMessage(), e);
        }
        List<Needle> out = new ArrayList<>();
        List<Object[]> single = new ArrayList<>();
        Vec3 inwardSum = Vec3.ZERO;
        for (DataSet setup : ds.sequence(Tag.APPLICATION_SETUP_SEQUENCE)) {
            for (DataSet ch : setup.sequence(Tag.CHANNEL_SEQUENCE)) {
                int number = ch.requireInteger(Tag.CHANNEL_NUMBER);
                String name = "channel " + number;
                Vec3 deepest = null;
                Vec3 outer = null;
                Vec3 orientation = null;
                double nearest = Double.MAX_VALUE;
                double farthest = -Double.MAX_VALUE;
                List<Vec3> seeds = new ArrayList<>();
                for (DataSet cp : ch.sequence(Tag.BRACHY_CONTROL_POINT_SEQUENCE)) {
                    double[] rel = cp.numbers(Tag.CONTROL_POINT_RELATIVE_POSITION);
                    double[] xyz = cp.numbers(Tag.CONTROL_POINT_3D_POSITION);
                    if (xyz == null || xyz.length != 3) {
                        continue;
                    }
                    if (rel == null || rel.length != 1) {
                        throw new IllegalArgumentException("--plan " + file + ": RT Plan " + name + " has a control point without a Control"
                                + " Point Relative Position (300A,02D2): which end is the needle's tip is unknown; give the plan.json");
                    }
                    Vec3 p = new Vec3(xyz[0], xyz[1], xyz[2]);
                    double[] o = cp.numbers(Tag.CONTROL_POINT_ORIENTATION);
                    if (o != null && o.length == 3 && Math.abs(o[0]) + Math.abs(o[1]) + Math.abs(o[2]) > 0) {
                        orientation = new Vec3(o[0], o[1], o[2]).normalized();
                    }
                    if (seeds.stream().noneMatch(q -> q.distanceTo(p) < 1e-3)) {
                        seeds.add(p);
                    }
                    if (rel[0] < nearest) {
                        nearest = rel[0];
                        deepest = p;
                    }
                    if (rel[0] > farthest) {
                        farthest = rel[0];
                        outer = p;
                    }
                }
                if (seeds.isEmpty()) {
                    continue;
                }
                if (!(outer.distanceTo(deepest) > 1)) {
                    if (orientation == null) {
                        throw new IllegalArgumentException("--plan " + file + ": RT Plan " + name + " holds one seed without a Control Point"
                                + " Orientation: the needle's axis is unknown; give the plan.json");
                    }
                    single.add(new Object[] {name, number, deepest, orientation, nearest});
                    continue;
                }
                Vec3 inward = deepest.minus(outer).normalized();
                inwardSum = inwardSum.plus(inward);
                out.add(needle(file, name, number, deepest, inward, nearest, seeds.size()));
            }
        }
        // a one-seed channel's axis is its seed's orientation, which has no sign: the template's needles come from one side
        for (Object[] c : single) {
            Vec3 axis = (Vec3) c[3];
            if (!(inwardSum.norm() > 0)) {
                throw new IllegalArgumentException("--plan " + file + ": RT Plan " + c[0] + " holds one seed and no channel holds two: the"
                        + " needles' direction is unknown; give the plan.json");
            }
            Vec3 inward = axis.dot(inwardSum) >= 0 ? axis : axis.times(-1);
            out.add(needle(file, (String) c[0], (Integer) c[1], (Vec3) c[2], inward, (Double) c[4], 1));
        }
        out.sort(java.util.Comparator.comparingInt(n -> n.needle().label()));
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--plan " + file + ": the RT Plan holds no seed positions");
        }
        return new PlanNeedles(plan.patientId(), plan.frameOfReferenceUid(), out, List.of());
    }

    /** A needle whose deepest seed lies {@code fromTipMm} before its tip along {@code inward}. */
    private static Needle needle(Path file, String name, int number, Vec3 deepest, Vec3 inward, double fromTipMm, int seeds) {
        Vec3 tip = deepest.plus(inward.times(fromTipMm));
        try {
            return new Needle(new TemplateNeedle(name, number, deepest.minus(inward.times(10)), tip, deepest), null, null, seeds, "");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--plan " + file + ": " + e.getMessage(), e);
        }
    }

    private static Vec3 vec(Path file, String name, JsonNode n, String field) {
        JsonNode a = n.path(field);
        if (!a.isArray() || a.size() != 3 || !a.get(0).isNumber() || !a.get(1).isNumber() || !a.get(2).isNumber()) {
            throw new IllegalArgumentException("--plan " + file + ": " + name + " lacks " + field + " as [x, y, z] in mm");
        }
        return new Vec3(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble());
    }
}
