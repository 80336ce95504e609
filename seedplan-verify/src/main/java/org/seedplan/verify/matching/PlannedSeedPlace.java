package org.seedplan.verify.matching;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * Where a planned seed sits in the plan: its needle (1-based, as the needle table numbers them) and its place on that
 * needle counted from the tip (1 = the deepest seed, loaded first); a loose seed has needle and place 0.
 */
public record PlannedSeedPlace(int needle, int seedOnNeedle) {

    /** A seed on no needle. */
    public static final PlannedSeedPlace LOOSE = new PlannedSeedPlace(0, 0);

    /** "needle 3, seed 2 from the tip" or "no needle". */
    public String describe() {
        return needle == 0 ? "no needle" : "needle " + needle + ", seed " + seedOnNeedle + " from the tip";
    }

    /**
     * The place of every planned seed when only its group is known (an RT Plan's channel: seedplan writes one per needle, its
     * seeds from the tip): {@code groupOfSeed} numbers each seed's needle from 1 (0 or less: loose); seeds of one group are
     * counted in the order listed.
     */
    public static List<PlannedSeedPlace> inListedOrder(List<Integer> groupOfSeed) {
        List<PlannedSeedPlace> out = new ArrayList<>();
        java.util.Map<Integer, Integer> counted = new java.util.HashMap<>();
        for (int g : groupOfSeed) {
            out.add(g <= 0 ? LOOSE : new PlannedSeedPlace(g, counted.merge(g, 1, Integer::sum)));
        }
        return out;
    }

    /**
     * The place of every planned seed: {@code needleOfSeed} gives each seed's needle as a 0-based index into {@code needleTipsMm}
     * (or −1 when loose); seeds of one needle are counted by their distance from its tip (mm LPS).
     */
    public static List<PlannedSeedPlace> of(List<Vec3> seedCentresMm, List<Integer> needleOfSeed, List<Vec3> needleTipsMm) {
        if (seedCentresMm.size() != needleOfSeed.size()) {
            throw new IllegalArgumentException(seedCentresMm.size() + " seeds but " + needleOfSeed.size() + " needle indices: give one per seed");
        }
        List<PlannedSeedPlace> out = new ArrayList<>();
        for (int i = 0; i < seedCentresMm.size(); i++) {
            int n = needleOfSeed.get(i);
            if (n < 0) {
                out.add(LOOSE);
                continue;
            }
            if (n >= needleTipsMm.size()) {
                throw new IllegalArgumentException("seed " + (i + 1) + " names needle index " + n + " of " + needleTipsMm.size()
                        + " needles: the plan's seed and needle lists do not belong together");
            }
            Vec3 tip = needleTipsMm.get(n);
            double d = seedCentresMm.get(i).minus(tip).norm();
            int place = 1;
            for (int j = 0; j < seedCentresMm.size(); j++) {
                if (j != i && needleOfSeed.get(j) == n) {
                    double dj = seedCentresMm.get(j).minus(tip).norm();
                    if (dj < d || (dj == d && j < i)) {
                        place++;
                    }
                }
            }
            out.add(new PlannedSeedPlace(n + 1, place));
        }
        return out;
    }
}
