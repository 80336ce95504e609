package org.seedplan.verify.coldspots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.candidate.Candidate;
import org.seedplan.planning.optimiser.InfluenceMatrix;
import org.seedplan.planning.optimiser.SampleGroup;
import org.seedplan.planning.optimiser.SamplePoints;

/**
 * Proposes supplementary seeds that bring every target's D90 back to its prescription, with the
 * implanted seeds fixed: the planner's own needle layout, candidate positions, sample points and
 * dose-influence matrix (a {@link PlanningSession} prepared on the post-op case), with the
 * implant's dose at the sample points as a fixed background.
 *
 * <p>Greedy selection: each step adds the candidate that most reduces the prescription shortfall
 * Σ_targets Σ_points max(0, Rx − D)·v (v the point's volume), skipping candidates within
 * {@value #CLEARANCE_MM} mm of an implanted or already added seed, until every target's D90
 * (10th percentile of its sample-point doses) reaches the prescription or {@code maxSeeds} are
 * added or no candidate helps. The planner's optimiser is not used because it has no fixed-dose
 * input in its public API; a greedy repair of the shortfall is simple and fast, and the result is
 * checked by the full dose evaluation of the caller.
 */
public final class SupplementarySeeds {

    /** Smallest distance of an added seed from any implanted or added seed, mm (one seed length plus margin). */
    public static final double CLEARANCE_MM = 5.0;

    private SupplementarySeeds() {
    }

    /**
     * @param session   the planner prepared on the post-op case with the plan's intent
     * @param implanted the found seeds (with strengths)
     * @param time      the decay integral of the plan (total dose of the permanent implant)
     * @param skU       strength of an added seed, U (the influence matrix's strength)
     * @param maxSeeds  the most seeds to add
     */
    public static SupplementProposal propose(PlanningSession session, List<Seed> implanted, DecayIntegral time, double skU,
                                             int maxSeeds) {
        SamplePoints pts = session.points();
        int n = pts.size();
        List<Vec3> points = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            points.add(new Vec3(pts.x()[p], pts.y()[p], pts.z()[p]));
        }
        double[] dose = new FastDoseEngine(session.kernel()).doseRateCGyPerH(implanted, points);
        double factor = time.gyPerCGyPerH();
        for (int p = 0; p < n; p++) {
            dose[p] *= factor;
        }
        List<SampleGroup> targets = pts.groups().stream().filter(g -> g.kind() == SampleGroup.Kind.TARGET).toList();
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("the case has no target to supplement: name the target in the intent");
        }
        Map<String, Double> before = d90(targets, dose);
        InfluenceMatrix matrix = session.matrix();
        List<Candidate> candidates = session.candidates();
        List<Vec3> occupied = new ArrayList<>(implanted.stream().map(Seed::centreMm).toList());
        List<Seed> added = new ArrayList<>();
        List<Candidate> chosen = new ArrayList<>();
        double[] refOf = new double[n];
        double[] volOf = new double[n];
        for (SampleGroup g : targets) {
            for (int p = g.from(); p < g.to(); p++) {
                refOf[p] = Math.max(refOf[p], g.referenceGy());
                volOf[p] = g.pointVolumeCc();
            }
        }
        while (added.size() < maxSeeds && !met(targets, dose)) {
            int best = -1;
            double bestGain = 1e-9;
            for (Candidate c : candidates) {
                if (tooClose(c.positionMm(), occupied)) {
                    continue;
                }
                int[] idx = matrix.indices(c.index());
                float[] d = matrix.doses(c.index());
                double gain = 0;
                for (int q = 0; q < idx.length; q++) {
                    int p = idx[q];
                    if (refOf[p] > 0 && dose[p] < refOf[p]) {
                        gain += (Math.min(refOf[p], dose[p] + d[q]) - dose[p]) * volOf[p];
                    }
                }
                if (gain > bestGain) {
                    bestGain = gain;
                    best = c.index();
                }
            }
            if (best < 0) {
                break;
            }
            Candidate c = candidates.get(best);
            int[] idx = matrix.indices(best);
            float[] d = matrix.doses(best);
            for (int q = 0; q < idx.length; q++) {
                dose[idx[q]] += d[q];
            }
            occupied.add(c.positionMm());
            chosen.add(c);
            added.add(new Seed(c.positionMm(), c.axis(), skU));
        }
        return new SupplementProposal(added, chosen, before, d90(targets, dose), met(targets, dose));
    }

    private static boolean tooClose(Vec3 p, List<Vec3> occupied) {
        for (Vec3 o : occupied) {
            if (o.distanceTo(p) < CLEARANCE_MM) {
                return true;
            }
        }
        return false;
    }

    private static boolean met(List<SampleGroup> targets, double[] dose) {
        for (SampleGroup g : targets) {
            if (d90(g, dose) < g.referenceGy()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Double> d90(List<SampleGroup> targets, double[] dose) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (SampleGroup g : targets) {
            out.put(g.structure(), d90(g, dose));
        }
        return out;
    }

    /** D90 on equal-volume sample points: the dose exceeded by 90 % of them (10th percentile, lower order statistic). */
    private static double d90(SampleGroup g, double[] dose) {
        double[] d = Arrays.copyOfRange(dose, g.from(), g.to());
        Arrays.sort(d);
        return d[(int) Math.floor(0.1 * (d.length - 1))];
    }
}
