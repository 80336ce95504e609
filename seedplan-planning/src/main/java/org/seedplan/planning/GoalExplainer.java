package org.seedplan.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seedplan.planning.candidate.Candidate;
import org.seedplan.planning.intent.OarLimit;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.needle.NeedleLayout;
import org.seedplan.planning.optimiser.SampleGroup;
import org.seedplan.planning.optimiser.SamplePoints;

/** Says, for each goal a plan does not meet, which goal it is and the most likely reason. */
final class GoalExplainer {

    /** A target point farther than this from every candidate seed position is out of reach, mm. */
    private static final double REACH_MM = 7.5;

    private final PlanIntent intent;
    private final NeedleLayout.Result layout;
    private final SamplePoints points;
    private final List<Candidate> candidates;

    GoalExplainer(PlanIntent intent, NeedleLayout.Result layout, SamplePoints points, List<Candidate> candidates) {
        this.intent = intent;
        this.layout = layout;
        this.points = points;
        this.candidates = candidates;
    }

    List<String> explain(List<GoalResult> goals, int seeds, int needles) {
        List<String> out = new ArrayList<>();
        for (GoalResult g : goals) {
            if (g.met()) {
                continue;
            }
            String what = String.format(Locale.ROOT, "%s: %s not met (%.1f %s)", g.structure(), g.goal(), g.value(), g.unit());
            out.add(what + ": " + reason(g, seeds, needles));
        }
        return out;
    }

    private String reason(GoalResult g, int seeds, int needles) {
        boolean coverage = g.isCoverage();
        boolean hot = g.isHighDose();
        if (coverage) {
            if (seeds >= intent.maxSeeds()) {
                return "the plan uses max_seeds (" + intent.maxSeeds() + "); allow more seeds or use stronger seeds";
            }
            if (needles >= intent.maxNeedles()) {
                return "the plan uses max_needles (" + intent.maxNeedles() + "); allow more needles";
            }
            double unreachable = unreachablePct(g.structure());
            if (unreachable > 0.5) {
                return String.format(Locale.ROOT, "%.1f %% of the target lies more than %.1f mm from every position a needle can reach "
                        + "(refused paths: %s); change the approach or allow a candidate margin", unreachable, REACH_MM,
                        Planner.describe(layout.refused()));
            }
            return "covering the rest would break an organ limit or the V150/V200 limits the optimiser also keeps; "
                    + "see the organ goals, or lower the prescription near the organ";
        }
        if (hot) {
            return "the optimiser could not lower it further while keeping the coverage goal: the needle positions the approach "
                    + "allows, seed positions every " + intent.seedStepMm() + " mm and seeds of " + intent.seed().strength()
                    + " cannot shape the dose more finely here; closer needles, a finer seed step or weaker seeds may lower it";
        }
        for (OarLimit o : intent.organs()) {
            if (o.structure().equals(g.structure())) {
                return "the organ lies close to the target, and covering the target to its prescription gives it this dose; "
                        + "lower the prescription, accept under-coverage next to the organ, or relax the limit";
            }
        }
        return "see the DVH";
    }

    /** Percentage of a target's sample points farther than {@link #REACH_MM} from every candidate. */
    private double unreachablePct(String target) {
        for (SampleGroup grp : points.groups()) {
            if (grp.kind() != SampleGroup.Kind.TARGET || !grp.structure().equals(target) || grp.size() == 0) {
                continue;
            }
            int far = 0;
            double r2 = REACH_MM * REACH_MM;
            for (int i = grp.from(); i < grp.to(); i++) {
                boolean near = false;
                for (Candidate c : candidates) {
                    double dx = points.x()[i] - c.positionMm().x();
                    double dy = points.y()[i] - c.positionMm().y();
                    double dz = points.z()[i] - c.positionMm().z();
                    if (dx * dx + dy * dy + dz * dz <= r2) {
                        near = true;
                        break;
                    }
                }
                far += near ? 0 : 1;
            }
            return 100.0 * far / grp.size();
        }
        return 0;
    }
}
