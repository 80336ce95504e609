package org.seedplan.cli.planning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.seedplan.geometry.Vec3;
import org.seedplan.io.MetricsJson;
import org.seedplan.planning.GoalResult;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.robustness.RobustnessResult;

/**
 * The plan as JSON (format "seedplan-plan/1", docs/planning.md): identity, source, seeds to
 * order, the metrics summary, goals, and every needle with its seeds.
 */
public final class PlanJson {

    public static final String FORMAT = "seedplan-plan/1";

    private PlanJson() {
    }

    /**
     * The summary every command prints under "plan": the metrics JSON (docs/metrics-json.md) plus
     * "seeds", "needles", "planning_seconds", "goals_met", "goals" and "statements".
     */
    public static ObjectNode summary(Plan plan) {
        ObjectNode o = MetricsJson.of(plan.metrics());
        o.put("seeds", plan.seedCount());
        o.put("needles", plan.needleCount());
        o.put("planning_seconds", round(plan.planningSeconds()));
        o.put("goals_met", plan.allGoalsMet());
        ArrayNode goals = o.putArray("goals");
        for (GoalResult g : plan.goals()) {
            ObjectNode x = goals.addObject();
            x.put("structure", g.structure());
            x.put("goal", g.goal());
            x.put("value", round(g.value()));
            x.put("unit", g.unit());
            x.put("met", g.met());
        }
        ArrayNode st = o.putArray("statements");
        plan.statements().forEach(st::add);
        return o;
    }

    /** The whole plan document; {@code robustness} and {@code baseline} are added when not null. */
    public static ObjectNode document(Plan plan, Plan baseline, RobustnessResult robustness) {
        ObjectNode root = MetricsJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode patient = root.putObject("patient");
        patient.put("id", plan.patientId());
        patient.put("name", plan.patientName());
        ObjectNode source = root.putObject("source");
        source.put("key", plan.source().key());
        source.put("description", plan.source().description());
        source.put("data_status", plan.source().dataStatus());
        ObjectNode seed = root.putObject("seed");
        seed.put("strength", plan.intent().seed().strength().toString());
        seed.put("sk_u", round(plan.intent().seed().skU()));
        seed.put("half_life_days", plan.intent().halfLifeDays());
        root.set("plan", summary(plan));
        ObjectNode order = root.putObject("order");
        order.put("seeds_planned", plan.seedCount());
        order.put("spares_pct", plan.intent().sparesPct());
        order.put("stock", plan.intent().seed().stock());
        order.put("seeds_to_order", plan.seedsToOrder());
        order.put("total_sk_u", round(plan.totalSkU()));
        order.put("total_activity_mci", round(plan.totalActivityMCi()));
        ArrayNode needles = root.putArray("needles");
        for (PlannedNeedle n : plan.needles()) {
            ObjectNode x = needles.addObject();
            x.put("number", n.number());
            if (n.needle().hole() != null) {
                x.put("hole", n.needle().hole());
            }
            x.put("fixed", n.needle().fixed());
            vec(x.putArray("entry_mm"), n.needle().entryMm());
            vec(x.putArray("tip_mm"), n.needle().tipMm());
            vec(x.putArray("direction"), n.needle().direction());
            x.put("depth_mm", round(n.needle().depthMm()));
            x.put("tilt_from_axial_deg", round(n.needle().tiltFromAxialDeg()));
            x.put("axial_angle_deg", round(n.needle().axialAngleDeg()));
            x.put("loading", n.loadingPattern(plan.intent().seedStepMm()));
            ArrayNode seeds = x.putArray("seeds");
            for (double d : n.seedDistancesFromTipMm()) {
                ObjectNode s = seeds.addObject();
                s.put("distance_from_tip_mm", round(d));
                vec(s.putArray("position_mm"), n.needle().pointFromTip(d));
            }
        }
        if (baseline != null) {
            ObjectNode b = root.putObject("baseline_uniform_loading");
            b.put("seeds", baseline.seedCount());
            b.put("needles", baseline.needleCount());
            ArrayNode goals = b.putArray("goals");
            summary(baseline).get("goals").forEach(goals::add);
        }
        if (robustness != null) {
            ObjectNode r = root.putObject("robustness");
            r.put("needle_tip_error_mm", robustness.errors().needleTipErrorMm());
            r.put("seed_sigma_mm", robustness.errors().seedSigmaMm());
            r.put("samples", robustness.errors().samples());
            ArrayNode targets = r.putArray("targets");
            for (RobustnessResult.TargetSpread t : robustness.targets()) {
                ObjectNode x = targets.addObject();
                x.put("structure", t.structure());
                x.put("prescription_gy", t.prescriptionGy());
                ObjectNode d90 = x.putObject("d90_gy");
                d90.put("nominal", round(t.d90NominalGy()));
                d90.put("p5", round(t.d90P5Gy()));
                d90.put("p50", round(t.d90P50Gy()));
                d90.put("p95", round(t.d90P95Gy()));
                ObjectNode v100 = x.putObject("v100_pct");
                v100.put("nominal", round(t.v100NominalPct()));
                v100.put("p5", round(t.v100P5Pct()));
                v100.put("p50", round(t.v100P50Pct()));
                v100.put("p95", round(t.v100P95Pct()));
            }
        }
        return root;
    }

    private static void vec(ArrayNode a, Vec3 v) {
        a.add(round(v.x())).add(round(v.y())).add(round(v.z()));
    }

    /** Rounds to 4 decimals for readable files (0.1 µm, 0.0001 Gy). */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v;
    }
}
