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
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlannedNeedle;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.candidate.Candidate;
import org.seedplan.planning.optimiser.SampleGroup;
import org.seedplan.planning.optimiser.SamplePoints;

/**
 * Proposes supplementary seeds that bring every target's D90 back to its prescription, with the
 * implanted seeds fixed: the planner re-run ({@link PlanningSession#supplement}: its greedy
 * construction and local search, objective and goals, on its own needle layout and candidate
 * positions) with the implant's dose at the sample points as a fixed background.
 *
 * <p>D90 before and after is read on the planner's sample points (equal volume each) from the
 * exact kernel ({@link FastDoseEngine}) with the caller's decay integral; the full dose-grid check
 * is the plan the session returns.
 */
public final class SupplementarySeeds {

    private SupplementarySeeds() {
    }

    /**
     * @param session   the planner prepared on the post-op case with the plan's intent
     * @param implanted the found seeds (with strengths)
     * @param time      the decay integral of the plan (total dose of the permanent implant)
     * @param skU       strength of an added seed, U: must be the intent's seed strength (the planner's)
     * @param maxSeeds  the most seeds to add
     */
    public static SupplementProposal propose(PlanningSession session, List<Seed> implanted, DecayIntegral time, double skU,
                                             int maxSeeds) {
        SamplePoints pts = session.points();
        List<SampleGroup> targets = pts.groups().stream().filter(g -> g.kind() == SampleGroup.Kind.TARGET).toList();
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("the case has no target to supplement: name the target in the intent");
        }
        Plan plan = session.supplement(implanted, maxSeeds, ProgressListener.NONE);
        double planSkU = plan.intent().seed().skU();
        if (Math.abs(skU - planSkU) > 1e-9 * planSkU) {
            throw new IllegalArgumentException("supplementary seeds: strength " + skU + " U differs from the intent's seed strength "
                    + planSkU + " U: give the intent's strength");
        }
        List<Candidate> chosen = candidatesOf(plan, session);
        List<Seed> added = plan.seeds();
        List<Seed> all = new ArrayList<>(implanted);
        all.addAll(added);
        double[] before = pointDoseGy(session, implanted, time);
        double[] after = pointDoseGy(session, all, time);
        return new SupplementProposal(added, chosen, d90(targets, before), d90(targets, after), met(targets, after));
    }

    /** The session's candidates the plan loads, in the plan's seed order (needle by needle, from the tip back). */
    private static List<Candidate> candidatesOf(Plan plan, PlanningSession session) {
        List<Candidate> out = new ArrayList<>();
        for (PlannedNeedle pn : plan.needles()) {
            int needle = session.availableNeedles().indexOf(pn.needle());
            for (double d : pn.seedDistancesFromTipMm()) {
                out.add(session.candidates().stream().filter(c -> c.needle() == needle && Math.abs(c.distanceFromTipMm() - d) < 1e-6)
                        .findFirst().orElseThrow(() -> new IllegalStateException("planned seed at " + d + " mm on needle "
                                + pn.number() + " is not a candidate")));
            }
        }
        return out;
    }

    private static double[] pointDoseGy(PlanningSession session, List<Seed> seeds, DecayIntegral time) {
        SamplePoints pts = session.points();
        List<Vec3> points = new ArrayList<>(pts.size());
        for (int p = 0; p < pts.size(); p++) {
            points.add(new Vec3(pts.x()[p], pts.y()[p], pts.z()[p]));
        }
        double[] dose = new FastDoseEngine(session.kernel()).doseRateCGyPerH(seeds, points);
        double factor = time.gyPerCGyPerH();
        for (int p = 0; p < dose.length; p++) {
            dose[p] *= factor;
        }
        return dose;
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
