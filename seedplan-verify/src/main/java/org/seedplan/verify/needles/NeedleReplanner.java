package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.Plan;
import org.seedplan.planning.Planner;
import org.seedplan.planning.PlanningCase;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.PlanningSession;
import org.seedplan.planning.ProgressListener;
import org.seedplan.planning.intent.FixedNeedle;
import org.seedplan.planning.intent.PlanIntent;

/**
 * Re-plans around the needles found on an intra-operative CT: every found needle the physicist has not left out (matched
 * to the plan or not: it is in the patient) becomes a fixed needle of the intent whose loading is optimised with the rest,
 * on its measured tip and tip axis; the intent's earlier fixed needles give way to them, and the planner lays out, loads
 * and checks the remaining needles as in docs/planning.md. A needle left out (the physicist judged it not to be a needle
 * in the patient: the finder can read a streak or a chain of seeds as one) is neither fixed nor loaded.
 */
public final class NeedleReplanner {

    private final Planner planner;

    public NeedleReplanner(Planner planner) {
        this.planner = planner;
    }

    /**
     * The found needles but those left out ({@code leftOut}: 0-based indices into {@code found}) as fixed needles, in the order
     * found: the tip as found, the entry back along the axis at the tip by the visible length (so the part that will carry seeds,
     * near the tip, follows the needle even when it is bent).
     */
    public static List<FixedNeedle> fixedNeedles(List<FoundNeedle> found, Set<Integer> leftOut) {
        List<FixedNeedle> out = new ArrayList<>();
        for (int j : used(found, leftOut)) {
            FoundNeedle f = found.get(j);
            Vec3 entry = f.tipMm().minus(f.axisAtTip().times(Math.max(f.visibleLengthMm(), 2)));
            out.add(new FixedNeedle(entry, f.tipMm(), null, true));
        }
        return out;
    }

    /** The indices (0-based) of the found needles that are not left out, in the order found. */
    static List<Integer> used(List<FoundNeedle> found, Set<Integer> leftOut) {
        for (int j : leftOut) {
            if (j < 0 || j >= found.size()) {
                throw new IllegalArgumentException("found needle " + (j + 1) + " is left out, but " + found.size()
                        + " needles were found: leave out only found needles, numbered 1 to " + found.size());
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int j = 0; j < found.size(); j++) {
            if (!leftOut.contains(j)) {
                out.add(j);
            }
        }
        return out;
    }

    /**
     * A plan made around found needles, with the geometry it was made on, the intent holding the fixed needles and a
     * warning for each found needle whose path crosses bone or an organ's needle margin (kept: it is in the patient).
     */
    public record Replanned(Plan plan, PlanningGeometry geometry, PlanIntent intent, List<String> warnings) {
        public Replanned {
            warnings = List.copyOf(warnings);
        }
    }

    /** Plans {@code planningCase} under {@code intent} around every found needle. */
    public Replanned replan(PlanningCase planningCase, PlanIntent intent, List<FoundNeedle> found, ProgressListener progress) {
        return replan(planningCase, intent, found, Set.of(), progress);
    }

    /**
     * Plans {@code planningCase} under {@code intent} around the found needles but those in {@code leftOut} (0-based indices into
     * {@code found}; an index that is not a found needle's is an IllegalArgumentException).
     */
    public Replanned replan(PlanningCase planningCase, PlanIntent intent, List<FoundNeedle> found, Set<Integer> leftOut,
                            ProgressListener progress) {
        long t0 = System.nanoTime();
        PlanIntent around = intent.withFixedNeedles(fixedNeedles(found, leftOut));
        PlanningSession session = planner.prepare(planningCase, around, progress);
        Plan plan = session.optimise(progress);
        return new Replanned(plan.withPlanningSeconds((System.nanoTime() - t0) / 1e9), session.geometry(), around,
                warnings(session.geometry(), around.fixedNeedles(), used(found, leftOut)));
    }

    /**
     * The warning for planned needle {@code plannedNumber} not found on the intra-operative CT: the re-plan takes it as not yet
     * inserted and plans its part anew, so a needle that is in the patient but was not found (the finder can miss one:
     * docs/needles.md) is neither kept nor protected until the physicist finds it on the CT.
     */
    public static String notFoundWarning(int plannedNumber, Vec3 plannedTipMm) {
        return String.format(java.util.Locale.ROOT, "planned needle %d (planned tip at %.1f, %.1f, %.1f mm) was not found on the CT: the"
                + " re-plan takes it as not yet inserted and plans its part anew; if it is in the patient, find it on the CT before"
                + " loading seeds", plannedNumber, plannedTipMm.x(), plannedTipMm.y(), plannedTipMm.z());
    }

    /**
     * One line for each needle in the patient whose path from entry to tip crosses what a planned needle must avoid, naming it by its
     * found needle's number ({@code foundIndex}: the 0-based index in the finding of each fixed needle).
     */
    static List<String> warnings(PlanningGeometry geometry, List<FixedNeedle> fixed, List<Integer> foundIndex) {
        List<String> out = new ArrayList<>();
        for (int n = 0; n < fixed.size(); n++) {
            FixedNeedle f = fixed.get(n);
            String why = geometry.pathBlocked(f.entryMm(), f.tipMm(), geometry.pathStepMm());
            if (why != null) {
                Vec3 t = f.tipMm();
                out.add(String.format(java.util.Locale.ROOT, "found needle %d (tip at %.1f, %.1f, %.1f mm) crosses %s: it is in the"
                        + " patient and kept in the re-plan; check that organ", foundIndex.get(n) + 1, t.x(), t.y(), t.z(), why));
            }
        }
        return out;
    }
}
