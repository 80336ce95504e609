package org.seedplan.server.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.StructureMetrics;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.GoalResult;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlanEvaluator;
import org.seedplan.planning.StructureDose;
import org.seedplan.planning.edit.EditSession;
import org.seedplan.planning.edit.IsodoseLineStyle;
import org.seedplan.planning.edit.IsodoseLines;
import org.seedplan.planning.edit.SlicePlane;
import org.seedplan.server.api.Json;
import org.seedplan.server.plans.TemplateHoles;

/** The JSON the plan screen reads: progress, needles, seeds, DVH curves, metrics, goals and isodose lines (docs/planning-screen.md). */
public final class SessionJson {

    /** Points of each DVH curve. */
    static final int DVH_POINTS = 121;

    private SessionJson() {
    }

    /** Progress only (while running), or the whole state without dose planes. */
    public static ObjectNode of(LiveSession live, Map<SlicePlane, Double> slices) {
        return of(live, slices, false);
    }

    /** Progress only (while running), or the whole state; with {@code wash} the dose of each plane asked for (Gy, 0.1 Gy steps). */
    public static ObjectNode of(LiveSession live, Map<SlicePlane, Double> slices, boolean wash) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", live.id()).put("patientId", live.patientDbId()).put("status", live.status().name()).put("stage", live.stage())
                .put("fraction", live.fraction()).put("error", live.error()).put("ctSeriesUid", live.ctSeriesUid())
                .put("approach", live.form().approachLabel()).put("lastRunSeconds", live.lastRunSeconds());
        try {
            o.set("intent", Json.MAPPER.readTree(live.form().json()));
        } catch (Exception e) {
            o.put("intent", live.form().json());
        }
        EditSession edit = live.edit();
        if (edit == null || live.status() == LiveSession.Status.RUNNING) {
            return o;
        }
        state(o, edit, slices);
        TemplateHoles template = live.template();
        if (template != null) {
            // a needle added or moved by hand goes through a hole of the template, or through none
            o.set("template", template.json().put("spacingMm", template.spacingMm()));
            for (JsonNode n : o.get("needles")) {
                if (n.get("hole").isNull()) {
                    ((ObjectNode) n).put("hole", template.label(vec(n.get("entryMm")), vec(n.get("tipMm"))));
                }
            }
        }
        if (wash) {
            ObjectNode planes = o.putObject("dosePlanes");
            slices.forEach((plane, at) -> {
                var p = edit.dosePlane(plane, at);
                if (p != null) {
                    ObjectNode x = planes.putObject(plane.name().toLowerCase(java.util.Locale.ROOT)).put("atMm", at)
                            .put("u0Mm", p.u()[0]).put("du", p.u().length > 1 ? p.u()[1] - p.u()[0] : 1).put("nu", p.u().length)
                            .put("v0Mm", p.v()[0]).put("dv", p.v().length > 1 ? p.v()[1] - p.v()[0] : 1).put("nv", p.v().length);
                    ArrayNode d = x.putArray("doseGy");
                    for (float v : p.dose()) {
                        d.add(Math.round(v * 10) / 10.0);
                    }
                }
            });
        }
        ArrayNode holes = o.putArray("availableNeedles");
        if (live.planning() != null) {
            live.planning().availableNeedles().forEach(n -> {
                ObjectNode x = holes.addObject().put("hole", n.hole());
                vec(x.putArray("entryMm"), n.entryMm());
                vec(x.putArray("tipMm"), n.tipMm());
            });
        }
        return o;
    }

    /** Needles, seeds, structures, metrics, goals and the isodose lines of {@code slices}. */
    static void state(ObjectNode o, EditSession edit, Map<SlicePlane, Double> slices) {
        PlanEvaluator.Evaluation e = edit.evaluation();
        ArrayNode needles = o.putArray("needles");
        for (EditSession.EditNeedle n : edit.needles()) {
            ObjectNode x = needles.addObject().put("number", n.number()).put("hole", n.path().hole()).put("locked", n.locked())
                    .put("edited", n.edited());
            vec(x.putArray("entryMm"), n.path().entryMm());
            vec(x.putArray("tipMm"), n.path().tipMm());
        }
        ArrayNode seeds = o.putArray("seeds");
        double totalU = 0;
        for (EditSession.EditSeed s : edit.seeds()) {
            ObjectNode x = seeds.addObject().put("id", s.id()).put("needle", s.needle());
            vec(x.putArray("positionMm"), s.seed().centreMm());
            vec(x.putArray("axis"), s.seed().axis());
            totalU += s.seed().skU();
        }
        o.put("seedCount", edit.seeds().size()).put("needleCount", edit.needles().size()).put("seedStrengthU", edit.skU())
                .put("totalStrengthU", round(totalU, 4));
        o.set("structures", structures(e.structures(), edit.intent().referenceDoseGy()));
        o.set("metrics", metrics(e.metrics().structures()));
        o.set("goals", goals(e.goals()));
        o.put("allGoalsMet", e.goals().stream().allMatch(GoalResult::met));
        ArrayNode statements = o.putArray("statements");
        edit.planStatements().forEach(statements::add);
        o.set("fixedNeedles", IntentForm.fixedNeedlesJson(edit.fixedNeedles()));
        o.set("isodoseStyle", isodoseStyle());
        ObjectNode iso = o.putObject("isodoses");
        slices.forEach((plane, at) -> iso.set(plane.name().toLowerCase(java.util.Locale.ROOT), isodoses(edit.isodoseLines(plane, at), at)));
        ObjectNode outlines = o.putObject("outlines");
        slices.forEach((plane, at) -> outlines.set(plane.name().toLowerCase(java.util.Locale.ROOT), outlines(edit, plane, at)));
        var g = e.dose().grid();
        ObjectNode grid = o.putObject("doseGrid");
        vec(grid.putArray("originMm"), g.originMm());
        grid.putArray("spacingMm").add(g.dxMm()).add(g.dyMm()).add(g.dzMm());
        grid.putArray("size").add(g.nx()).add(g.ny()).add(g.nz());
    }

    /** The outline (half-volume line of its mask) of every target and organ of the plan on a plane: name, segments in mm. */
    static ArrayNode outlines(EditSession edit, SlicePlane plane, double atMm) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        List<org.seedplan.dvh.RoiMask> rois = new java.util.ArrayList<>();
        edit.geometry().targets().forEach(t -> rois.add(t.roi()));
        edit.geometry().organs().forEach(x -> rois.add(x.roi()));
        for (org.seedplan.dvh.RoiMask r : rois) {
            var mask = r.mask();
            var lines = IsodoseLines.of(new org.seedplan.dose.DoseGrid(mask.grid(), mask.fraction()), plane, atMm,
                    List.of(new IsodoseLines.Level(0.5, r.name())), List.of(50.0));
            ArrayNode seg = a.addObject().put("name", r.name()).put("type", r.type().name()).putArray("segmentsMm");
            for (double v : lines.get(0).segmentsMm()) {
                seg.add(round(v, 2));
            }
        }
        return a;
    }

    /** A plan made elsewhere (the uniform-loading baseline): its metrics and goals. */
    public static ObjectNode plan(Plan p) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("seedCount", p.seedCount()).put("needleCount", p.needleCount());
        o.set("metrics", metrics(p.metrics().structures()));
        o.set("goals", goals(p.goals()));
        o.set("structures", structures(p.structures(), p.intent().referenceDoseGy()));
        return o;
    }

    /**
     * How the page draws each isodose: {@link IsodoseLineStyle}'s table, the one the PDF reports draw from (levels by % of the
     * reference prescription, the other targets' 100 % lines in turn; colour "#rrggbb", width and dashes in CSS pixels).
     */
    public static ObjectNode isodoseStyle() {
        ObjectNode o = Json.MAPPER.createObjectNode().put("casingPx", IsodoseLineStyle.CASING_PX);
        ArrayNode levels = o.putArray("levels");
        IsodoseLineStyle.LEVELS.forEach(s -> style(levels.addObject().put("percent", s.percent()), s));
        ArrayNode others = o.putArray("otherPrescriptions");
        IsodoseLineStyle.OTHER_RX.forEach(s -> style(others.addObject(), s));
        return o;
    }

    private static void style(ObjectNode o, IsodoseLineStyle s) {
        o.put("colour", s.cssColour()).put("widthPx", s.widthPx()).put("pattern", s.pattern());
        ArrayNode dash = o.putArray("dashPx");
        for (float d : s.dashPx()) {
            dash.add(d);
        }
    }

    /** One plane's lines: level, label, % of its prescription, segments (u1, v1, u2, v2 …) in mm rounded to 0.01 mm. */
    public static ObjectNode isodoses(List<IsodoseLines.Line> lines, double atMm) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("atMm", atMm);
        ArrayNode a = o.putArray("lines");
        for (IsodoseLines.Line l : lines) {
            ObjectNode x = a.addObject().put("doseGy", l.doseGy()).put("label", l.label()).put("percent", l.percent());
            ArrayNode s = x.putArray("segmentsMm");
            for (double v : l.segmentsMm()) {
                s.add(round(v, 2));
            }
        }
        return o;
    }

    /** Each structure's cumulative DVH: volume % at doses 0 … 2.5 × the reference prescription. */
    static ArrayNode structures(List<StructureDose> structures, double referenceGy) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        double top = 2.5 * referenceGy;
        for (StructureDose s : structures) {
            Dvh d = s.dvh();
            ObjectNode x = a.addObject().put("name", s.name()).put("role", s.role()).put("volumeCc", round(d.volumeCc(), 3));
            ArrayNode dose = x.putArray("doseGy");
            ArrayNode vol = x.putArray("volumePct");
            for (int n = 0; n < DVH_POINTS; n++) {
                double gy = top * n / (DVH_POINTS - 1);
                dose.add(round(gy, 2));
                vol.add(round(d.volumeAtLeastPercent(gy), 3));
            }
        }
        return a;
    }

    static ArrayNode metrics(List<StructureMetrics> ms) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (StructureMetrics m : ms) {
            ObjectNode x = a.addObject().put("name", m.name()).put("type", m.type().name())
                    .put("prescriptionGy", Double.isNaN(m.prescriptionGy()) ? null : m.prescriptionGy()).put("volumeCc", round(m.volumeCc(), 3))
                    .put("dminGy", round(m.dminGy(), 2)).put("dmeanGy", round(m.dmeanGy(), 2)).put("dmaxGy", round(m.dmaxGy(), 2));
            put(x, "d90Gy", m.dPctGy().get("90"), 2);
            put(x, "d100Gy", m.dPctGy().get("100"), 2);
            put(x, "d2ccGy", m.dCcGy().get("2"), 2);
            put(x, "d0_1ccGy", m.dCcGy().get("0.1"), 2);
            put(x, "v100Pct", m.vPct().get("100"), 2);
            put(x, "v150Pct", m.vPct().get("150"), 2);
            put(x, "v200Pct", m.vPct().get("200"), 2);
            put(x, "hi", m.hi(), 3);
            put(x, "ciPaddick", m.ciPaddick(), 3);
            put(x, "coin", m.coin(), 3);
            put(x, "mpdGy", m.mpdGy(), 2);
        }
        return a;
    }

    static ArrayNode goals(List<GoalResult> goals) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        goals.forEach(g -> a.addObject().put("structure", g.structure()).put("goal", g.goal()).put("value", round(g.value(), 2)).put("unit", g.unit())
                .put("met", g.met()));
        return a;
    }

    private static void put(ObjectNode x, String field, Double v, int digits) {
        x.put(field, v == null || v.isNaN() ? null : round(v, digits));
    }

    private static Vec3 vec(JsonNode a) {
        return new Vec3(a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble());
    }

    private static void vec(ArrayNode a, Vec3 v) {
        a.add(round(v.x(), 3)).add(round(v.y(), 3)).add(round(v.z(), 3));
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
