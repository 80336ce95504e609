package org.seedplan.planning;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.planning.candidate.CandidateGenerator;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.needle.NeedleLayout;
import org.seedplan.planning.optimiser.InfluenceMatrix;
import org.seedplan.planning.optimiser.ObjectiveWeights;
import org.seedplan.planning.optimiser.PointSampler;
import org.seedplan.planning.optimiser.SamplePoints;
import org.seedplan.planning.optimiser.UnitDoseTable;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;

/**
 * The planning entry point: from a case and an intent to a {@link Plan}. {@link #prepare} does the
 * geometric work once (masks, needles, candidates, sample points, influence matrix) and returns a
 * {@link PlanningSession} that can optimise, re-optimise around fixed needles, and make the
 * uniform-loading baseline; {@link #plan} does both steps.
 */
public final class Planner {

    /** Tables longer than any needle-to-target distance: the matrix, the tails and robustness read them, mm. */
    static final double TABLE_REACH_MM = 160;

    private final SourceLibrary library;
    private final Map<String, Dosimetry> dosimetry = new ConcurrentHashMap<>();

    public Planner(SourceLibrary library) {
        this.library = library;
    }

    /**
     * The dose tools of one source model, built once per planner (their tables cost ~10⁶ kernel
     * evaluations): the kernel, the 3D engine and the optimiser's per-unit-strength table.
     */
    record Dosimetry(SourceModel source, Tg43Kernel kernel, FastDoseEngine engine, UnitDoseTable table) {
    }

    private Dosimetry dosimetry(String key) {
        return dosimetry.computeIfAbsent(key, k -> {
            SourceModel source = library.model(k);
            Tg43Kernel kernel = new Tg43Kernel(source, DoseModel.LINE_2D);
            return new Dosimetry(source, kernel, new FastDoseEngine(kernel), new UnitDoseTable(kernel, TABLE_REACH_MM));
        });
    }

    /** A planner with the built-in TG-43 source models. */
    public static Planner builtIn() {
        return new Planner(SourceLibrary.builtIn());
    }

    /** Plans the case: prepare, then optimise. */
    public Plan plan(PlanningCase planningCase, PlanIntent intent, ProgressListener progress) {
        long t0 = System.nanoTime();
        Plan plan = prepare(planningCase, intent, progress).optimise(progress);
        return plan.withPlanningSeconds((System.nanoTime() - t0) / 1e9);
    }

    /** Builds the geometry, needles, candidates, sample points and influence matrix of a case. */
    public PlanningSession prepare(PlanningCase planningCase, PlanIntent intent, ProgressListener progress) {
        Dosimetry d = dosimetry(intent.seed().sourceKey());
        step(progress, "contours to masks", 0.0);
        PlanningGeometry geometry = PlanningGeometry.build(planningCase, intent);
        return prepare(planningCase, intent, d, geometry, null, progress);
    }

    /**
     * The needles, candidates, sample points and influence matrix of a case whose geometry is built already. With
     * {@code earlier} (a session of the same case and geometry: a re-plan around other fixed needles) its sample points
     * are kept and its matrix rows are taken for the candidates it had.
     */
    static PlanningSession prepare(PlanningCase planningCase, PlanIntent intent, Dosimetry d, PlanningGeometry geometry, PlanningSession earlier,
                                   ProgressListener progress) {
        step(progress, "needle layout", 0.15);
        NeedleLayout.Result layout = NeedleLayout.forApproach(intent.approach()).layout(geometry, intent);
        if (layout.needles().isEmpty()) {
            throw new IllegalArgumentException("intent: the approach cannot reach the target: no needle path is free ("
                    + describe(layout.refused()) + "): change the approach direction, template position, entry region or max_length_mm");
        }
        step(progress, "candidate positions", 0.25);
        var candidates = new CandidateGenerator().candidates(geometry, intent, layout.needles());
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("intent: the needles reach no position where a seed may go: check the targets, "
                    + "candidate_margin_mm and the organs at risk around the target");
        }
        step(progress, "sample points", 0.3);
        SamplePoints sampled = earlier != null ? earlier.points() : PointSampler.sample(geometry);
        step(progress, "dose-influence matrix", 0.35);
        InfluenceMatrix matrix = InfluenceMatrix.build(candidates, sampled, d.table(), intent.seed().skU(), intent.decay(),
                InfluenceMatrix.DEFAULT_CUTOFF_MM, earlier == null ? List.of() : earlier.candidates(), earlier == null ? null : earlier.matrix());
        return new PlanningSession(planningCase, intent, d, geometry, layout, candidates, sampled, matrix,
                ObjectiveWeights.defaults());
    }

    static void step(ProgressListener progress, String stage, double fraction) {
        if (progress.cancelled()) {
            throw new java.util.concurrent.CancellationException("planning cancelled during " + stage);
        }
        progress.progress(stage, fraction);
    }

    static String describe(Map<String, Integer> refused) {
        if (refused.isEmpty()) {
            return "no template hole or entry point lines up with the target";
        }
        return refused.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining("; "));
    }
}
