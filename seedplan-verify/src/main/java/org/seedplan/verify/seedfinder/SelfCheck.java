package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * The lines a clinician reads before any figure of a seed finding: no seeds at all, a count that
 * differs from the number implanted, metal that may hold or hide seeds, two seeds along z that may be
 * one, two seeds that may be three bundled (a clipped scan), a seed whose place along z its slices do not show, a seed
 * appearance outside what scanners produce (so the scan may not be a usual post-implant CT, or the finder misread it), metal
 * other than seeds, counted seeds
 * touching that metal, an earlier implant's seeds, and seeds far from every other (migrated). Empty when
 * there is nothing to say.
 */
final class SelfCheck {

    /** Usual in-plane σ of a seed's image, mm: 0.5–1.2 mm FWHM kernels on a 0.8 mm seed, with margin. */
    static final double MIN_SIGMA_XY_MM = 0.25;
    static final double MAX_SIGMA_XY_MM = 1.0;
    /** Usual axial σ per slice thickness: box (0.29), triangle (0.41), Gaussian (0.42) profiles, with margin. */
    static final double MIN_SIGMA_Z_PER_SLICE = 0.15;
    static final double MAX_SIGMA_Z_PER_SLICE = 0.75;
    /** A seed farther than this from every other seed is reported as far from the implant, mm. */
    static final double FAR_MM = 25;

    private SelfCheck() {
    }

    /** Most metal objects described one by one; smaller ones are counted (a stent's struts may be dozens). */
    static final int MAX_LISTED = 5;

    /** The largest {@value #MAX_LISTED} objects described, the rest counted. */
    private static String list(List<RejectedObject> metal) {
        List<RejectedObject> bySize = metal.stream().sorted((a, b) -> Double.compare(b.volumeMm3(), a.volumeMm3())).toList();
        String listed = bySize.stream().limit(MAX_LISTED).map(RejectedObject::describe).collect(Collectors.joining("; "));
        int rest = bySize.size() - MAX_LISTED;
        return rest <= 0 ? listed : String.format(Locale.ROOT, "%s; and %d smaller piece(s) of at most %.0f mm³", listed, rest,
                bySize.get(MAX_LISTED).volumeMm3());
    }

    /** Least number of found seeds one slice apart along z that the self-check names as a possible wire. */
    static final int MIN_LINE_SEEDS = 3;
    /** How far the z-step between two seeds of a line may differ from the slice spacing, as a share of it. */
    static final double LINE_STEP_SHARE = 0.25;
    /**
     * Most in-plane offset between two seeds of a line per mm along z: within 25° of z (a wire at a_z 0.9 or more gives one
     * piece per slice, each read as one seed centred in it; docs/seed-finder.md, eighth round).
     */
    static final double LINE_SLOPE = 0.47;

    /**
     * Runs of at least {@value #MIN_LINE_SEEDS} found seeds, each the next's neighbour one slice further along z (the z-step within
     * {@value #LINE_STEP_SHARE} of the slice spacing, the in-plane step at most {@value #LINE_SLOPE} of it): on thick slices a
     * wire lying along z shows one piece per slice and each is read as a seed, spaced exactly one slice apart, while a needle's
     * seeds lie 5.5 mm or more apart (4.5 mm seeds with spacers) and land one slice apart only by chance. Each seed is followed by
     * its nearest such neighbour; ordered along z.
     */
    static List<List<FoundSeed>> linesAlongZ(List<FoundSeed> seeds, double sliceMm) {
        List<FoundSeed> byZ = seeds.stream().sorted(java.util.Comparator.comparingDouble(s -> s.centreMm().z())).toList();
        java.util.Map<FoundSeed, FoundSeed> next = new java.util.HashMap<>();
        java.util.Set<FoundSeed> hasPrevious = new java.util.HashSet<>();
        for (FoundSeed a : byZ) {
            FoundSeed best = null;
            double bestD = Double.POSITIVE_INFINITY;
            for (FoundSeed b : byZ) {
                double dz = b.centreMm().z() - a.centreMm().z();
                double d = Math.hypot(b.centreMm().x() - a.centreMm().x(), b.centreMm().y() - a.centreMm().y());
                if (Math.abs(dz - sliceMm) <= LINE_STEP_SHARE * sliceMm && d <= LINE_SLOPE * dz && !hasPrevious.contains(b) && d < bestD) {
                    best = b;
                    bestD = d;
                }
            }
            if (best != null) {
                next.put(a, best);
                hasPrevious.add(best);
            }
        }
        List<List<FoundSeed>> out = new ArrayList<>();
        for (FoundSeed a : byZ) {
            if (hasPrevious.contains(a) || !next.containsKey(a)) {
                continue;
            }
            List<FoundSeed> line = new ArrayList<>();
            for (FoundSeed s = a; s != null; s = next.get(s)) {
                line.add(s);
            }
            if (line.size() >= MIN_LINE_SEEDS) {
                out.add(line);
            }
        }
        return out;
    }

