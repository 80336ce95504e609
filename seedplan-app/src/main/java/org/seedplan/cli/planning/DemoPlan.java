package org.seedplan.cli.planning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.seedplan.cases.PatientCase;
import org.seedplan.demo.DemoPatient;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.io.MetricsJson;
import org.seedplan.io.OutputFolder;
import org.seedplan.planning.GoalResult;
import org.seedplan.planning.Plan;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.SeedSpec;
import org.seedplan.planning.intent.TargetGoal;

/**
 * The demo patient planned by the inverse planner: CTV D90 ≥ 120 Gy with 0.6 mCi amersham6711
 * seeds through a coplanar template from the front (needles anterior → posterior), keeping 5 mm
 * from the stomach and the spinal cord and off the vertebra. The organ limits are illustrative
 * demo values, not clinical recommendations.
 */
public final class DemoPlan {

    private final PatientCase plannedCase;
    private final Plan plan;
    private final PlanningSession session;
    /** Uniform loading on the plan's needles, made when first asked for (the registry's demo data never asks). */
    private Plan baseline;

    private DemoPlan(PatientCase plannedCase, Plan plan, PlanningSession session) {
        this.plannedCase = plannedCase;
        this.plan = plan;
        this.session = session;
    }

    /** The demo's plan intent. */
    public static PlanIntent intent() {
        return PlanIntent.of(List.of(new TargetGoal("CTV", DemoPatient.PRESCRIPTION_GY)),
                List.of(new OarLimit("Stomach", OarLimit.Kind.D2CC, 60, 0, 5), new OarLimit("SpinalCord", OarLimit.Kind.DMAX, 45, 0, 5)),
                new SeedSpec("amersham6711", DemoPatient.SEED_STRENGTH, 0),
                new Approach.CoplanarTemplate(new Vec3(0, 1, 0), null, 5, 10, 200));
    }

    /** Plans the demo patient on its CT. */
    public static DemoPlan plan(DemoPatient demo, ProgressListener progress) {
        PatientCase c = org.seedplan.cli.demo.DemoCase.withDrawnCtv(demo);
        long t0 = System.nanoTime();
        PlanningCase planningCase = new PlanningCase(DemoPatient.ID, DemoPatient.NAME, c.structures(), c.derived(), demo.ct());
        PlanningSession session = Planner.builtIn().prepare(planningCase, intent(), progress);
        Plan plan = session.optimise(progress);
        plan = plan.withPlanningSeconds((System.nanoTime() - t0) / 1e9);
        Grid grid = session.geometry().grid();
        // the structures the plan is made of (the CTV with the GTV it is grown from, the organs); the body reaches beyond the
        // planning grid. The case's CTV is drawn (DemoCase) and no longer derived, so the GTV it is grown from is found through the
        // demo's own derivation (the drawn case has none)
        List<String> used = new java.util.ArrayList<>();
        plan.structures().forEach(s -> used.add(s.name()));
        demo.asCase().derived().stream().filter(d -> used.contains(d.name())).forEach(d -> used.addAll(d.operands()));
        PatientCase planned = new PatientCase(c.name(), grid, c.structures().stream().filter(s -> used.contains(s.name())).toList(),
                c.derived(), c.prescriptionGy(), c.sourceKey(), c.halfLifeDays(), c.seedStrength(), plan.seeds());
        return new DemoPlan(planned, plan, session);
    }

    /**
     * The demo case with the planned seeds in place of its fixed implant, the plan's dose grid as its
     * grid and the structures the plan uses, so that {@code evaluate} on it computes the plan's numbers again.
     */
    public PatientCase plannedCase() {
        return plannedCase;
    }

    public Plan plan() {
        return plan;
    }

    /** Where the plan was made: its grid, masks and CT. */
    public PlanningGeometry geometry() {
        return session.geometry();
    }

    /** {"plan": {…the metrics JSON…, "seeds": N, "needles": M, "planning_seconds": t, "goals_met", "goals", "statements"}}. */
    public String json() {
        ObjectNode summary = PlanJson.summary(plan);
        ObjectNode p = MetricsJson.of(plan.metrics());
        for (String key : List.of("seeds", "needles", "planning_seconds", "goals_met", "goals", "statements")) {
            p.set(key, summary.get(key));
        }
        ObjectNode root = MetricsJson.MAPPER.createObjectNode();
        root.set("plan", p);
        return MetricsJson.write(root);
    }

    /** Lines for the terminal: needles, seeds, goals and the comparison with uniform loading. */
    public void printSummary() {
        System.out.printf(Locale.ROOT, "planned: %d seeds on %d needles in %.2f s (uniform loading on the same needles: %d seeds); "
                + "order %d seeds%n", plan.seedCount(), plan.needleCount(), plan.planningSeconds(), baseline().seedCount(), plan.seedsToOrder());
        for (GoalResult g : plan.goals()) {
            System.out.printf(Locale.ROOT, "  %-12s %-18s %8.1f %-2s  %s%n", g.structure(), g.goal(), g.value(), g.unit(),
                    g.met() ? "met" : "NOT MET");
        }
        plan.statements().forEach(s -> System.out.println("  " + s));
    }

    /** Writes plan.json, metrics.json, dvh.csv, report.pdf and the images into an export the caller commits. */
    public void writeInto(OutputFolder out, org.seedplan.report.PlanProvenance provenance) {
        PlanFiles.writeInto(out, plan, session.geometry(), baseline(), null, provenance);
    }

    /** The session is not optimised again after {@link #plan}, so the baseline made later is the one made at once. */
    private synchronized Plan baseline() {
        if (baseline == null) {
            baseline = session.uniformBaseline();
        }
        return baseline;
    }
}
