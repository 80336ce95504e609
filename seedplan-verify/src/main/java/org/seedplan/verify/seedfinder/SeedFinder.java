package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.seedplan.geometry.ConnectedComponents;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Mask;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;

/**
 * Finds implanted seeds on a post-operative CT, in 3D, on scans made by any scanner.
 *
 * <ol>
 * <li>Checks that the volume is a CT in HU with metal in it.</li>
 * <li>Adapts to the scan: soft-tissue level ({@link ScanStats}, median of −200…300 HU); the seeds' level from
 *     seed-sized metal objects only ({@link MetalLevel}: a screw or a coil cannot lift it), at most 3071 HU —
 *     an extended-scale scan is read through the 12-bit window, so seeds look alike on both scales; threshold
 *     40 % of the way from soft tissue to that level. Metal content alone is read unclipped on an extended-scale
 *     scan (a bundle of three seeds saturates the window and would read as two).</li>
 * <li>26-connected components above the threshold, and in air-filled lung above the same share of the way from the object's own
 *     surroundings ({@code inLung}: a migrated seed peaks lower there); objects whose peak stays below {@code minMetalHu} or
 *     below 65 % of the way to the metal level are bone or calcification, unless their metal content
 *     (excess CT number integrated around them above the local background, which partial volume spreads but
 *     does not reduce) reaches half that of the scan's seeds and they are no larger than two seeds; such a faint
 *     object that the model fits badly is bone only with bone within {@value #BONE_NEAR_MM} mm. Objects
 *     far larger than the typical one or than {@value #LARGE_OBJECT_MM3} mm³ are split again at the peak
 *     level, which bone does not reach (a seed touching bone); the bone's voxels are then left out of every
 *     fit. Objects with less than {@value #MIN_CONTENT_SHARE} of a seed's metal (a stent's strut, a wire's
 *     piece) are other metal.</li>
 * <li>Learns one seed's image from the scan's isolated seeds (the up to 20 objects nearest the median
 *     size): a segment blurred by an anisotropic Gaussian point-spread function, clipped at the metal level
 *     ({@link SeedImageModel}); σ in-plane, σ axial, the segment's length (the marker may be shorter than the
 *     capsule) and the amplitude are fitted by least squares.</li>
 * <li>For each object, fits 1, 2, … seeds ({@link BlobSplitter} for starting splits, {@link ImageFitter}
 *     for least squares between observed and predicted CT numbers) and keeps the count with the least
 *     residual + {@value #EXTRA_SEED_MISFIT} × the residual of the scan's single seeds for the second seed and
 *     {@value #FURTHER_SEED_SHARE} of that for each further one (fits also start from parallel bundles); the metal content gives a
 *     second count, independent of the image model, that decides where the fits barely differ (a second seed it adds to one
 *     must still lower the residual by {@value #MIN_EVIDENCE} of a seed's energy; where the metal of a compact object reads two or
 *     more seeds more than the image, the count between them is asked in its place if it fits better); on a clipped scan a
 *     blob fitted as two is three where the 3-seed fit predicts the extent of the clipped plateau better by more than
 *     the scan's single seeds scatter about theirs ({@link Plateau}) and fits better, and on slices under {@value #THICK_SLICE_MM}
 *     mm where, with beam hardening's dark bands between the dense objects of a slice in the model ({@link DarkBands}), three
 *     seeds lying side by side fit better than two by the bar for a further seed (and better at all without the bands); where
 *     none calls three but neither rules it out on slices under {@value #THICK_SLICE_MM} mm, the self-check names it (TWO SEEDS
 *     OR THREE); on clipped slices of {@value #THICK_SLICE_MM} mm or more an object both counts read as one is two where the
 *     two-seed fit lays two steep seeds side by side and the second explains enough of the image ({@code steepPairSideBySide}); an
 *     object counted three whose metal does not read three is two where the fit of two started from the one-seed fit's axis lays
 *     the seeds side by side and leaves the third next to nothing ({@code BlobCount.pairExplainsThird}); on clipped slices under
 *     {@value #THICK_SLICE_MM} mm an object counted two whose voxels at the clip fall short of one seed's plateau holds no two
 *     markers and is one (a clip's legs, {@code Plateau.lessThanOne}). Objects too
 *     large, or large and badly explained with no whole number of seeds' metal, or a rod of metal that no seed or chain
 *     of seeds can be by its content along its in-plane direction (a wire's piece, a clip: {@code rodOfMetal}), are
 *     other metal, classified by shape ({@link MetalShape}); from a large, badly explained one a fitted seed whose own core
 *     the fit explains as a seed's image is read out ({@code BlobCount.wellFitted}: a seed merged with a stent's struts; a seed
 *     whose core overlaps no other fitted seed's by lower bars), and
 *     where two fitted seeds share core voxels and neither is read out alone, one seed in their place that explains both
 *     cores so (one seed fitted twice); a fitted seed whose core the fit explains closely but under those bars is named in
 *     the self-check ({@code BlobCount.closelyFitted}).</li>
 * <li>Centre and axis of each seed: the fitted segment (starting values from principal axes, Jolliffe,
 *     Principal Component Analysis, 2nd ed., 2002); on thick box-like slices a blob within one slice at that
 *     slice's centre along z ({@link SliceCentring}). Confidence from the share of the signal explained and
 *     how clearly the count beats its neighbours.</li>
 * <li>Seeds within {@value #PREVIOUS_MATCH_MM} mm of a given earlier implant's seed (one-to-one) are that
 *     implant's and listed apart. With an expected count, changes blob counts one at a time where the fit
 *     allows it, noting each change, and reports what stays unreconciled; seeds read out of other metal or built of two
 *     halves count once towards it.</li>
 * <li>The self-check ({@link SelfCheck}) says first what a clinician must look at, naming each counted seed within
 *     {@value #TOUCHING_METAL_MM} mm of other metal.</li>
 * </ol>
 * The method is analysis by synthesis with a model learned from the scan; docs/verify.md and
 * docs/seed-finder.md give the details and the accuracy measured on two independent synthetic benches.
 */
public final class SeedFinder {

    /**
     * Top of the window through which the finder reads CT numbers, HU: the 12-bit scale's 3071. Seeds saturate
     * there on clipping scanners; an extended-scale scan is clipped to it so that seeds look alike on both.
     */
    static final double WORKING_TOP_HU = 3071;
    /**
     * Least metal content of a seed as a share of the scan's median object: a stent strut or a clip's leg holds a
     * tenth to a quarter of a seed's metal, a seed cut by the scan's edge or thinned by partial volume keeps most of it.
     */
    static final double MIN_CONTENT_SHARE = 0.35;
    /** Least metal content per seed of a blob counted as several seeds, in seeds: a seed split in two holds half. */
    static final double MIN_CONTENT_PER_SEED = 0.6;
    /**
     * The share of the first estimate of one seed's metal under which the single seeds' median replaces it
     * ({@link #singleSeedContent}): where the first estimate is one seed's, the objects of a typical object's size read 0.9–1.0 of
     * it on the seen scans (the least, all-implant 4716, 5 mm Gaussian 12-bit: 0.897); where pairs and merged needle seeds drew it
     * up, 0.45 (617) and 0.618 (4717, 5 mm Gaussian extended: the singles' median there about 78 300 HU·mm³, the same cell's on 4617
     * 78 339, the first estimate 126 771). The eighth round asked under {@value #MIN_CONTENT_PER_SEED}, which 4717 passed by 0.018
     * and lost 5 needle seeds as other metal holding about half a seed's metal (docs/seed-finder.md, forty-third round).
     */
    static final double SINGLES_OF_THE_ESTIMATE = 0.75;
    /** The object threshold's share of the way from the surroundings' level to the seeds' level. */
    static final double OBJECT_THRESHOLD_SHARE = 0.4;
    /**
     * Air, HU: the lowest level a seed's surroundings can have; the object threshold's share measured from it bounds from below
     * the threshold about any lung ({@link #inLung}).
     */
    static final double AIR_HU = -1000;
    /**
     * Highest CT number, HU, that 9 in 10 voxels of an object's surrounding ring may reach for the object to lie in air-filled lung
     * ({@link #inLung}): midway between soft tissue (about 40 HU) and lung (about −850 HU) rounded down, so that a ring with bone or
     * soft tissue on one side (a rib's or vertebra's cortex beside lung, a fissure, the pleura) is not lung (docs/seed-finder.md,
     * twenty-fourth round).
     */
    static final double LUNG_RING_MAX_HU = -500;
    /** Share of the ring's voxels, sorted by CT number, that must lie at or below {@link #LUNG_RING_MAX_HU} (the 90th centile). */
    static final double LUNG_RING_CENTILE = 0.9;
    /**
     * How much residual, in one seed's signal energy, the content count may cost when it lowers the fitted count
     * (the image model is the finder's, the content is the scan's: on scans made differently the model splits seeds).
     */
    static final double CONTENT_OVERRULES = 0.5;
    /** Most seed volumes of a badly fitted blob that its metal content may still declare seeds. */
    static final double MAX_MISFIT_SEEDS = 4;
    /**
     * Shortest length of a seed's image the finder learns, mm: the radio-opaque marker inside the capsule (a silver
     * rod of 3 mm in 6711-type seeds) makes most of the image, so the image may be shorter than the capsule. A
     * length within {@value #CAPSULE_LENGTH_SHARE} of the capsule's is taken as the capsule's (the search cannot
     * reach its end point, and a uniform seed's image is the capsule's length).
     */
    static final double MIN_IMAGE_LENGTH_MM = 2.5;
    /** Share of the seed's length above which a learned image length is the seed's own. */
    static final double CAPSULE_LENGTH_SHARE = 0.9;
    /** A slice profile this many times wider than the slice spacing or more makes an overlapping reconstruction. */
    static final double OVERLAPPING_PROFILE = 1.2;
    /** Typical volume of one seed's blob above the threshold, mm³ (for telling a coil from a few seeds). */
    static final double SEED_BLOB_MM3 = 25;
    /** A found seed within this distance of a seed of the earlier implant is that seed, mm (seeds move a few mm after implant). */
    public static final double PREVIOUS_MATCH_MM = 4;
    /**
     * How much an extra seed in a blob must lower the residual, in units of the residual the scan's single seeds leave
     * under one seed (median over single-seed-sized blobs): how well the model fits this scan sets the bar.
     */
    static final double EXTRA_SEED_MISFIT = 0.8;
    /**
     * The bar for each seed beyond the second, as a share of the bar for the second: a second seed absorbs the misfit the
     * model leaves on one seed, but beside two fitted seeds (ten free parameters) little misfit is left for a superfluous
     * third to absorb, while a bundle's missing third seed shows as a whole seed's halo.
     */
    static final double FURTHER_SEED_SHARE = 0.5;
    /** The least that bar may be, in one seed's signal energy (a scan the model fits to its noise). */
    static final double MIN_EXTRA_SEED_SHARE = 0.02;
    /**
     * How near a whole number of seeds a blob's unclipped metal content must be for that number to decide its count, in
     * seeds (measured unclipped: single seeds 0.9–1.05, pairs 1.9–2.1, bundles of three 2.9–3.3).
     */
    static final double UNCLIPPED_CONTENT_TOLERANCE = 0.3;
    /** Objects larger than this many typical objects are split again at the peak level (seeds touching bone). */
    static final double LARGE_OBJECT_FACTOR = 8;
    /** Objects larger than this are split again at the peak level too, however many there are (a screw in a vertebra), mm³. */
    static final double LARGE_OBJECT_MM3 = 600;
    /** A blob of at most 1.5 single-seed volumes fitted by one seed to within this share of a seed's energy is one seed. */
    static final double SINGLE_FIT = 0.1;
    /**
     * Least share of the signal energy around a blob that its seeds must explain, for blobs of more
     * than two seed volumes (less: other metal) and for faint blobs beside bone (less: bone).
     */
    static final double MIN_EXPLAINED = 0.6;
    /**
     * Share of the single seeds' unclipped peak below which a badly fitted object on an extended-scale scan is lighter
     * metal (nitinol or steel struts and wires against a seed's silver or gold marker).
     */
    static final double LIGHT_METAL_PEAK_SHARE = 0.4;
    /** Axis-to-axis distance of seeds lying side by side, mm: one seed's diameter (0.8 mm for the common I-125 models). */
    static final double SEED_DIAMETER_MM = 0.8;
    /**
     * Least metal per fitted seed, in seeds, of three seeds (four: {@link #CHAIN_FOUR_EXPLAINED}) fitted {@link #CHAIN_APART_MM}
     * or more apart on thick slices (a strand along a needle) for the last to stand on a small gain ({@link #CHAIN_SEED_GAIN}): on
     * the seen 5 mm scans the objects so fitted once too often (two needle seeds of a strand, pairs end to end) read 0.58-0.78
     * seeds each, right ones 0.72 and up; no right one's third seed gained under 0.2 of a seed's energy, so this bar (the metal
     * does not hold three) is not measured on the side it keeps (docs/seed-finder.md, twenty-third round). Three are asked on thin
     * slices too (all-implant 3908: two flat needle seeds merged through 2.5 mm slices, 0.79 a seed each; thirty-fifth round).
     */
    static final double CHAIN_CONTENT_PER_SEED = 0.85;
    /**
     * What the third seed of such a chain must lower the residual by, in one seed's signal energy, where its metal reads under
     * {@link #CHAIN_CONTENT_PER_SEED} a seed: the objects fitted once too often on the seen 5 mm scans lowered it by
     * 0.036-0.158, the chains of three under the content bar that hold three seeds by 0.234 or more (tuning scan 15412's, whose
     * third seed is misplaced but real: dropped at 0.25, a seed was lost; docs/seed-finder.md, twenty-third round). Also what a
     * seed added to a strand from its even spacing must lower it by ({@code refitAlongOwnStrand}): 18330's fourth seed 0.677, the
     * 17 other such offers on the 5 mm scans of nine seen sets (17400-18535) at most 0.039 (twenty-ninth round, seedneedle11). And
     * what each seed added from a strand's own slices must lower it by ({@link #seedsInOwnSlices}): 18612's two, 0.744 each, the one
     * such offer on the 5 mm scans of sixteen seen sets (15400-18835; thirtieth round, seedneedle12).
     */
    static final double CHAIN_SEED_GAIN = 0.2;
    /**
     * How far apart fitted seeds' centres must lie for the chain rule ({@link #CHAIN_CONTENT_PER_SEED}), mm: two seeds' diameters.
     * Side by side or bundled, seeds share a saturated core that hides metal on a clipped scan and the third seed gains little
     * (right bundles of three on the seen 5 mm scans read 0.60-0.72 seeds each, fitted 0.57-0.86 mm apart at the closest).
     */
    static final double CHAIN_APART_MM = 2 * SEED_DIAMETER_MM;
    /**
     * Farthest apart the fitted seeds of three may lie, mm (the farthest two centres), for the chain rule
     * ({@link #CHAIN_CONTENT_PER_SEED}) to leave them alone as a clump. The rule exists for one seed too many in a strand through
     * thick slices: two needle seeds lie a capsule's length and a spacer apart or more, and a seed across a box slice's boundary is
     * fitted once in each slice, so the three fitted seeds of such a strand spread over about a capsule or more (seen 5 mm scans:
     * 4.10 mm and up, strands 8.5 mm and up). A clump's three seeds lie side by side, within a seed's diameter and a little along
     * their axes of each other (the bench's clumps: 1.3 mm at most), and fitted on 5 mm slices 1.9 mm apart at most (16330, whose
     * clump the rule lowered to two with a seed lost at gain 0.133). The bar sits 1.08 mm over that clump and 1.10 mm under the
     * nearest three the rule lowers rightly (all-implant 2212's steep side-by-side pair fitted as three, 4.10 mm);
     * docs/seed-finder.md, twenty-fourth round, chaintight.
     */
    static final double CHAIN_CLUMP_SPREAD_MM = 3.0;
    /**
     * Least share of one seed's energy by which, on a clipped scan with slices of {@value #THICK_SLICE_MM} mm or more, the third seed
     * of an object counted as two, fitted within {@link #CHAIN_CLUMP_SPREAD_MM} of the other two, must lower the misfit for the
     * self-check to name the object (TWO SEEDS OR THREE; never counted). A clump's third seed hides in the other two's saturated
     * core, and what it explains is the shoulder outside the core; side-by-side pairs fitted as three gain as much (up to 0.065 on
     * the seen scans), so the count cannot take it. On the seen 12-bit scans of 5 mm the clumps counted two and named gain
     * 0.0134-0.1009, those left unnamed 0.0072 at most; of the objects holding no missed seed the nearest under the bar gains 0.0065,
     * eight over it 0.0137-0.0645 (false lines): thin on both sides (docs/seed-finder.md, twenty-fifth round, seedclump6).
     */
    static final double CLUMP_NAMED_GAIN = 0.01;
    /**
     * Longest extent of an object, in seed lengths along its first principal axis (voxel centres), for which the count between
     * the image's and the metal's is asked where the metal reads two or more seeds over the image: a bundle's seeds lie side by
     * side within about one length (the objects it changed on the seen 5 mm scans 3.3–5.3 mm, every compact one asked 0.8–6.4 mm);
     * a row of seeds or a wire reaches farther, each seed or piece showing its own image, and there the image's count stands
     * (needle strands over 4–7 slices 16–31 mm; the 40 mm wire of ChainsOfSeedsTest, fitted as five, was read six by a fit 0.007 of
     * a seed's energy better and fell under the wire test's metal per seed).
     */
    static final double COMPACT_EXTENT_SEEDS = 2;
    /**
     * Share of an object's signal energy under which four seeds fitted across thick slices ({@link #CHAIN_APART_MM} apart or more,
     * under {@link #CHAIN_CONTENT_PER_SEED} a seed's metal each) are asked whether the fourth stands on a small gain
     * ({@link #CHAIN_SEED_GAIN}), as three always are. A needle seed lying across a box slice's boundary shows its part in each
     * slice evenly through that slice, which no fitted seed's Gaussian blur along z reproduces: the seen objects of four fitted with
     * one seed in each slice explained 0.50-0.91 (tuning scans and scenes); four seeds of a needle loaded 5 mm apart along z,
     * one seed in each slice, each its own image, explain 0.991-0.994 and gain as little (ChainsOfSeedsTest). On the seen bench
     * scans no right object of four gained under the bar, so this bar's keep side rests on that scene alone
     * (docs/seed-finder.md, twenty-fourth round).
     */
    static final double CHAIN_FOUR_EXPLAINED = 0.95;
    /**
     * Least share of one seed's signal energy by which the fit of an object started with a seed in its strand's slot
     * ({@link SliceCentring#strandSlot}) must lower the misfit to replace the fit as first found ({@code refitFromStrands}). On the
     * seen 5 mm scans of the sets 17200-17900 (34 objects offered a slot) the one misplaced needle seed it corrects gained 0.314
     * (17215), every other start 0.025 or less, 20 of them nothing (docs/seed-finder.md, twenty-seventh round, seedneedle9).
     */
    static final double STRAND_START_GAIN = 0.1;
    /**
     * Least share of one seed's signal energy by which, on thick box-like slices ({@link SliceCentring#applies}), the fit started
     * with a seed in its strand's slot must lower the misfit to replace the fit as first found ({@code refitFromStrands}): none, a
     * fit as good as the first is taken. A box slice shows a seed wholly inside it alike wherever it lies along z (the premise of
     * {@link SliceCentring}), so two fits that place it at two heights inside its slice explain the image alike, and the first fit's
     * height there follows noise and the other seeds' metal; the needle's strand is the only word on it. 18131 (5 mm box extended):
     * a needle's end seed fitted 3.35 mm below its truth, the fit from its end slot 1.05 mm from it and 0.007 of a seed's energy
     * better (docs/seed-finder.md, twenty-eighth round, seedneedle10).
     */
    static final double STRAND_START_GAIN_BOX = 0;
    /** Step along z of a seed's misfit read between its fit and its strand's slot ({@code acrossARidge}), mm: a tenth of a seed's length. */
    static final double RIDGE_STEP_MM = 0.25;
    /** Most seeds fitted from a parallel bundle start (a pair side by side, three or four bundled). */
    static final int MAX_BUNDLE = 4;
    /**
     * How near bone a faint, badly fitted object is taken for bone rather than a seed averaged over thick slices, mm in-plane
     * (on the tuning scans such seeds in soft tissue had no bone within 5 mm; the cortex pieces taken for seeds touched it).
     */
    static final double BONE_NEAR_MM = 5;
    /**
     * How far in-plane from its centre a faint, badly fitted object may join other voxels at the low level (0.15 of the way to the
     * metal level, on its slices and two beyond) and still stand alone, mm: a seed's image reaches 1.1–5.1 mm on the seen
     * all-implant and matrix scans (6.8 for one fitted 2.5 mm off), a stent's struts crossing 9.5 mm or more (docs/seed-finder.md,
     * seventeenth round).
     */
    static final double FAINT_REACH_MM = 8;
    /**
     * Share of the way from the background to the metal level under which an object counted as seeds (one or more) on slices under
     * {@link #THICK_SLICE_MM}, standing alone, fitted badly and joined at the low level to metal reaching past {@link #FAINT_REACH_MM},
     * is a piece of a stent's struts ({@link #strutPiece}): on the seen all-implant scans and scenes (2.5 mm box) a stent's bridge
     * with the two rings' apices it joins rises 0.65–0.75 of the way, a seed touching or beside the stent to the metal level (1.0 on
     * 12-bit scans, more unclipped). Thick slices are not asked: there a flat seed's marker is averaged through the slice (draw
     * 2072's head seed, 5 mm: 0.85) (docs/seed-finder.md, thirty-second round, seedstent14). Objects counted as two are asked too:
     * all-implant 3906's bridge piece read 2.38 seeds' clipped metal, was fitted as two and peaked at 0.651 (thirty-fifth round,
     * seedclip16).
     */
    static final double STRUT_PEAK_SHARE = 0.875;
    /**
     * On an extended scale, the share of the single seeds' median peak a piece split off an object shaped as a wire must reach to be
     * a seed's marker, not the wire's own metal: the bench's steel wire peaks at 0.59–0.66 of it, a seed beside a stent whose struts
     * read as a wire at 1.33 (docs/seed-finder.md, seventeenth round).
     */
    static final double WIRE_MARKER_SHARE = 0.85;
    /**
     * A found seed whose axis (over the capsule's length) comes this near the voxels of other metal is flagged in the
     * self-check, mm from the voxels' boxes: the voxels above the threshold reach past the metal's surface by the blur, so
     * this is a seed touching the metal or within about a millimetre of it, whose blob may have been cut from the metal's, or
     * a piece of the metal read as a seed.
     */
    static final double TOUCHING_METAL_MM = 1.0;
    /**
     * Least slice thickness (the slice profile's FWHM, not the spacing) on which a blob fitted as several seeds in a row may be
     * read as a rod of metal, mm: on thinner slices a wire is one long object (too large to be seeds), and on 1.25 mm
     * box-profile 12-bit tuning scans two seeds touching end to end, their markers saturated, read as a rod
     * (docs/seed-finder.md, seventh round).
     */
    static final double THICK_SLICE_MM = 3;
    /**
     * Least metal, in seeds, that a stent must hold beyond what its symmetry explains for the self-check to name it (a seed half
     * hidden in the metal's saturated blur still shows half its metal beside it).
     */
    static final double HELD_SEED_SHARE = 0.5;
    /**
     * The same for a screw or rod: a seed touching a screw's head on 12-bit box-profile slices shows 0.35-0.45 of its metal beside
     * the head, the rest hidden in the head's saturated blur (docs/seed-finder.md, tenth round).
     */
    static final double SCREW_HELD_SEED_SHARE = 0.3;
    /**
     * Share of the way from the background to the metal level by which a voxel of a stent must rise above its mirror image to be
     * asymmetric: above what bone beside the metal adds (cortex at about 1800 HU, 0.58 of the way on a 12-bit scan) with the blur's
     * and the streaks' differences (docs/seed-finder.md, eighth round).
     */
    static final double ASYMMETRIC_SHARE = 0.8;
    /**
     * The same for a screw or rod, which its reflection mirrors exactly: a seed touching a screw's head saturates with the head's
     * blur, and on 2.5 and 5 mm Gaussian slices its voxels rise at most 0.72-0.76 of the way above their mirror images (the head's
     * blur at the seed's distance from the axis); bone that rises as far is told by {@link SeedsInMetal.Excess#boneOrDarkBand}. A
     * stent's half turn is exact only for an axis along z: started from 0.7 and named from 0.3 of a seed, its pieces were named 5
     * times on 3 of the 378 stent scans of the tuning matrix with no seed in them (docs/seed-finder.md, tenth round).
     */
    static final double SCREW_ASYMMETRIC_SHARE = 0.7;
    /**
     * The same for a piece beside a screw's head, named with its own line: the seeds touching the head (gap 0) on 5 mm triangle
     * 12-bit slices of the scenes of {@code SeedsAtOtherMetalRun}, which no piece of {@link #SCREW_ASYMMETRIC_SHARE} named, rise
     * 0.67-0.69 of the way (tuning and 2027 layouts; 0.56 on 5 mm Gaussian slices of the 2028 layout), and so do those of draw 2043
     * on 2.5 mm triangle and Gaussian slices (0.687-0.690, both scales; asked on slices of every thickness since the twenty-third
     * round, on 3 mm or more before); beside the shaft cortex and bands rise 0.50-0.68 on the 5 mm tuning scans, and are told apart
     * by the object's width there ({@link #HEAD_WIDTH}; docs/seed-finder.md, twelfth round) or, where the screw enters the bone
     * beside its head, by the bone beyond them (twenty-third round).
     */
    static final double HEAD_ASYMMETRIC_SHARE = 0.5;
    /**
     * Least width of the object where a faint piece lies, over its median width along its length ({@link
     * SeedsInMetal.Excess#widthBeside}), for the piece to lie beside a screw's head: the seeds touching the head in the scenes give
     * 1.10-1.31 (tuning layout and layouts drawn from 2027, 2028 and 2029), the faint pieces of bone and bands on the 5 mm screw scans
     * of the tuning matrix and the all-implant scans (beside the shaft, or on other rods) 0.51-0.87 (docs/seed-finder.md, twelfth
     * round) and, on 11416 (a set added to the tuning data since), 1.00 beside the shaft: half-way between (thirteenth round).
     */
    static final double HEAD_WIDTH = 1.05;
    /**
     * Least dip of the CT number between a piece of a screw or rod and the bone beyond it ({@link SeedsInMetal.Excess#dipBeforeBone},
     * a share of the metal level above the background) for the piece to be named although bone lies beyond it, on 12-bit slices
     * thinner than {@value #THICK_SLICE_MM} mm (where nothing is counted out of metal and the tuning matrix's screws lie): a seed
     * beside a screw's shaft with 2-3 mm of soft tissue between it and the vertebra's cortex dips 0.26-0.51 (gaps 0-0.25 mm, 1.25
     * and 2.5 mm slices, scenes drawn from 2029); the 308 pieces taken for bone or a band on the 252 screw scans of those cells in
     * the tuning matrix 0.10 or less (docs/seed-finder.md, twelfth round, the 2029 scenes).
     */
    static final double BONE_APART_DIP = 0.2;
    /**
     * Least number of voxels at the clip, and their least reach along the screw's axis, mm, of a piece of a screw or rod on 12-bit
     * slices thinner than {@value #THICK_SLICE_MM} mm to be named although bone lies beyond it ({@link
     * SeedsInMetal.Excess#saturatedRidge}): a seed 0.5-1 mm from a screw's shaft with the vertebra's cortex 1-2 mm beyond it gives
     * 7-13 voxels reaching 2.48-3.26 mm (scenes drawn from 2029); the pieces of cortex or the screw's own edge taken for bone on
     * the tuning matrix's 372 screw scans of those cells and the 42 such all-implant scans with no dark band beside them hold at
     * most 6 such voxels, and those reaching farthest (2.16 mm) 5-6 (docs/seed-finder.md, thirteenth round).
     */
    static final int RIDGE_VOXELS = 7;
    static final double RIDGE_MM = 2.4;
    /**
     * On slices of {@value #THICK_SLICE_MM} mm or more (either scale) a piece of a screw or rod with bone beyond it is named where
     * the CT number dips at least this far before the bone ({@link SeedsInMetal.Excess#dipBeforeBone}) and at least {@value
     * #THICK_DIP_VOXELS} of its voxels stand at the clip: the seeds beside the shaft on 5 mm slices (scenes drawn from 2029, gaps
     * 0.25-0.5 mm) dip 0.35-0.48 with 3-4 voxels at the clip; of the cortex's pieces with no dark band on the 5 mm screw cells of
     * the tuning matrix and the all-implant scans, those dipping 0.3 or more (up to 0.35) hold at most one voxel at the clip, and
     * those with 3 or more dip at most 0.18 (docs/seed-finder.md, thirteenth round).
     */
    static final double THICK_APART_DIP = 0.3;
    static final int THICK_DIP_VOXELS = 3;
    /**
     * On slices of {@value #THICK_SLICE_MM} mm or more (either scale) a piece of a screw or rod with bone beyond it and no dark band
     * is also named where at least {@value #SATURATED_ALONE_VOXELS} of its voxels stand at the clip while their mirror images lie low
     * enough for them to rise {@value #SATURATED_ALONE_SHARE} of the way from the background to the metal level above them ({@link
     * SeedsInMetal.Excess#saturatedAlone}): they saturate on their own, which the screw's mirrored blur with cortex beside it cannot
     * make and cortex alone (about 1 800 HU, 0.59 of the way on a 12-bit scan) does not reach. A seed beside the shaft on the cortex's
     * side, merged with the cortex into one piece of 3-9 seeds' metal with no dip before the bone, gives 3-8 such voxels on 5 mm
     * slices (the scenes drawn from 2039 and 2040, gaps 0-1.5 mm, every profile and scale); the second-highest of its voxels at the
     * clip stands 0.857-1.006 of the way above its mirror image (lowest: draw 2040, gaps 0 and 0.25 mm, where the mirror images lie at
     * 260-640 HU and the twenty-first round's 0.9 named none). The 745 pieces with bone beyond them and no dark band on the 5 mm
     * screw scans of the seed matrix's tuning sets (100-153, 200-253, 9100-11835, 12600-15235), the all-implant scans 300-317,
     * 600-617 and 900-2317 and the scenes drawn from 2027-2042 that lie at no seed: at most 0.671 (scene draw 2041, gap 0.25 mm,
     * 5 mm triangle), a single voxel up to 1.04. The share lies near the middle, 0.107 above the one and 0.079 under the other
     * (docs/seed-finder.md, twenty-first and twenty-second rounds).
     */
    static final double SATURATED_ALONE_SHARE = 0.75;
    static final int SATURATED_ALONE_VOXELS = 2;
    /**
     * A dark band beyond the mirror image of a piece of a screw or rod with no bone beyond it explains the piece (the screw's own
     * edge rising above its darkened mirror image) only where the band lies at least this deep below the local background (a share
     * of the metal level above the background, {@link SeedsInMetal.Excess#bandDepth}) or the piece's centre lies nearer its axis than
     * {@value #BEYOND_RADIUS} of the screw's median radius ({@link SeedsInMetal.Excess#radiusShare}); else it is named. A seed
     * beside a screw's shaft on the side away from the vertebra's cortex, with the band between the screw and the cortex beyond the
     * mirror image, gives a band 0.106-0.128 deep and 0.98-1.30 of the radius (the ten shaft seeds lost with no line on the scenes
     * drawn from 2031, gaps 0-0.5 mm, 12-bit 1.25-5 mm and 5 mm extended); the 31 pieces holding 0.3 of a seed's metal or more that
     * only a band explains on the seed matrix's tuning sets 100-153, 200-253 and 12600-12835 and all-implant 1400-1617 lie 0.167 of
     * the way deep or deeper and at 0.41-0.96 of the radius; the two past 0.9 of it (12618, 12702, 1.25 mm 12-bit) 0.167 and 0.248
     * deep (docs/seed-finder.md, fourteenth round, the 2031 shaft seeds).
     */
    static final double SHALLOW_BAND = 0.15;
    static final double BEYOND_RADIUS = 0.9;
    /**
     * A piece of a screw or rod with no bone beyond it that a dark band beyond its mirror image would explain is still named where
     * it holds at least {@value #SEED_SIZED_SEEDS} seed's metal and one seed's image, fitted to its residual ({@link
     * SeedsInMetal.Excess#locate}), explains at least {@value #SEED_SIZED_EXPLAINED} of the residual's energy: a seed beside the
     * shaft. The band's work is the screw's own edge rising above its darkened mirror image, shaped as the screw's edge and not as a
     * capsule. The four shaft seeds lost with no line on 5 mm Gaussian slices of the scenes drawn from 2033 (12-bit gaps 0, 0.25,
     * 0.5 mm, extended 0.25 mm; band 0.169-0.193 of the way deep, 0.82-0.94 of the screw's radius) hold 1.19-1.33 seeds and are
     * explained 0.867-0.879; the pieces only a band explains on the seed matrix's tuning sets 100-135, 200-235, 12600-12835,
     * 13200-13435 and all-implant 300-1717 holding 0.3 of a seed or more are explained at most 0.719 (312, 0.55 seeds) and, those holding a seed or more, at most
     * 0.625 (1413); those explained 0.6 or more hold at most 0.90 (1013) (docs/seed-finder.md, sixteenth round).
     */
    static final double SEED_SIZED_SEEDS = 1.0;
    static final double SEED_SIZED_EXPLAINED = 0.75;
    /**
     * A piece of a screw or rod with bone beyond it is named where it holds {@value #SEED_SIZED_SEEDS}-{@value
     * #SEED_AT_BONE_MAX_SEEDS} seeds' metal, at least {@value #SEED_AT_BONE_CLIP_VOXELS} of its voxels stand at the clip and one
     * seed's image explains {@value #SEED_SIZED_EXPLAINED} of its residual or more: a seed beside the shaft with the vertebra's cortex
     * beyond it, its capsule saturating along its core, with the cortex it saturates with. The shaft seed lost with no line on the
     * scene drawn from 2035 at gap 1 mm (2.5 mm Gaussian 12-bit: soft tissue dips 0.13 of the way before the cortex, under {@value
     * #BONE_APART_DIP}, and its 5 voxels at the clip are no ridge of {@value #RIDGE_VOXELS}) holds 1.78 seeds with 5 voxels at the
     * clip, explained 0.862. Of the pieces taken for bone on the tuning screw scans (seed matrix 100-135, 200-235, 12600-12635,
     * 13500-13535, 13800-14035, all-implant 1600-1617, 1700-1717, 1800-1817, 1900-1917) and the scenes drawn from 2027-2035, those
     * passing the other two bars hold at most 2 voxels at the clip (13910, 14010, 12610, 13506, 13526), are explained at most 0.726
     * (13500, 1.25 mm box 12-bit) or hold 3.26 seeds or more (the cortex where the screw crosses it on 5 mm triangle slices of the
     * scenes) (docs/seed-finder.md, eighteenth round).
     */
    static final double SEED_AT_BONE_MAX_SEEDS = 2.5;
    static final int SEED_AT_BONE_CLIP_VOXELS = 3;
    /** Least size of a saturated core split off bone, as a share of the typical object's voxels, for {@code coreBesideBone}. */
    static final double SPLIT_CORE_SHARE = 0.5;
    /** Least metal of such a core read against the scan's background, in seeds. */
    static final double SPLIT_CORE_SEEDS = 0.5;
    /**
     * On slices of {@value #THICK_SLICE_MM} mm or more, an object split off bone at the peak level and rejected as too small or too
     * light for a seed is named (METAL MAY HIDE A SEED) where it peaks this far of the way from the background to the metal level or
     * farther: on the 5 mm cells of tuning sets 10000-10235 and 12600-12835 the seven such objects rising 0.73-1.0 of the way lay
     * within 2.2 mm of a seed touching the vertebra's cortex, averaged with the bone through the slice (six of them missed), and
     * the pieces split off the screws' objects rose 0.65-0.68 (docs/seed-finder.md, fourteenth round).
     */
    static final double PEAK_BESIDE_BONE = 0.7;
    /**
     * Where the piece so named tells where the seed lies, the seed is counted there, not named (where no counted seed lies within a
     * seed's length): a piece in two slices is a seed across their boundary; a piece in one slice peaking this far of the way from the
     * background to the metal level or farther is a seed's core in that slice (half a seed does not reach the clip). On the seen 5 mm
     * scans the one-slice cores at missed seeds touching bone peak 0.987 (19732) and 1.0 (all-implant 3712, 3512), the one-slice halves
     * of seeds lying at a boundary 0.756 (19230, 2.47 mm off its slice's centre, named 2.64 mm from it) and 0.795 (16814): those stay
     * named, their seed at either boundary. A piece of a darkened slice ({@code inDarkenedSlice}) is counted at the boundary toward
     * the slice where the bone goes on under it ({@link #boundaryTowardBone}). No piece of bone's object alone was named on the seen
     * scans (docs/seed-finder.md, thirty-fourth round, seedbone15).
     */
    static final double BONE_CORE_AT_CLIP = 0.9;
    /** Confidence of a seed counted at a named piece of bone's object (its image not fitted). */
    static final double BONE_PIECE_CONFIDENCE = 0.25;
    /**
     * ... or where it rises this far of the way from the background to the metal level above the bone beside it ({@code
     * boneBeside}: the median of the voxels between the threshold and the peak level on the in-plane border two voxels outside the
     * object's box, on its slices, where at least {@value #BONE_BESIDE_VOXELS} are), however high it peaks: where a screw's dark
     * bands darken the cortex's slices, the half of a seed touching it at a slice boundary lifts it above the bone beside it without
     * reaching the seeds' level. 14214 (5 mm triangle 12-bit, the seed 2.3 mm from its slice's centre): a 2-voxel piece peaking 2150
     * HU (0.696 of the way) over bone at 1411 HU, 0.244 of the way above it, 4 bone voxels beside it; the two pieces of seeds touching
     * bone already named by the peak (12616, 14032) rise 0.238 and 0.278 (13832's only 0.147: the peak names it); the pieces split
     * off the screw's object on the 5 mm scans (12-bit and extended) of 12600-14300, all-implant 1600-2017 and the scenes drawn from
     * 2034-2036 rise 0.056-0.149, two pieces at the cortex 0.071-0.084 (docs/seed-finder.md, nineteenth round).
     */
    static final double RISE_ABOVE_BONE = 0.2;
    static final int BONE_BESIDE_VOXELS = 3;
    /**
     * On slices of {@value #THICK_SLICE_MM} mm or more, the least and most metal, in seeds, of a small object standing alone and not
     * counted that is named as half a seed lying across the boundary of two slices (METAL MAY HIDE A SEED): each slice then holds
     * about half the seed's metal. The missed needle seeds' halves on the seen 5 mm scans hold 0.46–0.59; no other object there
     * standing alone within {@link #HALF_SEED_REACH_MM} is held out by these bounds alone (docs/seed-finder.md, nineteenth round).
     */
    static final double HALF_SEED_LEAST = 0.4;
    /** See {@link #HALF_SEED_LEAST}. */
    static final double HALF_SEED_MOST = 0.65;
    /**
     * How far in-plane from its centre such a half seed may join other voxels at the low level and still stand alone, mm: half a
     * capsule and the blur. The missed needle seeds' halves on the seen 5 mm scans reach 0.80–2.04 mm; the nearest other object
     * holding half a seed's metal reaches 3.30 mm (all-implant 312 and 1812, 5 mm box), the clips 3.74, a stent's struts 8 or more
     * (thin margin on the alarms' side; docs/seed-finder.md, nineteenth round).
     */
    static final double HALF_SEED_REACH_MM = 3;
    /**
     * Two seeds counted in one object on slices of {@value #THICK_SLICE_MM} mm or more are named as perhaps one (TWO SEEDS OR ONE)
     * where they lie within this in-plane distance, mm, ...
     */
    static final double PAIR_IN_PLANE_MM = 1.0;
    /** ... at least this far apart along z, mm (farther than a 4.5 mm capsule's image reaches along z from one place), ... */
    static final double PAIR_APART_MM = 4;
    /**
     * ... and the second seed lowers the residual by less than this share of a single seed's image energy. A seed touching a stent on
     * 5 mm triangle slices, counted as two with the struts' metal, gives 0.19; the 89 pairs so placed on the 5 mm scans of the tuning
     * matrix (needle seeds along z; no seed lies at metal there) give 0.23 or more, those on the 5 mm all-implant scans 0.4 or more
     * (docs/seed-finder.md, twelfth round).
     */
    static final double PAIR_GAIN = 0.2;
    /** Share of the single seeds' unclipped peak that a piece's residual must reach on an extended-scale scan to be counted. */
    static final double DENSE_SHARE = 0.5;
    /**
     * And at least this many times the 12-bit window's height above the background: no bone reaches the window's top, and on 5 mm
     * slices, where a seed's unclipped peak is low, a vertebra's cortex beside a screw rose 3100 HU above its mirror image.
     */
    static final double DENSE_OVER_WINDOW = 1.25;
    /**
     * Least metal, in seeds, of a piece whose residual is a seed marker's (extended scale) for the self-check to name it: most of a
     * seed touching a screw's head hides in the head's blur on thick slices.
     */
    static final double MARKER_SEED_SHARE = 0.25;
    /**
     * Least share of a single seed's voxels in the core of a seed read out of an object rejected as other metal
     * ({@code BlobCount.wellFitted}): the seeds merged with a stent's struts in the scenes of {@code SeedsAtOtherMetalRun} have
     * 8-10 core voxels against 11-13 voxels of a single seed's blob (docs/seed-finder.md, eleventh round).
     */
    static final double CORE_VOXELS_SHARE = 0.6;
    /**
     * Least share of its core's energy the fit must explain for a seed to be read out of an object rejected as other metal: the
     * cores of those seeds are explained to 0.97-1.00, the object as a whole to 0.39-0.42.
     */
    static final double WELL_FITTED = 0.95;
    /**
     * Least share of a single seed's voxels in the core of a read-out seed whose core shares no voxel with another fitted seed's
     * (alone in its core): the stent's seed at gap 0 on 2.5 mm Gaussian slices of draw 2041 has 7 core voxels of 12 and the seed
     * beside metal of 15029 6 of 12 (thin: on the bar), each explained to 0.99-1.00; pieces of struts and wires whose core the fit
     * explains to 0.9 or more have at most 2 of 11 (docs/seed-finder.md, twenty-second round).
     */
    static final double ALONE_CORE_VOXELS_SHARE = 0.5;
    /**
     * Least share of its core's energy the fit must explain for a seed alone in its core to be read out: such seeds at a stent on
     * the seen scenes are explained to 0.939-1.00 (2041's at gap 0.25 mm to 0.949; 0.840-0.853 at gaps 1-1.5 mm stay below),
     * the pieces of struts and wires with half a seed's core or more to 0.751 at most (twenty-second round).
     */
    static final double ALONE_WELL_FITTED = 0.9;
    /**
     * Least share of its core's energy the fit must explain for a seed of an object rejected as other metal, not read out, to be
     * named in the self-check ({@code BlobCount.closelyFitted}; its core {@value #CORE_VOXELS_SHARE} of a single seed's voxels or
     * more): the stent seeds of draw 2055 lost with no line are explained to 0.865 (2.5 mm Gaussian, gap 1 mm, alone in its core)
     * and 0.934 (2.5 mm triangle, gap 0, beside a strut's fitted seed), under the read-out's bars; on the seen scenes 2046-2055 and
     * all-implant 2400-2800 no fitted seed away from a true one with half a seed's core or more is explained beyond 0.752, as the
     * twenty-second round's pieces of struts and wires (0.751 at most). A share, no unit (docs/seed-finder.md, twenty-fifth round).
     */
    static final double CLOSELY_FITTED = 0.8;
    /** Most confidence of a seed read out of other metal (the share of its residual explained is scaled by it). */
    static final double IN_METAL_CONFIDENCE = 0.5;
    /**
     * Fewest seeds a blob lying along z must be fitted with for the wire test along z ({@code wireAlongZ}): two seeds merged
     * through thick slices leave a gap the slices blur away (the sixth round's rod test on such pairs lost needle seeds). Also the
     * fewest seeds in a row within one thick slice that {@code rodOfMetal} takes for a piece of wire by their spacing alone (two
     * seeds touching end to end may be fitted a little closer than capsules; twelfth round); across slices one more is needed
     * ({@code rowOfWire}, thirteenth round).
     */
    static final int MIN_WIRE_SEEDS = 3;
    /**
     * Most angle between each of two seeds fitted end to end across a thick slice's depth and the line joining their centres, degrees
     * ({@code endToEndAcrossDepth}): capsules touching end to end share one axis (18316's pair fitted within 6.3° and 6.8° of it); the
     * seen wire pieces fitted so lie flat while their centres step along z, 18.0–38.3° off it (docs/seed-finder.md, twenty-ninth round).
     */
    static final double END_TO_END_AXIS_DEG = 15;
    /**
     * Least z-component of the axis of an object lying along z: within 25° of z, as the self-check's lines along z; and least
     * in-plane share of the axis of an object lying within 25° of the slices' plane.
     */
    static final double ALONG_Z = 0.9;
    /**
     * Least lead of a rod over a chain in the information criterion for an object along z, or a piece fitted as seeds lying a
     * capsule apart or farther, to be a wire: very strong evidence.
     */
    static final double ROD_EVIDENCE = 10;
    /**
     * Least metal per fitted seed, in seeds, of an object along z read as a wire: needle seeds along z hold one seed's metal each
     * (0.84-1.12 in ChainsOfSeedsTest and on the overlapping tuning scan 12002, whose needles along z a rod beats by 4-10 in the
     * information criterion: on overlapping slices neighbouring bins share metal), the 40 mm wire of ChainsOfSeedsTest fitted as 5
     * seeds 1.37-1.67 (the metal between the fitted seeds).
     */
    static final double WIRE_CONTENT_PER_SEED = 1.25;
    /**
     * Least size, in single-seed volumes, of a blob counted as two on a clipped scan that the self-check names as perhaps three
     * (TWO SEEDS OR THREE): the bundles of three read as two on the 12-bit tuning scans fill 1.35-2.33 seed volumes, the seeds
     * touching bone that the same test would name 0.71-1.12 (docs/seed-finder.md, thirteenth round).
     */
    static final double CLUMP_VOLUME = 1.25;
    /**
     * Least share of one seed's energy by which a seed added to reach the expected count must lower the residual; also a second
     * seed that the metal content alone adds to a blob fitted as one (on the tuning scans such seeds lowered it by 0.001-0.017 and
     * were false: needle seeds lying steeply across thick slices whose metal read as two; docs/seed-finder.md, twelfth round).
     */
    static final double MIN_EVIDENCE = 0.02;
    /**
     * Most distance across their axes between two of the three seeds a bundle's fit with beam hardening's bands places, mm: the
     * seeds of a bundle touch (axes 0.85 mm apart); on the 12-bit tuning scans with slices under 3 mm the bundles so fitted lay
     * 0.17-0.94 mm apart, the third seed fitted to a seed touching bone 2.0-2.7 mm (docs/seed-finder.md, fifteenth round).
     */
    static final double BUNDLE_APART_MM = 1.2;
    /**
     * How much worse than two, as a share of the bar for a further seed, the 3-seed fit without beam hardening's bands may be where
     * the bands' test ({@code threeWithBands}) is asked. Under the 12-bit clip a clump's third seed adds to the image only in the
     * shoulder outside the saturated core, and there the three seeds' bands darken it by half as much again as two seeds': the plain
     * model, which leaves the bands out, may then read the third seed as slightly too bright. On the seen 12-bit scans under 3 mm
     * the clumps counted two whose bands read three lay 0.000-0.011 of a seed's energy worse without the bands (16208, 17106, 17226;
     * half the bar 0.010-0.0135), the objects not three that the bands alone would have read as three 0.021 (an end-to-end pair,
     * 16424, half the bar 0.0105) and 0.138 (16228) worse, the fifteenth round's side-by-side pair 11724 0.035 (docs/seed-finder.md,
     * twenty-sixth round, seedclump7). A share.
     */
    static final double BANDED_THIRD_OBJECTION_SHARE = 0.5;
    /**
     * Least share of one seed's energy by which, on a clipped scan with slices under {@value #THICK_SLICE_MM} mm, a second seed
     * must lower the misfit of an object fitted as one whose metal reads two, with beam hardening's bands in both fits (two seeds'
     * bands in the 2-seed fit; in the 1-seed fit one seed's or two seeds', whichever fits better), for the object to hold two seeds
     * lying side by side (within {@value #BUNDLE_APART_MM} mm across their axes). On the seen scans the two pairs so read as one
     * gain 0.116 and 0.196; every other object within that distance at most 0.020 (docs/seed-finder.md, twenty-first round).
     */
    static final double PAIR_WITH_BANDS_GAIN = 0.07;
    /**
     * Least share of one seed's energy by which the second seed of {@link #PAIR_WITH_BANDS_GAIN}'s fit, lying side by side, must
     * lower the misfit for an object left at one seed to be named (ONE SEED OR TWO: the finder cannot decide it). On the seen
     * scans no object falls between this and {@link #PAIR_WITH_BANDS_GAIN}; the nearest under it gains 0.020
     * (docs/seed-finder.md, twenty-first round).
     */
    static final double PAIR_NAMED_GAIN = 0.04;

