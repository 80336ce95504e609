package org.seedplan.planning.optimiser;

import java.util.List;
import org.seedplan.planning.candidate.Candidate;
import org.seedplan.planning.intent.PlanIntent;

/**
 * Everything the seed optimiser works on: candidates on needles, the sample points and the
 * influence matrix, the intent (goals, loading rules, limits), which needles are fixed (open
 * whatever their loading) and which candidates are locked (seeds that must stay).
 */
public record OptimisationProblem(PlanIntent intent, List<Candidate> candidates, int needleCount, boolean[] needleFixed,
                                  boolean[] locked, boolean[] forbidden, SamplePoints points, InfluenceMatrix matrix, ObjectiveWeights weights) {

    public OptimisationProblem {
        candidates = List.copyOf(candidates);
        if (needleFixed.length != needleCount) {
            throw new IllegalArgumentException("needleFixed has " + needleFixed.length + " entries for " + needleCount + " needles");
        }
        if (locked.length != candidates.size() || forbidden.length != candidates.size() || matrix.rows() != candidates.size()) {
            throw new IllegalArgumentException("locked and forbidden flags and matrix rows must match the " + candidates.size() + " candidates");
        }
    }

}
