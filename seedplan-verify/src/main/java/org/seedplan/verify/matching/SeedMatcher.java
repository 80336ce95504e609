package org.seedplan.verify.matching;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * Pairs planned with found seeds by the assignment that minimises the total distance, where
 * leaving a seed unpaired costs the gate distance: a planned seed farther than the gate from
 * every found seed is missing, a found seed farther than the gate from every planned one is extra
 * (the augmented assignment problem: each side gets a dummy partner at cost = gate, so the optimum
 * never pairs two seeds farther apart than the gate when leaving both unpaired is cheaper).
 */
public final class SeedMatcher {

    /** Default gate, mm: seeds displaced farther than this are reported as missing plus extra. */
    public static final double DEFAULT_GATE_MM = 10.0;

    private final double gateMm;

    public SeedMatcher(double gateMm) {
        if (!(gateMm > 0)) {
            throw new IllegalArgumentException("matching gate must be a positive distance in mm, got " + gateMm);
        }
        this.gateMm = gateMm;
    }

    public SeedMatcher() {
        this(DEFAULT_GATE_MM);
    }

    public SeedMatching match(List<Vec3> plannedMm, List<Vec3> foundMm) {
        int n = plannedMm.size();
        int m = foundMm.size();
        int size = n + m;
        List<SeedMatch> matches = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        List<Integer> extra = new ArrayList<>();
        if (size == 0) {
            return new SeedMatching(matches, missing, extra, gateMm);
        }
        // Rows: planned seeds then dummies for found seeds; columns: found seeds then dummies for planned seeds.
        double big = 4 * gateMm + 1;
        double[][] cost = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                if (i < n && j < m) {
                    double d = plannedMm.get(i).distanceTo(foundMm.get(j));
                    cost[i][j] = d <= gateMm ? d : big;
                } else if (i < n) {
                    cost[i][j] = j - m == i ? gateMm : big;
                } else if (j < m) {
                    cost[i][j] = i - n == j ? gateMm : big;
                } else {
                    cost[i][j] = 0;
                }
            }
        }
        int[] a = Hungarian.assign(cost);
        boolean[] foundUsed = new boolean[m];
        for (int i = 0; i < n; i++) {
            int j = a[i];
            if (j < m && plannedMm.get(i).distanceTo(foundMm.get(j)) <= gateMm) {
                matches.add(new SeedMatch(i, j, foundMm.get(j).minus(plannedMm.get(i))));
                foundUsed[j] = true;
            } else {
                missing.add(i);
            }
        }
        for (int j = 0; j < m; j++) {
            if (!foundUsed[j]) {
                extra.add(j);
            }
        }
        return new SeedMatching(matches, missing, extra, gateMm);
    }
}