    /**
     * Least share of the image's bar for a second seed ({@code BlobCount.penalty}) by which the second seed must lower the misfit for
     * an object the image and its metal count as one to hold a steep pair side by side ({@code steepPairSideBySide}). Two capsules
     * lying within 45° of z one diameter apart stand in the same columns of voxels through a thick slice: the pair's image is one
     * seed's widened by a voxel, clipped, and the second seed explains less of it than the bar the model's misfit on this scan's
     * single seeds sets. On the seen 5 mm 12-bit scans (16200-17335, 100-153, 200-253, all-implant 2800-3017) the three steep pairs
     * counted one gain 0.708-0.969 of the bar (0.058 over it at the least); of the single seeds whose two-seed fit lies as such a pair,
     * those holding {@link #STEEP_PAIR_METAL_SEEDS} or more gain at most 0.368 (all-implant 2914, a seed touching bone), the others
     * up to 0.784 (all-implant 2812, 0.983 seeds' metal, its fitted seeds 1.20 mm apart in-plane: on that bar) and 0.627 (17232, touching bone, 1.034). A share, no unit
     * (docs/seed-finder.md, twenty-sixth round, seedpair7).
     */
    static final double STEEP_PAIR_GAIN_SHARE = 0.65;
    /**
     * Least metal, in seeds, of such an object: clipped at the 12-bit top, two capsules side by side in one core read 1.125-1.41
     * seeds (the pairs counted one on the seen scans: thin, 0.025 over), one seed about one; the single seeds whose two-seed fit
     * lies as a steep pair and gains over {@link #STEEP_PAIR_GAIN_SHARE} read 0.983 (2812) and 1.034 (17232).
     */
    static final double STEEP_PAIR_METAL_SEEDS = 1.1;
    /**
     * Least |z| of both seeds' axes in the two-seed fit for the pair to be steep, a share of the unit axis (within 45° of z): the
     * pairs counted one fitted 0.822-0.933; the single seeds touching bone whose second fitted seed goes to the cortex, gaining over
     * {@link #STEEP_PAIR_GAIN_SHARE} with {@link #STEEP_PAIR_METAL_SEEDS} or more, 0.649 (17112) and less (17114: 0.020, held by this
     * bar alone).
     */
    static final double STEEP_PAIR_AXIS_Z = 0.7;
    /**
     * Farthest in-plane distance between the two fitted seeds' centres, mm, for them to lie side by side ({@link #BUNDLE_APART_MM}):
     * the pairs 0.72-0.88 mm. Along z they must lie within half a seed's length of each other (the pairs 0.05-1.52 mm): a single steep
     * seed on thick slices fitted as two is split along its length, the halves 2.66 mm or more apart along z on the seen matrix scans
     * where the second gains half the bar or more (all-implant 2812's needle seed, 27° from the slices, 1.88 mm along z and 1.20 mm
     * in-plane, is held by the metal).
     */
    static final double STEEP_PAIR_IN_PLANE_MM = BUNDLE_APART_MM;
    /**
     * Least share of the bar for a second seed ({@code BlobCount.penalty}) by which the fit of two started from the one-seed fit
     * ({@code BlobCount.besideOne}) must fit an object counted three better than its fit of two for that fit to replace it
     * ({@code BlobCount.pairExplainsThird}): fits of two from different starts differ by some of the model's misfit without one
     * being the object's. On the seen matrix scans 17200-17935 the side-by-side pairs so set right (2.5 mm 12-bit) fit better by
     * 1.28-3.29, an end-to-end pair (17734, 5 mm) by 0.755; the one clump of three the third-seed test below would lower, a
     * plateau-counted clump on 1.25 mm slices (17620), by 0.322 (docs/seed-finder.md, twenty-seventh round, seedfalse9). A share.
     */
    static final double PAIR_FROM_ONE_GAIN_SHARE = 0.5;
    /**
     * Least distance across their axes, mm, between the two seeds of that fit for them to lie side by side, the start's own case
     * (half a seed's diameter; the most is {@link #BUNDLE_APART_MM}): two seeds fitted on one are nearer (seedstart8's 17124, a single
     * needle seed split in two, 0.08 mm). The pairs set right lay 0.80-0.89 mm apart, 17734's end-to-end pair 0.50.
     */
    static final double PAIR_FROM_ONE_APART_MIN_MM = SEED_DIAMETER_MM / 2;
    /**
     * Most share of the bar for a further seed ({@code BlobCount.further}) by which three seeds may fit better than that fit of two
     * for the object to be two: a side-by-side pair's third seed, against the pair fitted from the one-seed axis, explains next to
     * nothing (the pairs set right -0.58 to 0.07), a clump's third seed its own image (the clumps of three asked, fitted better from
     * the one-seed start by more than {@link #PAIR_FROM_ONE_GAIN_SHARE} of the bar, 0.60 and more: 17924's 0.604, 17634's 0.624, 17716's
     * 0.781, 17928's 0.809). A share.
     */
    static final double THIRD_LEFT_SHARE = 0.3;
    /**
     * Most angle between the two fitted seeds' axes, degrees, for an object the image counts two and its clipped metal one to be a
     * side-by-side pair ({@code pairUnderTheClip}): a pair's capsules lie parallel (the bench draws them so); the twenty-first round's
     * side-by-side gate along z ({@code SliceCentring.PARALLEL}) is the same 20°.
     */
    static final double PAIR_PARALLEL_DEG = 20;

    private final SeedFinderOptions options;
    private final java.util.function.BooleanSupplier cancelled;
    /** Told the band shape and depth each scan's single seeds show, where the bands are asked ({@link DarkBands#learn}). */
    private final java.util.function.Consumer<DarkBands.Learned> bandsLearned;
    /**
     * Told the centre of each object counted two whose fit of two came from the fit of one ({@link BlobCount#besideOne}), with what
     * the second seed lowered the misfit by with the bands ({@link BlobCount#pairGain}) in one seed's signal energy.
     */
    private final java.util.function.BiConsumer<Vec3, Double> pairsFromOneSeed;

    public SeedFinder() {
        this(SeedFinderOptions.defaults());
    }

    public SeedFinder(SeedFinderOptions options) {
        this(options, () -> false, b -> { }, (p, gain) -> { });
    }

    private SeedFinder(SeedFinderOptions options, java.util.function.BooleanSupplier cancelled,
                       java.util.function.Consumer<DarkBands.Learned> bandsLearned,
                       java.util.function.BiConsumer<Vec3, Double> pairsFromOneSeed) {
        this.options = options;
        this.cancelled = cancelled;
        this.bandsLearned = bandsLearned;
        this.pairsFromOneSeed = pairsFromOneSeed;
    }

    /** This finder telling {@code seen} the band shape and depth it learns from each scan (for tests: {@code DarkBandsTest}). */
    SeedFinder tellingBands(java.util.function.Consumer<DarkBands.Learned> seen) {
        return new SeedFinder(options, cancelled, seen, pairsFromOneSeed);
    }

    /**
     * This finder telling {@code seen} the centre of each object it counts as two seeds from the fit of two started from the fit of
     * one, with the pair's gain in one seed's signal energy (for tests: {@code PairsStartedFromOneSeedTest}); told from the objects'
     * parallel fits, so {@code seen} must be thread-safe.
     */
    SeedFinder tellingPairsFromOneSeed(java.util.function.BiConsumer<Vec3, Double> seen) {
        return new SeedFinder(options, cancelled, bandsLearned, seen);
    }

    /**
     * This finder stopping with a CancellationException, keeping nothing, once {@code cancelled} says so: polled between its
     * passes over the scan and before each object's fits (the Monte Carlo engine's kind of hook), so a cancel waits for the pass
     * or the objects' fits under way, one per thread.
     */
    public SeedFinder cancelledWhen(java.util.function.BooleanSupplier cancelled) {
        return new SeedFinder(options, cancelled, bandsLearned, pairsFromOneSeed);
    }

