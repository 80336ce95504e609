package org.seedplan.verify.comparison;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.verify.coldspots.ColdRegion;
import org.seedplan.verify.matching.PlannedSeedPlace;
import org.seedplan.verify.matching.SeedMatching;

/**
 * The verification of one implant: planned versus found seeds, the implanted seeds as dose
 * sources, the pre-plan and post-plan metrics side by side, both doses and the cold
 * regions of every target.
 *
 * @param plannedSeeds the pre-plan's seeds
 * @param implant      the found seeds with strengths ({@link ImplantSeeds})
 * @param matching     planned ↔ found pairing (indices into {@code plannedSeeds} and {@code implant})
 * @param pre          metrics of the planned seeds on the pre-op structures
 * @param post         metrics of the implant on the post-op structures (or the pre-op ones carried over)
 * @param preDose      total dose of the planned seeds on the same grid, Gy
 * @param postDose     total dose of the implant, Gy
 * @param comparison   {@code pre} beside {@code post}
 * @param coldRegions  per target name, its parts below the prescription, largest first; the targets iterate in the order
 *                     given (the plan's order, {@link ImplantVerifier}), which every output lists them in
 * @param plannedPlaces each planned seed's needle and place on it ({@link PlannedSeedPlace#LOOSE} where not known)
 */
public record Verification(List<Seed> plannedSeeds, List<Seed> implant, SeedMatching matching, PlanMetrics pre, PlanMetrics post,
                           DoseGrid preDose, DoseGrid postDose, PrePostComparison comparison, Map<String, List<ColdRegion>> coldRegions,
                           List<PlannedSeedPlace> plannedPlaces) {

    public Verification {
        plannedSeeds = List.copyOf(plannedSeeds);
        plannedPlaces = List.copyOf(plannedPlaces);
        if (plannedPlaces.size() != plannedSeeds.size()) {
            throw new IllegalArgumentException(plannedSeeds.size() + " planned seeds but " + plannedPlaces.size() + " places: give one per seed");
        }
        implant = List.copyOf(implant);
        // not Map.copyOf: its iteration order changes from one JVM to the next, and the outputs list the targets in it
        Map<String, List<ColdRegion>> inOrder = new LinkedHashMap<>();
        coldRegions.forEach((name, regions) -> inOrder.put(name, List.copyOf(regions)));
        coldRegions = Collections.unmodifiableMap(inOrder);
    }
}
