package org.seedplan.verify.coldspots;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.dose.Seed;
import org.seedplan.planning.candidate.Candidate;

/**
 * Supplementary seeds proposed for an implant: where to add them (on the planner's needle
 * candidates), and each target's D90 before and after on the planner's sample points.
 *
 * @param seeds          the seeds to add, at the plan's strength
 * @param candidates     the planner candidates they sit on (needle index, distance from the tip)
 * @param d90BeforeGy    per target, D90 of the implant alone, Gy; the targets iterate in the order given (the planner's)
 * @param d90AfterGy     per target, D90 with the added seeds, Gy; in the same order
 * @param reachesPrescription whether every target's D90 reaches its prescription after the addition
 */
public record SupplementProposal(List<Seed> seeds, List<Candidate> candidates, Map<String, Double> d90BeforeGy,
                                 Map<String, Double> d90AfterGy, boolean reachesPrescription) {

    public SupplementProposal {
        seeds = List.copyOf(seeds);
        candidates = List.copyOf(candidates);
        // insertion-ordered copies: Map.copyOf's iteration order changes from one JVM to the next, and the terminal, the
        // verification JSON and the screen list the targets by iterating these
        d90BeforeGy = inOrder(d90BeforeGy);
        d90AfterGy = inOrder(d90AfterGy);
    }

    private static Map<String, Double> inOrder(Map<String, Double> perTarget) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(perTarget));
    }
}