    private void stopIfCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("seed finding cancelled");
        }
    }

    /** Finds all seeds in the whole scan, with no expected count. */
    public SeedFinding find(Volume ct) {
        return find(ct, null, OptionalInt.empty(), List.of());
    }

    /** Finds the seeds in a scan, with no earlier implant. */
    public SeedFinding find(Volume ct, Mask roi, OptionalInt expected) {
        return find(ct, roi, expected, List.of());
    }

    /**
     * Finds the seeds in a scan.
     *
     * @param ct            the post-operative CT in HU
     * @param roi           a region on the CT's grid (objects touching it count), or null for the whole scan
     * @param expected      the number of seeds implanted this time, if known
     * @param previousSeeds where an earlier implant's seeds lie (its plan or the seeds found on its post-op CT), mm;
     *                      found seeds within {@value #PREVIOUS_MATCH_MM} mm of one are that implant's, listed apart
     */
    public SeedFinding find(Volume ct, Mask roi, OptionalInt expected, List<Vec3> previousSeeds) {
        return find(ct, roi, expected, previousSeeds, null);
    }

    /**
     * Finds the seeds; {@code merged}, where not null, is the first reading's width, whose isolated objects spread as seeds merged
     * along z ({@link SliceProfileWidth.Reading#mergedAlongZ}): the scan is then read again with the typical object's size, one
     * seed's metal content and the isolated seeds taken from the objects that spread over the slices as single seeds
     * ({@link SliceProfileWidth#singleAlongZ}; docs/seed-finder.md, twenty-third round).
     */
    private SeedFinding find(Volume ct, Mask roi, OptionalInt expected, List<Vec3> previousSeeds, SliceProfileWidth.Reading merged) {
        Grid g = ct.grid();
        ScanStats stats = ScanStats.of(ct.hu(), options.minMetalHu());
        if (roi != null && !roi.grid().equals(g)) {
            throw new IllegalArgumentException("region '" + roi.name() + "' is on a different grid than the CT: "
                    + "rasterise the region on the CT's grid");
        }
        if (expected.isPresent() && expected.getAsInt() < 1) {
            throw new IllegalArgumentException("expected seed count must be at least 1, got " + expected.getAsInt());
        }
        if (stats.maxHu() < options.minMetalHu()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "no metal in the scan: its brightest voxel is %.0f HU, below %.0f HU (seeds show at about 3000 HU): "
                            + "give the post-implant CT", stats.maxHu(), options.minMetalHu()));
        }
        double background = stats.backgroundHu();
        // The seeds' level comes from seed-sized objects only (a screw cannot lift it), read through the 12-bit
        // scale's window so that seeds look alike on clipped and extended scales.
        stopIfCancelled();
        MetalLevel level = MetalLevel.of(g, ct.hu(), options.minMetalHu());
        double metal = level.seedSizedObjects() > 0 ? Math.min(level.seedPeakHu(), WORKING_TOP_HU) : WORKING_TOP_HU;
        float[] hu = stats.maxHu() > metal ? clipped(ct.hu(), metal) : ct.hu();
        // Metal content is read unclipped where the scanner did not clip (extended scale): a bundle's saturated core
        // then counts in full. On a 12-bit scan the clip is the scanner's and the content is read through it.
        boolean extended = stats.maxHu() > WORKING_TOP_HU;
        float[] contentHu = extended ? ct.hu() : hu;
        double contentTop = extended ? Double.POSITIVE_INFINITY : metal;
        double threshold = background + OBJECT_THRESHOLD_SHARE * (metal - background);
        double peakRequired = Math.max(options.minMetalHu(), background + 0.65 * (metal - background));
        List<RejectedObject> rejected = new ArrayList<>();
        List<OtherMetal> otherMetal = new ArrayList<>();
        List<Blob> candidates = new ArrayList<>();
        List<Blob> faint = new ArrayList<>();
        int[] labels = new int[hu.length];
        double lowHu = background + 0.15 * (metal - background);
        stopIfCancelled();
        List<int[]> comps = new ArrayList<>(ConnectedComponents.of(g, atLeast(hu, threshold), labels));
        // A seed migrated into the lung may peak under the threshold measured from soft tissue: objects in lung are formed at the
        // same share measured from their own surroundings (twenty-fourth round).
        for (int[] part : inLung(g, hu, labels, metal)) {
            int label = comps.size() + 1;
            comps.add(part);
            for (int v : part) {
                labels[v] = label;
            }
        }
        stopIfCancelled();
        List<Blob> large = new ArrayList<>();
        List<Blob> notWire = new ArrayList<>();
        java.util.Set<Blob> splitOff = new java.util.HashSet<>();
        // Pieces split off an object shaped as a wire at the threshold (seventeenth round).
        java.util.Set<Blob> ofWire = new java.util.HashSet<>();
        for (int[] comp : comps) {
            if (roi != null && !touches(comp, roi)) {
                continue;
            }
            Blob b = new Blob(g, comp, hu);
            (b.peakHu() < peakRequired ? faint : candidates).add(b);
        }
        // Read again after strands merged along z took the typical object's place: the references are the single seeds'.
        java.util.function.UnaryOperator<List<Blob>> singleSeeds = blobs -> merged == null ? blobs
                : SliceProfileWidth.singleAlongZ(g, hu, labels, blobs, background, merged.usedMm());
        // A seed touching bone joins the bone's object: objects far larger than the typical one are
        // split again at the peak level, which bone does not reach; what stays large is other metal.
        double typical = median(singleSeeds.apply(candidates));
        for (Blob b : new ArrayList<>(candidates)) {
            if (b.size() > LARGE_OBJECT_FACTOR * typical || b.size() * g.dxMm() * g.dyMm() * g.dzMm() > LARGE_OBJECT_MM3) {
                candidates.remove(b);
                large.add(b);
            }
        }
        for (Blob b : large) {
            boolean wire = MetalShape.classify(b, g.dxMm() * g.dyMm() * g.dzMm(), typical * g.dxMm() * g.dyMm() * g.dzMm()) == MetalShape.WIRE;
            if (!wire) {
                notWire.add(b);
            }
            boolean[] peak = new boolean[hu.length];
            for (int v : b.voxels) {
                peak[v] = hu[v] >= peakRequired;
                labels[v] = ImageFitter.EXCLUDED;
            }
            for (int[] part : ConnectedComponents.of(g, peak, null)) {
                int label = comps.size() + 1;
                comps.add(part);
                for (int v : part) {
                    labels[v] = label;
                }
                Blob pb = new Blob(g, part, hu);
                if (pb.size() > LARGE_OBJECT_FACTOR * typical || pb.size() * g.dxMm() * g.dyMm() * g.dzMm() > LARGE_OBJECT_MM3) {
                    rejected.add(otherMetal(g, pb, null, otherMetal));
                } else {
                    splitOff.add(pb);
                    candidates.add(pb);
                    if (wire) {
                        ofWire.add(pb);
                    }
                }
            }
        }
        // Every object standing alone above the threshold, counted or not (pieces split off larger objects are not in it).
        List<Blob> standing = new ArrayList<>(faint);
        candidates.stream().filter(b -> !splitOff.contains(b)).forEach(standing::add);
        // A seed thinned by partial volume keeps its metal content: the excess CT number integrated
        // around it. Faint blobs with at least half the content of a clear seed are seeds.
        List<Blob> references = singleSeeds.apply(candidates);
        double[] contents = references.stream().mapToDouble(b -> excess(g, contentHu, labels, b, background, contentTop, lowHu)).toArray();
        double seedContent = contents.length == 0 ? Double.POSITIVE_INFINITY
                : singleSeedContent(references, contents, seedContent(Arrays.stream(contents).sorted().toArray()), metal);
        // Metal far lighter than a seed (a stent's strut, a thin wire, a clip's leg) is not a seed, however bright its core; a
        // saturated core split off bone that is too light only against the bone around it is named (thirteenth round).
        List<SelfCheck.MetalHoldingSeeds> cores = new ArrayList<>();
        // Objects split off bone and rejected as too small or too light: on thick slices one peaking at the seeds' level is named.
        java.util.Map<Blob, RejectedObject> splitRejected = new java.util.LinkedHashMap<>();
        // The objects standing alone at a single seed's size, and those of them rejected here: most rejected, the seed's content
        // learned is several seeds' and the self-check says so first (forty-third round).
        int seedSized = 0;
        int lighterSeedSized = 0;
        for (Blob b : new ArrayList<>(candidates)) {
            boolean ofSeedSize = !splitOff.contains(b) && b.size() >= 0.6 * typical && b.size() <= 1.5 * typical;
            seedSized += ofSeedSize ? 1 : 0;
            if (excess(g, contentHu, labels, b, background, contentTop, lowHu) < MIN_CONTENT_SHARE * seedContent) {
                lighterSeedSized += ofSeedSize ? 1 : 0;
                candidates.remove(b);
                RejectedObject o = otherMetal(g, b, null, otherMetal);
                rejected.add(o);
                if (!extended && splitOff.contains(b) && coreBesideBone(g, hu, b, background, metal, typical, seedContent)) {
                    cores.add(new SelfCheck.MetalHoldingSeeds(o, 1, o.centreMm(), SelfCheck.MetalHoldingSeeds.Kind.CORE_BESIDE_BONE));
                } else if (splitOff.contains(b)) {
                    splitRejected.put(b, o);
                }
            }
        }
        java.util.Set<Blob> admittedFaint = new java.util.HashSet<>();
        java.util.Set<Integer> boneLabels = new java.util.HashSet<>();
        for (Blob b : faint) {
            if (excess(g, contentHu, labels, b, background, contentTop, lowHu) >= 0.5 * seedContent
                    && b.size() <= 2 * median(singleSeeds.apply(candidates))) {
                candidates.add(b);
                admittedFaint.add(b);
            } else {
                rejected.add(reject(g, b, RejectedObject.Reason.BONE_OR_CALCIFICATION));
                boneLabels.add(labels[b.voxels[0]]);
            }
        }
        double voxelMm3 = g.dxMm() * g.dyMm() * g.dzMm();
        if (candidates.isEmpty()) {
            if (roi != null) {
                throw new IllegalArgumentException("region '" + roi.name() + "' contains no seeds (no metal object touches it):"
                        + " check the region name or search the whole scan");
            }
            return noSeeds(background, metal, threshold, rejected, List.of(), expected);
        }
        // The slice profile's width: the recorded Slice Thickness unless the isolated seeds' spread over the slices flatly
        // contradicts it, or estimated from that spread where none is recorded (docs/seed-finder.md, tenth round). A spread no
        // profile gives is strands merged along z: the scan is read again from its single seeds (twenty-third round).
        List<Blob> learnedFrom = singleSeeds.apply(candidates);
        List<Blob> isolated = isolatedSeeds(learnedFrom);
        SliceProfileWidth.Reading width = SliceProfileWidth.of(g, ct.hasSliceThickness() ? ct.sliceThicknessMm() : Double.NaN,
                SliceProfileWidth.slicesPerSeed(g, hu, labels, isolated, background), options.seedLengthMm());
        if (width.mergedAlongZ() && merged == null) {
            return find(ct, roi, expected, previousSeeds, width);
        }
        if (merged != null) {
            // The second reading's width stands unless it too is past the bar; the line says what was kept and from what.
            String from = learnedFrom == candidates ? "; fewer than 3 objects spread as single seeds: the seed's image and metal content"
                    + " were learned from the strands and the counts are unsure: look at the images" : String.format(Locale.ROOT,
                    "; the seed's image and metal content learned from the %d objects spreading over the slices as single seeds",
                    learnedFrom.size());
            width = new SliceProfileWidth.Reading(width.mergedAlongZ() ? merged.usedMm() : width.usedMm(), merged.line() + from
                    + (width.line() == null || width.mergedAlongZ() ? "" : "; " + width.line()), true);
        }
        double profileMm = width.usedMm();
        List<String> notes = new ArrayList<>();
        if (!ct.hasSliceThickness()) {
            notes.add(String.format(Locale.ROOT, "the CT records no Slice Thickness (0018,0050): its slice profile is taken as %.2f mm"
                    + " wide, %s; on an overlapping reconstruction (slices thicker than their spacing) the seeds' z and the counts in"
                    + " merged groups are then less sure", profileMm, profileMm == g.dzMm() ? "the slice spacing"
                    : "estimated from its isolated seeds' spread over the slices"));
        }
        stopIfCancelled();
        Learned learned = learn(g, profileMm, hu, labels, background, metal, lowHu, learnedFrom, isolated, notes);
        SeedImageModel model = learned.model;
        ImageFitter fitter = new ImageFitter(g, hu, labels, model);
        BlobSplitter splitter = new BlobSplitter(new SeedShapeModel(options.seedLengthMm(),
                2 * model.sigmaXyMm(), 2 * model.sigmaZMm()), profileMm);
        double seedVoxels = learned.singleSeedVoxels;
        List<BlobCount> counted = new ArrayList<>();
        List<Blob> fitted = new ArrayList<>();
        for (Blob b : candidates) {
            // Small above the threshold but a seed's metal: a seed in the lung, averaged with air through a thick slice.
            if (b.size() < 0.3 * seedVoxels
                    && excess(g, contentHu, labels, b, background, contentTop, lowHu) < MIN_CONTENT_PER_SEED * seedContent) {
                RejectedObject o = reject(g, b, RejectedObject.Reason.TOO_SMALL);
                rejected.add(o);
                if (splitOff.contains(b)) {
                    splitRejected.put(b, o);
                }
            } else if (b.size() > 1.6 * options.maxSeedsPerBlob() * seedVoxels) {
                rejected.add(otherMetal(g, b, null, otherMetal));
            } else {
                fitted.add(b);
            }
        }
        List<BlobCount> ones = fitted.parallelStream().map(b -> {
            stopIfCancelled();
            BlobCount bc = new BlobCount(b, fitter.region(b), fitter, splitter);
            bc.evaluate(1);
            return bc;
        }).toList();
        // What an extra seed must explain is measured against how well the model fits this scan's single seeds: on thick
        // or box-profile slices the model misfits one seed more, and a second or third seed absorbs that misfit.
        double penalty = Math.max(MIN_EXTRA_SEED_SHARE * learned.singleSeedEnergy, EXTRA_SEED_MISFIT * singleSeedMisfit(ones, seedVoxels));
        Plateau plateau = extended ? null : Plateau.of(ones, seedVoxels, fitter);
        // Beam hardening's dark bands between the dense objects of a slice, their depth per seed (fifteenth round) and shape
        // (sixteenth) learned from the single seeds: with them in the model a bundle of three on a clipped scan fits as three
        // where it fitted as two.
        DarkBands bands = extended || profileMm >= THICK_SLICE_MM ? null : DarkBands.of(g, hu, labels, background);
        DarkBands.Learned bandFit = bands == null ? null : bands.learn(ones.stream()
                .filter(bc -> bc.blob.size() >= 0.6 * seedVoxels && bc.blob.size() <= 1.5 * seedVoxels)
                .map(bc -> bc.single(labels[bc.blob.voxels[0]])).toList());
        if (bandFit != null) {
            bandsLearned.accept(bandFit);
        }
        DarkBands shapedBands = bands == null ? null : bands.shaped(bandFit.shape());
        double bandDepth = bands == null ? 0 : bandFit.depth();
        List<BlobCount> counts = ones.parallelStream().map(bc -> {
            Blob b = bc.blob;
            bc.penalty = penalty;
            bc.further = Math.max(MIN_EXTRA_SEED_SHARE * learned.singleSeedEnergy, FURTHER_SEED_SHARE * penalty);
            int nMax = Math.min(options.maxSeedsPerBlob(), (int) Math.ceil(b.size() / (0.5 * seedVoxels)) + 1);
            boolean single = b.size() <= 1.5 * seedVoxels && bc.fit(1).ssr() < SINGLE_FIT * learned.singleSeedEnergy;
            for (int n = 2; n <= nMax && !single; n++) {
                stopIfCancelled();
                double before = bc.bestScore();
                bc.evaluate(n);
                if (bc.score(n) >= before) {
                    break;
                }
            }
            bc.chosen = bc.bestCount();
            int byImage = bc.chosen;
            // The metal content is a second count, independent of the image model: n seeds hold about n seeds' metal.
            // It decides where the fits barely separate the counts.
            double[] metalBySlice = countedExcessBySlice(g, contentHu, labels, b, background, contentTop, lowHu, extended,
                    splitOff.contains(b));
            double read = Arrays.stream(metalBySlice).sum() / seedContent;
            // A core split off bone: the voxels under the threshold touching the bone's object are the cortex's blur as much as the
            // seed's tail, and read against soft tissue they count 0.1-0.7 of a seed's metal more; the count is asked of the metal
            // off the bone (docs/seed-finder.md, thirty-second round, seedbone14). The reading that judges the object as metal
            // (bc.contentSeeds) stays the whole one.
            double seeds = splitOff.contains(b) ? excessOffBone(g, contentHu, labels, b, background, contentTop, lowHu) / seedContent
                    : read;
            int byContent = Math.max(1, Math.min(nMax, (int) Math.round(seeds)));
            if (extended && byContent < bc.chosen && Math.abs(seeds - byContent) <= UNCLIPPED_CONTENT_TOLERANCE) {
                // Read unclipped, the content of n seeds is n seeds' to within a tenth or two: fewer seeds than the fit
                // chose unless the fit objects strongly (a neighbour's faint tail may add to the content, never take away).
                bc.evaluateWithout(bc.chosen, byContent);
                if (bc.fit(byContent).ssr() - bc.fit(bc.chosen).ssr() < CONTENT_OVERRULES * learned.singleSeedEnergy) {
                    bc.chosen = byContent;
                }
            } else if (byContent > bc.chosen) {
                double[] bySlice = profileMm >= THICK_SLICE_MM && b.k1 > b.k0
                        ? seedsBySlice(metalBySlice, seedContent) : null;
                bc.evaluate(byContent);
                retryBySlice(bc, byContent, g, bySlice);
                // The metal is a count with its own error (clipping, partial volume, a neighbour's metal): where it asks two or more
                // seeds more than the image of a compact object, the count between them is fitted too and asked in the metal's place
                // where it explains the image better; the bars below decide it as any count the metal raises. Only where seeds can
                // hide behind each other: in a row (a needle's strand, a wire along z) each seed shows its own image (docs/seed-finder.md,
                // twenty-fourth round, countplus).
                if (byContent >= bc.chosen + 2 && extentMm(b) <= COMPACT_EXTENT_SEEDS * options.seedLengthMm()) {
                    int nearer = bc.chosen + 1;
                    bc.evaluate(nearer);
                    retryBySlice(bc, nearer, g, bySlice);
                    if (bc.fit(nearer).ssr() < bc.fit(byContent).ssr()) {
                        byContent = nearer;
                    }
                }
                // A second seed that the content alone adds must explain part of the image, as one added to reach an expected
                // count must (a needle seed lying steeply across thick slices reads as two seeds' metal with one seed's image;
                // docs/seed-finder.md, twelfth round); a bundle's third seed, hidden in the saturated core, need only lower it. On thick
                // slices the seeds must lie in the object's slices (fourteenth round). Read unclipped, a bundle's metal is three seeds' to
                // within the tolerance while its image, seen through the 12-bit window, barely tells three from two (beam hardening's
                // bands darken its shoulders): in an object the image explains as seeds, one seed more than an image count of two or more
                // is taken unless the image objects by more than a further seed's bar (eighteenth round; a seed merged with a stent's
                // struts, explained 0.4, is not such an object).
                boolean unclippedOneMore = extended && bc.chosen >= 2 && byContent == bc.chosen + 1
                        && Math.abs(seeds - byContent) <= UNCLIPPED_CONTENT_TOLERANCE && bc.explained() >= MIN_EXPLAINED;
                double bar = bc.chosen == 1 ? MIN_EVIDENCE * learned.singleSeedEnergy : unclippedOneMore ? -bc.further : 0;
                if (bc.fit(bc.chosen).ssr() - bc.fit(byContent).ssr() > bar
                        && (profileMm < THICK_SLICE_MM || inItsSlices(g, bc, byContent))) {
                    bc.chosen = byContent;
                } else if (bc.chosen == 1 && byContent == 2 && bc.twoWithBands(shapedBands, labels[b.voxels[0]], bandDepth,
                        PAIR_WITH_BANDS_GAIN * learned.singleSeedEnergy)) {
                    // Two dense capsules side by side darken each other's surroundings on a clipped scan (beam hardening's bands to
                    // the slice's other metal, twice one seed's): left out, the pair's image fits worse as two than as one; with the
                    // bands in both fits the second seed explains what the metal says (twenty-first round).
                    bc.chosen = 2;
                }
            } else if (byContent < bc.chosen && seeds / bc.chosen < MIN_CONTENT_PER_SEED
                    && !pairUnderTheClip(bc, byContent, plateau, profileMm, splitOff.contains(b))
                    && !clumpUnderTheClip(bc, byContent, plateau, profileMm)) {
                bc.evaluate(byContent);
                if (bc.fit(byContent).ssr() - bc.fit(bc.chosen).ssr() < CONTENT_OVERRULES * learned.singleSeedEnergy) {
                    bc.chosen = byContent;
                }
            }
            // A needle's strand lying steeply through thick slices merges into one object in which each seed's metal stands in a slice
            // of its own, a slice of little more than the seeds' tails between each two: the slices count the seeds where the object's
            // whole metal, a fraction of a seed short for each, rounds one or more under, and the fit of two, laid side by side at the
            // middle, explains no more than one, so the count stopped there. Fitted from the slices' seeds, taken where each added
            // seed lowers the misfit by a strand's last seed's bar (docs/seed-finder.md, thirtieth round, seedneedle12).
            int ownSlices = profileMm >= THICK_SLICE_MM && b.k1 >= b.k0 + 2 ? seedsInOwnSlices(seedsBySlice(metalBySlice, seedContent)) : 0;
            if (ownSlices > Math.max(bc.chosen, byContent) && ownSlices <= nMax) {
                bc.evaluate(ownSlices);
                bc.refitBySlice(ownSlices, g, seedsBySlice(metalBySlice, seedContent));
                if (bc.fit(bc.chosen).ssr() - bc.fit(ownSlices).ssr() >= CHAIN_SEED_GAIN * (ownSlices - bc.chosen) * learned.singleSeedEnergy) {
                    bc.chosen = ownSlices;
                }
            }
            // Two seeds side by side lying steeply through thick clipped slices share the columns of voxels of one: neither the image
            // nor the clipped metal counts them two, but the two-seed fit lays them side by side (twenty-sixth round, seedpair7). Asked
            // where both counts read one and the two-seed fit was made, on a clipped scan whose single seeds show a plateau.
            if (!single && byImage == 1 && bc.chosen == 1 && plateau != null && profileMm >= THICK_SLICE_MM
                    && steepPairSideBySide(bc, seeds)) {
                bc.chosen = 2;
            }
            // On a clipped scan the saturated core hides a bundle's third seed from the CT numbers but not from the extent of
            // the plateau: where the 3-seed fit predicts the plateau better than the 2-seed fit by more than the scan's single
            // seeds scatter about their prediction, and fits the image better too, the blob holds three.
            if (plateau != null && bc.chosen == 2 && nMax >= 3) {
                bc.evaluate(3);
                if (plateau.favoursThree(bc) && bc.fit(3).ssr() < bc.fit(2).ssr()) {
                    bc.chosen = 3;
                } else if (bc.imageAllowsBandedThird() && bc.threeWithBands(shapedBands, labels[b.voxels[0]], bandDepth)) {
                    // The image agrees (as the plateau rule asks) or objects by less than the bands can explain, and with beam
                    // hardening's bands in the model three seeds lying side by side fit better by the bar (slices under 3 mm).
                    bc.chosen = 3;
                } else {
                    // Neither the plateau nor the image can call three, but neither rules it out: named in the self-check. On thick
                    // slices a clump's plateau is a few voxels, as large as a pair's; there the line asks instead that the three fitted
                    // seeds lie as a clump's do, within CHAIN_CLUMP_SPREAD_MM, and that the third lower the misfit by CLUMP_NAMED_GAIN
                    // (twenty-fifth round, seedclump6).
                    bc.perhapsThree = b.size() >= CLUMP_VOLUME * seedVoxels && (profileMm < THICK_SLICE_MM
                            ? bc.fit(3).ssr() < bc.fit(2).ssr() && plateau.atLeastTwo(bc)
                            : spreadMm(bc.fit(3).seeds()) <= CHAIN_CLUMP_SPREAD_MM
                                    && bc.fit(2).ssr() - bc.fit(3).ssr() >= CLUMP_NAMED_GAIN * learned.singleSeedEnergy);
                }
            }
            // A side-by-side pair whose fit of two from the blob's starts stopped short leaves part of the partner's image to a third
            // seed, which then clears its bar (by the image, the plateau or the bands). Fitted from the one-seed fit's axis the pair
            // explains that part itself: where it does so by more than fits of two differ by their starts, lies side by side and
            // leaves the third seed next to nothing, the object holds two. Not asked where the metal reads three: unclipped, it
            // counts a bundle (docs/seed-finder.md, twenty-seventh round, seedfalse9).
            if (bc.chosen == 3 && byContent < 3 && bc.pairExplainsThird()) {
                bc.chosen = 2;
            }
            // Seeds lying one after another through thick slices (a needle's strand) each hold voxels of their own: no saturated core
            // hides one seed's metal behind another's, as in a bundle, so the metal counts them, and each seed's image is its own, so
            // each explains a whole seed's image. Where three seeds so fitted hold less than CHAIN_CONTENT_PER_SEED of a seed's metal
            // each and the third lowers the misfit by less than CHAIN_SEED_GAIN of a seed's energy, it is one seed too many: on 5 mm box
            // slices a needle seed across a boundary reads as a seed in each slice (docs/seed-finder.md, twenty-third round).
            // Asked of four where the fitted seeds lie in more than one slice (a seed fitted once in each slice lies in two) and
            // explain under CHAIN_FOUR_EXPLAINED of the object's signal energy: four seeds of a needle, each its own image, explain
            // nearly all of it (twenty-fourth round). Not asked of five or more: a wire's pieces on the all-implant scans fit as six
            // or seven under the bars. Three whose fitted seeds all lie within CHAIN_CLUMP_SPREAD_MM of each other are a clump, not a
            // strand, and are not asked (twenty-fourth round, chaintight). Three are asked on thin slices too: two flat needle seeds
            // 5.4 mm apart along z merge through 2.5 mm slices, and the fit of three lays one of them once in each slice beside a
            // boundary, gaining 0.183 of a seed's energy with 0.79 a seed of metal each (all-implant 3908; docs/seed-finder.md,
            // thirty-fifth round, seedbeside16). Four stay asked on thick slices only.
            if ((bc.chosen == 3 || (profileMm >= THICK_SLICE_MM && bc.chosen == 4 && bc.explained() < CHAIN_FOUR_EXPLAINED
                    && !inOneSlice(g, bc.fit(bc.chosen).seeds())))
                    && seeds / bc.chosen < CHAIN_CONTENT_PER_SEED && apart(bc.fit(bc.chosen).seeds(), CHAIN_APART_MM)
                    && (bc.chosen == 4 || spreadMm(bc.fit(bc.chosen).seeds()) > CHAIN_CLUMP_SPREAD_MM)) {
                bc.evaluate(bc.chosen - 1);
                if (bc.fit(bc.chosen - 1).ssr() - bc.fit(bc.chosen).ssr() < CHAIN_SEED_GAIN * learned.singleSeedEnergy) {
                    bc.chosen--;
                }
            }
            // A seed touching bone joins the bone's object and is split off it at the peak level, which bone does not reach; the fit
            // of the split-off core puts a further seed in the cortex's blur beside it, and the bone's excess reads as more metal. A
            // seed's centre is the brightest part of its image, inside its object: a seed fitted outside the object, where the scan
            // lies below the peak level, is the bone's (docs/seed-finder.md, twenty-second round).
            while (splitOff.contains(b) && bc.chosen > 1 && !centresInObject(g, labels, b, bc.fit(bc.chosen).seeds())) {
                bc.chosen--;
            }
            // With both centres in the core the fit may still lay a second seed across the first, over the cortex's blur beside it, which
            // the one-seed image does not hold (a tenth of a seed's energy). The metal read off the bone leaves that blur out: on thin
            // clipped slices, where it rounds to fewer seeds than the image counts, the metal's count stands unless the image objects by
            // CONTENT_OVERRULES of a seed's energy, as read unclipped (docs/seed-finder.md, forty-third round, seedfalse25: 21000,
            // 21218, 21226, 20504 read 1.24-1.42 seeds off the bone, over the 1.2 under which two lowers; the image's gain 0.07-0.13).
            if (splitOff.contains(b) && !extended && profileMm < THICK_SLICE_MM && byContent < bc.chosen) {
                bc.evaluate(byContent);
                if (bc.fit(byContent).ssr() - bc.fit(bc.chosen).ssr() < CONTENT_OVERRULES * learned.singleSeedEnergy) {
                    bc.chosen = byContent;
                }
            }
            // A seed's silver marker saturates the 12-bit window over its image's core; a surgical clip's titanium legs reach the
            // window's top at a voxel or two. On thin clipped slices the clip's 7 mm legs fit as two seeds staggered along them, the
            // second seed clearing its bar by a hair and the clipped metal reading a little over 0.6 a seed each: an object counted two
            // whose voxels at the clip fall short of one seed's plateau by more than the single seeds' scatter holds no two markers,
            // and is one, as where the image alone counts the clip one (then a rod longer than a capsule: other metal, rodOfMetal). On
            // seen 1.25 mm box 12-bit scans the clip showed 1 voxel at the clip against one seed's 7.2-9.1 (2.8-6.2 under the bar); the
            // true objects of two on thin clipped slices 7 or more, 2.9 or more over it (docs/seed-finder.md, thirty-sixth round, seedclip18).
            if (plateau != null && profileMm < THICK_SLICE_MM && bc.chosen == 2
                    && plateau.lessThanOne(bc.fitter.observedPlateau(bc.region), bc.fitter.predictedPlateau(bc.region, bc.fit(1).seeds()))) {
                bc.chosen = 1;
            }
            bc.contentSeeds = read;
            if (bc.chosen == 2 && bc.pairFromOneSeed) {
                pairsFromOneSeed.accept(bc.centre(), bc.pairGain / learned.singleSeedEnergy);
            }
            return bc;
        }).toList();
        // Where the scanner did not clip, a seed's marker shows far denser than a stent strut or a wire: a badly fitted
        // object whose densest voxel stays well below the single seeds' is other metal.
        double seedPeak = extended ? medianPeak(counts, ct.hu(), seedVoxels) : 0;
        List<OutOfRejected> outOfRejected = new ArrayList<>();
        List<SelfCheck.MetalHoldingSeeds> onWire = new ArrayList<>();
        List<SelfCheck.MetalHoldingSeeds> longerThanOne = new ArrayList<>();
        List<SelfCheck.MetalHoldingSeeds> fittedInMetal = new ArrayList<>();
        for (BlobCount bc : counts) {
            // A faint object the fit explains poorly is a seed averaged through the slice where it stands alone, part of something
            // larger where, at the low level, it joins bone or metal reaching farther than a seed's image (a stent's struts crossing;
            // seventeenth round).
            boolean faintPoor = admittedFaint.contains(bc.blob) && bc.explained() < MIN_EXPLAINED;
            boolean nearBone = faintPoor && besideBone(g, labels, bc.blob, boneLabels);
            boolean joined = faintPoor && !nearBone && lowLevelReachMm(g, hu, bc.blob, lowHu, FAINT_REACH_MM) > FAINT_REACH_MM;
            boolean alone = faintPoor && !nearBone && !joined;
            boolean strutPiece = strutPiece(g, profileMm, hu, ct.hu(), bc, admittedFaint.contains(bc.blob) || splitOff.contains(bc.blob),
                    background, metal, lowHu);
            if (bc.contentSeeds / bc.chosen < MIN_CONTENT_SHARE
                    || (bc.explained() < MIN_EXPLAINED && bc.contentSeeds / bc.chosen < MIN_CONTENT_PER_SEED)
                    || (extended && !alone && bc.explained() < MIN_EXPLAINED && peak(bc.blob, ct.hu()) < LIGHT_METAL_PEAK_SHARE * seedPeak)) {
                RejectedObject o = otherMetal(g, bc.blob, null, otherMetal);
                rejected.add(o);
                if (splitOff.contains(bc.blob)) {
                    splitRejected.put(bc.blob, o);
                }
            } else if (nearBone) {
                rejected.add(reject(g, bc.blob, RejectedObject.Reason.BONE_OR_CALCIFICATION));
            } else if (joined || strutPiece) {
                rejected.add(otherMetal(g, bc.blob, null, otherMetal));
            } else if (bc.blob.size() > 2 * seedVoxels && bc.explained() < MIN_EXPLAINED && !seedsByContent(bc, seedVoxels)
                    && !chainOfSeeds(g, contentHu, labels, bc, background, contentTop, lowHu, model, ct.hu(),
                            LIGHT_METAL_PEAK_SHARE * seedPeak, options.seedLengthMm() / 2)) {
                RejectedObject o = otherMetal(g, bc.blob, null, otherMetal);
                rejected.add(o);
                // A seed merged with pieces of a stent's struts: where the fit explains its own part of the object as a seed's
                // image, it is read out of the object (docs/seed-finder.md, eleventh round); where it explains it closely but
                // under the read-out's bars, it is named (twenty-fifth round).
                List<SeedsInMetal.Located> read = bc.wellFitted(seedVoxels);
                read.forEach(at -> outOfRejected.add(new OutOfRejected(bc.blob, at)));
                bc.closelyFitted(seedVoxels, read).forEach(at -> fittedInMetal.add(new SelfCheck.MetalHoldingSeeds(o, 1,
                        at.seed().centreMm, SelfCheck.MetalHoldingSeeds.Kind.FITTED_IN_METAL)));
            } else if (rodOfMetal(g, profileMm, contentHu, labels, bc, background, contentTop, model)) {
                // Metal no seed or chain of seeds can be: a wire's piece across a thick slice (fitted as seeds end to end), a clip's legs.
                RejectedObject o = otherMetal(g, bc.blob, bc.chosen >= 2 ? MetalShape.WIRE : null, otherMetal);
                rejected.add(o);
                // Counted as one and judged against one seed's length, but holding two seeds' metal or more across two slices or more:
                // two seeds one after another, one in each slice, look so to the one-seed test (all-implant 4417). Within one slice the
                // test's question stands (a wire's piece lying in its slice, 4312: 11.5 mm of metal in-plane against a 4.5 mm capsule),
                // and the piece is not named (fortieth round, seedneedle22).
                if (bc.chosen == 1 && Math.round(bc.contentSeeds) >= 2 && bc.blob.k1 > bc.blob.k0) {
                    longerThanOne.add(new SelfCheck.MetalHoldingSeeds(o, (int) Math.round(bc.contentSeeds), o.centreMm(),
                            SelfCheck.MetalHoldingSeeds.Kind.LONGER_THAN_ONE_SEED));
                }
            } else if (wireAlongZ(g, profileMm, contentHu, labels, bc, background, contentTop, lowHu, model)) {
                // Metal continuous through consecutive thick slices that the fit read as seeds with gaps between them: a wire.
                rejected.add(otherMetal(g, bc.blob, MetalShape.WIRE, otherMetal));
            } else if (ofWire.contains(bc.blob) && !(extended && peak(bc.blob, ct.hu()) >= WIRE_MARKER_SHARE * seedPeak)) {
                // Where a wire crosses the slices at a slant its own metal rises to the seeds' level in short pieces: each is the wire's,
                // however it fits, unless on an extended scale it peaks as densely as the single seeds' markers; named, since a seed
                // touching the wire would be such a piece too on a clipped scan (seventeenth round).
                RejectedObject o = otherMetal(g, bc.blob, MetalShape.WIRE, otherMetal);
                rejected.add(o);
                onWire.add(new SelfCheck.MetalHoldingSeeds(o, bc.chosen, bc.centre(), SelfCheck.MetalHoldingSeeds.Kind.PIECE_OF_WIRE));
            } else {
                counted.add(bc);
            }
        }
        // A seed that joined an object of other metal above its level is in no blob: what the object's own symmetry does not
        // explain is a seed where one seed's image fits it, and is named in the self-check where none does.
        List<FoundSeed> inMetal = new ArrayList<>();
        List<SelfCheck.MetalHoldingSeeds> holding = new ArrayList<>();
        stopIfCancelled();
        seedsInMetal(g, profileMm, hu, contentHu, contentTop, labels, background, seedContent, seedPeak, model, otherMetal, inMetal,
                holding);
        holding.addAll(cores);
        holding.addAll(onWire);
        holding.addAll(longerThanOne);
        // Seeds touching bone on thick slices that only a named piece of the bone's object shows (a half in a darkened slice, a piece
        // split off across a boundary or saturating in one slice): the clip and the bone leave no metal to read and no image the
        // one-seed model fits, and the piece is where the seed lies. Counted there where no counted seed lies within a seed's length;
        // on a scan where nothing else is counted only named (docs/seed-finder.md, thirty-fourth round, seedbone15).
        List<FoundSeed> ofBone = new ArrayList<>();
        List<SelfCheck.MetalHoldingSeeds> ofBoneLines = new ArrayList<>();
        List<Vec3> countedAt = new ArrayList<>();
        counted.forEach(bc -> Arrays.stream(bc.fit(bc.chosen).seeds()).forEach(q -> countedAt.add(q.centreMm)));
        if (profileMm >= THICK_SLICE_MM && !extended) {
            for (Blob p : inDarkenedSlice(g, hu, notWire, background, metal, peakRequired, lowHu, typical)) {
                Vec3 at = new Vec3(Arrays.stream(p.x).average().orElseThrow(), Arrays.stream(p.y).average().orElseThrow(),
                        Arrays.stream(p.z).average().orElseThrow());
                SelfCheck.MetalHoldingSeeds line = new SelfCheck.MetalHoldingSeeds(reject(g, p, RejectedObject.Reason.BONE_OR_CALCIFICATION),
                        1, at, SelfCheck.MetalHoldingSeeds.Kind.DARK_SLICE_BESIDE_BONE);
                if (clearOf(countedAt, at, options.seedLengthMm())) {
                    ofBone.add(seedOfBonePiece(p, new Vec3(at.x(), at.y(), boundaryTowardBone(g, hu, p))));
                    ofBoneLines.add(line);
                } else {
                    holding.add(line);
                }
            }
        }
        if (profileMm >= THICK_SLICE_MM) {
            for (HalfOffBone h : overSoftTissueNextSlice(g, hu, notWire, background, peakRequired, lowHu, typical)) {
                holding.add(new SelfCheck.MetalHoldingSeeds(reject(g, h.piece(), RejectedObject.Reason.BONE_OR_CALCIFICATION), 1,
                        h.nearMm(), SelfCheck.MetalHoldingSeeds.Kind.OFF_THE_NEXT_SLICES_BONE));
            }
            splitRejected.forEach((b, o) -> {
                double[] bone = boneBeside(g, hu, b, threshold, peakRequired);
                if (peak(b, hu) >= background + PEAK_BESIDE_BONE * (metal - background)
                        || (bone[1] >= BONE_BESIDE_VOXELS && peak(b, hu) - bone[0] >= RISE_ABOVE_BONE * (metal - background))) {
                    // Across the boundary of two slices (a piece in both) or saturating in one (a seed's half does not reach the clip):
                    // the seed lies at the piece; in one slice under the clip it may lie at either boundary, and is only named.
                    boolean placed = b.k1 == b.k0 + 1 || peak(b, hu) >= background + BONE_CORE_AT_CLIP * (metal - background);
                    SelfCheck.MetalHoldingSeeds line = new SelfCheck.MetalHoldingSeeds(o, 1, o.centreMm(),
                            SelfCheck.MetalHoldingSeeds.Kind.PEAK_BESIDE_BONE);
                    if (placed && clearOf(countedAt, o.centreMm(), options.seedLengthMm())) {
                        ofBone.add(seedOfBonePiece(b, o.centreMm()));
                        ofBoneLines.add(line);
                    } else {
                        holding.add(line);
                    }
                }
            });
        }
        // A seed across the boundary of two thick slices, half its metal in each, neither half read as a seed (nineteenth round).
        List<FoundSeed> ofHalves = new ArrayList<>();
        if (profileMm >= THICK_SLICE_MM) {
            holding.addAll(halvesAcrossBoundary(g, hu, contentHu, labels, standing, counted, background, contentTop, lowHu,
                    seedContent, seedVoxels, options.seedLengthMm(), ofHalves));
        }
        wiresOfPieces(g, hu, rejected, otherMetal);
        boolean centring = SliceCentring.applies(profileMm, model.sigmaZMm());
        for (OutOfRejected r : outOfRejected) {
            // A seed the object's own symmetry read out already (a stent's on an extended scale) is not read out again: two seeds'
            // centres lie a diameter apart or more (twenty-second round: draw 2038's stent seed read both ways 0.35-0.38 mm apart).
            if (inMetal.stream().anyMatch(s -> s.centreMm().minus(r.at().seed().centreMm).norm() < SEED_DIAMETER_MM)) {
                continue;
            }
            double conf = Math.round(IN_METAL_CONFIDENCE * r.at().explained() * 1000) / 1000.0;
            List<FoundSeed> read = List.of(new FoundSeed(r.at().seed().centreMm, r.at().seed().axis, conf, 1));
            inMetal.addAll(centring ? SliceCentring.centred(g, profileMm, r.blob(), read, options.seedLengthMm()) : read);
        }
        // A seed closely fitted in rejected metal but not read out is named unless a seed was read out there another way.
        fittedInMetal.stream().filter(h -> inMetal.stream().allMatch(s -> s.centreMm().minus(h.nearMm()).norm() >= SEED_DIAMETER_MM))
                .forEach(holding::add);
        if (counted.isEmpty() && inMetal.isEmpty() && ofHalves.isEmpty()) {
            // No seed counted anywhere: a piece of bone's object is not taken for a seed on its own, only named (a scan with only a screw).
            holding.addAll(ofBoneLines);
            if (roi != null) {
                throw new IllegalArgumentException("no seeds found: the " + rejected.size() + " bright objects in region '"
                        + roi.name() + "' are bone or metal not shaped like seeds");
            }
            return noSeeds(background, metal, threshold, rejected, holding, expected);
        }
        // Seeds of an earlier implant take their share of the blobs but not of the expected count. Seeds read out of other metal and
        // seeds of two halves are in no counted blob but are found seeds: each counts once towards the expected count (twentieth
        // round; before, the count looked for them again in the counted blobs).
        int previousFound = 0;
        if (!previousSeeds.isEmpty()) {
            List<Vec3> before = new ArrayList<>();
            counted.forEach(bc -> bc.seeds(learned.singleSeedEnergy).forEach(s -> before.add(s.centreMm())));
            inMetal.forEach(s -> before.add(s.centreMm()));
            ofHalves.forEach(s -> before.add(s.centreMm()));
            ofBone.forEach(s -> before.add(s.centreMm()));
            previousFound = new SeedMatcher(PREVIOUS_MATCH_MM).match(previousSeeds, before).matches().size();
        }
        if (expected.isPresent()) {
            reconcile(counted, inMetal.size() + ofHalves.size() + ofBone.size(), expected.getAsInt() + previousFound, learned.singleSeedEnergy,
                    options.maxSeedsPerBlob(), notes);
        }
        if (profileMm >= THICK_SLICE_MM) {
            refitFromStrands(counted, g.dzMm(), learned.singleSeedEnergy, centring, options.maxSeedsPerBlob());
        }
        List<FoundSeed> all = new ArrayList<>();
        List<SelfCheck.UnsureAlongZ> unsureAlongZ = new ArrayList<>();
        List<SelfCheck.PairUnsureAlongZ> pairsUnsureAlongZ = new ArrayList<>();
        for (BlobCount bc : counted) {
            List<FoundSeed> found = bc.seeds(learned.singleSeedEnergy);
            // Two seeds in two thick box-like slices, one in each by the fit and by the metal of each slice (fourteenth round); the
            // seeds of the scan's other objects tell a needle's strand from a side-by-side pair (twenty-sixth round).
            List<Vec3> elsewhere = centring && found.size() == 2 && bc.blob.k1 == bc.blob.k0 + 1 ? counted.stream().filter(o -> o != bc)
                    .flatMap(o -> o.seeds(learned.singleSeedEnergy).stream()).map(FoundSeed::centreMm).toList() : List.of();
            List<FoundSeed> bySlice = centring && found.size() == 2 && bc.blob.k1 == bc.blob.k0 + 1 ? SliceCentring.bySlice(g, bc.blob,
                    found, seedsBySlice(excessBySlice(g, contentHu, labels, bc.blob, background, contentTop, lowHu), seedContent),
                    SliceCentring.inPlaneLengthMm(g, bc.blob, localBackground(g, hu, bc.blob, background), metal), model.lengthMm(),
                    elsewhere) : null;
            if (bySlice != null && SliceCentring.sideBySide(found, elsewhere)) {
                // A side-by-side pair or one seed in each slice: the slices' metal cannot tell (twenty-first round).
                pairsUnsureAlongZ.add(new SelfCheck.PairUnsureAlongZ(new Vec3((found.get(0).centreMm().x() + found.get(1).centreMm().x()) / 2,
                        (found.get(0).centreMm().y() + found.get(1).centreMm().y()) / 2, (g.z(bc.blob.k0) + g.z(bc.blob.k1)) / 2), g.dzMm()));
            }
            if (bySlice == null && !centring && found.size() == 1) {
                // A lone seed in one thick slice: its metal slice by slice against the fit's offset (fifteenth, twentieth rounds).
                double[] metalBySlice = bc.blob.k0 == bc.blob.k1 && g.dzMm() >= SliceCentring.MIN_SLICE_MM
                        ? excessBySlice(g, contentHu, labels, bc.blob, background, contentTop, lowHu) : null;
                FoundSeed s = SliceCentring.unsupportedInOneSlice(g, bc.blob, found.get(0), bc.explained(), metalBySlice);
                all.add(s);
                if (SliceCentring.unsureAlongZ(g, bc.blob, s, bc.explained(), metalBySlice, model.lengthMm())) {
                    unsureAlongZ.add(new SelfCheck.UnsureAlongZ(s.centreMm(), s.centreMm().z() - g.z(bc.blob.k0), g.dzMm()));
                }
            } else if (bySlice == null && centring && found.size() >= 2 && bc.blob.k1 >= bc.blob.k0 + 2) {
                // A seed alone in an end slice of three or more thick box-like slices (twenty-fourth round).
                all.addAll(SliceCentring.endSlices(g, bc.blob, found, seedsBySlice(excessBySlice(g, contentHu, labels, bc.blob,
                        background, contentTop, lowHu), seedContent), SliceCentring.inPlaneLengthMm(g, bc.blob,
                        localBackground(g, hu, bc.blob, background), metal), model.lengthMm(), options.seedLengthMm()));
            } else {
                all.addAll(bySlice != null ? bySlice
                        : centring ? SliceCentring.centred(g, profileMm, bc.blob, found, options.seedLengthMm()) : found);
            }
        }
        all.addAll(inMetal);
        all.addAll(ofHalves);
        all.addAll(ofBone);
        List<FoundSeed> seeds = new ArrayList<>(all);
        List<FoundSeed> previous = new ArrayList<>();
        if (!previousSeeds.isEmpty()) {
            SeedMatching old = new SeedMatcher(PREVIOUS_MATCH_MM).match(previousSeeds, all.stream().map(FoundSeed::centreMm).toList());
            old.matches().forEach(m -> previous.add(all.get(m.found())));
            seeds.removeAll(previous);
        }
        Comparator<FoundSeed> order = Comparator.comparingDouble((FoundSeed s) -> s.centreMm().z())
                .thenComparingDouble(s -> s.centreMm().y()).thenComparingDouble(s -> s.centreMm().x());
        seeds.sort(order);
        previous.sort(order);
        if (expected.isPresent() && seeds.size() != expected.getAsInt()) {
            int d = seeds.size() - expected.getAsInt();
            notes.add(d < 0
                    ? (-d) + " of the " + expected.getAsInt() + " expected seeds were not found: no blob shows evidence of "
                    + "another seed (they may lie outside the scan or region, or have migrated)"
                    : d + " more seeds found than the " + expected.getAsInt() + " expected: no blob fits well with fewer "
                    + "seeds (check the lowest-confidence seeds and the expected count)");
        }
        SeedFinderCalibration cal = new SeedFinderCalibration(background, metal, threshold,
                seedVoxels * voxelMm3, model.sigmaXyMm(), model.sigmaZMm(), learned.used, model.lengthMm());
        List<SelfCheck.SeedAtMetal> atMetal = touchingMetal(g, seeds, otherMetal, inMetal);
        List<SelfCheck.PairAlongZ> pairs = profileMm < THICK_SLICE_MM ? List.of()
                : counted.stream().map(bc -> bc.barelyTwoAlongZ(learned.singleSeedEnergy)).filter(java.util.Objects::nonNull).toList();
        // On thick slices by a test of its own (BlobCount.perhapsThree): the thin slices' test named 22 pairs, needle seeds and
        // end-to-end pairs besides 10 of 14 bundles on the 12-bit 5 mm tuning scans (docs/seed-finder.md, thirteenth and
        // twenty-fifth rounds).
        boolean thick = profileMm >= THICK_SLICE_MM;
        List<SelfCheck.TwoOrThree> clumps = counted.stream().map(bc -> bc.twoOrThree(learned.singleSeedEnergy, thick))
                .filter(java.util.Objects::nonNull).toList();
        // Named where the bands are modelled (clipped scans, slices under THICK_SLICE_MM): twoWithBands is tried nowhere else.
        List<SelfCheck.OneOrTwo> sideBySide = counted.stream().map(bc -> bc.oneOrTwo(learned.singleSeedEnergy))
                .filter(java.util.Objects::nonNull).toList();
        return new SeedFinding(seeds, previous, rejected, cal, expected, notes, SelfCheck.withSeedContentUnsure(
                SelfCheck.withOneOrTwo(SelfCheck.withUnsureAlongZ(SelfCheck.of(g, profileMm, width.line(), seeds, previous,
                        previousSeeds.size(), rejected, atMetal, holding, pairs, clumps, cal, expected), unsureAlongZ, pairsUnsureAlongZ),
                        sideBySide), lighterSeedSized, seedSized, seedContent));
    }

    /** The finding of a scan whose metal holds no seeds (only other metal, or bone): empty, with the self-check saying so. */
    private static SeedFinding noSeeds(double background, double metal, double threshold, List<RejectedObject> rejected,
                                       List<SelfCheck.MetalHoldingSeeds> holding, OptionalInt expected) {
        SeedFinderCalibration cal = new SeedFinderCalibration(background, metal, threshold, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
        return new SeedFinding(List.of(), List.of(), rejected, cal, expected, List.of(),
                SelfCheck.of(null, Double.NaN, List.of(), List.of(), 0, rejected, List.of(), holding, cal, expected));
    }

    /**
     * Seeds inside or protruding from screws, rods and stents ({@link SeedsInMetal}: the metal the object's own symmetry does not
     * explain, in pieces of voxels rising {@value #SCREW_ASYMMETRIC_SHARE} of the way from the background to the metal level above
     * their mirror images, {@value #ASYMMETRIC_SHARE} in a stent). A piece of a single voxel is ignored (a seed 4.5 mm long protrudes
     * along more than one voxel wherever it protrudes at all; one voxel is bone, a streak or noise at the metal's edge), as is one
     * holding less than {@value #SCREW_HELD_SEED_SHARE} of a seed's metal ({@value #HELD_SEED_SHARE} in a stent). On an
     * extended-scale scan a piece whose residual reaches
     * {@value #DENSE_SHARE} of the single seeds' unclipped peak and {@value #DENSE_OVER_WINDOW} times the 12-bit window's height is a
     * seed's marker, not bone or the implant's own metal (bone
     * stays below 2000 HU, titanium at 12 000 HU against a marker's tens of thousands); one that holds
     * {@value #MIN_CONTENT_PER_SEED}–1.5 seeds' metal and that one seed's image, fitted to the residual, explains to at least
     * {@value #MIN_EXPLAINED} is counted, with confidence at most {@value #IN_METAL_CONFIDENCE} (part of its image is the metal's).
     * Every other piece is named in the self-check with the number of seeds' metal it holds, at the centre of its core ({@link
     * SeedsInMetal.Excess#coreCentreMm}: not of the cortex a seed's piece grew through; thirtieth round) (on a 12-bit scan bone beside the
     * metal, a screw through a vertebra's cortex, saturates with it, so nothing there is counted), unless bone lies beyond it or a
     * beam-hardening band darkens its mirror image ({@link SeedsInMetal.Excess#boneOrDarkBand}): then the metal's own shape and the
     * bone explain it, except beside a screw or rod with no band where a seed lies against the bone: on 12-bit slices under {@value
     * #THICK_SLICE_MM} mm where the CT number dips by {@value #BONE_APART_DIP} of the way between the piece and the bone (soft tissue
     * between them) or the piece holds a seed-long saturated ridge along the screw ({@value #RIDGE_VOXELS} voxels at the clip reaching
     * {@value #RIDGE_MM} mm), and on thicker slices where it dips by {@value #THICK_APART_DIP} with {@value #THICK_DIP_VOXELS} voxels at
     * the clip (docs/seed-finder.md, thirteenth round) or {@value #SATURATED_ALONE_VOXELS} of its voxels saturate where their mirror
     * images lie near the background (twenty-first round). A band alone, with no bone beyond the piece, explains it only where it lies
     * {@value #SHALLOW_BAND} of the way below the background or deeper or the piece lies nearer the axis than {@value
     * #BEYOND_RADIUS} of the screw's median radius (fourteenth round), and never where the piece holds {@value #SEED_SIZED_SEEDS}
     * seed's metal or more that one seed's image explains to {@value #SEED_SIZED_EXPLAINED} (sixteenth round). With bone beyond it a
     * piece of a screw holding {@value #SEED_SIZED_SEEDS}-{@value #SEED_AT_BONE_MAX_SEEDS} seeds' metal with {@value
     * #SEED_AT_BONE_CLIP_VOXELS} voxels or more at the clip that one seed's image explains to {@value #SEED_SIZED_EXPLAINED} is named
     * (eighteenth round). On thick box-like slices a seed read out of a piece lying in one slice is put at that slice's centre along
     * z, as the seeds of a blob are ({@link SliceCentring}: the residual's z there follows noise and bands).
     */
    private void seedsInMetal(Grid g, double profileMm, float[] hu, float[] contentHu, double contentTop, int[] labels,
                              double background, double seedContent, double seedPeak, SeedImageModel model, List<OtherMetal> metal,
                              List<FoundSeed> seeds, List<SelfCheck.MetalHoldingSeeds> holding) {
        double span = model.clipHu() - background;
        boolean centring = SliceCentring.applies(profileMm, model.sigmaZMm());
        for (OtherMetal m : metal) {
            MetalShape shape = m.object().shape();
            if (shape != MetalShape.SCREW_OR_ROD && shape != MetalShape.STENT) {
                continue;
            }
            Blob b = m.blob();
            double local = localBackground(g, hu, b, background);
            double localContent = localBackground(g, contentHu, b, background);
            int own = labels[b.voxels[0]];
            boolean stent = shape == MetalShape.STENT;
            List<SeedsInMetal.Excess> pieces = SeedsInMetal.of(g, hu, contentHu, contentTop, labels, b, local, localContent,
                    (stent ? ASYMMETRIC_SHARE : SCREW_ASYMMETRIC_SHARE) * span, 0.15 * span, stent);
            for (SeedsInMetal.Excess e : pieces) {
                double n = e.contentHuMm3() / seedContent;
                boolean marker = seedPeak > 0 && e.contentPeakHu() >= Math.max(DENSE_SHARE * seedPeak, DENSE_OVER_WINDOW * span);
                if (marker ? n < MARKER_SEED_SHARE : e.piece().length < 2 || n < (stent ? HELD_SEED_SHARE : SCREW_HELD_SEED_SHARE)
                        || e.boneOrDarkBand(g, hu, local, span, model.sigmaXyMm())
                        // A seed with soft tissue between it and the bone beyond it is not that bone (seedPeak 0: a 12-bit scan), nor
                        // is a seed-long saturated ridge along the screw.
                        && !(!stent && (!e.darkBand(g, hu, local, span) && (profileMm < THICK_SLICE_MM
                        ? seedPeak == 0 && (e.dipBeforeBone(g, hu, local, span, model.sigmaXyMm()) >= BONE_APART_DIP
                        || e.saturatedRidge(g, hu, model.clipHu(), RIDGE_VOXELS, RIDGE_MM))
                        : e.dipBeforeBone(g, hu, local, span, model.sigmaXyMm()) >= THICK_APART_DIP
                        && e.saturatedRidge(g, hu, model.clipHu(), THICK_DIP_VOXELS, 0)
                        // Nor, on thick slices, metal saturating on its own beside the screw, which bone cannot do.
                        || e.saturatedAlone(g, hu, model.clipHu(), local, span, SATURATED_ALONE_SHARE) >= SATURATED_ALONE_VOXELS)
                        // Nor is metal lying beside the screw, beyond its radius, with only a shallow band beyond its mirror image.
                        || !e.boneBeyond(g, hu, local, span, model.sigmaXyMm()) && (e.bandDepth(g, hu, local, span) < SHALLOW_BAND
                        && e.radiusShare(g, b) >= BEYOND_RADIUS
                        // Nor a whole seed's metal that one seed's image explains, whatever band lies beyond the mirror image.
                        || n >= SEED_SIZED_SEEDS && e.locate(g, hu, labels, own, local, model).explained() >= SEED_SIZED_EXPLAINED)
                        // Nor, with bone beyond it, a seed's metal and the cortex it saturates with, saturating along its core, that
                        // one seed's image explains.
                        || e.boneBeyond(g, hu, local, span, model.sigmaXyMm()) && n >= SEED_SIZED_SEEDS && n <= SEED_AT_BONE_MAX_SEEDS
                        && e.saturatedRidge(g, hu, model.clipHu(), SEED_AT_BONE_CLIP_VOXELS, 0)
                        && e.locate(g, hu, labels, own, local, model).explained() >= SEED_SIZED_EXPLAINED))) {
                    continue;
                }
                if (marker && n >= MIN_CONTENT_PER_SEED && n <= 1.5) {
                    SeedsInMetal.Located at = e.locate(g, hu, labels, own, local, model);
                    if (at.explained() >= MIN_EXPLAINED) {
                        double conf = Math.round(IN_METAL_CONFIDENCE * at.explained() * 1000) / 1000.0;
                        List<FoundSeed> read = List.of(new FoundSeed(at.seed().centreMm, at.seed().axis, conf, 1));
                        seeds.addAll(centring ? SliceCentring.centred(g, profileMm, new Blob(g, e.piece(), hu), read,
                                options.seedLengthMm()) : read);
                        continue;
                    }
                }
                holding.add(new SelfCheck.MetalHoldingSeeds(m.object(), Math.max(1, (int) Math.round(n)), e.coreCentreMm(g),
                        SelfCheck.MetalHoldingSeeds.Kind.BEYOND_SHAPE));
            }
            if (!stent) {
                fainterBesideHead(g, hu, contentHu, contentTop, labels, b, local, localContent, span, seedContent, model, m, pieces, holding);
            }
        }
    }

    /**
     * A seed touching a screw's head can hide in the head's saturated blur so far that it rises only {@value
     * #HEAD_ASYMMETRIC_SHARE}-0.7 of the way from the background to the metal level above its mirror image, as far as a vertebra's
     * cortex beside the shaft does: on 5 mm slices (docs/seed-finder.md, twelfth round) and on 2.5 mm triangle and Gaussian slices
     * (draw 2043, twenty-third round; asked on thick slices only before). Pieces started from that height that no piece of
     * {@link #SCREW_ASYMMETRIC_SHARE} already holds, of two voxels or more, holding {@value #SCREW_HELD_SEED_SHARE} of a seed's metal or more,
     * with neither bone nor a band beside them and lying where the object is {@value #HEAD_WIDTH} times as wide as along most of its
     * length (its head) are named, with their own line saying how faint they are. Never counted.
     */
    private static void fainterBesideHead(Grid g, float[] hu, float[] contentHu, double contentTop, int[] labels, Blob b, double local,
                                          double localContent, double span, double seedContent, SeedImageModel model, OtherMetal m,
                                          List<SeedsInMetal.Excess> pieces, List<SelfCheck.MetalHoldingSeeds> holding) {
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        // A single voxel rising 0.7 of the way is no piece (seedsInMetal ignores it); a faint piece may grow through it.
        pieces.stream().filter(e -> e.piece().length >= 2).forEach(e -> Arrays.stream(e.piece()).forEach(taken::add));
        for (SeedsInMetal.Excess e : SeedsInMetal.of(g, hu, contentHu, contentTop, labels, b, local, localContent,
                HEAD_ASYMMETRIC_SHARE * span, 0.15 * span, false)) {
            if (e.piece().length < 2 || Arrays.stream(e.piece()).anyMatch(taken::contains)
                    || e.contentHuMm3() / seedContent < SCREW_HELD_SEED_SHARE || e.boneOrDarkBand(g, hu, local, span, model.sigmaXyMm())
                    || !(e.widthBeside(g, b) >= HEAD_WIDTH)) {
                continue;
            }
            holding.add(new SelfCheck.MetalHoldingSeeds(m.object(), 1, e.centreMm(g), SelfCheck.MetalHoldingSeeds.Kind.FAINT_BESIDE_HEAD));
        }
    }

    /**
     * Whether an object split off a larger one at the seeds' peak level and too light for a seed ({@value #MIN_CONTENT_SHARE} of a
     * seed's metal read against its local background) is a seed's saturated core beside bone, on a 12-bit scan: at least {@value
     * #SPLIT_CORE_SHARE} of the typical object's voxels, at least half of them at the clip, its local background bone ({@value
     * SeedsInMetal#BONE_SHARE} of the way from the background to the metal level or more) and, read against the scan's background
     * (the soft tissue a seed lies in), at least {@value #SPLIT_CORE_SEEDS} of a seed's metal. A seed touching a vertebra's cortex
     * beside a screw makes one object with both; split off at the peak level its core (9 voxels of 12-13, 6 at the clip) holds
     * 0.31-0.33 of a seed's metal against the cortex around it and 0.72-0.75 against the background (scenes drawn from 2029, gap
     * 1.5 mm, 2.5 mm triangle and Gaussian slices); on the tuning scans the light objects split off bone hold 1-4 voxels and none
     * at the clip (docs/seed-finder.md, thirteenth round).
     */
    private static boolean coreBesideBone(Grid g, float[] hu, Blob b, double background, double metal, double typical, double seedContent) {
        if (b.size() < SPLIT_CORE_SHARE * typical
                || localBackground(g, hu, b, background) < background + SeedsInMetal.BONE_SHARE * (metal - background)) {
            return false;
        }
        int atClip = 0;
        double content = 0;
        for (int v : b.voxels) {
            atClip += hu[v] >= (float) metal ? 1 : 0;
            content += Math.min(hu[v], metal) - background;
        }
        return 2 * atClip >= b.size() && content * g.dxMm() * g.dyMm() * g.dzMm() >= SPLIT_CORE_SEEDS * seedContent;
    }

    /**
     * Whether bone lies within {@value #BONE_NEAR_MM} mm in-plane of a blob, on its slices and the next: a voxel of an object
     * taken for bone, or bone split off a seed touching it. A faint object there is a piece of cortex; a faint object in
     * soft tissue with a seed's metal is a seed averaged over two thick slices, however badly the model fits it.
     */
    private static boolean besideBone(Grid g, int[] labels, Blob b, java.util.Set<Integer> boneLabels) {
        int mi = (int) Math.ceil(BONE_NEAR_MM / g.dxMm());
        int mj = (int) Math.ceil(BONE_NEAR_MM / g.dyMm());
        for (int k = Math.max(0, b.k0 - 1); k <= Math.min(g.nz() - 1, b.k1 + 1); k++) {
            for (int j = Math.max(0, b.j0 - mj); j <= Math.min(g.ny() - 1, b.j1 + mj); j++) {
                for (int i = Math.max(0, b.i0 - mi); i <= Math.min(g.nx() - 1, b.i1 + mi); i++) {
                    int l = labels[g.index(i, j, k)];
                    if (l == ImageFitter.EXCLUDED || boneLabels.contains(l)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether an object counted as seeds (one or more) is a piece of a stent's struts: on slices under {@value #THICK_SLICE_MM} mm, standing
     * alone at the threshold (not admitted faint, not split off a larger object: {@code faintOrSplit} false), fitted badly (explained
     * under {@value #MIN_EXPLAINED}), its densest voxel (unclipped) under {@value #STRUT_PEAK_SHARE} of the way from the background to
     * the metal level a seed's marker reaches, and joined at the low level to voxels reaching more than {@value #FAINT_REACH_MM} mm
     * in-plane from its centre, as the seventeenth round's faint crossing is. Where a stent's bridge joins the apices of two rings,
     * three or four struts' metal lies within about 1.5 mm; on a clipped scale it holds 0.7–0.9 of a seed's clipped metal and was
     * counted as a seed with confidence 0 (docs/seed-finder.md, thirty-second round, seedstent14). However many seeds its metal
     * asks for: where the struts' clipped metal reads two seeds' the same piece is fitted as two (all-implant 3906, peak 0.651), and
     * no seed's marker in the object means none of its seeds reaches the metal level (thirty-fifth round, seedclip16).
     */
    private static boolean strutPiece(Grid g, double profileMm, float[] hu, float[] rawHu, BlobCount bc, boolean faintOrSplit,
            double background, double metal, double lowHu) {
        if (faintOrSplit || !(bc.explained() < MIN_EXPLAINED)) {
            return false;
        }
        return profileMm < THICK_SLICE_MM && peak(bc.blob, rawHu) < background + STRUT_PEAK_SHARE * (metal - background)
                && lowLevelReachMm(g, hu, bc.blob, lowHu, FAINT_REACH_MM) > FAINT_REACH_MM;
    }

    /**
     * How far in-plane from the object's centre the voxels at {@code lowHu} or above connected to it reach, on its slices and two
     * beyond, mm; the search stops past {@code limitMm}.
     */
    static double lowLevelReachMm(Grid g, float[] hu, Blob b, double lowHu, double limitMm) {
        int nx = g.nx();
        int nxy = nx * g.ny();
        double cx = Arrays.stream(b.x).average().orElseThrow();
        double cy = Arrays.stream(b.y).average().orElseThrow();
        int k0 = Math.max(0, b.k0 - 2);
        int k1 = Math.min(g.nz() - 1, b.k1 + 2);
        java.util.BitSet seen = new java.util.BitSet(hu.length);
        int[] queue = new int[Math.max(64, 4 * b.size())];
        int tail = 0;
        for (int v : b.voxels) {
            seen.set(v);
            if (tail == queue.length) {
                queue = Arrays.copyOf(queue, 2 * tail);
            }
            queue[tail++] = v;
        }
        double reach = 0;
        for (int head = 0; head < tail && reach <= limitMm; head++) {
            int v = queue[head];
            int k = v / nxy;
            int j = (v - k * nxy) / nx;
            int i = v - k * nxy - j * nx;
            reach = Math.max(reach, Math.hypot(g.x(i) - cx, g.y(j) - cy));
            for (int kk = Math.max(k - 1, k0); kk <= Math.min(k + 1, k1); kk++) {
                for (int jj = Math.max(j - 1, 0); jj <= Math.min(j + 1, g.ny() - 1); jj++) {
                    for (int ii = Math.max(i - 1, 0); ii <= Math.min(i + 1, nx - 1); ii++) {
                        int w = ii + nx * jj + nxy * kk;
                        if (!seen.get(w) && hu[w] >= lowHu) {
                            seen.set(w);
                            if (tail == queue.length) {
                                queue = Arrays.copyOf(queue, 2 * tail);
                            }
                            queue[tail++] = w;
                        }
                    }
                }
            }
        }
        return reach;
    }

    /** The unclipped median over single-seed-sized blobs (0.6–1.5 of a seed's voxels) of their densest voxel, HU. */
    private static double medianPeak(List<BlobCount> counts, float[] hu, double seedVoxels) {
        double[] p = counts.stream().filter(bc -> bc.blob.size() >= 0.6 * seedVoxels && bc.blob.size() <= 1.5 * seedVoxels)
                .mapToDouble(bc -> peak(bc.blob, hu)).sorted().toArray();
        return p.length == 0 ? 0 : p[p.length / 2];
    }

    /**
     * The bone's own level beside an object split off it: the median CT number of the voxels of the in-plane border two voxels
     * outside the object's box, on its slices, that stand at the threshold or above but under the peak level (bone, not metal), with
     * their count.
     */
    private static double[] boneBeside(Grid g, float[] hu, Blob b, double threshold, double peakRequired) {
        List<Float> ring = new ArrayList<>();
        int i0 = b.i0 - 2;
        int i1 = b.i1 + 2;
        int j0 = b.j0 - 2;
        int j1 = b.j1 + 2;
        for (int k = b.k0; k <= b.k1; k++) {
            for (int j = Math.max(0, j0); j <= Math.min(g.ny() - 1, j1); j++) {
                for (int i = Math.max(0, i0); i <= Math.min(g.nx() - 1, i1); i++) {
                    float h = hu[g.index(i, j, k)];
                    if ((i == i0 || i == i1 || j == j0 || j == j1) && h >= threshold && h < peakRequired) {
                        ring.add(h);
                    }
                }
            }
        }
        if (ring.isEmpty()) {
            return new double[] {Double.NaN, 0};
        }
        java.util.Collections.sort(ring);
        return new double[] {ring.get(ring.size() / 2), ring.size()};
    }

    /**
     * Least rise of a piece of bone's object in one thick slice above the bone beside it in that slice ({@code inDarkenedSlice}), a
     * share of the way from the background to the metal level. Where a screw's dark bands darken the cortex of one slice under the
     * threshold (to 800-1250 HU against 1800), a seed touching it across the boundary of two 5 mm slices lifts its half in that slice
     * to 1830-1940 HU, under the split level (0.65 of the way), and joins the bone through the next slice's clean cortex: nothing of
     * it is split off and no line named it. On the seen 5 mm 12-bit scans (16500-17335, all-implant 2800-3017) the two such seeds'
     * pieces (16932, 17316) rise 0.368 and 0.311; of the pieces holding no seed the highest rise is 0.206 (16816, cortex beside the
     * screw's entry) once the screw's threads are dropped ({@code atClipNear}; they rose 0.213-0.249): margins 0.041 and 0.064. A
     * share, no unit (docs/seed-finder.md, twenty-sixth round, second part, seedbone8).
     */
    static final double DARK_SLICE_RISE = 0.27;
    /** In-plane radius around the piece's densest voxel within which the bone beside it is read, mm (a seed's half length and more). */
    static final double DARK_SLICE_MM = 3;

    /**
     * The pieces of large objects (bone, screws; not wires) that in one slice stand apart in-plane from the rest of the object, hold
     * no more voxels than the typical object, peak under the split level {@code peakRequired}, stand clear of saturated metal
     * ({@code atClipNear}), and rise {@value #DARK_SLICE_RISE} of
     * the way from the background to the metal level or more above the bone beside them: the median of the voxels at {@code lowHu}
     * or above (darkened cortex, not soft tissue or air) within {@value #DARK_SLICE_MM} mm in-plane of the piece's densest voxel, on
     * its slice and outside the piece, where at least {@value #BONE_BESIDE_VOXELS} are. Such a piece is the half of a seed touching
     * the cortex in a slice the screw's bands darken: bone does not rise above its own level, however the bands cut it (named;
     * docs/seed-finder.md, twenty-sixth round, second part, seedbone8; since the thirty-fourth round counted at the boundary toward
     * the bone's next slice where no counted seed lies within a seed's length, seedbone15).
     */
    static List<Blob> inDarkenedSlice(Grid g, float[] hu, List<Blob> large, double background, double metal, double peakRequired,
                                      double lowHu, double typical) {
        List<Blob> out = new ArrayList<>();
        int nx = g.nx();
        int nxy = nx * g.ny();
        int ri = (int) Math.ceil(DARK_SLICE_MM / g.dxMm());
        int rj = (int) Math.ceil(DARK_SLICE_MM / g.dyMm());
        for (Blob b : large) {
            for (List<Integer> part : inPlanePieces(g, b, hu.length)) {
                int k = part.get(0) / nxy;
                if (part.size() > typical) {
                    continue;
                }
                int top = part.get(0);
                for (int v : part) {
                    top = hu[v] > hu[top] ? v : top;
                }
                if (hu[top] >= peakRequired) {
                    continue;
                }
                java.util.Set<Integer> own = new java.util.HashSet<>(part);
                int tj = (top - k * nxy) / nx;
                int ti = top - k * nxy - tj * nx;
                if (atClipNear(g, hu, ti, tj, k, metal)) {
                    continue;
                }
                List<Float> beside = new ArrayList<>();
                for (int jj = Math.max(0, tj - rj); jj <= Math.min(g.ny() - 1, tj + rj); jj++) {
                    for (int ii = Math.max(0, ti - ri); ii <= Math.min(nx - 1, ti + ri); ii++) {
                        int w = ii + nx * jj + nxy * k;
                        if (!own.contains(w) && hu[w] >= lowHu && Math.hypot((ii - ti) * g.dxMm(), (jj - tj) * g.dyMm()) <= DARK_SLICE_MM) {
                            beside.add(hu[w]);
                        }
                    }
                }
                if (beside.size() < BONE_BESIDE_VOXELS) {
                    continue;
                }
                java.util.Collections.sort(beside);
                double rise = (hu[top] - beside.get(beside.size() / 2)) / (metal - background);
                if (rise >= DARK_SLICE_RISE) {
                    out.add(new Blob(g, part.stream().mapToInt(Integer::intValue).toArray(), hu));
                }
            }
        }
        return out;
    }

    /**
     * Whether a voxel at {@code metal} or above (the clip: saturated metal, a screw; or the split level) lies within {@value
     * #DARK_SLICE_MM} mm in-plane of voxel (i, j) on its slice or the next ones: a screw's threads averaged into the slice beside it
     * rise above the darkened bone as a seed's half does.
     */
    private static boolean atClipNear(Grid g, float[] hu, int i, int j, int k, double metal) {
        int ri = (int) Math.ceil(DARK_SLICE_MM / g.dxMm());
        int rj = (int) Math.ceil(DARK_SLICE_MM / g.dyMm());
        for (int kk = Math.max(0, k - 1); kk <= Math.min(g.nz() - 1, k + 1); kk++) {
            for (int jj = Math.max(0, j - rj); jj <= Math.min(g.ny() - 1, j + rj); jj++) {
                for (int ii = Math.max(0, i - ri); ii <= Math.min(g.nx() - 1, i + ri); ii++) {
                    if (hu[g.index(ii, jj, kk)] >= (float) metal
                            && Math.hypot((ii - i) * g.dxMm(), (jj - j) * g.dyMm()) <= DARK_SLICE_MM) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Least number of a piece's voxels standing over soft tissue in the next slice ({@code overSoftTissueNextSlice}). A seed
     * touching the cortex across the boundary of two thick slices, both darkened by a screw's bands, lifts its half in one of them
     * above the object threshold, where the next, clean slice shows the cortex beside it and soft tissue at the seed's place: on
     * 18016 (5 mm Gaussian 12-bit) 2 voxels of 1290-1300 HU over soft tissue at −10-50 HU. Bone runs on through the slices, so a
     * piece of its object over soft tissue in the next slice is metal that ends at the boundary; one voxel is the partial volume
     * of the cortex's edge (docs/seed-finder.md, twenty-eighth round, seedbone10).
     */
    static final int OVER_SOFT_TISSUE_VOXELS = 2;

    /**
     * The pieces of large objects (bone, screws; not wires) that in one thick slice stand apart in-plane from the rest of the
     * object, hold no more voxels than the typical object, peak under the split level {@code peakRequired}, have no voxel at the
     * split level or above within {@value #DARK_SLICE_MM} mm in-plane on their slice or the next (a screw, or a core split off and
     * judged already), and hold at least {@value #OVER_SOFT_TISSUE_VOXELS} voxels under which a next slice reads soft tissue
     * (within {@code lowHu} − background of the background) while it shows the object's own voxels within {@value #DARK_SLICE_MM}
     * mm in-plane (the bone goes on there) and no voxel as far under the background there ({@code darkNear}: no dark band, which
     * darkens cortex into soft tissue's range: 17732's cortex at 320-460 HU beside -1020 HU). A vertebra's cortex runs on through
     * a slice's thickness; where the screw's bands darken one slice under the threshold and a seed touching the cortex lifts its
     * half there above it, that half stands where the clean next slice holds soft tissue beside the cortex. Named, never counted
     * (docs/seed-finder.md, twenty-eighth round, seedbone10).
     */
    static List<HalfOffBone> overSoftTissueNextSlice(Grid g, float[] hu, List<Blob> large, double background, double peakRequired,
                                                     double lowHu, double typical) {
        List<HalfOffBone> out = new ArrayList<>();
        int nx = g.nx();
        int nxy = nx * g.ny();
        double soft = lowHu - background;
        for (Blob b : large) {
            java.util.BitSet in = new java.util.BitSet(hu.length);
            for (int v : b.voxels) {
                in.set(v);
            }
            for (List<Integer> part : inPlanePieces(g, b, hu.length)) {
                int k = part.get(0) / nxy;
                if (part.size() > typical || part.size() < OVER_SOFT_TISSUE_VOXELS) {
                    continue;
                }
                int top = part.get(0);
                for (int v : part) {
                    top = hu[v] > hu[top] ? v : top;
                }
                int tj = (top - k * nxy) / nx;
                int ti = top - k * nxy - tj * nx;
                if (hu[top] >= peakRequired || atClipNear(g, hu, ti, tj, k, peakRequired)) {
                    continue;
                }
                for (int kk = k - 1; kk <= k + 1; kk += 2) {
                    if (kk < 0 || kk >= g.nz() || !objectNear(g, in, ti, tj, kk) || darkNear(g, hu, ti, tj, kk, background - soft)) {
                        continue;
                    }
                    int over = 0;
                    for (int v : part) {
                        if (Math.abs(hu[v + (kk - k) * nxy] - background) < soft) {
                            over++;
                        }
                    }
                    if (over >= OVER_SOFT_TISSUE_VOXELS) {
                        Blob piece = new Blob(g, part.stream().mapToInt(Integer::intValue).toArray(), hu);
                        out.add(new HalfOffBone(piece, new Vec3(Arrays.stream(piece.x).average().orElseThrow(),
                                Arrays.stream(piece.y).average().orElseThrow(), g.z(k) + (k - kk) * g.dzMm() / 2)));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether a voxel under {@code floor} HU (a dark band: soft tissue does not read so low beside bone) lies within {@value
     * #DARK_SLICE_MM} mm in-plane of voxel (i, j) on slice k: there a band may darken the cortex into soft tissue's range.
     */
    private static boolean darkNear(Grid g, float[] hu, int i, int j, int k, double floor) {
        int ri = (int) Math.ceil(DARK_SLICE_MM / g.dxMm());
        int rj = (int) Math.ceil(DARK_SLICE_MM / g.dyMm());
        for (int jj = Math.max(0, j - rj); jj <= Math.min(g.ny() - 1, j + rj); jj++) {
            for (int ii = Math.max(0, i - ri); ii <= Math.min(g.nx() - 1, i + ri); ii++) {
                if (hu[g.index(ii, jj, k)] < floor && Math.hypot((ii - i) * g.dxMm(), (jj - j) * g.dyMm()) <= DARK_SLICE_MM) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A piece of bone's object standing over soft tissue in the next slice ({@code overSoftTissueNextSlice}) and the place named
     * for it, mm: in-plane its centre, along z the boundary of its slice away from that next slice. The seed ends at the boundary
     * toward the clean slice (soft tissue there) and, its half under the split level, lies across the far one.
     */
    record HalfOffBone(Blob piece, Vec3 nearMm) {
    }

    /**
     * The pieces of an object within each of its slices: its voxels joined in-plane (8-connected) on one slice, in the order the
     * object lists them, each piece's first voxel its first listed; {@code length} is the scan's voxel count.
     */
    private static List<List<Integer>> inPlanePieces(Grid g, Blob b, int length) {
        int nx = g.nx();
        int nxy = nx * g.ny();
        java.util.BitSet in = new java.util.BitSet(length);
        for (int v : b.voxels) {
            in.set(v);
        }
        java.util.BitSet done = new java.util.BitSet(length);
        List<List<Integer>> pieces = new ArrayList<>();
        for (int v0 : b.voxels) {
            if (done.get(v0)) {
                continue;
            }
            int k = v0 / nxy;
            List<Integer> part = new ArrayList<>();
            java.util.ArrayDeque<Integer> q = new java.util.ArrayDeque<>();
            q.add(v0);
            done.set(v0);
            while (!q.isEmpty()) {
                int v = q.poll();
                part.add(v);
                int j = (v - k * nxy) / nx;
                int i = v - k * nxy - j * nx;
                for (int jj = Math.max(0, j - 1); jj <= Math.min(g.ny() - 1, j + 1); jj++) {
                    for (int ii = Math.max(0, i - 1); ii <= Math.min(nx - 1, i + 1); ii++) {
                        int w = ii + nx * jj + nxy * k;
                        if (in.get(w) && !done.get(w)) {
                            done.set(w);
                            q.add(w);
                        }
                    }
                }
            }
            pieces.add(part);
        }
        return pieces;
    }

    /** Whether a voxel of the object lies within {@value #DARK_SLICE_MM} mm in-plane of voxel (i, j) on slice k. */
    private static boolean objectNear(Grid g, java.util.BitSet in, int i, int j, int k) {
        int ri = (int) Math.ceil(DARK_SLICE_MM / g.dxMm());
        int rj = (int) Math.ceil(DARK_SLICE_MM / g.dyMm());
        for (int jj = Math.max(0, j - rj); jj <= Math.min(g.ny() - 1, j + rj); jj++) {
            for (int ii = Math.max(0, i - ri); ii <= Math.min(g.nx() - 1, i + ri); ii++) {
                if (in.get(g.index(ii, jj, k)) && Math.hypot((ii - i) * g.dxMm(), (jj - j) * g.dyMm()) <= DARK_SLICE_MM) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The densest voxel of a blob in the given CT numbers, HU. */
    private static double peak(Blob b, float[] hu) {
        double m = Double.NEGATIVE_INFINITY;
        for (int v : b.voxels) {
            m = Math.max(m, hu[v]);
        }
        return m;
    }

    /**
     * Whether an object that both the image and its metal (rounded) count as one seed holds two seeds side by side lying steeply
     * through thick clipped slices: the two-seed fit lays both seeds within 45° of z ({@link #STEEP_PAIR_AXIS_Z}), within {@link
     * #STEEP_PAIR_IN_PLANE_MM} of each other in-plane and within half a seed's length along z; the second seed lowers the misfit by
     * {@link #STEEP_PAIR_GAIN_SHARE} of the image's bar or more; and the object holds {@link #STEEP_PAIR_METAL_SEEDS} seeds' metal or
     * more. Two capsules one diameter apart, both steep, stand in the same columns of voxels through a thick slice: their image is
     * one seed's widened by a voxel across the pair and clipped at the window's top, and their metal, clipped in one core, reads
     * little over one seed's, so neither count reaches two. A single steep seed fitted as two is mostly split along its length
     * instead, and most seeds touching bone have their second fitted seed go to the cortex, flatter or farther off; those fitted as a
     * steep pair explain less of the image (docs/seed-finder.md, twenty-sixth round, seedpair7).
     */
    private boolean steepPairSideBySide(BlobCount bc, double seeds) {
        if (seeds < STEEP_PAIR_METAL_SEEDS || bc.fit(1).ssr() - bc.fit(2).ssr() < STEEP_PAIR_GAIN_SHARE * bc.penalty) {
            return false;
        }
        SeedImageModel.Placed[] two = bc.fit(2).seeds();
        Vec3 apart = two[0].centreMm.minus(two[1].centreMm);
        return Math.abs(two[0].axis.z()) >= STEEP_PAIR_AXIS_Z && Math.abs(two[1].axis.z()) >= STEEP_PAIR_AXIS_Z
                && Math.hypot(apart.x(), apart.y()) <= STEEP_PAIR_IN_PLANE_MM && Math.abs(apart.z()) <= 0.5 * options.seedLengthMm();
    }

    /**
     * Whether an object the image counts two and its clipped metal one holds two seeds side by side: on a clipped scan with slices
     * under {@value #THICK_SLICE_MM} mm, an object not split off bone, whose two-seed fit lays the seeds side by side ({@link
     * #PAIR_FROM_ONE_APART_MIN_MM} to {@link #BUNDLE_APART_MM} mm across their axes, the axes within {@link #PAIR_PARALLEL_DEG}° of
     * each other) and whose saturated core is larger than one seed's ({@link Plateau#moreThanOne}). Two capsules one diameter apart
     * share one saturated core: the 12-bit clip hides one seed's metal behind the other's, so the metal reads 1.16-1.20 seeds,
     * under {@link #MIN_CONTENT_PER_SEED} a seed for two, but the core at the clip is the pair's, a diameter wider than one seed's.
     * Then the metal does not lower the image's count of two. Not asked on thick slices, where a seed's plateau is a few voxels (a
     * single seed read so became a false seed on the seen scans), nor of an object split off bone, whose image rides on the bone's
     * raised CT numbers and clips over more voxels than a seed alone (docs/seed-finder.md, twenty-eighth round, seedpair10). Where
     * the fit of two is not side by side, the pair fitted again from the one-seed fit ({@link BlobCount#besideOne}) is asked the
     * same and, so kept, must lower one seed's misfit by more than the bar for a second seed: 19524's fit of two lay both seeds on
     * one, 0.15 mm apart across axes 54° apart, its fit from one 0.84 mm and 2.6° (thirty-fourth round, seedpair15).
     */
    private static boolean pairUnderTheClip(BlobCount bc, int byContent, Plateau plateau, double profileMm, boolean offBone) {
        if (plateau == null || profileMm >= THICK_SLICE_MM || offBone || bc.chosen != 2 || byContent != 1) {
            return false;
        }
        if (!plateau.moreThanOne(bc.fitter.observedPlateau(bc.region), bc.fitter.predictedPlateau(bc.region, bc.fit(1).seeds()))) {
            return false;
        }
        if (sideBySide(bc.fit(2).seeds())) {
            return true;
        }
        // The fit of two from the blob's starts can stop with both seeds on one, their axes crossed: the blob's voxels do not show
        // the axis the pair shares, the one-seed fit has found it (seedstart7's case). From the one-seed fit the pair is fitted
        // again; where that fit lays the seeds side by side and the second seed still explains more than the bar for it, that fit
        // is the object's (docs/seed-finder.md, thirty-fourth round, seedpair15).
        ImageFitter.Fit fromOne = bc.fitter.fit(bc.region, bc.besideOne(bc.fit(1).seeds()[0]));
        if (sideBySide(fromOne.seeds()) && bc.fit(1).ssr() - fromOne.ssr() > bc.penalty) {
            bc.fits.put(2, fromOne);
            return true;
        }
        return false;
    }

    /**
     * Whether two fitted seeds lie side by side: {@link #PAIR_FROM_ONE_APART_MIN_MM} to {@link #BUNDLE_APART_MM} mm apart across
     * their axes, the axes within {@link #PAIR_PARALLEL_DEG}° of each other.
     */
    static boolean sideBySide(SeedImageModel.Placed[] two) {
        double apart = BlobCount.apartAcross(two);
        double angle = Math.toDegrees(Math.acos(Math.min(1, Math.abs(two[0].axis.dot(two[1].axis)))));
        return apart >= PAIR_FROM_ONE_APART_MIN_MM && apart <= BUNDLE_APART_MM && angle <= PAIR_PARALLEL_DEG;
    }

    /**
     * Whether an object the image counts three and its clipped metal two is a clump of three: on a clipped scan the image's three
     * fitted seeds lie within {@link #CHAIN_CLUMP_SPREAD_MM} of each other, as a clump's do, and on slices under
     * {@value #THICK_SLICE_MM} mm also side by side, every two of them {@link #PAIR_FROM_ONE_APART_MIN_MM} to
     * {@link #BUNDLE_APART_MM} mm apart across their mean axis. Three parallel capsules 0.85 mm apart share one saturated core: the
     * 12-bit clip hides the third seed's metal behind the other two's, so a clump on 5 mm 12-bit slices reads 1.56-1.79 seeds' metal,
     * 0.52-0.60 a seed for three, under {@link #MIN_CONTENT_PER_SEED}, while the image, its three fitted within 0.7-1.8 mm, has
     * already counted three by the further seed's bar. Then the metal does not lower the image's three. The objects the metal lowers
     * rightly from three to two on the seen 5 mm 12-bit scans are fitted 3.79 mm apart and wider (seeds touching bone 3.79-4.41 mm,
     * end-to-end pairs, needle seeds' and strands' objects, wire pieces: to 9.82 mm) (docs/seed-finder.md, thirty-first round,
     * seedclump13). On 2.5 mm 12-bit slices clumps read 0.55-0.56 a seed the same way (19208, 19310, 17626 lost), but there
     * side-by-side pairs the image reads as three read 0.52-0.60 a seed and are fitted as close: a pair's fit of three lays its third
     * seed over a seed of the pair, the closest two of the three within half a diameter across their axis (0.01-0.39 mm on the 14
     * pairs of 348 seen thin 12-bit scans), which two capsules side by side cannot be, while the lost clumps' three keep 0.55-0.63 mm
     * apart. {@link BlobCount#pairExplainsThird} is still asked of the three kept; it takes 11 of those 14 pairs back to two by
     * itself (docs/seed-finder.md, thirty-second round, seedclump14).
     */
    private static boolean clumpUnderTheClip(BlobCount bc, int byContent, Plateau plateau, double profileMm) {
        if (plateau == null || bc.chosen != 3 || byContent != 2 || spreadMm(bc.fit(3).seeds()) > CHAIN_CLUMP_SPREAD_MM) {
            return false;
        }
        SeedImageModel.Placed[] three = bc.fit(3).seeds();
        return profileMm >= THICK_SLICE_MM
                || closestAcross(three) >= PAIR_FROM_ONE_APART_MIN_MM && BlobCount.apartAcross(three) <= BUNDLE_APART_MM;
    }

    /** The smallest distance between two of the seeds' centres across their mean axis, mm. */
    static double closestAcross(SeedImageModel.Placed[] seeds) {
        Vec3 mean = Vec3.ZERO;
        for (SeedImageModel.Placed p : seeds) {
            mean = mean.plus(p.axis.times(p.axis.dot(seeds[0].axis) >= 0 ? 1 : -1));
        }
        Vec3 u = mean.normalized();
        double least = Double.POSITIVE_INFINITY;
        for (int i = 0; i < seeds.length; i++) {
            for (int j = i + 1; j < seeds.length; j++) {
                Vec3 d = seeds[i].centreMm.minus(seeds[j].centreMm);
                least = Math.min(least, d.minus(u.times(d.dot(u))).norm());
            }
        }
        return least;
    }

    /**
     * The clipped plateau of this scan's single seeds against the model's: how many voxels at the clip the scan shows per
     * voxel the one-seed fit predicts there ({@code scale}, the median over blobs of a single seed's size whose fit predicts
     * a plateau), and how far a single seed's plateau lies from that, in voxels ({@code noise}, the 90th centile of
     * |observed − scale × predicted|). A seed count is read from a blob's plateau only beyond that scatter.
     */
    record Plateau(double scale, double noise) {

        /** The scan's plateau calibration, or null where fewer than three single seeds show a plateau (nothing to compare). */
        static Plateau of(List<BlobCount> ones, double seedVoxels, ImageFitter fitter) {
            List<int[]> obsPred = ones.stream()
                    .filter(bc -> bc.blob.size() >= 0.6 * seedVoxels && bc.blob.size() <= 1.5 * seedVoxels)
                    .map(bc -> new int[] {fitter.observedPlateau(bc.region), fitter.predictedPlateau(bc.region, bc.fit(1).seeds())})
                    .filter(op -> op[1] > 0).toList();
            if (obsPred.size() < 3) {
                return null;
            }
            double[] ratio = obsPred.stream().mapToDouble(op -> (double) op[0] / op[1]).sorted().toArray();
            double scale = ratio[ratio.length / 2];
            double[] dev = obsPred.stream().mapToDouble(op -> Math.abs(op[0] - scale * op[1])).sorted().toArray();
            return new Plateau(scale, dev[(int) Math.floor(0.9 * (dev.length - 1))]);
        }

        /** Whether the blob's plateau is at least as large as the 2-seed fit predicts on this scan's scale. */
        boolean atLeastTwo(BlobCount bc) {
            return bc.fitter.observedPlateau(bc.region) >= scale * bc.fitter.predictedPlateau(bc.region, bc.fit(2).seeds());
        }

        /**
         * Whether {@code observed} voxels at the clip are more than this scan's scale of the {@code predictedOne} voxels the 1-seed
         * fit predicts there: the object's saturated core is larger than one seed's.
         */
        boolean moreThanOne(int observed, int predictedOne) {
            return observed > scale * predictedOne;
        }

        /**
         * Whether {@code observed} voxels at the clip fall short of this scan's scale of the {@code predictedOne} voxels the 1-seed
         * fit predicts there by more than the single seeds' scatter: the object's saturated core is smaller than one seed's marker's.
         */
        boolean lessThanOne(int observed, int predictedOne) {
            return observed < scale * predictedOne - noise;
        }

        /** Whether the 3-seed fit's plateau lies nearer the blob's than the 2-seed fit's, by more than the scatter. */
        boolean favoursThree(BlobCount bc) {
            int observed = bc.fitter.observedPlateau(bc.region);
            double two = Math.abs(observed - scale * bc.fitter.predictedPlateau(bc.region, bc.fit(2).seeds()));
            double three = Math.abs(observed - scale * bc.fitter.predictedPlateau(bc.region, bc.fit(3).seeds()));
            return two - three > noise;
        }
    }

    /**
     * The residual one seed leaves on this scan, HU²: the median over blobs of a single seed's size (0.6–1.5 of its
     * voxels) of their one-seed fit's sum of squared residuals.
     */
    private static double singleSeedMisfit(List<BlobCount> ones, double seedVoxels) {
        double[] r = ones.stream().filter(bc -> bc.blob.size() >= 0.6 * seedVoxels && bc.blob.size() <= 1.5 * seedVoxels)
                .mapToDouble(bc -> bc.fit(1).ssr()).sorted().toArray();
        return r.length == 0 ? 0 : r[r.length / 2];
    }

    /**
     * Whether a blob the image model explains badly is still seeds by its metal: a whole number of seeds' content
     * (each within {@value #MIN_CONTENT_PER_SEED}–1.5 seeds) in no more than {@value #MAX_MISFIT_SEEDS} seed volumes.
     * Seeds merged on thick slices whose slice profile is not the model's look like this; a screw or a stent is
     * larger, and lighter metal fails the content.
     */
    private static boolean seedsByContent(BlobCount bc, double seedVoxels) {
        double perSeed = bc.contentSeeds / bc.chosen;
        return perSeed >= MIN_CONTENT_PER_SEED && perSeed <= 1.5 && bc.blob.size() <= MAX_MISFIT_SEEDS * seedVoxels;
    }

    /**
     * Each object fitted as two or more seeds on thick slices fitted again from a start with every seed that lies off its needle's
     * strand along z moved into the strand's slot ({@link SliceCentring#strandSlot}, from the seeds of the other objects as first
     * fitted), the others where they were fitted; the new fit replaces the first where it lowers the misfit by
     * {@link #STRAND_START_GAIN} of a seed's energy or more. On thick slices the fit of seeds sharing an object places them well
     * in-plane and poorly along z, and can stop with a needle seed half a slice off, tilted towards the other seeds' metal; the
     * needle's other seeds, each alone, say where along z its strand passes. The image decides: the start only offers the place
     * (17215, 5 mm triangle extended: a flat needle seed in an object of two fitted 2.73 mm below its truth, the start from its
     * slot gains 0.314 of a seed's energy and it lies 0.31 mm off; docs/seed-finder.md, twenty-seventh round, seedneedle9). A seed
     * with no slot between two seeds of its needle is offered its end slot ({@link SliceCentring#strandEndSlot}): the last seed of a
     * needle is fitted as far off as a middle one. On box-like slices ({@code boxLike}) a fit from the slots as good as the first
     * replaces it ({@link #STRAND_START_GAIN_BOX}; twenty-eighth round, seedneedle10). One needle's slot goes to one seed of an
     * object, the other seeds to their own needles' lines ({@link SliceCentring#strandSlots}), and on other profiles a fit as good
     * as the first replaces it where it carries each moved seed across a ridge of its misfit along z to its slot between two seeds
     * ({@link #acrossARidge}; thirty-first round, seedzoff13). Either way only where the new fit keeps each moved seed along its
     * needle's line ({@link SliceCentring#alongTheirStrands}): a clump's seed lying in-plane at another needle's line took the
     * slot's height but turned 52° from the line (20212; thirty-eighth round, seedzoff20). An object of three or more seeds lying in
     * line as a strand is then offered its own strand's even spacing ({@link #refitAlongOwnStrand}; twenty-ninth round, seedneedle11).
     */
    private static void refitFromStrands(List<BlobCount> counted, double sliceMm, double seedEnergy, boolean boxLike, int maxSeeds) {
        List<List<FoundSeed>> first = new ArrayList<>();
        for (BlobCount bc : counted) {
            List<FoundSeed> seeds = new ArrayList<>();
            for (SeedImageModel.Placed p : bc.fit(bc.chosen).seeds()) {
                seeds.add(new FoundSeed(p.centreMm, p.axis, 0, bc.chosen));
            }
            first.add(seeds);
        }
        for (int o = 0; o < counted.size(); o++) {
            BlobCount bc = counted.get(o);
            if (bc.chosen < 2) {
                continue;
            }
            List<FoundSeed> others = new ArrayList<>();
            for (int q = 0; q < first.size(); q++) {
                if (q != o) {
                    others.addAll(first.get(q));
                }
            }
            SeedImageModel.Placed[] fitted = bc.fit(bc.chosen).seeds();
            SeedImageModel.Placed[] start = fitted.clone();
            boolean moved = false;
            List<Vec3> centres = new ArrayList<>();
            for (SeedImageModel.Placed p : fitted) {
                centres.add(p.centreMm);
            }
            SliceCentring.Slot[] slots = SliceCentring.strandSlots(centres, others, sliceMm);
            for (int s = 0; s < fitted.length; s++) {
                SliceCentring.Slot slot = slots[s];
                if (slot != null) {
                    start[s] = bc.fitter.model().place(slot.centreMm(), slot.axis());
                    moved = true;
                }
            }
            if (moved) {
                ImageFitter.Fit f = bc.fitter.fit(bc.region, start);
                Vec3[] axes = new Vec3[fitted.length];
                for (int s = 0; s < axes.length; s++) {
                    axes[s] = f.seeds()[s].axis;
                }
                boolean tie = (boxLike || acrossARidge(bc, fitted, slots, f)) && SliceCentring.alongTheirStrands(slots, axes);
                if (bc.fit(bc.chosen).ssr() - f.ssr() >= (tie ? STRAND_START_GAIN_BOX : STRAND_START_GAIN) * seedEnergy) {
                    bc.fits.put(bc.chosen, f);
                }
            }
            if (bc.chosen >= 3) {
                refitAlongOwnStrand(bc, seedEnergy, boxLike, maxSeeds);
            }
        }
    }

    /**
     * Whether the fit {@code f} from the strand slots {@code slots} moved every seed it moved from a place the image holds as well
     * to one its needle's strand says: each such seed's slot lies between two seeds of its needle ({@link SliceCentring.Slot#between}),
     * its misfit along z (its fitted axis, the object's other seeds as first fitted: {@code fitted}) rises between its fitted z and
     * the slot's to a ridge higher than both, and the new fit holds it on the slot's side of that ridge. On a thick slice of a
     * Gaussian or triangle profile a needle seed lying flat in one slice is drawn by its peak there and two faint tails; the model's
     * misfit along z then has two minima, either side of the slice's centre, and the first fit stops in the one another seed of the
     * object pulls it to. The two minima are the image's two readings of one seed, which it cannot tell apart (18835, 5 mm Gaussian
     * extended: 1.533 and 1.538 of a seed's energy at 0.29 and 4.29 mm, the ridge at 2.29 near the slice's centre 2.5, the seed at
     * 1.60; all-implant 3616, 5 mm Gaussian 12-bit: 1.493 and 1.557 at -0.66 and -4.16, the ridge at -2.66, the seed at -0.85): the
     * strand decides, as on a box slice ({@link #STRAND_START_GAIN_BOX}). A slot beyond two seeds ({@link SliceCentring#strandEndSlot})
     * is extrapolated and does not decide so (17614: an end slot 1.46 mm off a right seed, its misfit along z one minimum;
     * docs/seed-finder.md, thirty-first round, seedzoff13).
     */
    private static boolean acrossARidge(BlobCount bc, SeedImageModel.Placed[] fitted, SliceCentring.Slot[] slots, ImageFitter.Fit f) {
        for (int s = 0; s < fitted.length; s++) {
            if (slots[s] == null) {
                continue;
            }
            if (!slots[s].between()) {
                return false;
            }
            double from = fitted[s].centreMm.z();
            double to = slots[s].centreMm().z();
            int steps = Math.max(2, (int) Math.ceil(Math.abs(to - from) / RIDGE_STEP_MM));
            double[] misfit = new double[steps + 1];
            SeedImageModel.Placed[] trial = fitted.clone();
            for (int j = 0; j <= steps; j++) {
                Vec3 c = fitted[s].centreMm;
                trial[s] = bc.fitter.model().place(new Vec3(c.x(), c.y(), from + (to - from) * j / steps), fitted[s].axis);
                misfit[j] = bc.fitter.ssrOf(bc.region, trial);
            }
            if (!SliceCentring.acrossARidge(misfit, from, to, f.seeds()[s].centreMm.z())) {
                return false;
            }
        }
        return true;
    }

    /**
     * An object fitted as three or more seeds lying in line as a needle's strand, fitted again from its strand's even spacing
     * ({@link SliceCentring#evenAlongStrand}): at the fitted count where two of its seeds lie closer than a needle lays them, the new
     * fit replacing the first as a slot's start does ({@link #STRAND_START_GAIN_BOX} on box-like slices, {@link #STRAND_START_GAIN}
     * elsewhere); at one seed more, up to {@code maxSeeds}, where none lies so close and one seed more evenly spaced still lies a
     * needle's spacing apart, the new fit replacing it where the added seed lowers the misfit by {@link #CHAIN_SEED_GAIN} of a seed's energy or more, the bar the chain
     * rule sets a strand's last seed. A strand lying steeply through thick slices merges into one object; the fit of its seeds may
     * stop with two bunched and a place empty, or a seed short where the object's voxels allowed no further fit (docs/seed-finder.md,
     * twenty-ninth round, seedneedle11).
     */
    private static void refitAlongOwnStrand(BlobCount bc, double seedEnergy, boolean boxLike, int maxSeeds) {
        List<FoundSeed> fitted = new ArrayList<>();
        for (SeedImageModel.Placed p : bc.fit(bc.chosen).seeds()) {
            fitted.add(new FoundSeed(p.centreMm, p.axis, 0, bc.chosen));
        }
        for (int count = bc.chosen; count <= Math.min(bc.chosen + 1, maxSeeds); count++) {
            List<FoundSeed> even = SliceCentring.evenAlongStrand(fitted, count);
            if (even == null) {
                continue;
            }
            SeedImageModel.Placed[] start = new SeedImageModel.Placed[count];
            for (int s = 0; s < count; s++) {
                start[s] = bc.fitter.model().place(even.get(s).centreMm(), even.get(s).axis());
            }
            ImageFitter.Fit f = bc.fitter.fit(bc.region, start);
            double gain = bc.fit(bc.chosen).ssr() - f.ssr();
            double bar = count > bc.chosen ? CHAIN_SEED_GAIN : boxLike ? STRAND_START_GAIN_BOX : STRAND_START_GAIN;
            if (gain >= bar * seedEnergy) {
                bc.fits.put(count, f);
                bc.chosen = count;
                return;
            }
        }
    }

    /**
     * Whether a badly explained blob larger than {@value #MAX_MISFIT_SEEDS} seed volumes is still its fitted seeds: each
     * holds a seed's metal ({@value #MIN_CONTENT_PER_SEED}–1.5 seeds) and the content along its axis comes in segments of one
     * seed image with gaps, not evenly as along a wire ({@link ChainProfile}). Needle seeds lying nearly along z merge through
     * thick slices into such a chain. Where the scanner did not clip ({@code markerHu} above 0: {@value #LIGHT_METAL_PEAK_SHARE}
     * of the single seeds' median unclipped peak), every fitted seed must also lie at a marker: the blob's densest voxel within
     * {@code markerReachMm} (half a seed's length) of its centre reaches {@code markerHu}. The metal is read as a whole and the profile
     * only asks that it come in segments: a seed joined at the threshold to a stent's struts read as 5.02 seeds' metal (the struts' metal
     * read unclipped) and its profile as a chain of five, four fitted on struts, the faintest at 0.19 of a marker's peak
     * (matrix 20025, 2.5 mm box extended; docs/seed-finder.md, thirty-sixth round, seedstent18). Such an object is other metal, and
     * the seed in it is read out as any seed merged with struts is.
     */
    private static boolean chainOfSeeds(Grid g, float[] hu, int[] labels, BlobCount bc, double background, double top,
                                        double lowHu, SeedImageModel model, float[] rawHu, double markerHu, double markerReachMm) {
        double perSeed = bc.contentSeeds / bc.chosen;
        if (bc.chosen < 2 || perSeed < MIN_CONTENT_PER_SEED || perSeed > 1.5) {
            return false;
        }
        if (!profile(g, hu, labels, bc.blob, background, top, lowHu, model).isChain(bc.chosen, model.lengthMm())) {
            return false;
        }
        return markerHu <= 0 || leastMarkerPeak(g, bc.blob, rawHu, bc.fit(bc.chosen).seeds(), markerReachMm) >= markerHu;
    }

    /**
     * The least, over the fitted seeds, of the densest voxel (unclipped: {@code rawHu}) of the blob within {@code reachMm} of a
     * seed's centre, HU (−∞ where a seed has no voxel of the blob that near): how dense the faintest fitted seed's marker shows. Along
     * z the distance is to the voxel's slice, not its centre: a seed at a boundary of thick slices shows in both.
     */
    private static double leastMarkerPeak(Grid g, Blob b, float[] rawHu, SeedImageModel.Placed[] seeds, double reachMm) {
        double least = Double.POSITIVE_INFINITY;
        for (SeedImageModel.Placed p : seeds) {
            double m = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < b.voxels.length; q++) {
                double dx = b.x[q] - p.centreMm.x();
                double dy = b.y[q] - p.centreMm.y();
                double dz = Math.max(0, Math.abs(b.z[q] - p.centreMm.z()) - g.dzMm() / 2);
                if (dx * dx + dy * dy + dz * dz <= reachMm * reachMm) {
                    m = Math.max(m, rawHu[b.voxels[q]]);
                }
            }
            least = Math.min(least, m);
        }
        return least;
    }

    /**
     * Whether a blob fitted as n seeds is a rod of metal that no seed or chain of seeds can be, by what a seed cannot be: its
     * metal lies within its capsule, and behind the image of its marker (the learned image length) comes the marker-free end of
     * its capsule. The content profile along the blob's in-plane direction ({@link ChainProfile#inPlane}: pixel resolution
     * however thick the slices) <i>resolves</i> the gap that the capsules' ends leave between the images of two seeds touching
     * end to end where that gap (the capsule's length less the image length, times the in-plane share of the axis) spans at
     * least one bin and two σ of the in-plane blur. The blob is a rod
     * <ul>
     * <li>fitted as one seed, when the best uniform rod is longer than the seed's capsule (its in-plane span where the gap is
     *     resolved, its whole length where not: no seed's metal spans more, whatever its tilt) by more than a bin (a clip's 7 mm
     *     legs; where the learned image is nearly the capsule's length, as on 1.25 and 2.5 mm slices, the second bar; eleventh
     *     round);</li>
     * <li>fitted as n ≥ 2 seeds one after another, on slices of {@value #THICK_SLICE_MM} mm or more where the gap is resolved,
     *     when the fitted seeds lie in one slice closer along the blob than one capsule's length (capsules cannot overlap: the
     *     fit has tiled a uniform object with images; seeds fitted in different slices stand a slice apart along z, and a 5 mm
     *     slice is longer than a capsule, so they may lie that close in-plane: twenty-fourth round), the rod is longer than n
     *     images end to end by more than a bin (else n images could tile it without gaps), and a rod explains the profile better than a chain of n by the information criterion
     *     ({@link ChainProfile#isRod}), unless the fitted seeds lie end to end across the slice's depth ({@link #endToEndAcrossDepth}:
     *     capsules tilted out of the plane overlap in-plane, not in space; twenty-ninth round);</li>
     * <li>fitted as n ≥ {@value #MIN_WIRE_SEEDS} seeds in a row closer than capsules can lie end to end ({@link #rowOfWire}), on
     *     slices of {@value #THICK_SLICE_MM} mm or more whether or not the gap is resolved, whatever the information criterion
     *     says: three capsules end to end span three capsules' lengths, and a chain of images with 0.5 mm gaps blurred by the
     *     in-plane σ fits a uniform piece about as well as a rod does (wire pieces on 5 mm box slices, rod against chain −9 to +8).
     *     A straight row of three touching seeds tilted 25–30° out of the slices' plane, so steeply that its in-plane spacing falls
     *     under a capsule yet flat enough to stay inside one 5 mm slice, would be taken too; none of the 756 tuning scans of the
     *     seed matrix holds one (twelfth round; thirteenth round: asked also where the gap is not resolved, and across slices);</li>
     * <li>fitted as n ≥ 2 seeds lying a capsule apart or farther, on such slices, lying within 25° of the slices' plane (a
     *     wire's piece lies in its slice; a needle's seeds crossing thick slices steeply, 6.4 mm apart on tuning scan 9512, read
     *     as a rod in-plane), when the rod is longer than the fitted seeds' images span by more than a bin (metal lies beyond or
     *     between them) and explains the profile better than the chain by at least {@value #ROD_EVIDENCE} in the information
     *     criterion (very strong evidence: seeds with gaps between their capsules leave clear dips between their images;
     *     eleventh round).</li>
     * </ul>
     * A wire at a slant to thick slices shows one piece per slice, each fitted as 2–7 seeds end to end or apart.
     */
    private boolean rodOfMetal(Grid g, double profileMm, float[] hu, int[] labels, BlobCount bc, double background, double top,
                               SeedImageModel model) {
        Blob b = bc.blob;
        Vec3 a = PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size()).axes()[0];
        double inPlane = Math.hypot(a.x(), a.y());
        Vec3 u = ChainProfile.inPlaneAxis(b);
        if (u == null || (bc.chosen >= 2 && profileMm < THICK_SLICE_MM)) {
            return false;
        }
        double bin = Math.abs(u.x()) * g.dxMm() + Math.abs(u.y()) * g.dyMm();
        double capsule = options.seedLengthMm() * inPlane;
        double segment = model.lengthMm() * inPlane;
        double gap = (options.seedLengthMm() - model.lengthMm()) * inPlane;
        boolean resolved = gap >= bin && gap >= 2 * model.sigmaXyMm();
        if (bc.chosen >= MIN_WIRE_SEEDS && rowOfWire(g, b, bc.fit(bc.chosen).seeds(), u, inPlane, segment, resolved)) {
            return true;
        }
        if (!resolved && bc.chosen >= 2) {
            return false;
        }
        // Every voxel above the local background counts: a cut would take more of a thin line's content where it falls between
        // two pixel rows than where it falls on one, and a wire at a slant to the rows would read as a chain.
        double local = localBackground(g, hu, b, background);
        ChainProfile p = ChainProfile.inPlane(g, hu, labels, b, local, local, top, model);
        if (p == null) {
            return false;
        }
        if (bc.chosen == 1) {
            return p.rodLengthMm() > (resolved ? capsule : options.seedLengthMm()) + bin;
        }
        double spacing = spacingInPlane(bc.fit(bc.chosen).seeds(), u);
        if (spacing >= capsule) {
            return inPlane >= ALONG_Z && p.rodLengthMm() > (bc.chosen - 1) * spacing + segment + bin
                    && p.rodEvidence(bc.chosen, segment) >= ROD_EVIDENCE;
        }
        // Capsules closer than a capsule's length cannot lie at one depth; fitted in different thick slices they stand a slice
        // apart along z and may lie anywhere in-plane (twenty-fourth round).
        return spacing >= segment / 2 && inOneSlice(g, bc.fit(bc.chosen).seeds()) && p.rodLengthMm() > bc.chosen * segment + bin
                && p.isRod(bc.chosen, segment) && !endToEndAcrossDepth(bc.fit(bc.chosen).seeds(), u, options.seedLengthMm());
    }

    /**
     * Whether seeds fitted in one thick slice closer along the object in-plane than a capsule lie end to end across the slice's
     * depth, as capsules touching end to end do: every two neighbours along the object's in-plane direction {@code u} stand at least
     * {@value #CAPSULE_LENGTH_SHARE} of a capsule ({@code seedLengthMm}) apart in space, the line joining them leaves the slices'
     * plane by more than 25° (its in-plane share under {@value #ALONG_Z}), and each of the two fitted axes lies within
     * {@value #END_TO_END_AXIS_DEG}° of that line. Capsules cannot overlap in space, but may in-plane: two capsules end to end
     * tilted out of the plane stand a capsule apart along their shared axis and closer in-plane, both inside one 5 mm slice (18316,
     * 5 mm Gaussian 12-bit: tilted 40°, fitted 4.59 mm apart, axes 6.3° and 6.8° from the line). A wire's piece in a thick slice
     * fitted as seeds is tiled with images lying flat (axes within 9.2° of the plane on six seen all-implant sets) while the slices'
     * blur steps their centres 1.4–3.0 mm along z: its axes leave the line joining the centres by 18.0–38.3° (docs/seed-finder.md,
     * twenty-ninth round, seedclump11).
     */
    static boolean endToEndAcrossDepth(SeedImageModel.Placed[] fitted, Vec3 u, double seedLengthMm) {
        SeedImageModel.Placed[] seeds = fitted.clone();
        Arrays.sort(seeds, Comparator.comparingDouble(q -> q.centreMm.x() * u.x() + q.centreMm.y() * u.y()));
        double along = Math.cos(Math.toRadians(END_TO_END_AXIS_DEG));
        for (int i = 0; i + 1 < seeds.length; i++) {
            Vec3 d = seeds[i + 1].centreMm.minus(seeds[i].centreMm);
            double apart = d.norm();
            if (apart < CAPSULE_LENGTH_SHARE * seedLengthMm || Math.hypot(d.x(), d.y()) / apart >= ALONG_Z
                    || Math.abs(d.dot(seeds[i].axis)) / apart < along || Math.abs(d.dot(seeds[i + 1].axis)) / apart < along) {
                return false;
            }
        }
        return true;
    }

    /** The extent of a blob's voxel centres along its first principal axis, mm. */
    private static double extentMm(Blob b) {
        PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size());
        Vec3 a = pa.axes()[0].normalized();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < b.size(); q++) {
            double t = new Vec3(b.x[q], b.y[q], b.z[q]).minus(pa.meanMm()).dot(a);
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        return hi - lo;
    }

    /**
     * More seeds fitting worse than fewer, where the metal holds them, is a fit stopped in a wrong place: the fit of {@code n}
     * seeds is started again from where each thick slice's metal puts its seeds (docs/seed-finder.md, twenty-fourth round).
     * {@code bySlice} is null where the object lies in one slice or the slices are thin.
     */
    private static void retryBySlice(BlobCount bc, int n, Grid g, double[] bySlice) {
        if (bySlice != null && bc.fit(n).ssr() >= bc.fit(bc.chosen).ssr()) {
            bc.refitBySlice(n, g, bySlice);
        }
    }

    /**
     * How many seeds an object's metal counts slice by slice where each stands in a slice of its own ({@code seedsBySlice}, in seeds,
     * one element per slice): the slices whose metal rounds to one seed, where every slice rounds to one or none, no two slices
     * rounding to one lie next to each other and two or more do; else 0. One seed cannot put half its metal in each of two slices
     * with a slice of less between them: a 4.5 mm capsule reaches two 5 mm slices at most, and a slice it crosses whole holds more of
     * its metal than either slice it ends in. Seeds of a needle's strand lying steeply through thick slices, a capsule and a spacer
     * apart, do: 18612's strand of three over five 5 mm box slices read 0.72, 0.18, 0.61, 0.16 and 0.66 seeds, 2.33 in all, which
     * rounds to two (docs/seed-finder.md, thirtieth round, seedneedle12). The image decides: fitted from those slices' seeds, each
     * seed added must lower the misfit by {@link #CHAIN_SEED_GAIN} of a seed's energy.
     */
    static int seedsInOwnSlices(double[] seedsBySlice) {
        int seeds = 0;
        boolean last = false;
        for (double s : seedsBySlice) {
            long r = Math.round(s);
            if (r > 1 || (r == 1 && last)) {
                return 0;
            }
            last = r == 1;
            seeds += (int) r;
        }
        return seeds >= 2 ? seeds : 0;
    }

    /**
     * Whether every fitted seed's centre lies in one slice (the slice nearest it along z). On thick slices a seed's z is read from
     * the slices' blur: within one slice the fit cannot tell how far apart along z two seeds lie, across slices they lie about a
     * slice apart (docs/seed-finder.md, twenty-fourth round).
     */
    private static boolean inOneSlice(Grid g, SeedImageModel.Placed[] seeds) {
        return Arrays.stream(seeds).mapToLong(q -> Math.round((q.centreMm.z() - g.z(0)) / g.dzMm())).distinct().count() == 1;
    }

    /**
     * Whether n ≥ {@value #MIN_WIRE_SEEDS} fitted seeds are a piece of wire the fit has tiled with images, by their places alone
     * (no profile asked: where the learned image is nearly the capsule's length, as on 5 mm triangle and Gaussian slices, the
     * profile cannot show the capsules' ends, but the places still can): they stand in a row along the object's in-plane
     * direction ({@link #inARow}), at least half an image apart (not side by side: bundles and clumps fit 0–0.8 mm apart), and
     * closer than capsules can lie end to end: within one slice where the profile resolves the capsules' ends, closer than a
     * capsule's length in-plane (twelfth round). Elsewhere each fitted seed's axis must also lie along the row (within 25°: seeds
     * end to end lie along their axes; two touching seeds in one 5 mm box slice whose image nearly fills the capsule, fitted as
     * three 2.5 mm apart with axes 45° off the row, are not a row), and then within one slice closer than a capsule; across
     * slices, where the fitted seeds' z is read from the slices' blur, a row of n ≥ {@value #MIN_WIRE_SEEDS} + 1 lying within 25°
     * of the slices' plane closer than {@value #CAPSULE_LENGTH_SHARE} of a capsule in-plane: seeds touching end to end lie that
     * close in-plane only when tilted more than 28° (4.6 mm × cos 28° = 4.06 mm), steeper than the object (docs/seed-finder.md,
     * thirteenth round). An object lying within 25° of the slices' plane whose fitted seeds all lie in one slice ({@link #inOneSlice})
     * is asked as within one slice though a few of its voxels reach the next: all-implant 4314's wire piece, 18 of its 19 voxels
     * in one 5 mm slice, fitted as three seeds 4.19 mm apart in-plane in that slice (under the 4.45 mm one slice allows), was
     * otherwise asked for four seeds and counted three (docs/seed-finder.md, thirty-ninth round, seedwire21).
     */
    private boolean rowOfWire(Grid g, Blob b, SeedImageModel.Placed[] seeds, Vec3 u, double inPlane, double segment, boolean resolved) {
        double spacing = spacingInPlane(seeds, u);
        if (spacing < segment / 2 || !inARow(seeds, u)) {
            return false;
        }
        boolean alongRow = Arrays.stream(seeds).allMatch(q -> Math.abs(q.axis.dot(u)) >= ALONG_Z);
        if (b.k0 == b.k1 || (inPlane >= ALONG_Z && inOneSlice(g, seeds))) {
            return (resolved || alongRow) && spacing < options.seedLengthMm() * inPlane;
        }
        return alongRow && seeds.length > MIN_WIRE_SEEDS && inPlane >= ALONG_Z && spacing < CAPSULE_LENGTH_SHARE * options.seedLengthMm();
    }

    /** The mean spacing of fitted seeds along the in-plane direction {@code u}: their extent along it over n − 1, mm. */
    private static double spacingInPlane(SeedImageModel.Placed[] seeds, Vec3 u) {
        double[] along = Arrays.stream(seeds).mapToDouble(q -> q.centreMm.x() * u.x() + q.centreMm.y() * u.y()).sorted().toArray();
        return (along[along.length - 1] - along[0]) / (seeds.length - 1);
    }

    /**
     * Whether fitted seeds stand in one row along the in-plane direction {@code u}: each centre within a seed's diameter
     * ({@value #SEED_DIAMETER_MM} mm) of the line through their mean along {@code u}, in-plane (seeds side by side or in a clump
     * stand farther apart across it).
     */
    private static boolean inARow(SeedImageModel.Placed[] seeds, Vec3 u) {
        double[] across = Arrays.stream(seeds).mapToDouble(q -> -q.centreMm.x() * u.y() + q.centreMm.y() * u.x()).toArray();
        double mean = Arrays.stream(across).average().orElse(0);
        return Arrays.stream(across).allMatch(c -> Math.abs(c - mean) < SEED_DIAMETER_MM);
    }

    /**
     * Whether a blob lying along z that the fit reads as n ≥ {@value #MIN_WIRE_SEEDS} seeds with gaps between their capsules is a
     * wire. On slices of {@value #THICK_SLICE_MM} mm or more its content along its axis ({@link ChainProfile#of}) comes one slice
     * per bin; needle seeds lying apart leave dips between them, a wire's metal is even through consecutive slices. It is a wire
     * when its axis lies within 25° of z, the fitted seeds lie farther apart along it than a capsule's length (the fit claims
     * gaps), it holds at least {@value #WIRE_CONTENT_PER_SEED} seeds' metal per fitted seed (the gaps hold metal), and a uniform
     * rod explains the profile better than a chain of n images by at least {@value #ROD_EVIDENCE} in the information criterion
     * ({@link ChainProfile#rodEvidence}: very strong evidence; asked only with n + 3 slices or more; a needle of 3 seeds along z
     * on 5 mm triangle slices, tuning scan 10114, was a rod by 0.4, the test's 40 mm wires by 23-55). A needle loaded without gaps fills consecutive slices as a wire does and is fitted with seeds a capsule apart or closer: not asked
     * (the self-check's SEEDS IN A LINE ALONG Z names such lines). docs/seed-finder.md, tenth round.
     */
    private boolean wireAlongZ(Grid g, double profileMm, float[] hu, int[] labels, BlobCount bc, double background, double top,
                               double lowHu, SeedImageModel model) {
        if (bc.chosen < MIN_WIRE_SEEDS || profileMm < THICK_SLICE_MM || bc.contentSeeds / bc.chosen < WIRE_CONTENT_PER_SEED) {
            return false;
        }
        Blob b = bc.blob;
        PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size());
        Vec3 a = pa.axes()[0].normalized();
        if (Math.abs(a.z()) < ALONG_Z) {
            return false;
        }
        double[] along = Arrays.stream(bc.fit(bc.chosen).seeds()).mapToDouble(q -> q.centreMm.minus(pa.meanMm()).dot(a)).sorted().toArray();
        double spacing = (along[along.length - 1] - along[0]) / (bc.chosen - 1);
        return spacing > options.seedLengthMm()
                && profile(g, hu, labels, b, background, top, lowHu, model).rodEvidence(bc.chosen, model.lengthMm()) >= ROD_EVIDENCE;
    }

    /**
     * The content profile of a blob along its axis ({@link ChainProfile}), read as {@link #excess} reads its content: above the
     * local background, voxels rising above it as far as {@code lowHu} rises above the scan's, at most {@code top}.
     */
    static ChainProfile profile(Grid g, float[] hu, int[] labels, Blob b, double background, double top, double lowHu,
                                SeedImageModel model) {
        double local = localBackground(g, hu, b, background);
        return ChainProfile.of(g, hu, labels, b, local, local + (lowHu - background), top, model);
    }

    /**
     * The metal content of one seed on this scan from the sorted contents of the bright objects: starting at the
     * 90th percentile (seeds, pairs and clumps are the heaviest small objects; a stent's struts or a wire's pieces
     * may outnumber them), the median of the contents within a factor of two, three times over.
     */
    static double seedContent(double[] sorted) {
        double ref = sorted[(int) Math.floor(0.9 * (sorted.length - 1))];
        for (int it = 0; it < 3; it++) {
            double r = ref;
            double[] near = Arrays.stream(sorted).filter(c -> c >= 0.5 * r && c <= 2 * r).toArray();
            if (near.length == 0) {
                break;
            }
            ref = near[near.length / 2];
        }
        return ref;
    }

    /**
     * One seed's metal content, checked against the single seeds: the median content of the objects of a typical object's size
     * (0.6–1.5 times the median size of the objects holding at least {@value #MIN_CONTENT_SHARE} of the first estimate {@code ref},
     * which leaves a stent's struts out) replaces the first estimate where it holds less than {@value #SINGLES_OF_THE_ESTIMATE} of it:
     * where pieces of wire, merged needle seeds and pairs make the heaviest tenth of the objects, the first estimate is a pair's
     * (all-implant scan 617, 5 mm slices: single seeds read as 0.45 seeds and, badly explained across two slices, were taken for
     * other metal; docs/seed-finder.md, eighth round). Elsewhere the first estimate stands (taken always, the median let more of a
     * stent's struts pass as seeds on the tuning scans).
     * <p>
     * Where more of the objects lighter than that share peak at the seeds' level {@code metal} (the clipped top of the scan read)
     * than hold it, the first estimate is several seeds' and the objects it leaves out are single seeds, not a stent's struts or a
     * wire's pieces, which peak lower (as {@link MetalLevel} has it): the typical size is then taken over both (all-implant scan
     * 4715, 5 mm triangle slices, extended scale: the first estimate three seeds', 16 of 53 objects held 0.35 of it, the typical of
     * them a pair or a wire's piece of 14 voxels; the 37 lighter were single seeds, 25 of them at the seeds' level, and were rejected
     * as metal far lighter than a seed; the nearest of the 216 seen scans run: 2 lighter objects at that level against 54 holding the
     * share; docs/seed-finder.md, forty-third round).
     */
    static double singleSeedContent(List<Blob> blobs, double[] contents, double ref, double metal) {
        long heavy = Arrays.stream(contents).filter(c -> c >= MIN_CONTENT_SHARE * ref).count();
        long lightAtTheSeedsLevel = java.util.stream.IntStream.range(0, blobs.size())
                .filter(i -> contents[i] < MIN_CONTENT_SHARE * ref && blobs.get(i).peakHu() >= metal).count();
        boolean severalSeeds = lightAtTheSeedsLevel > heavy;
        java.util.function.IntPredicate counted = i -> contents[i] >= MIN_CONTENT_SHARE * ref
                || severalSeeds && blobs.get(i).peakHu() >= metal;
        double[] sizes = java.util.stream.IntStream.range(0, blobs.size()).filter(counted)
                .mapToDouble(i -> blobs.get(i).size()).sorted().toArray();
        if (heavy < 3) {
            return ref;
        }
        double typical = sizes[sizes.length / 2];
        double[] single = java.util.stream.IntStream.range(0, blobs.size())
                .filter(i -> counted.test(i) && blobs.get(i).size() >= 0.6 * typical && blobs.get(i).size() <= 1.5 * typical)
                .mapToDouble(i -> contents[i]).sorted().toArray();
        return single.length < 3 || single[single.length / 2] >= SINGLES_OF_THE_ESTIMATE * ref ? ref : single[single.length / 2];
    }

    private static double median(List<Blob> blobs) {
        double[] sizes = blobs.stream().mapToDouble(Blob::size).sorted().toArray();
        return sizes.length == 0 ? 0 : sizes[sizes.length / 2];
    }

    /**
     * Metal content of a blob: Σ (min(HU, metal) − local background) × voxel volume over the voxels in its box
     * widened by one voxel that rise above the local background by as much as {@code lowHu} rises above the
     * scan's and belong to it or to no blob, HU·mm³. The local background is the median of the box's border
     * widened by two voxels (a seed migrated into the lung lies on −850 HU, not on soft tissue).
     */
    private static double excess(Grid g, float[] hu, int[] labels, Blob b, double background, double metal, double lowHu) {
        return Arrays.stream(excessBySlice(g, hu, labels, b, background, metal, lowHu)).sum();
    }

    /**
     * Whether every fitted seed's centre lies in its object: the voxel nearest the centre is one of the object's. On an object split
     * off bone at the peak level the voxels around it are the bone's (or below the threshold): on the seen matrix scans the further
     * seeds fitted beside a seed touching the cortex lay on voxels 0.29-0.61 of the way to the metal level, under the split level
     * 0.65, and no right seed of an object split off bone or a screw lay outside it (docs/seed-finder.md, twenty-second round).
     */
    private static boolean centresInObject(Grid g, int[] labels, Blob b, SeedImageModel.Placed[] seeds) {
        int own = labels[b.voxels[0]];
        for (SeedImageModel.Placed q : seeds) {
            int i = (int) Math.round((q.centreMm.x() - g.x(0)) / g.dxMm());
            int j = (int) Math.round((q.centreMm.y() - g.y(0)) / g.dyMm());
            int k = (int) Math.round((q.centreMm.z() - g.z(0)) / g.dzMm());
            if (i < 0 || j < 0 || k < 0 || i >= g.nx() || j >= g.ny() || k >= g.nz() || labels[g.index(i, j, k)] != own) {
                return false;
            }
        }
        return true;
    }

    /** How far apart the farthest two fitted seeds' centres lie, mm. */
    private static double spreadMm(SeedImageModel.Placed[] seeds) {
        double most = 0;
        for (int s = 0; s < seeds.length; s++) {
            for (int t = s + 1; t < seeds.length; t++) {
                most = Math.max(most, seeds[s].centreMm.minus(seeds[t].centreMm).norm());
            }
        }
        return most;
    }

    /** Whether every two fitted seeds' centres lie at least {@code mm} apart. */
    private static boolean apart(SeedImageModel.Placed[] seeds, double mm) {
        for (int s = 0; s < seeds.length; s++) {
            for (int t = s + 1; t < seeds.length; t++) {
                if (seeds[s].centreMm.minus(seeds[t].centreMm).norm() < mm) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether every seed of the object's fit of {@code n} lies within the slices of its object (between the lower boundary of slice
     * {@code k0} and the upper boundary of slice {@code k1}): its centre there, or the image placing it as well at the nearer boundary
     * ({@link ImageFitter#placesAsWellAt}). A count raised by the metal content alone on thick slices is kept only so: a needle
     * seed lying in one 5 mm triangle slice whose metal read 2.55 seeds (tuning scan 12714) was fitted as three seeds 0.9-3.2 mm
     * below its slice, which explain none of it (docs/seed-finder.md, fourteenth round). The fit puts a seed at the middle of the
     * range along z its image cannot tell apart, and that middle may fall a hair past a boundary the range itself crosses: two needle
     * seeds, one near each outer boundary of two 5 mm Gaussian slices, fitted in their places with one centre 0.005 mm past the upper
     * boundary, were refused and their object taken for a rod (all-implant 4417; fortieth round, seedneedle22).
     */
    private static boolean inItsSlices(Grid g, BlobCount bc, int n) {
        Blob b = bc.blob;
        double lo = g.z(b.k0) - g.dzMm() / 2;
        double hi = g.z(b.k1) + g.dzMm() / 2;
        ImageFitter.Fit f = bc.fit(n);
        for (int s = 0; s < f.seeds().length; s++) {
            double z = f.seeds()[s].centreMm.z();
            if ((z < lo || z > hi) && !bc.fitter.placesAsWellAt(bc.region, f, s, z < lo ? lo : hi)) {
                return false;
            }
        }
        return true;
    }

    /**
     * On thick slices, the objects standing alone and not counted that hold about half a seed's metal ({@value #HALF_SEED_LEAST}–
     * {@value #HALF_SEED_MOST} seeds) in no more than a seed's volume, reach no farther than {@value #HALF_SEED_REACH_MM} mm at the
     * low level and lie a seed's length or farther from every counted seed (the seen halves named 5.3 mm or more, the closest
     * other object 2.6 mm: a counted seed's own tail; all-implant 1716's half at 3.7 mm is not named): a seed lying across the
     * boundary of two slices leaves about half its metal in each, and where neither half reads as a seed it is lost. Two such halves
     * in neighbouring slices within a seed's length in-plane hold one seed's metal between them and are that seed
     * ({@link #seedOfTwoHalves}, added to {@code pairedInto}); a half alone is named, one line per place.
     */
    private static List<SelfCheck.MetalHoldingSeeds> halvesAcrossBoundary(Grid g, float[] hu, float[] contentHu, int[] labels,
                                                                          List<Blob> standing, List<BlobCount> counted,
                                                                          double background, double contentTop, double lowHu,
                                                                          double seedContent, double seedVoxels, double seedLengthMm,
                                                                          List<FoundSeed> pairedInto) {
        java.util.Set<Blob> countedBlobs = new java.util.HashSet<>();
        List<Vec3> countedAt = new ArrayList<>();
        for (BlobCount bc : counted) {
            countedBlobs.add(bc.blob);
            Arrays.stream(bc.fit(bc.chosen).seeds()).forEach(q -> countedAt.add(q.centreMm));
        }
        List<Half> halves = new ArrayList<>();
        for (Blob b : standing) {
            if (countedBlobs.contains(b) || b.size() > seedVoxels) {
                continue;
            }
            double[] bySlice = excessBySlice(g, contentHu, labels, b, background, contentTop, lowHu);
            double seeds = Arrays.stream(bySlice).sum() / seedContent;
            if (seeds < HALF_SEED_LEAST || seeds > HALF_SEED_MOST
                    || lowLevelReachMm(g, hu, b, lowHu, HALF_SEED_REACH_MM) > HALF_SEED_REACH_MM) {
                continue;
            }
            RejectedObject o = reject(g, b, RejectedObject.Reason.OTHER_METAL);
            Vec3 at = new Vec3(o.centreMm().x(), o.centreMm().y(), halfSeedBoundaryZ(g, b, bySlice, o.centreMm().z()));
            if (countedAt.stream().noneMatch(c -> c.minus(at).norm() < seedLengthMm)) {
                halves.add(new Half(b, o, at, seeds));
            }
        }
        java.util.Set<Half> paired = new java.util.HashSet<>();
        for (Half a : halves) {
            for (Half c : halves) {
                if (!paired.contains(a) && !paired.contains(c) && a.blob.k0 == a.blob.k1 && c.blob.k0 == c.blob.k1
                        && c.blob.k0 == a.blob.k0 + 1 && inPlaneMm(a.metal.centreMm(), c.metal.centreMm()) < seedLengthMm) {
                    paired.add(a);
                    paired.add(c);
                    pairedInto.add(seedOfTwoHalves(g, a, c, seedLengthMm));
                }
            }
        }
        List<SelfCheck.MetalHoldingSeeds> out = new ArrayList<>();
        for (Half h : halves) {
            if (!paired.contains(h) && out.stream().noneMatch(o -> inPlaneMm(o.nearMm(), h.at) < seedLengthMm
                    && Math.abs(o.nearMm().z() - h.at.z()) <= 1.01 * g.dzMm())) {
                out.add(new SelfCheck.MetalHoldingSeeds(h.metal, 1, h.at, SelfCheck.MetalHoldingSeeds.Kind.HALF_ACROSS_BOUNDARY));
            }
        }
        return out;
    }

    /** An object holding about half a seed's metal ({@link #halvesAcrossBoundary}): where its seed would lie, and its metal in seeds. */
    private record Half(Blob blob, RejectedObject metal, Vec3 at, double seeds) {
    }

    private static double inPlaneMm(Vec3 a, Vec3 b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    /** Whether no counted seed's centre lies within {@code mm} of {@code at}. */
    private static boolean clearOf(List<Vec3> countedAt, Vec3 at, double mm) {
        return countedAt.stream().noneMatch(c -> c.minus(at).norm() < mm);
    }

    /**
     * The seed a named piece of bone's object on thick slices shows ({@link #BONE_CORE_AT_CLIP}): at {@code at}; its axis in-plane
     * along the piece where the piece spreads in-plane (a seed touching the cortex lies along it), else along z. Its image was not
     * fitted: confidence {@value #BONE_PIECE_CONFIDENCE}.
     */
    private static FoundSeed seedOfBonePiece(Blob p, Vec3 at) {
        double[] ones = BlobSplitter.ones(p.size());
        double sx = Arrays.stream(p.x).max().orElseThrow() - Arrays.stream(p.x).min().orElseThrow();
        double sy = Arrays.stream(p.y).max().orElseThrow() - Arrays.stream(p.y).min().orElseThrow();
        Vec3 axis = Math.max(sx, sy) > 0 ? PrincipalAxes.inPlaneAxis(p.x, p.y, ones, p.size()) : new Vec3(0, 0, 1);
        return new FoundSeed(at, axis, BONE_PIECE_CONFIDENCE, 1);
    }

    /**
     * Where along z the seed of a piece of bone's object in one darkened slice lies ({@code inDarkenedSlice}): at the boundary toward
     * the neighbouring slice whose CT numbers under the piece's voxels stand higher, where the seed's other half joins the bone.
     */
    static double boundaryTowardBone(Grid g, float[] hu, Blob p) {
        int k = p.k0;
        double below = 0;
        double above = 0;
        for (int v : p.voxels) {
            below += k > 0 ? hu[v - g.nx() * g.ny()] : Double.NEGATIVE_INFINITY;
            above += k < g.nz() - 1 ? hu[v + g.nx() * g.ny()] : Double.NEGATIVE_INFINITY;
        }
        return g.z(k) + (above > below ? 0.5 : -0.5) * g.dzMm();
    }

    /**
     * The seed whose halves lie in two neighbouring thick slices ({@code lower} in slice k, {@code upper} in k + 1): in-plane at the
     * halves' centres weighted by their metal, along z at the slices' boundary. Each half's centre lies a quarter of the seed's
     * length from the seed's centre along its axis, so the halves' in-plane offset d gives the axis's tilt from z (sin = 2d / length);
     * the seed's image was not fitted, so its confidence is at most {@value #IN_METAL_CONFIDENCE}, scaled by the pair's metal.
     */
    private static FoundSeed seedOfTwoHalves(Grid g, Half lower, Half upper, double seedLengthMm) {
        Vec3 a = lower.metal.centreMm();
        Vec3 c = upper.metal.centreMm();
        double w = upper.seeds / (lower.seeds + upper.seeds);
        Vec3 centre = new Vec3(a.x() + w * (c.x() - a.x()), a.y() + w * (c.y() - a.y()), (g.z(lower.blob.k0) + g.z(upper.blob.k0)) / 2);
        double d = inPlaneMm(a, c);
        double sin = Math.min(1, 2 * d / seedLengthMm);
        Vec3 axis = d == 0 ? new Vec3(0, 0, 1)
                : new Vec3(sin * (c.x() - a.x()) / d, sin * (c.y() - a.y()) / d, Math.sqrt(1 - sin * sin));
        double conf = Math.round(IN_METAL_CONFIDENCE * Math.min(1, lower.seeds + upper.seeds) * 1000) / 1000.0;
        return new FoundSeed(centre, axis, conf, 1);
    }

    /**
     * Where along z the seed of a half lies: the boundary between the object's two slices, or, in one slice, its boundary toward the
     * slice beside it that holds more of the seed's metal ({@code bySlice} from {@link #excessBySlice}); {@code centreZ} otherwise.
     * The object's own centre lies at its slice's centre, up to half a slice from the seed (14316, 14334: 2.5–2.8 mm).
     */
    private static double halfSeedBoundaryZ(Grid g, Blob b, double[] bySlice, double centreZ) {
        if (b.k1 == b.k0 + 1) {
            return (g.z(b.k0) + g.z(b.k1)) / 2;
        }
        if (b.k1 == b.k0) {
            return g.z(b.k0) + (bySlice[2] > bySlice[0] ? 0.5 : -0.5) * g.dzMm();
        }
        return centreZ;
    }

    /** The metal of each slice the blob occupies ({@code k0 … k1}; {@link #excessBySlice} without the slices beside it), in seeds. */
    private static double[] seedsBySlice(double[] excessBySlice, double seedContent) {
        return Arrays.stream(excessBySlice, 1, excessBySlice.length - 1).map(e -> e / seedContent).toArray();
    }

    /**
     * {@link #excess} slice by slice, HU·mm³: element 0 is the slice below the blob ({@code k0 − 1}), the last the slice above
     * it ({@code k1 + 1}); a slice outside the scan holds 0.
     */
    private static double[] excessBySlice(Grid g, float[] hu, int[] labels, Blob b, double background, double metal, double lowHu) {
        return excessBySlice(g, hu, labels, b, background, metal, lowHu, false);
    }

    /**
     * The metal a blob's count is asked of ({@link #excessBySlice}, HU·mm³ slice by slice): on an extended scale ({@code unclipped}),
     * the slices beside a blob whose ring beam hardening's bands darken so far that tissue would read as metal ({@link #darkenedByBands})
     * are read above their own ring. The bands are each slice's own, drawn between the dense objects in it; the slices beside hold
     * only the blob's tails, and about 17431's clump their tissue, read above the blob's ring (−561 HU), added 1.0 seed to three,
     * outside the tolerance in which the unclipped metal counts (docs/seed-finder.md, twenty-seventh round, seedclump8). Not on a
     * clipped scan: there the clip under-reads a clump (1.5–2.4 seeds for three) and the seen counts rest on both errors together (so
     * read, 17714's clump was found and 15412 came out a seed short); not of a core split off bone
     * ({@code splitOffBone}): beside it the slices hold the bone, no level its tails stand on (17634's seed was lost so). Asked where
     * the metal decides a count only: the single seeds' metal (the unit) and the least metal of a seed are read as before.
     */
    static double[] countedExcessBySlice(Grid g, float[] hu, int[] labels, Blob b, double background, double metal, double lowHu,
                                         boolean unclipped, boolean splitOffBone) {
        return excessBySlice(g, hu, labels, b, background, metal, lowHu,
                unclipped && !splitOffBone && darkenedByBands(g, hu, b, background, lowHu));
    }

    /**
     * The metal of a core split off a larger object at the peak level (a seed touching bone), HU·mm³, as {@link #excess} reads it but
     * without the voxels under the threshold that touch the larger object's voxels (26-neighbours labelled
     * {@link ImageFitter#EXCLUDED}): there the cortex's partial volume stands in the seed's tail, and read against soft tissue it adds
     * 0.1-0.7 of a seed's metal to the core (docs/seed-finder.md, thirty-second round, seedbone14). The core's own voxels and its tail
     * away from the bone count as {@link #excess} counts them.
     */
    static double excessOffBone(Grid g, float[] hu, int[] labels, Blob b, double background, double metal, double lowHu) {
        int own = labels[b.voxels[0]];
        double local = localBackground(g, hu, b, background);
        double low = local + (lowHu - background);
        double sum = 0;
        for (int k = Math.max(0, b.k0 - 1); k <= Math.min(g.nz() - 1, b.k1 + 1); k++) {
            for (int j = Math.max(0, b.j0 - 1); j <= Math.min(g.ny() - 1, b.j1 + 1); j++) {
                for (int i = Math.max(0, b.i0 - 1); i <= Math.min(g.nx() - 1, b.i1 + 1); i++) {
                    int v = g.index(i, j, k);
                    if (hu[v] > low && (labels[v] == own || (labels[v] == 0 && !touchesExcluded(g, labels, i, j, k)))) {
                        sum += Math.min(hu[v], metal) - local;
                    }
                }
            }
        }
        return sum * g.dxMm() * g.dyMm() * g.dzMm();
    }

    /** Whether a voxel's 26-neighbourhood holds a voxel labelled {@link ImageFitter#EXCLUDED} (a large object's, split again). */
    private static boolean touchesExcluded(Grid g, int[] labels, int i, int j, int k) {
        for (int c = Math.max(0, k - 1); c <= Math.min(g.nz() - 1, k + 1); c++) {
            for (int b = Math.max(0, j - 1); b <= Math.min(g.ny() - 1, j + 1); b++) {
                for (int a = Math.max(0, i - 1); a <= Math.min(g.nx() - 1, i + 1); a++) {
                    if (labels[g.index(a, b, c)] == ImageFitter.EXCLUDED) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static double[] excessBySlice(Grid g, float[] hu, int[] labels, Blob b, double background, double metal, double lowHu,
                                          boolean besideOwnRing) {
        int own = labels[b.voxels[0]];
        double blobLocal = localBackground(g, hu, b, background);
        double[] out = new double[b.k1 - b.k0 + 3];
        for (int k = Math.max(0, b.k0 - 1); k <= Math.min(g.nz() - 1, b.k1 + 1); k++) {
            double local = besideOwnRing && (k < b.k0 || k > b.k1) ? localBackground(g, hu, b, k, k, background) : blobLocal;
            double low = local + (lowHu - background);
            double sum = 0;
            for (int j = Math.max(0, b.j0 - 1); j <= Math.min(g.ny() - 1, b.j1 + 1); j++) {
                for (int i = Math.max(0, b.i0 - 1); i <= Math.min(g.nx() - 1, b.i1 + 1); i++) {
                    int v = g.index(i, j, k);
                    if (hu[v] > low && (labels[v] == 0 || labels[v] == own)) {
                        sum += Math.min(hu[v], metal) - local;
                    }
                }
            }
            out[k - b.k0 + 1] = sum * g.dxMm() * g.dyMm() * g.dzMm();
        }
        return out;
    }

    /**
     * Objects in air-filled lung that stay under the object threshold: a seed's peak is the partial-volume mix of its metal and its
     * surroundings, so on thick slices, where a voxel holds little metal, the same seed peaks nearly the 890 HU between soft tissue and
     * lung (about −850 HU) lower in lung, while the threshold's share measured from the lung lies only 0.6 × 890 = 534 HU lower; a
     * migrated seed near a 5 mm slice boundary can stay under the threshold measured from soft tissue on every slice
     * (docs/seed-finder.md, twenty-fourth round: 1089 / 1000 HU under 1251 HU, above the 721 HU measured from its ring). Groups of voxels at or above the threshold's share
     * measured from air (the lowest level any surroundings have) that hold no voxel of an object above the threshold are kept where
     * their in-plane ring two voxels outside their box lies in lung ({@value #LUNG_RING_CENTILE} of it at or under
     * {@value #LUNG_RING_MAX_HU} HU: a rib's cortex or soft tissue beside it is not lung), with the voxels at or above the same share
     * measured from the ring's median; each is then judged as any faint object (its metal content, its fit). Unlabelled voxels only;
     * returns the objects' voxels, not yet labelled.
     */
    static List<int[]> inLung(Grid g, float[] hu, int[] labels, double metal) {
        double lowest = AIR_HU + OBJECT_THRESHOLD_SHARE * (metal - AIR_HU);
        List<int[]> out = new ArrayList<>();
        for (int[] comp : ConnectedComponents.of(g, atLeast(hu, lowest), null)) {
            if (Arrays.stream(comp).anyMatch(v -> labels[v] != 0)) {
                continue;
            }
            Blob b = new Blob(g, comp, hu);
            List<Float> ring = new ArrayList<>();
            for (int k = b.k0; k <= b.k1; k++) {
                for (int j = b.j0 - 2; j <= b.j1 + 2; j++) {
                    for (int i = b.i0 - 2; i <= b.i1 + 2; i++) {
                        boolean border = i == b.i0 - 2 || i == b.i1 + 2 || j == b.j0 - 2 || j == b.j1 + 2;
                        if (border && i >= 0 && j >= 0 && i < g.nx() && j < g.ny()) {
                            ring.add(hu[g.index(i, j, k)]);
                        }
                    }
                }
            }
            if (ring.isEmpty()) {
                continue;
            }
            java.util.Collections.sort(ring);
            if (ring.get((int) Math.min(ring.size() - 1, Math.floor(LUNG_RING_CENTILE * ring.size()))) > LUNG_RING_MAX_HU) {
                continue;
            }
            double level = ring.get(ring.size() / 2);
            float local = (float) (level + OBJECT_THRESHOLD_SHARE * (metal - level));
            int[] kept = Arrays.stream(comp).filter(v -> hu[v] >= local).toArray();
            if (kept.length > 0) {
                out.add(kept);
            }
        }
        return out;
    }

    /** Median CT number of the in-plane border two voxels outside a blob's box, on its slices; the scan's background if none. */
    private static double localBackground(Grid g, float[] hu, Blob b, double background) {
        return localBackground(g, hu, b, b.k0, b.k1, background);
    }

    /**
     * Whether beam hardening's dark bands darken the ring about a blob so far that the soft tissue in its box would read as metal:
     * the ring's median ({@link #localBackground}) lies under the scan's background by more than the content's low level lies over
     * it ({@code lowHu}), and the ring is not lung ({@value #LUNG_RING_CENTILE} of it at or under {@value #LUNG_RING_MAX_HU} HU, as
     * {@link #inLung} asks: a seed in lung stands on lung). About two clumps of three on 5 mm slices the bands took the ring's median
     * to −530 and −560 HU on soft tissue of 40 HU (docs/seed-finder.md, twenty-seventh round, seedclump8).
     */
    static boolean darkenedByBands(Grid g, float[] hu, Blob b, double background, double lowHu) {
        List<Float> ring = ring(g, hu, b, b.k0, b.k1);
        if (ring.isEmpty()) {
            return false;
        }
        boolean lung = ring.get((int) Math.min(ring.size() - 1, Math.floor(LUNG_RING_CENTILE * ring.size()))) <= LUNG_RING_MAX_HU;
        return !lung && ring.get(ring.size() / 2) + (lowHu - background) < background;
    }

    /** Median CT number of the in-plane border two voxels outside a blob's box, on slices kFrom…kTo; {@code background} if none. */
    static double localBackground(Grid g, float[] hu, Blob b, int kFrom, int kTo, double background) {
        List<Float> ring = ring(g, hu, b, kFrom, kTo);
        return ring.isEmpty() ? background : ring.get(ring.size() / 2);
    }

    /** The CT numbers of the in-plane border two voxels outside a blob's box on slices kFrom…kTo, sorted. */
    private static List<Float> ring(Grid g, float[] hu, Blob b, int kFrom, int kTo) {
        List<Float> ring = new ArrayList<>();
        int i0 = b.i0 - 2;
        int i1 = b.i1 + 2;
        int j0 = b.j0 - 2;
        int j1 = b.j1 + 2;
        for (int k = kFrom; k <= kTo; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    boolean border = i == i0 || i == i1 || j == j0 || j == j1;
                    if (border && i >= 0 && j >= 0 && i < g.nx() && j < g.ny()) {
                        ring.add(hu[g.index(i, j, k)]);
                    }
                }
            }
        }
        java.util.Collections.sort(ring);
        return ring;
    }

    private static boolean touches(int[] comp, Mask roi) {
        for (int v : comp) {
            if (roi.fraction()[v] > 0) {
                return true;
            }
        }
        return false;
    }

    /** Other metal: its voxels and what the self-check says of it. */
    private record OtherMetal(Blob blob, RejectedObject object) {
    }

    /**
     * Rejects a blob as other metal, classified by {@link MetalShape} unless its shape is given, and keeps its voxels for
     * telling which seeds touch it and what metal it holds beyond its shape.
     */
    private static RejectedObject otherMetal(Grid g, Blob b, MetalShape shape, List<OtherMetal> into) {
        RejectedObject o = shape == null ? reject(g, b, RejectedObject.Reason.OTHER_METAL)
                : reject(g, b, RejectedObject.Reason.OTHER_METAL, shape);
        into.add(new OtherMetal(b, o));
        return o;
    }

    /**
     * Lists the pieces of other metal that make one wire ({@link WirePieces}: a wire at a slant to thick slices leaves one piece
     * per slice) as that wire, with its length and the number of pieces, in place of the pieces; the pieces keep their voxels,
     * so a seed touching one is named with the whole wire.
     */
    private static void wiresOfPieces(Grid g, float[] hu, List<RejectedObject> rejected, List<OtherMetal> otherMetal) {
        List<Blob> pieces = otherMetal.stream().map(OtherMetal::blob).toList();
        for (List<Integer> group : WirePieces.groups(g, pieces)) {
            RejectedObject one = reject(g, WirePieces.merged(g, group.stream().map(pieces::get).toList(), hu),
                    RejectedObject.Reason.OTHER_METAL, MetalShape.WIRE);
            RejectedObject wire = new RejectedObject(one.centreMm(), one.volumeMm3(), one.peakHu(), one.reason(), one.shape(),
                    one.lengthMm(), group.size());
            int at = rejected.indexOf(otherMetal.get(group.get(0)).object());
            for (int q : group) {
                rejected.remove(otherMetal.get(q).object());
                otherMetal.set(q, new OtherMetal(otherMetal.get(q).blob(), wire));
            }
            rejected.add(at < 0 ? rejected.size() : Math.min(at, rejected.size()), wire);
        }
    }

    /**
     * The seeds whose capsule (the seed's length along its axis) comes within {@value #TOUCHING_METAL_MM} mm of a voxel of
     * other metal (distance to the voxel's box), each with the nearest such object: a seed there may be part of the metal's
     * object, or a piece of the metal read as a seed, and the self-check names it.
     */
    private List<SelfCheck.SeedAtMetal> touchingMetal(Grid g, List<FoundSeed> seeds, List<OtherMetal> metal, List<FoundSeed> inMetal) {
        List<SelfCheck.SeedAtMetal> out = new ArrayList<>();
        double h = options.seedLengthMm() / 2;
        for (FoundSeed s : seeds) {
            Vec3 a = s.centreMm().minus(s.axis().times(h));
            Vec3 ab = s.axis().times(2 * h);
            double best = Double.POSITIVE_INFINITY;
            RejectedObject nearest = null;
            for (OtherMetal m : metal) {
                Blob b = m.blob();
                for (int q = 0; q < b.size(); q++) {
                    double t = Math.max(0, Math.min(1, ((b.x[q] - a.x()) * ab.x() + (b.y[q] - a.y()) * ab.y() + (b.z[q] - a.z()) * ab.z())
                            / (4 * h * h)));
                    double dx = Math.max(0, Math.abs(b.x[q] - a.x() - t * ab.x()) - g.dxMm() / 2);
                    double dy = Math.max(0, Math.abs(b.y[q] - a.y() - t * ab.y()) - g.dyMm() / 2);
                    double dz = Math.max(0, Math.abs(b.z[q] - a.z() - t * ab.z()) - g.dzMm() / 2);
                    double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    if (d < best) {
                        best = d;
                        nearest = m.object();
                    }
                }
            }
            if (best <= TOUCHING_METAL_MM) {
                out.add(new SelfCheck.SeedAtMetal(s, nearest, best, inMetal.contains(s)));
            }
        }
        return out;
    }

    private static RejectedObject reject(Grid g, Blob b, RejectedObject.Reason reason) {
        double voxelMm3 = g.dxMm() * g.dyMm() * g.dzMm();
        return reject(g, b, reason, reason == RejectedObject.Reason.OTHER_METAL ? MetalShape.classify(b, voxelMm3, SEED_BLOB_MM3)
                : MetalShape.NONE);
    }

    /** A rejected object whose shape the finder already knows (a rod of metal told from seeds by its profile is wire). */
    private static RejectedObject reject(Grid g, Blob b, RejectedObject.Reason reason, MetalShape shape) {
        PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size());
        double voxelMm3 = g.dxMm() * g.dyMm() * g.dzMm();
        return new RejectedObject(pa.meanMm(), b.size() * voxelMm3, b.peakHu(), reason, shape, MetalShape.length(b));
    }

    private record Learned(SeedImageModel model, double singleSeedVoxels, double singleSeedEnergy, int used) {
    }

    /**
     * Learns the seed image from the isolated seeds ({@code isolatedSeeds}; most blobs are single seeds): starting from weighted principal axes, alternating scans of the in-plane and
     * axial σ with the amplitude solved by least squares on the unclipped voxels, then the seed
     * poses refined and the scans repeated; on an overlapping reconstruction learned a second time from each blob's in-plane
     * elongation, and the image that leaves the lower misfit kept. The axial σ starts at 0.42 of the slice profile's width {@code profileMm} (a triangle's
     * or Gaussian's) and is searched between 0.1 and 1.0 of it; the fitted regions reach along z the wider of 3 mm and that width.
     */
    private Learned learn(Grid g, double profileMm, float[] hu, int[] labels, double background, double metal, double lowHu,
                          List<Blob> candidates, List<Blob> isolated, List<String> notes) {
        double median = median(candidates);
        double len = options.seedLengthMm();
        double minPix = Math.min(g.dxMm(), g.dyMm());
        SeedImageModel model = new SeedImageModel(len, Math.max(0.45, 0.6 * minPix), 0.42 * profileMm, 1, background, metal);
        int mxy = (int) Math.ceil(2.5 / minPix) + 1;
        int mz = Math.max(1, (int) Math.ceil(Math.max(3.0, profileMm) / g.dzMm()));
        List<ImageFitter.Region> regions = new ArrayList<>();
        List<SeedImageModel.Placed> spatial = new ArrayList<>();
        List<SeedImageModel.Placed> inPlane = new ArrayList<>();
        for (Blob b : isolated) {
            regions.add(ImageFitter.Region.of(g, hu, labels, b, mxy, mz));
            double[] w = new double[b.size()];
            for (int q = 0; q < w.length; q++) {
                w[q] = Math.max(1e-3, Math.min(b.hu[q], metal) - lowHu);
            }
            PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, w, null, b.size());
            spatial.add(model.place(pa.meanMm(), pa.axes()[0]));
            inPlane.add(model.place(pa.meanMm(), PrincipalAxes.inPlaneAxis(b.x, b.y, w, b.size())));
        }
        if (isolated.size() < 3) {
            notes.add("fewer than 3 isolated seeds: seed appearance not learned from the scan; default point-spread "
                    + "function used");
            model = model.withAmplitude(amplitude(model, regions, spatial));
            return new Learned(model, median, energy(model, regions, spatial), 0);
        }
        // On an overlapping reconstruction (5 mm slices every 2.5 mm) a seed's blob spreads along z over 2-3 slices, its
        // principal axis tilts towards z, and an image learned from tilted seeds grows to the capsule's length to explain the
        // tilt: there the image is learned from the blobs' in-plane elongation too, and the one that fits the isolated seeds
        // better is kept (docs/seed-finder.md, ninth round; on contiguous slices the second start changed counts, not axes).
        LearnedImage image = learnImage(g, profileMm, hu, labels, model, regions, spatial);
        if (profileMm > OVERLAPPING_PROFILE * g.dzMm()) {
            LearnedImage fromInPlane = learnImage(g, profileMm, hu, labels, model, regions, inPlane);
            image = fromInPlane.misfit() < image.misfit() ? fromInPlane : image;
        }
        model = image.model();
        List<SeedImageModel.Placed> poses = image.poses();
        double[] iso = isolated.stream().mapToDouble(Blob::size).sorted().toArray();
        return new Learned(model, iso[iso.length / 2], energy(model, regions, replace(model, poses)), isolated.size());
    }

    /** The isolated seeds the image is learned from: up to 20 blobs nearest the median blob size, within 0.6–1.5 of it. */
    private static List<Blob> isolatedSeeds(List<Blob> candidates) {
        double median = median(candidates);
        List<Blob> isolated = new ArrayList<>(candidates.stream()
                .filter(b -> b.size() >= 0.6 * median && b.size() <= 1.5 * median).toList());
        isolated.sort(Comparator.comparingDouble(b -> Math.abs(b.size() - median)));
        return isolated.size() > 20 ? isolated.subList(0, 20) : isolated;
    }

    /** A seed image learned from the isolated seeds, their poses and the misfit left (HU²). */
    private record LearnedImage(SeedImageModel model, List<SeedImageModel.Placed> poses, double misfit) {
    }

    /**
     * Learns the seed image from the isolated seeds' regions starting from the given poses: alternating golden-section scans of
     * the in-plane σ, the axial σ and the image length with the amplitude solved by least squares, the poses refined by the
     * image fit, and the scans repeated.
     */
    private LearnedImage learnImage(Grid g, double profileMm, float[] hu, int[] labels, SeedImageModel start,
                                    List<ImageFitter.Region> regions, List<SeedImageModel.Placed> startPoses) {
        double len = options.seedLengthMm();
        double background = start.backgroundHu();
        double metal = start.clipHu();
        SeedImageModel model = start;
        List<SeedImageModel.Placed> poses = startPoses;
        for (int round = 0; round < 2; round++) {
            for (int scan = 0; scan < 3; scan++) {
                // 0: in-plane σ, 1: axial σ, 2: the length of the seed's image (its marker may be shorter than the capsule).
                int which = scan;
                double lo = which == 0 ? 0.2 : which == 1 ? Math.max(0.15, 0.1 * profileMm) : MIN_IMAGE_LENGTH_MM;
                double hi = which == 0 ? 1.6 : which == 1 ? Math.max(1.5, 1.0 * profileMm) : len;
                SeedImageModel base = model;
                List<SeedImageModel.Placed> at = poses;
                java.util.function.DoubleFunction<SeedImageModel> make = v -> switch (which) {
                    case 0 -> new SeedImageModel(base.lengthMm(), v, base.sigmaZMm(), 1, background, metal);
                    case 1 -> new SeedImageModel(base.lengthMm(), base.sigmaXyMm(), v, 1, background, metal);
                    default -> new SeedImageModel(v, base.sigmaXyMm(), base.sigmaZMm(), 1, background, metal);
                };
                double best = goldenSection(lo, hi, v -> misfit(g, hu, labels, make.apply(v), regions, at));
                if (which == 2 && best >= CAPSULE_LENGTH_SHARE * len) {
                    best = len;
                }
                SeedImageModel m = make.apply(best);
                model = m.withAmplitude(amplitude(m, regions, replace(m, poses)));
            }
            if (round == 0) {
                ImageFitter f = new ImageFitter(g, hu, labels, model);
                List<SeedImageModel.Placed> refined = new ArrayList<>();
                for (int r = 0; r < regions.size(); r++) {
                    refined.add(f.fit(regions.get(r), new SeedImageModel.Placed[] {model.place(poses.get(r).centreMm,
                            poses.get(r).axis)}).seeds()[0]);
                }
                poses = refined;
            }
        }
        return new LearnedImage(model, poses, misfit(g, hu, labels, model, regions, poses));
    }

    /** Sum of squared residuals of the isolated seeds under a model whose amplitude is fitted first. */
    private static double misfit(Grid g, float[] hu, int[] labels, SeedImageModel m0, List<ImageFitter.Region> regions,
                                 List<SeedImageModel.Placed> poses) {
        List<SeedImageModel.Placed> moved = replace(m0, poses);
        SeedImageModel m = m0.withAmplitude(amplitude(m0, regions, moved));
        ImageFitter f = new ImageFitter(g, hu, labels, m);
        double total = 0;
        for (int r = 0; r < regions.size(); r++) {
            total += f.ssr(regions.get(r), f.signal(regions.get(r), moved.get(r)), null, null);
        }
        return total;
    }

    /** Minimum of a unimodal function on [lo, hi] by golden-section search to 1 % of the interval. */
    private static double goldenSection(double lo, double hi, java.util.function.DoubleUnaryOperator f) {
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = lo;
        double b = hi;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        double fc = f.applyAsDouble(c);
        double fd = f.applyAsDouble(d);
        while (b - a > 0.01 * (hi - lo)) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - phi * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + phi * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return (a + b) / 2;
    }

    private static List<SeedImageModel.Placed> replace(SeedImageModel m, List<SeedImageModel.Placed> poses) {
        return poses.stream().map(p -> m.place(p.centreMm, p.axis)).toList();
    }

    /** Least-squares amplitude over the voxels between the low level and 95 % of the clip. */
    private static double amplitude(SeedImageModel m, List<ImageFitter.Region> regions, List<SeedImageModel.Placed> poses) {
        double num = 0;
        double den = 0;
        double low = m.backgroundHu() + 0.15 * (m.clipHu() - m.backgroundHu());
        for (int r = 0; r < regions.size(); r++) {
            ImageFitter.Region reg = regions.get(r);
            for (int q = 0; q < reg.size(); q++) {
                double v = reg.hu[q];
                if (v > low && v < 0.95 * m.clipHu()) {
                    double f = poses.get(r).signal(reg.x[q], reg.y[q], reg.z[q]);
                    num += f * (v - m.backgroundHu());
                    den += f * f;
                }
            }
        }
        return den > 0 ? num / den : 1;
    }

    /** Median over the isolated seeds of the predicted signal energy Σ (image − background)², HU². */
    private static double energy(SeedImageModel m, List<ImageFitter.Region> regions, List<SeedImageModel.Placed> poses) {
        double[] e = new double[regions.size()];
        for (int r = 0; r < regions.size(); r++) {
            ImageFitter.Region reg = regions.get(r);
            for (int q = 0; q < reg.size(); q++) {
                double d = m.image(m.amplitude() * poses.get(r).signal(reg.x[q], reg.y[q], reg.z[q])) - m.backgroundHu();
                e[r] += d * d;
            }
        }
        Arrays.sort(e);
        return e.length == 0 ? 1 : e[e.length / 2];
    }

    /**
     * Moves blob counts towards the expected total, one seed at a time, always taking the change
     * the fits object to least, and only while it is plausible: an added seed must lower the
     * residual by at least {@value #MIN_EVIDENCE} of one seed's signal energy, a removed seed must
     * not raise it by more than a quarter of it. {@code outsideBlobs} seeds were found outside the counted blobs (read out of other
     * metal, of two halves) and count towards the total as found.
     */
    private static void reconcile(List<BlobCount> counted, int outsideBlobs, int expected, double seedEnergy, int maxPerBlob,
                                  List<String> notes) {
        while (true) {
            int found = outsideBlobs + counted.stream().mapToInt(bc -> bc.chosen).sum();
            if (found == expected) {
                return;
            }
            int step = found < expected ? 1 : -1;
            BlobCount best = null;
            double bestDelta = Double.POSITIVE_INFINITY;
            for (BlobCount bc : counted) {
                int n = bc.chosen + step;
                if (n < 1 || n > maxPerBlob || (step < 0 && bc.chosen == 1)) {
                    continue;
                }
                bc.evaluate(n);
                double delta = bc.fit(n).ssr() - bc.fit(bc.chosen).ssr();
                if (delta < bestDelta) {
                    bestDelta = delta;
                    best = bc;
                }
            }
            double limit = step > 0 ? -MIN_EVIDENCE * seedEnergy : 0.25 * seedEnergy;
            if (best == null || bestDelta > limit) {
                return;
            }
            Vec3 c = best.centre();
            notes.add(String.format(Locale.ROOT, "blob at (%.1f, %.1f, %.1f) mm counted as %d seeds instead of %d to approach "
                    + "the expected %d", c.x(), c.y(), c.z(), best.chosen + step, best.chosen, expected));
            best.chosen += step;
            best.reconciled = true;
        }
    }

    /** The fits of one blob for each seed count tried, and the count chosen. */
    private static final class BlobCount {
        final Blob blob;
        final ImageFitter.Region region;
        final ImageFitter fitter;
        final BlobSplitter splitter;
        double penalty;
        /** What each seed beyond the second must lower the residual by, HU². */
        double further;
        final TreeMap<Integer, ImageFitter.Fit> fits = new TreeMap<>();
        int chosen;
        boolean reconciled;
        /** The blob's metal content in seeds. */
        double contentSeeds;
        /** Counted as two on a clipped scan where a third seed hidden in the saturated core is not ruled out (self-check). */
        boolean perhapsThree;
        /** What a second seed lowers the misfit by with beam hardening's bands in both fits ({@link #twoWithBands}), HU²; NaN if not tried. */
        double pairGain = Double.NaN;
        /** How far apart across their axes {@link #twoWithBands} put the two seeds, mm. */
        double pairApart = Double.NaN;
        /** Whether {@link #twoWithBands} kept the fit of two started from the fit of one ({@link #besideOne}). */
        boolean pairFromOneSeed;

        BlobCount(Blob blob, ImageFitter.Region region, ImageFitter fitter, BlobSplitter splitter) {
            this.blob = blob;
            this.region = region;
            this.fitter = fitter;
            this.splitter = splitter;
        }

        void evaluate(int n) {
            fits.computeIfAbsent(n, k -> {
                SeedImageModel.Placed[] bestStart = null;
                double bestSsr = Double.POSITIVE_INFINITY;
                Vec3[] blobAxes = PrincipalAxes.of(blob.x, blob.y, blob.z, BlobSplitter.ones(blob.size()), null,
                        blob.size()).axes();
                for (SeedShapeModel.Placed[] split : splitter.splits(blob, k)) {
                    // Each split as clustered, and with all its seeds turned to each principal axis of the
                    // blob (seeds lying across thick slices make blobs longest in z); the best start is fitted.
                    for (int variant = 0; variant <= (k == 1 ? 0 : 3); variant++) {
                        SeedImageModel.Placed[] start = new SeedImageModel.Placed[k];
                        for (int s = 0; s < k; s++) {
                            Vec3 axis = variant == 0 ? split[s].axis : blobAxes[variant - 1];
                            // One seed starts at the intensity centroid: its partial-volume tails place it between thick slices.
                            start[s] = fitter.model().place(k == 1 ? region.weightedCentre(fitter.model()) : split[s].centreMm, axis);
                        }
                        double ssr = fitter.ssrOf(region, start);
                        if (ssr < bestSsr) {
                            bestSsr = ssr;
                            bestStart = start;
                        }
                    }
                }
                // Seeds side by side or bundled: k parallel seeds along each principal axis of the blob, their axes on a
                // ring about its centre one seed diameter apart (the splits above cluster voxels along the blob, not across).
                if (k >= 2 && k <= MAX_BUNDLE) {
                    Vec3 centre = region.weightedCentre(fitter.model());
                    double ring = SEED_DIAMETER_MM / (2 * Math.sin(Math.PI / k));
                    for (Vec3 axis : blobAxes) {
                        Vec3 u = Math.abs(axis.z()) < 0.9 ? axis.cross(Vec3.UNIT_Z).normalized() : axis.cross(new Vec3(1, 0, 0)).normalized();
                        Vec3 w = axis.cross(u).normalized();
                        for (int turn = 0; turn < 2; turn++) {
                            SeedImageModel.Placed[] start = new SeedImageModel.Placed[k];
                            for (int s = 0; s < k; s++) {
                                double a = Math.PI * (2.0 * s + 0.5 * turn) / k;
                                start[s] = fitter.model().place(centre.plus(u.times(ring * Math.cos(a))).plus(w.times(ring * Math.sin(a))), axis);
                            }
                            double ssr = fitter.ssrOf(region, start);
                            if (ssr < bestSsr) {
                                bestSsr = ssr;
                                bestStart = start;
                            }
                        }
                    }
                }
                if (bestStart == null) {
                    throw new IllegalStateException("seed fit of the object at " + centre() + " mm found no valid start");
                }
                return fitter.fit(region, bestStart);
            });
        }

        /**
         * A second start for the fit of two seeds, from the fit of one: two seeds parallel to it, {@value #SEED_DIAMETER_MM} mm
         * apart across its axis (each half that from its centre), in-plane or across the slices, whichever start explains the image
         * better. The starts of {@link #evaluate} are the blob's (its splits, its principal axes); where the blob's voxels do not
         * show the pair's axis the fit from them can stop with one seed steep across the pair, while the one-seed fit has found the
         * axis both seeds share (docs/seed-finder.md, twenty-sixth round, seedstart7). Asked by the bands' pair test
         * ({@link #twoWithBands}) and of objects counted three ({@link #pairExplainsThird}), not in every fit of two: there it
         * counted single seeds and other metal two (twenty-sixth round, second part, seedstart8's A).
         */
        private SeedImageModel.Placed[] besideOne(SeedImageModel.Placed one) {
            Vec3 axis = one.axis;
            Vec3 u = Math.abs(axis.z()) < 0.9 ? axis.cross(Vec3.UNIT_Z).normalized() : axis.cross(new Vec3(1, 0, 0)).normalized();
            Vec3 w = axis.cross(u).normalized();
            SeedImageModel.Placed[] best = null;
            double bestSsr = Double.POSITIVE_INFINITY;
            for (Vec3 across : new Vec3[] {u, w}) {
                Vec3 half = across.times(SEED_DIAMETER_MM / 2);
                SeedImageModel.Placed[] start = {fitter.model().place(one.centreMm.plus(half), axis),
                        fitter.model().place(one.centreMm.minus(half), axis)};
                double ssr = fitter.ssrOf(region, start);
                if (ssr < bestSsr) {
                    bestSsr = ssr;
                    best = start;
                }
            }
            return best;
        }

        /**
         * Whether the fit of two started from the fit of one ({@link #besideOne}) leaves no third seed to the object: it fits better
         * than the object's fit of two by more than {@link SeedFinder#PAIR_FROM_ONE_GAIN_SHARE} of the bar for a second seed, its
         * two seeds lie side by side ({@link SeedFinder#PAIR_FROM_ONE_APART_MIN_MM} to {@link SeedFinder#BUNDLE_APART_MM} mm across
         * their axes), and the fit of three lowers its misfit by less than {@link SeedFinder#THIRD_LEFT_SHARE} of the bar for a
         * further seed. Then that fit is kept as the object's fit of two. Asked of objects counted three: a fit of two that stopped
         * short of a side-by-side pair leaves part of the partner's image to a third seed (docs/seed-finder.md, twenty-seventh
         * round, seedfalse9). The third seed is asked against the fit of three from the blob's starts and, where that one leaves it
         * under the bar, against the fit of three started from that pair with one of its seeds split in two ({@link #splitOne}): the
         * pair's start is the better one, and a clump's fit of three from the blob's starts can stop as short as its fit of two did
         * (20710's clump: 0.146 of the bar from the blob's starts, 0.624 from the split pair; forty-first round, seedclump23). Where
         * the split pair's three clears the bar the object stays three with that fit.
         */
        boolean pairExplainsThird() {
            ImageFitter.Fit fromOne = fitter.fit(region, besideOne(fit(1).seeds()[0]));
            double apart = apartAcross(fromOne.seeds());
            if (fit(2).ssr() - fromOne.ssr() > PAIR_FROM_ONE_GAIN_SHARE * penalty && apart >= PAIR_FROM_ONE_APART_MIN_MM
                    && apart <= BUNDLE_APART_MM && fromOne.ssr() - fit(3).ssr() < THIRD_LEFT_SHARE * further) {
                ImageFitter.Fit threeFromPair = fitter.fit(region, splitOne(fromOne.seeds()));
                if (fromOne.ssr() - threeFromPair.ssr() >= THIRD_LEFT_SHARE * further) {
                    fits.put(3, threeFromPair);
                    return false;
                }
                fits.put(2, fromOne);
                return true;
            }
            return false;
        }

        /**
         * A start for the fit of three from a fit of two: one of its seeds replaced by two side by side ({@link #besideOne}),
         * whichever seed's split explains the image better.
         */
        private SeedImageModel.Placed[] splitOne(SeedImageModel.Placed[] two) {
            SeedImageModel.Placed[] best = null;
            double bestSsr = Double.POSITIVE_INFINITY;
            for (int s = 0; s < two.length; s++) {
                SeedImageModel.Placed[] split = besideOne(two[s]);
                SeedImageModel.Placed[] start = {two[1 - s], split[0], split[1]};
                double ssr = fitter.ssrOf(region, start);
                if (ssr < bestSsr) {
                    bestSsr = ssr;
                    best = start;
                }
            }
            return best;
        }

        /**
         * The start {@code start} fitted to the plain image, without beam hardening's bands: a start for the fit with the bands
         * ({@link #twoWithBands}). The bands are a shallow darkening beside the seeds, the seeds' own images the bright part of the
         * object: the plain fit places the two seeds on the object's image first, and the fit with the bands then only corrects for
         * the darkening. Fitted with the bands straight from {@link #besideOne}'s laid-out start, 17328's flat pair stopped in a
         * nearby, worse place (docs/seed-finder.md, twenty-sixth round, second part, seedstart8: the pair gains 0.108 of a seed's
         * energy from this start, 0.075 from {@link #besideOne}'s, the bar 0.07).
         */
        private SeedImageModel.Placed[] settledWithoutBands(SeedImageModel.Placed[] start) {
            return fitter.fit(region, start).seeds();
        }

        /**
         * Fits {@code fewer} seeds; when that is one fewer than {@code n}, also from the fit of {@code n} with each seed
         * left out in turn (the best of those starts), keeping the better fit: the larger fit has placed the seeds that stay.
         */
        void evaluateWithout(int n, int fewer) {
            evaluate(fewer);
            SeedImageModel.Placed[] from = fit(n).seeds();
            SeedImageModel.Placed[] best = null;
            double bestSsr = Double.POSITIVE_INFINITY;
            for (int drop = 0; drop < n && fewer == n - 1; drop++) {
                SeedImageModel.Placed[] start = new SeedImageModel.Placed[fewer];
                for (int s = 0, t = 0; s < n; s++) {
                    if (s != drop) {
                        start[t++] = from[s];
                    }
                }
                double ssr = fitter.ssrOf(region, start);
                if (ssr < bestSsr) {
                    bestSsr = ssr;
                    best = start;
                }
            }
            if (best != null) {
                ImageFitter.Fit f = fitter.fit(region, best);
                if (f.ssr() < fits.get(fewer).ssr()) {
                    fits.put(fewer, f);
                }
            }
        }

        /**
         * Fits {@code n} seeds again from a start the object's metal gives slice by slice ({@code seedsBySlice}, in seeds, one
         * element per slice from {@code k0} to {@code k1}), keeping the fit where it explains the image better than the fit of
         * {@code n} already made. Asked where the metal raises the count on thick slices and the fit of more seeds came out worse
         * than the fit of fewer: the metal says the further seed's image is in the scan, so a fit of more seeds that explains it
         * worse than the fit of fewer has stopped in a wrong place, not shown that the seed is not there. Each slice holding a whole
         * number of seeds' metal ({@link Math#round}; the rounded numbers must add up to {@code n}) gets that many seeds at its
         * centre along z (a seed wholly inside a thick box slice shows alike wherever it lies in it; the fit's own z scan then
         * moves it), in-plane at the mean of the object's voxels there: one seed alone, two or more on a ring one diameter apart,
         * as the bundle starts of {@link #evaluate}; along whichever principal axis of those voxels (or z) fits best. Twenty-fourth
         * round: a bundle of three in one 5 mm box slice with a needle seed in the next read 3.02 and 0.97 seeds and was fitted as
         * four with the needle seed twice and the bundle as two, 0.0044 of a seed's energy worse than three (16113).
         */
        void refitBySlice(int n, Grid g, double[] seedsBySlice) {
            int[] per = new int[seedsBySlice.length];
            int sum = 0;
            for (int k = 0; k < per.length; k++) {
                per[k] = (int) Math.round(seedsBySlice[k]);
                sum += per[k];
            }
            if (sum != n || seedsBySlice.length != blob.k1 - blob.k0 + 1) {
                return;
            }
            List<SeedImageModel.Placed> start = new ArrayList<>();
            for (int k = 0; k < per.length; k++) {
                if (per[k] == 0) {
                    continue;
                }
                int[] members = new int[blob.size()];
                int count = 0;
                for (int q = 0; q < blob.size(); q++) {
                    if (Math.round((blob.z[q] - g.z(0)) / g.dzMm()) == blob.k0 + k) {
                        members[count++] = q;
                    }
                }
                if (count == 0) {
                    return;
                }
                PrincipalAxes slice = PrincipalAxes.of(blob.x, blob.y, blob.z, BlobSplitter.ones(blob.size()), members, count);
                Vec3 centre = new Vec3(slice.meanMm().x(), slice.meanMm().y(), g.z(blob.k0 + k));
                double ring = per[k] == 1 ? 0 : SEED_DIAMETER_MM / (2 * Math.sin(Math.PI / per[k]));
                List<SeedImageModel.Placed> best = null;
                double bestSsr = Double.POSITIVE_INFINITY;
                for (Vec3 axis : slice.axes()) {
                    Vec3 u = Math.abs(axis.z()) < 0.9 ? axis.cross(Vec3.UNIT_Z).normalized() : axis.cross(new Vec3(1, 0, 0)).normalized();
                    Vec3 w = axis.cross(u).normalized();
                    for (int turn = 0; turn < (per[k] == 1 ? 1 : 2); turn++) {
                        List<SeedImageModel.Placed> trial = new ArrayList<>(start);
                        for (int s = 0; s < per[k]; s++) {
                            double a = Math.PI * (2.0 * s + 0.5 * turn) / per[k];
                            trial.add(fitter.model().place(centre.plus(u.times(ring * Math.cos(a))).plus(w.times(ring * Math.sin(a))), axis));
                        }
                        double ssr = fitter.ssrOf(region, trial.toArray(new SeedImageModel.Placed[0]));
                        if (ssr < bestSsr) {
                            bestSsr = ssr;
                            best = trial;
                        }
                    }
                }
                start = best;
            }
            ImageFitter.Fit f = fitter.fit(region, start.toArray(new SeedImageModel.Placed[0]));
            if (f.ssr() < fit(n).ssr()) {
                fits.put(n, f);
            }
        }

        ImageFitter.Fit fit(int n) {
            evaluate(n);
            return fits.get(n);
        }

        double score(int n) {
            return fits.get(n).ssr() + penalty * Math.min(n, 2) + further * Math.max(0, n - 2);
        }

        double bestScore() {
            return fits.keySet().stream().mapToDouble(this::score).min().orElse(Double.POSITIVE_INFINITY);
        }

        int bestCount() {
            return fits.keySet().stream().min(Comparator.comparingDouble(this::score)).orElseThrow();
        }

        Vec3 centre() {
            return PrincipalAxes.of(blob.x, blob.y, blob.z, BlobSplitter.ones(blob.size()), null, blob.size()).meanMm();
        }

        /**
         * Share of the region's signal energy (CT number above background, squared) the chosen fit explains, both taken
         * about the region's own level: the median residual is an offset of the surroundings (a seed in the lung lies on
         * −850 HU, not on the soft tissue the model assumes), not a misfit of the seeds.
         */
        double explained() {
            SeedImageModel m = fitter.model();
            double[] sum = new double[region.size()];
            for (SeedImageModel.Placed p : fit(chosen).seeds()) {
                for (int q = 0; q < sum.length; q++) {
                    sum[q] += p.signal(region.x[q], region.y[q], region.z[q]);
                }
            }
            double[] residual = new double[sum.length];
            for (int q = 0; q < sum.length; q++) {
                residual[q] = region.hu[q] - m.image(m.amplitude() * sum[q]);
            }
            double[] sorted = residual.clone();
            Arrays.sort(sorted);
            double offset = sorted.length == 0 ? 0 : Math.min(0, sorted[sorted.length / 2]);
            double e = 0;
            double ssr = 0;
            for (int q = 0; q < sum.length; q++) {
                double d = region.hu[q] - m.backgroundHu() - offset;
                e += d * d;
                double r = residual[q] - offset;
                ssr += r * r;
            }
            return e > 0 ? 1 - ssr / e : 0;
        }

        /**
         * The chosen fit's seeds that explain their own part of the object as a seed's image, each with the share of its core's
         * energy explained: over the seed's core (the voxels where its predicted image stands half the way from the background
         * to the clip or higher, at least {@value #CORE_VOXELS_SHARE} of a single seed's voxels) the fit of all the object's
         * seeds explains at least {@value #WELL_FITTED} of the energy of the CT numbers above the background. A seed whose core
         * shares no voxel with another fitted seed's is its own seed's image alone there: it needs {@value #ALONE_CORE_VOXELS_SHARE}
         * of a single seed's voxels and {@value #ALONE_WELL_FITTED} explained (twenty-second round); two seeds whose cores overlap
         * may be one seed fitted twice, each copy explaining the one seed's core, and keep the stricter bars.
         */
        List<SeedsInMetal.Located> wellFitted(double seedVoxels) {
            SeedImageModel.Placed[] placed = fit(chosen).seeds();
            Cores cores = new Cores(placed);
            List<SeedsInMetal.Located> out = new ArrayList<>();
            boolean[] read = new boolean[placed.length];
            for (int s = 0; s < placed.length; s++) {
                boolean[] core = cores.core(s);
                double explained = cores.explained(core);
                boolean alone = cores.alone(s);
                if (count(core) >= (alone ? ALONE_CORE_VOXELS_SHARE : CORE_VOXELS_SHARE) * seedVoxels
                        && explained >= (alone ? ALONE_WELL_FITTED : WELL_FITTED)) {
                    out.add(new SeedsInMetal.Located(placed[s], explained));
                    read[s] = true;
                }
            }
            // One seed fitted twice: two of the fit's seeds whose cores share voxels, neither read out alone nor sharing core voxels
            // with a seed read out, where one seed in their place (the others kept, all refitted) passes a read-out seed's bars over
            // both their cores. On clipped slices a real pair side by side passes it too: the rule reads out one seed where none
            // was, and never turns two read out into one (docs/seed-finder.md, twentieth round).
            for (int s = 0; s < placed.length; s++) {
                for (int t = s + 1; t < placed.length && !read[s]; t++) {
                    if (read[t] || !cores.overlap(s, t) || besideReadOut(cores, read, s) || besideReadOut(cores, read, t)) {
                        continue;
                    }
                    SeedsInMetal.Located one = oneInPlaceOfTwo(placed, cores, s, t, seedVoxels);
                    if (one != null) {
                        out.add(one);
                        read[s] = true;
                        read[t] = true;
                    }
                }
            }
            return out;
        }

        /**
         * The chosen fit's seeds not read out ({@code read}: none within a seed's diameter) whose core holds {@value
         * #CORE_VOXELS_SHARE} of a single seed's voxels or more and is explained to {@value #CLOSELY_FITTED} or more: a seed whose
         * image the fit follows closely, under the read-out's bars, for the self-check to name.
         */
        List<SeedsInMetal.Located> closelyFitted(double seedVoxels, List<SeedsInMetal.Located> read) {
            SeedImageModel.Placed[] placed = fit(chosen).seeds();
            Cores cores = new Cores(placed);
            List<SeedsInMetal.Located> out = new ArrayList<>();
            for (int s = 0; s < placed.length; s++) {
                Vec3 c = placed[s].centreMm;
                if (read.stream().anyMatch(r -> r.seed().centreMm.minus(c).norm() < SEED_DIAMETER_MM)) {
                    continue;
                }
                boolean[] core = cores.core(s);
                double explained = cores.explained(core);
                if (count(core) >= CORE_VOXELS_SHARE * seedVoxels && explained >= CLOSELY_FITTED) {
                    out.add(new SeedsInMetal.Located(placed[s], explained));
                }
            }
            return out;
        }

        /** Whether seed {@code s} shares core voxels with a seed already read out: then it is that seed's second copy, not another. */
        private static boolean besideReadOut(Cores cores, boolean[] read, int s) {
            for (int u = 0; u < read.length; u++) {
                if (read[u] && u != s && cores.overlap(s, u)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The fit with seeds {@code s} and {@code t} replaced by one seed between them, refitted: that seed where its core holds
         * {@value #CORE_VOXELS_SHARE} of a single seed's voxels and the fit explains at least {@value #WELL_FITTED} of the energy
         * over its core and the two seeds' cores together; else null.
         */
        private SeedsInMetal.Located oneInPlaceOfTwo(SeedImageModel.Placed[] placed, Cores cores, int s, int t, double seedVoxels) {
            SeedImageModel m = fitter.model();
            SeedImageModel.Placed[] start = new SeedImageModel.Placed[placed.length - 1];
            for (int q = 0, r = 0; q < placed.length; q++) {
                if (q != s && q != t) {
                    start[r++] = placed[q];
                }
            }
            Vec3 axis = placed[s].axis.dot(placed[t].axis) >= 0 ? placed[s].axis.plus(placed[t].axis) : placed[s].axis.minus(placed[t].axis);
            start[start.length - 1] = m.place(placed[s].centreMm.plus(placed[t].centreMm).times(0.5), axis);
            SeedImageModel.Placed[] refit = fitter.fit(region, start).seeds();
            Cores after = new Cores(refit);
            boolean[] core = after.core(refit.length - 1);
            boolean[] both = core.clone();
            boolean[] cs = cores.core(s);
            boolean[] ct = cores.core(t);
            for (int q = 0; q < both.length; q++) {
                both[q] |= cs[q] || ct[q];
            }
            double explained = after.explained(both);
            return count(core) >= CORE_VOXELS_SHARE * seedVoxels && explained >= WELL_FITTED
                    ? new SeedsInMetal.Located(refit[refit.length - 1], explained) : null;
        }

        /** Each placed seed's own predicted image over the region, and the image of all of them: the seeds' cores and their misfit. */
        private final class Cores {
            final double[][] own;
            final double[] sum;
            final double half;

            Cores(SeedImageModel.Placed[] placed) {
                SeedImageModel m = fitter.model();
                own = new double[placed.length][region.size()];
                sum = new double[region.size()];
                for (int s = 0; s < placed.length; s++) {
                    for (int q = 0; q < sum.length; q++) {
                        own[s][q] = m.amplitude() * placed[s].signal(region.x[q], region.y[q], region.z[q]);
                        sum[q] += own[s][q];
                    }
                }
                half = 0.5 * (m.clipHu() - m.backgroundHu());
            }

            /** The voxels where seed {@code s}'s own predicted image stands half the way from the background to the clip or higher. */
            boolean[] core(int s) {
                boolean[] c = new boolean[sum.length];
                for (int q = 0; q < sum.length; q++) {
                    c[q] = own[s][q] >= half;
                }
                return c;
            }

            /** Whether seed {@code s}'s core shares no voxel with another seed's. */
            boolean alone(int s) {
                for (int t = 0; t < own.length; t++) {
                    if (t != s && overlap(s, t)) {
                        return false;
                    }
                }
                return true;
            }

            boolean overlap(int s, int t) {
                for (int q = 0; q < sum.length; q++) {
                    if (own[s][q] >= half && own[t][q] >= half) {
                        return true;
                    }
                }
                return false;
            }

            /** Share of the energy of the CT numbers above the background over the voxels given that the fit explains. */
            double explained(boolean[] voxels) {
                SeedImageModel m = fitter.model();
                double energy = 0;
                double ssr = 0;
                for (int q = 0; q < sum.length; q++) {
                    if (voxels[q]) {
                        double d = region.hu[q] - m.backgroundHu();
                        double r = region.hu[q] - m.image(sum[q]);
                        energy += d * d;
                        ssr += r * r;
                    }
                }
                return energy > 0 ? 1 - ssr / energy : 0;
            }
        }

        private static int count(boolean[] voxels) {
            int n = 0;
            for (boolean v : voxels) {
                n += v ? 1 : 0;
            }
            return n;
        }

        /** How clearly the chosen count beats one more and one fewer, in [0, 1]. */
        double margin(double seedEnergy) {
            if (reconciled) {
                return 0;
            }
            double own = score(chosen);
            double other = Double.POSITIVE_INFINITY;
            for (int n : new int[] {chosen - 1, chosen + 1}) {
                if (fits.containsKey(n)) {
                    other = Math.min(other, score(n));
                }
            }
            return Double.isInfinite(other) ? 1 : Math.max(0, Math.min(1, (other - own) / (0.25 * seedEnergy)));
        }

        /**
         * Where this object is counted as two seeds at one place in-plane (within {@value #PAIR_IN_PLANE_MM} mm), at least {@value
         * #PAIR_APART_MM} mm apart along z, and the second seed lowers the residual by less than {@value #PAIR_GAIN} of a single
         * seed's image energy: the pair, else null. On thick slices a seed and a stent's struts below the threshold beside it make
         * such an object, its metal two seeds' (docs/seed-finder.md, twelfth round).
         */
        SelfCheck.PairAlongZ barelyTwoAlongZ(double seedEnergy) {
            if (chosen != 2 || !fits.containsKey(1)) {
                return null;
            }
            Vec3 a = fit(2).seeds()[0].centreMm;
            Vec3 b = fit(2).seeds()[1].centreMm;
            double gain = (fit(1).ssr() - fit(2).ssr()) / seedEnergy;
            return Math.hypot(a.x() - b.x(), a.y() - b.y()) < PAIR_IN_PLANE_MM && Math.abs(a.z() - b.z()) >= PAIR_APART_MM && gain < PAIR_GAIN
                    ? new SelfCheck.PairAlongZ(a.plus(b).times(0.5), Math.abs(a.z() - b.z()), gain) : null;
        }

        /**
         * What the single seed's one-seed fit leaves at each voxel of the region (the fit's unclipped image minus the scan, NaN
         * where either reaches the clip), for learning the band's shape and depth.
         */
        DarkBands.Single single(int label) {
            SeedImageModel m = fitter.model();
            double[] misfit = new double[region.size()];
            double[] sum = fitter.signal(region, fit(1).seeds()[0]);
            for (int q = 0; q < misfit.length; q++) {
                double predicted = m.backgroundHu() + m.amplitude() * sum[q];
                misfit[q] = predicted >= m.clipHu() || region.hu[q] >= m.clipHu() - 0.5 ? Double.NaN : predicted - region.hu[q];
            }
            return new DarkBands.Single(label, region, misfit);
        }

        /**
         * Whether the image without beam hardening's bands lets the bands' test ({@link #threeWithBands}) be asked: the 3-seed fit
         * is worse than the 2-seed fit by less than {@value #BANDED_THIRD_OBJECTION_SHARE} of the bar for a further seed. The
         * fifteenth round asked that it be better at all; a clump whose third seed hides in the saturated core fits a hair worse
         * without the bands, as the bands darken the shoulder where the third seed shows (docs/seed-finder.md, twenty-sixth round).
         */
        boolean imageAllowsBandedThird() {
            return fit(3).ssr() - fit(2).ssr() < BANDED_THIRD_OBJECTION_SHARE * further;
        }

        /**
         * Whether, with beam hardening's bands in the model (each seed of the object darkening its surroundings by the band depth
         * learned from the single seeds, {@link DarkBands}), three seeds fit the object better than two by more than the bar for a
         * further seed, and the three fitted lie side by side as a bundle's do: every two centres within {@value #BUNDLE_APART_MM}
         * mm of each other across the seeds' mean axis. Then the 3-seed fit so made is the object's (docs/seed-finder.md,
         * fifteenth round).
         */
        boolean threeWithBands(DarkBands bands, int label, double depth) {
            if (bands == null || !(depth > 0)) {
                return false;
            }
            double[] perSeed = bands.perSeed(label, region);
            ImageFitter.Fit two = fitter.fit(region.darkened(scaled(perSeed, 2 * depth)), fit(2).seeds());
            ImageFitter.Fit three = fitter.fit(region.darkened(scaled(perSeed, 3 * depth)), fit(3).seeds());
            if (two.ssr() - three.ssr() > further && apartAcross(three.seeds()) <= BUNDLE_APART_MM) {
                fits.put(3, new ImageFitter.Fit(three.seeds(), fitter.ssrOf(region, three.seeds())));
                return true;
            }
            return false;
        }

        /**
         * Whether, with beam hardening's bands in the model ({@link #threeWithBands}: two seeds' bands in the 2-seed fit), two
         * seeds fit the object better by more than {@code bar} (HU²) than one seed does with either one seed's bands or two seeds'
         * (so that the second seed's own image, not deeper bands alone, explains it), and lie side by side, within
         * {@value #BUNDLE_APART_MM} mm across their axes. Then the 2-seed fit so made is the object's (docs/seed-finder.md,
         * twenty-first round). {@link #pairGain} and {@link #pairApart} keep the gain (HU²) and the distance. The 2-seed fit with the
         * bands starts from the fit of two, from the fit of one ({@link #besideOne}) and from that start fitted first without the bands
         * ({@link #settledWithoutBands}), the lowest residual kept: a flat pair's fit of two from the blob's starts can stop with a seed
         * steep across the pair (twenty-sixth round, 17328: gain 0.033 of a seed's energy from it, 0.075 from the one-seed start, 0.108
         * from it settled first (second part, seedstart8): the bar 0.07).
         */
        boolean twoWithBands(DarkBands bands, int label, double depth, double bar) {
            if (bands == null || !(depth > 0)) {
                return false;
            }
            double[] perSeed = bands.perSeed(label, region);
            ImageFitter.Fit one = fitter.fit(region.darkened(scaled(perSeed, depth)), fit(1).seeds());
            ImageFitter.Fit oneInPairsBands = fitter.fit(region.darkened(scaled(perSeed, 2 * depth)), fit(1).seeds());
            ImageFitter.Region pairsBands = region.darkened(scaled(perSeed, 2 * depth));
            ImageFitter.Fit two = fitter.fit(pairsBands, fit(2).seeds());
            // The fit of two may have stopped with a seed steep across the pair (twenty-sixth round): also from the one-seed fit, as
            // laid out and settled on the plain image first (seedstart8).
            SeedImageModel.Placed[] beside = besideOne(fit(1).seeds()[0]);
            for (SeedImageModel.Placed[] start : new SeedImageModel.Placed[][] {beside, settledWithoutBands(beside)}) {
                ImageFitter.Fit fromOne = fitter.fit(pairsBands, start);
                if (fromOne.ssr() < two.ssr()) {
                    two = fromOne;
                    pairFromOneSeed = true;
                }
            }
            pairGain = Math.min(one.ssr(), oneInPairsBands.ssr()) - two.ssr();
            pairApart = apartAcross(two.seeds());
            if (pairGain > bar && pairApart <= BUNDLE_APART_MM) {
                fits.put(2, new ImageFitter.Fit(two.seeds(), fitter.ssrOf(region, two.seeds())));
                return true;
            }
            return false;
        }

        /** The largest distance between two of the seeds' centres across their mean axis, mm. */
        private static double apartAcross(SeedImageModel.Placed[] seeds) {
            Vec3 mean = Vec3.ZERO;
            for (SeedImageModel.Placed p : seeds) {
                mean = mean.plus(p.axis.times(Math.signum(p.axis.dot(seeds[0].axis)) >= 0 ? 1 : -1));
            }
            Vec3 u = mean.normalized();
            double most = 0;
            for (int i = 0; i < seeds.length; i++) {
                for (int j = i + 1; j < seeds.length; j++) {
                    Vec3 d = seeds[i].centreMm.minus(seeds[j].centreMm);
                    most = Math.max(most, d.minus(u.times(d.dot(u))).norm());
                }
            }
            return most;
        }

        private static double[] scaled(double[] a, double f) {
            double[] out = new double[a.length];
            for (int q = 0; q < a.length; q++) {
                out[q] = a[q] * f;
            }
            return out;
        }

        /**
         * The self-check's note on a blob counted as one whose metal reads two, where with beam hardening's bands in both fits a
         * second seed side by side lowers the misfit by {@value #PAIR_NAMED_GAIN} of a seed's energy or more but not by the bar
         * ({@link #twoWithBands}), or null.
         */
        SelfCheck.OneOrTwo oneOrTwo(double seedEnergy) {
            return chosen == 1 && pairGain >= PAIR_NAMED_GAIN * seedEnergy && pairApart <= BUNDLE_APART_MM
                    ? new SelfCheck.OneOrTwo(centre(), contentSeeds, pairGain / seedEnergy) : null;
        }

        /** The self-check's note on a blob counted as two that may be three ({@link #perhapsThree}), or null. */
        SelfCheck.TwoOrThree twoOrThree(double seedEnergy, boolean thick) {
            return perhapsThree && chosen == 2
                    ? new SelfCheck.TwoOrThree(centre(), (fit(2).ssr() - fit(3).ssr()) / seedEnergy, thick ? spreadMm(fit(3).seeds()) : Double.NaN)
                    : null;
        }

        List<FoundSeed> seeds(double seedEnergy) {
            double quality = Math.max(0, Math.min(1, (explained() - MIN_EXPLAINED) / (0.95 - MIN_EXPLAINED)));
            double conf = Math.round(quality * (0.5 + 0.5 * margin(seedEnergy)) * 1000) / 1000.0;
            List<FoundSeed> out = new ArrayList<>();
            for (SeedImageModel.Placed p : fit(chosen).seeds()) {
                out.add(new FoundSeed(p.centreMm, p.axis, conf, chosen));
            }
            return out;
        }
    }

    /** A seed read out of an object rejected as other metal, and the object. */
    private record OutOfRejected(Blob blob, SeedsInMetal.Located at) {
    }

    /** A copy of the CT numbers clipped at {@code topHu}. */
    private static float[] clipped(float[] hu, double topHu) {
        float[] out = new float[hu.length];
        float t = (float) topHu;
        for (int v = 0; v < hu.length; v++) {
            out[v] = Math.min(hu[v], t);
        }
        return out;
    }

    /** Marks the voxels at or above {@code thresholdHu}. */
    private static boolean[] atLeast(float[] hu, double thresholdHu) {
        boolean[] out = new boolean[hu.length];
        float t = (float) thresholdHu;
        for (int v = 0; v < hu.length; v++) {
            out[v] = hu[v] >= t;
        }
        return out;
    }
}
