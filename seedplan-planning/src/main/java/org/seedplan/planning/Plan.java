package org.seedplan.planning;

import java.util.List;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.source.SourceModel;

/**
 * A plan to implant: the needles with their loading, the seeds, what to order, and the dose with
 * its per-structure DVHs and goal checks.
 *
 * @param needles          the needles that carry seeds (and fixed needles), numbered from 1
 * @param seeds            every seed, in needle order from the tip back
 * @param seedsToOrder     seeds plus spares (rounded up) minus the stock, at least 0
 * @param dose             total dose of the permanent implant on the planning grid, Gy
 * @param metrics          the standard metrics of every structure (prescription = the largest target prescription)
 * @param goals            each goal of the intent checked on {@code dose}
 * @param statements       for each goal not met, which one and why (empty when all are met)
 * @param candidateCount   candidate seed positions the optimiser chose from
 * @param availableNeedles needles the layout offered
 * @param planningSeconds  wall time of the planning run
 */
public record Plan(String patientId, String patientName, PlanIntent intent, SourceModel source, List<PlannedNeedle> needles,
                   List<Seed> seeds, int seedsToOrder, DoseGrid dose, List<StructureDose> structures, PlanMetrics metrics, List<GoalResult> goals,
                   List<String> statements, int candidateCount, int availableNeedles, double planningSeconds) {

    public Plan {
        needles = List.copyOf(needles);
        seeds = List.copyOf(seeds);
        structures = List.copyOf(structures);
        goals = List.copyOf(goals);
        statements = List.copyOf(statements);
    }

    public int seedCount() {
        return seeds.size();
    }

    /** Needles carrying at least one seed. */
    public int needleCount() {
        return (int) needles.stream().filter(n -> n.seedCount() > 0).count();
    }

    /** Sum of the seeds' air-kerma strengths, U. */
    public double totalSkU() {
        return seeds.stream().mapToDouble(Seed::skU).sum();
    }

    /** Total apparent activity, mCi (I-125: 1.270 U per mCi). */
    public double totalActivityMCi() {
        return totalSkU() / org.seedplan.source.SeedStrength.U_PER_MCI_I125;
    }

    public boolean allGoalsMet() {
        return goals.stream().allMatch(GoalResult::met);
    }

    /** The DVH entry of a structure by name. */
    public StructureDose structure(String name) {
        return structures.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("plan has no structure '" + name + "'"));
    }

    public Plan withPlanningSeconds(double seconds) {
        return new Plan(patientId, patientName, intent, source, needles, seeds, seedsToOrder, dose, structures, metrics, goals,
                statements, candidateCount, availableNeedles, seconds);
    }
}
