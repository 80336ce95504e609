package org.seedplan.verify.seedfinder;

import java.util.List;
import java.util.OptionalInt;

/**
 * The result of seed finding: the seeds, the bright objects rejected (with reasons), what was
 * learned from the scan, the expected count if one was given, and notes on every decision that
 * changed a count (so that nothing is dropped or invented silently).
 */
public record SeedFinding(List<FoundSeed> seeds, List<RejectedObject> rejected, SeedFinderCalibration calibration,
                         OptionalInt expectedCount, List<String> notes) {

    public SeedFinding {
        seeds = List.copyOf(seeds);
        rejected = List.copyOf(rejected);
        notes = List.copyOf(notes);
    }

    /** Found minus expected (0 when no count was given or the count was reconciled). */
    public int countDifference() {
        return expectedCount.isPresent() ? seeds.size() - expectedCount.getAsInt() : 0;
    }
}