    /** A found seed touching other metal, the metal object, and the gap between the seed's capsule and the metal's voxels, mm. */
    record SeedAtMetal(FoundSeed seed, RejectedObject metal, double gapMm, boolean readOutOfMetal) {
    }

    /**
     * An object of other metal holding about {@code seeds} seeds' metal beyond its shape, near {@code nearMm}, none located, and
     * how it was told.
     */
    record MetalHoldingSeeds(RejectedObject metal, int seeds, Vec3 nearMm, Kind kind) {

        /** How metal that may hold a seed was told. */
        enum Kind {
            /** Metal a screw's, rod's or stent's symmetry does not explain. */
            BEYOND_SHAPE,
            /** Rising above a screw's mirror image only as far as bone may, beside its head on thick slices. */
            FAINT_BESIDE_HEAD,
            /**
             * A saturated core split off an object of bone and metal at the seeds' peak level, too light for a seed read against
             * the bone around it ({@code metal} is the core).
             */
            CORE_BESIDE_BONE,
            /**
             * On thick slices, an object split off bone at the seeds' peak level, peaking at the seeds' level or far above the bone
             * beside it, but too small or too light for a seed ({@code metal} is the object).
             */
            PEAK_BESIDE_BONE,
            /**
             * On thick 12-bit slices, a small piece of bone's object in one slice, under the seeds' peak level but rising far above
             * the bone beside it in that slice, where a screw's dark bands darken the cortex ({@code metal} is the piece).
             */
            DARK_SLICE_BESIDE_BONE,
            /**
             * On thick slices, a small piece of bone's object in one slice, under the seeds' peak level, standing where the next
             * slice holds soft tissue beside its bone: bone runs on through the slices, a seed's half ends at the boundary
             * ({@code metal} is the piece).
             */
            OFF_THE_NEXT_SLICES_BONE,
            /**
             * On thick slices, a small object standing alone, not counted, holding about half a seed's metal: half of a seed lying
             * across the boundary of two slices ({@code metal} is the object).
             */
            HALF_ACROSS_BOUNDARY,
            /**
             * A piece split at the seeds' peak level off an object shaped as a wire that fits as {@code seeds} seed(s): the wire's own
             * metal, or a seed touching it ({@code metal} is the piece).
             */
            PIECE_OF_WIRE,
            /**
             * A seed of the fit of an object rejected as other metal whose core the fit explains closely, though under the bars for
             * reading it out as a seed ({@code metal} is the object).
             */
            FITTED_IN_METAL,
            /**
             * An object over two slices or more, counted as one seed and rejected as longer than a seed's capsule (a rod: a clip's
             * legs), whose metal reads {@code seeds} seeds, two or more: seeds one after another (a needle's, one in each of two thick
             * slices) look so ({@code metal} is the object; fortieth round).
             */
            LONGER_THAN_ONE_SEED
        }
    }

