package org.seedplan.verify.needles;

import java.util.List;

/**
 * Planned needles paired with found ones, the planned needles not found and the found needles
 * that match no planned one; {@code found} holds the found needles as matched (a needle whose tip
 * end the scan could not tell is turned to agree with its planned needle).
 */
public record NeedleMatching(List<NeedleMatch> matches, List<Integer> unmatchedPlanned, List<Integer> unmatchedFound,
                             List<FoundNeedle> found) {

    public NeedleMatching {
        matches = List.copyOf(matches);
        unmatchedPlanned = List.copyOf(unmatchedPlanned);
        unmatchedFound = List.copyOf(unmatchedFound);
        found = List.copyOf(found);
    }

    /** Mean tip error of the matched needles, mm (0 when none matched). */
    public double meanTipErrorMm() {
        return matches.stream().mapToDouble(NeedleMatch::tipErrorMm).average().orElse(0);
    }

    /** Mean angle error of the matched needles, degrees (0 when none matched). */
    public double meanAngleErrorDeg() {
        return matches.stream().mapToDouble(NeedleMatch::angleErrorDeg).average().orElse(0);
    }
}
