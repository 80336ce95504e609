package org.seedplan.planning.candidate;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.intent.FixedNeedle;
import org.seedplan.planning.intent.PlanIntent;
import org.seedplan.planning.needle.Needle;

/**
 * Candidate seed positions: along each needle from the tip back to the entry, every
 * {@code seedStepMm}, wherever a seed may go (inside a target or its allowed margin, outside
 * organs at risk). A seed's axis is its needle's direction. Fixed needles with a fixed loading get
 * exactly their seeds as candidates.
 */
public final class CandidateGenerator {

    /** Candidates for all needles, in needle order then from the tip back. */
    public List<Candidate> candidates(PlanningGeometry geometry, PlanIntent intent, List<Needle> needles) {
        List<Candidate> out = new ArrayList<>();
        int fixedIndex = 0;
        for (int n = 0; n < needles.size(); n++) {
            Needle needle = needles.get(n);
            Vec3 axis = needle.direction();
            if (needle.fixed()) {
                FixedNeedle f = intent.fixedNeedles().get(fixedIndex++);
                if (f.loadingFixed()) {
                    for (double d : f.seedDistancesFromTipMm()) {
                        out.add(new Candidate(out.size(), n, d, needle.pointFromTip(d), axis));
                    }
                    continue;
                }
            }
            double depth = needle.depthMm();
            for (double d = 0; d <= depth; d += intent.seedStepMm()) {
                Vec3 p = needle.pointFromTip(d);
                if (geometry.seedAllowed(p)) {
                    out.add(new Candidate(out.size(), n, d, p, axis));
                }
            }
        }
        return out;
    }
}