    /**
     * Two seeds counted in one object on thick slices at one place in-plane, {@code apartMm} apart along z, near {@code nearMm}, the
     * second lowering the misfit by only {@code gain} of a single seed's image energy.
     */
    record PairAlongZ(Vec3 nearMm, double apartMm, double gain) {
    }

    /**
     * An object counted as two seeds on a clipped (12-bit) scan near {@code nearMm} that may hold three: a third seed lowers the
     * misfit by {@code gain} of a single seed's image energy, too little to count it. On slices under 3 mm its saturated plateau is
     * at least as large as two seeds' ({@code spreadMm} NaN); on thicker slices the three fitted seeds lie within {@code spreadMm}
     * of each other, as a clump's do.
     */
    record TwoOrThree(Vec3 nearMm, double gain, double spreadMm) {
    }

    /**
     * A counted seed alone in its object, the object in one thick slice, fitted {@code offMm} off that slice's centre (of a slice
     * {@code sliceMm} thick) on a poorly explained image, where the slices beside it do not show on which side of the centre it lies
     * ({@link SliceCentring#unsureAlongZ}).
     */
    record UnsureAlongZ(Vec3 nearMm, double offMm, double sliceMm) {
    }

    /**
     * Two seeds counted in one object across the boundary of two thick box slices near {@code nearMm}, one placed in each slice a
     * quarter of a slice ({@code sliceMm} thick) from the boundary, whose place along z the slices' metal does not tell
     * ({@link SliceCentring#sideBySide}; twenty-first round).
     */
    record PairUnsureAlongZ(Vec3 nearMm, double sliceMm) {
    }

    /**
     * The self-check's {@code lines} with a line for each seed whose place along z its slice's metal does not bear out, after the
     * lines naming metal and before the rest (twentieth round), and one for each pair of seeds placed across a slice boundary whose
     * place along z the metal does not tell (twenty-first round).
     */
    static List<String> withUnsureAlongZ(List<String> lines, List<UnsureAlongZ> unsure, List<PairUnsureAlongZ> pairs) {
        return appended(appended(lines, unsure, u -> String.format(Locale.ROOT, "SEED PLACE ALONG Z UNSURE: the seed counted near"
                + " (%.1f, %.1f, %.1f) mm is placed %.1f mm %s its %.1f mm slice's centre by its image alone: the slices beside it do not"
                + " show on which side it lies, and it may lie up to %.1f mm from where it is listed (a seed half a slice %s the centre"
                + " would look alike) - look at the images there", u.nearMm().x(), u.nearMm().y(), u.nearMm().z(), Math.abs(u.offMm()),
                u.offMm() > 0 ? "above" : "below", u.sliceMm(), Math.abs(u.offMm()) + u.sliceMm() / 2, u.offMm() > 0 ? "below" : "above")),
                pairs, p -> String.format(Locale.ROOT, "SEED PLACE ALONG Z UNSURE: the two seeds counted near (%.1f, %.1f, %.1f) mm, one in"
                + " each of two %.1f mm slices, are placed %.2f mm either side of the slices' boundary: each slice holds one seed's metal"
                + " whether the two lie side by side across the boundary or one at each slice's centre, and each may lie up to %.2f mm"
                + " from where it is listed - look at the images there", p.nearMm().x(), p.nearMm().y(), p.nearMm().z(), p.sliceMm(),
                p.sliceMm() / 4, p.sliceMm() / 4));
    }

    /**
     * An object counted as one seed on a clipped (12-bit) scan near {@code nearMm} whose metal reads {@code contentSeeds} (two, to
     * the nearest seed), where with beam hardening's bands in the model a second seed side by side lowers the misfit by
     * {@code gain} of a single seed's image energy, too little to count it (twenty-first round).
     */
    record OneOrTwo(Vec3 nearMm, double contentSeeds, double gain) {
    }

