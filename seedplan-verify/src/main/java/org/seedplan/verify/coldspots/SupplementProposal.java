package org.seedplan.verify.coldspots;

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
 * @param d90BeforeGy    per target, D90 of the implant alone, Gy
 * @param d90AfterGy     per target, D90 with the added seeds, Gy
 * @param reachesPrescription whether every target's D90 reaches its prescription after the addition
 */
public record SupplementProposal(List<Seed> seeds, List<Candidate> candidates, Map<String, Double> d90BeforeGy,
                                 Map<String, Double> d90AfterGy, boolean reachesPrescription) {

    public SupplementProposal {
        seeds = List.copyOf(seeds);
        candidates = List.copyOf(candidates);
        d90BeforeGy = Map.copyOf(d90BeforeGy);
        d90AfterGy = Map.copyOf(d90AfterGy);
    }
}
