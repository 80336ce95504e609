package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.needle.Needle;
import org.seedplan.verify.matching.Hungarian;

/**
 * Pairs planned with found needles by the assignment of least total cost, where a pair costs its
 * tip distance (mm) plus its angle (degrees, weighted 1 mm per degree) and leaving a needle
 * unpaired costs the gate: a pair with a tip farther apart than {@code tipGateMm} or an angle
 * above {@code angleGateDeg} is never made (the augmented assignment of
 * {@link org.seedplan.verify.matching.SeedMatcher}, with needles).
 */
public final class NeedleMatcher {

    /** Default tip gate, mm: about 4 × the mean tip error of template-guided needles (4.4 mm). */
    public static final double DEFAULT_TIP_GATE_MM = 20;
    /** Default angle gate, degrees: about 5 × the mean angle error of template-guided needles (2.8°). */
    public static final double DEFAULT_ANGLE_GATE_DEG = 15;

    private final double tipGateMm;
    private final double angleGateDeg;

    public NeedleMatcher(double tipGateMm, double angleGateDeg) {
        if (!(tipGateMm > 0) || !(angleGateDeg > 0 && angleGateDeg <= 90)) {
            throw new IllegalArgumentException("needle matching gates must be a positive tip distance (mm) and an angle in (0, 90]°, got "
                    + tipGateMm + " mm and " + angleGateDeg + "°");
        }
        this.tipGateMm = tipGateMm;
        this.angleGateDeg = angleGateDeg;
    }

    public NeedleMatcher() {
        this(DEFAULT_TIP_GATE_MM, DEFAULT_ANGLE_GATE_DEG);
    }

    public NeedleMatching match(List<Needle> planned, List<FoundNeedle> found) {
        int n = planned.size();
        int m = found.size();
        List<FoundNeedle> oriented = new ArrayList<>(found);
        double leave = tipGateMm + angleGateDeg;
        double big = 4 * leave + 1;
        double[][] cost = new double[n + m][n + m];
        for (int i = 0; i < n + m; i++) {
            for (int j = 0; j < n + m; j++) {
                if (i < n && j < m) {
                    cost[i][j] = pairCost(planned.get(i), best(planned.get(i), found.get(j)), big);
                } else if (i < n) {
                    cost[i][j] = j - m == i ? leave : big;
                } else if (j < m) {
                    cost[i][j] = i - n == j ? leave : big;
                }
            }
        }
        int[] a = n + m == 0 ? new int[0] : Hungarian.assign(cost);
        List<NeedleMatch> matches = new ArrayList<>();
        List<Integer> unmatchedPlanned = new ArrayList<>();
        boolean[] used = new boolean[m];
        for (int i = 0; i < n; i++) {
            int j = a[i];
            if (j >= 0 && j < m && cost[i][j] < big) {
                FoundNeedle f = best(planned.get(i), found.get(j));
                oriented.set(j, f);
                matches.add(measure(i, j, planned.get(i), f));
                used[j] = true;
            } else {
                unmatchedPlanned.add(i);
            }
        }
        List<Integer> unmatchedFound = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (!used[j]) {
                unmatchedFound.add(j);
            }
        }
        return new NeedleMatching(matches, unmatchedPlanned, unmatchedFound, oriented);
    }

    /** The found needle as it is, or turned round when the scan could not tell its tip and the plan says the other end. */
    private static FoundNeedle best(Needle plan, FoundNeedle f) {
        if (f.tipCertain()) {
            return f;
        }
        FoundNeedle r = f.reversed();
        return r.tipMm().distanceTo(plan.tipMm()) < f.tipMm().distanceTo(plan.tipMm()) ? r : f;
    }

    private double pairCost(Needle plan, FoundNeedle f, double big) {
        double tip = f.tipMm().distanceTo(plan.tipMm());
        double angle = angleDeg(plan.direction(), f.axisAtTip());
        return tip <= tipGateMm && angle <= angleGateDeg ? tip + angle : big;
    }

    static NeedleMatch measure(int i, int j, Needle plan, FoundNeedle f) {
        Vec3 error = f.tipMm().minus(plan.tipMm());
        double depth = error.dot(plan.direction());
        double lateral = error.minus(plan.direction().times(depth)).norm();
        return new NeedleMatch(i, j, error.norm(), depth, lateral, angleDeg(plan.direction(), f.axisAtTip()));
    }

    /** Angle between two directions, degrees in [0, 180]. */
    public static double angleDeg(Vec3 a, Vec3 b) {
        double c = a.normalized().dot(b.normalized());
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
    }
}
