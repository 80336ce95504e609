package org.seedplan.planning.intent;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.seedplan.dose.DecayIntegral;

/**
 * What the physicist asks of a plan: targets with prescriptions, organ limits, the seeds, the
 * needle approach and the loading rules. The planner turns it into a {@code Plan}; the JSON form is
 * documented in docs/planning.md.
 *
 * @param seedStepMm        distance between candidate seed positions along a needle, mm
 * @param minSeedGapMm      smallest centre-to-centre distance of two seeds on one needle, mm
 * @param candidateMarginMm how far outside the target a seed may lie, mm
 * @param boneHu            CT numbers at or above this are bone, which no needle may cross, HU
 * @param sparesPct         extra seeds to order beyond those planned, % (rounded up)
 */
public record PlanIntent(List<TargetGoal> targets, List<OarLimit> organs, SeedSpec seed, Approach approach,
                         double seedStepMm, double minSeedGapMm, int maxNeedles, int maxSeeds,
                         double candidateMarginMm, double boneHu, double halfLifeDays, double sparesPct,
                         List<FixedNeedle> fixedNeedles) {

    public static final double DEFAULT_SEED_STEP_MM = 5;
    public static final double DEFAULT_MIN_SEED_GAP_MM = 5;
    public static final int DEFAULT_MAX_NEEDLES = 60;
    public static final int DEFAULT_MAX_SEEDS = 250;
    public static final double DEFAULT_CANDIDATE_MARGIN_MM = 3;
    /** Default bone threshold: above soft tissue with contrast (≤ ~200 HU), below cortical bone. */
    public static final double DEFAULT_BONE_HU = 300;
    public static final double DEFAULT_SPARES_PCT = 10;

    public PlanIntent {
        targets = List.copyOf(targets == null ? List.of() : targets);
        organs = List.copyOf(organs == null ? List.of() : organs);
        fixedNeedles = List.copyOf(fixedNeedles == null ? List.of() : fixedNeedles);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("intent: 'targets' is empty: give at least one target with a prescription_gy");
        }
        Set<String> names = new HashSet<>();
        for (TargetGoal t : targets) {
            if (!names.add(t.structure())) {
                throw new IllegalArgumentException("intent: target '" + t.structure() + "' appears twice: give one prescription per target");
            }
        }
        for (OarLimit o : organs) {
            if (names.contains(o.structure())) {
                throw new IllegalArgumentException("intent: '" + o.structure() + "' is both a target and an organ at risk: choose one");
            }
        }
        if (seed == null) {
            throw new IllegalArgumentException("intent: 'seed' is missing: give source and strength (sk_u, activity_mci or activity_mbq)");
        }
        if (approach == null) {
            throw new IllegalArgumentException("intent: 'approach' is missing: give type coplanar_template or free_hand");
        }
        if (!(seedStepMm >= 2 && seedStepMm <= 20)) {
            throw new IllegalArgumentException("intent: seed_step_mm must be between 2 and 20 mm, got " + seedStepMm);
        }
        if (!(minSeedGapMm >= 4.5 && minSeedGapMm <= 30)) {
            throw new IllegalArgumentException("intent: min_seed_gap_mm must be between 4.5 mm (a seed is 4.5 mm long) and 30 mm, got "
                    + minSeedGapMm);
        }
        if (maxNeedles < 1) {
            throw new IllegalArgumentException("intent: max_needles must be at least 1, got " + maxNeedles);
        }
        if (maxSeeds < 1) {
            throw new IllegalArgumentException("intent: max_seeds must be at least 1, got " + maxSeeds);
        }
        if (!(candidateMarginMm >= 0 && candidateMarginMm <= 20)) {
            throw new IllegalArgumentException("intent: candidate_margin_mm must be between 0 and 20 mm, got " + candidateMarginMm);
        }
        if (!Double.isFinite(boneHu)) {
            throw new IllegalArgumentException("intent: bone_hu must be a number of HU, got " + boneHu);
        }
        if (!(halfLifeDays > 0) || !(halfLifeDays <= org.seedplan.source.SourceModel.MAX_HALF_LIFE_DAYS)) {
            throw new IllegalArgumentException("intent: half_life_days must lie in (0, " + org.seedplan.source.SourceModel.MAX_HALF_LIFE_DAYS
                    + "] days (I-125 59.4, Pd-103 17.0, Cs-131 9.7), got " + halfLifeDays);
        }
        if (!(sparesPct >= 0 && sparesPct <= 100)) {
            throw new IllegalArgumentException("intent: spares_pct must be between 0 and 100 %, got " + sparesPct);
        }
    }

    /** An intent with default loading rules, no organ limits and no fixed needles. */
    public static PlanIntent of(List<TargetGoal> targets, List<OarLimit> organs, SeedSpec seed, Approach approach) {
        return new PlanIntent(targets, organs, seed, approach, DEFAULT_SEED_STEP_MM, DEFAULT_MIN_SEED_GAP_MM,
                DEFAULT_MAX_NEEDLES, DEFAULT_MAX_SEEDS, DEFAULT_CANDIDATE_MARGIN_MM, DEFAULT_BONE_HU,
                DecayIntegral.I125_HALF_LIFE_DAYS, DEFAULT_SPARES_PCT, List.of());
    }

    /** The same intent with these needles kept (placed already). */
    public PlanIntent withFixedNeedles(List<FixedNeedle> fixed) {
        return new PlanIntent(targets, organs, seed, approach, seedStepMm, minSeedGapMm, maxNeedles, maxSeeds,
                candidateMarginMm, boneHu, halfLifeDays, sparesPct, fixed);
    }

    /** The largest prescription of all targets, Gy (the reference dose for isodose lines). */
    public double referenceDoseGy() {
        return targets.stream().mapToDouble(TargetGoal::prescriptionGy).max().orElseThrow();
    }

    /** The permanent-implant decay integral for these seeds. */
    public DecayIntegral decay() {
        return DecayIntegral.permanent(halfLifeDays);
    }
}