    /** The self-check's {@code lines} with a line for each object counted as one that may be two side by side, at the end. */
    static List<String> withOneOrTwo(List<String> lines, List<OneOrTwo> pairs) {
        return appended(lines, pairs, p -> String.format(Locale.ROOT, "ONE SEED OR TWO: the object near (%.1f, %.1f, %.1f) mm is counted"
                + " as one seed, but its metal reads %.1f seeds and, with beam hardening's dark bands in the model, a second seed beside the"
                + " first lowers the misfit by %.1f %% of a seed's image, too little to count on a clipped (12-bit) scan: it may be two"
                + " seeds side by side - look at the images there", p.nearMm().x(), p.nearMm().y(), p.nearMm().z(), p.contentSeeds(),
                100 * p.gain()));
    }

    /**
     * Most share of the objects standing alone at a single seed's size (0.6–1.5 times the scan's median object) that may be rejected
     * as metal far lighter than a seed before the self-check says first that the seed's metal content was learned wrong.
     */
    static final double MAX_LIGHTER_SEED_SIZED_SHARE = 0.5;

    /**
     * {@code lines} with a first line where more than {@value #MAX_LIGHTER_SEED_SIZED_SHARE} of the {@code seedSized} objects
     * standing alone at a single seed's size were rejected as metal far lighter than a seed ({@code lighter} of them): single seeds
     * are most of a scan's objects, so the content of one seed the finder learned ({@code seedContentHuMm3}) is then several seeds',
     * the single seeds are lost and what is counted may be other metal (all-implant scan 4715 read with the content the forty-second
     * round's finder learned: 34 of 41 rejected, 9 of 59 seeds found, 8 false seeds on the wire; none of 252 seen scans rejects any;
     * docs/seed-finder.md, forty-third round). {@code lines} itself elsewhere.
     */
    static List<String> withSeedContentUnsure(List<String> lines, int lighter, int seedSized, double seedContentHuMm3) {
        if (lighter <= MAX_LIGHTER_SEED_SIZED_SHARE * seedSized) {
            return lines;
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "SEED CONTENT UNSURE: %d of the %d objects of a single seed's size were rejected as metal far"
                + " lighter than a seed (%.0f HU·mm³ learned as one seed's metal): the metal of several seeds was learned as one seed's,"
                + " single seeds may be lost and pieces of other metal counted: the seeds and their count cannot be trusted - look at"
                + " the images", lighter, seedSized, seedContentHuMm3));
        out.addAll(lines);
        return out;
    }

    /** {@code lines} with a line for each of {@code items} at the end; {@code lines} itself where there are none. */
    private static <T> List<String> appended(List<String> lines, List<T> items, java.util.function.Function<T, String> line) {
        if (items.isEmpty()) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines);
        items.forEach(item -> out.add(line.apply(item)));
        return out;
    }

    /** The self-check's lines where the slice profile's width is the recorded thickness or the spacing, not estimated. */
    static List<String> of(Grid g, double profileMm, List<FoundSeed> seeds, List<FoundSeed> previous, int previousGiven,
                           List<RejectedObject> rejected, List<SeedAtMetal> atMetal, List<MetalHoldingSeeds> holding,
                           SeedFinderCalibration cal, OptionalInt expected) {
        return of(g, profileMm, null, seeds, previous, previousGiven, rejected, atMetal, holding, List.of(), List.of(), cal, expected);
    }

    /**
     * The self-check's lines. {@code profileMm} is the width of the slice profile the seed image was learned on (the slice
     * thickness, or the spacing when none is recorded; NaN with no grid): the usual axial σ scales with it, not with the spacing.
     * {@code sliceThickness} is the line saying the width was estimated from the seeds or kept against seeds merged along z
     * ({@link SliceProfileWidth}), or null.
     */
    static List<String> of(Grid g, double profileMm, String sliceThickness, List<FoundSeed> seeds, List<FoundSeed> previous, int previousGiven, List<RejectedObject> rejected,
                           List<SeedAtMetal> atMetal, List<MetalHoldingSeeds> holding, List<PairAlongZ> pairs, List<TwoOrThree> clumps,
                           SeedFinderCalibration cal, OptionalInt expected) {
        List<String> out = new ArrayList<>();
        List<RejectedObject> metal = rejected.stream().filter(r -> r.reason() == RejectedObject.Reason.OTHER_METAL).toList();
        if (seeds.isEmpty() && previous.isEmpty()) {
            out.add(metal.isEmpty()
                    ? "NO SEEDS FOUND: the bright objects of the scan are bone or calcifications, none is shaped like a seed"
                    : "NO SEEDS FOUND: the scan's metal is " + metal.size() + " object(s) not shaped like seeds (" + list(metal) + ")");
        }
        if (expected.isPresent() && seeds.size() != expected.getAsInt()) {
            int d = seeds.size() - expected.getAsInt();
            out.add(String.format(Locale.ROOT, "SEED COUNT: %d found, %d implanted (%s): check the scan covers the implant, "
                    + "the seeds listed with low confidence and the objects not counted", seeds.size(), expected.getAsInt(),
                    d < 0 ? (-d) + " not found" : d + " more than implanted"));
        }
        for (MetalHoldingSeeds h : holding) {
            out.add(h.kind() == MetalHoldingSeeds.Kind.HALF_ACROSS_BOUNDARY
                    ? String.format(Locale.ROOT, "METAL MAY HIDE A SEED: a small object near (%.1f, %.1f, %.1f) mm stands alone and holds about"
                    + " half a seed's metal, too little for a seed on these thick slices: a seed lying across the boundary of two slices"
                    + " leaves about half its metal in each: look at the images there", h.nearMm().x(), h.nearMm().y(), h.nearMm().z())
                    : h.kind() == MetalHoldingSeeds.Kind.PEAK_BESIDE_BONE
                    ? String.format(Locale.ROOT, "METAL MAY HIDE A SEED: a small object split off bone near (%.1f, %.1f, %.1f) mm peaks at"
                    + " the seeds' level or far above the bone beside it but is too small or too light for a seed on these thick slices: a"
                    + " seed touching the bone, most of"
                    + " it averaged with the bone through the slice, may lie there: look at the images there", h.nearMm().x(),
                    h.nearMm().y(), h.nearMm().z())
                    : h.kind() == MetalHoldingSeeds.Kind.DARK_SLICE_BESIDE_BONE
                    ? String.format(Locale.ROOT, "METAL MAY HIDE A SEED: a small piece of bone's object near (%.1f, %.1f, %.1f) mm rises far"
                    + " above the bone beside it in a slice whose cortex is darkened, but under the seeds' level: a seed touching the bone"
                    + " across the boundary of two thick slices, joined to the bone through the next slice, may lie there: look at the"
                    + " images there", h.nearMm().x(), h.nearMm().y(), h.nearMm().z())
                    : h.kind() == MetalHoldingSeeds.Kind.OFF_THE_NEXT_SLICES_BONE
                    ? String.format(Locale.ROOT, "METAL MAY HIDE A SEED: a small piece of bone's object near (%.1f, %.1f, %.1f) mm stands"
                    + " over soft tissue in the next slice, where the bone goes on beside it, but under the seeds' level: bone runs on"
                    + " through the slices; a seed touching the bone across the boundary of two thick slices, joined to the bone through"
                    + " the next slice, may lie there: look at the images there", h.nearMm().x(), h.nearMm().y(), h.nearMm().z())
                    : h.kind() == MetalHoldingSeeds.Kind.CORE_BESIDE_BONE
                    ? String.format(Locale.ROOT, "METAL MAY HIDE A SEED: a saturated core of metal split off bone near (%.1f, %.1f, %.1f) mm,"
                    + " as large as half a seed or more but too light for one read against the bone around it: a seed touching the bone"
                    + " (beside a screw crossing it) may lie there: look at the images there", h.nearMm().x(), h.nearMm().y(), h.nearMm().z())
                    : h.kind() == MetalHoldingSeeds.Kind.PIECE_OF_WIRE
                    ? String.format(Locale.ROOT, "METAL MAY HIDE A SEED: a piece of a wire near (%.1f, %.1f, %.1f) mm rises to the seeds'"
                    + " level and fits as %d seed(s), not counted: where a wire crosses the slices at a slant its own metal rises so in short"
                    + " pieces, and a seed touching the wire would look the same: look at the images there", h.nearMm().x(),
                    h.nearMm().y(), h.nearMm().z(), h.seeds())
                    : h.kind() == MetalHoldingSeeds.Kind.FITTED_IN_METAL
                    ? String.format(Locale.ROOT, "METAL MAY HIDE A SEED: the %s holds a part near (%.1f, %.1f, %.1f) mm that one seed's"
                    + " image fits closely, though not closely enough to count it: a seed merged with other metal (a stent's struts)"
                    + " looks so: look at the images there", h.metal().describe(), h.nearMm().x(), h.nearMm().y(), h.nearMm().z())
                    : h.kind() == MetalHoldingSeeds.Kind.LONGER_THAN_ONE_SEED
                    ? String.format(Locale.ROOT, "METAL MAY HOLD SEEDS: the %s is longer than one seed and not counted, but holds about %d"
                    + " seeds' metal near (%.1f, %.1f, %.1f) mm: seeds lying one after another (a needle's, across the boundary of two"
                    + " slices) look so: look at the images there", h.metal().describe(), h.seeds(), h.nearMm().x(), h.nearMm().y(),
                    h.nearMm().z())
                    : h.kind() == MetalHoldingSeeds.Kind.FAINT_BESIDE_HEAD
                    ? String.format(Locale.ROOT, "METAL MAY HIDE A SEED: the %s rises beside its head near (%.1f, %.1f, %.1f) mm above"
                    + " what its shape explains, as faintly as a seed hidden in the head's blur does (bone there"
                    + " may too): look at the images there", h.metal().describe(), h.nearMm().x(), h.nearMm().y(), h.nearMm().z())
                    : String.format(Locale.ROOT, "METAL MAY HOLD SEEDS: the %s may hold about %d seed(s)' metal near (%.1f, %.1f, %.1f) mm"
                    + " that its shape does not explain, not counted as a seed: look at the images there", h.metal().describe(), h.seeds(),
                    h.nearMm().x(), h.nearMm().y(), h.nearMm().z()));
        }
        for (PairAlongZ p : pairs) {
            out.add(String.format(Locale.ROOT, "TWO SEEDS OR ONE: the two seeds counted near (%.1f, %.1f, %.1f) mm lie %.1f mm apart along z at one"
                    + " place in-plane, and the second lowers the misfit by only %.0f %% of a seed's image: it may be one seed between them"
                    + " and other metal beside it (a stent's struts) - look at the images there", p.nearMm().x(),
                    p.nearMm().y(), p.nearMm().z(), p.apartMm(), 100 * p.gain()));
        }
        for (TwoOrThree c : clumps) {
            out.add(String.format(Locale.ROOT, "TWO SEEDS OR THREE: the object near (%.1f, %.1f, %.1f) mm is counted as two seeds, but %s"
                    + " a third seed lowers the misfit by %.1f %% of a seed's image, too little to count on a clipped (12-bit) scan: it"
                    + " may be three seeds bundled - look at the images there", c.nearMm().x(), c.nearMm().y(), c.nearMm().z(),
                    Double.isNaN(c.spreadMm()) ? "its saturated core is as large as two seeds' or larger and"
                            : String.format(Locale.ROOT, "fitted as three within %.1f mm of each other, as a clump lies,", c.spreadMm()),
                    100 * c.gain()));
        }
        if (sliceThickness != null) {
            out.add(sliceThickness);
        }
        if (!seeds.isEmpty() && g != null) {
            if (cal.isolatedSeedsUsed() < 3) {
                out.add("SEED APPEARANCE: fewer than 3 isolated seeds, so the seed image was not learned from this scan:"
                        + " counts in merged groups are less certain");
            } else {
                if (cal.psfSigmaInPlaneMm() < MIN_SIGMA_XY_MM || cal.psfSigmaInPlaneMm() > MAX_SIGMA_XY_MM) {
                    out.add(String.format(Locale.ROOT, "SEED APPEARANCE: in-plane blur sigma %.2f mm is outside the usual %.2f-%.2f mm:"
                                    + " check the reconstruction kernel and that the objects are seeds", cal.psfSigmaInPlaneMm(),
                            MIN_SIGMA_XY_MM, MAX_SIGMA_XY_MM));
                }
                double lo = MIN_SIGMA_Z_PER_SLICE * profileMm;
                double hi = Math.max(1.0, MAX_SIGMA_Z_PER_SLICE * profileMm);
                if (cal.psfSigmaAxialMm() < lo || cal.psfSigmaAxialMm() > hi) {
                    out.add(String.format(Locale.ROOT, "SEED APPEARANCE: axial blur sigma %.2f mm is outside the usual %.2f-%.2f mm"
                            + " for slices %.2f mm thick every %.2f mm: check the slice thickness and spacing", cal.psfSigmaAxialMm(), lo, hi,
                            profileMm, g.dzMm()));
                }
            }
        }
        if (!metal.isEmpty() && !(seeds.isEmpty() && previous.isEmpty())) {
            out.add("OTHER METAL: " + metal.size() + " object(s) not shaped like seeds, not counted: " + list(metal)
                    + ". A seed touching one is part of it: look at the images there");
        }
        if (!atMetal.isEmpty()) {
            out.add("SEED AT OTHER METAL: " + atMetal.size() + " seed(s) counted touching metal that is not seeds (such a seed may"
                    + " have lost part of its image to the metal's object, or be a piece of the metal): " + atMetal.stream().limit(MAX_LISTED).map(a -> String.format(Locale.ROOT,
                    "the seed at (%.1f, %.1f, %.1f) mm, %s the %s", a.seed().centreMm().x(), a.seed().centreMm().y(),
                    a.seed().centreMm().z(), a.readOutOfMetal() ? "read out of" : String.format(Locale.ROOT, "%.1f mm from", a.gapMm()),
                    a.metal().describe())).collect(Collectors.joining("; "))
                    + (atMetal.size() > MAX_LISTED ? "; and " + (atMetal.size() - MAX_LISTED) + " more" : "") + ": look at the images there");
        }
        if (g != null && g.dzMm() >= SeedFinder.THICK_SLICE_MM) {
            for (List<FoundSeed> line : linesAlongZ(seeds, g.dzMm())) {
                FoundSeed a = line.get(0);
                FoundSeed b = line.get(line.size() - 1);
                out.add(String.format(Locale.ROOT, "SEEDS IN A LINE ALONG Z: %d seeds from (%.1f, %.1f, %.1f) to (%.1f, %.1f, %.1f) mm, spaced"
                        + " one slice apart on %.1f mm slices: may be a wire read as seeds (a needle's seeds loaded without gaps look"
                        + " the same) - look at the images there", line.size(), a.centreMm().x(), a.centreMm().y(), a.centreMm().z(),
                        b.centreMm().x(), b.centreMm().y(), b.centreMm().z(), g.dzMm()));
            }
        }
        if (previousGiven > 0) {
            out.add(String.format(Locale.ROOT, "PREVIOUS IMPLANT: %d of its %d seeds recognised on this scan and listed apart,"
                    + " not counted as this implant's", previous.size(), previousGiven));
        }
        if (seeds.size() >= 3) {
            for (FoundSeed s : seeds) {
                double nearest = Double.POSITIVE_INFINITY;
                for (FoundSeed o : seeds) {
                    if (o != s) {
                        nearest = Math.min(nearest, o.centreMm().distanceTo(s.centreMm()));
                    }
                }
                if (nearest > FAR_MM) {
                    out.add(String.format(Locale.ROOT, "FAR SEED: the seed at (%.1f, %.1f, %.1f) mm is %.0f mm from every other seed:"
                            + " migrated, or not a seed", s.centreMm().x(), s.centreMm().y(), s.centreMm().z(), nearest));
                }
            }
        }
        return out;
    }
}
