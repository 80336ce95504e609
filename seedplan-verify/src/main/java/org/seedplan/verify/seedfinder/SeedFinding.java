package org.seedplan.verify.seedfinder;

import java.util.List;
import java.util.OptionalInt;

/**
 * The result of seed finding: the seeds of this implant, the seeds recognised as an earlier
 * implant's, the bright objects rejected (with reasons), what was learned from the scan, the
 * expected count if one was given, notes on every decision that changed a count (so that nothing is
 * dropped or invented silently), and the self-check: what a clinician must read first (count
 * differs from the implanted one, unusual seed appearance, other metal, seeds far from the implant).
 */
public record SeedFinding(List<FoundSeed> seeds, List<FoundSeed> previousImplantSeeds, List<RejectedObject> rejected,
                          SeedFinderCalibration calibration, OptionalInt expectedCount, List<String> notes, List<String> selfCheck) {

    public SeedFinding {
        seeds = List.copyOf(seeds);
        previousImplantSeeds = List.copyOf(previousImplantSeeds);
        rejected = List.copyOf(rejected);
        notes = List.copyOf(notes);
        selfCheck = List.copyOf(selfCheck);
    }

    /** Found minus expected (0 when no count was given or the count was reconciled). */
    public int countDifference() {
        return expectedCount.isPresent() ? seeds.size() - expectedCount.getAsInt() : 0;
    }
}
