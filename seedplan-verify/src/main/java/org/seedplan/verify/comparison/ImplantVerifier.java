package org.seedplan.verify.comparison;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseEngine;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.PlanMetrics;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureBounds;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.coldspots.ColdRegion;
import org.seedplan.verify.coldspots.ColdRegionFinder;
import org.seedplan.verify.matching.PlannedSeedPlace;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.seedfinder.FoundSeed;

/**
 * Verifies an implant against its plan: pairs planned and found seeds ({@link SeedMatcher}), turns
 * the found seeds into dose sources ({@link ImplantSeeds}), computes the post-plan dose and metrics
 * on the post-op structures, puts them beside the pre-plan's metrics and finds each target's cold
 * regions (targets in the plan's order, {@link #inPlanOrder}). Pre-plan and post-plan are computed by the same engine on the same grid, so identical
 * seeds give identical metrics.
 */
public final class ImplantVerifier {

    /** Cold regions smaller than this are not listed, cc (a few voxels of a 1 mm grid). */
    public static final double MIN_COLD_REGION_CC = 0.005;

    private final DoseEngine engine;
    private final DecayIntegral time;
    private final SeedMatcher matcher;

    public ImplantVerifier(DoseEngine engine, DecayIntegral time, SeedMatcher matcher) {
        this.engine = engine;
        this.time = time;
        this.matcher = matcher;
    }

    /**
     * @param planned   the pre-plan's seeds
     * @param found     the seeds found on the post-op CT
     * @param preRois   structures of the pre-plan, on {@code doseGrid}
     * @param postRois  structures for the post-plan (post-op contours, or {@code preRois} carried over), on {@code doseGrid}
     * @param doseGrid  the grid both doses are computed on
     * @param prescriptionGy the prescription of the targets
     */
    public Verification verify(List<Seed> planned, List<FoundSeed> found, List<RoiMask> preRois, List<RoiMask> postRois,
                               Grid doseGrid, double prescriptionGy) {
        return verify(planned, java.util.Collections.nCopies(planned.size(), PlannedSeedPlace.LOOSE), found, preRois, postRois, doseGrid,
                prescriptionGy);
    }

    /** As above, with each planned seed's needle and place on it ({@link PlannedSeedPlace}), carried into the result for the outputs. */
    public Verification verify(List<Seed> planned, List<PlannedSeedPlace> plannedPlaces, List<FoundSeed> found, List<RoiMask> preRois,
                               List<RoiMask> postRois, Grid doseGrid, double prescriptionGy) {
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no seeds were found on the post-op CT: nothing to verify");
        }
        SeedMatching matching = matcher.match(planned.stream().map(Seed::centreMm).toList(),
                found.stream().map(FoundSeed::centreMm).toList());
        List<Seed> implant = ImplantSeeds.of(found, planned, matching);
        DoseGrid preDose = engine.dose(planned, doseGrid, time);
        PlanMetrics pre = new DoseMetricsCalculator(preRois, doseGrid, prescriptionGy).compute(preDose);
        DoseGrid postDose = engine.dose(implant, doseGrid, time);
        PlanMetrics post = new DoseMetricsCalculator(postRois, doseGrid, prescriptionGy).compute(postDose);
        Map<String, List<ColdRegion>> cold = new LinkedHashMap<>();
        for (RoiMask r : inPlanOrder(postRois, preRois)) {
            if (r.type().isTarget()) {
                cold.put(r.name(), ColdRegionFinder.find(postDose, r.mask(), prescriptionGy, MIN_COLD_REGION_CC));
            }
        }
        return new Verification(planned, implant, matching, pre, post, preDose, postDose, PrePostComparison.of(pre, post), cold,
                plannedPlaces);
    }

    /**
     * {@code postRois} in the order the plan lists its structures ({@code preRois}, by name), those the plan does not
     * have after them in their own order: the cold regions are listed target by target in that order.
     */
    static List<RoiMask> inPlanOrder(List<RoiMask> postRois, List<RoiMask> preRois) {
        List<String> planOrder = preRois.stream().map(RoiMask::name).toList();
        return postRois.stream().sorted(Comparator.comparingInt(r -> {
            int i = planOrder.indexOf(r.name());
            return i < 0 ? Integer.MAX_VALUE : i;
        })).toList();
    }

    /**
     * A grid of the given spacing covering the structures' boxes plus a margin (mm), for both
     * doses; structures of BODY/EXTERNAL type are left out (they would make the grid huge).
     */
    public static Grid doseGridAround(List<Structure> structures, double marginMm, double spacingMm) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Structure s : structures) {
            if (s.type() == StructureType.EXTERNAL) {
                continue;
            }
            StructureBounds b = MaskRasterizer.boundsMm(s, spacingMm);
            lo[0] = Math.min(lo[0], b.minMm().x());
            lo[1] = Math.min(lo[1], b.minMm().y());
            lo[2] = Math.min(lo[2], b.minMm().z());
            hi[0] = Math.max(hi[0], b.maxMm().x());
            hi[1] = Math.max(hi[1], b.maxMm().y());
            hi[2] = Math.max(hi[2], b.maxMm().z());
        }
        if (!Double.isFinite(lo[0])) {
            throw new IllegalArgumentException("no structures to verify against: give the target and organ contours");
        }
        return Grid.covering(new Vec3(lo[0] - marginMm, lo[1] - marginMm, lo[2] - marginMm),
                new Vec3(hi[0] + marginMm, hi[1] + marginMm, hi[2] + marginMm), spacingMm, spacingMm, spacingMm);
    }
}
