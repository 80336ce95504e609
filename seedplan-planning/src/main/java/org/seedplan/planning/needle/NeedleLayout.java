package org.seedplan.planning.needle;

import java.util.List;
import java.util.Map;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.FixedNeedle;
import org.seedplan.planning.intent.PlanIntent;

/** Generates the needles a plan may use: every path the approach allows that reaches the target unobstructed. */
public interface NeedleLayout {

    /**
     * The needles available to the optimiser, fixed needles first.
     *
     * @return the needles and, for the paths that were refused, how many for each reason
     */
    Result layout(PlanningGeometry geometry, PlanIntent intent);

    /** The needles and the count of refused paths per reason. */
    record Result(List<Needle> needles, Map<String, Integer> refused) {
        public Result {
            needles = List.copyOf(needles);
            refused = Map.copyOf(refused);
        }
    }

    /** The layout for an approach. */
    static NeedleLayout forApproach(Approach approach) {
        if (approach instanceof Approach.CoplanarTemplate) {
            return new CoplanarTemplateLayout();
        }
        return new FreeHandLayout();
    }

    /** The fixed needles of an intent as needles; those not in the patient are checked against organs and bone. */
    static List<Needle> fixedNeedles(PlanningGeometry geometry, PlanIntent intent) {
        java.util.ArrayList<Needle> out = new java.util.ArrayList<>();
        for (int n = 0; n < intent.fixedNeedles().size(); n++) {
            FixedNeedle f = intent.fixedNeedles().get(n);
            String why = f.inPatient() ? null : geometry.pathBlocked(f.entryMm(), f.tipMm(), geometry.pathStepMm());
            if (why != null) {
                throw new IllegalArgumentException("intent: fixed_needles[" + n + "] from " + f.entryMm() + " to " + f.tipMm()
                        + " crosses " + why + ": move or remove that needle");
            }
            out.add(new Needle(f.entryMm(), f.tipMm(), null, true));
        }
        return out;
    }
}
