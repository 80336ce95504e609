package org.seedplan.verify.comparison;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seedplan.dose.Seed;
import org.seedplan.verify.matching.SeedMatch;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.seedfinder.FoundSeed;

/**
 * The implanted seeds as dose sources: each found seed at its found centre and axis, with the
 * air-kerma strength of the planned seed it was matched to; an extra seed (not matched) takes the
 * median planned strength, since the implant used seeds of the plan's batch.
 */
public final class ImplantSeeds {

    private ImplantSeeds() {
    }

    public static List<Seed> of(List<FoundSeed> found, List<Seed> planned, SeedMatching matching) {
        if (planned.isEmpty()) {
            throw new IllegalArgumentException("the plan has no seeds: a post-plan needs the planned seeds' strengths");
        }
        double[] sk = planned.stream().mapToDouble(Seed::skU).sorted().toArray();
        double median = sk.length % 2 == 1 ? sk[sk.length / 2] : (sk[sk.length / 2 - 1] + sk[sk.length / 2]) / 2;
        double[] strength = new double[found.size()];
        Arrays.fill(strength, median);
        for (SeedMatch m : matching.matches()) {
            strength[m.found()] = planned.get(m.planned()).skU();
        }
        List<Seed> out = new ArrayList<>();
        for (int j = 0; j < found.size(); j++) {
            out.add(new Seed(found.get(j).centreMm(), found.get(j).axis(), strength[j]));
        }
        return out;
    }
}
