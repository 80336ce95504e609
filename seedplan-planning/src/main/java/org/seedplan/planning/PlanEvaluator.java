package org.seedplan.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import org.seedplan.dose.DoseEngine;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.MetricLevels;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.RoiMask;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.intent.TargetGoal;

/**
 * Computes a plan's total dose on the planning grid with the 3D dose engine, the DVH and metrics of
 * every target and organ ({@link DoseMetricsCalculator}: each target against its own prescription,
 * organs against the largest target prescription), and checks each goal of the intent on the same
 * DVHs, so a goal's value and the metric of the same name are one number.
 */
public final class PlanEvaluator {

    private final DoseEngine engine;
    private final PlanningGeometry geometry;
    private final PlanIntent intent;
    private final DoseMetricsCalculator calculator;

    public PlanEvaluator(DoseEngine engine, PlanningGeometry geometry, PlanIntent intent) {
        this.engine = engine;
        this.geometry = geometry;
        this.intent = intent;
        List<RoiMask> rois = new ArrayList<>();
        geometry.targets().forEach(t -> rois.add(t.roi()));
        geometry.organs().forEach(o -> rois.add(o.roi()));
        Map<String, Double> rx = new LinkedHashMap<>();
        intent.targets().forEach(t -> rx.put(t.structure(), t.prescriptionGy()));
        this.calculator = new DoseMetricsCalculator(rois, geometry.grid(), intent.referenceDoseGy(), rx, MetricLevels.DEFAULT);
    }

    /** The dose, DVHs, metrics and goal checks of {@code seeds}. */
    public Evaluation evaluate(List<Seed> seeds) {
        return evaluate(engine.dose(seeds, geometry.grid(), intent.decay()));
    }

    /** The DVHs, metrics and goal checks of a dose on the planning grid (e.g. one kept up to date by an edit session). */
    public Evaluation evaluate(DoseGrid dose) {
        List<Dvh> dvhs = calculator.dvhs(dose);
        PlanMetrics metrics = calculator.compute(dose, dvhs);
        List<StructureDose> structures = new ArrayList<>();
        List<GoalResult> goals = new ArrayList<>();
        int n = 0;
        for (PlanningGeometry.Target t : geometry.targets()) {
            Dvh dvh = dvhs.get(n++);
            structures.add(new StructureDose(t.goal().structure(), "target", dvh));
            goals.addAll(targetGoals(t.goal(), dvh));
        }
        for (PlanningGeometry.Organ o : geometry.organs()) {
            Dvh dvh = dvhs.get(n++);
            structures.add(new StructureDose(o.limit().structure(), "organ", dvh));
            goals.add(organGoal(o.limit(), dvh));
        }
        return new Evaluation(dose, structures, metrics, goals);
    }

    /** A plan's dose on the planning grid, its structures' DVHs and metrics, and its goal checks. */
    public record Evaluation(DoseGrid dose, List<StructureDose> structures, PlanMetrics metrics, List<GoalResult> goals) {

        public boolean coverageMet() {
            return goals.stream().filter(GoalResult::isCoverage).allMatch(GoalResult::met);
        }
    }

    static List<GoalResult> targetGoals(TargetGoal t, Dvh dvh) {
        double rx = t.prescriptionGy();
        double d90 = dvh.doseAtPercent(90);
        double v100 = dvh.volumeAtLeastPercent(rx);
        double v150 = dvh.volumeAtLeastPercent(1.5 * rx);
        double v200 = dvh.volumeAtLeastPercent(2.0 * rx);
        String s = t.structure();
        return List.of(
                new GoalResult(s, "D90 ≥ " + fmt(rx) + " Gy", d90, "Gy", d90 >= rx),
                new GoalResult(s, "V100 ≥ " + fmt(t.v100GoalPct()) + " %", v100, "%", v100 >= t.v100GoalPct()),
                new GoalResult(s, "V150 ≤ " + fmt(t.v150LimitPct()) + " %", v150, "%", v150 <= t.v150LimitPct()),
                new GoalResult(s, "V200 ≤ " + fmt(t.v200LimitPct()) + " %", v200, "%", v200 <= t.v200LimitPct()));
    }

    static GoalResult organGoal(OarLimit o, Dvh dvh) {
        return switch (o.kind()) {
            case DMAX -> new GoalResult(o.structure(), o.label(), dvh.maxGy(), "Gy", dvh.maxGy() <= o.doseGy());
            case D0_1CC -> doseAt(o, dvh, 0.1);
            case D2CC -> doseAt(o, dvh, 2.0);
            case VX -> {
                double v = dvh.volumeAtLeastPercent(o.doseGy());
                yield new GoalResult(o.structure(), o.label(), v, "%", v <= o.volumePct());
            }
        };
    }

    private static GoalResult doseAt(OarLimit o, Dvh dvh, double cc) {
        // An organ smaller than the volume cannot receive its limit over that volume: use Dmin, the dose to all of it.
        double d = dvh.volumeCc() <= cc ? dvh.minGy() : dvh.doseAtVolumeCc(cc);
        return new GoalResult(o.structure(), o.label(), d, "Gy", d <= o.doseGy());
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
