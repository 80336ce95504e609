package org.seedplan.verify.matching;

import java.util.List;

/**
 * Planned seeds paired with found seeds: the pairs, the planned seeds with no found seed within
 * the gate (missing), and the found seeds with no planned seed (extra: migrated, or not planned).
 */
public record SeedMatching(List<SeedMatch> matches, List<Integer> missingPlanned, List<Integer> extraFound,
                           double gateMm) {

    public SeedMatching {
        matches = List.copyOf(matches);
        missingPlanned = List.copyOf(missingPlanned);
        extraFound = List.copyOf(extraFound);
    }

    /** Mean distance of matched seeds, mm (0 when nothing matched). */
    public double meanDisplacementMm() {
        return matches.stream().mapToDouble(SeedMatch::distanceMm).average().orElse(0);
    }

    /** Largest distance of matched seeds, mm (0 when nothing matched). */
    public double maxDisplacementMm() {
        return matches.stream().mapToDouble(SeedMatch::distanceMm).max().orElse(0);
    }
}
