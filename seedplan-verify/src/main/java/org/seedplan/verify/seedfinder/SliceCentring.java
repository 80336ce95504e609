package org.seedplan.verify.seedfinder;

import java.util.Arrays;
import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Puts seeds that lie within one thick slice of a box-like slice profile at that slice's centre along z. Such a seed gives
 * the same image wherever it lies in the slice (a box profile has no partial-volume tails), so the fitted z there follows
 * noise and beam-hardening bands in the neighbouring slices, up to 1.4 mm off centre and as often on the wrong side
 * (docs/seed-finder.md, fourth round); the centre bounds the error by half a slice. A single seed whose object reaches
 * into neighbouring slices is kept where it can reach each of them. Since the fifteenth round also, on any thick profile, a lone
 * seed in one slice whose fit stands off the centre only on a poorly explained, tilted image ({@link #unsupportedInOneSlice}), and
 * since the twentieth round one whose slices beside it hold more of its metal on the other side; where they show neither side the
 * seed is kept and named ({@link #unsureAlongZ}). Since the twenty-first round two near-parallel seeds fitted one in each of two box
 * slices within 1.5 mm in-plane, which the slices' metal cannot tell from a side-by-side pair across the boundary, go a quarter slice
 * either side of it ({@link #sideBySide}). Since the twenty-fourth round a seed alone and wholly inside an end slice of an object of
 * three or more box slices goes to that slice's centre ({@link #endSlices}). Since the twenty-fifth round's second part a slice's
 * metal that lies longer in-plane than the fitted seed's image could show there overrules the fitted steepness in both
 * ({@link #liesFlatter}). Since the twenty-sixth round two such seeds that each continue a needle's strand along their axes are
 * needle seeds, not a side-by-side pair, and go to their slices' centres ({@link #sideBySide}). Since the twenty-seventh round
 * a seed fitted in an object of two or more off the place along z where the strand of a needle through it would put it
 * ({@link #strandSlot}) is fitted again from there, and the image decides ({@link SeedFinder}); since the twenty-eighth round also a
 * needle's end seed, from the line through its needle's next two seeds ({@link #strandEndSlot}); since the twenty-ninth round the
 * seeds of one object lying in line as a strand, from their even spacing ({@link #evenAlongStrand}); since the thirty-first round
 * one needle's slot is offered to one seed of an object only ({@link #strandSlots}).
 */
final class SliceCentring {

    /**
     * Slices from this thickness on, mm: below it half a slice stays well within the 2.5 mm match gate and the fitted z,
     * better on average, is kept.
     */
    static final double MIN_SLICE_MM = 3;
    /**
     * A scan's slice profile is box-like when the axial σ learned from its seeds is below this share of the slice
     * thickness: a triangle of base 2T has σ = T/√6 = 0.41 T and a Gaussian of FWHM T 0.42 T, learned as 0.405–0.459 T on
     * the tuning scans; box profiles (σ = T/√12 = 0.29 T, widened by the seed's own extent) were learned as 0.15–0.37 T.
     */
    static final double BOX_LIKE_SIGMA_PER_SLICE = 0.39;
    /** How near a whole number of seeds each slice's metal must read for {@link #bySlice}, in seeds. */
    static final double WHOLE_SEEDS = 0.25;
    /** Share of the signal a single seed's fit must explain for its z to stand off its one slice's centre ({@link #unsupportedInOneSlice}). */
    static final double POORLY_EXPLAINED = 0.7;
    /** How far off its one slice's centre, in slices, a poorly explained, tilted fit is not taken ({@link #unsupportedInOneSlice}). */
    static final double OFF_CENTRE_SLICES = 0.26;
    /**
     * How far under {@link #OFF_CENTRE_SLICES} of a slice, mm, a fit's offset from its slice's centre still reads as at that bar: the
     * fitted z and the slice's centre are sums of decimal steps whose binary rounding leaves an offset of exactly the bar some 1e-16 mm
     * under it. Seen scan 20716 (5 mm Gaussian 12-bit): a needle seed fitted at −3.80 mm in the slice centred at −2.50 mm, 1.30 mm
     * off, read 1.2999999999999994 against 0.26 × 5 = 1.3, was neither centred nor named (docs/seed-finder.md, forty-second round,
     * seedneedle24). A micrometre is far under any step of the fit and far over the rounding.
     */
    static final double AT_THE_BAR_MM = 1e-6;
    /** The z-component of a fitted axis from which {@link #unsupportedInOneSlice} calls it tilted out of the slice (20°). */
    static final double TILTED = 0.35;
    /**
     * By how much of the object's metal the slice beside it away from the fitted side must outweigh the slice beside it on the fitted
     * side for {@link #unsupportedInOneSlice} to call the metal's word against the fit (twentieth round).
     */
    static final double CONTRADICTED = 0.1;
    /**
     * Least share of what its fitted offset predicts in the slice beside it on the fitted side ({@link #shareBeyond}) that the metal must
     * show there to bear the offset out ({@link #unsureAlongZ}; twentieth round).
     */
    static final double BORNE_OUT = 0.5;

    /**
     * Two seeds of {@link #bySlice} whose fitted axes lie within 20° of each other (|cos| at least this) and whose centres lie within
     * {@value #SIDE_BY_SIDE_MM} mm in-plane are a side-by-side pair as far as the two slices show ({@link #sideBySide}; twenty-first
     * round): on the seen sets 14100-14935 the three such pairs 2.8-12.0°, the nearest other object within 1.5 mm 38.9°.
     */
    static final double PARALLEL = Math.cos(Math.toRadians(20));
    /** See {@link #PARALLEL}: the three pairs 1.14-1.31 mm, the nearest other object within 20° 2.12 mm. */
    static final double SIDE_BY_SIDE_MM = 1.5;
    /**
     * Nearest a needle strand's next seed lies, centre to centre, mm ({@link #onStrand}): a 4.5 mm capsule and a spacer (the bench
     * lays them 7-10 mm apart), with room for the fits' error along z on thick slices. 17231's two needle seeds: 9.22 and 9.45 mm
     * (docs/seed-finder.md, twenty-sixth round).
     */
    static final double STRAND_MIN_MM = 6;
    /** Farthest a needle strand's next seed lies, centre to centre, mm ({@link #onStrand}; see {@link #STRAND_MIN_MM}). */
    static final double STRAND_MAX_MM = 12;
    /**
     * Least |cos| between a seed's fitted axis and the line to its strand's next seed ({@link #onStrand}): 25°, the fitted axes' error
     * on 5 mm slices (isolated seeds 17-20° on the seen 5 mm box scans) and the strand's own tilt (up to 6°). 17231: 8.5° and 5.1°.
     */
    static final double ALONG_STRAND = Math.cos(Math.toRadians(25));

    /**
     * Least |cos| between the line through the two seeds either side of a strand's slot and each one's fitted axis
     * ({@link #strandSlot}): 30°, {@link #ALONG_STRAND}'s 25° and 5° more for the two seeds' own fits, each on a thick slice
     * (docs/seed-finder.md, twenty-seventh round, seedneedle9: measured at 30° only).
     */
    static final double SLOT_ALONG = Math.cos(Math.toRadians(30));
    /**
     * Farthest a seed's centre may lie in-plane from the line through the two seeds either side of a strand's slot, mm
     * ({@link #strandSlot}): a seed's diameter (0.8 mm) and the fits' in-plane error (0.2 mm).
     */
    static final double SLOT_ACROSS_MM = 1.0;
    /**
     * Least share of the way from either seed of the slot's pair at which the seed's centre must lie in-plane ({@link #strandSlot}):
     * the middle 40 % of the two spacings, where the one seed between them lies (spacings 7-10 mm on the bench, unequal by a
     * few mm at most).
     */
    static final double SLOT_BETWEEN = 0.3;
    /**
     * Least distance along z, in slices, between a seed's fit and its strand's slot for {@link #strandSlot} to offer the slot: within
     * a quarter slice the fit and the line through the neighbours' fits (each off by up to a quarter slice on thick slices) agree.
     */
    static final double SLOT_OFF_SLICES = 0.25;
    /**
     * Farthest a seed's fit may lie from its strand's slot along z, in slices ({@link #strandSlot}): a fit misplaced within its
     * object lies up to about half a slice off (17215: 2.73 mm on 5 mm slices); a seed a slice or more from the line is a seed of
     * another needle crossing there in-plane (17512's crossing needles, 6.3 mm apart along z).
     */
    static final double SLOT_FAR_SLICES = 1.0;

    /**
     * Least in-plane length of a box slice's metal ({@link #inPlaneLengthMm}), mm, that {@link #liesFlatter} reads as a seed lying
     * flatter than its fitted axis: on the seen 5 mm box scans slices of steep seeds read at most 2.13 mm (steep pairs) and lone end-slice
     * seeds that reach across at most 2.36 mm, flat needle seeds 2.56-3.0 mm (docs/seed-finder.md, twenty-fifth round, second part:
     * a thin margin, 0.06 mm on the catch side).
     */
    static final double FLAT_IN_PLANE_MM = 2.5;

    private SliceCentring() {
    }

    /**
     * Whether the scan's slices are thick and box-like, from the width of its slice profile ({@code profileMm}, the slice
     * thickness: wider than the spacing on an overlapping reconstruction) and the learned axial σ of its seed image, mm.
     */
    static boolean applies(double profileMm, double sigmaZMm) {
        return profileMm >= MIN_SLICE_MM && sigmaZMm < BOX_LIKE_SIGMA_PER_SLICE * profileMm;
    }

    /**
     * The seeds of a blob, at its slice's centre along z when the blob lies in one slice; a single seed whose blob spans
     * several slices kept where it reaches each of them (its centre within half a slice + half its length of every slice
     * the blob occupies: on a box profile a slice shows metal only where the seed enters it; half the wider of the slice
     * profile and the spacing); otherwise as fitted.
     */
    static List<FoundSeed> centred(Grid g, double profileMm, Blob b, List<FoundSeed> seeds, double seedLengthMm) {
        if (b.k0 == b.k1) {
            return seeds.stream().map(s -> atZ(s, g.z(b.k0))).toList();
        }
        if (seeds.size() != 1) {
            return seeds;
        }
        double reach = Math.max(g.dzMm(), profileMm) / 2 + seedLengthMm / 2;
        double lo = g.z(b.k1) - reach;
        double hi = g.z(b.k0) + reach;
        FoundSeed s = seeds.get(0);
        double z = s.centreMm().z();
        return lo <= hi ? List.of(atZ(s, Math.max(lo, Math.min(hi, z)))) : seeds;
    }

    /**
     * The two seeds of a blob fitted as two, spanning two thick box-like slices, each at the centre of the slice its fitted centre
     * lies in (a side-by-side pair, {@link #sideBySide}: halfway between that centre and the boundary), where the fit put one seed
     * in each slice and the blob's metal slice by slice ({@code seedsBySlice}, in seeds, one element per slice from {@code k0} to
     * {@code k1}) reads one seed, to within {@value #WHOLE_SEEDS}, in each, and neither
     * fitted seed lies within 25° of z ({@link SeedFinder#ALONG_Z}): such a seed reaches 4.1 mm or more along z, so inside a 5 mm
     * slice it lies within 0.46 mm of the centre and anywhere else its end shows in the slice beside, where the fit finds it (the
     * 56 seeds of the 28 such pairs on the seen 5 mm box scans lay 0.82 mm from their truth as fitted, 1.10 mm where this would
     * put them; docs/seed-finder.md, twenty-fifth round). Else null. A side-by-side pair lying steeply across the boundary of two
     * 5 mm box slices reads one seed's
     * metal in each and was fitted as one seed in each with axes 0.85-0.93 along z (tuning scans 11731, 11831; the needle seeds
     * below 0.41-0.77). Not for three or more: a blob of three across three 5 mm box slices read 0.83, 1.24 and 0.83 seeds slice
     * by slice, but two of them were such a pair (tuning scan 12731). Two
     * needle seeds of crossing needles, one in each of two 5 mm box slices at one place in-plane, merge into one object, and the
     * image fit, whose through-slice blur is Gaussian, puts them near the slices' boundary, one up to 3 mm from its seed
     * (docs/seed-finder.md, fourteenth round); a box slice shows a seed inside it alike wherever it lies, so the slice's centre
     * is where {@link #centred} puts the seeds of a blob lying in one slice. The along-z guard gives way for a seed whose slice's
     * metal ({@code inPlaneMm}, {@link #inPlaneLengthMm}) lies flatter than its fitted axis ({@link #liesFlatter}): such a seed
     * shows its capsule in-plane, not its end (16331: fitted 0.94 and 0.91 along z, the slices 2.81 and 2.85 mm long in-plane, the
     * seeds 0.5 and 0.3; 2.69 and 2.39 mm off as fitted, 1.95 and 0.83 at the centres; twenty-fifth round, second part).
     * {@code elsewhere}: the centres of the seeds of the scan's other objects, which tell two needle seeds of two strands from a
     * side-by-side pair ({@link #sideBySide}; twenty-sixth round).
     */
    static List<FoundSeed> bySlice(Grid g, Blob b, List<FoundSeed> seeds, double[] seedsBySlice, double[] inPlaneMm, double imageLengthMm,
            List<Vec3> elsewhere) {
        if (seeds.size() != 2) {
            return null;
        }
        int[] fitted = new int[seedsBySlice.length];
        int[] slice = new int[seeds.size()];
        for (int s = 0; s < slice.length; s++) {
            slice[s] = (int) Math.round((seeds.get(s).centreMm().z() - g.z(0)) / g.dzMm()) - b.k0;
            if (slice[s] < 0 || slice[s] >= fitted.length) {
                return null;
            }
            fitted[slice[s]]++;
            if (Math.abs(seeds.get(s).axis().z()) >= SeedFinder.ALONG_Z && !liesFlatter(inPlaneMm[slice[s]], seeds.get(s), imageLengthMm)) {
                return null;
            }
        }
        for (int k = 0; k < fitted.length; k++) {
            if (fitted[k] != 1 || Math.abs(seedsBySlice[k] - 1) > WHOLE_SEEDS) {
                return null;
            }
        }
        boolean pair = sideBySide(seeds, elsewhere);
        double boundary = (g.z(b.k0) + g.z(b.k1)) / 2;
        List<FoundSeed> out = new java.util.ArrayList<>();
        for (int s = 0; s < slice.length; s++) {
            double centre = g.z(b.k0 + slice[s]);
            out.add(atZ(seeds.get(s), pair ? (centre + boundary) / 2 : centre));
        }
        return out;
    }

    /**
     * The seeds of a blob spanning three or more thick box-like slices, each seed that lies alone and wholly inside an end slice of
     * the blob ({@code k0} or {@code k1}) put at that slice's centre along z; the others as fitted. Asked where the fit put exactly
     * that one seed's centre in the end slice, the slice's metal ({@code seedsBySlice}, in seeds, one element per slice from
     * {@code k0} to {@code k1}) reads one seed to within {@value #WHOLE_SEEDS}, the seed does not lie within 25° of z
     * ({@link SeedFinder#ALONG_Z}) and, as fitted, its extent along z ({@code seedLengthMm} times its axis's z-component) lies
     * within the slice. A box slice shows the part of a seed inside it alike wherever that part lies, so a seed wholly inside one
     * gives no sign of where along z it lies there: the image fit, whose through-slice blur is Gaussian, leans it towards the
     * metal of the slice beside it, which is the other seeds' (16130: a needle seed 1.76 mm above its end slice's centre, 0.91 of
     * a seed's metal there, fitted 1.20 mm below the centre, 2.96 mm off, beside a steep seed across the two slices below). The
     * slice's centre bounds the error by half a slice, as {@link #bySlice} does for an object of two slices: no nearer on average
     * than the fit (the 42 seeds it moved on 150 seen 5 mm scans lay 1.21 mm along z from their truth either way) but without the
     * fit's tail past the match gate (worst 2.96 mm as fitted, 2.31 mm at the centres). A seed the fit lets reach across the slice's
     * boundary stays: the slice beside it shows its part there, and on those scans each of the seven such seeds lay nearer its
     * truth as fitted (docs/seed-finder.md, twenty-fourth round) — unless the end slice's metal ({@code inPlaneMm}, one element per
     * slice, {@link #inPlaneLengthMm}) lies flatter than the fitted axis ({@link #liesFlatter}, the learned image {@code imageLengthMm}
     * long): then the fitted steepness that lets it reach across is not the seed's (16730, 16830: needle seeds lying flat, axis z 0.0
     * and 0.1, fitted 0.83 and 0.73, 2.36 and 3.39 mm off, 1.01 and 1.14 mm at the centre; twenty-fifth round, second part).
     */
    static List<FoundSeed> endSlices(Grid g, Blob b, List<FoundSeed> seeds, double[] seedsBySlice, double[] inPlaneMm,
            double imageLengthMm, double seedLengthMm) {
        if (b.k1 < b.k0 + 2 || seedsBySlice.length != b.k1 - b.k0 + 1) {
            return seeds;
        }
        int[] slice = new int[seeds.size()];
        int[] fitted = new int[seedsBySlice.length];
        for (int s = 0; s < slice.length; s++) {
            slice[s] = (int) Math.round((seeds.get(s).centreMm().z() - g.z(0)) / g.dzMm()) - b.k0;
            if (slice[s] >= 0 && slice[s] < fitted.length) {
                fitted[slice[s]]++;
            }
        }
        List<FoundSeed> out = new java.util.ArrayList<>(seeds);
        for (int s = 0; s < slice.length; s++) {
            int k = slice[s];
            FoundSeed f = seeds.get(s);
            double centre = g.z(b.k0 + k);
            boolean inside = Math.abs(f.centreMm().z() - centre) + Math.abs(f.axis().z()) * seedLengthMm / 2 <= g.dzMm() / 2;
            if ((k == 0 || k == fitted.length - 1) && fitted[k] == 1 && Math.abs(seedsBySlice[k] - 1) <= WHOLE_SEEDS
                    && Math.abs(f.axis().z()) < SeedFinder.ALONG_Z && (inside || liesFlatter(inPlaneMm[k], f, imageLengthMm))) {
                out.set(s, atZ(f, centre));
            }
        }
        return out;
    }

    /**
     * Whether the two seeds {@link #bySlice} places lie as a side-by-side pair might: fitted axes within 20° of each other
     * ({@link #PARALLEL}), centres within {@value #SIDE_BY_SIDE_MM} mm in-plane, and not both on a needle's strand ({@link #onStrand}
     * with {@code elsewhere}, the centres of the seeds of the scan's other objects). Two needle seeds of two parallel needles, one in
     * each slice, lie as such a pair does in the two slices' metal, but each continues a strand of its own along its axis: such seeds
     * lie wholly inside their slices, anywhere in them, and the slices' centres bound their error by half a slice, where a quarter
     * slice from the boundary lets a seed near the far boundary lie three quarters of a slice off (17231: two needle seeds 0.54 /
     * 0.66 mm from the far boundaries, 3.21 / 3.09 mm off there, 1.96 / 1.84 mm at the centres; the next seed of each strand 9.22 /
     * 9.45 mm along its axis). A true pair's seed may have another needle's seed along its axis by chance, but not both of them:
     * 17031's pair, one seed 8.49 mm from another needle's seed 16° off its axis, the other none within 25° nearer than 13.85 mm
     * (docs/seed-finder.md, twenty-sixth round). For such a pair the metal of two box slices cannot
     * tell where along z the seeds lie: a seed whose metal lies evenly along z over ± h about {@code boundary - t} puts
     * (h + t) / 2h of it in the slice below the boundary for |t| ≤ h, all of it from t = h on, so two seeds placed as mirror images,
     * {@code boundary ∓ t}, give each slice one seed's metal for every t from 0 (both across the boundary, side by side: each slice
     * holds half of each) to half a slice (each at its slice's centre, one seed in each); a triangle profile's linear split between
     * the two slices gives the same sums. Each such seed goes halfway between its slice's centre and the boundary, a quarter of a
     * slice from either end of that range, and is named ({@link SelfCheck.PairUnsureAlongZ}): at the centres one end's seeds lie
     * half a slice off, 2.5 mm on 5 mm slices, the match gate (14713, 14412, 14231; twenty-first round).
     */
    static boolean sideBySide(List<FoundSeed> seeds, List<Vec3> elsewhere) {
        if (seeds.size() != 2) {
            return false;
        }
        Vec3 a = seeds.get(0).centreMm();
        Vec3 c = seeds.get(1).centreMm();
        return Math.abs(seeds.get(0).axis().dot(seeds.get(1).axis())) >= PARALLEL
                && Math.hypot(a.x() - c.x(), a.y() - c.y()) <= SIDE_BY_SIDE_MM
                && !(onStrand(seeds.get(0), elsewhere) && onStrand(seeds.get(1), elsewhere));
    }

    /**
     * Whether a seed found elsewhere ({@code elsewhere}: the centres of the seeds of the scan's other objects) lies where the next
     * seed of a needle's strand through {@code s} would: {@value #STRAND_MIN_MM}-{@value #STRAND_MAX_MM} mm from its centre, within
     * 25° of its fitted axis ({@link #ALONG_STRAND}). Needle-loaded seeds lie one after another along the needle's track, a capsule
     * and a spacer apart, each along the track; seeds of a side-by-side pair lie alone.
     */
    static boolean onStrand(FoundSeed s, List<Vec3> elsewhere) {
        for (Vec3 o : elsewhere) {
            Vec3 d = o.minus(s.centreMm());
            double n = d.norm();
            if (n >= STRAND_MIN_MM && n <= STRAND_MAX_MM && Math.abs(d.dot(s.axis())) >= ALONG_STRAND * n) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the strand of a needle through a seed fitted at {@code c} puts it, or null: the seed at {@code c}'s place in-plane and
     * along z on the line through two seeds of other objects ({@code others}) that lie as the seeds either side of it on a needle
     * do: {@code 2 x} {@value #STRAND_MIN_MM}-{@value #STRAND_MAX_MM} mm apart, each along the line within 30° ({@link #SLOT_ALONG}),
     * {@code c} within {@value #SLOT_ACROSS_MM} mm of that line in-plane and in its middle ({@link #SLOT_BETWEEN}). Of all such
     * pairs the one whose line passes nearest {@code c} along z; offered only where that lies {@value #SLOT_OFF_SLICES} to
     * {@value #SLOT_FAR_SLICES} of a slice ({@code sliceMm}) from {@code c}. The slot's centre is {@code c} moved along z to the
     * line, its axis the line's. Needle-loaded seeds lie one after another on the needle's straight track, each along it
     * (docs/seed-finder.md, twenty-sixth round); the in-plane places are the fits' best part on thick slices, the z the worst, so
     * the neighbours' line gives z where the seed's own image cannot place it better (twenty-seventh round).
     */
    static FoundSeed strandSlot(Vec3 c, List<FoundSeed> others, double sliceMm) {
        Line between = onLine(c, others, false, List.of());
        return offered(between == null ? null : between.slot(), c, sliceMm);
    }

    /**
     * Where the strand of a needle through the end seed fitted at {@code c} puts it, or null: as {@link #strandSlot}, but from two
     * seeds of other objects that lie as the next two seeds of a needle beyond its end seed do: {@value #STRAND_MIN_MM}-
     * {@value #STRAND_MAX_MM} mm apart (one spacing), each along the line through both within 30° ({@link #SLOT_ALONG}), and
     * {@code c} within {@value #SLOT_ACROSS_MM} mm of that line in-plane, one spacing ({@value #STRAND_MIN_MM}-{@value #STRAND_MAX_MM}
     * mm along the line) beyond the nearer of the two. Not asked where a line through two seeds either side of {@code c}
     * ({@link #strandSlot}'s) passes within a slice of it along z: a seed between two of its needle's seeds has its slot there (a line
     * a slice or more off is another needle's crossing there in-plane: 18032's, 8.9 mm). The end seed of a needle has no seed beyond
     * it, so {@link #strandSlot} never offers it a place, and an end seed merged with another needle's seed on thick slices is fitted
     * as far off along z as a middle one (18131, 5 mm box extended: 3.35 mm low, the line through its needle's next two seeds 0.87 mm
     * from its truth; 18032, 5 mm triangle 12-bit: 3.48 mm high, the line 0.40 mm from it, but the fit from there goes back;
     * docs/seed-finder.md, twenty-eighth round, seedneedle10). The line is extrapolated by up to a spacing, so its z there carries up
     * to twice the two seeds' own error along z: the image decides, as for {@link #strandSlot}.
     */
    static FoundSeed strandEndSlot(Vec3 c, List<FoundSeed> others, double sliceMm) {
        Line slot = endLine(c, others, sliceMm, List.of());
        return slot == null ? null : slot.slot();
    }

    /**
     * The slots of the seeds of one object fitted at {@code fitted}, one for each seed or null: each seed's {@link #strandSlot},
     * else its {@link #strandEndSlot}, but never one needle's slot for two of them. A needle lays one seed at each place of its
     * strand, so two seeds of one object offered the slot on the line through the same two seeds (the same needle's place) cannot
     * both lie there: the one whose fit lies nearer that slot along z keeps it, and the other is offered its slot on the nearest
     * other line (between two seeds, else beyond two), as if that line were not there. Two needles crossing at one place
     * in-plane, their seeds in one object a slice or so apart along z, are fitted with one seed pulled towards the other; both seeds
     * then lie nearer the same needle's line than the other's, and the nearest line alone would offer them the same slot and
     * leave the other needle's untried (18917, 5 mm Gaussian extended: two needles' end seeds 0.3 mm apart in-plane at z 5.70 and
     * 13.70, fitted at 10.57 and 9.75 mm and both offered the upper needle's end slot, 12.67 / 12.82 mm; the lower needle's end
     * line passes the second at 5.28 mm, 0.42 mm from its truth; docs/seed-finder.md, thirty-first round, seedzoff13).
     */
    static Slot[] strandSlots(List<Vec3> fitted, List<FoundSeed> others, double sliceMm) {
        int n = fitted.size();
        Line[] slots = new Line[n];
        List<List<Line>> taken = new java.util.ArrayList<>();
        for (int s = 0; s < n; s++) {
            taken.add(new java.util.ArrayList<>());
            slots[s] = slotOf(fitted.get(s), others, sliceMm, taken.get(s));
        }
        for (boolean moved = true; moved; ) {
            moved = false;
            for (int s = 0; s < n && !moved; s++) {
                for (int t = s + 1; t < n && !moved; t++) {
                    if (slots[s] != null && slots[t] != null && slots[s].sameLine(slots[t])) {
                        int loser = Math.abs(slots[s].slot().centreMm().z() - fitted.get(s).z())
                                <= Math.abs(slots[t].slot().centreMm().z() - fitted.get(t).z()) ? t : s;
                        taken.get(loser).add(slots[loser]);
                        slots[loser] = slotOf(fitted.get(loser), others, sliceMm, taken.get(loser));
                        moved = true;
                    }
                }
            }
        }
        Slot[] out = new Slot[n];
        for (int s = 0; s < n; s++) {
            out[s] = slots[s] == null ? null : new Slot(slots[s].slot().centreMm(), slots[s].slot().axis(), !slots[s].beyond());
        }
        return out;
    }

    /**
     * Whether a fit from the strand slots {@code slots} (one for each seed, or null where a seed was not moved) laid every seed it
     * moved along its needle: the seed's new axis ({@code axes}, one for each seed) within 30° ({@link #SLOT_ALONG}) of its slot's
     * line. A needle lays each seed along its track, and the fit starts a moved seed on the line; where the image turns it away, it
     * took the slot's height but not the needle's seed, and the strand has no word on where along z that seed lies. A steep seed of a
     * clump lying at a needle's line in-plane was offered the needle's slot, 3.34 mm from its fit (20212, 5 mm box 12-bit: the fit
     * from there 0.075 of a seed's energy better, its axis 52.3° from the line, the two clump seeds 1.81 / 1.92 mm off along z where
     * they lay 0.28 / 0.64 mm off as first fitted, then put at their slices' centres a slice apart; docs/seed-finder.md,
     * thirty-eighth round, seedzoff20). On the 96 seen 5 mm scans run for it the seeds that stay taken lay at 1.7-26.6° (19913's
     * needle seed, 1.12 mm off as fitted, 0.38 mm from its slot, at 3.0°); four more refits, three needle seeds at 30.0-34.4° and a
     * side-by-side pair's seed at 65.4°, gained 0.0000-0.024 and moved their seeds 0.11 mm or less: no longer taken, no count changed.
     * The bar is the 30° a strand's two seeds must lie within of their own line ({@link #SLOT_ALONG}).
     */
    static boolean alongTheirStrands(Slot[] slots, Vec3[] axes) {
        for (int s = 0; s < slots.length; s++) {
            if (slots[s] != null && Math.abs(axes[s].normalized().dot(slots[s].axis().normalized())) < SLOT_ALONG) {
                return false;
            }
        }
        return true;
    }

    /**
     * A seed's slot on its needle's strand ({@link #strandSlots}): its place and axis, and whether it lies on a line between two
     * seeds of the needle ({@link #strandSlot}) or beyond them ({@link #strandEndSlot}).
     */
    record Slot(Vec3 centreMm, Vec3 axis, boolean between) {
    }

    /**
     * Whether a seed's misfit along z, read at even steps from its fitted z ({@code from}, the first reading) to its strand's slot
     * ({@code to}, the last), rises between them to a ridge higher than both ends, and a new fit put it at {@code refitZ} on the
     * slot's side of that ridge: the image holds two places for the seed and the new fit took the slot's ({@code SeedFinder}'s
     * {@code acrossARidge}). A misfit that falls or rises all the way has one place, and the slot is no word against it.
     */
    static boolean acrossARidge(double[] misfit, double from, double to, double refitZ) {
        int steps = misfit.length - 1;
        if (steps < 2) {
            return false;
        }
        int ridge = 1;
        for (int j = 2; j < steps; j++) {
            ridge = misfit[j] > misfit[ridge] ? j : ridge;
        }
        double ridgeZ = from + (to - from) * ridge / steps;
        return misfit[ridge] > Math.max(misfit[0], misfit[steps]) && (refitZ - ridgeZ) * (to - ridgeZ) > 0;
    }

    /** {@link #strandSlot}, else {@link #strandEndSlot}, of a seed fitted at {@code c}, on no line of {@code not}. */
    private static Line slotOf(Vec3 c, List<FoundSeed> others, double sliceMm, List<Line> not) {
        Line between = onLine(c, others, false, not);
        if (between != null && offered(between.slot(), c, sliceMm) != null) {
            return between;
        }
        return endLine(c, others, sliceMm, not);
    }

    /** {@link #strandEndSlot}'s line, on no line of {@code not}, or null. */
    private static Line endLine(Vec3 c, List<FoundSeed> others, double sliceMm, List<Line> not) {
        Line between = onLine(c, others, false, not);
        if (between != null && Math.abs(between.slot().centreMm().z() - c.z()) <= SLOT_FAR_SLICES * sliceMm) {
            return null;
        }
        Line beyond = onLine(c, others, true, not);
        return beyond == null || offered(beyond.slot(), c, sliceMm) == null ? null : beyond;
    }

    /** Whether the line through the seeds {@code a} and {@code b} of the others is one of {@code not}. */
    private static boolean excluded(List<Line> not, int a, int b) {
        for (Line l : not) {
            if (Math.min(a, b) == Math.min(l.a(), l.b()) && Math.max(a, b) == Math.max(l.a(), l.b())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A slot ({@code slot}) on the line through the seeds {@code a} and {@code b} of a list of others, between them or beyond
     * ({@code beyond}).
     */
    private record Line(FoundSeed slot, int a, int b, boolean beyond) {
        boolean sameLine(Line o) {
            return excluded(List.of(o), a, b);
        }
    }

    /**
     * The seeds of one object ({@code seeds}, three or more) lying as a needle's strand, put down again as {@code count} seeds evenly
     * spaced on the line through the two farthest apart, from one to the other, each along that line; null where they do not so
     * lie. They lie as a strand where every seed lies within {@value #SLOT_ACROSS_MM} mm of that line and the even spacing,
     * {@value #STRAND_MIN_MM}-{@value #STRAND_MAX_MM} mm, is a needle's; asked at the fitted count ({@code count} the seeds' number)
     * only where two fitted seeds lie closer along the line than {@value #STRAND_MIN_MM} mm, and at one more ({@code count} one
     * over) only where no two do, the even spacing of one seed more still a needle's. A needle lays its seeds one after another
     * on its straight track with a spacer between each two (7-10 mm apart on the bench): two capsules of one strand cannot lie
     * closer than that (a pair end to end, 4.6 mm, is no strand: fitted in line with a third seed it would be offered too, and the
     * image decides). A strand lying steeply through thick slices merges into one object, whose fit on box slices may stop with
     * two seeds bunched and the third's place empty (15412: 1.72 mm apart, 18531: 4.58 mm) or a seed short with every gap a spacing and a half wide (18330: three seeds 10.6 / 10.9 mm
     * apart for four 7.1-9.3 mm apart, where the object's voxels allowed no fourth; docs/seed-finder.md, twenty-ninth round,
     * seedneedle11). The start only offers the strand's places: the image decides ({@link SeedFinder}). The fitted axes are not
     * asked: on 5 mm slices they stray 34-40° from such a line (18330, 18531), and three or more seeds in line within a seed's
     * diameter and a fit's error already say a strand.
     */
    static List<FoundSeed> evenAlongStrand(List<FoundSeed> seeds, int count) {
        int n = seeds.size();
        if (n < 3 || (count != n && count != n + 1)) {
            return null;
        }
        Vec3 a = null;
        Vec3 b = null;
        double far = -1;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = seeds.get(i).centreMm().minus(seeds.get(j).centreMm()).norm();
                if (d > far) {
                    far = d;
                    a = seeds.get(i).centreMm();
                    b = seeds.get(j).centreMm();
                }
            }
        }
        double spacing = far / (count - 1);
        if (spacing < STRAND_MIN_MM || spacing > STRAND_MAX_MM) {
            return null;
        }
        Vec3 dir = b.minus(a).times(1 / far);
        double[] along = new double[n];
        for (int i = 0; i < n; i++) {
            Vec3 d = seeds.get(i).centreMm().minus(a);
            along[i] = d.dot(dir);
            if (d.minus(dir.times(along[i])).norm() > SLOT_ACROSS_MM) {
                return null;
            }
        }
        Arrays.sort(along);
        double least = Double.POSITIVE_INFINITY;
        for (int i = 1; i < n; i++) {
            least = Math.min(least, along[i] - along[i - 1]);
        }
        if (count == n ? least >= STRAND_MIN_MM : least < STRAND_MIN_MM) {
            return null;
        }
        List<FoundSeed> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new FoundSeed(a.plus(dir.times(spacing * i)), dir, 0, count));
        }
        return out;
    }

    /** The slot {@link #onLine} found, where its z lies {@value #SLOT_OFF_SLICES}-{@value #SLOT_FAR_SLICES} of a slice from {@code c}'s. */
    private static FoundSeed offered(FoundSeed slot, Vec3 c, double sliceMm) {
        if (slot == null) {
            return null;
        }
        double off = Math.abs(c.z() - slot.centreMm().z());
        return off > SLOT_OFF_SLICES * sliceMm && off <= SLOT_FAR_SLICES * sliceMm ? slot : null;
    }

    /**
     * Of the lines through two seeds of {@code others} that pass {@code c} as a needle's strand would (between them for
     * {@link #strandSlot}, beyond the nearer one for {@link #strandEndSlot}: {@code beyond}), the slot on the one passing nearest
     * {@code c} along z, none of {@code not} ({@link #strandSlots}); null where none does.
     */
    private static Line onLine(Vec3 c, List<FoundSeed> others, boolean beyond, List<Line> not) {
        double bestOff = Double.POSITIVE_INFINITY;
        Line best = null;
        for (int a = 0; a < others.size(); a++) {
            for (int b = beyond ? 0 : a + 1; b < others.size(); b++) {
                if (b == a || excluded(not, a, b)) {
                    continue;
                }
                Vec3 pa = others.get(a).centreMm();
                Vec3 ab = others.get(b).centreMm().minus(pa);
                double len = ab.norm();
                double inPlane = Math.hypot(ab.x(), ab.y());
                double least = beyond ? STRAND_MIN_MM : 2 * STRAND_MIN_MM;
                double most = beyond ? STRAND_MAX_MM : 2 * STRAND_MAX_MM;
                if (len < least || len > most || inPlane <= 0
                        || Math.abs(others.get(a).axis().dot(ab)) < SLOT_ALONG * len || Math.abs(others.get(b).axis().dot(ab)) < SLOT_ALONG * len) {
                    continue;
                }
                double t = ((c.x() - pa.x()) * ab.x() + (c.y() - pa.y()) * ab.y()) / (inPlane * inPlane);
                double across = Math.abs((c.x() - pa.x()) * ab.y() - (c.y() - pa.y()) * ab.x()) / inPlane;
                double z = pa.z() + t * ab.z();
                boolean placed = beyond ? (t - 1) * len >= STRAND_MIN_MM && (t - 1) * len <= STRAND_MAX_MM
                        : t >= SLOT_BETWEEN && t <= 1 - SLOT_BETWEEN;
                if (placed && across <= SLOT_ACROSS_MM && Math.abs(c.z() - z) < bestOff) {
                    bestOff = Math.abs(c.z() - z);
                    best = new Line(new FoundSeed(new Vec3(c.x(), c.y(), z), ab.times(1 / len), 0, 1), a, b, beyond);
                }
            }
        }
        return best;
    }

    /**
     * A single seed whose object lies in one thick slice (of any profile; {@link #centred} takes box-like ones), at that slice's
     * centre along z where the fit placed it {@value #OFF_CENTRE_SLICES} of a slice or more from the centre and explains less than
     * {@value #POORLY_EXPLAINED} of the object's signal, and either tilted it out of the slice (axis z-component {@value #TILTED} or
     * more) or the object's metal leans the other way ({@link #leansAway}); else as fitted. On a triangle or Gaussian profile only
     * the seed's tail in a neighbouring slice, below the metal threshold there, tells where in its slice the seed lies; a
     * beam-hardening band through that tail (or a streak in the other neighbour) moves the fit to the wrong side, tilted so that its
     * image reaches into both neighbours, and leaves much of the signal unexplained. The object lying in one slice is what the image
     * does show, and its centre bounds the error by half a slice (docs/seed-finder.md, fifteenth round). {@code metalBySlice} is
     * the object's metal in the slice below, its own and the slice above (asked only of an object in one thick slice).
     */
    static FoundSeed unsupportedInOneSlice(Grid g, Blob b, FoundSeed s, double explained, double[] metalBySlice) {
        if (!offCentreInOneSlice(g, b, s, explained)) {
            return s;
        }
        double off = s.centreMm().z() - g.z(b.k0);
        return Math.abs(s.axis().z()) >= TILTED || leansAway(metalBySlice, off) ? atZ(s, g.z(b.k0)) : s;
    }

    /**
     * Whether a single seed kept off its one thick slice's centre by {@link #unsupportedInOneSlice} stands there on the fit alone:
     * the slice beside it on the fitted side holds less than {@value #BORNE_OUT} of the share of its metal that the offset predicts
     * there ({@link #shareBeyond}, over the seed image's extent along z, {@code imageLengthMm} along the fitted axis), so the metal
     * does not tell on which side of the centre it lies (a band through one tail, or both tails under the low level). Such a seed
     * may lie up to half a slice from the centre either way, and the self-check names it (twentieth round).
     */
    static boolean unsureAlongZ(Grid g, Blob b, FoundSeed s, double explained, double[] metalBySlice, double imageLengthMm) {
        if (!offCentreInOneSlice(g, b, s, explained) || unsupportedInOneSlice(g, b, s, explained, metalBySlice) != s) {
            return false;
        }
        double off = s.centreMm().z() - g.z(b.k0);
        double total = Arrays.stream(metalBySlice).sum();
        return total > 0 && beside(metalBySlice, off) / total
                < BORNE_OUT * shareBeyond(Math.abs(off), Math.abs(s.axis().z()) * imageLengthMm / 2, g.dzMm());
    }

    private static boolean offCentreInOneSlice(Grid g, Blob b, FoundSeed s, double explained) {
        return g.dzMm() >= MIN_SLICE_MM && b.k0 == b.k1 && explained < POORLY_EXPLAINED
                && Math.abs(s.centreMm().z() - g.z(b.k0)) >= OFF_CENTRE_SLICES * g.dzMm() - AT_THE_BAR_MM;
    }

    /**
     * Whether the slice beside a one-slice object away from where its seed was fitted ({@code offMm} from the slice's centre) holds
     * more of the object's metal, by {@value #CONTRADICTED} of it or more, than the slice beside it on the fitted side: the seed's
     * metal spreads into the neighbour it lies towards (triangle and Gaussian profiles, {@link #shareBeyond}), so the metal places it
     * on the other side of the centre. {@code metalBySlice}: below, own, above.
     */
    static boolean leansAway(double[] metalBySlice, double offMm) {
        double total = Arrays.stream(metalBySlice).sum();
        return total > 0 && (beside(metalBySlice, -offMm) - beside(metalBySlice, offMm)) / total >= CONTRADICTED;
    }

    /** The metal of the slice beside a one-slice object on the side of {@code offMm} (above where positive). */
    private static double beside(double[] metalBySlice, double offMm) {
        return metalBySlice[offMm > 0 ? metalBySlice.length - 1 : 0];
    }

    /**
     * The share of a seed's metal that a slice profile of width {@code sliceMm} puts in the neighbouring slice, for a seed whose metal
     * lies evenly along z from {@code offMm - halfExtentMm} to {@code offMm + halfExtentMm} about its slice's centre (towards that
     * neighbour). A triangle profile of base twice the slice (contiguous slices) gives a point {@code u} from the centre the share
     * max(0, u) / T in the slice it leans towards, and a Gaussian of FWHM T nearly the same (0.25 against 0.30 at u = 0.3 T); their
     * shares over the slices add to one. Mean over the extent (21 points).
     */
    static double shareBeyond(double offMm, double halfExtentMm, double sliceMm) {
        int n = 21;
        double sum = 0;
        for (int q = 0; q < n; q++) {
            double u = offMm - halfExtentMm + 2 * halfExtentMm * q / (n - 1);
            sum += Math.max(0, Math.min(1, u / sliceMm));
        }
        return sum / n;
    }

    /**
     * Whether a box slice's metal, {@code inPlaneMm} long in-plane ({@link #inPlaneLengthMm}), says the seed fitted there lies flatter
     * than its fitted axis: longer than the seed's image ({@code imageLengthMm}, learned from the scan's seeds) shows in-plane at that
     * axis, {@code imageLengthMm} √(1 − a²) for axis z-component a, and at least {@value #FLAT_IN_PLANE_MM} mm, more than any slice of
     * a seed lying steeply across the slices reads. Inside a box slice a seed shows its whole in-plane projection, alike wherever it
     * lies along z (docs/seed-finder.md, twenty-fifth round, second part).
     */
    static boolean liesFlatter(double inPlaneMm, FoundSeed s, double imageLengthMm) {
        double a = s.axis().z();
        return inPlaneMm >= FLAT_IN_PLANE_MM && inPlaneMm > imageLengthMm * Math.sqrt(Math.max(0, 1 - a * a));
    }

    /**
     * The in-plane length of a blob's metal in each of its slices ({@code k0} to {@code k1}), mm: √(12 (λ₁ − λ₂)) for λ₁ ≥ λ₂ the
     * eigenvalues of the in-plane second moments of the slice's voxels, each weighted by its CT number over {@code localHu} up to
     * {@code topHu}. A uniform segment of length L has λ₁ = L²/12 along it; the blur and the capsule's width add alike to both,
     * so the difference leaves the segment's in-plane extent. 0 for a slice with no weight.
     */
    static double[] inPlaneLengthMm(Grid g, Blob b, double localHu, double topHu) {
        int n = b.k1 - b.k0 + 1;
        double[] w = new double[n];
        double[] sx = new double[n];
        double[] sy = new double[n];
        double[] sxx = new double[n];
        double[] syy = new double[n];
        double[] sxy = new double[n];
        for (int q = 0; q < b.voxels.length; q++) {
            int k = (int) Math.round((b.z[q] - g.z(0)) / g.dzMm()) - b.k0;
            double e = Math.min(b.hu[q], topHu) - localHu;
            if (e <= 0 || k < 0 || k >= n) {
                continue;
            }
            w[k] += e;
            sx[k] += e * b.x[q];
            sy[k] += e * b.y[q];
            sxx[k] += e * b.x[q] * b.x[q];
            syy[k] += e * b.y[q] * b.y[q];
            sxy[k] += e * b.x[q] * b.y[q];
        }
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            if (w[k] <= 0) {
                continue;
            }
            double mx = sx[k] / w[k];
            double my = sy[k] / w[k];
            double cxx = sxx[k] / w[k] - mx * mx;
            double cyy = syy[k] / w[k] - my * my;
            double cxy = sxy[k] / w[k] - mx * my;
            double gap = Math.sqrt((cxx - cyy) * (cxx - cyy) + 4 * cxy * cxy);
            out[k] = Math.sqrt(12 * gap);
        }
        return out;
    }

    private static FoundSeed atZ(FoundSeed s, double zMm) {
        return new FoundSeed(new Vec3(s.centreMm().x(), s.centreMm().y(), zMm), s.axis(), s.confidence(), s.seedsInBlob());
    }
}
