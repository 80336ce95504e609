package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.seedplan.geometry.ConnectedComponents;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Finds needles on an intra-operative CT. Voxels at or above the metal level (on slices thicker than 3 mm followed
 * down to a lower level, {@link #followLevelHu}) are grouped into connected components; in each, straight runs of metal at least {@value #MIN_LENGTH_MM} mm long
 * are taken one at a time by random sampling of lines (so that needles that cross or touch a seed
 * are separated), each refined as a polynomial space curve (a line, or a parabola when longer than 30 mm) fitted to its
 * voxels weighted by how far they rise above the metal level. The tip end is the end not in air
 * and not at the edge of the scan. The tip: by fitting a blurred bevelled needle, clipped where the scanner clipped it,
 * to the voxels around the end ({@link NeedleEndFit}, which also gives the bevel's length and the scan's slice profile,
 * each one for all the needles of the scan); where the shaft behind the end is too short to fit, from the steel's mass
 * along the axis if the scanner did not clip it ({@link SteelMassTip});
 * when neither can be measured, from the CT profile along
 * the axis: the last point above half the way from the tissue beyond the end to the steel just behind
 * it, moved out by the run of the profile's tangent there down to the tissue level.
 */
public final class NeedleFinder {

    /** Voxels at or above this are metal candidates, HU: above cortical bone (≤ 2000 HU with noise and streaks). */
    public static final double METAL_HU = 2200;
    /** Shortest straight metal run taken for a needle, mm (a seed is 4.5 mm). */
    public static final double MIN_LENGTH_MM = 15;
    /** The needle's axis at the tip is the chord of its last this many mm. */
    public static final double AXIS_CHORD_MM = 40;
    /** Voxels within this distance of a needle's axis belong to it, mm (the half-width of a blurred 18 G needle on 2.5 mm slices). */
    static final double TUBE_MM = 2.0;
    /** A needle's metal is continuous: a gap longer than this ends it, mm. */
    static final double MAX_GAP_MM = 6;
    /** Shortest run of metal taken as a piece of a needle, mm (longer than a seed, 4.5 mm, seen through the blur). */
    static final double MIN_PIECE_MM = 8;
    /** Longest stretch over which a needle may fall below the metal level and still be joined, mm. */
    static final double MAX_JOIN_GAP_MM = 15;
    /**
     * An end's shaft holding less than this share of the median steel mass per mm of the scan's ends is not on its needle's
     * steel ({@link NeedleEndFit#behindLightShaft}): shafts on a strand of seeds (4.5 × 0.8 mm capsules end to end) read 0.21 and
     * 0.74, one past the tip towards a neighbour's 0.08, the five other ends it placed right 0.02–0.06; every end of the seven
     * seen sets (5 mm 3421–3660 in six sets, 3 mm 3613–3636) that it does not fire on read 0.87 and more. Thin on both sides: a
     * seed reads 0.71–0.79 of an 18 G needle's steel per mm. Asked on slices thicker than 3 mm only (two right ends of the
     * fresh 3 mm set 3709–3732 read light).
     */
    static final double LIGHT_SHAFT_SHARE = 0.85;
    /**
     * An end's shaft holding more than this share of the median steel mass per mm of the scan's ends holds other metal beside the
     * needle's own steel (an implant's needles are of one type): a seed touching the shaft inside the end fit's shaft stretch read
     * 1.90 and 2.09 (3663 and 3673 needle 5, the scenario's seed 15 mm behind the tip), and the heavier model explained the tip's
     * voxels with a needle about a mm too short (1.08 and 1.05 mm, stated ±0.41 and ±0.25 along the axis). Such an end is fitted
     * again with the scan's median mass ({@link NeedleEndFit#of}), kept where it lengthens the needle: on the seen 5 mm sets the 39 ends it fired on read 1.152–2.285
     * and their tips but one moved 0.06–2.97 mm nearer the truth along the axis; every end it did not fire on read at most 1.144,
     * those nearest the threshold lying 0.16–0.39 mm short (thin on both sides: the heavier an end reads, the shorter its tip, a
     * continuum). The fired end's misfits enter the scan's bevel estimate: on five of the 39 scans it moved a step, every tip of
     * the scan about a quarter mm (docs/needles.md, sixteenth round). The light-shaft rule's mirror ({@link #LIGHT_SHAFT_SHARE}),
     * but asked on 3 mm slices too (eighteenth round): on the five seen 3 mm sets (3613, 3709, 3733, 3805, 3877, 120 scans) it
     * fired on 37 ends reading 1.162–4.009 (every other end at most 1.143: thin again), kept the first fit on one (3811, the
     * re-fit shorter), and moved 36 tips, every one nearer the truth along the axis — among them the silent 3889 n5 (1.08 mm
     * short → 0.03), 3710 n5 (1.04 → 0.07), 3721 n5 (1.19 → 0.13) and 3729 n9 (2.03 → 0.04; the crossing free-hand needle's
     * steel on its shaft, 4.01 of the median). On slices under 3 mm the end fits keep their own profiles and it is not asked.
     */
    static final double HEAVY_SHAFT_SHARE = 1.15;
    private static final int LINE_TRIALS = 300;
    private static final double STEP_MM = 0.1;

    /** The bevel lengths whose tips are fitted: the one given, or the candidates of the estimate. */
    private final double[] bevelsMm;

    /** A finder that estimates the needles' bevel length from the scan (one length for all the needles of an implant). */
    public NeedleFinder() {
        bevelsMm = NeedleEndFit.BEVELS_MM;
    }

    /**
     * A finder for needles whose bevel is {@code bevelMm} long along the axis (from the needle's make: 18 G ground at 20° is
     * 3.5 mm, at 30° 2.2 mm), used instead of the estimate.
     */
    public NeedleFinder(double bevelMm) {
        if (!(bevelMm > 0 && bevelMm <= 10)) {
            throw new IllegalArgumentException("bevel length " + bevelMm + " mm: give the needle's bevel length along its axis, more than 0"
                    + " and at most 10 mm (an 18 G needle ground at 20° has 3.5 mm)");
        }
        bevelsMm = new double[] {bevelMm};
    }

    /** Finds the needles; the volume is not changed. */
    public NeedleFinding find(Volume ct) {
        return find(ct, null);
    }

    /**
     * Finds the needles, as {@link #find(Volume)}, and when {@code sliceProfileOut} (three elements) is given and the slices are
     * thick enough for the scan's profile to be used (step 6), writes it there: in-plane σ, slice box width and slice σ, mm.
     */
    NeedleFinding find(Volume ct, double[] sliceProfileOut) {
        long t0 = System.nanoTime();
        Grid g = ct.grid();
        float[] hu = ct.hu();
        boolean[] metal = new boolean[hu.length];
        double thickness = ct.sliceProfileFwhmMm();
        double follow = followLevelHu(ct);
        double start = startLevelHu(ct);
        float max = metalMarked(hu, metal, follow, g.nx() * g.ny());
        double tube = tubeMm(ct);
        List<Run> runs = new ArrayList<>();
        List<Run> belowStart = new ArrayList<>();
        Map<Run, Run> readAsTwo = new IdentityHashMap<>();
        int otherObjects = 0;
        // Each component's runs are read from it alone (its voxels, the scan, the levels; its own random stream), so the
        // components are read side by side and their runs taken in the components' order: the same runs in the same order.
        List<int[]> components = ConnectedComponents.of(g, metal, null);
        double clipHu = clipLevel(hu, components, max);
        List<ComponentRuns> read = IntStream.range(0, components.size()).parallel()
                .mapToObj(c -> componentRuns(ct, components.get(c), follow, start, tube, clipHu)).toList();
        for (ComponentRuns c : read) {
            belowStart.addAll(c.belowStart());
            runs.addAll(c.runs());
            readAsTwo.putAll(c.readAsTwo());
            otherObjects += c.otherObject() ? 1 : 0;
        }
        runs.addAll(notEchoes(belowStart, runs, NeedleCentreline.zSpreadMm(ct)));
        runs = joinCollinear(ct, runs, NeedleCentreline.zSpreadMm(ct));
        runs = withoutEchoes(runs, NeedleCentreline.zSpreadMm(ct), readAsTwo);
        if (thickness >= NeedleCentreline.THICK_SLICE_MM) {
            runs = columnPairsCut(ct, runs, clipHu);
        }
        List<NeedleCentreline.Extent> extents = new ArrayList<>();
        for (Run r : runs) {
            double[] range = range(r.points(), r.curve());
            extents.add(new NeedleCentreline.Extent(r.curve(), range[0], range[1]));
        }
        List<Run> refinedRuns = new ArrayList<>();
        List<double[]> ranges = new ArrayList<>();
        // Each run's centreline is refined from the scan and the others' extents as they were before any refinement, so the
        // runs are refined side by side.
        List<Run> unrefined = runs;
        List<Run> refinedOrShort = IntStream.range(0, unrefined.size()).parallel().mapToObj(q -> {
            Run r = unrefined.get(q);
            double[] range = range(r.points(), r.curve());
            if (range[1] - range[0] < MIN_LENGTH_MM) {
                return r;
            }
            List<NeedleCentreline.Extent> others = new ArrayList<>(extents);
            others.remove(q);
            return new Run(r.points(), r.weights(), NeedleCentreline.refine(ct, r.curve(), range[0], range[1], others));
        }).toList();
        for (Run r : refinedOrShort) {
            double[] range = range(r.points(), r.curve());
            if (range[1] - range[0] >= MIN_LENGTH_MM) {
                refinedRuns.add(r);
                ranges.add(range);
            } else {
                otherObjects++;
            }
        }
        if (thickness >= NeedleCentreline.THICK_SLICE_MM) {
            otherObjects += withoutOthersSteel(refinedRuns, ranges, NeedleCentreline.zSpreadMm(ct), g.dzMm());
        }
        // The needles of one implant are of one type: the bevel length that best explains all their ends together.
        Map<Run, NeedleEndFit> fits = new IdentityHashMap<>();
        // On thick slices every end is fitted again after the z fits, and the z fits ask these only their profile and, for the
        // blind band's test, a few their steel and noise: their ends are looked for only when asked (NeedleEndFit.of; every
        // answer the whole fit's but the blind band, read from the first window until the end is looked for: docs/needles.md,
        // twenty-seventh round, needlespeed5; twenty-eighth, needlespeed8).
        fitEnds(ct, refinedRuns, ranges, clipHu, fits, null, thickness >= NeedleCentreline.THICK_SLICE_MM);
        // The in-plane blur and the slice profile are the scanner's. On slices of 3 mm and more a shaft's 7.5 mm hold too little
        // along z to tell the profile well (boxes of 0.4-2.9 mm fitted on one 2.5 mm box scan; 4.3 mm on a 3 mm one, whose tip
        // then came one bevel length short), so
        // with three ends or more each end is fitted again with the median of their profiles. On thinner slices each end keeps
        // its own: there the median moved a well-fitted tip (acceptance scan 1502, 2.5 mm box).
        // The median's shape is kept but its FWHM made the slice thickness (the header's Slice Thickness, else the spacing): on
        // 5 mm box slices a shallow end's 7.5 mm of shaft inside one slice bounds the box only from below, and the median of such
        // ends came out a 3.74 mm box (scan 2625). On 3 mm slices only where the median is a sharp-edged box wider than the
        // slice (sharpBoxWiderThanTheSlice, thirty-ninth round); elsewhere there the median is kept (with the FWHM made
        // the thickness the sixth round's 2837 n6 went 2.0 -> 3.6 mm, and triangle scans, read as a box and a wide σ, moved
        // tips up to 0.45 mm on the finder of the thirty-ninth round). "Thick" is the profile's width, not the spacing: 5 mm
        // slices every 2.5 mm are as thick as 5 mm slices every 5 mm.
        double[] profile = thickness >= NeedleCentreline.THICK_SLICE_MM ? NeedleEndFit.medianProfile(fits.values()) : null;
        List<NeedleZFit.Fitted> zFits = new ArrayList<>(java.util.Collections.nCopies(refinedRuns.size(), null));
        CompletableFuture<double[]> sharpBoxFits = CompletableFuture.completedFuture(null);
        java.util.function.DoubleUnaryOperator chosenProfile = null;
        // The runs whose soft line was kept because the steel-edged box put them in one slice's blind band, and the runs whose
        // soft line was chosen while the steel-edged box, explaining the scan as well, put them in such a band (below).
        boolean[] bandKept = new boolean[refinedRuns.size()];
        boolean[] tiedBoxBlind = new boolean[refinedRuns.size()];
        List<NeedleZFit.Fitted> steeperFits = new ArrayList<>(java.util.Collections.nCopies(refinedRuns.size(), null));
        List<NeedleZFit.Fitted> steeperUnexplained = new ArrayList<>(java.util.Collections.nCopies(refinedRuns.size(), null));
        boolean steelEdgedChosen = false;
        // The fits of the other reading of the scan's profile (the steel-edged box, or the best softer profile where that box is
        // chosen) and the ratio of its summed misfit to the chosen profile's (NaN where no z was fitted).
        List<NeedleZFit.Fitted> rivalFits = null;
        double rivalRatio = Double.NaN;
        // The steel-edged box where it is the scan's profile or explains the scan within PROFILES_TIED of the chosen one: the
        // profile whose blind band the tip's stretch is tested against (NeedleEndFit.tipStretchBandMm; null elsewhere).
        double[] bandBox = null;
        if (profile != null) {
            if (thickness > NeedleCentreline.THICK_SLICE_MM || sharpBoxWiderThanTheSlice(profile, thickness)) {
                profile = NeedleEndFit.withFwhm(profile, thickness);
            }
            if (sliceProfileOut != null) {
                System.arraycopy(profile, 0, sliceProfileOut, 0, 3);
            }
            // Shallow needles' z from the scan's slice profile along the shaft (the centroids' staircase reads a needle nearing a
            // slice boundary at the slice centre), with the candidate profile that explains them best together, then every end
            // fitted again on the new line. The candidates: the ends' and the standard profiles, and the box as sharp as the
            // steel (NeedleZFit.steelEdgedBox).
            List<Run> leastRuns = refinedRuns;
            double leastMisfit = Double.MAX_VALUE;
            double leastSoftMisfit = Double.MAX_VALUE;
            NeedleZFit.Shafts shafts = new NeedleZFit.Shafts(ct);
            List<java.util.function.DoubleUnaryOperator> candidates =
                    new ArrayList<>(List.of(NeedleZFit.candidateProfiles(profile, thickness)));
            double[] steelBox = NeedleZFit.steelEdgedBox(profile[0], thickness);
            java.util.function.DoubleUnaryOperator steelEdged = d -> NeedleEndFit.sliceProfile(d, steelBox[1], steelBox[2]);
            candidates.add(steelEdged);
            List<Run> softRuns = refinedRuns;
            List<NeedleZFit.Fitted> softFits = zFits;
            double steelEdgedSum = Double.NaN;
            List<NeedleZFit.Fitted> steelEdgedFits = null;
            for (java.util.function.DoubleUnaryOperator candidate : candidates) {
                List<Run> tried = new ArrayList<>(refinedRuns);
                List<NeedleZFit.Fitted> triedFits = new ArrayList<>(java.util.Collections.nCopies(tried.size(), null));
                double sum = 0;
                // Each misfit is ≥ 0, so a candidate's running sum only grows: a softer profile past the least soft sum so far can
                // be neither the least soft nor the chosen one, and the steel-edged box (the last) past PROFILES_TIED of the least
                // sum is neither chosen nor tied, which is all its sum and fits are asked (rivalRatio; its fits as rivals only when
                // tied): their remaining needles' z fits are not made (the same answers; docs/needles.md, twenty-sixth round,
                // needlespeed3).
                for (int q = 0; q < tried.size() && !(candidate == steelEdged ? sum / leastMisfit > PROFILES_TIED : sum > leastSoftMisfit);
                     q++) {
                    Run r = tried.get(q);
                    double[] range = ranges.get(q);
                    if (NeedleCentreline.straightZ(ct, r.curve(), range[0], range[1])) {
                        NeedleZFit.Fitted z = NeedleZFit.refit(ct, r.curve(), range[0], range[1], profile[0], candidate, clipHu,
                                others(tried, ranges, q), shafts);
                        tried.set(q, new Run(r.points(), r.weights(), z.curve()));
                        triedFits.set(q, z);
                        sum += z.misfit();
                    }
                }
                if (candidate == steelEdged) {
                    steelEdgedSum = sum;
                    steelEdgedFits = triedFits;
                }
                if (candidate != steelEdged && sum < leastSoftMisfit) {
                    leastSoftMisfit = sum;
                    softRuns = tried;
                    softFits = triedFits;
                }
                if (sum < leastMisfit) {
                    leastMisfit = sum;
                    chosenProfile = candidate;
                    leastRuns = tried;
                    zFits = triedFits;
                }
            }
            // Where the steel-edged box is chosen, a needle whose line it places wholly inside one slice's blind band (no
            // neighbouring slice shows its steel: NeedleEndFit.blindHalfWidthMm with that box) is not placed by the image at all,
            // only by noise and the weak pull towards the centroids' line: it keeps the best other profile's line, whose soft
            // edge reads it near the slice centre (3514 n1, a flat needle in a 5 mm box slice's flat top: 0.81 mm with it, 2.16
            // with the box's own line; docs/needles.md, fourteenth round).
            steelEdgedChosen = chosenProfile == steelEdged;
            if (steelEdgedChosen || steelEdgedFits != null && rivalRatio <= PROFILES_TIED) {
                bandBox = steelBox;
            }
            rivalFits = steelEdgedChosen ? softFits : steelEdgedFits;
            rivalRatio = (steelEdgedChosen ? leastSoftMisfit : steelEdgedSum) / leastMisfit;
            if (steelEdgedChosen) {
                for (int q = 0; q < leastRuns.size(); q++) {
                    NeedleEndFit fit = fits.get(refinedRuns.get(q));
                    if (zFits.get(q) != null && softFits.get(q) != null && fit != null
                            && insideOneSlicesBand(ct, leastRuns.get(q).curve(), ranges.get(q),
                                    fit.blindHalfWidthMm(AXIS_CHORD_MM, steelBox))) {
                        bandKept[q] = true;
                        leastRuns.set(q, softRuns.get(q));
                        zFits.set(q, softFits.get(q));
                    }
                }
            } else if (steelEdgedFits != null && thickness > NeedleCentreline.THICK_SLICE_MM && rivalRatio <= PROFILES_TIED) {
                // The same band seen from the other side: where a softer profile is chosen but the steel-edged box explains the
                // scan's shallow needles within PROFILES_TIED of it, and that box puts a needle's line wholly inside one slice's
                // blind band, the image does not tell where in the slice the needle lies; the soft line's place is its soft edge's
                // reading, not the image's, and both readings can agree on a wrong place (3925 needles 1, 5, 6, 7: flat, 0.6-1.3
                // degrees, 1.46-1.91 mm off along z, stated ±0.76-0.84; docs/needles.md, nineteenth round). The statement only.
                for (int q = 0; q < leastRuns.size(); q++) {
                    NeedleEndFit fit = fits.get(refinedRuns.get(q));
                    NeedleZFit.Fitted box = steelEdgedFits.get(q);
                    tiedBoxBlind[q] = zFits.get(q) != null && box != null && box.misfit() > 0 && fit != null
                            && insideOneSlicesBand(ct, box.curve(), ranges.get(q), fit.blindHalfWidthMm(AXIS_CHORD_MM, steelBox));
                }
            }
            // A shallow needle's z line that fits much more steel per mm than the scan's z-fitted needles explains another object's
            // steel with its own: its z fitted again with the scan's median steel per mm held (NeedleZFit.Fitted#withMassHeld;
            // HEAVY_LINE_SHARE). After the profile is chosen, so the choice stays the same.
            List<Double> lineMasses = new ArrayList<>();
            for (NeedleZFit.Fitted z : zFits) {
                if (z != null && z.misfit() > 0) {
                    lineMasses.add(z.lnMass());
                }
            }
            if (lineMasses.size() >= HEAVY_LINE_LEAST_NEEDLES) {
                double medianLnMass = NeedleZFit.median(lineMasses);
                for (int q = 0; q < leastRuns.size(); q++) {
                    NeedleZFit.Fitted z = zFits.get(q);
                    if (z != null && z.misfit() > 0 && z.lnMass() > medianLnMass + Math.log(HEAVY_LINE_SHARE)) {
                        NeedleZFit.Fitted held = z.withMassHeld(medianLnMass);
                        Run r = leastRuns.get(q);
                        leastRuns.set(q, new Run(r.points(), r.weights(), held.curve()));
                        zFits.set(q, held);
                    }
                }
            }
            // The sharp box's fits (the statement only: sharpBox) read the refined runs' lines (those the z fits started from,
            // the list copied before any later stage sets a run) and nothing a later stage writes, and only the final describe
            // loop reads their answer: they run on the common pool beside the steeper needles' refits and the second end-fit
            // pass (the same fits in the same order; docs/needles.md, twenty-ninth round, needlespeed9).
            List<Run> zRuns = List.copyOf(refinedRuns);
            double sxy = profile[0];
            double leastSoft = leastSoftMisfit;
            sharpBoxFits = CompletableFuture.supplyAsync(() -> sharpBox(ct, zRuns, ranges, sxy, thickness, leastSoft, clipHu, shafts));
            // Needles spanning five to seven slice spacings along z (10-15 degrees out of 5 mm slices over ~120-135 mm; seven since
            // the thirtieth round, needletip12: 4886 n6 at 6.25 spacings read 1.35 mm high by its parabola): their z is the
            // centroids' parabola through a staircase of five or six steps, which bends at the tip as the seventh round's shorter
            // staircases did (0.3-1.0 mm along z on the seen sets). Their z is refitted as a line from the profile the shallower
            // needles chose (NeedleZFit), started on the least-squares line through the parabola; they take no part in choosing the
            // profile, so the scan's profile and the shallower needles' lines stay as they were. Where that line explains the run's
            // voxels no better than twice the median misfit per mm of the scan's shallower needles (the thirteenth round's measure
            // of a run that is no straight needle), the parabola is kept: on the seen set 3781 a run of two needles' steel, dropped
            // as off steel with its parabola, was kept as a 139 mm false needle with the line (3788, 2.4-3.1 times the median).
            // There, where the line puts the tip more than 1 mm from the parabola along z, the image does not tell which: the tip
            // is stated at least the slice it is seen in (3837 needle 7, 12.8 degrees: a strand of seeds along its last 15 mm in
            // the slice above pulled the centroids 2-2.5 mm up and raised the line's misfit to 3.9 times the median; read 16.0
            // degrees, the tip 2.45 mm off along z, stated ±0.08, now ±4.53; docs/needles.md, eighteenth round).
            double shallowMedian = medianMisfitPerMm(zFits, ranges);
            for (int q = 0; q < leastRuns.size(); q++) {
                Run r = leastRuns.get(q);
                double[] range = ranges.get(q);
                if (zFits.get(q) == null && NeedleCentreline.steeperStraightZ(ct, r.curve(), range[0], range[1])) {
                    NeedleZFit.Fitted z = NeedleZFit.refit(ct, NeedleCentreline.withStraightZ(r.curve(), range[0], range[1]), range[0],
                            range[1], profile[0], chosenProfile, clipHu, others(leastRuns, ranges, q), shafts);
                    if (!(z.misfit() / Math.max(1, range[1] - range[0]) >= UNEXPLAINED_MISFIT * shallowMedian)) {
                        leastRuns.set(q, new Run(r.points(), r.weights(), z.curve()));
                        steeperFits.set(q, z);
                    } else {
                        steeperUnexplained.set(q, z);
                    }
                }
            }
            refinedRuns = leastRuns;
            fits.clear();
            fitEnds(ct, refinedRuns, ranges, clipHu, fits, profile, false);
            // An end whose shaft (behind the run's end) holds much less steel per mm than the scan's needles' (all of one type) is
            // not on its needle's steel: the run went on past the tip along a strand of seeds or onto a neighbour's tip; its end is
            // looked for behind that steel (NeedleEndFit.behindLightShaft; 3651 n6, 3591 n7, 3590 n4, docs/needles.md, fifteenth round).
            // Only on slices thicker than 3 mm, where it was measured: on the fresh 3 mm set 3709-3732 it read two right ends
            // light (3709 n9, 28 degrees out of the plane; 3711 n1, flat) and put their tips 4.4 and 4.9 mm short.
            double medianMass = NeedleEndFit.medianMassPerMm(fits.values());
            double leastMass = thickness > NeedleCentreline.THICK_SLICE_MM ? LIGHT_SHAFT_SHARE * medianMass : 0;
            double mostMass = HEAVY_SHAFT_SHARE * medianMass;
            // An end whose shaft holds much more steel per mm than the scan's needles' holds other metal too (a seed touching it):
            // fitted with that mass, the model explains the tip's voxels with a shorter needle; its end is fitted again with the
            // scan's median mass (3663 n5, 3673 n5: 1.08 and 1.05 mm short, docs/needles.md, sixteenth round). On 3 mm slices too
            // (eighteenth round: 3889 n5 1.08 mm short, 3710 n5 1.04, 3721 n5 1.19, 3729 n9 2.03 — a seed, or the crossing
            // free-hand needle, on the shaft), unlike the light-shaft rule above: a lighter re-fit can only lengthen the needle.
            List<Run> heavy = new ArrayList<>();
            for (int q = 0; q < refinedRuns.size(); q++) {
                NeedleEndFit fit = fits.get(refinedRuns.get(q));
                if (fit != null && fit.firstMassPerMm() > mostMass) {
                    heavy.add(refinedRuns.get(q));
                }
            }
            for (Run h : heavy) {
                NeedleEndFit heavier = fits.remove(h);
                int q = refinedRuns.indexOf(h);
                int usual = bevelsMm.length == 1 ? 0 : NeedleEndFit.USUAL_BEVEL;
                describe(ct, h, ranges.get(q), clipHu, fits, usual, profile, others(refinedRuns, ranges, q), false, 0, medianMass);
                // The lighter needle can only explain the tip's voxels with a longer one; a re-fit that puts the tip shorter is not
                // a seed's steel read as the needle's, and the first fit stands (3799 n5: 0.24 mm, re-fitted 1.64 mm short).
                NeedleEndFit lighter = fits.get(h);
                if (lighter == null || lighter.tipOffsetMm(usual) < heavier.tipOffsetMm(usual)) {
                    fits.put(h, heavier);
                }
            }
            List<Run> light = new ArrayList<>();
            List<double[]> lightRanges = new ArrayList<>();
            for (int q = 0; q < refinedRuns.size(); q++) {
                NeedleEndFit fit = fits.get(refinedRuns.get(q));
                if (fit != null && fit.firstMassPerMm() < leastMass) {
                    light.add(refinedRuns.get(q));
                    lightRanges.add(ranges.get(q));
                }
            }
            for (int k = 0; k < light.size(); k++) {
                fits.remove(light.get(k));
                int q = refinedRuns.indexOf(light.get(k));
                describe(ct, light.get(k), lightRanges.get(k), clipHu, fits, bevelsMm.length == 1 ? 0 : NeedleEndFit.USUAL_BEVEL, profile,
                        others(refinedRuns, ranges, q), false, leastMass);
            }
        }
        int bevel = bevelsMm.length == 1 ? 0 : NeedleEndFit.USUAL_BEVEL;
        double least = Double.MAX_VALUE;
        for (int b = 0; b < bevelsMm.length && bevelsMm.length > 1 && !fits.isEmpty(); b++) {
            double sum = 0;
            for (NeedleEndFit f : fits.values()) {
                sum += f.misfit(b);
            }
            if (sum < least) {
                least = sum;
                bevel = b;
            }
        }
        // The statement where the z fit is sure of a wrong line: a run of two needles' steel read as one needle (3439, 5 mm box,
        // 12-bit: needles 2 and 6 of one template column, 11 mm apart along z at the tips and converging at the hubs; one run
        // took needle 6's tip half and needle 2's hub half) is fitted as sharply as any other: ±0.16 mm stated, its tip 3.9 mm
        // off along z, its axis 5.2°. No misfit interval around that line sees it; two other readings do. Its least misfit
        // per mm of needle is 2.4 times the median of the scan's z-fitted needles' (alone no test: right tips reach 7 times it
        // near streaks and seeds), and its tip half read on its own puts the tip 1.9 mm from the whole run's line (right tips
        // whose misfit is as high: 0.01-0.48 mm). Where both disagree (twice the median, 1 mm) the needle is stated at least the
        // slice its tip is seen in, as a needle in a box slice's blind band is (docs/needles.md, thirteenth round).
        double[] misfitRatio = misfitPerMmRatios(zFits, ranges);
        java.util.Set<FoundNeedle> unexplained = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.Set<FoundNeedle> staircaseBent = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.Set<FoundNeedle> halfTurned = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Map<FoundNeedle, Double> endApart = new IdentityHashMap<>();
        List<FoundNeedle> needles = new ArrayList<>();
        // Each run is described from its own end fit and the scan's readings, which no description changes (a run without a fit
        // has it fitted there, into its own copy): the runs are described side by side and taken in their order, the fits merged
        // as the one loop left them (docs/needles.md, twenty-ninth round, needlespeed9).
        ScanReadings readings = new ScanReadings(refinedRuns, ranges, clipHu, thickness, bevel, profile, zFits, steeperFits,
                steeperUnexplained, misfitRatio, sharpBoxFits.join(), chosenProfile, bandKept, tiedBoxBlind, steelEdgedChosen, rivalFits,
                rivalRatio, bandBox);
        List<Described> described = IntStream.range(0, refinedRuns.size()).parallel()
                .mapToObj(q -> described(ct, readings, q, fits.get(readings.refinedRuns().get(q)))).toList();
        for (int q = 0; q < described.size(); q++) {
            Described d = described.get(q);
            if (d.fit() != null) {
                fits.put(refinedRuns.get(q), d.fit());
            }
            if (d.needle() == null) {
                otherObjects++;
            } else {
                needles.add(d.needle());
                if (d.staircaseBent()) {
                    staircaseBent.add(d.needle());
                }
                if (d.halfTurned()) {
                    halfTurned.add(d.needle());
                }
                if (d.unexplained()) {
                    unexplained.add(d.needle());
                }
                if (d.endApartMm() > 0) {
                    endApart.put(d.needle(), d.endApartMm());
                }
            }
        }
        needles = withoutDoubles(ct, needles, bevelsMm[bevel]);
        if (thickness > NeedleCentreline.THICK_SLICE_MM) {
            needles = withoutOthersPaths(onSteel(ct, needles, bevelsMm[bevel]), NeedleCentreline.zSpreadMm(ct));
        }
        List<String> notes = new ArrayList<>();
        if (!ct.hasSliceThickness()) {
            notes.add(String.format(java.util.Locale.ROOT, "the CT records no Slice Thickness (0018,0050): its slice profile is"
                    + " taken as %.2f mm wide, the slice spacing; on an overlapping reconstruction (slices thicker than their"
                    + " spacing) the needles' tips and tilts are then less sure", g.dzMm()));
        }
        for (int n = 0; n < needles.size(); n++) {
            if (!needles.get(n).tipCertain()) {
                notes.add("needle " + (n + 1) + ": both ends are in air or outside the scan; the tip is taken as the end in denser"
                        + " surroundings");
            }
            if (unexplained.contains(needles.get(n))) {
                notes.add(String.format(java.util.Locale.ROOT, "needle %d: its tip's place along z is not sure to better than ±%.1f mm"
                        + " (no straight needle along z explains its image as well as the scan's other needles: it may be read from"
                        + " two needles' steel, and its axis may be wrong too: not sure to better than ±%.1f° in and out of the slices'"
                        + " plane)", n + 1, needles.get(n).tipZUncertaintyMm(), needles.get(n).axisUncertaintyDeg()));
            } else if (endApart.containsKey(needles.get(n))) {
                notes.add(String.format(java.util.Locale.ROOT, "needle %d: its tip's place along z is not sure to better than ±%.1f mm"
                        + " (its slices' centroids and the fit of the voxels around its end put its axis %.1f mm apart along z at the"
                        + " tip: a streak or other steel there may have moved either reading)", n + 1, needles.get(n).tipZUncertaintyMm(),
                        endApart.get(needles.get(n))));
            } else if (needles.get(n).tipZUncertaintyMm() > 1) {
                notes.add(String.format(java.util.Locale.ROOT, "needle %d: its tip's place along z is not in the image to better than"
                        + " ±%.1f mm (the CT is explained about as well anywhere in that range: the needle lies nearly flat in the"
                        + " slices, its last %.0f mm shown by too few of them)", n + 1, needles.get(n).tipZUncertaintyMm(), AXIS_CHORD_MM));
            }
            if (halfTurned.contains(needles.get(n))) {
                notes.add(String.format(java.util.Locale.ROOT, "needle %d: its axis is not in the image to better than ±%.1f° (no"
                        + " straight needle along z explains its image as well as the scan's other needles, and its tip half read on its"
                        + " own turns from its line: part of it may be another needle's steel)", n + 1, needles.get(n).axisUncertaintyDeg()));
            } else if (staircaseBent.contains(needles.get(n)) && !unexplained.contains(needles.get(n))) {
                notes.add(String.format(java.util.Locale.ROOT, "needle %d: its tilt out of the slices' plane is not in the image to better"
                        + " than ±%.1f° (it crosses the slices steeply, and the bend its line reads near the tip may be the slices' steps,"
                        + " not the needle's)", n + 1, needles.get(n).axisUncertaintyDeg()));
            } else if (needles.get(n).axisUncertaintyDeg() > AXIS_FIGURE_DEG && !unexplained.contains(needles.get(n))) {
                notes.add(String.format(java.util.Locale.ROOT, "needle %d: its tilt out of the slices' plane is not in the image to better"
                        + " than ±%.1f° (it lies nearly flat inside a slice, and no slice places its line's height at its ends)", n + 1,
                        needles.get(n).axisUncertaintyDeg()));
            }
            if (needles.get(n).tipAxisUncertaintyMm() > 1) {
                notes.add(String.format(java.util.Locale.ROOT, "needle %d: its tip's place along the needle is not sure to better than"
                        + " ±%.1f mm (the voxels around its end explain a tip anywhere in that range about as well, or do not bound it:"
                        + " the steel may go on past the tip found, or the metal run past the tip)", n + 1, needles.get(n).tipAxisUncertaintyMm()));
            }
        }
        return new NeedleFinding(needles, otherObjects, notes, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The sharp box (in-plane σ, width, σ; mm) against which the z-fitted needles' blind band is stated, or null where it does not
     * explain the shallow needles {@code runs} (the refined runs' lines, before their z fits) at least as well as the softer
     * candidates' least summed misfit {@code leastSoftMisfit}; {@code sxy} the scan's in-plane σ, mm. Reads the scan and its
     * arguments only: {@link #find} runs it beside its later stages (docs/needles.md, twenty-ninth round, needlespeed9).
     */
    private static double[] sharpBox(Volume ct, List<Run> runs, List<double[]> ranges, double sxy, double thickness, double leastSoftMisfit,
                                     double clipHu, NeedleZFit.Shafts shafts) {
        // The statement only: the ends' fits bound a thick box slice's width from below and not its edges, and the chosen
        // profile's soft edge can read a flat needle near a slice boundary at the slice centre, sure of it: its tails predict
        // the neighbouring slice showing steel that a sharp edge keeps out (3433, 5 mm box, 12-bit: six flat needles 0.4-0.9
        // mm inside a slice boundary read at the slice centre, 1.6-2.4 mm off along z, stated ±0.12-0.30 mm; at the true
        // lines the chosen profile's misfit was 140-620 worse, a sharp box's within 1.4-23 of the found lines). Where a box
        // of the thickness with edges no softer than the needle's image across (the in-plane σ) explains the shallow needles
        // at least as well, and that box leaves a band about the slice centre that no neighbouring slice shows
        // (NeedleEndFit.blindHalfWidthMm), the image does not hold where inside the slice they lie: each z-fitted needle is
        // stated at least the half slice plus its tip's distance from the slice centre (the slice it is seen in), whether
        // or not its line crosses the band's edge (not tested). A sharp box among the candidates for the place itself read
        // other flat needles worse (NeedleZFit.candidateProfiles). The test is against the ends' and the standard profiles
        // as before the steel-edged box became a candidate: that box is sharper still, and against it the statement would be
        // withdrawn on the very box scans where a sharp edge explains the needles best, whose flat tops hide the place.
        double[] sharp = NeedleEndFit.withFwhm(new double[] {sxy, thickness, sxy}, thickness);
        java.util.function.DoubleUnaryOperator sharpProfile = d -> NeedleEndFit.sliceProfile(d, sharp[1], sharp[2]);
        double sharpMisfit = 0;
        // (Past the least soft sum the sharp box is not taken: the rest of its fits are not made.)
        for (int q = 0; q < runs.size() && sharpMisfit <= leastSoftMisfit; q++) {
            Run r = runs.get(q);
            double[] range = ranges.get(q);
            if (NeedleCentreline.straightZ(ct, r.curve(), range[0], range[1])) {
                sharpMisfit += NeedleZFit.refit(ct, r.curve(), range[0], range[1], sxy, sharpProfile, clipHu,
                        others(runs, ranges, q), shafts).misfit();
            }
        }
        return sharpMisfit <= leastSoftMisfit ? sharp : null;
    }

    /**
     * What the final describe loop of {@link #find} reads besides each run's end fit: the runs, their ranges and the scan's
     * readings as the z fits, the end fits and the bevel's estimate left them (each list and array indexed as the runs). No
     * description changes any of it.
     */
    private record ScanReadings(List<Run> refinedRuns, List<double[]> ranges, double clipHu, double thickness, int bevel, double[] profile,
                                List<NeedleZFit.Fitted> zFits, List<NeedleZFit.Fitted> steeperFits,
                                List<NeedleZFit.Fitted> steeperUnexplained, double[] misfitRatio, double[] sharpBox,
                                java.util.function.DoubleUnaryOperator chosenProfile, boolean[] bandKept, boolean[] tiedBoxBlind,
                                boolean steelEdgedChosen, List<NeedleZFit.Fitted> rivalFits, double rivalRatio, double[] bandBox) {
    }

    /**
     * One run described: the needle with its statements (null: no needle), whether its tip's place is stated as not explained
     * by one straight needle (a note), whether its tilt's statement is its staircase's bend past the issue's figure (a note),
     * how far along z its end fit puts the axis at the tip from the tip found where that is beyond the issue's 1 mm (a note; else 0:
     * {@link #endFitApartAlongZMm}), and the run's end fit after its description (null: none).
     */
    private record Described(FoundNeedle needle, boolean unexplained, boolean staircaseBent, boolean halfTurned, double endApartMm,
                             NeedleEndFit fit) {
    }

    /**
     * The {@code q}th run of {@code readings} described as a needle with its statements ({@link #describe}, then the statements
     * along z and of the axis), from its end fit {@code endFit} (null: none; then looked for here, as for a light run whose
     * fit against the least mass came back empty). A run's description reads its own end fit and the readings only, and
     * writes nothing but its own fit's copy: {@link #find} describes the runs side by side (docs/needles.md, twenty-ninth
     * round, needlespeed9). The runs are distinct objects (each refined, z-fitted or refitted run is made anew), so no two
     * descriptions share a fit.
     */
    private Described described(Volume ct, ScanReadings readings, int q, NeedleEndFit endFit) {
        Grid g = ct.grid();
        List<Run> refinedRuns = readings.refinedRuns();
        List<double[]> ranges = readings.ranges();
        double clipHu = readings.clipHu();
        double thickness = readings.thickness();
        int bevel = readings.bevel();
        double[] profile = readings.profile();
        List<NeedleZFit.Fitted> zFits = readings.zFits();
        List<NeedleZFit.Fitted> steeperFits = readings.steeperFits();
        List<NeedleZFit.Fitted> steeperUnexplained = readings.steeperUnexplained();
        double[] misfitRatio = readings.misfitRatio();
        double[] sharpBox = readings.sharpBox();
        java.util.function.DoubleUnaryOperator chosenProfile = readings.chosenProfile();
        boolean[] bandKept = readings.bandKept();
        boolean[] tiedBoxBlind = readings.tiedBoxBlind();
        boolean steelEdgedChosen = readings.steelEdgedChosen();
        List<NeedleZFit.Fitted> rivalFits = readings.rivalFits();
        double rivalRatio = readings.rivalRatio();
        double[] bandBox = readings.bandBox();
        Run run = refinedRuns.get(q);
        Map<Run, NeedleEndFit> own = new IdentityHashMap<>();
        if (endFit != null) {
            own.put(run, endFit);
        }
        FoundNeedle needle = describe(ct, run, ranges.get(q), clipHu, own, bevel, profile, others(refinedRuns, ranges, q), true, 0);
        if (needle == null) {
            return new Described(null, false, false, false, 0, own.get(run));
        }
        NeedleEndFit fit = own.get(run);
        // A strand of seeds in the next slice beside the tip: the tip across in the plane on its shaft's slice (forty-second
        // round, needleplane24).
        needle = onShaftsSlice(needle, run);
        // A steep needle's z is its slab centroids' curve, whose end steps lie off the needle (twenty-second round):
        // its tip across the axis as the end fit reads it (twenty-fifth round, branch needletip6).
        if (profile != null && thickness > NeedleCentreline.THICK_SLICE_MM && fit != null && zFits.get(q) == null
                && steeperFits.get(q) == null) {
            needle = acrossByEndFit(ct, needle, fit, bevel);
        }
        // An end fit held at a short end with its line moved across, on 3 mm slices (twenty-sixth round, needletip8); on thicker
        // slices the place it would move to is stated, not taken, for every needle the steep-tip move leaves (thirtieth round,
        // needletip12).
        if (fit != null && thickness <= NeedleCentreline.THICK_SLICE_MM) {
            needle = alongByEndFit(needle, fit, bevel);
        } else if (fit != null && profile != null && !(zFits.get(q) == null && steeperFits.get(q) == null
                && Math.abs(needle.axisAtTip().z()) >= Math.sin(Math.toRadians(STEEP_TIP_DEG)))) {
            needle = alongStatedByEndFit(needle, fit, bevel);
        }
        boolean blind = sharpBox != null && fit != null && zFits.get(q) != null && fit.blindHalfWidthMm(AXIS_CHORD_MM, sharpBox) > 0;
        NeedleZFit.Fitted halfFit = misfitRatio[q] >= UNEXPLAINED_MISFIT ? tipHalfLine(ct, refinedRuns.get(q), needle.tipMm(),
                profile[0], chosenProfile, clipHu, others(refinedRuns, ranges, q)) : null;
        SpaceCurve tipHalf = halfFit == null ? null : halfFit.curve();
        double halvesApart = tipHalf == null ? 0 : Math.abs(tipHalf.at(tipHalf.parameterOf(needle.tipMm())).z() - needle.tipMm().z());
        boolean notOneNeedle = halvesApart >= HALVES_DISAGREE_MM;
        // Below that bar the tip is stated at least as far as the tip half's reading reaches: its distance from the tip along z
        // and its own interval there (NeedleZFit.Fitted#zHalfWidthAt).
        double halfReach = tipHalf == null || notOneNeedle ? 0 : halvesApart + halfFit.zHalfWidthAt(tipHalf.parameterOf(needle.tipMm()));
        // A flat needle inside one slice that no neighbouring slice places (fifteenth round): its soft line kept because the
        // steel-edged box put it in the blind band (3652 needle 5: 1.81 mm off along z, stated ±1.55 from the soft line's
        // misfit) or its soft line chosen while the tied steel-edged box put it there (nineteenth round, above), or its
        // found line contradicted by a neighbour that would show its partial volume there and does not
        // (3586 needle 5: 3.57 mm off, ±0.04). The image holds no more of it than the slice its tip is seen in. Only where the
        // steel-edged box is the scan's profile: inside its flat top no neighbour sees a flat needle, so a neighbour that does
        // not show it where the line says is all the image has; on Gaussian and triangle profiles both neighbours always see
        // the needle and one neighbour's shortfall is other structure (3602 needle 7, Gaussian: 0.25 mm off along z, 3 HU shown
        // of 264 above it, 165 of 155 below). Likewise a line read near a boundary whose neighbour beyond holds another
        // needle's line straight above or below it (twenty-first round): the z fit leaves that slice's voxels out as the
        // other needle's, so nothing placed the line there and nothing can contradict it (4045 needle 6: 3.72 mm off
        // along z, stated ±0.07, needle 2 one slice above in the same column). On slices thicker than 3 mm, where it was
        // measured.
        boolean placedByNoSlice = bandKept[q] || tiedBoxBlind[q] || steelEdgedChosen && zFits.get(q) != null
                && (NeedleZFit.neighbourContradicts(ct, needle.pathMm(), AXIS_CHORD_MM, profile[0], chosenProfile,
                        zFits.get(q).lnMass())
                    || thickness > NeedleCentreline.THICK_SLICE_MM && NeedleZFit.neighbourHidden(ct, needle.pathMm(),
                        AXIS_CHORD_MM, others(refinedRuns, ranges, q)));
        // A needle the two readings of the scan's slice profile place apart along z (seventeenth round): where the steel-edged
        // box and the softer profile explain the scan's shallow needles about equally well, the image does not tell the edge
        // of the slice profile, and with it the tilt that a shallow needle crossing a slice boundary is read with (the width
        // of the crossing along the needle is the edge over the tilt): 3766 needle 1, 0.9 degrees out of the plane, read
        // 2.3 degrees with the soft edge (tip 2.23 mm off along z, stated ±0.08), 0.44 mm off with the steel's edge; 0.5 %
        // apart in misfit. Where the two readings put the tip more than the issue's 1 mm apart, the image holds no more
        // than the slice the tip is seen in. Only on slices thicker than 3 mm, where it was measured.
        double apart = rivalFits == null || zFits.get(q) == null ? 0 : apartAlongZMm(zFits.get(q), rivalFits.get(q), needle.tipMm());
        boolean readingsDisagree = thickness > NeedleCentreline.THICK_SLICE_MM && rivalRatio <= PROFILES_TIED
                && apart > HALVES_DISAGREE_MM;
        boolean steeperDisagree = steeperUnexplained.get(q) != null
                && lineApartAlongZMm(steeperUnexplained.get(q).curve(), refinedRuns.get(q).curve(), needle.tipMm()) > HALVES_DISAGREE_MM;
        boolean zFitted = zFits.get(q) != null || steeperFits.get(q) != null;
        double endApart = thickness <= NeedleCentreline.THICK_SLICE_MM ? endFitApartAlongZMm(fit, bevel, profile, zFitted) : 0;
        double inSlice = blind || notOneNeedle || placedByNoSlice || readingsDisagree || steeperDisagree
                || staircaseOnOtherSteel(ct, needle, fit, profile, chosenProfile, zFitted)
                || endApart > HALVES_DISAGREE_MM
                ? seenInSliceMm(ct, needle.tipMm()) : 0;
        // A needle inside one slice whose last AXIS_CHORD_MM lie in the steel-edged box's blind band is not placed
        // along z at its tip by the image, whatever places its hub end (NeedleEndFit.tipStretchBandMm; 4378 needle 4,
        // twenty-fourth round): stated the slice its tip is seen in, not only the band. The band is where a needle held at one
        // height over AXIS_CHORD_MM shows in no neighbour; one rising towards the slice's far boundary shows there only over its
        // last mm, most of them the bevel's, which the z fit leaves out (5302 n7, 5 mm box, streaks 344 HU: 0.21 mm above the
        // boundary, read 2.55 mm high, stated ±1.88 by the band; docs/needles.md, thirty-seventh round, needlesilent19). The
        // statement only; the tilt statement follows it (withAxisUncertainty).
        double band = bandBox == null || fit == null || zFits.get(q) == null ? 0
                : NeedleEndFit.tipStretchBandMm(g, needle.pathMm(), AXIS_CHORD_MM, fit.blindHalfWidthMm(AXIS_CHORD_MM, bandBox));
        double tipBand = band > 0 ? Math.max(band, seenInSliceMm(ct, needle.tipMm())) : 0;
        FoundNeedle stated = withAxisUncertainty(ct, withTipZUncertaintyAtLeast(withZFitUncertainty(needle,
                zFits.get(q) != null ? zFits.get(q) : steeperFits.get(q), zFits.get(q) != null),
                Math.max(Math.max(inSlice, tipBand), halfReach)), profile == null ? null : fit, inSlice > 0);
        // A z-fitted needle's tilt is its straight line's, stated by its two ends' heights; a bent needle turns at its tip from
        // that line: the statement holds the turn at the tip of the line's reading bent as a cantilever, the bend the image
        // shows (NeedleZFit.Fitted#bendTurnDeg; docs/needles.md, thirty-eighth round, needlebend20).
        if (zFits.get(q) != null && profile != null && fit != null) {
            NeedleZFit.Fitted zFit = zFits.get(q);
            stated = withAxisUncertaintyDeg(stated, stated.axisUncertaintyDeg()
                    + zFit.bendTurnDeg(zFit.curve().parameterOf(stated.tipMm()), AXIS_CHORD_MM));
        }
        // A z-fitted run its whole line does not explain as one straight needle (UNEXPLAINED_MISFIT) has a second reading of
        // its axis, its tip half's own line (tipHalfLine): the axis statement holds the turn between the two, out of the plane
        // and in it (docs/needles.md, thirtieth round, needlesilent12).
        double[] halfTurn = tipHalf == null ? new double[2] : halfTurnDeg(tipHalf, stated);
        // A needle with no z fit (steep ones; on 3 mm slices most) has its slab centroids' parabola for its z, fitted
        // through a staircase that the crossing needles' exclusions and the run's ends sample unevenly: its bend at the
        // tip may be the staircase's, not the needle's (twenty-ninth round, 4806 needle 9). The statement only: the
        // statement of the line through the ends with the axis's turn from that line added (staircaseBendDeg).
        boolean staircaseBent = false;
        if (profile != null && fit != null && zFits.get(q) == null && steeperFits.get(q) == null) {
            double bend = staircaseBendDeg(stated);
            double ends = stated.axisUncertaintyDeg();
            stated = withAxisUncertaintyDeg(stated, ends + bend);
            staircaseBent = bend > ends && stated.axisUncertaintyDeg() > AXIS_FIGURE_DEG;
        }
        // A run the two-needles test reads as two needles' steel may hold the tip's needle only near the tip and the other
        // needle's steel behind it, its line across both: its direction in the axial plane is then stated too, as far as
        // the tip part's own voxels turn from it (twenty-third round, 4231 needle 6).
        if (tipHalf != null) {
            stated = withAxisUncertaintyDeg(stated, stated.axisUncertaintyDeg() + halfTurn[0]);
        }
        if (notOneNeedle || tipHalf != null) {
            stated = withInPlaneAxisUncertainty(stated, Math.max(halfTurn[1],
                    notOneNeedle ? tipPartTurnDeg(refinedRuns.get(q), stated) + TIP_PART_SPREAD_DEG : 0));
        }
        return new Described(stated, notOneNeedle && !blind, staircaseBent,
                tipHalf != null && !notOneNeedle && stated.axisUncertaintyDeg() > AXIS_FIGURE_DEG,
                endApart > HALVES_DISAGREE_MM ? endApart : 0, fit);
    }

    /**
     * Two needles' paths closer than this over half the shorter's length are one needle's, mm: an 18 G needle is 1.27 mm
     * thick, so the axes of two needles are never closer than that. Not 1.5 mm: two needles of one column converging at
     * their hubs are read that close over half their length (3357: 54 %, both parting from each other on steel; 3351
     * needles 7 and 8: 46 %).
     */
    static final double SAME_AXIS_MM = 1.0;
    /** The share of a needle's own stretch (away from the other's path) on steel above which it is a needle's own steel. */
    static final double OWN_STEEL_SHARE = 0.8;

    /**
     * The needles less those counted twice, found from two runs of one needle's steel: two found needles whose paths lie
     * within {@value #SAME_AXIS_MM} mm of each other over at least half the shorter's length. The one kept is the one whose
     * own stretch (its path farther than that from the other's) lies on steel the more ({@link #steelShare}); when both do
     * ({@value #OWN_STEEL_SHARE} and more: two overlapping pieces of one needle) the one whose tip lies deeper along the
     * axis; one without an own stretch is dropped. 3396 (triangle, extended; needles 1 and 5 of one column, 9–11 mm apart
     * along z): a reading of a pair of runs as an upper and a lower needle gave needle 5's steel twice, and the run with its
     * hub half became a second needle 5, 0.3–0.8 mm from it over its 112 mm and its tip 13 mm short.
     */
    private static List<FoundNeedle> withoutDoubles(Volume ct, List<FoundNeedle> needles, double bevelMm) {
        boolean[] dropped = new boolean[needles.size()];
        for (int a = 0; a < needles.size(); a++) {
            for (int b = a + 1; b < needles.size() && !dropped[a]; b++) {
                if (!dropped[b]) {
                    int drop = counterpart(ct, needles.get(a), needles.get(b), bevelMm);
                    if (drop >= 0) {
                        dropped[drop == 0 ? a : b] = true;
                    }
                }
            }
        }
        List<FoundNeedle> out = new ArrayList<>();
        for (int q = 0; q < needles.size(); q++) {
            if (!dropped[q]) {
                out.add(needles.get(q));
            }
        }
        return out;
    }

    /**
     * Which of two found needles is the other counted twice ({@link #withoutDoubles}): 0 the first, 1 the second, −1 neither.
     * Each one's own stretch is judged on steel without its last {@code bevelMm} (the scan's bevel length): there the steel's
     * section shrinks to nothing and its partial volume falls below the follow level whatever the needle, so an own stretch that
     * holds the tip — the deeper needle's — read off steel for that alone (3690 needle 3, 5 mm triangle slices: the run from its
     * tip, 0.42 mm off, reached 8.4 mm beyond the other reading's tip; its own stretch read 2045–2415 HU on the shaft and 841 and
     * 184 HU 1.1 and 0 mm from the tip, 3 of 5 on steel, against 10 of 15 for the other reading's hub stretch in air: the needle
     * 8.4 mm short was kept, a miss and a false needle).
     */
    private static int counterpart(Volume ct, FoundNeedle na, FoundNeedle nb, double bevelMm) {
        List<Vec3> ownA = farFrom(na.pathMm(), nb.pathMm());
        List<Vec3> ownB = farFrom(nb.pathMm(), na.pathMm());
        boolean aShorter = na.pathMm().size() <= nb.pathMm().size();
        int shorter = Math.min(na.pathMm().size(), nb.pathMm().size());
        if (2 * (shorter - (aShorter ? ownA : ownB).size()) < shorter) {
            return -1;
        }
        List<Vec3> shaftA = behindBevel(ownA, na.tipMm(), bevelMm);
        List<Vec3> shaftB = behindBevel(ownB, nb.tipMm(), bevelMm);
        double steelA = shaftA.size() < 2 ? -1 : steelShare(ct, shaftA, na.axisAtTip());
        double steelB = shaftB.size() < 2 ? -1 : steelShare(ct, shaftB, nb.axisAtTip());
        if (steelA >= OWN_STEEL_SHARE && steelB >= OWN_STEEL_SHARE) {
            Vec3 axis = na.axisAtTip();
            return na.tipMm().dot(axis) < nb.tipMm().dot(axis) ? 0 : 1;
        }
        return steelA < steelB ? 0 : 1;
    }

    /**
     * The least share of a needle's path (less its bevel) with steel beside it ({@link #steelShare}) for it to be a needle, on
     * slices thicker than 3 mm ({@link #onSteel}).
     */
    static final double PATH_STEEL_SHARE = OWN_STEEL_SHARE;

    /**
     * The needles whose path, less its last {@code bevelMm}, lies on steel ({@link #steelShare}) at least
     * {@value #PATH_STEEL_SHARE} of its length: a needle is steel from its hub to its bevel, and its path lies on it. On 5 mm
     * slices a run can be gathered from two needles' partial volumes in one slice, lying between them (3685: from needle 6's hub
     * half to needle 7's middle, 1.7–3 mm from each) or from a sparse stretch of several needles' voxels (3669: 101 voxels over
     * 96 mm, where a needle's runs hold 1.5–3 per mm), and described as a needle it lies beside steel, not on it: 0.66 and 0.76
     * of their paths (3657's run rising through several needles' voxels 0.65, 3501's 0.78), against 0.83 and more for every
     * needle found on the eight seen 5 mm sets: thin on both sides (docs/needles.md, sixteenth round). Not asked on 3 mm slices, where a needle's
     * outer part in air falls below the follow level (step 4) and where it was not measured.
     */
    private static List<FoundNeedle> onSteel(Volume ct, List<FoundNeedle> needles, double bevelMm) {
        List<FoundNeedle> out = new ArrayList<>();
        for (FoundNeedle f : needles) {
            List<Vec3> shaft = behindBevel(f.pathMm(), f.tipMm(), bevelMm);
            if (shaft.size() < 2 || steelShare(ct, shaft, f.axisAtTip()) >= PATH_STEEL_SHARE
                    || onSteelInTheBody(ct, shaft, f.axisAtTip())) {
                out.add(f);
            }
        }
        return out;
    }

    /** The points farther than {@code bevelMm} from {@code tip}: a needle's own stretch less its bevel ({@link #counterpart}). */
    private static List<Vec3> behindBevel(List<Vec3> points, Vec3 tip, double bevelMm) {
        List<Vec3> out = new ArrayList<>();
        for (Vec3 p : points) {
            if (p.distanceTo(tip) > bevelMm) {
                out.add(p);
            }
        }
        return out;
    }

    /** The points of {@code path} farther than {@value #SAME_AXIS_MM} mm from the polyline {@code other}. */
    private static List<Vec3> farFrom(List<Vec3> path, List<Vec3> other) {
        List<Vec3> out = new ArrayList<>();
        for (Vec3 p : path) {
            if (distanceToPath(p, other) > SAME_AXIS_MM) {
                out.add(p);
            }
        }
        return out;
    }

    /** The distance of {@code p} from the polyline {@code path}, mm ({@code Double.MAX_VALUE} for a path of fewer than two points). */
    static double distanceToPath(Vec3 p, List<Vec3> path) {
        double nearest = Double.MAX_VALUE;
        for (int q = 1; q < path.size(); q++) {
            Vec3 a = path.get(q - 1);
            Vec3 ab = path.get(q).minus(a);
            double len2 = ab.dot(ab);
            double f = len2 > 0 ? Math.max(0, Math.min(1, p.minus(a).dot(ab) / len2)) : 0;
            nearest = Math.min(nearest, p.distanceTo(a.plus(ab.times(f))));
        }
        return nearest;
    }

    /**
     * How near another reported needle's path a point of a needle's path lies to be on that needle's steel, mm
     * ({@link #withoutOthersPaths}): a little over an 18 G needle's diameter (1.27 mm); across in the axial plane, or in space
     * (a steep needle's path).
     */
    static final double OTHERS_PATH_MM = 1.5;
    /**
     * How far along z, as a share of the slices' reach along z ({@link NeedleCentreline#zSpreadMm}), a point of a needle's path
     * may lie from another reported needle's path, within {@value #OTHERS_PATH_MM} mm of it across in the axial plane, to be on
     * that needle's steel ({@link #withoutOthersPaths}). A thick slice shows a needle's steel in every slice whose centre lies
     * within its reach of the needle's line, and a second reading of that steel is placed along z only to the slice: 5312 (5 mm
     * Gaussian) read needle 5's steel a second time, joined to a strand of seeds a slice up, as an 80.5 mm needle lying 0.00–0.70
     * mm from needle 5's path across in the plane and 0.1–3.8 mm above it along z (its tip, 3.7 mm above needle 5's, where the
     * strand lies), 0.38 of its path within 1.5 mm of needle 5's in space. Under a whole slice: two needles of one template
     * column one slice apart along z (5 mm) over their length are two needles, each on steel of its own slice (docs/needles.md,
     * thirty-eighth round, branch {@code needlefalse20}).
     */
    static final double OTHERS_PATH_Z_SLICES = 0.8;
    /** The share of a needle's path on other reported needles' paths at and above which it is no needle of its own ({@link #withoutOthersPaths}). */
    static final double OTHERS_PATH_SHARE = 0.8;

    /**
     * The needles less those read from other reported needles' steel: a needle whose path points lie within
     * {@value #OTHERS_PATH_MM} mm of the other needles' paths over {@value #OTHERS_PATH_SHARE} of them or more holds no steel of
     * its own; the one with the largest share is dropped first and the rest judged again against the needles left (so of two
     * readings of one needle one stays). On thick slices a needle's two runs left unjoined are each described as a needle, and
     * a run whose ends both lie in tissue has its end's steel walked on ({@link #steelFollowed}), which can move onto a
     * neighbour's steel and follow it to the skin: 4961 (5 mm Gaussian), needle 3's tip part, its hub end walked onto needle 4
     * (converging on the same hub), became a 123.6 mm needle whose path lay 0.89 within 1.5 mm of needles 3's and 4's readings — a
     * false needle beside two found ones. The needles found on five seen 5 mm sets (1200) lie at most 0.57 of their paths on the
     * others' (4955 n9, whose hub half another reading follows too; docs/needles.md, thirty-first round, branch
     * {@code needlefalse13}). A point lies on another's path also where it lies within {@value #OTHERS_PATH_MM} mm of it across
     * in the axial plane and within {@value #OTHERS_PATH_Z_SLICES} of the slices' reach {@code reachZMm} along z: a second
     * reading of a needle's steel is placed along z only to the slice (5312, {@link #OTHERS_PATH_Z_SLICES}). Not asked on 3 mm
     * slices and thinner, where no such needle was seen.
     */
    static List<FoundNeedle> withoutOthersPaths(List<FoundNeedle> needles, double reachZMm) {
        List<FoundNeedle> out = new ArrayList<>(needles);
        while (true) {
            int worst = -1;
            double most = 0;
            for (int a = 0; a < out.size(); a++) {
                double share = othersPathShare(out, a, reachZMm);
                if (share >= OTHERS_PATH_SHARE && share > most) {
                    most = share;
                    worst = a;
                }
            }
            if (worst < 0) {
                return out;
            }
            out.remove(worst);
        }
    }

    /**
     * The share of the {@code a}th needle's path points on another needle's path: within {@value #OTHERS_PATH_MM} mm of it, or
     * within that across in the axial plane and {@value #OTHERS_PATH_Z_SLICES} of the slices' reach along z ({@code reachZMm})
     * ({@link #besidePathAlongZ}).
     */
    static double othersPathShare(List<FoundNeedle> needles, int a, double reachZMm) {
        List<Vec3> path = needles.get(a).pathMm();
        int near = 0;
        for (Vec3 p : path) {
            for (int b = 0; b < needles.size(); b++) {
                if (b != a && (distanceToPath(p, needles.get(b).pathMm()) <= OTHERS_PATH_MM
                        || besidePathAlongZ(p, needles.get(b).pathMm(), OTHERS_PATH_Z_SLICES * reachZMm))) {
                    near++;
                    break;
                }
            }
        }
        return path.isEmpty() ? 0 : (double) near / path.size();
    }

    /**
     * Whether {@code p} lies within {@value #OTHERS_PATH_MM} mm across in the axial plane of a segment of the polyline
     * {@code path} (its nearest point in the plane) and within {@code zMm} of it along z there.
     */
    static boolean besidePathAlongZ(Vec3 p, List<Vec3> path, double zMm) {
        for (int q = 1; q < path.size(); q++) {
            Vec3 a = path.get(q - 1);
            Vec3 ab = path.get(q).minus(a);
            double len2 = ab.x() * ab.x() + ab.y() * ab.y();
            double f = len2 > 0 ? Math.max(0, Math.min(1, ((p.x() - a.x()) * ab.x() + (p.y() - a.y()) * ab.y()) / len2)) : 0;
            Vec3 c = a.plus(ab.times(f));
            if (Math.hypot(p.x() - c.x(), p.y() - c.y()) <= OTHERS_PATH_MM && Math.abs(p.z() - c.z()) <= zMm) {
                return true;
            }
        }
        return false;
    }

    /**
     * The share of the points with steel beside them: the largest CT number within 1 mm across {@code axis} in the axial
     * plane and half a slice along z at or above the follow level (as the walk through the steel, {@link #steelFollowed}).
     */
    private static double steelShare(Volume ct, List<Vec3> points, Vec3 axis) {
        int steel = 0;
        for (boolean on : onSteelPoints(ct, points, axis)) {
            steel += on ? 1 : 0;
        }
        return steel / (double) points.size();
    }

    /** Per point of {@code points}, whether steel lies beside it as {@link #steelShare} reads it. */
    private static boolean[] onSteelPoints(Volume ct, List<Vec3> points, Vec3 axis) {
        double follow = followLevelHu(ct);
        Vec3 across = Math.abs(axis.z()) < 0.9 ? new Vec3(-axis.y(), axis.x(), 0).normalized() : SimulatedNeedle.perpendicular(axis);
        Vec3 up = axis.cross(across).normalized();
        double reachZ = ct.grid().dzMm() / 2;
        boolean[] on = new boolean[points.size()];
        for (int i = 0; i < on.length; i++) {
            on[i] = steelBeside(ct, points.get(i), across, up, reachZ)[0] >= follow;
        }
        return on;
    }

    /**
     * Whether a path that {@link #onSteel} reads off steel over its whole length lies on a needle's steel over its points in
     * the body ({@link #inBody}): some of its points lie outside the skin, at least two inside, {@value #PATH_STEEL_SHARE} of
     * those inside on steel, and no stretch of more than {@value #IN_BODY_GAP_POINTS} of them running off it. Outside the skin
     * a needle's steel reads on −1000 HU, not on tissue, about 1000 HU lower, and a flat needle between two thick slices'
     * centres falls under the follow level there: 5156 n2 (5 mm Gaussian, z 9.3–9.7 between the slices at 7.5 and 12.5) was
     * read 0.07 mm from its tip, its 15 points outside the skin 697–1465 HU against 1320, the path 0.778 on steel and dropped;
     * its 48 points in the body all on steel. A needle's steel is unbroken from its hub to its bevel, so in the body its path
     * leaves it only where a streak or the noise takes a point or two ({@link #IN_BODY_GAP_POINTS}); a line
     * through two needles' halves leaves the steel where it passes from one to the other: 3788's 139.6 mm reading of n6's hub
     * half and n5's tip half, 10 points (20 mm) running off steel 1.9–2.5 mm from the nearer, 0.814 of its points in the body on
     * steel, is still dropped (docs/needles.md, thirty-sixth round, branch {@code needlemiss18}).
     */
    private static boolean onSteelInTheBody(Volume ct, List<Vec3> points, Vec3 axis) {
        boolean[] body = inBody(ct, points, axis);
        boolean[] on = onSteelPoints(ct, points, axis);
        int inBody = 0;
        int steel = 0;
        int running = 0;
        int longest = 0;
        for (int i = 0; i < on.length; i++) {
            if (body[i]) {
                inBody++;
                steel += on[i] ? 1 : 0;
                running = on[i] ? 0 : running + 1;
                longest = Math.max(longest, running);
            }
        }
        return inBody < on.length && inBody >= 2 && steel >= PATH_STEEL_SHARE * inBody && longest <= IN_BODY_GAP_POINTS;
    }

    /**
     * The longest stretch of a path's points in the body off steel, running, that {@link #onSteelInTheBody} allows (the path's
     * points lie 2 mm apart): 8 mm. On the needles kept on the seen 5 mm draws 3781, 5149 and 5245 a streak or the noise takes
     * at most two points running (5165: 2, a needle read 0.958 on steel); 3788's line through two needles' halves runs off
     * steel 10 points (12 its other reading): 2 points on the one side, 6 on the other (docs/needles.md, thirty-sixth round).
     */
    static final int IN_BODY_GAP_POINTS = 4;

    /**
     * Per point of {@code points}, whether it lies in the body: the ring of 8 samples {@value #AIR_RING_MM} mm about
     * {@code axis} reads at least {@link #SKIN_HU} at its lower fifth, as an end's rings are read for air ({@link End}). Not
     * the median: on 5156, beside other needles' outer parts and their streaks, 2–4 samples of a ring in air read −820 to
     * +850 HU (its air samples −900 to −1024), and the median took 9 of n2's 15 points outside the skin for the body's; the
     * lower fifth reads −933 to −1000 HU there and −150 HU and more in the body (docs/needles.md, thirty-fifth round).
     */
    static boolean[] inBody(Volume ct, List<Vec3> points, Vec3 axis) {
        Vec3 e1 = SimulatedNeedle.perpendicular(axis);
        Vec3 e2 = axis.cross(e1).normalized();
        boolean[] out = new boolean[points.size()];
        for (int i = 0; i < out.length; i++) {
            List<Double> ring = new ArrayList<>();
            for (int q = 0; q < 8; q++) {
                double angle = Math.PI * q / 4;
                double v = sample(ct, points.get(i).plus(e1.times(AIR_RING_MM * Math.cos(angle))).plus(e2.times(AIR_RING_MM * Math.sin(angle))));
                if (!Double.isNaN(v)) {
                    ring.add(v);
                }
            }
            out[i] = ring.isEmpty() || quantile(ring, AIR_QUANTILE) >= SKIN_HU;
        }
        return out;
    }

    /** The ring's radius about a path point for {@link #inBody}, mm: as an end's rings. */
    static final double AIR_RING_MM = 5;

    /**
     * {@code needle} with its tip's z uncertainty made at least what its z fit's misfit allows at the tip
     * ({@link NeedleZFit.Fitted#zHalfWidthAt}; unchanged when its z was not fitted): the image's blind band alone did not
     * state the fit's own error (3400 needle 8: 1.43 mm off along z, stated ±0.02 mm). Where {@code bentToo} (a shallow
     * needle's line), that interval is widened by how far the line's reading bent as a cantilever puts the tip along z
     * ({@link NeedleZFit.Fitted#bentApartMm}): a flat needle bent along z is read as a line sure of a wrong place (4573 n7:
     * 1.29 mm off along z, stated ±0.22; docs/needles.md, twenty-seventh round, needleflat9).
     */
    private static FoundNeedle withZFitUncertainty(FoundNeedle needle, NeedleZFit.Fitted zFit, boolean bentToo) {
        if (zFit == null) {
            return needle;
        }
        double t = zFit.curve().parameterOf(needle.tipMm());
        return withTipZUncertaintyAtLeast(needle, zFit.zHalfWidthAt(t) + (bentToo ? zFit.bentApartMm(t) : 0));
    }

    /**
     * A z-fitted needle whose least misfit per mm of its stretch is at least this many times the median of the scan's z-fitted
     * needles' ({@link #misfitPerMmRatios}), and whose tip half read alone disagrees ({@value #HALVES_DISAGREE_MM} mm), is not
     * explained by one straight needle along z.
     */
    static final double UNEXPLAINED_MISFIT = 2;

    /**
     * A z-fitted line whose steel per mm (the z fit's mass) is more than this share of the scan's z-fitted needles' median has
     * its z fitted again with the median held ({@link NeedleZFit.Fitted#withMassHeld}): every needle of a scan is of one gauge,
     * and the end fits' {@link #HEAVY_SHAFT_SHARE} reads a touching seed's steel the same way. On the seen sets the z fits' masses
     * of right needles lay within a few per cent of their scan's median; 4737 n8, with another needle's partial volume in
     * the slice above its hub half, read 1.31 (docs/needles.md, twenty-eighth round, needleflat10).
     */
    static final double HEAVY_LINE_SHARE = 1.15;

    /** The fewest z-fitted needles in a scan whose median steel per mm {@link #HEAVY_LINE_SHARE} is a share of. */
    static final int HEAVY_LINE_LEAST_NEEDLES = 3;

    /**
     * How far along z (mm) the tip half of a needle read on its own may place the tip from the whole run's z fit before the
     * two readings disagree: the issue's 1 mm.
     */
    static final double HALVES_DISAGREE_MM = 1;

    /**
     * The tip half of {@code run} read on its own: the half's voxels given a line of their own ({@link #tipHalf}) and its z
     * fitted with the scan's chosen slice profile {@code profile} as the whole run's was ({@link NeedleZFit#refit}); null when
     * the half is too short to fit. Where the whole run's line does not explain it as one straight needle, this is a second
     * reading of the needle near its tip: how far it places the tip along z from the whole line's tip ({@link #HALVES_DISAGREE_MM})
     * and how far its axis turns from the whole line's ({@link #halfTurnDeg}).
     */
    private static NeedleZFit.Fitted tipHalfLine(Volume ct, Run run, Vec3 tip, double sxy, java.util.function.DoubleUnaryOperator profile,
                                                 double clipHu, List<NeedleCentreline.Extent> others) {
        Run half = tipHalf(run, tip, others);
        if (half == null) {
            return null;
        }
        double[] hr = range(half.points(), half.curve());
        NeedleZFit.Fitted z = NeedleZFit.refit(ct, half.curve(), hr[0], hr[1], sxy, profile, clipHu, others);
        return z.misfit() <= 0 ? null : z;
    }

    /**
     * The voxels of {@code run} on {@code tip}'s side of the middle of its extent, less those nearer one of {@code others} (the
     * other runs' curves over their extents) than {@code run}'s own curve, with their own line ({@link #refit}); null when
     * fewer than 2 remain. The other needles' voxels are left out as the z fit of the half leaves them out of the image
     * ({@link NeedleZFit#refit}'s {@code others}): a joined run keeps every voxel of its pieces, a crossing or converging
     * needle's among them ({@link #joinCollinear}), and a line through them reads the other needle's direction, not a second
     * reading of this one. 4961 n3 (5 mm Gaussian slices, extended; set 4957, scan 5): its hub part and tip part joined since
     * the thirty-second round, the tip half held 242 voxels of which 38 (weights up to 3 300), 23–41 mm behind the tip, lay
     * 2.1–4.3 mm across the axis on n4's hub part, converging with it; the half's line turned 8.41° in the plane and 1.12° out
     * of it from the found axis (0.19° off), and the tip's z statement took the half's interval there: ±4.05 mm and ±8.96°.
     * Without them 0.48° and 0.25°: ±0.59 mm and ±0.73° (docs/needles.md, thirty-fourth round, branch {@code needletip15}).
     */
    static Run tipHalf(Run run, Vec3 tip, List<NeedleCentreline.Extent> others) {
        SpaceCurve curve = run.curve();
        double[] r = range(run.points(), curve);
        double mid = (r[0] + r[1]) / 2;
        boolean tipHigh = curve.parameterOf(tip) > mid;
        List<Vec3> p = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (int k = 0; k < run.points().length; k++) {
            Vec3 v = run.points()[k];
            if (curve.parameterOf(v) >= mid == tipHigh && !NeedleCentreline.nearerAnother(v, curve.distance(v), others)) {
                p.add(v);
                w.add(run.weights()[k]);
            }
        }
        if (p.size() < 2) {
            return null;
        }
        Vec3[] hp = p.toArray(new Vec3[0]);
        double[] hw = w.stream().mapToDouble(Double::doubleValue).toArray();
        return new Run(hp, hw, refit(hp, hw, curve.axis(), 1));
    }

    /**
     * How far the axis of {@code half} (a run's tip half's own line, {@link #tipHalfLine}) at {@code needle}'s tip turns from
     * {@code needle}'s axis at the tip, degrees: {tilt out of the slices' plane (signed, both towards the tip), direction in
     * the plane}.
     */
    static double[] halfTurnDeg(SpaceCurve half, FoundNeedle needle) {
        Vec3 axis = needle.axisAtTip();
        Vec3 d = half.tangent(half.parameterOf(needle.tipMm())).normalized();
        if (d.dot(axis) < 0) {
            d = d.times(-1);
        }
        double tilt = Math.toDegrees(Math.abs(Math.asin(Math.max(-1, Math.min(1, d.z())))
                - Math.asin(Math.max(-1, Math.min(1, axis.z() / axis.norm())))));
        double a = Math.atan2(axis.y(), axis.x());
        double b = Math.atan2(d.y(), d.x());
        double inPlane = Math.abs(Math.toDegrees(Math.atan2(Math.sin(b - a), Math.cos(b - a))));
        return new double[] {tilt, inPlane};
    }

    /**
     * The summed misfit of the scan's shallow needles with the other reading of its slice profile, over the chosen one's, up to
     * which the two are taken as equally good: the image does not tell their edges apart. 3766 (box, extended): 1.0054.
     */
    static final double PROFILES_TIED = 1.02;

    /**
     * How far apart along z (mm) two z fits of one run place the tip {@code tip}: each line's height at the tip's place (0 when
     * either was not fitted).
     */
    private static double apartAlongZMm(NeedleZFit.Fitted chosen, NeedleZFit.Fitted rival, Vec3 tip) {
        if (rival == null || chosen.misfit() <= 0 || rival.misfit() <= 0) {
            return 0;
        }
        SpaceCurve a = chosen.curve();
        SpaceCurve b = rival.curve();
        return Math.abs(a.at(a.parameterOf(tip)).z() - b.at(b.parameterOf(tip)).z());
    }

    /** The median least misfit per mm of stretch of the z-fitted needles ({@code zFits}, null where none), NaN when none is. */
    private static double medianMisfitPerMm(List<NeedleZFit.Fitted> zFits, List<double[]> ranges) {
        List<Double> fitted = new ArrayList<>();
        for (int q = 0; q < zFits.size(); q++) {
            NeedleZFit.Fitted z = zFits.get(q);
            if (z != null && z.misfit() > 0) {
                fitted.add(z.misfit() / Math.max(1, ranges.get(q)[1] - ranges.get(q)[0]));
            }
        }
        return fitted.isEmpty() ? Double.NaN : median(fitted);
    }

    /** How far apart along z (mm) two curves of one run lie at the place of {@code tip}. */
    private static double lineApartAlongZMm(SpaceCurve a, SpaceCurve b, Vec3 tip) {
        double t = a.parameterOf(tip);
        return Math.abs(a.at(t).z() - b.at(t).z());
    }

    /**
     * Whether {@code curve} between parameters {@code range} lies within {@code halfWidthMm} (more than 0) of one slice centre
     * along z at both ends (a z-fitted curve's z is a line).
     */
    private static boolean insideOneSlicesBand(Volume ct, SpaceCurve curve, double[] range, double halfWidthMm) {
        Grid g = ct.grid();
        double za = curve.at(range[0]).z();
        double zb = curve.at(range[1]).z();
        double centre = g.z(0) + Math.rint(((za + zb) / 2 - g.z(0)) / g.dzMm()) * g.dzMm();
        return halfWidthMm > 0 && Math.abs(za - centre) < halfWidthMm && Math.abs(zb - centre) < halfWidthMm;
    }

    /**
     * Whether {@code needle}'s z is its slab centroids' curve ({@code zFitted} false: no z fit, neither the shallow needles' nor
     * the steeper ones') and a slice beside its tip's shows steel along its last {@link NeedleEndFit#WINDOW_MM} that its line does
     * not explain ({@link NeedleZFit#neighbourShowsOtherSteel}, with its end fit's steel per mm, the scan's in-plane σ
     * {@code profile[0]} and chosen slice profile): the centroids there hold that steel's as well as the needle's, and the curve's
     * height at the tip is theirs. 5212 n1 (3 mm box slices, 3.5° out of the plane, spanning three slice spacings and so not
     * z-fitted; steel in the slice below along its last 21 mm that no found needle holds): read 4.9°, its tip 1.43 mm low
     * along z, stated ±0.01 by its end fit's bound (docs/needles.md, thirty-fifth round, branch {@code needlesilent17}). The statement only: the tip is then
     * stated the slice it is seen in ({@link #seenInSliceMm}). On slices of 3 mm and thinner, where it was measured (on 5 mm
     * slices the needles with no z fit span seven slice spacings or more).
     */
    private static boolean staircaseOnOtherSteel(Volume ct, FoundNeedle needle, NeedleEndFit fit, double[] profile,
                                                 java.util.function.DoubleUnaryOperator chosenProfile, boolean zFitted) {
        return !zFitted && fit != null && profile != null && chosenProfile != null
                && ct.sliceProfileFwhmMm() <= NeedleCentreline.THICK_SLICE_MM
                && NeedleZFit.neighbourShowsOtherSteel(ct, needle.pathMm(), NeedleEndFit.WINDOW_MM, profile[0], chosenProfile,
                        Math.log(fit.firstMassPerMm()));
    }

    /**
     * How far along z (mm) the end fit of a needle with no z fit ({@code zFitted} false: its z is its slab centroids' curve) puts
     * the axis at the tip from the tip found ({@link NeedleEndFit#acrossAtTipMm}: its offsets and tilts settled with the end on the
     * voxels around it); 0 where it has no fit or the scan's profile is not known. A second reading of the line's height at the
     * tip: the end fit renders each slice's partial volume of the steel through the scan's profile, the centroids' curve does not,
     * and on slices of 3 mm and thinner the tip stays on that curve ({@link #acrossByEndFit} acts on thicker slices). Where the
     * two readings lie more than the issue's 1 mm ({@value #HALVES_DISAGREE_MM}) apart along z, the image holds no more than the
     * slice the tip is seen in. 5498 n6 (3 mm Gaussian slices, 12-bit, streaks 265 HU; 8.8° out of the plane, read 7.2°): its tip
     * 1.41 mm off along z on the centroids' curve, stated ±0.02 by its end fit's Cramér–Rao bound; the end fit put the axis 1.35 mm
     * along z from it, 0.1 mm from the true tip, its misfit on the true line within 0.3 % of its least (a streak in its window made
     * that least 366 against 19–130 on the scan's other ends, the true line's too). Not taken as the tip's place: on the seen 5568
     * the end fit read a right tip's axis 0.90 mm along z from it (the largest of 627 such needles on four seen 3 mm draws below
     * the bar; the median 0.09–0.12). docs/needles.md, fortieth round, branch {@code needlesilent22}.
     */
    static double endFitApartAlongZMm(NeedleEndFit fit, int bevel, double[] profile, boolean zFitted) {
        return fit == null || profile == null || zFitted ? 0 : Math.abs(fit.acrossAtTipMm(bevel).z());
    }

    /**
     * How far along z the tip may lie and still be in the slice it is seen in, mm: half the slice's width plus the found tip's
     * distance from that slice's centre.
     */
    private static double seenInSliceMm(Volume ct, Vec3 tip) {
        Grid g = ct.grid();
        double centre = g.z(0) + Math.rint((tip.z() - g.z(0)) / g.dzMm()) * g.dzMm();
        return NeedleCentreline.zSpreadMm(ct) / 2 + Math.abs(tip.z() - centre);
    }

    /**
     * Each z-fitted run's least misfit per mm of the stretch fitted over the median of the scan's z-fitted runs' (NaN where its
     * z was not fitted).
     */
    private static double[] misfitPerMmRatios(List<NeedleZFit.Fitted> zFits, List<double[]> ranges) {
        double[] perMm = new double[zFits.size()];
        List<Double> fitted = new ArrayList<>();
        for (int q = 0; q < perMm.length; q++) {
            NeedleZFit.Fitted z = zFits.get(q);
            perMm[q] = z == null || z.misfit() <= 0 ? Double.NaN : z.misfit() / Math.max(1, ranges.get(q)[1] - ranges.get(q)[0]);
            if (!Double.isNaN(perMm[q])) {
                fitted.add(perMm[q]);
            }
        }
        double median = fitted.isEmpty() ? Double.NaN : median(fitted);
        for (int q = 0; q < perMm.length; q++) {
            perMm[q] /= median;
        }
        return perMm;
    }

    /**
     * The least tilt out of the slices' plane at which a needle's tip is placed across the axis by its end fit
     * ({@link #acrossByEndFit}), degrees: where the slab centroids' staircase bias was measured (docs/needles.md, twenty-second
     * round: +0.2–0.3° at 20–30°, +0.6–0.8° at 40° and more; −0.02 to +0.08° at 10–20°, 0.00 to +0.27° at 15–20° on four seen
     * sets this round). At 14.8–19.5° on the seen set 4357 the end fit's reading moved four right tips 0.09–0.32 mm farther
     * and two nearer (its 21 mm window spans 1.1–1.4 slice spacings there; twenty-fifth round, branch {@code needletip6}).
     * Above it the reading scatters too: on 4333 it moved 4350 needle 9 (24.9°) from 0.86 to 1.13 mm, stated ±0.07.
     */
    static final double STEEP_TIP_DEG = 20;

    /**
     * {@code needle} with its tip moved across the axis to where its end fit puts the axis at the tip
     * ({@link NeedleEndFit#acrossAtTipMm}), and its axis at the tip the chord to that tip from the point {@value #AXIS_CHORD_MM}
     * mm behind the old one on its old chord; unchanged where the end fit's window ({@link NeedleEndFit#WINDOW_MM} along the
     * axis) spans less than one slice spacing along z, or the needle lies less than {@value #STEEP_TIP_DEG}° out of the slices'
     * plane. A steep needle's line is its slab centroids' curve: each thick slice shows the needle as a flat step at the
     * slice's z, and the tip's end step holds only the part of the needle in its last slice, so the curve's end lies off the
     * needle (docs/needles.md, twenty-second round: +0.6–0.8° too steep on the 45°
     * needles of 5 mm sets, their tips 0.4–0.5 mm across; 24–26° needles up to 1.1 mm across, twenty-fourth round's fresh
     * set). The end fit renders the slices' partial volume of the steel through the scan's profile and settles the axis's
     * offsets and tilts on the voxels around the end; where its window crosses a slice spacing or more, the slices' in-plane
     * places hold the line's height there. A box slice's flat top, where the offsets fitted at the tip read shallow needles
     * worse (docs/needles.md, step 6), holds no such window. docs/needles.md, twenty-fifth round, branch {@code needletip6}.
     * Where the end fit, its offsets and tilts settled again at other places along the axis, explains the window's voxels better
     * by more than the noise ({@link NeedleEndFit#resettledTipShiftMm}), the tip is moved there too, along the axis and across
     * (its visible length with it): a tip just past a slice boundary read short with its line moved across (docs/needles.md,
     * twenty-sixth round, branch {@code needletip7}). The statements are kept.
     */
    static FoundNeedle acrossByEndFit(Volume ct, FoundNeedle needle, NeedleEndFit fit, int bevel) {
        double outOfPlane = Math.abs(needle.axisAtTip().z());
        if (outOfPlane < Math.sin(Math.toRadians(STEEP_TIP_DEG)) || outOfPlane * NeedleEndFit.WINDOW_MM < ct.grid().dzMm()) {
            return needle;
        }
        Vec3 deeper = fit.resettledTipShiftMm(bevel);
        Vec3 shift = fit.acrossAtTipMm(bevel).plus(deeper == null ? Vec3.ZERO : deeper);
        Vec3 tip = needle.tipMm().plus(shift);
        Vec3 back = needle.tipMm().minus(needle.axisAtTip().times(AXIS_CHORD_MM));
        List<Vec3> path = new ArrayList<>(needle.pathMm());
        path.set(path.size() - 1, tip);
        double longer = deeper == null ? 0 : deeper.dot(needle.axisAtTip());
        return new FoundNeedle(tip, needle.hubSideEndMm(), tip.minus(back).normalized(), needle.visibleLengthMm() + longer, path,
                needle.leavesFieldOfView(), needle.tipCertain(), needle.fitRmsMm(), needle.tipZUncertaintyMm(),
                needle.tipAxisUncertaintyMm(), needle.axisUncertaintyDeg(), needle.tipInPlaneUncertaintyMm());
    }

    /**
     * {@code needle} with its tip moved along its axis to where its end fit, the axis's offsets and tilts settled again at
     * other places along the axis, explains the window's voxels better by more than the noise
     * ({@link NeedleEndFit#screenedResettledTipShiftMm}); unchanged where none does. For slices of 3 mm and thinner, where
     * {@link #acrossByEndFit} does not act: the tip stays on the refined centreline across the axis (step 6), and only its place
     * along the axis is the end fit's. An end short of the true one with the line moved across holds the end fit's search on
     * shallow needles there too (4477 needle 2, 10.7° out of 3 mm box slices: 1.62 mm short, stated ±0.10; 4402 needle 7,
     * 6.4°: 1.28 mm; docs/needles.md, twenty-sixth round, second part, branch {@code needletip8}). The statements are kept.
     */
    static FoundNeedle alongByEndFit(FoundNeedle needle, NeedleEndFit fit, int bevel) {
        Vec3 deeper = fit.screenedResettledTipShiftMm(bevel);
        if (deeper == null) {
            return needle;
        }
        double along = deeper.dot(needle.axisAtTip());
        Vec3 tip = needle.tipMm().plus(needle.axisAtTip().times(along));
        List<Vec3> path = new ArrayList<>(needle.pathMm());
        path.set(path.size() - 1, tip);
        return new FoundNeedle(tip, needle.hubSideEndMm(), needle.axisAtTip(), needle.visibleLengthMm() + along, path,
                needle.leavesFieldOfView(), needle.tipCertain(), needle.fitRmsMm(), needle.tipZUncertaintyMm(),
                needle.tipAxisUncertaintyMm(), needle.axisUncertaintyDeg(), needle.tipInPlaneUncertaintyMm());
    }

    /**
     * {@code needle} with its tip's statement along the axis made at least the distance along it to where its end fit, the axis's
     * offsets and tilts settled again at other places along the axis, explains the window's voxels better by more than the
     * noise ({@link NeedleEndFit#screenedResettledTipShiftMm}, the place {@link #alongByEndFit} moves a tip to on 3 mm slices);
     * unchanged where none does. For slices thicker than 3 mm, on the needles {@link #acrossByEndFit} does not move (its steep ones
     * settle their ends again themselves). There the place is stated, not taken: on the seen 5 mm draws from 4813, 4861 and 4885 (24
     * scans each) the look found such a place three times — 4887 needle 3 (11.5°, triangle 12-bit, streaks 145 HU: 1.03 mm short, stated
     * ±0.38; the place 1.11 deeper, 13 statement rises under the bar) and two right tips, 4896 needle 5 (4.9°, 0.16 mm: the place
     * 0.82 deeper, 1.4 rises under the bar at the screen's half step) and 4903 needle 8 (11.2°, 0.03 mm: 0.44 deeper, 1.0 rise),
     * which moving there put at 0.95 and 0.42 mm (docs/needles.md, thirtieth round, branch {@code needletip12}). A flat needle's
     * end on 5 mm slices leaves its height in the slice and its tilt out of the plane loosely held, and settled again they
     * trade against a deeper tip; the image holds no more than that the tip may lie there.
     */
    static FoundNeedle alongStatedByEndFit(FoundNeedle needle, NeedleEndFit fit, int bevel) {
        Vec3 deeper = fit.screenedResettledTipShiftMm(bevel);
        double along = deeper == null ? 0 : Math.abs(deeper.dot(needle.axisAtTip()));
        if (!(along > needle.tipAxisUncertaintyMm())) {
            return needle;
        }
        return new FoundNeedle(needle.tipMm(), needle.hubSideEndMm(), needle.axisAtTip(), needle.visibleLengthMm(), needle.pathMm(),
                needle.leavesFieldOfView(), needle.tipCertain(), needle.fitRmsMm(), needle.tipZUncertaintyMm(), along,
                needle.axisUncertaintyDeg(), needle.tipInPlaneUncertaintyMm());
    }

    /** {@code needle} with its tip's z uncertainty made at least {@code mm} (mm). */
    private static FoundNeedle withTipZUncertaintyAtLeast(FoundNeedle needle, double mm) {
        if (needle.tipZUncertaintyMm() >= mm) {
            return needle;
        }
        return new FoundNeedle(needle.tipMm(), needle.hubSideEndMm(), needle.axisAtTip(), needle.visibleLengthMm(), needle.pathMm(),
                needle.leavesFieldOfView(), needle.tipCertain(), needle.fitRmsMm(), mm, needle.tipAxisUncertaintyMm(),
                needle.axisUncertaintyDeg(), needle.tipInPlaneUncertaintyMm());
    }

    /** The issue's figure for a needle's axis, degrees: an axis statement beyond it is a note in the finding. */
    public static final double AXIS_FIGURE_DEG = 2;

    /**
     * {@code needle} with its axis's uncertainty stated ({@link FoundNeedle#axisUncertaintyDeg}; 0 where {@code fit} is null: no
     * end fit, or slices under 3 mm, where the tip's z is not stated either). The found line's tilt out of the plane is where
     * the image put its z at its two visible ends, so it is known to what the image cannot hold of those two heights over the
     * length between them ({@link #axisUncertaintyDeg}): the tip's stated z uncertainty, and the same measure at the hub-side end
     * ({@link NeedleEndFit#tipZUncertaintyMm} on the path walked from that end: the Cramér–Rao bound of its last
     * {@value #AXIS_CHORD_MM} mm, or one slice's blind band) — at least the slice that end is seen in where the tip was stated
     * its slice ({@code wholeSlice}: the image or the fit does not place the line). A needle lying inside one box slice's flat
     * top is placed along z by no slice: 4048 needle 7 (5 mm box, its tilt read 2.52° off, both tilts' lines explaining the
     * slice within 0.6 %) was stated no axis uncertainty (docs/needles.md, twenty-first round).
     */
    private static FoundNeedle withAxisUncertainty(Volume ct, FoundNeedle needle, NeedleEndFit fit, boolean wholeSlice) {
        double deg = 0;
        if (fit != null) {
            List<Vec3> fromHub = new ArrayList<>(needle.pathMm());
            java.util.Collections.reverse(fromHub);
            double hub = fit.tipZUncertaintyMm(fromHub, AXIS_CHORD_MM);
            if (wholeSlice) {
                hub = Math.max(hub, seenInSliceMm(ct, needle.hubSideEndMm()));
            }
            deg = axisUncertaintyDeg(needle.tipZUncertaintyMm(), hub, needle.tipMm().minus(needle.hubSideEndMm()).norm());
        }
        return new FoundNeedle(needle.tipMm(), needle.hubSideEndMm(), needle.axisAtTip(), needle.visibleLengthMm(), needle.pathMm(),
                needle.leavesFieldOfView(), needle.tipCertain(), needle.fitRmsMm(), needle.tipZUncertaintyMm(),
                needle.tipAxisUncertaintyMm(), deg, needle.tipInPlaneUncertaintyMm());
    }

    /**
     * How far the tilt out of the slices' plane of {@code needle}'s axis at the tip ({@link FoundNeedle#axisAtTip}, the chord of
     * its last {@value #AXIS_CHORD_MM} mm) lies from the tilt of the straight line through its two visible ends, degrees. The
     * tilt's statement ({@link #withAxisUncertainty}) holds the line through the ends: what the image cannot hold of their two
     * heights. A steep needle's axis at the tip is its slab centroids' parabola's (no z fit): on thick slices those centroids are
     * a staircase, each slab's near one slice's centre, and a parabola through a staircase sampled unevenly — slabs left out
     * where another needle crosses, the end steps cut short — bends where a straight needle does not. The image does not tell
     * that bend from the steps' sampling; the turn from the ends' line is what the statement does not hold (4806 needle 9, 5 mm
     * triangle slices, 21.5° out of the plane: read 18.9° at the tip, 21.7° through its ends, stated ±0.03°; docs/needles.md,
     * twenty-ninth round, branch {@code needleaxis11}).
     */
    static double staircaseBendDeg(FoundNeedle needle) {
        return Math.abs(tiltDeg(needle.axisAtTip()) - tiltDeg(needle.tipMm().minus(needle.hubSideEndMm())));
    }

    /** The tilt of direction {@code d} out of the slices' plane, degrees (0 for a zero vector). */
    private static double tiltDeg(Vec3 d) {
        double n = d.norm();
        return n == 0 ? 0 : Math.toDegrees(Math.asin(Math.abs(d.z()) / n));
    }

    /** {@code needle} with its axis's uncertainty {@code deg} (degrees). */
    private static FoundNeedle withAxisUncertaintyDeg(FoundNeedle needle, double deg) {
        return new FoundNeedle(needle.tipMm(), needle.hubSideEndMm(), needle.axisAtTip(), needle.visibleLengthMm(), needle.pathMm(),
                needle.leavesFieldOfView(), needle.tipCertain(), needle.fitRmsMm(), needle.tipZUncertaintyMm(),
                needle.tipAxisUncertaintyMm(), deg, needle.tipInPlaneUncertaintyMm());
    }

    /**
     * The stretch behind the tip whose voxels {@link #tipPartTurnDeg} reads as the tip's own needle, mm: in a run holding two
     * parallel needles' steel whose line runs from one needle's tip to the other's hub (4231 needles 6 and 7, 5.5 mm apart in
     * the axial plane, the line 8–9° across them), the tip's needle stays inside the 3 mm tube for about 20 mm and the other's
     * enters it about 17 mm behind the tip; half of {@value #AXIS_CHORD_MM} mm.
     */
    static final double TIP_PART_MM = 20;
    /**
     * How far the line through a right needle's last {@value #TIP_PART_MM} mm of voxels reads from its found axis in the axial
     * plane, degrees (a 20 mm line of 0.75 mm voxels, the tip's taper and the bevel): on the seen set 4117–4164 (5 mm, 431 runs)
     * median 0.21, 95th percentile 1.04, 99th 1.59; on 4237–4260 (3 mm, 240 runs) 0.22, 1.01, 1.28. Added to the tip part's
     * turn so that the statement holds the turn's own spread (docs/needles.md, twenty-third round, branch {@code needlepair}).
     */
    static final double TIP_PART_SPREAD_DEG = 1.3;

    /**
     * How far the line through {@code run}'s voxels within {@value #TIP_PART_MM} mm behind {@code needle}'s tip (and any beyond
     * it) turns from the needle's axis in the axial plane, degrees: their offsets across the axis in the plane against their
     * places along it, fitted by a robust straight line ({@link #sideLine}: a minority of voxels off the line — a needle crossing
     * the tip part, a seed beside it — does not tilt it), the angle of its slope. A needle's image is straight near its tip, so
     * on one needle's run the line follows the axis; on a run of two needles' steel the found axis follows the line across both
     * and the tip part's voxels follow the tip's own needle (docs/needles.md, twenty-third round, branch {@code needlepair}). Only
     * in the plane: along z the voxels are the slices' centres. 0 for a needle along z or a tip part under 8 voxels.
     */
    private static double tipPartTurnDeg(Run run, FoundNeedle needle) {
        Vec3 axis = needle.axisAtTip();
        double inPlane = Math.hypot(axis.x(), axis.y());
        if (inPlane < 1e-6) {
            return 0;
        }
        double ux = axis.x() / inPlane;
        double uy = axis.y() / inPlane;
        List<Integer> near = new ArrayList<>();
        for (int k = 0; k < run.points().length; k++) {
            if (run.points()[k].minus(needle.tipMm()).dot(axis) >= -TIP_PART_MM) {
                near.add(k);
            }
        }
        int n = near.size();
        double[] t = new double[n];
        double[] a = new double[n];
        double[] w = new double[n];
        Integer[] order = new Integer[n];
        for (int q = 0; q < n; q++) {
            Vec3 d = run.points()[near.get(q)].minus(needle.tipMm());
            t[q] = d.x() * ux + d.y() * uy;
            a[q] = d.x() * uy - d.y() * ux;
            w[q] = run.weights()[near.get(q)];
            order[q] = q;
        }
        Arrays.sort(order, (x, y) -> Double.compare(t[x], t[y]));
        double[] line = n < 8 ? null : sideLine(order, t, a, w, 0, -Double.MAX_VALUE, Double.MAX_VALUE);
        return line == null ? 0 : Math.toDegrees(Math.atan(Math.abs(line[1])));
    }

    /**
     * {@code needle} with its axis's statement widened by an in-plane uncertainty of {@code inPlaneDeg} degrees: the tilt
     * statement and the in-plane one bound the two perpendicular parts of the axis's error, so together they bound it as
     * their root sum of squares (for small angles).
     */
    static FoundNeedle withInPlaneAxisUncertainty(FoundNeedle needle, double inPlaneDeg) {
        return new FoundNeedle(needle.tipMm(), needle.hubSideEndMm(), needle.axisAtTip(), needle.visibleLengthMm(), needle.pathMm(),
                needle.leavesFieldOfView(), needle.tipCertain(), needle.fitRmsMm(), needle.tipZUncertaintyMm(),
                needle.tipAxisUncertaintyMm(), Math.hypot(needle.axisUncertaintyDeg(), inPlaneDeg), needle.tipInPlaneUncertaintyMm());
    }

    /**
     * How far a straight needle's tilt may be from the found one's, degrees, where its z may lie {@code tipZMm} from the found
     * one at the tip and {@code hubZMm} at the other visible end, {@code lengthMm} apart: atan((tipZMm + hubZMm) / lengthMm),
     * the tilt of the line through the two ends moved apart by both (0 for a needle under 1 mm long).
     */
    static double axisUncertaintyDeg(double tipZMm, double hubZMm, double lengthMm) {
        return lengthMm < 1 ? 0 : Math.toDegrees(Math.atan((tipZMm + hubZMm) / lengthMm));
    }

    /** The curves of every run but the {@code q}th, over their extents. */
    private static List<NeedleCentreline.Extent> others(List<Run> runs, List<double[]> ranges, int q) {
        List<NeedleCentreline.Extent> out = new ArrayList<>();
        for (int o = 0; o < runs.size(); o++) {
            if (o != q) {
                out.add(new NeedleCentreline.Extent(runs.get(o).curve(), ranges.get(o)[0], ranges.get(o)[1]));
            }
        }
        return out;
    }

    /** The highest CT number of cortical bone with noise and streaks, HU (the seen 5 mm scans: at most 1 865 HU away from needles). */
    static final double CORTICAL_BONE_HU = 2000;

    /**
     * The level a component of metal must reach somewhere to be looked at, HU: {@link #METAL_HU} up to 3 mm slices; on thicker
     * ones the follow level ({@link #followLevelHu}) but not below {@link #CORTICAL_BONE_HU}, so that bone never starts one. A
     * flat needle lying on the boundary between two 5 mm slices reads half in each, as a needle inside a 10 mm slice would: its
     * highest voxel can stay below 2200 HU over its whole length (3024 needle 8, triangle profile: 2 118 HU), and a component
     * started only at 2200 HU never held it.
     */
    static double startLevelHu(Volume ct) {
        return Math.max(CORTICAL_BONE_HU, followLevelHu(ct));
    }

    /**
     * The level down to which metal connected to a voxel at or above {@link #startLevelHu} is followed, HU: {@link #METAL_HU}
     * up to 3 mm slices, lower in proportion on thicker ones (the peak of a needle's partial volume falls as 1 / slice
     * thickness: between two 5 mm slices in tissue about 1 900 HU). The width that counts is the needle's worst case,
     * {@link #partialVolumeWidthMm}: on an overlapping reconstruction some slice always holds the needle well inside it.
     */
    static double followLevelHu(Volume ct) {
        return METAL_HU * Math.min(1, 3.0 / partialVolumeWidthMm(ct));
    }

    /**
     * The width of contiguous slices on which a needle half way between two slice centres reads as bright as it does here at
     * worst, mm: T / (2 f), f the slice profile (FWHM T, the slice thickness) half a spacing s from its centre relative to its
     * peak, max(0.5, 1 − s / 2T) — a triangle's, the lowest of box, triangle and Gaussian profiles of that FWHM. Contiguous
     * slices (s = T): T. 5 mm slices every 2.5 mm: 3.33 mm (a box holds the needle wholly in some slice: as bright as on
     * 2.5 mm contiguous slices).
     */
    static double partialVolumeWidthMm(Volume ct) {
        double t = ct.sliceProfileFwhmMm();
        return t / (2 * Math.max(0.5, 1 - ct.grid().dzMm() / (2 * t)));
    }

    /**
     * The least float at or above {@code level}: a float h is at or above it exactly when h, widened to double, is at or above
     * {@code level} (the widening is exact; a float at or above {@code level} is at or above the least such). NaN for NaN.
     */
    static float floatLevel(double level) {
        float f = (float) level;
        return f < level ? Math.nextUp(f) : f;
    }

    /**
     * Marks the voxels at or above {@code follow} HU in {@code metal} (all false on entry: a new array) and returns the greatest
     * value among them, one pass over the scan (26 million voxels at 512 × 512 × 100) with the slices side by side: on the calling
     * thread alone it left the second core idle (docs/needles.md, twenty-eighth round, branch {@code needlespeed7}). Each slice's
     * greatest value is taken by a comparison (the first of the greatest, as one pass over the scan takes it; not the float
     * {@code Math.max}, which keeps NaN and −0 apart at a cost per voxel: the scan's values are finite) and the slices' in slice
     * order; {@code sliceVoxels} is the voxels of one slice, {@code hu.length} a whole number of slices.
     *
     * <p>Every marked voxel lies above every other, so where any is marked their greatest is the scan's, the one pass's bit
     * for bit; where none is, −{@link Float#MAX_VALUE} (the clip level, the only reader, then finds no clipped metal either
     * way). A voxel is compared with the least float at or above {@code follow} ({@link #floatLevel}), which marks the very
     * voxels the comparison in double does, and only a marked voxel is written and weighed for the greatest: per voxel a load
     * and a comparison, where the one pass converted, compared, stored and compared again (docs/needles.md, thirty-first round,
     * branch {@code needlespeed15}).
     */
    static float metalMarked(float[] hu, boolean[] metal, double follow, int sliceVoxels) {
        int slices = hu.length / sliceVoxels;
        float[] sliceMax = new float[slices];
        float level = floatLevel(follow);
        IntStream.range(0, slices).parallel().forEach(k -> {
            float max = -Float.MAX_VALUE;
            for (int v = k * sliceVoxels, end = v + sliceVoxels; v < end; v++) {
                float h = hu[v];
                if (h >= level) {
                    metal[v] = true;
                    if (h > max) {
                        max = h;
                    }
                }
            }
            sliceMax[k] = max;
        });
        float max = -Float.MAX_VALUE;
        for (float m : sliceMax) {
            if (m > max) {
                max = m;
            }
        }
        return max;
    }

    /**
     * One component's runs: {@code runs} those of a component reaching the start level ({@link #extract}; {@code otherObject}
     * where it holds none), {@code belowStart} those of a component below it read as a line ({@link #lineBelowStart}),
     * {@code readAsTwo} the pairs of its runs that a cut reading made two needles the image explains better together than
     * either alone ({@link #cutAtTheMiddle}; each run keyed to the other).
     */
    private record ComponentRuns(List<Run> runs, List<Run> belowStart, boolean otherObject, Map<Run, Run> readAsTwo) {
    }

    /** The runs of one connected component of the metal marks ({@link ComponentRuns}), read from it alone. */
    private ComponentRuns componentRuns(Volume ct, int[] component, double follow, double start, double tube, double clipHu) {
        float[] hu = ct.hu();
        boolean holdsMetal = false;
        for (int v : component) {
            holdsMetal |= hu[v] >= start;
        }
        Map<Run, Run> readAsTwo = new IdentityHashMap<>();
        if (!holdsMetal) {
            // Where the follow level lies below the start level (slices thicker than 3 mm), a needle flat on the boundary
            // between two slices can stay below the start level over its whole length: its component is read when it is a line.
            return new ComponentRuns(List.of(), follow < start ? lineBelowStart(ct, component, follow, tube, clipHu, readAsTwo) : List.of(),
                    false, readAsTwo);
        }
        List<Run> inComponent = extract(ct, component, follow, tube, clipHu, readAsTwo);
        return new ComponentRuns(inComponent, List.of(), inComponent.isEmpty(), readAsTwo);
    }

    /** A straight or bent run of metal voxels (centres and weights) with its fitted curve. */
    record Run(Vec3[] points, double[] weights, SpaceCurve curve) {
        double length() {
            double[] r = range(points, curve);
            return r[1] - r[0];
        }
    }

    /**
     * Most voxels per mm of its extent of a component below the start level read as a line ({@link #lineBelowStart}): a needle
     * between two 5 mm slices holds about 2 (3767 needle 2: 199 over 96 mm); bone below the start level forms blobs of thousands
     * (15–55 per mm on the seen 5 mm scans).
     */
    static final double LINE_VOXELS_PER_MM = 6;
    /**
     * Fewest voxels per mm of its extent of a component below the start level read as a line ({@link #lineBelowStart}), a first
     * sieve: a needle's steel is continuous (3767 needle 2: 2.1 per mm), while most components 40 mm long and more below the start
     * level on the seen 5 mm scans are scattered partial volume and streaks (0.3–1.5 per mm); those above it there (up to 3.3)
     * were needles' echoes or lines across many slices, which the runs' tests below leave out (docs/needles.md, seventeenth round).
     */
    static final double LEAST_LINE_VOXELS_PER_MM = 1.5;
    /** Least share of such a component's voxels that its runs must hold ({@link #lineBelowStart}). */
    static final double LINE_SHARE = 0.9;

    /**
     * The runs of a component that never reaches the start level ({@link #startLevelHu}) when it is a needle's line, else none. On
     * slices thicker than 3 mm a needle flat on the boundary between two slices reads half in each, and with a wide in-plane blur
     * its partial volume can peak under the start level over its whole length (3767 needle 2: Gaussian 5 mm slices, in-plane FWHM
     * 1.20 mm, z 4.3–5.4 mm, peak 1 963 HU against 2 000: never followed, missed). The start level keeps bone out (at most 1 865 HU
     * on the seen 5 mm scans, in blobs); such a component is read when it is at least {@value #AXIS_CHORD_MM} mm long and holds
     * {@value #LEAST_LINE_VOXELS_PER_MM}–{@value #LINE_VOXELS_PER_MM} voxels per mm of its extent, and its runs kept are those of
     * {@value #AXIS_CHORD_MM} mm and more lying within two neighbouring slices (a needle that left the boundary would reach the start
     * level inside a slice), which must hold {@value #LINE_SHARE} of its voxels. They then go the way of every other run (a needle
     * crosses the skin: step 4), less those that are echoes of a run already taken ({@link #notEchoes}).
     */
    private List<Run> lineBelowStart(Volume ct, int[] component, double follow, double tube, double clipHu, Map<Run, Run> readAsTwo) {
        Vec3[] p = new Vec3[component.length];
        for (int q = 0; q < p.length; q++) {
            p[q] = ct.grid().centre(component[q]);
        }
        double length = extent(p);
        if (length < AXIS_CHORD_MM || p.length > LINE_VOXELS_PER_MM * length || p.length < LEAST_LINE_VOXELS_PER_MM * length) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        for (Run r : extract(ct, component, follow, tube, clipHu, readAsTwo)) {
            if (r.length() >= AXIS_CHORD_MM && zSpanMm(r.points()) <= ct.grid().dzMm() + 1e-6) {
                runs.add(r);
            }
        }
        int held = 0;
        for (Vec3 v : p) {
            boolean near = false;
            for (Run r : runs) {
                near |= r.curve().distance(v) <= tube;
            }
            held += near ? 1 : 0;
        }
        return held >= LINE_SHARE * p.length ? runs : List.of();
    }

    /**
     * The runs of {@code lines} that are no echo ({@link #echo}) of a longer run of {@code runs}: a needle's partial volume in the
     * neighbouring slice, below the start level and a component of its own, is that needle's image, read already.
     */
    private static List<Run> notEchoes(List<Run> lines, List<Run> runs, double sliceMm) {
        List<Run> out = new ArrayList<>();
        for (Run line : lines) {
            boolean isEcho = false;
            for (Run r : runs) {
                isEcho |= r.length() > line.length() && echo(line, r, sliceMm);
            }
            if (!isEcho) {
                out.add(line);
            }
        }
        return out;
    }

    /** How far apart along z the points lie, mm. */
    private static double zSpanMm(Vec3[] p) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Vec3 v : p) {
            lo = Math.min(lo, v.z());
            hi = Math.max(hi, v.z());
        }
        return hi - lo;
    }

    /**
     * The runs of metal in one connected component, taken one at a time (several when needles cross or touch); the pairs a cut
     * reading made two needles are put in {@code readAsTwo} ({@link #cutAtTheMiddle}).
     */
    private List<Run> extract(Volume ct, int[] component, double follow, double tube, double clipHu, Map<Run, Run> readAsTwo) {
        Grid g = ct.grid();
        int n = component.length;
        Vec3[] p = new Vec3[n];
        double[] w = new double[n];
        for (int q = 0; q < n; q++) {
            p[q] = g.centre(component[q]);
            w[q] = ct.hu()[component[q]] - follow + 100;
        }
        if (n < 8 || extent(p) < MIN_PIECE_MM) {
            return List.of();
        }
        boolean[] taken = new boolean[n];
        SplittableRandom rnd = new SplittableRandom(component[0]);
        List<Run> out = runsOf(ct, p, w, taken, rnd, tube);
        List<Run> untangled = untangled(out, tube);
        if (ct.sliceProfileFwhmMm() <= NeedleCentreline.THICK_SLICE_MM) {
            return untangled;
        }
        List<Run> paired = pairedAlongZ(ct, untangled, tube, clipHu, readAsTwo);
        paired.addAll(regained(ct, p, w, untangled, paired, rnd, tube));
        return paired;
    }

    /** Least share of a run taken again from a dropped run's voxels that must be voxels no kept run held ({@link #regained}). */
    static final double REGAINED_SHARE = 0.5;
    /**
     * Least share of a kept run's voxels that must be other runs' voxels, the regained runs' among them, for it to be read
     * again with the dropped run's freed steel ({@link #readAgainBy}): a run that is then mostly steel other runs read is a
     * second reading, as a regained run mostly of held voxels is ({@link #REGAINED_SHARE}). 5440's run of needle 5's and
     * needle 1's steel and needle 1's hub part 0.699 (99 of its voxels regained); on the seen 5 mm draws 5437, 5293, 5509 and
     * 5461 two other runs hold 8 or more regained voxels, both on 5529: a second reading 0.962 others' with 10 (read again,
     * the scan's needles moved 0.01–0.11 mm) and a run 0.385 others' with 42 (left) (docs/needles.md, fortieth round, branch
     * {@code needlefalse22}).
     */
    static final double READ_AGAIN_SHARE = 0.5;

    /**
     * The runs taken again from the voxels that a run dropped by {@link #pairedAlongZ} held and that no run kept holds (neither
     * a member of one nor within the tube of its curve over its extent). A reading that keeps one run of a pair alone drops the
     * other with all its voxels, as if every one of them were explained by the kept run or by another needle; where the dropped
     * run held a stretch of steel no kept run reaches, that steel was lost. 4300 needle 6 (5 mm box slices, 3.8° out of the
     * plane): a 138.3 mm staircase run of the whole needle, its hub end on needle 2's steel, and a 76.0 mm run of its middle in
     * one slice, one above the other: the middle run alone explained the CT best (misfit 2475 against 3218 for both, 3233 for
     * the long one alone), and the tip part, 56 mm of steel one slice below the kept run, went with the dropped run: the tip
     * read 7.5 mm short, a false needle. Taken again here as runs of their own (as the component's first runs were taken), such
     * pieces go on to the joining of pieces across slices ({@link #joinCollinear}) as any staircase's pieces do. A run so taken
     * is kept where at least {@value #REGAINED_SHARE} of its voxels are ones no kept run held: the tube takes held voxels too, and
     * a run taken through a few freed voxels is a second reading of a kept run's steel (on the seen 5 mm sets the runs kept held
     * 0.75 and 0.69 freed voxels, the others 0.06–0.35; docs/needles.md, twenty-fourth round, branch {@code needlepart}).
     * A run kept but read after a dropped one was read while the dropped run held its steel, and where a regained run re-reads
     * that run's steel it is read again with it ({@link #readAgainBy}; removed from {@code after}): 5440 needle 1, whose tip
     * part a dropped run of three needles' steel held, was read as a line from needle 5's steel through its own middle to its
     * hub part (a 92.2 mm false needle), and its tip part regained as a run of its own slice that ended where its hub part began
     * (docs/needles.md, fortieth round, branch {@code needlefalse22}).
     */
    private static List<Run> regained(Volume ct, Vec3[] p, double[] w, List<Run> before, List<Run> after, SplittableRandom rnd,
            double tube) {
        Map<Vec3, Integer> index = new IdentityHashMap<>();
        for (int q = 0; q < p.length; q++) {
            index.put(p[q], q);
        }
        List<Run> freed = new ArrayList<>();
        for (Run r : before) {
            if (after.stream().noneMatch(k -> k == r)) {
                freed.add(r);
            }
        }
        while (true) {
            List<Run> kept = regainedFrom(ct, p, w, index, freed, after, rnd, tube);
            Run again = kept.isEmpty() ? null : readAgainBy(kept, before, after);
            if (again == null) {
                return kept;
            }
            after.removeIf(k -> k == again);
            freed.add(again);
        }
    }

    /**
     * The runs taken from the voxels of the {@code freed} runs that no run of {@code after} holds, kept where at least
     * {@value #REGAINED_SHARE} of their voxels are such ({@link #regained}).
     */
    private static List<Run> regainedFrom(Volume ct, Vec3[] p, double[] w, Map<Vec3, Integer> index, List<Run> freed,
            List<Run> after, SplittableRandom rnd, double tube) {
        boolean[] taken = new boolean[p.length];
        Arrays.fill(taken, true);
        int free = 0;
        for (Run dropped : freed) {
            for (Vec3 v : dropped.points()) {
                Integer q = index.get(v);
                if (q != null && taken[q] && !heldByAny(v, after, tube)) {
                    taken[q] = false;
                    free++;
                }
            }
        }
        List<Run> kept = new ArrayList<>();
        boolean[] held = taken.clone();
        for (Run r : free < 8 ? List.<Run>of() : runsOf(ct, p, w, taken, rnd, tube)) {
            int released = 0;
            for (Vec3 v : r.points()) {
                released += held[index.get(v)] ? 0 : 1;
            }
            if (released >= REGAINED_SHARE * r.points().length) {
                kept.add(r);
            }
        }
        return kept;
    }

    /**
     * The first run of {@code after} read after a run dropped from {@code before} (in {@code before}'s order, the order the
     * runs were read) that holds at least 8 of the {@code regained} runs' voxels and whose voxels are at least
     * {@value #READ_AGAIN_SHARE} other runs' (the regained runs' and the other kept runs'), or null. Such a run was read while
     * the dropped run held steel it would otherwise have reached: where the regained runs re-read its steel and it is then
     * mostly others', its line is the dropped run's leavings, not a needle (5440: the dropped run held needle 1's tip part, and
     * the run read after it took needle 5's steel, needle 1's middle and needle 1's hub part beyond; regained, needle 1's tip
     * part took 99 of its 206 voxels and needle 5's run held 45: 0.699). Read again with the freed steel, the hub part is a run
     * of its own and is joined to its needle ({@link #joinCollinear}). 8 is the least of untaken points a run must read
     * ({@link #runsOf}); runs read before any dropped one, and runs no regained run reaches, are left as they are.
     */
    static Run readAgainBy(List<Run> regained, List<Run> before, List<Run> after) {
        java.util.Set<Vec3> inRegained = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Run r : regained) {
            inRegained.addAll(Arrays.asList(r.points()));
        }
        boolean afterADrop = false;
        for (Run r : before) {
            if (after.stream().noneMatch(k -> k == r)) {
                afterADrop = true;
                continue;
            }
            if (!afterADrop) {
                continue;
            }
            java.util.Set<Vec3> others = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Run o : after) {
                if (o != r) {
                    others.addAll(Arrays.asList(o.points()));
                }
            }
            int reRead = 0;
            int othersRead = 0;
            for (Vec3 v : r.points()) {
                reRead += inRegained.contains(v) ? 1 : 0;
                othersRead += inRegained.contains(v) || others.contains(v) ? 1 : 0;
            }
            if (reRead >= 8 && othersRead >= READ_AGAIN_SHARE * r.points().length) {
                return r;
            }
        }
        return null;
    }

    /** Whether a run holds the voxel: one of its members, or within the tube of its curve over its extent. */
    private static boolean heldByAny(Vec3 v, List<Run> runs, double tube) {
        for (Run r : runs) {
            for (Vec3 m : r.points()) {
                if (m == v) {
                    return true;
                }
            }
            double[] range = range(r.points(), r.curve());
            double t = r.curve().parameterOf(v);
            if (t >= range[0] && t <= range[1] && r.curve().distance(v) <= tube) {
                return true;
            }
        }
        return false;
    }

    /**
     * The straight runs of metal among the points not yet taken, one at a time: the line through most untaken points
     * ({@link #bestLine}), its voxels within the tube ({@link #run}, taken ones counting too) refitted, cut where two needles'
     * steel stands end to end in one slice ({@link #sidewaysStep}); the points of each run are then taken. The reading stops at
     * the first run that holds fewer than 8 untaken points (steel read already), unless the line's stretch of untaken steel
     * continues a run taken before ({@link #continuingStretch}): that stretch is the run then.
     */
    private static List<Run> runsOf(Volume ct, Vec3[] p, double[] w, boolean[] taken, SplittableRandom rnd, double tube) {
        List<Run> out = new ArrayList<>();
        while (true) {
            int[] best = bestLine(p, taken, rnd, tube);
            if (best == null) {
                break;
            }
            Vec3 centre = p[best[0]];
            Vec3 axis = p[best[1]].minus(p[best[0]]).normalized();
            SpaceCurve line = new SpaceCurve(centre, axis, 1, new double[] {centre.x(), axis.x()}, new double[] {centre.y(), axis.y()},
                    new double[] {centre.z(), axis.z()});
            LineRun run = lineRun(ct.grid(), p, w, taken, line, tube, false);
            if (run.members().length < 8 || run.extent(p) < MIN_PIECE_MM) {
                break;
            }
            if (untaken(run.members(), taken) < 8) {
                LineRun continuing = continuingStretch(ct, p, w, taken, line, tube, out);
                if (continuing != null) {
                    for (int m : run.members()) {
                        taken[m] = true;
                    }
                    run = continuing;
                }
            }
            int fresh = 0;
            for (int m : run.members()) {
                fresh += taken[m] ? 0 : 1;
                taken[m] = true;
            }
            if (fresh < 8) {
                break;
            }
            out.add(new Run(pick(p, run.members()), pick(w, run.members()), run.curve()));
        }
        return out;
    }

    /**
     * Least share of an untaken stretch's extent along the run it joins that must lie beyond that run's own extent for the
     * stretch to continue it ({@link #continuingStretch}): a stretch mostly beside the run is its steel read a second time or
     * steel beside it. 4759 needle 3's tip part 0.886; left alone: 3837 needle 7's own steel read again with 20 untaken points of
     * the seeds' strand beside its tip part 0.000, 4506 and 4877 stretches beside a run 0.070 and 0.000 (docs/needles.md,
     * thirty-first round, branch {@code needlemiss13}).
     */
    static final double CONTINUING_BEYOND_SHARE = 0.5;

    /**
     * The run of the line's stretch of untaken steel where the line's longest stretch holds steel read already and that
     * stretch continues a run taken before; null where it does not. {@link #run} keeps the longest stretch within the tube,
     * taken points counting too (a needle stays whole where it crosses one found before it); a line through a needle's tip
     * part in one slice can meet, further along within the tube, another needle's longer stretch of steel in that slice, read
     * already, and the run then holds nothing new: the reading stopped there with the tip part in no run (4759 needle 3, 5 mm
     * box slices: its 35 mm tip part in the slice at 2.5 and 60 mm on needle 6's 48.8 mm hub part in that slice; the tip part
     * in no run, needle 3 was read from its middle run and hub piece as a 136.9 mm false needle). Here the line's run is taken
     * again keeping at each step ({@link #untakenStretch}) the longest stretch that holds at least 8 untaken points and is a
     * piece long ({@value #MIN_PIECE_MM} mm); it is the run where it is a piece of a run taken before ({@link #pieces}, the
     * joining's test) and at least {@value #CONTINUING_BEYOND_SHARE} of its extent along that run lies beyond that run's end
     * ({@link #beyondShare}): steel that continues a needle read already. A stretch of a run's own steel read again (3837
     * needle 7: the same 102 mm with 20 untaken points of the seeds' strand beside its tip part in the slice above) or steel
     * beside a run (4877) is left untaken, as before.
     */
    private static LineRun continuingStretch(Volume ct, Vec3[] p, double[] w, boolean[] taken, SpaceCurve line, double tube,
            List<Run> before) {
        LineRun stretch = lineRun(ct.grid(), p, w, taken, line, tube, true);
        if (stretch.members().length < 8 || stretch.extent(p) < MIN_PIECE_MM || untaken(stretch.members(), taken) < 8) {
            return null;
        }
        Run piece = new Run(pick(p, stretch.members()), pick(w, stretch.members()), stretch.curve());
        double sliceMm = NeedleCentreline.zSpreadMm(ct);
        for (Run r : before) {
            if (r.length() >= MIN_PIECE_MM && pieces(ct, piece, r, sliceMm) && beyondShare(piece, r) >= CONTINUING_BEYOND_SHARE) {
                return stretch;
            }
        }
        return null;
    }

    /**
     * The share of the piece's extent along the run's curve that lies beyond the run's own extent there (before its one end or
     * past its other): 1 for a piece end to end with the run, 0 for one wholly beside it.
     */
    static double beyondShare(double[] piece, double[] run) {
        double length = piece[1] - piece[0];
        if (length <= 0) {
            return 0;
        }
        double before = Math.max(0, Math.min(piece[1], run[0]) - piece[0]);
        double past = Math.max(0, piece[1] - Math.max(piece[0], run[1]));
        return (before + past) / length;
    }

    private static double beyondShare(Run piece, Run run) {
        return beyondShare(range(piece.points(), run.curve()), range(run.points(), run.curve()));
    }

    /** A line's run: its members (indices of the component's points) and the curve fitted to them. */
    private record LineRun(int[] members, SpaceCurve curve) {
        double extent(Vec3[] p) {
            double[] r = range(pick(p, members), curve);
            return r[1] - r[0];
        }
    }

    /** How many of the members are not taken. */
    private static int untaken(int[] members, boolean[] taken) {
        int n = 0;
        for (int m : members) {
            n += taken[m] ? 0 : 1;
        }
        return n;
    }

    /**
     * The run along a line: its points within the tube ({@link #run}, or with {@code untakenStretch} {@link #untakenStretch})
     * refitted, cut where two needles' steel stands end to end in one slice ({@link #sidewaysStep}).
     */
    private static LineRun lineRun(Grid g, Vec3[] p, double[] w, boolean[] taken, SpaceCurve line, double tube,
            boolean untakenStretch) {
        SpaceCurve curve = line;
        int[] members = new int[0];
        for (int iteration = 0; iteration < 4; iteration++) {
            members = untakenStretch ? untakenStretch(p, curve, tube, taken) : run(p, curve, tube);
            if (members.length < 8) {
                break;
            }
            curve = refit(pick(p, members), pick(w, members), curve.axis(), iteration);
        }
        // Two needles' steel end to end in one slice within one tube: the run keeps the straight stretch on one side of the step.
        boolean inOneSlice = members.length >= 8 && zSpanMm(pick(p, members)) <= g.dzMm() / 2;
        double[] step = inOneSlice ? sidewaysStep(pick(p, members), pick(w, members), curve) : null;
        while (step != null && step[1] >= SIDEWAYS_STEP_MM && step[2] < CONTINUING_SHARE) {
            members = freerSide(p, members, taken, curve, step[0]);
            Vec3[] kept = pick(p, members);
            double[] keptW = pick(w, members);
            curve = refit(kept, keptW, refit(kept, keptW, curve.axis(), 0).axis(), 1);
            step = sidewaysStep(kept, keptW, curve);
        }
        return new LineRun(members, curve);
    }

    /**
     * The runs with any two that lie one above the other in the axial plane and cross along z ({@link #crossingAlongZ}) read
     * again as the image says. On slices thicker than 3 mm two needles of one template column, within a degree of each other
     * in the axial plane and a few mm apart along z (converging towards their hubs), share one tube, and a run can take one
     * needle's voxels at one end and the other's at the other (3018 needles 1 and 5: a run from z −8.3 to 8.2 mm, axes
     * 4.3–5.7° off, and the leftovers false needles); a flat needle on a slice boundary, half in each slice, was taken as an X
     * of two runs each from one slice to the other (3024 needle 3: 3.4° out of the plane, tip 3.2 mm off along z). Voxel
     * centres cannot tell these pairings apart (either staircase fits a line). So each pair is read five ways — as it is,
     * either run alone (the other a mix of its own needle and voxels another run holds), all its voxels as one needle, and
     * its voxels parted into an upper and a lower needle ({@link #splitAlongZ}) — and the reading whose predicted partial
     * volume in every slice best explains the CT around them, with the component's other runs in every reading and each
     * reading's needles' heights along z fitted, is kept ({@link NeedleZPairing}). Compared at the heights the voxel centres
     * give, a single shallow needle crossing from one slice to the next (a staircase) read better as an upper and a lower
     * needle than as its one biased line (3024 needle 8 alone, 3242 needle 2: false needles of 57 and 119 mm beside them).
     */
    private static List<Run> pairedAlongZ(Volume ct, List<Run> runs, double tube, double clipHu, Map<Run, Run> readAsTwo) {
        List<Run> out = new ArrayList<>(runs);
        // Pairs read best as they are, not read again in later passes (each pair costs ~10³ misfit evaluations).
        List<List<Run>> kept = new ArrayList<>();
        boolean changed = true;
        for (int pass = 0; changed && pass < out.size() + runs.size(); pass++) {
            changed = false;
            search:
            for (int a = 0; a < out.size(); a++) {
                for (int b = a + 1; b < out.size(); b++) {
                    Run ra = out.get(a);
                    Run rb = out.get(b);
                    if (readAsTheyAre(kept, ra, rb)
                            || !(crossingAlongZ(ra, rb, tube) || crossedAlongZ(ra, rb, tube, ct.grid().dzMm()))) {
                        continue;
                    }
                    Vec3[] p = concat(ra.points(), rb.points());
                    double[] w = concatWeights(ra, rb);
                    SpaceCurve middle = refit(p, w, refit(p, w, ra.curve().axis(), 0).axis(), 1);
                    Run[] split = splitAlongZ(p, w, middle);
                    List<Run[]> readings = new ArrayList<>(List.of(new Run[] {ra, rb}, new Run[] {ra}, new Run[] {rb},
                            new Run[] {new Run(p, w, middle)}));
                    if (split != null) {
                        readings.add(split);
                    }
                    List<List<NeedleCentreline.Extent>> extents = new ArrayList<>();
                    for (Run[] reading : readings) {
                        extents.add(Arrays.stream(reading).map(NeedleFinder::extentOf).toList());
                    }
                    List<NeedleCentreline.Extent> context = new ArrayList<>();
                    for (Run r : out) {
                        if (r != ra && r != rb) {
                            context.add(extentOf(r));
                        }
                    }
                    double[] misfit = NeedleZPairing.misfits(ct, extents, context, clipHu);
                    int best = 0;
                    for (int c = 1; c < misfit.length; c++) {
                        best = misfit[c] < misfit[best] ? c : best;
                    }
                    if (best == 0) {
                        kept.add(List.of(ra, rb));
                        continue;
                    }
                    out.remove(b);
                    out.remove(a);
                    out.addAll(a, List.of(readings.get(best)));
                    changed = true;
                    break search;
                }
            }
        }
        out = cutAtTheMiddle(ct, out, tube, clipHu, readAsTwo);
        return out;
    }

    /**
     * The runs with one that holds one needle's steel up to its middle and another's beyond read again. Two needles of one
     * template column, a slice or two apart along z and converging towards their hubs, can be taken as a run from the lower
     * needle's tip half to the upper's hub half (crossing from one to the other where they come nearest along z), with the
     * upper's tip half and the lower's hub half left over as two runs, one above the run's first part and one below its
     * second (3439 needles 2 and 6, 3265 needles 2 and 6): no two of the three cross along z, so {@link #pairedAlongZ}'s pairs
     * never see it. Where a run has one run above (or below) its first part and another on the other side along z of its
     * second part ({@link #alongside}; the first piece beginning and ending before the second along it, the two may overlap: by
     * 58 mm in 3265's needles 4 and 8), it is also read cut half way between the first piece's far end and the second's near
     * end, each half joined to the piece beside the other half (the piece that continues it), and the reading whose predicted partial volume best explains the CT ({@link NeedleZPairing}, the
     * component's other runs in both readings) is kept.
     */
    private static List<Run> cutAtTheMiddle(Volume ct, List<Run> runs, double tube, double clipHu, Map<Run, Run> readAsTwo) {
        List<Run> out = new ArrayList<>(runs);
        // Each reading kept as it is: the same three runs are not read again (each costs ~10³ misfit evaluations).
        List<List<Run>> kept = new ArrayList<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            search:
            for (Run m : out) {
                for (Run a : out) {
                    for (Run b : out) {
                        if (a == m || b == m || a == b || readAsTheyAre(kept, m, a, b)) {
                            continue;
                        }
                        Run[] cut = cutAndJoined(m, a, b, tube, ct.grid().dzMm());
                        if (cut == null) {
                            continue;
                        }
                        List<NeedleCentreline.Extent> context = new ArrayList<>();
                        for (Run r : out) {
                            if (r != m && r != a && r != b) {
                                context.add(extentOf(r));
                            }
                        }
                        double[] misfit = NeedleZPairing.misfits(ct, List.of(List.of(extentOf(m), extentOf(a), extentOf(b)),
                                List.of(extentOf(cut[0]), extentOf(cut[1]))), context, clipHu);
                        if (misfit[1] >= misfit[0]) {
                            kept.add(List.of(m, a, b));
                            continue;
                        }
                        if (eachNeeded(ct, cut, misfit[1], context, clipHu)) {
                            readAsTwo.put(cut[0], cut[1]);
                            readAsTwo.put(cut[1], cut[0]);
                        }
                        int at = out.indexOf(m);
                        out.removeIf(r -> r == m || r == a || r == b);
                        out.addAll(Math.min(at, out.size()), List.of(cut));
                        changed = true;
                        break search;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether the two needles of a cut reading ({@link #cutAndJoined}) explain the CT around them better than either alone
     * ({@link NeedleZPairing}, the component's other runs in every reading; {@code both}: the two's misfit): then each holds steel
     * the other's partial volume does not explain, and neither is the other's echo ({@link #withoutEchoes}). Two needles of one
     * template column a slice apart along z lie alongside each other one slice apart over their whole length, within the echo
     * test's bounds; the echo test reads voxel centres only and would drop the shorter as the longer's image in the next slice
     * (4811, set 4789, 5 mm Gaussian: n8 one slice below n4, read as both 1844 against 3547 and 4074 alone; its staircase
     * dropped as n4's echo, n8 missed; docs/needles.md, twenty-ninth round, branch {@code needlemiss11}).
     */
    private static boolean eachNeeded(Volume ct, Run[] cut, double both, List<NeedleCentreline.Extent> context, double clipHu) {
        double[] alone = NeedleZPairing.misfits(ct, List.of(List.of(extentOf(cut[0])), List.of(extentOf(cut[1]))), context, clipHu);
        return both < alone[0] && both < alone[1];
    }

    /**
     * How far apart along the middle run two pieces beside it, one on each side along z, may end and begin for the middle run
     * lying flat in one slice to be read cut ({@link #cutAndJoined}), mm. Two needles of one template column one slice apart
     * along z, both nearly flat, cross their slice boundaries at about the same place along their line: where the lower leaves
     * the lower slice for the middle one, the upper leaves the middle slice for the upper one. The middle slice then holds the
     * upper's tip part and the lower's hub part end to end, flat, and the lower's tip part and the upper's hub part lie below
     * and above it, the one ending about where the other begins (4811: overlapping by 4.0 mm). A flat run lying between
     * two pieces that leave a long stretch of it between them, or overlap along much of it, is no such pair (the other flat
     * middle runs read: 4737 31.6 mm, the needle tests' scans 3018–3690 20.3 and 44.3 mm; one firing case only, docs/needles.md,
     * twenty-ninth round, branch {@code needlemiss11}).
     */
    static final double PIECES_MEET_MM = 10;

    /**
     * {@code m} cut half way between {@code a} beside its first part and {@code b} beside its second, on the other side of it
     * along z, its first half joined to {@code b} and its second to {@code a}; null when the three do not lie so, a half is
     * too small for a needle, or {@code m}'s second half does not lie at least a quarter of the slice spacing {@code sliceMm}
     * nearer {@code a}'s side along z than its first (its voxels' mean heights): a run holding one needle's steel in one half
     * and the other's, a slice or more away, in the other rises from one to the other, and a run lying in one slice between
     * two others does not (3396: a run flat in one slice, a piece above its first part and one below its second; read cut, the
     * scan's other ends moved and needle 5 was lost) — unless it lies flat (within a quarter of the slice spacing) and the two
     * pieces meet along it ({@value #PIECES_MEET_MM} mm): two needles of one column one slice apart, each crossing into the
     * next slice at the same place along their line, leave their tip and hub parts end to end in the middle slice.
     */
    private static Run[] cutAndJoined(Run m, Run a, Run b, double tube, double sliceMm) {
        if (a.length() > m.length() || b.length() > m.length()) {
            return null;
        }
        double[] ra = alongside(a, m, tube);
        double[] rb = alongside(b, m, tube);
        if (ra == null || rb == null || ra[2] * rb[2] >= 0 || ra[0] >= rb[0] || ra[1] >= rb[1]) {
            return null;
        }
        double cut = (ra[1] + rb[0]) / 2;
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        double[] height = new double[2];
        for (int q = 0; q < m.points().length; q++) {
            boolean isFirst = m.curve().parameterOf(m.points()[q]) < cut;
            (isFirst ? first : second).add(q);
            height[isFirst ? 0 : 1] += m.points()[q].z();
        }
        if (first.isEmpty() || second.isEmpty()) {
            return null;
        }
        double rise = Math.signum(ra[2]) * (height[1] / second.size() - height[0] / first.size());
        boolean flatBetweenMeetingPieces = Math.abs(rise) < sliceMm / 4 && Math.abs(rb[0] - ra[1]) <= PIECES_MEET_MM;
        if (rise < sliceMm / 4 && !flatBetweenMeetingPieces) {
            return null;
        }
        Run[] out = {joined(m, indices(first, List.of()), b), joined(m, indices(second, List.of()), a)};
        for (Run r : out) {
            if (r == null) {
                return null;
            }
        }
        return out;
    }

    /** The voxels of {@code m} listed and all of {@code piece}'s as one run; null when {@code m}'s part is too small for a needle's piece. */
    private static Run joined(Run m, int[] members, Run piece) {
        Run part = new Run(pick(m.points(), members), pick(m.weights(), members), m.curve());
        if (members.length < 8 || part.length() < MIN_PIECE_MM) {
            return null;
        }
        Vec3[] p = concat(part.points(), piece.points());
        double[] w = concatWeights(part, piece);
        return new Run(p, w, refit(p, w, refit(p, w, m.curve().axis(), 0).axis(), 1));
    }

    /** Whether the runs listed (the same runs, not equal ones, in this order) were read best as they are. */
    private static boolean readAsTheyAre(List<List<Run>> kept, Run... runs) {
        search:
        for (List<Run> group : kept) {
            if (group.size() != runs.length) {
                continue;
            }
            for (int k = 0; k < runs.length; k++) {
                if (group.get(k) != runs[k]) {
                    continue search;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * The stretch at each end of a run read for two needles' bands ({@link #columnPairsCut}), mm: the deep part where two
     * needles of one template column, converging on their hubs, come farthest apart along z (4512: its deep 35 mm, 88 voxels in
     * one slice and 69 in the next).
     */
    static final double COLUMN_END_MM = 35;

    /**
     * The runs with each one holding two needles of one template column read again as those two ({@link #splitAlongZ}). Two
     * needles of one column lie one above the other along z, a slice apart, within a few tenths of a mm of each other in the
     * axial plane; on thick slices both can be taken as one run whose line runs between them (4512, 5 mm triangle: n8 and n4,
     * hubs 0.2 mm apart in the plane and 5.1 mm along z; one 134 mm run of 633 voxels held both, its line lifted 3.8 mm off
     * n8's, n8's tip read 3.05 mm short and n4 missed). Such a run holds at least {@value #TWO_NEEDLES_PER_MM} times the scan's
     * median run's voxels per mm over its whole length, and at one end its last {@value #COLUMN_END_MM} mm hold at least
     * {@value #LEAST_LINE_VOXELS_PER_MM} voxels per mm of that stretch both above and below its line (two slices' bands, each a
     * needle's steel), and no other run reads the second needle already ({@value #SECOND_READING_SHARE} of its voxels in the
     * run's reach, {@link #mostBeside}). Where so, the run is read both ways, as it is and parted into an upper and a lower
     * needle ({@link NeedleZPairing}: each reading's predicted partial volume in every slice against the CT around it, the
     * scan's other runs in both), and it is cut where the two needles leave at most {@value #COLUMN_CUT_GAIN} of the one
     * needle's misfit: one needle lying along a slice boundary, or a streak beside a needle, reads dense in two slices too,
     * but there one line explains the slices' steel about as well as two (docs/needles.md, twenty-sixth round, second part,
     * branch {@code needlecut8}). Two needles side by side in one slice, a few mm apart across in the axial plane, hold no
     * steel above and below the run's line but either side of it across ({@link #twoBandsAcross}): such a run is parted
     * across instead ({@link #splitAcross}) and cut on the same test (5267, 5 mm Gaussian: n7 and n8 2.9–3.5 mm apart across,
     * both in the slice at −7.5 over most of their length, one 110 mm run of 444 voxels, 4.0 per mm against the median run's
     * 2.67; joined with a strand of seeds in the slice above it became a 118.3 mm false needle and both were missed; parted,
     * the two leave 0.562 of the one's misfit; docs/needles.md, thirty-sixth round, branch {@code needleconv18}). Where both
     * band tests hold, the run is parted along z, and where that parting does not pass the test it is parted across too and
     * tested again (5531, 5 mm Gaussian: n1 and n2 side by side in the slice at 2.5, converging from 3.7 to 0.5 mm apart
     * across; one 144.7 mm run of 1 151 voxels, 3.04 times the median; along z 1.026 of the one's misfit, across 0.701; n1
     * had been missed and n2 read 1.37 mm off; docs/needles.md, fortieth round, branch {@code needlebent22}).
     * Asked on slices of 3 mm too since the thirty-sixth round (branch {@code needleconv19}): there
     * two converging needles side by side, 0.6-2.2 mm apart in the plane and 0.8-1.3 mm along z, were taken as one run of
     * twice a needle's steel per mm (5202 n7 and n8, 3 mm triangle: 614 voxels over 138.9 mm, 1.81 times the median; one
     * needle missed, the other read 1.36 mm off), and the same four tests cut it (two needles leave 0.606 of the one's
     * misfit); the gate had been set at the z pairing's (slices over 3 mm), not for a case it broke. On the seen 3 mm draws
     * the voxels-per-mm bar keeps single needles out there (their runs read at most 1.31 times the median while two lines
     * leave as little as 0.697 of one's misfit), and the gain bar the dense runs that are no pair (5139's 1.54 times the
     * median, 1.130; 5212's 1.84, 3.58). Thinner slices are not asked (not measured).
     */
    private static List<Run> columnPairsCut(Volume ct, List<Run> runs, double clipHu) {
        List<Double> perMm = new ArrayList<>();
        for (Run r : runs) {
            double length = r.length();
            if (length >= MIN_LENGTH_MM) {
                perMm.add(r.points().length / length);
            }
        }
        if (perMm.size() < 3) {
            return runs;
        }
        double medianPerMm = median(perMm);
        List<Run> out = new ArrayList<>(runs);
        for (int q = 0; q < out.size(); q++) {
            Run r = out.get(q);
            double length = r.length();
            if (length < 2 * COLUMN_END_MM || r.points().length < TWO_NEEDLES_PER_MM * medianPerMm * length) {
                continue;
            }
            boolean alongZ = twoBandsAtAnEnd(r);
            if (!alongZ && !twoBandsAcross(r)) {
                continue;
            }
            double beside = mostBeside(r, out, NeedleCentreline.zSpreadMm(ct), ct.grid().dzMm());
            if (beside >= SECOND_READING_SHARE) {
                continue;
            }
            Run[] split = alongZ ? splitAlongZ(r.points(), r.weights(), r.curve()) : splitAcross(r.points(), r.weights(), r.curve());
            if (split == null || split[0].length() < MIN_LENGTH_MM || split[1].length() < MIN_LENGTH_MM) {
                continue;
            }
            List<NeedleCentreline.Extent> context = new ArrayList<>();
            for (Run o : out) {
                if (o != r) {
                    context.add(extentOf(o));
                }
            }
            double[] misfit = NeedleZPairing.misfits(ct, List.of(List.of(extentOf(r)), List.of(extentOf(split[0]), extentOf(split[1]))),
                    context, clipHu);
            // Both band tests can hold on one run, and the parting along z is then the only one read. Where it explains the run no
            // better, the run is parted across too: two needles side by side in one slice (5531 n1 and n2, both in the slice at
            // 2.5, 3.7 mm apart across at n1's tip, 0.5 mm at the hubs; along z 1.026 of the one needle's misfit, across 0.701:
            // n1 was missed; docs/needles.md, fortieth round, branch needlebent22).
            if (misfit[1] > COLUMN_CUT_GAIN * misfit[0] && alongZ && twoBandsAcross(r)) {
                Run[] across = splitAcross(r.points(), r.weights(), r.curve());
                if (across != null && across[0].length() >= MIN_LENGTH_MM && across[1].length() >= MIN_LENGTH_MM) {
                    split = across;
                    misfit = NeedleZPairing.misfits(ct, List.of(List.of(extentOf(r)), List.of(extentOf(split[0]), extentOf(split[1]))),
                            context, clipHu);
                }
            }
            if (misfit[1] > COLUMN_CUT_GAIN * misfit[0]) {
                continue;
            }
            out.remove(q);
            out.addAll(q, List.of(split));
            q++;
        }
        return out;
    }

    /**
     * Least share of another run's voxels in a dense run's reach ({@link #othersReach}) for which {@link #columnPairsCut} leaves
     * the dense run as it is: the second needle of the column is read already, by a run of its own one slice off (4505, 5 mm
     * Gaussian: n6's 137.4 mm run held n5's steel too over the hub side, and n5's own run lay 0.81 in its reach; cut, a needle
     * was missed and a false one made, the twenty-sixth round's {@link #besideAPair} keeps n5's run instead).
     */
    static final double SECOND_READING_SHARE = 0.5;

    /**
     * Most of the one-needle reading's misfit that the two-needle reading of a dense run may leave for the run to be cut
     * ({@link #columnPairsCut}), a share. The two readings are nested (two lines free along z can lie where the one does), so
     * two explain the run's voxels about as well and a little better where the run is one needle; they must explain it
     * better by more than that. On the seen 5 mm sets: cut 4503 0.583, 4512 0.585 (two needles of one column), 4450 0.758 (n8
     * found), 4472 0.869 (n7 1.14 to 0.55 mm), 4506 0.880 (n9 0.15 to 0.28 mm); left 4433 0.991, 4431 0.992 (cut, tips moved
     * 0.06 to 0.33 mm and 4.22 to 3.64 mm), 4525 1.006 and 27 more up to 2.05.
     */
    static final double COLUMN_CUT_GAIN = 0.9;

    /** The largest share of another run's voxels (one of {@code runs} other than {@code r}) that lies in {@code r}'s reach. */
    private static double mostBeside(Run r, List<Run> runs, double reachZMm, double sliceMm) {
        List<SpaceCurve> curve = List.of(r.curve());
        List<double[]> range = List.of(range(r.points(), r.curve()));
        double most = 0;
        for (Run o : runs) {
            if (o != r) {
                most = Math.max(most, shareOf(othersReach(o.points(), curve, range, reachZMm, sliceMm)));
            }
        }
        return most;
    }

    /**
     * Whether one end's last {@value #COLUMN_END_MM} mm of a run hold at least {@value #LEAST_LINE_VOXELS_PER_MM} voxels per mm
     * of that stretch both above and below its line along z ({@link #columnPairsCut}).
     */
    private static boolean twoBandsAtAnEnd(Run r) {
        return twoBands(r, (curve, t, p) -> p.z() > curve.at(t).z() ? 1 : -1);
    }

    /**
     * Whether one end's last {@value #COLUMN_END_MM} mm of a run hold at least {@value #LEAST_LINE_VOXELS_PER_MM} voxels per mm
     * of that stretch on both sides of its line across in the axial plane, each at least {@value #ACROSS_BAND_MM} mm from it:
     * two needles side by side in one slice ({@link #columnPairsCut}).
     */
    private static boolean twoBandsAcross(Run r) {
        return twoBands(r, (curve, t, p) -> {
            double across = signedAcrossMm(curve, t, p);
            return across >= ACROSS_BAND_MM ? 1 : across <= -ACROSS_BAND_MM ? -1 : 0;
        });
    }

    /** The band a voxel at {@code t} along a run's curve is counted in: 1 or −1 for the line's two sides, 0 for neither. */
    private interface BandSide {
        int of(SpaceCurve curve, double t, Vec3 p);
    }

    /**
     * Whether one end's last {@value #COLUMN_END_MM} mm of a run hold at least {@value #LEAST_LINE_VOXELS_PER_MM} voxels per mm
     * of that stretch in each of the two bands {@code side} tells.
     */
    private static boolean twoBands(Run r, BandSide side) {
        double[] range = range(r.points(), r.curve());
        int[][] inBand = new int[2][2];
        for (Vec3 p : r.points()) {
            double t = r.curve().parameterOf(p);
            int end = t <= range[0] + COLUMN_END_MM ? 0 : t >= range[1] - COLUMN_END_MM ? 1 : -1;
            if (end >= 0) {
                int band = side.of(r.curve(), t, p);
                if (band != 0) {
                    inBand[end][band > 0 ? 0 : 1]++;
                }
            }
        }
        double least = LEAST_LINE_VOXELS_PER_MM * COLUMN_END_MM;
        return Math.min(inBand[0][0], inBand[0][1]) >= least || Math.min(inBand[1][0], inBand[1][1]) >= least;
    }

    /** Least distance across in the axial plane from a run's line of a voxel counted in a side's band ({@link #twoBandsAcross}), mm. */
    static final double ACROSS_BAND_MM = 0.75;

    /** The distance of {@code p} from the curve at {@code t} across in the axial plane, mm, positive to the tangent's left. */
    private static double signedAcrossMm(SpaceCurve curve, double t, Vec3 p) {
        Vec3 on = curve.at(t);
        Vec3 tangent = curve.tangent(t);
        double norm = Math.hypot(tangent.x(), tangent.y());
        if (norm < 1e-6) {
            return 0;
        }
        return (tangent.x() * (p.y() - on.y()) - tangent.y() * (p.x() - on.x())) / norm;
    }

    /** The run's curve over the extent of its voxels. */
    private static NeedleCentreline.Extent extentOf(Run r) {
        double[] range = range(r.points(), r.curve());
        return new NeedleCentreline.Extent(r.curve(), range[0], range[1]);
    }

    /** The weights of {@code a}'s voxels then {@code b}'s. */
    private static double[] concatWeights(Run a, Run b) {
        double[] w = Arrays.copyOf(a.weights(), a.weights().length + b.weights().length);
        System.arraycopy(b.weights(), 0, w, a.weights().length, b.weights().length);
        return w;
    }

    /**
     * Least height of each end of two runs above or below the line through both runs' voxels, as a share of the slice spacing,
     * for the two to be read as an X along z ({@link #crossedAlongZ}): a run taken diagonally from one slice's steel to the
     * next slice's has its ends about half a slice from that line (5621: 2.20–4.17 mm on 5 mm slices); a run of one needle's
     * steel beside its neighbour in the next slice keeps its ends on one side of it.
     */
    static final double X_END_SLICES = 0.25;

    /**
     * Whether two runs are two needles' steel read crosswise along z: each run's ends lie on opposite sides along z of the line
     * through both runs' voxels (at least {@value #X_END_SLICES} of a slice from it), the two runs rising the opposite ways,
     * and the voxels parted above and below that line ({@link #splitAlongZ}, the reading {@link #pairedAlongZ} puts to the
     * test) lie alongside each other ({@link #alongside}). Two needles of one template column 1–2 mm apart in the axial plane
     * and one slice apart along z over their hub parts, a component of their own, can be taken as two diagonal runs, each from
     * one needle's steel in its slice to the other's in the next slice: crossing in the plane too (9.2° apart on 5621, against
     * {@link #alongside}'s 5°), {@link #crossingAlongZ} does not see them, and the one left over is a false needle (5621, 5 mm
     * Gaussian: n7's and n8's hub parts, 28 mm each in the slices at −12.5 and −17.5, read as runs of 65 and 52 voxels
     * crossing from one slice to the other; the 52-voxel run a 44.6 mm false needle; docs/needles.md, forty-first round,
     * branch {@code needlefalse23}).
     */
    static boolean crossedAlongZ(Run a, Run b, double tube, double sliceMm) {
        Vec3[] p = concat(a.points(), b.points());
        double[] w = concatWeights(a, b);
        SpaceCurve middle = refit(p, w, refit(p, w, a.curve().axis(), 0).axis(), 1);
        double[] ea = endsAbove(a, middle);
        double[] eb = endsAbove(b, middle);
        double least = X_END_SLICES * sliceMm;
        if (Math.min(Math.min(Math.abs(ea[0]), Math.abs(ea[1])), Math.min(Math.abs(eb[0]), Math.abs(eb[1]))) < least
                || !(ea[0] * ea[1] < 0 && eb[0] * eb[1] < 0 && ea[0] * eb[0] < 0)) {
            return false;
        }
        Run[] split = splitAlongZ(p, w, middle);
        if (split == null) {
            return false;
        }
        Run longer = split[0].length() >= split[1].length() ? split[0] : split[1];
        return alongside(longer == split[0] ? split[1] : split[0], longer, tube) != null;
    }

    /** How far above {@code middle} along z a run's curve lies 3 mm inside either end of its extent, mm. */
    static double[] endsAbove(Run r, SpaceCurve middle) {
        double[] rg = range(r.points(), r.curve());
        double[] out = new double[2];
        for (int e = 0; e < 2; e++) {
            Vec3 x = r.curve().at(e == 0 ? rg[0] + 3 : rg[1] - 3);
            out[e] = x.z() - middle.at(middle.parameterOf(x)).z();
        }
        return out;
    }

    /**
     * Whether two runs lie one above the other in the axial plane ({@link #alongside}) and their curves cross along z over that
     * overlap (3 mm inside its ends).
     */
    private static boolean crossingAlongZ(Run a, Run b, double tube) {
        Run longer = a.length() >= b.length() ? a : b;
        Run shorter = longer == a ? b : a;
        double[] overlap = alongside(shorter, longer, tube);
        if (overlap == null) {
            return false;
        }
        double[] gap = new double[2];
        for (int e = 0; e < 2; e++) {
            Vec3 x = longer.curve().at(e == 0 ? overlap[0] + 3 : overlap[1] - 3);
            gap[e] = shorter.curve().at(shorter.curve().parameterOf(x)).z() - x.z();
        }
        return gap[0] * gap[1] < 0;
    }

    /**
     * Where {@code shorter} lies above or below {@code longer} in the axial plane: parallel there within 5°, at least half of
     * its voxels within the tube of the longer's curve across in the axial plane and within its extent, over at least twice
     * {@value #MIN_PIECE_MM} mm. The longer's curve parameters of the first and last such voxel and their mean height above the
     * longer's curve (mm), or null.
     */
    private static double[] alongside(Run shorter, Run longer, double tube) {
        if (shorter.length() < MIN_PIECE_MM) {
            return null;
        }
        Vec3 ul = longer.curve().axis();
        Vec3 us = shorter.curve().axis();
        double azimuth = Math.toDegrees(Math.abs(Math.atan2(ul.x() * us.y() - ul.y() * us.x(), ul.x() * us.x() + ul.y() * us.y())));
        if (Math.min(azimuth, 180 - azimuth) > 5) {
            return null;
        }
        double[] rl = range(longer.points(), longer.curve());
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        double height = 0;
        int alongside = 0;
        for (Vec3 p : shorter.points()) {
            double t = longer.curve().parameterOf(p);
            if (t >= rl[0] && t <= rl[1] && NeedleZPairing.acrossMm(longer.curve(), t, p) <= tube) {
                alongside++;
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
                height += p.z() - longer.curve().at(t).z();
            }
        }
        if (2 * alongside < shorter.points().length || hi - lo < 2 * MIN_PIECE_MM) {
            return null;
        }
        return new double[] {lo, hi, height / alongside};
    }

    /**
     * The voxels parted into an upper and a lower needle: above and below {@code middle} first, then each voxel given to
     * the nearer of the two lines fitted to the parts, three times; null when a part is too small for a needle.
     */
    private static Run[] splitAlongZ(Vec3[] p, double[] w, SpaceCurve middle) {
        boolean[] upper = new boolean[p.length];
        for (int q = 0; q < p.length; q++) {
            upper[q] = p[q].z() > middle.at(middle.parameterOf(p[q])).z();
        }
        return parted(p, w, middle, upper);
    }

    /**
     * The voxels parted into two needles side by side in the axial plane: either side of {@code middle} across in the plane
     * first, then each voxel given to the nearer of the two lines fitted to the parts, three times ({@link #parted}); null when a
     * part is too small for a needle.
     */
    private static Run[] splitAcross(Vec3[] p, double[] w, SpaceCurve middle) {
        boolean[] left = new boolean[p.length];
        for (int q = 0; q < p.length; q++) {
            left[q] = signedAcrossMm(middle, middle.parameterOf(p[q]), p[q]) > 0;
        }
        return parted(p, w, middle, left);
    }

    /**
     * The voxels parted into the two needles whose first parts {@code upper} marks (changed), each voxel then given to the nearer of the
     * two lines fitted to the parts, three times; null when a part is too small for a needle.
     */
    private static Run[] parted(Vec3[] p, double[] w, SpaceCurve middle, boolean[] upper) {
        Run[] parts = null;
        for (int round = 0; round < 4; round++) {
            parts = new Run[2];
            for (int side = 0; side < 2; side++) {
                List<Integer> members = new ArrayList<>();
                for (int q = 0; q < p.length; q++) {
                    if (upper[q] == (side == 0)) {
                        members.add(q);
                    }
                }
                int[] m = indices(members, List.of());
                if (m.length < 8) {
                    return null;
                }
                Vec3[] pts = pick(p, m);
                double[] ws = pick(w, m);
                SpaceCurve c = refit(pts, ws, middle.axis(), 0);
                parts[side] = new Run(pts, ws, round == 3 ? refit(pts, ws, c.axis(), 1) : c);
            }
            if (round < 3) {
                for (int q = 0; q < p.length; q++) {
                    upper[q] = parts[0].curve().distance(p[q]) < parts[1].curve().distance(p[q]);
                }
            }
        }
        for (Run r : parts) {
            if (r.length() < MIN_PIECE_MM) {
                return null;
            }
        }
        return parts;
    }

    /**
     * Largest angle between two runs at their crossing for which the pairing of their halves is put to the test, degrees; runs
     * crossing at more than this in the axial plane are two needles, and the joining tests read each without the other's voxels
     * ({@link #withoutCrossers}).
     */
    static final double CROSSING_DEG = 10;
    /** The halves are paired the other way when that leaves at most this fraction of the in-plane misfit. */
    static final double SWAP_GAIN = 0.75;

    /**
     * The runs with the halves of any two that cross at a small angle paired the way that makes both straighter across. Two
     * needles that cross in projection at a few degrees, one or two thick slices apart along z (3030 needles 1 and 5: 2.5°
     * apart in the axial plane, 4.6 mm apart along z on 3 mm slices), both fit one tube for a stretch, and a run can take one
     * needle's voxels up to the crossing and the other's beyond it: such a run holds more voxels than either needle, since
     * for some millimetres it has both, and it reads as a needle rising from one slice to the next (needle 1 read 4.7° out of
     * the plane for 0.9°, needle 5 1.6° for 0.6°). Along z the two pairings cannot be told from the voxels (either staircase
     * fits a line), but across in the axial plane a wrong pairing is kinked by the needles' crossing angle: the halves are
     * re-paired when a straight line then fits each run's voxels across (in the axial plane) with at most
     * {@value #SWAP_GAIN} of the summed weighted squared misfit (3030: 0.27 against 0.53 mm²), and the voxels of both are
     * given to the nearer of the two new lines before each is refitted. Runs crossing at more than {@value #CROSSING_DEG}°
     * (the free-hand needle across a row) are left alone.
     */
    private static List<Run> untangled(List<Run> runs, double tube) {
        List<Run> out = new ArrayList<>(runs);
        for (int a = 0; a < out.size(); a++) {
            for (int b = a + 1; b < out.size(); b++) {
                Run[] swapped = swappedHalves(out.get(a), out.get(b), tube);
                if (swapped != null) {
                    out.set(a, swapped[0]);
                    out.set(b, swapped[1]);
                }
            }
        }
        return out;
    }

    /** The two runs with their halves beyond the crossing exchanged, or null when they do not cross or are straighter as they are. */
    private static Run[] swappedHalves(Run a, Run b, double tube) {
        double[] ra = range(a.points(), a.curve());
        double[] rb = range(b.points(), b.curve());
        double nearest = Double.MAX_VALUE;
        double at = Double.NaN;
        for (double t = ra[0] + MIN_PIECE_MM; t <= ra[1] - MIN_PIECE_MM; t += 1) {
            Vec3 x = a.curve().at(t);
            double tb = b.curve().parameterOf(x);
            double d = b.curve().distance(x);
            if (tb >= rb[0] + MIN_PIECE_MM && tb <= rb[1] - MIN_PIECE_MM && d < nearest) {
                nearest = d;
                at = t;
            }
        }
        if (nearest > tube) {
            return null;
        }
        Vec3 x = a.curve().at(at);
        Vec3 ua = a.curve().tangent(at);
        Vec3 ub = b.curve().tangent(b.curve().parameterOf(x));
        ub = ub.dot(ua) < 0 ? ub.times(-1) : ub;
        if (NeedleMatcher.angleDeg(ua, ub) > CROSSING_DEG) {
            return null;
        }
        List<Integer> aBefore = new ArrayList<>();
        List<Integer> aBeyond = new ArrayList<>();
        List<Integer> bBefore = new ArrayList<>();
        List<Integer> bBeyond = new ArrayList<>();
        Vec3[] p = concat(a.points(), b.points());
        double[] w = concatWeights(a, b);
        for (int q = 0; q < p.length; q++) {
            boolean ofA = q < a.points().length;
            boolean beyond = p[q].minus(x).dot(ofA ? ua : ub) >= 0;
            (ofA ? (beyond ? aBeyond : aBefore) : (beyond ? bBeyond : bBefore)).add(q);
        }
        int[] keptA = indices(aBefore, aBeyond);
        int[] keptB = indices(bBefore, bBeyond);
        int[] swapA = indices(aBefore, bBeyond);
        int[] swapB = indices(bBefore, aBeyond);
        if (swapA.length < 8 || swapB.length < 8) {
            return null;
        }
        SpaceCurve la = refit(pick(p, swapA), pick(w, swapA), ua, 0);
        SpaceCurve lb = refit(pick(p, swapB), pick(w, swapB), ub, 0);
        double kept = acrossMisfit(p, w, keptA, refit(pick(p, keptA), pick(w, keptA), ua, 0))
                + acrossMisfit(p, w, keptB, refit(pick(p, keptB), pick(w, keptB), ub, 0));
        if (acrossMisfit(p, w, swapA, la) + acrossMisfit(p, w, swapB, lb) > SWAP_GAIN * kept) {
            return null;
        }
        List<Integer> toA = new ArrayList<>();
        List<Integer> toB = new ArrayList<>();
        for (int q = 0; q < p.length; q++) {
            (la.distance(p[q]) <= lb.distance(p[q]) ? toA : toB).add(q);
        }
        int[][] groups = {indices(toA, List.of()), indices(toB, List.of())};
        Run[] out = new Run[2];
        for (int r = 0; r < 2; r++) {
            if (groups[r].length < 8) {
                return null;
            }
            Vec3[] pts = pick(p, groups[r]);
            double[] ws = pick(w, groups[r]);
            out[r] = new Run(pts, ws, refit(pts, ws, refit(pts, ws, (r == 0 ? la : lb).axis(), 0).axis(), 1));
        }
        return out;
    }

    /** Weighted mean squared distance of the members from the curve across it in the axial plane, mm². */
    private static double acrossMisfit(Vec3[] p, double[] w, int[] members, SpaceCurve curve) {
        double sum = 0;
        double total = 0;
        for (int q : members) {
            double t = curve.parameterOf(p[q]);
            Vec3 tangent = curve.tangent(t);
            double norm = Math.hypot(tangent.x(), tangent.y());
            if (norm < 1e-6) {
                continue;
            }
            Vec3 d = p[q].minus(curve.at(t));
            double across = (d.x() * tangent.y() - d.y() * tangent.x()) / norm;
            sum += w[q] * across * across;
            total += w[q];
        }
        return total > 0 ? sum / total : 0;
    }

    /** The indices of {@code a} then {@code b}. */
    private static int[] indices(List<Integer> a, List<Integer> b) {
        int[] out = new int[a.size() + b.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = k < a.size() ? a.get(k) : b.get(k - a.size());
        }
        return out;
    }

    /**
     * Joins runs that are pieces of one needle ({@link #pieces}): both at least {@value #MIN_PIECE_MM} mm, axes parallel,
     * the shorter's ends near the longer's extension and at most {@value #MAX_JOIN_GAP_MM} mm apart (a needle in air or
     * between two thick slices can fall below the metal level over a short stretch). A seed (4.5 mm) is never joined.
     */
    static List<Run> joinCollinear(Volume ct, List<Run> runs, double sliceMm) {
        double tube = tubeMm(ct);
        List<Run> out = new ArrayList<>(runs);
        Map<Run, Run> forJoining = new IdentityHashMap<>();
        for (Run r : out) {
            forJoining.put(r, withoutCrossers(r, out, tube));
        }
        boolean joined = true;
        while (joined) {
            joined = false;
            search:
            for (int a = 0; a < out.size(); a++) {
                for (int b = a + 1; b < out.size(); b++) {
                    Run ra = out.get(a);
                    Run rb = out.get(b);
                    if (ra.length() < MIN_PIECE_MM || rb.length() < MIN_PIECE_MM
                            || !pieces(ct, forJoining.get(ra), forJoining.get(rb), sliceMm)
                            || overAnothersEnd(ct, forJoining.get(ra), forJoining.get(rb), out, forJoining, sliceMm)) {
                        continue;
                    }
                    Vec3[] pts = concat(ra.points(), rb.points());
                    double[] ws = concatWeights(ra, rb);
                    SpaceCurve c = refit(pts, ws, ra.curve().axis(), 0);
                    c = refit(pts, ws, c.axis(), 1);
                    Run j = new Run(pts, ws, c);
                    out.set(a, j);
                    out.remove(b);
                    forJoining.put(j, withoutCrossers(j, out, tube));
                    joined = true;
                    break search;
                }
            }
        }
        return out;
    }

    /**
     * The run as the joining tests ({@link #pieces}) read it: less its voxels that lie nearer the curve of another run crossing
     * it at more than {@value #CROSSING_DEG}° in the axial plane ({@link #crossing}) than its own, and its curve fitted again to
     * the rest; the run itself where no run crosses it so, or where fewer than 8 voxels or less than {@value #MIN_PIECE_MM} mm
     * would remain. Where a needle crosses another within the tube, the run of either can hold the other's voxels over a few
     * millimetres there; on a long run they move its line little, but a short piece's end lies wherever they pull it, and the
     * tests' angle in the plane and offsets across then read partly the other needle's direction. 4210 needle 3 (5 mm box
     * slices) rises into the next slice where the free-hand needle 9 crosses 1.6 mm from its shaft; 13 of the 87 voxels of its
     * tip part's run (26.8 mm) lay nearer needle 9, and the two runs read 7.31° apart in the plane against 5°: left apart, the
     * tip 19.5 mm short, the needle a false one (without them 3.44°). 4217 needle 6: 5.29° and 2.61 mm across, without
     * needle 9's voxels 4.32° and 2.34 mm (thin). Only the tests read the cleaned run; a joined run keeps every voxel
     * (docs/needles.md, twenty-third round, branch {@code needlecross}).
     * <p>
     * "Nearer its own curve" is read from a curve that the crosser's voxels pull: where a steep needle's steel lies over
     * 10–14 mm of a flat needle's run in one slice, the run's line passes through that steel and the crosser's voxels lie
     * nearer it than the crosser's curve. So the run's voxels are judged again against the cleaned run's curve, up to
     * {@value #CROSSER_PASSES} passes, until the number dropped stops changing. 4955 needle 6 (5 mm Gaussian slices, 1.2° out
     * of the plane just under a slice boundary; needle 9 at 27.7° crossing its hub part's first 14 mm): one pass dropped 14 of
     * the hub part's 147 voxels and left its tip end 1.5 mm across from the needle, the tip part's far end 2.76 mm across its
     * extension against 2.5; the passes drop 25 and it reads 0.95 mm (docs/needles.md, thirty-second round, branch
     * {@code needlefalse14}).
     */
    private static Run withoutCrossers(Run run, List<Run> runs, double tube) {
        Run cleaned = withoutCrossers(run, run.curve(), runs, tube);
        for (int pass = 1; pass < CROSSER_PASSES && cleaned != run; pass++) {
            Run again = withoutCrossers(run, cleaned.curve(), runs, tube);
            if (again == run || again.points().length == cleaned.points().length) {
                break;
            }
            cleaned = again;
        }
        return cleaned;
    }

    /** Most passes of {@link #withoutCrossers}, each judging the run's voxels against the curve the one before left. */
    static final int CROSSER_PASSES = 4;

    /** One pass of {@link #withoutCrossers}: the run's voxels nearer a crossing run's curve than {@code own} dropped. */
    private static Run withoutCrossers(Run run, SpaceCurve own, List<Run> runs, double tube) {
        double[] range = range(run.points(), own);
        boolean[] drop = new boolean[run.points().length];
        int dropped = 0;
        for (Run other : runs) {
            if (other == run || !crossing(own, range, other, tube)) {
                continue;
            }
            double[] ro = range(other.points(), other.curve());
            for (int q = 0; q < drop.length; q++) {
                Vec3 p = run.points()[q];
                double t = other.curve().parameterOf(p);
                if (!drop[q] && t >= ro[0] - tube && t <= ro[1] + tube && other.curve().distance(p) < own.distance(p)) {
                    drop[q] = true;
                    dropped++;
                }
            }
        }
        if (dropped == 0 || drop.length - dropped < 8) {
            return run;
        }
        int[] kept = new int[drop.length - dropped];
        for (int q = 0, k = 0; q < drop.length; q++) {
            if (!drop[q]) {
                kept[k++] = q;
            }
        }
        Vec3[] pts = pick(run.points(), kept);
        double[] ws = pick(run.weights(), kept);
        SpaceCurve c = refit(pts, ws, refit(pts, ws, own.axis(), 0).axis(), 1);
        double[] r = range(pts, c);
        return r[1] - r[0] < MIN_PIECE_MM ? run : new Run(pts, ws, c);
    }

    /**
     * Whether the other run's curve comes within {@code tube} mm of {@code curve} inside both runs' extents (1 mm steps along
     * {@code curve}'s range {@code range}) and crosses it there at more than {@value #CROSSING_DEG}° in the axial plane (in space
     * where either lies steeper than 60° out of it, its direction in the plane then ill-defined). In the plane, not in space: a
     * needle 10–13° out of the plane on thick slices shows as its staircase's run and flat pieces of its own in the slices it
     * crosses, 10–13° apart in space but along one line in the plane (4137, set 4117: such a piece was left apart when the angle
     * in space was read).
     */
    private static boolean crossing(SpaceCurve curve, double[] range, Run other, double tube) {
        double[] ro = range(other.points(), other.curve());
        double nearest = Double.MAX_VALUE;
        double at = Double.NaN;
        for (double t = range[0]; t <= range[1]; t += 1) {
            Vec3 x = curve.at(t);
            double to = other.curve().parameterOf(x);
            if (to >= ro[0] && to <= ro[1]) {
                double d = other.curve().distance(x);
                if (d < nearest) {
                    nearest = d;
                    at = t;
                }
            }
        }
        if (nearest > tube) {
            return false;
        }
        Vec3 u = curve.tangent(at);
        Vec3 uo = other.curve().tangent(other.curve().parameterOf(curve.at(at)));
        double inPlane = Math.hypot(u.x(), u.y());
        double otherInPlane = Math.hypot(uo.x(), uo.y());
        if (inPlane < 0.5 || otherInPlane < 0.5) {
            return NeedleMatcher.angleDeg(u, uo.dot(u) < 0 ? uo.times(-1) : uo) > CROSSING_DEG;
        }
        double cos = Math.abs(u.x() * uo.x() + u.y() * uo.y()) / (inPlane * otherInPlane);
        return Math.toDegrees(Math.acos(Math.min(1, cos))) > CROSSING_DEG;
    }

    /**
     * The share of a run's voxels lying in other runs' reach above which it holds no steel of its own and is no needle
     * ({@link #othersSteel}).
     */
    static final double OTHERS_STEEL_SHARE = 0.8;
    /** How far across in the axial plane a voxel may lie from another run's curve to be that run's steel, mm (the echo test's). */
    static final double OTHERS_STEEL_ACROSS_MM = 2.5;

    /**
     * How far across in the axial plane a voxel in another run's own slice may lie from its curve to be that run's steel, mm:
     * an 18 G needle's diameter ({@link #othersSteelShare}).
     */
    static final double OTHERS_STEEL_SAME_SLICE_MM = 1.27;

    /**
     * Removes from {@code runs} (and their {@code ranges}) the runs whose steel is other runs' steel ({@link #othersSteel}),
     * and returns how many.
     */
    private static int withoutOthersSteel(List<Run> runs, List<double[]> ranges, double reachZMm, double sliceMm) {
        List<Vec3[]> voxels = new ArrayList<>();
        List<SpaceCurve> curves = new ArrayList<>();
        for (Run r : runs) {
            voxels.add(r.points());
            curves.add(r.curve());
        }
        List<Integer> dropped = othersSteel(voxels, curves, ranges, reachZMm, sliceMm);
        boolean[] drop = new boolean[runs.size()];
        for (int q : dropped) {
            drop[q] = true;
        }
        for (int q = runs.size() - 1; q >= 0; q--) {
            if (drop[q]) {
                runs.remove(q);
                ranges.remove(q);
            }
        }
        return dropped.size();
    }

    /**
     * The runs (their voxels, curves and extents along the curves) whose steel is other runs' steel, in the order they are
     * dropped: a run of which more than {@value #OTHERS_STEEL_SHARE} of the voxels lie within another run's reach
     * ({@link #othersSteelShare}) reads no steel of its own. On thick slices a needle shows in every slice whose centre lies
     * within the slice's reach of its line, and a run can be made of such second readings. 4358 (5 mm Gaussian, 12-bit):
     * needle 6 lies 0.1–1.5 mm above a boundary and shows in both slices; a 62.3 mm run in the slice beyond took its steel and,
     * at its deep end, where the steep needle 9 (25°) crosses that slice, needle 9's: the echo test refused it (7.06° apart in
     * the plane, 103 of its 132 voxels alongside needle 6), but all 132 lie in needle 6's or needle 9's reach: a 54.3 mm false
     * needle. 4359 (5 mm triangle): an 80.7 mm run stepped from needle 7's partial volume to needle 3's tip half two slices up
     * (two needles of one template column within about 1 mm in the plane, 10–14 mm apart along z) and was joined to needle 7's
     * hub piece in air: 0.882 of its voxels in the two needles' reach, a 131.5 mm false needle. A needle's own run holds its own
     * steel: where it crosses or converges on another needle a part of it lies in that needle's reach too (docs/needles.md,
     * twenty-fifth round, branch {@code needleecho2}, and its second part, branch {@code needlefalse7}). A run is not read
     * against a longer run whose tip part it is ({@link #tipPartOf}): a needle's own piece in the next slice. The run with the
     * largest share goes first (the shorter of two equal), and the shares are read again without it, so that of two readings
     * of one steel the one with steel of its own stays. A run beside another holding two needles' steel, with steel of its
     * own, is the second needle of a converging pair and stays ({@link #besideAPair}). On slices under 3 mm it is not asked
     * (not measured there). A voxel another run holds is that run's steel where that run holds no steel nearer its curve
     * there ({@link #othersReachOrHeld}).
     */
    static List<Integer> othersSteel(List<Vec3[]> voxels, List<SpaceCurve> curves, List<double[]> ranges, double reachZMm, double sliceMm) {
        List<Integer> dropped = new ArrayList<>();
        List<Integer> left = new ArrayList<>();
        for (int q = 0; q < voxels.size(); q++) {
            left.add(q);
        }
        List<Double> perMm = new ArrayList<>();
        for (int q = 0; q < voxels.size(); q++) {
            perMm.add(voxels.get(q).length / Math.max(1e-9, ranges.get(q)[1] - ranges.get(q)[0]));
        }
        double medianPerMm = median(perMm);
        while (left.size() > 1) {
            int worst = -1;
            double worstShare = OTHERS_STEEL_SHARE;
            for (int q : left) {
                List<SpaceCurve> otherCurves = new ArrayList<>();
                List<double[]> otherRanges = new ArrayList<>();
                List<Vec3[]> otherVoxels = new ArrayList<>();
                for (int o : left) {
                    if (o != q && !tipPartOf(curves.get(q), ranges.get(q), curves.get(o), ranges.get(o))) {
                        otherCurves.add(curves.get(o));
                        otherRanges.add(ranges.get(o));
                        otherVoxels.add(voxels.get(o));
                    }
                }
                boolean[] reached = othersReachOrHeld(voxels.get(q), otherVoxels, otherCurves, otherRanges, reachZMm, sliceMm);
                double share = shareOf(reached);
                if (share > OTHERS_STEEL_SHARE
                        && besideAPair(q, left, voxels, curves, ranges, otherCurves, reached, medianPerMm, reachZMm, sliceMm)) {
                    continue;
                }
                if (share > worstShare || worst >= 0 && share == worstShare
                        && ranges.get(q)[1] - ranges.get(q)[0] < ranges.get(worst)[1] - ranges.get(worst)[0]) {
                    worst = q;
                    worstShare = share;
                }
            }
            if (worst < 0) {
                break;
            }
            dropped.add(worst);
            left.remove(Integer.valueOf(worst));
        }
        return dropped;
    }

    /**
     * Whether a run (its curve and extent) lies as another's tip part: parallel to it in the axial plane within
     * {@value #TIP_PART_AZIMUTH_DEG}° (the joining's bound, {@link #parallel}), shorter, and wholly within the other's last
     * {@value #AXIS_CHORD_MM} mm at one end (2 mm beyond it allowed, as the reach). A needle a few degrees out of the plane crosses
     * into the next slice near its tip, and its tip part there is a piece of the needle, not a second reading of it: its steel
     * is the needle's own, read in the slice the needle lies in, where the longer run beside it reads the partial volume. 3685
     * (5 mm box): needle 5's 23.3 mm tip piece in the slice at -2.5 lay wholly in the reach of its own 146.4 mm run, 2.06° from
     * it in the plane and 4.3–27.6 mm from its end; scored against it (1.000) it was dropped and needle 5 missed
     * (docs/needles.md, twenty-fifth round, second part, branch {@code needlefalse7}).
     */
    static boolean tipPartOf(SpaceCurve curve, double[] range, SpaceCurve other, double[] otherRange) {
        if (range[1] - range[0] >= otherRange[1] - otherRange[0]) {
            return false;
        }
        Vec3 u = curve.axis();
        Vec3 uo = other.axis();
        double azimuth = Math.toDegrees(Math.abs(Math.atan2(uo.x() * u.y() - uo.y() * u.x(), uo.x() * u.x() + uo.y() * u.y())));
        if (Math.min(azimuth, 180 - azimuth) > TIP_PART_AZIMUTH_DEG) {
            return false;
        }
        double t0 = other.parameterOf(curve.at(range[0]));
        double t1 = other.parameterOf(curve.at(range[1]));
        double lo = Math.min(t0, t1);
        double hi = Math.max(t0, t1);
        return lo >= otherRange[0] - 2 && hi <= otherRange[0] + AXIS_CHORD_MM
                || hi <= otherRange[1] + 2 && lo >= otherRange[1] - AXIS_CHORD_MM;
    }

    /** Largest angle in the axial plane between a run and the longer run whose tip part it is ({@link #tipPartOf}), degrees. */
    static final double TIP_PART_AZIMUTH_DEG = 5;

    /**
     * The share of a run's voxels that lie within another run's reach: beside its curve inside its extent (2 mm beyond either
     * end, as the echo test reads it), within {@code reachZMm} along z (how far along z a needle's image reaches,
     * {@link NeedleCentreline#zSpreadMm}: a voxel at a slice's centre shows a needle whose line passes within the slice's reach
     * of it; two needles of one template column lie two slices apart and more, 4359's 10–14 mm), and across in the axial
     * plane within {@value #OTHERS_STEEL_ACROSS_MM} mm where the voxel lies off the other's own slice (a quarter of the slice
     * spacing {@code sliceMm} or more from its curve along z, as {@link #sideBySide} parts side-by-side needles from echoes),
     * within {@value #OTHERS_STEEL_SAME_SLICE_MM} mm (the needle's diameter) in it. A second reading is the needle's image in
     * another slice; in the needle's own slice steel beside its line farther than its diameter is another needle's: 3351's
     * needles 7 and 8, side by side in one 5 mm slice 1–4 mm apart, read 0.880 with the 2.5 mm bound there and one was dropped,
     * 0.722 with this one.
     */
    static double othersSteelShare(Vec3[] voxels, List<SpaceCurve> others, List<double[]> otherRanges, double reachZMm, double sliceMm) {
        return shareOf(othersReach(voxels, others, otherRanges, reachZMm, sliceMm));
    }

    /**
     * Which of a run's voxels are other runs' steel: within another run's reach ({@link #othersReach}), or held by another run
     * (a voxel of {@code otherVoxels}, the runs whose curves are {@code others}) that holds no steel nearer its curve at that
     * place ({@link #heldAsOwn}). The reach is read from a run's curve as refined before the z fit, and on thick slices that
     * curve can lie a slice away along z from some of the run's own voxels: 4506's needle 4 (5 mm triangle, 1.7° out of the
     * plane, its tip part in the slice at 7.5 and its hub part at 12.5) has its curve at z 12.4-12.5 over its whole length,
     * 5.01 mm from its own tip part's voxels at its tip end, past the slice's reach of 5. A third run taken through that tip
     * part, needle 4's partial volume behind it in the same slice and needle 8's in the slice at 2.5 read 0.790 by the reach
     * alone, 39 of its 186 voxels "its own", all of them needle 4's run's, where needle 4's run holds nothing nearer its curve:
     * under the bar, a 104.4 mm false needle; held counting too it reads 1.000. A run holding two needles' steel holds the
     * second needle's a slice or more from its curve beside its own steel on it, and that steel is the second needle's: 5189's
     * needle 3 (5 mm Gaussian, 1.8° out of the plane, in the slices at 2.5 and 7.5) lies wholly in the run of the needle 8.5 mm
     * below it (523 voxels), 5.0-9.0 mm along z from that run's curve where the run holds voxels 0.0-2.5 mm from it; counted
     * as held it read 0.83 and needle 3 was missed, not counted 0.22 (docs/needles.md, thirty-fourth round, branch
     * {@code needlefalse16}, and thirty-fifth round, branch {@code needlefalse17}).
     */
    static boolean[] othersReachOrHeld(Vec3[] voxels, List<Vec3[]> otherVoxels, List<SpaceCurve> others, List<double[]> otherRanges,
            double reachZMm, double sliceMm) {
        boolean[] in = othersReach(voxels, others, otherRanges, reachZMm, sliceMm);
        Map<Vec3, List<Integer>> holders = null;
        double[][][] holderOffsets = new double[others.size()][][];
        for (int k = 0; k < voxels.length; k++) {
            if (in[k]) {
                continue;
            }
            if (holders == null) {
                holders = new HashMap<>();
                for (int o = 0; o < otherVoxels.size(); o++) {
                    for (Vec3 v : otherVoxels.get(o)) {
                        holders.computeIfAbsent(v, x -> new ArrayList<>()).add(o);
                    }
                }
            }
            for (int o : holders.getOrDefault(voxels[k], List.of())) {
                if (holderOffsets[o] == null) {
                    holderOffsets[o] = offsets(otherVoxels.get(o), others.get(o));
                }
                if (heldAsOwn(offset(voxels[k], others.get(o)), holderOffsets[o], sliceMm)) {
                    in[k] = true;
                    break;
                }
            }
        }
        return in;
    }

    /**
     * Whether a voxel a run holds, at {@code off} from its curve ({@link #offset}: along, across, along z), is that run's own
     * steel though outside its reach: the run holds no voxel ({@code holderOffsets}) within {@value #OTHERS_STEEL_ACROSS_MM} mm
     * of it along the curve and beside the curve (across within {@value #OTHERS_STEEL_ACROSS_MM} mm) that lies half a slice
     * ({@code sliceMm}) or more nearer the curve along z. Voxels lie at the slices' centres, so a run's voxels at one place
     * along its curve lie in the same slice (0 apart in their distance from the curve) or a slice apart: where its curve passes
     * a slice off all of them (4506's needle 4 at its tip part: 5.0 mm, and 5.0 mm the nearest) they are its needle's, read
     * before the z fit; where it holds steel a slice nearer its curve (5189: the second needle's voxels 5.0-9.0 mm off, the
     * holder's own 0.0-2.5 mm at the same place, at least 4.9 mm nearer), the farther steel is a second needle's.
     */
    static boolean heldAsOwn(double[] off, double[][] holderOffsets, double sliceMm) {
        for (double[] w : holderOffsets) {
            if (Math.abs(w[0] - off[0]) <= OTHERS_STEEL_ACROSS_MM && w[1] <= OTHERS_STEEL_ACROSS_MM
                    && Math.abs(w[2]) <= Math.abs(off[2]) - sliceMm / 2) {
                return false;
            }
        }
        return true;
    }

    private static double[][] offsets(Vec3[] voxels, SpaceCurve curve) {
        double[][] out = new double[voxels.length][];
        for (int k = 0; k < voxels.length; k++) {
            out[k] = offset(voxels[k], curve);
        }
        return out;
    }

    /** Which of a run's voxels lie within another run's reach, as {@link #othersSteelShare} counts them. */
    static boolean[] othersReach(Vec3[] voxels, List<SpaceCurve> others, List<double[]> otherRanges, double reachZMm, double sliceMm) {
        boolean[] in = new boolean[voxels.length];
        for (int k = 0; k < voxels.length; k++) {
            Vec3 p = voxels[k];
            for (int o = 0; o < others.size(); o++) {
                double[] off = offset(p, others.get(o));
                double[] r = otherRanges.get(o);
                if (off[0] >= r[0] - 2 && off[0] <= r[1] + 2 && Math.abs(off[2]) <= reachZMm
                        && off[1] <= (Math.abs(off[2]) >= sliceMm / 4 ? OTHERS_STEEL_ACROSS_MM : OTHERS_STEEL_SAME_SLICE_MM)) {
                    in[k] = true;
                    break;
                }
            }
        }
        return in;
    }

    private static double shareOf(boolean[] in) {
        int n = 0;
        for (boolean b : in) {
            n += b ? 1 : 0;
        }
        return n / (double) in.length;
    }

    /** How many of a run's voxels lie in no other run's reach ({@link #othersReach}). */
    private static int ownVoxels(boolean[] reached) {
        int n = 0;
        for (boolean b : reached) {
            n += b ? 0 : 1;
        }
        return n;
    }

    /**
     * How many times the scan's median run's voxels per mm a run holds where it holds two needles' steel (a share): two
     * needles of one template column converging on the hub read as one run over its hub side, 4505's n6 run 4.04 voxels per
     * mm beside n5's run against the scan's median run's 2.41 (1.68), over the 80 mm of its 137 where it holds both.
     */
    static final double TWO_NEEDLES_PER_MM = 1.5;

    /**
     * Whether a run over the others'-steel bar ({@link #othersSteel}) is the second needle of a pair that another run holds:
     * the run that holds most of its steel in reach (its partner, {@link #partnerOf}) holds at least {@value #TWO_NEEDLES_PER_MM}
     * times the scan's median voxels per mm {@code medianPerMm} over the stretch beside it (two needles' steel), and the run has
     * steel of its own, at least a tip part's worth ({@value #TIP_PART_MM} mm at {@value #LEAST_LINE_VOXELS_PER_MM} voxels per
     * mm) outside every other run's reach: where two needles of one column converge, the run holding both reads the second
     * needle's steel too, and only the second needle's deep part, where they part, lies clear of it. A second reading of one
     * needle (4503, 5 mm triangle: two runs along n6, 0.8083 and 0.747 against each other) has a partner holding one needle's
     * steel, 0.65 times the median; 4505's n5 (0.8089 against n6's run, 4.04 voxels per mm beside it, 1.68 times the median; 56
     * voxels of its own at its deep end) was dropped and missed (docs/needles.md, twenty-sixth round, branch
     * {@code needlesteel8}).
     */
    private static boolean besideAPair(int q, List<Integer> left, List<Vec3[]> voxels, List<SpaceCurve> curves, List<double[]> ranges,
            List<SpaceCurve> asked, boolean[] reached, double medianPerMm, double reachZMm, double sliceMm) {
        if (ownVoxels(reached) < LEAST_LINE_VOXELS_PER_MM * TIP_PART_MM) {
            return false;
        }
        int partner = partnerOf(voxels.get(q), left, q, curves, ranges, asked, reachZMm, sliceMm);
        return partner >= 0 && voxelsPerMmAlongside(voxels.get(partner), curves.get(partner), ranges.get(partner), curves.get(q),
                ranges.get(q)) >= TWO_NEEDLES_PER_MM * medianPerMm;
    }

    /**
     * Of the runs {@code left} other than {@code q} whose curves are among those {@code asked}, the one in whose reach most of
     * {@code q}'s voxels lie ({@link #othersReach}), or -1 when none holds any.
     */
    private static int partnerOf(Vec3[] qVoxels, List<Integer> left, int q, List<SpaceCurve> curves, List<double[]> ranges,
            List<SpaceCurve> asked, double reachZMm, double sliceMm) {
        int partner = -1;
        int most = 0;
        for (int o : left) {
            if (o == q || !asked.contains(curves.get(o))) {
                continue;
            }
            boolean[] in = othersReach(qVoxels, List.of(curves.get(o)), List.of(ranges.get(o)), reachZMm, sliceMm);
            int n = in.length - ownVoxels(in);
            if (n > most) {
                most = n;
                partner = o;
            }
        }
        return partner;
    }

    /**
     * A run's voxels (on {@code curve}, extent {@code range}) per mm over the stretch of its curve beside another run's extent,
     * 0 where they overlap less than 1 mm.
     */
    private static double voxelsPerMmAlongside(Vec3[] voxels, SpaceCurve curve, double[] range, SpaceCurve beside, double[] besideRange) {
        double t0 = curve.parameterOf(beside.at(besideRange[0]));
        double t1 = curve.parameterOf(beside.at(besideRange[1]));
        double lo = Math.max(range[0], Math.min(t0, t1));
        double hi = Math.min(range[1], Math.max(t0, t1));
        if (hi - lo < 1) {
            return 0;
        }
        int n = 0;
        for (Vec3 p : voxels) {
            double t = curve.parameterOf(p);
            n += t >= lo && t <= hi ? 1 : 0;
        }
        return n / (hi - lo);
    }

    /**
     * The runs less those that are another run's echo in the neighbouring slice ({@link #echo}), but for a run and the run
     * {@code readAsTwo} pairs it with: two needles the image reads as two ({@link #eachNeeded}).
     */
    private static List<Run> withoutEchoes(List<Run> runs, double sliceMm, Map<Run, Run> readAsTwo) {
        List<Run> out = new ArrayList<>();
        for (Run r : runs) {
            boolean isEcho = false;
            for (Run other : runs) {
                isEcho |= other != r && readAsTwo.get(r) != other && other.length() > r.length() && r.length() >= MIN_PIECE_MM
                        && echo(r, other, sliceMm);
            }
            if (!isEcho) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Whether two runs are pieces of one needle. A piece lying within one thick slice has all its voxels on that slice, so
     * its tilt out of the axial plane is not seen (it reads as flat) to within atan(slice spacing / its length): the
     * pieces of a needle that crosses slices while it falls below the metal level between them (in air, where the tissue
     * under the partial volume is 1000 HU lower) form a staircase. So the axes must agree within 5° in the axial plane
     * and within 5° plus that angle out of it, and the shorter piece's ends lie within 2.5 mm of the longer piece's
     * extension across it in the axial plane and within 2.5 mm or one slice spacing and 0.5 mm along z (a needle that
     * crosses from one thick slice to the next at a shallow angle shows as two pieces one slice apart, side by side), plus,
     * for an end that lies beyond the longer's end along its axis, slice × d / L at a distance d beyond it — the longer's tilt
     * out of the plane is known to a slice over its length L, so its extension's z to that over d ({@link #outerPartInAir}'s
     * reading; 4955 needle 6's hub part, a two-slice staircase of 64.8 mm reading 5.4° against the needle's 1.2°, put its
     * tip part's far end, 53.8 mm beyond it, 7.13 mm off along z against 5.5; allowed 9.66) — or, for the needle's outer
     * part in air lying in the next slice beyond the longer's end, within {@link #outerPartInAir}'s allowance.
     * A shorter run with a strand of seeds' geometry beside the longer's end ({@link #strandBesideEnd}) whose voxels lie
     * {@value #PIECE_APART_MM} mm or more apart across from the longer's in the axial plane ({@link #apartInPlaneMm}) is no piece.
     */
    private static boolean pieces(Volume ct, Run a, Run b, double sliceMm) {
        Run longer = a.length() >= b.length() ? a : b;
        Run shorter = longer == a ? b : a;
        Vec3 ul = longer.curve().axis();
        if (!parallel(ul, shorter.curve().axis(), sliceMm, shorter.length())) {
            return false;
        }
        double[] rl = range(longer.points(), longer.curve());
        double[] rs = range(shorter.points(), shorter.curve());
        Vec3[] el = {longer.curve().at(rl[0]), longer.curve().at(rl[1])};
        Vec3[] es = {shorter.curve().at(rs[0]), shorter.curve().at(rs[1])};
        double gap = Double.MAX_VALUE;
        for (Vec3 x : el) {
            for (Vec3 y : es) {
                gap = Math.min(gap, x.distanceTo(y));
            }
        }
        if (gap > MAX_JOIN_GAP_MM) {
            return false;
        }
        double offsetZ = Math.max(2.5, sliceMm + 0.5);
        boolean offAlongZ = false;
        for (Vec3 y : es) {
            Vec3 r = y.minus(el[0]);
            Vec3 o = r.minus(ul.times(r.dot(ul)));
            if (Math.hypot(o.x(), o.y()) > 2.5) {
                return false;
            }
            double along = r.dot(ul);
            double beyond = Math.max(0, Math.max(along - el[1].minus(el[0]).dot(ul), -along));
            offAlongZ |= Math.abs(o.z()) > offsetZ + sliceMm * beyond / (rl[1] - rl[0]);
        }
        if (offAlongZ && !outerPartInAir(ct, longer, shorter, rl, rs, sliceMm)) {
            return false;
        }
        if (alongsideSecondNeedle(shorter, longer, rl, rs, sliceMm)) {
            return false;
        }
        if (sideBySide(shorter, longer, rl, rs, sliceMm)) {
            return false;
        }
        return !strandBesideEnd(ct, shorter, longer) || apartInPlaneMm(shorter, longer) < PIECE_APART_MM;
    }

    /**
     * Whether the shorter run has a strand of seeds' geometry beside the longer's end, on thick slices: it lies in one slice
     * (its voxels within half the slice spacing of each other along z: seeds 0.8 mm across never reach the next thick slice's
     * centre), it is at most {@value #STRAND_MAX_MM} mm long along its own curve (four seeds of 4.5 mm at 5 mm spacing,
     * blurred), and its stretch along the longer's curve reaches the longer's end or beyond. Only such a run is read for how
     * far apart across the two lie ({@link #apartInPlaneMm}): two long staircases of a parallel pair that a run took crossed
     * (4231 needles 6 and 7, 113 and 105 mm over four slices, 1.46 mm apart) are no strand, and refusing their join left a run
     * crossed from one needle to the other read as needle 7, 3.67° off, stated ±0.25°. Thick slices only (thicker than
     * {@value NeedleCentreline#THICK_SLICE_MM} mm): a needle 7° or more out of the plane steps through 3 mm slices every 25 mm
     * or less, so its steps have a strand's geometry there; on 3 mm 4775 two 12–13.5 mm runs beside the hub ends of needles
     * 10° out of the plane read 2.15–2.30 mm apart, and refused, needles 6 and 7 moved 0.22 → 0.44 and 0.13 → 0.37 mm
     * (docs/needles.md, twenty-eighth round).
     */
    private static boolean strandBesideEnd(Volume ct, Run shorter, Run longer) {
        if (ct.sliceProfileFwhmMm() <= NeedleCentreline.THICK_SLICE_MM || zSpanMm(shorter.points()) > ct.grid().dzMm() / 2
                || shorter.length() > STRAND_MAX_MM) {
            return false;
        }
        double[] rl = range(longer.points(), longer.curve());
        double[] on = range(shorter.points(), longer.curve());
        return on[0] <= rl[0] || on[1] >= rl[1];
    }

    /** Longest run read as a strand of seeds beside another run's end ({@link #strandBesideEnd}), mm. */
    static final double STRAND_MAX_MM = 25;

    /**
     * Whether the shorter of two runs that {@link #pieces} joins is another run's piece rather than the longer's: it has a
     * strand's geometry beside the longer's end ({@link #strandBesideEnd}), the longer holds its own slice's full steel under it
     * ({@link #steelUnderPiece} at least {@value #UNDER_PIECE_SHARE}: it does not leave its slice there), and another run of
     * {@code runs} (as the joining reads them, {@code forJoining}) takes it as its piece and fades under it (below
     * {@value #UNDER_PIECE_SHARE}): a needle going on in the next slice leaves its own slice where it enters the next. The
     * joining took the first pair it met: 5521 (box, 12-bit), needle 2's last 24 mm, in the slice below its hub part, lie 0.06 mm
     * across from the tip end of needle 6's run one slice further down in the same column; joined to needle 6's run (its
     * voxels under the piece 1.06 of its others) they made a 141.8 mm false needle and needle 6 was missed; needle 2's hub part
     * reads 0.42 under it. A piece no other run takes is joined as before (5267's seeds over its two needles' run, 1.14, no
     * other run: the column-pair cut there reads that run with them; docs/needles.md, fortieth round, branch
     * {@code needlemiss22}).
     */
    private static boolean overAnothersEnd(Volume ct, Run a, Run b, List<Run> runs, Map<Run, Run> forJoining, double sliceMm) {
        Run longer = a.length() >= b.length() ? a : b;
        Run shorter = longer == a ? b : a;
        if (!strandBesideEnd(ct, shorter, longer) || !(steelUnderPiece(shorter, longer) >= UNDER_PIECE_SHARE)) {
            return false;
        }
        for (Run r : runs) {
            Run c = forJoining.get(r);
            if (c == null || c == a || c == b || r.length() < MIN_PIECE_MM || c.length() <= shorter.length()) {
                continue;
            }
            if (pieces(ct, c, shorter, sliceMm) && steelUnderPiece(shorter, c) < UNDER_PIECE_SHARE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The longer run's mean voxel weight (its CT number over the follow level) over the stretch of its curve in which both runs
     * hold voxels, against its mean over the rest of its run; NaN where that stretch is shorter than {@value #PIECE_COMMON_MM} mm
     * or the rest shorter than {@value #AXIS_CHORD_MM} mm. A needle that goes on in the next slice leaves its own slice over
     * that stretch, its steel there shared with the next: its voxels there read less than along the rest of its run.
     */
    static double steelUnderPiece(Run shorter, Run longer) {
        SpaceCurve c = longer.curve();
        double[] rl = range(longer.points(), c);
        double[] rs = range(shorter.points(), c);
        double from = Math.max(rl[0], rs[0]);
        double to = Math.min(rl[1], rs[1]);
        if (to - from < PIECE_COMMON_MM || rl[1] - rl[0] - (to - from) < AXIS_CHORD_MM) {
            return Double.NaN;
        }
        double under = 0;
        int n = 0;
        double rest = 0;
        int m = 0;
        for (int k = 0; k < longer.points().length; k++) {
            double t = c.parameterOf(longer.points()[k]);
            if (t >= from && t <= to) {
                under += longer.weights()[k];
                n++;
            } else {
                rest += longer.weights()[k];
                m++;
            }
        }
        return n == 0 || m == 0 || rest <= 0 ? Double.NaN : under / n / (rest / m);
    }

    /**
     * The share of its other voxels' mean weight at which a run is read as holding its own slice's full steel under a piece in
     * the next slice ({@link #steelUnderPiece}): the pieces of a strand's geometry the joining read on ten seen 5 mm draws,
     * 0.28–0.72 (right joins to 0.71, 5157 needle 5: the longer needle fading where it enters the piece's slice), 5521's
     * neighbour's tip part 1.06 and 5267's seeds 1.14.
     */
    static final double UNDER_PIECE_SHARE = 0.85;

    /**
     * How far apart across in the axial plane two runs' voxels lie over the stretch of the longer's curve in which both hold
     * voxels, mm: the shorter's voxels' weighted median signed offset across the longer's curve in the plane, less the longer's
     * own voxels' there. 0 where that stretch is shorter than {@value #PIECE_COMMON_MM} mm (pieces end to end are not read so)
     * or the longer lies steeper than 60° out of the plane (across in the plane is then ill-defined).
     */
    private static double apartInPlaneMm(Run shorter, Run longer) {
        SpaceCurve c = longer.curve();
        double[] rl = range(longer.points(), c);
        double[] rs = range(shorter.points(), c);
        double from = Math.max(rl[0], rs[0]);
        double to = Math.min(rl[1], rs[1]);
        if (to - from < PIECE_COMMON_MM) {
            return 0;
        }
        double s = medianAcrossMm(shorter, c, from, to);
        double l = medianAcrossMm(longer, c, from, to);
        return Double.isNaN(s) || Double.isNaN(l) ? 0 : Math.abs(s - l);
    }

    /** The weighted median signed offset across {@code c} in the axial plane of the run's voxels within [from, to] along it, mm; NaN if none or steep. */
    private static double medianAcrossMm(Run run, SpaceCurve c, double from, double to) {
        List<double[]> o = new ArrayList<>();
        double total = 0;
        for (int k = 0; k < run.points().length; k++) {
            Vec3 p = run.points()[k];
            double t = c.parameterOf(p);
            if (t < from || t > to) {
                continue;
            }
            Vec3 tangent = c.tangent(t);
            double inPlane = Math.hypot(tangent.x(), tangent.y());
            if (inPlane < 0.5) {
                return Double.NaN;
            }
            Vec3 d = p.minus(c.at(t));
            o.add(new double[] {(d.y() * tangent.x() - d.x() * tangent.y()) / inPlane, run.weights()[k]});
            total += run.weights()[k];
        }
        if (o.isEmpty()) {
            return Double.NaN;
        }
        o.sort((x, y) -> Double.compare(x[0], y[0]));
        double sum = 0;
        for (double[] x : o) {
            sum += x[1];
            if (sum >= total / 2) {
                return x[0];
            }
        }
        return o.get(o.size() - 1)[0];
    }

    /**
     * How far apart across in the axial plane a strand of seeds' run lies from a longer run beside whose end it lies
     * ({@link #strandBesideEnd}) for the two to be no pieces of one needle ({@link #apartInPlaneMm}), mm: an 18 G needle's
     * diameter. The slices differ along z only, so a needle's steel seen in two neighbouring slices lies at one place across
     * wherever both show it; two objects whose centres lie a needle's diameter apart across are not one needle. Seen strands
     * joined beside a flat tip read 1.42–2.39 mm on the seen 5 mm sets (4605 n1: the tip pulled 1.49 mm across, the axis 2.27°
     * off, stated ±0.28 mm), needles' own tip parts of that geometry 0.00–0.12 mm; the largest reading left joined, 1.25 mm
     * (4604), is two needles' runs (docs/needles.md, twenty-eighth round, branch {@code needleaxis10}).
     */
    static final double PIECE_APART_MM = 1.27;
    /** Least stretch of the longer run's curve in which both runs hold voxels for {@link #apartInPlaneMm} to read them, mm. */
    static final double PIECE_COMMON_MM = 3;

    /**
     * Whether the shorter run is the longer's outer part in air, lying in the next slice beyond the longer's end: in air the tissue
     * under the steel's partial volume is 1000 HU lower, so where a needle rises into the next thick slice as it leaves the skin, the
     * slice it leaves can fall below the metal level while the next one still holds it, and its outer part is a flat run of its own
     * one slice above the run in tissue (4138 needle 6, 4141 needle 2 on 5 mm slices: runs of 23.7 and 37.8 mm, found as false
     * needles). Such a run lies in one slice, wholly beyond the longer's end along its axis (both its ends), and its end farther
     * from the longer is in air or at the scan's edge ({@link End#outside}: a strand of seeds lies in tissue, and a needle's own
     * run reaches tissue). Its voxels lie a slice spacing or so from the longer's line along z, and how far the image allows is
     * geometry, not a fixed margin: each of the two runs' voxels lies at the centre of a slice that holds the needle within half
     * the slice ({@code sliceMm}, the voxels' reach along z) of it, the longer's curve at its end lies where it lies from the
     * centre of the slice its last voxel is in, and the longer's tilt out of the plane is known to a slice over its length L
     * (its ends each within half a slice), so at a distance d beyond its end its line is known to that slice × d / L. A shorter's
     * end may so lie up to slice + |curve − its last voxel's slice centre| at the end + slice × d / L from the line through the
     * longer's end along its axis. The two cases' nearer ends: 5.80 mm against 6.37 (4138; 8.6 mm beyond, the curve 0.94 mm
     * from its slice centre) and 6.09 against 6.29 (4141; 1.8 mm beyond, 1.19 mm: thin), where one slice + 0.5 mm allowed 5.5
     * (docs/needles.md, twenty-second round).
     */
    private static boolean outerPartInAir(Volume ct, Run longer, Run shorter, double[] rl, double[] rs, double sliceMm) {
        if (zSpanMm(shorter.points()) > ct.grid().dzMm() / 2) {
            return false;
        }
        SpaceCurve cl = longer.curve();
        Vec3 ul = cl.axis();
        Vec3[] es = {shorter.curve().at(rs[0]), shorter.curve().at(rs[1])};
        // The longer's end nearer the shorter, and the outward direction there.
        Vec3 mid = shorter.curve().at((rs[0] + rs[1]) / 2);
        boolean high = cl.at(rl[1]).distanceTo(mid) < cl.at(rl[0]).distanceTo(mid);
        Vec3 end = cl.at(high ? rl[1] : rl[0]);
        Vec3 out = ul.dot(cl.at(rl[1]).minus(cl.at(rl[0]))) >= 0 == high ? ul : ul.times(-1);
        double lastVoxelZ = Double.NaN;
        double extreme = -Double.MAX_VALUE;
        for (Vec3 v : longer.points()) {
            double t = high ? cl.parameterOf(v) : -cl.parameterOf(v);
            if (t > extreme) {
                extreme = t;
                lastVoxelZ = v.z();
            }
        }
        double endFromCentre = Math.abs(end.z() - lastVoxelZ);
        double length = rl[1] - rl[0];
        double[] beyond = new double[2];
        for (int k = 0; k < 2; k++) {
            Vec3 r = es[k].minus(end);
            beyond[k] = r.dot(out);
            Vec3 o = r.minus(out.times(beyond[k]));
            if (beyond[k] < 0 || Math.hypot(o.x(), o.y()) > 2.5
                    || Math.abs(o.z()) > sliceMm + endFromCentre + sliceMm * beyond[k] / length) {
                return false;
            }
        }
        Polyline piece = new Polyline(shorter.curve(), rs[0], rs[1]);
        return end(ct, beyond[1] >= beyond[0] ? piece : piece.reversed()).outside();
    }

    /**
     * Whether the shorter run ({@value #AXIS_CHORD_MM} mm or more) lies alongside the longer over more than half its length, both
     * its curve's ends at least half the slice spacing {@code sliceMm} from the longer's curve along z, and its voxels part from
     * the longer's line across in the axial plane by {@value #ECHO_PARTING_MM} mm or more at one of its ends
     * ({@link #partingAcrossMm}): a second needle of the same template column a slice above or below, converging on the first —
     * no piece of it ({@link #pieces}), as it is no echo of it ({@link #echo}). A needle's own pieces lie one beyond the other, or
     * overlap where it crosses from one slice to the next; a run alongside it over most of its length is its echo, straight
     * above or below its steel, or a second reading of its own voxels, which meets its curve along z at one end. 3905 needle 7
     * (5 mm Gaussian slices; 5.9 degrees out of the plane, one slice below needle 3 in one column): its 95.5 mm run lay wholly
     * alongside needle 3's 125.7 mm run within the joining bounds, 3.52 mm or more from it along z and parting from its line by
     * 2.15 mm at one end, and was joined to it: missed. Runs alongside that part as much but come within 0.77–1.71 mm of the
     * longer along z at an end (5 mm: 3597, 3862; 3 mm: 3632, 0.91 mm) are a needle's own readings, and left joined: kept apart,
     * 3862 and 3632 gained false needles (docs/needles.md, nineteenth round).
     */
    private static boolean alongsideSecondNeedle(Run shorter, Run longer, double[] rl, double[] rs, double sliceMm) {
        if (rs[1] - rs[0] < AXIS_CHORD_MM) {
            return false;
        }
        double overlap = overlapMm(shorter, longer, rl, rs);
        if (2 * overlap <= rs[1] - rs[0]) {
            return false;
        }
        double apartZ = Math.min(Math.abs(offset(shorter.curve().at(rs[0]), longer.curve())[2]),
                Math.abs(offset(shorter.curve().at(rs[1]), longer.curve())[2]));
        double parting = partingAcrossMm(shorter, longer);
        return apartZ >= sliceMm / 2 && parting >= ECHO_PARTING_MM;
    }

    /** How long the shorter run's stretch {@code rs} lies alongside the longer's {@code rl}, along the longer's curve, mm (negative: apart). */
    private static double overlapMm(Run shorter, Run longer, double[] rl, double[] rs) {
        double t0 = longer.curve().parameterOf(shorter.curve().at(rs[0]));
        double t1 = longer.curve().parameterOf(shorter.curve().at(rs[1]));
        return Math.min(rl[1], Math.max(t0, t1)) - Math.max(rl[0], Math.min(t0, t1));
    }

    /** How far apart across two runs side by side must be at one of the shorter's ends to be two needles ({@link #sideBySide}), mm. */
    static final double PARTING_MM = 1.5;
    /** Largest angle between two runs side by side that are two needles ({@link #sideBySide}), degrees. */
    static final double SIDE_BY_SIDE_DEG = 3;

    /**
     * Whether the shorter run ({@value #AXIS_CHORD_MM} mm or more) and the longer are two needles side by side in one slice,
     * not pieces of one needle nor one needle's echo: parallel within {@value #SIDE_BY_SIDE_DEG}°, the shorter alongside the longer over more than half its length,
     * its middle within a quarter of the slice spacing of the longer's curve along z and both its ends within one slice
     * spacing, and at one of its ends at least {@value #PARTING_MM} mm from it across in the axial plane. Two needles of
     * one template column whose outer parts converge in one 5 mm slice (3351 needles 7 and 8: hubs 1.1 mm apart, tips 7 mm apart along the axis, 1–4 mm apart
     * across over 135 mm, crossing in the middle) give two runs side by side, parting by 2.5 mm at the tips; they were joined
     * as pieces of one needle, and needle 8 was missed. A needle's own pieces lie one beyond the other or one slice apart
     * (a shallow needle crossing from one slice to the next), its echo one slice apart; two runs of one needle's voxels (a
     * run taken again, or a reading of {@link #pairedAlongZ}) part by 0.3 mm at their ends (3369 needles 1 and 5). The
     * angle: an echo lies flat in one slice beside its needle crossing it and can part from it at a strayed end (3018
     * needle 6: 4.5° apart, 2.95 mm at the end, its middle 0.2 mm from the needle along z); the two needles of 3351, 1.8°.
     * The ends along z: two needles of one column two slices apart (3247 needles 1 and 5, Gaussian profile) both echo into
     * the slice between them, and the run there follows one needle at one end and the other at the other: its middle on
     * needle 5's curve, parting from it by 1.9 mm where it follows needle 1, and that end 5.5 mm from needle 5 along z, in
     * the next slice (its 67 mm run became an 86 mm false needle); the parting ends of 3351's two needles lie 4.1 mm apart along z.
     */
    private static boolean sideBySide(Run shorter, Run longer, double[] rl, double[] rs, double sliceMm) {
        if (rs[1] - rs[0] < AXIS_CHORD_MM) {
            return false;
        }
        double overlap = overlapMm(shorter, longer, rl, rs);
        double[] middle = offset(shorter.curve().at((rs[0] + rs[1]) / 2), longer.curve());
        double[] end0 = offset(shorter.curve().at(rs[0]), longer.curve());
        double[] end1 = offset(shorter.curve().at(rs[1]), longer.curve());
        double parting = Math.max(end0[1], end1[1]);
        Vec3 us = shorter.curve().axis();
        Vec3 ul = longer.curve().axis();
        return NeedleMatcher.angleDeg(ul, us.dot(ul) < 0 ? us.times(-1) : us) <= SIDE_BY_SIDE_DEG
                && overlap > (rs[1] - rs[0]) / 2 && Math.abs(middle[2]) < sliceMm / 4 && parting >= PARTING_MM
                && Math.max(Math.abs(end0[2]), Math.abs(end1[2])) < sliceMm;
    }

    /**
     * Whether two axes agree within 5°, or within 5° in the axial plane and 5° plus atan(zSpanMm / length) out of it (the
     * out-of-plane tilt of a piece {@code lengthMm} long lying within one slice is not seen: zSpanMm the slice spacing; an
     * echo's is bounded by its z bounds at both ends, {@link #echo}).
     */
    private static boolean parallel(Vec3 ul, Vec3 us, double zSpanMm, double lengthMm) {
        if (us.dot(ul) < 0) {
            us = us.times(-1);
        }
        if (NeedleMatcher.angleDeg(ul, us) <= 5) {
            return true;
        }
        double quantised = Math.toDegrees(Math.atan(zSpanMm / lengthMm));
        double elevation = Math.toDegrees(Math.abs(Math.asin(Math.max(-1, Math.min(1, ul.z()))) - Math.asin(Math.max(-1, Math.min(1, us.z())))));
        double azimuth = Math.toDegrees(Math.abs(Math.atan2(ul.x() * us.y() - ul.y() * us.x(), ul.x() * us.x() + ul.y() * us.y())));
        return azimuth <= 5 && elevation <= 5 + quantised;
    }

    /** The share of a run's voxels that must lie alongside a longer run for it to be that run's echo ({@link #echo}). */
    static final double ECHO_ALONGSIDE = 0.9;

    /**
     * Whether the shorter run is an echo of the longer in the neighbouring slice: a needle lying between two thick slices
     * shows in both, and the metal of the slice it is farther from forms a parallel run that lies alongside the needle:
     * its curve's ends and middle within one slice spacing + 2 mm of the longer's curve along z and within its extent (the
     * two runs' tilts out of the plane are quantised by the slices, so their ends can part by more than a slice along z), and
     * at least {@value #ECHO_ALONGSIDE} of its voxels within those bounds and 2.5 mm across in the axial plane. Across, its
     * voxels and not its ends: the curve fitted to an echo's voxels can stray at an end where they thin out (3018 needle 6:
     * the echo in the slice at −2.5 mm, 77 mm long, 176 of its 190 voxels alongside, but its fitted deep end 2.95 mm across
     * from the needle's curve, so it was kept, and became a false needle). Along z its ends: two needles of one template
     * column 6.7 mm apart along z (2310 needles 3 and 7) have most of their voxels within a slice + 2 mm of each other, and
     * when one run mixes the two along z the other needle's run parts from it by 8 mm at one end. Parallel in the axial plane within 5°; out of it, within 5° plus the tilt those
     * bounds leave (atan(2 × (slice spacing + 2 mm) / its length)): on 5 mm slices a run can take the needle's voxels in one
     * slice and its echo's in the next and read 15° out of the plane beside a needle at 2° (2642). Two needles side by side
     * in one slice are no echo ({@link #sideBySide}), nor is a run of {@value #AXIS_CHORD_MM} mm or more whose voxels part from
     * the longer's line across in the axial plane by {@value #ECHO_PARTING_MM} mm or more at one end ({@link #partingAcrossMm}): a
     * second needle of the same template column a slice above or below, converging on the first (eighteenth round).
     */
    private static boolean echo(Run shorter, Run longer, double sliceMm) {
        double zBoundMm = sliceMm + 2;
        if (sideBySide(shorter, longer, range(longer.points(), longer.curve()), range(shorter.points(), shorter.curve()), sliceMm)) {
            return false;
        }
        if (!parallel(longer.curve().axis(), shorter.curve().axis(), 2 * zBoundMm, shorter.length())) {
            return false;
        }
        double[] rl = range(longer.points(), longer.curve());
        double[] rs = range(shorter.points(), shorter.curve());
        for (double f : new double[] {0, 0.5, 1}) {
            double[] o = offset(shorter.curve().at(rs[0] + f * (rs[1] - rs[0])), longer.curve());
            if (o[0] < rl[0] - 2 || o[0] > rl[1] + 2 || Math.abs(o[2]) > zBoundMm) {
                return false;
            }
        }
        int alongside = 0;
        for (Vec3 p : shorter.points()) {
            double[] o = offset(p, longer.curve());
            alongside += o[0] >= rl[0] - 2 && o[0] <= rl[1] + 2 && o[1] <= 2.5 && Math.abs(o[2]) <= zBoundMm ? 1 : 0;
        }
        return alongside >= ECHO_ALONGSIDE * shorter.points().length
                && (rs[1] - rs[0] < AXIS_CHORD_MM || partingAcrossMm(shorter, longer) < ECHO_PARTING_MM);
    }

    /**
     * How far across in the axial plane the voxels of a run of {@value #AXIS_CHORD_MM} mm or more may part from a longer run's
     * curve at one of its ends for it to be that run's echo ({@link #partingAcrossMm}), mm. An echo is the needle's own partial
     * volume in the neighbouring slice, straight above or below its steel; on the twelve seen 5 mm and five 3 mm sets the echoes
     * of 40 mm and more read 0.00–1.35 mm (3647, and 3668 1.03: staircases of needles 6–11° out of the plane), the two second needles
     * 2.17 (3789 needle 6) and 2.55 mm (3851 needle 2): half way, thin on both sides (docs/needles.md, eighteenth round).
     */
    static final double ECHO_PARTING_MM = 1.75;

    /**
     * How far across in the axial plane the shorter run's voxels part from the longer's curve at one of the shorter's ends, mm:
     * the straight line fitted (weighted as the runs' curves) to their signed offsets across the longer's curve in the axial
     * plane against the place along it, read at the shorter's two ends, the larger. An echo lies on its needle's line in the
     * axial plane; a second needle of the same template column a slice above or below lies along the first within the echo
     * test's bounds but converges on it: 3851 needle 2, 5 mm above needle 6 and 1.8° apart from it in the axial plane, parts from
     * it by 2.55 mm at one end (0.62 at the other) and was dropped as its echo, missed; 3789 needle 6, 5.4–6 mm below needle 2,
     * by 2.17 mm. The voxels, not the curve's ends: the curve fitted to an echo can stray where its voxels thin out (3018 needle
     * 6's echo, 2.95 mm at its deep end). 0 where the longer run lies steeper than 60° out of the plane (across in the axial plane
     * is then ill-defined, and no such needle's echo lies along it).
     */
    private static double partingAcrossMm(Run shorter, Run longer) {
        double sw = 0;
        double st = 0;
        double so = 0;
        double stt = 0;
        double sto = 0;
        for (int k = 0; k < shorter.points().length; k++) {
            Vec3 p = shorter.points()[k];
            double w = shorter.weights()[k];
            double t = longer.curve().parameterOf(p);
            Vec3 tangent = longer.curve().tangent(t);
            double inPlane = Math.hypot(tangent.x(), tangent.y());
            if (inPlane < 0.5) {
                return 0;
            }
            Vec3 d = p.minus(longer.curve().at(t));
            double o = (d.y() * tangent.x() - d.x() * tangent.y()) / inPlane;
            sw += w;
            st += w * t;
            so += w * o;
            stt += w * t * t;
            sto += w * t * o;
        }
        double tm = st / sw;
        double om = so / sw;
        double variance = stt / sw - tm * tm;
        double slope = variance > 1e-9 ? (sto / sw - tm * om) / variance : 0;
        double parting = 0;
        for (double end : range(shorter.points(), shorter.curve())) {
            double t = longer.curve().parameterOf(shorter.curve().at(end));
            parting = Math.max(parting, Math.abs(om + slope * (t - tm)));
        }
        return parting;
    }

    /** Where {@code p} lies beside {@code curve}: the curve's parameter there, the offset across it in the axial plane and along z, mm. */
    private static double[] offset(Vec3 p, SpaceCurve curve) {
        double t = curve.parameterOf(p);
        Vec3 d = p.minus(curve.at(t));
        Vec3 tangent = curve.tangent(t);
        Vec3 o = d.minus(tangent.times(d.dot(tangent)));
        return new double[] {t, Math.hypot(o.x(), o.y()), o.z()};
    }

    private static Vec3[] concat(Vec3[] a, Vec3[] b) {
        Vec3[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Vec3[] pick(Vec3[] p, int[] members) {
        Vec3[] out = new Vec3[members.length];
        for (int k = 0; k < members.length; k++) {
            out[k] = p[members[k]];
        }
        return out;
    }

    private static double[] pick(double[] w, int[] members) {
        double[] out = new double[members.length];
        for (int k = 0; k < members.length; k++) {
            out[k] = w[members[k]];
        }
        return out;
    }

    /**
     * A run lying in one slice whose voxels step sideways in the axial plane by this much or more ({@link #sidewaysStep}) holds two
     * needles' steel end to end, mm: one needle's image is a straight (or gently bent) line 1.2-1.5 mm wide, continuous along it,
     * and the straight lines either side of any place along it meet there; where two parallel needles a few mm apart lie end to
     * end in one slice (one leaving it where the other enters) the run's tube can hold both, and the lines either side are the
     * needles' spacing apart. Cut: 4098 needles 7 and 6 (3 mm slices, 2.6-3.3 mm apart) 2.78 mm (thin), 4055 needles 4 and 3 (5 mm,
     * 6-7 mm apart) 6.06 mm. Not cut: 3685's run between stacked needles 2.24 and 4102's converging pair 2.23 (cut at 2 mm, the
     * first gave a false needle), right needles' runs of the seen sets run at most 1.86 mm (docs/needles.md, twenty-first round).
     */
    static final double SIDEWAYS_STEP_MM = 2.5;
    /** Each side's line of {@link #sidewaysStep} is fitted to the voxels up to this far from the place, mm. */
    static final double STEP_WINDOW_MM = 20;
    /** Least stretch of voxels on each side of a place that {@link #sidewaysStep} asks, mm. */
    static final double STEP_LEAST_MM = 10;
    /** The voxels this near the place are left out of both sides' lines, mm (the other needle's end and the slice boundary). */
    static final double STEP_GAP_MM = 2;
    /** The residual scale of the sides' robust lines, mm: about half a needle's image width. */
    static final double STEP_SCALE_MM = 0.5;

    /**
     * Where two needles lie side by side rather than end to end (two needles of one column converging on their hubs in one slice)
     * one side's line goes on past the step: at least this share of the voxels {@value #CONTINUING_FROM_MM}–{@value #STEP_WINDOW_MM}
     * mm beyond the place lie within {@value #CONTINUING_NEAR_MM} mm of the other side's line, and the run is not cut: 4045 needles
     * 1 and 2 (5 mm box, converging 3.3 mm apart): 0.53 and 0.58; cut on the seen sets at most 0.31 (4102 needles 7 and 8, converging
     * on their hubs in one 3 mm slice; 4098's end-to-end pair 0.24). Thin on both sides.
     */
    static final double CONTINUING_SHARE = 0.35;
    /** Where past the place the other side's line is looked for, mm (the stretch where both needles lie in the slice, nearer). */
    static final double CONTINUING_FROM_MM = 8;
    /** A voxel this near a line lies on it, mm: about half a needle's image width. */
    static final double CONTINUING_NEAR_MM = 0.75;

    /**
     * The place along the run's curve where its voxels step sideways the most in the axial plane, that step, mm, and the share of
     * the voxels beyond it on either side that lie on the other side's line ({@link #CONTINUING_SHARE}): at every mm a straight
     * line is fitted to the voxels' offsets across the curve on either side ({@value #STEP_GAP_MM} to {@value #STEP_WINDOW_MM} mm
     * from it, at least {@value #STEP_LEAST_MM} mm of them), and the two lines' offsets there differ by the step. Null when the
     * run is too short to tell.
     */
    private static double[] sidewaysStep(Vec3[] p, double[] w, SpaceCurve curve) {
        int n = p.length;
        double[] t = new double[n];
        double[] a = new double[n];
        Integer[] order = new Integer[n];
        for (int q = 0; q < n; q++) {
            t[q] = curve.parameterOf(p[q]);
            Vec3 tangent = curve.tangent(t[q]);
            double norm = Math.hypot(tangent.x(), tangent.y());
            Vec3 d = p[q].minus(curve.at(t[q]));
            a[q] = norm < 1e-6 ? 0 : (d.x() * tangent.y() - d.y() * tangent.x()) / norm;
            order[q] = q;
        }
        Arrays.sort(order, (x, y) -> Double.compare(t[x], t[y]));
        double lo = t[order[0]];
        double hi = t[order[n - 1]];
        double[] best = null;
        double[][] lines = null;
        for (double c = lo + STEP_GAP_MM + STEP_LEAST_MM; c <= hi - STEP_GAP_MM - STEP_LEAST_MM; c += 1) {
            double[] left = sideLine(order, t, a, w, c, c - STEP_WINDOW_MM, c - STEP_GAP_MM);
            double[] right = sideLine(order, t, a, w, c, c + STEP_GAP_MM, c + STEP_WINDOW_MM);
            if (left == null || right == null) {
                continue;
            }
            double step = Math.abs(left[0] - right[0]);
            if (best == null || step > best[1]) {
                best = new double[] {c, step, 0};
                lines = new double[][] {left, right};
            }
        }
        if (best != null) {
            double c = best[0];
            best[2] = Math.max(continuing(order, t, a, c, c + CONTINUING_FROM_MM, c + STEP_WINDOW_MM, lines[1], lines[0]),
                    continuing(order, t, a, c, c - STEP_WINDOW_MM, c - CONTINUING_FROM_MM, lines[0], lines[1]));
        }
        return best;
    }

    /**
     * The straight line (its offset at {@code c} and slope) through the offsets {@code a} of the points with t in [from, to], fitted robustly
     * (weights falling as 1 / (1 + (r / {@value #STEP_SCALE_MM} mm)²) of the residual, from least squares, four times), so that a
     * minority of voxels off the line — another needle crossing the slice, a seed beside the shaft, the other needle where both lie
     * in the tube — does not tilt it. Null: fewer than 8 points. {@code order} sorts the points by t.
     */
    private static double[] sideLine(Integer[] order, double[] t, double[] a, double[] w, double c, double from, double to) {
        double intercept = 0;
        double slope = 0;
        int low = 0;
        int high = order.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (t[order[mid]] < from) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        for (int iteration = 0; iteration < 5; iteration++) {
            double sw = 0, st = 0, stt = 0, sa = 0, sta = 0;
            int count = 0;
            for (int k = low; k < order.length && t[order[k]] <= to; k++) {
                int q = order[k];
                double u = t[q] - c;
                double r = iteration == 0 ? 0 : (a[q] - intercept - slope * u) / STEP_SCALE_MM;
                double wq = w[q] / (1 + r * r);
                sw += wq;
                st += wq * u;
                stt += wq * u * u;
                sa += wq * a[q];
                sta += wq * u * a[q];
                count++;
            }
            double det = sw * stt - st * st;
            if (count < 8 || det <= 1e-9) {
                return null;
            }
            intercept = (stt * sa - st * sta) / det;
            slope = (sw * sta - st * sa) / det;
        }
        return new double[] {intercept, slope};
    }

    /**
     * The share of the points with t in [from, to] that lie within {@value #CONTINUING_NEAR_MM} mm of the {@code other} side's
     * line and nearer it than their {@code own} side's (lines as {intercept at c, slope}).
     */
    private static double continuing(Integer[] order, double[] t, double[] a, double c, double from, double to, double[] own, double[] other) {
        int all = 0;
        int near = 0;
        for (int q : order) {
            if (t[q] < from || t[q] > to) {
                continue;
            }
            double u = t[q] - c;
            double fromOther = Math.abs(a[q] - other[0] - other[1] * u);
            all++;
            near += fromOther <= CONTINUING_NEAR_MM && fromOther < Math.abs(a[q] - own[0] - own[1] * u) ? 1 : 0;
        }
        return all == 0 ? 0 : (double) near / all;
    }

    /** The members on the side of {@code c} along the curve that holds the more voxels not yet taken by another run. */
    private static int[] freerSide(Vec3[] p, int[] members, boolean[] taken, SpaceCurve curve, double c) {
        int before = 0;
        int after = 0;
        for (int m : members) {
            if (!taken[m]) {
                before += curve.parameterOf(p[m]) < c ? 1 : 0;
                after += curve.parameterOf(p[m]) < c ? 0 : 1;
            }
        }
        boolean keepBefore = before >= after;
        return Arrays.stream(members).filter(m -> (curve.parameterOf(p[m]) < c) == keepBefore).toArray();
    }

    /** The pair of untaken points whose line passes within the tube of the most untaken points (null when no pair spans a needle). */
    private static int[] bestLine(Vec3[] p, boolean[] taken, SplittableRandom rnd, double tube) {
        int[] free = java.util.stream.IntStream.range(0, p.length).filter(q -> !taken[q]).toArray();
        if (free.length < 8) {
            return null;
        }
        int[] best = null;
        int bestCount = 0;
        for (int trial = 0; trial < LINE_TRIALS; trial++) {
            int a = free[rnd.nextInt(free.length)];
            int b = free[rnd.nextInt(free.length)];
            if (p[a].distanceTo(p[b]) < MIN_LENGTH_MM / 2) {
                continue;
            }
            Vec3 d = p[b].minus(p[a]).normalized();
            int count = 0;
            for (int q : free) {
                Vec3 r = p[q].minus(p[a]);
                if (r.minus(d.times(r.dot(d))).norm() <= tube) {
                    count++;
                }
            }
            if (count > bestCount) {
                bestCount = count;
                best = new int[] {a, b};
            }
        }
        return best;
    }

    /**
     * The points within the tube around the curve that form its longest run without a gap; points already taken by
     * another needle count too, so that a needle stays whole where it crosses one found before it.
     */
    private static int[] run(Vec3[] p, SpaceCurve curve, double tube) {
        List<int[]> stretches = stretches(p, curve, tube);
        if (stretches.isEmpty()) {
            return new int[0];
        }
        int[] best = {stretches.get(0)[0]};
        double bestLength = 0;
        for (int[] s : stretches) {
            double length = curve.parameterOf(p[s[s.length - 1]]) - curve.parameterOf(p[s[0]]);
            if (length > bestLength) {
                bestLength = length;
                best = s;
            }
        }
        return best;
    }

    /**
     * The longest run ({@link #run}) where it holds at least 8 untaken points; else the longest stretch without a gap that holds
     * 8 and spans at least {@value #MIN_PIECE_MM} mm, or the longest run where none does ({@link #continuingStretch}).
     */
    private static int[] untakenStretch(Vec3[] p, SpaceCurve curve, double tube, boolean[] taken) {
        int[] longest = run(p, curve, tube);
        if (untaken(longest, taken) >= 8) {
            return longest;
        }
        int[] best = longest;
        double bestLength = -1;
        for (int[] s : stretches(p, curve, tube)) {
            double length = curve.parameterOf(p[s[s.length - 1]]) - curve.parameterOf(p[s[0]]);
            if (untaken(s, taken) >= 8 && length >= MIN_PIECE_MM && length > bestLength) {
                bestLength = length;
                best = s;
            }
        }
        return best;
    }

    /** The points within the tube around the curve in stretches without a gap of more than {@value #MAX_GAP_MM} mm, in order along it. */
    private static List<int[]> stretches(Vec3[] p, SpaceCurve curve, double tube) {
        List<Integer> near = new ArrayList<>();
        for (int q = 0; q < p.length; q++) {
            if (curve.distance(p[q]) <= tube) {
                near.add(q);
            }
        }
        near.sort((a, b) -> Double.compare(curve.parameterOf(p[a]), curve.parameterOf(p[b])));
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= near.size(); k++) {
            if (k == near.size() || curve.parameterOf(p[near.get(k)]) - curve.parameterOf(p[near.get(k - 1)]) > MAX_GAP_MM) {
                out.add(near.subList(start, k).stream().mapToInt(Integer::intValue).toArray());
                start = k;
            }
        }
        return out;
    }

    /** The curve fitted to the points: a line first, then a parabola when the run is long enough to show a bend (a cubic wags at the ends of runs quantised by thick slices). */
    static SpaceCurve refit(Vec3[] p, double[] w, Vec3 axisHint, int iteration) {
        List<Vec3> pts = Arrays.asList(p);
        Vec3 sum = Vec3.ZERO;
        double total = 0;
        for (int k = 0; k < p.length; k++) {
            sum = sum.plus(p[k].times(w[k]));
            total += w[k];
        }
        Vec3 centre = sum.times(1 / total);
        Vec3 axis = principalAxis(pts, w, centre, axisHint);
        double[] range = range(p, new SpaceCurve(centre, axis, 1, new double[] {0}, new double[] {0}, new double[] {0}));
        double length = range[1] - range[0];
        int degree = iteration == 0 || length < 30 ? 1 : 2;
        return SpaceCurve.fit(pts, w, centre, axis, degree);
    }

    /** The weighted principal axis of the points by power iteration, signed like {@code hint}. */
    private static Vec3 principalAxis(List<Vec3> pts, double[] ws, Vec3 centre, Vec3 hint) {
        double[][] c = new double[3][3];
        for (int k = 0; k < pts.size(); k++) {
            Vec3 d = pts.get(k).minus(centre);
            double[] v = {d.x(), d.y(), d.z()};
            for (int r = 0; r < 3; r++) {
                for (int s = 0; s < 3; s++) {
                    c[r][s] += ws[k] * v[r] * v[s];
                }
            }
        }
        Vec3 a = hint;
        for (int it = 0; it < 50; it++) {
            a = new Vec3(c[0][0] * a.x() + c[0][1] * a.y() + c[0][2] * a.z(), c[1][0] * a.x() + c[1][1] * a.y() + c[1][2] * a.z(),
                    c[2][0] * a.x() + c[2][1] * a.y() + c[2][2] * a.z()).normalized();
        }
        return a.dot(hint) < 0 ? a.times(-1) : a;
    }

    private static double[] range(Vec3[] p, SpaceCurve curve) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (Vec3 v : p) {
            double t = curve.parameterOf(v);
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        return p.length == 0 ? new double[] {0, 0} : new double[] {lo, hi};
    }

    private static double extent(Vec3[] p) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Vec3 v : p) {
            lo[0] = Math.min(lo[0], v.x());
            lo[1] = Math.min(lo[1], v.y());
            lo[2] = Math.min(lo[2], v.z());
            hi[0] = Math.max(hi[0], v.x());
            hi[1] = Math.max(hi[1], v.y());
            hi[2] = Math.max(hi[2], v.z());
        }
        return Math.sqrt(Math.pow(hi[0] - lo[0], 2) + Math.pow(hi[1] - lo[1], 2) + Math.pow(hi[2] - lo[2], 2));
    }

    /**
     * Whether the scan's median profile {@code profile} (in-plane σ, box width, slice σ, mm) is a box edged no softer than the
     * in-plane blur (slice σ at most the in-plane σ: a box profile, whose edges only the steel's section and the reconstruction
     * blur) and wider than the slice thickness {@code thicknessMm}: a box alone wider than the slice is a wider profile than the
     * scanner's (a slice's thickness is its profile's FWHM, and a blurred box is at least as wide as its box), read so because
     * a shallow shaft inside one slice's flat top shows only its steel per mm over the box, which trade. On 3 mm box slices
     * the median came out 3.21 and 3.68 mm (5488, 5506; the fits' own σ 0.32 and 0.30 mm under their in-plane 0.48 and 0.56):
     * the end fits then read the steel of a tip whose last mm, bevel only, lie past a slice boundary into a slice the model
     * reaches too far, and placed two tips 1.20 and 1.25 mm short along the axis, stated ±0.05 and ±0.06 (docs/needles.md,
     * thirty-ninth round, branch {@code needlesilent21}). Triangle and Gaussian scans read as a box ⊗ a slice σ of 0.8 mm and
     * more, beyond their in-plane σ (0.47-0.61 mm), and keep their median.
     */
    static boolean sharpBoxWiderThanTheSlice(double[] profile, double thicknessMm) {
        return profile[1] > thicknessMm && profile[2] <= profile[0];
    }

    /**
     * Each run's end fitted ({@link #describe}) into {@code fits} with the usual bevel and the slice profile {@code profile} (null:
     * each end its own), the runs side by side: a run's fit reads nothing of the others' but their curves. {@code endsDeferred}:
     * each end looked for only when its fit is first asked more than its profile ({@link NeedleEndFit#of}).
     */
    private void fitEnds(Volume ct, List<Run> runs, List<double[]> ranges, double clipHu, Map<Run, NeedleEndFit> fits, double[] profile,
            boolean endsDeferred) {
        List<Map<Run, NeedleEndFit>> each = java.util.stream.IntStream.range(0, runs.size()).parallel().mapToObj(q -> {
            Map<Run, NeedleEndFit> one = new IdentityHashMap<>();
            describe(ct, runs.get(q), ranges.get(q), clipHu, one, bevelsMm.length == 1 ? 0 : NeedleEndFit.USUAL_BEVEL, profile,
                    others(runs, ranges, q), false, 0, Double.NaN, endsDeferred);
            return one;
        }).toList();
        each.forEach(fits::putAll);
    }

    /**
     * Which end is the tip, where the tip lies, and the needle's path and axis; null when the run is no inserted needle:
     * a needle crosses the skin, so one end of its steel is in air or outside the scan, while a strand of seeds lies
     * wholly in tissue and a piece of a needle's outer part wholly in air. {@code alongAxis}: whether the tip's place along the
     * axis is weighed ({@link NeedleEndFit#tipAxisUncertaintyMm}; else NaN, for the ends' passes, which keep only the fits).
     */
    private FoundNeedle describe(Volume ct, Run run, double[] range, double clipHu, Map<Run, NeedleEndFit> fits, int bevel, double[] profile,
            List<NeedleCentreline.Extent> others, boolean alongAxis, double leastMassPerMm) {
        return describe(ct, run, range, clipHu, fits, bevel, profile, others, alongAxis, leastMassPerMm, Double.NaN);
    }

    /** {@link #describe}, the end fit's first shaft given {@code massPerMm} of steel per mm (NaN: fitted; {@link NeedleEndFit#of}). */
    private FoundNeedle describe(Volume ct, Run run, double[] range, double clipHu, Map<Run, NeedleEndFit> fits, int bevel, double[] profile,
            List<NeedleCentreline.Extent> others, boolean alongAxis, double leastMassPerMm, double massPerMm) {
        return describe(ct, run, range, clipHu, fits, bevel, profile, others, alongAxis, leastMassPerMm, massPerMm, false);
    }

    /**
     * {@link #describe}; when {@code endDeferred}, the end fit's end is looked for only when the fit is first asked more than its
     * profile ({@link NeedleEndFit#of}), and no needle is described (null): for an ends' pass that keeps the fits alone.
     */
    private FoundNeedle describe(Volume ct, Run run, double[] range, double clipHu, Map<Run, NeedleEndFit> fits, int bevel, double[] profile,
            List<NeedleCentreline.Extent> others, boolean alongAxis, double leastMassPerMm, double massPerMm, boolean endDeferred) {
        SpaceCurve curve = run.curve();
        Polyline line = new Polyline(curve, range[0], range[1]);
        End low = end(ct, line.reversed());
        End high = end(ct, line);
        boolean tipHigh;
        boolean certain;
        boolean hubAtEdge;
        if (!low.outside() && !high.outside()) {
            // Both ends in tissue: a strand of seeds, or a needle whose outer part a converging neighbour's run has taken.
            Polyline walkedHigh = steelFollowed(ct, line, others);
            Polyline walkedLow = steelFollowed(ct, line.reversed(), others);
            Polyline beyondHigh = reachesAir(ct, line, walkedHigh);
            Polyline beyondLow = reachesAir(ct, line.reversed(), walkedLow);
            if (beyondHigh == null && beyondLow == null) {
                // Neither end's steel followed to air: where one end's rings hold air (their lower fifth below SKIN_HU) and the
                // other's do not, the first is the skin's and the run a needle's (a strand of seeds lies wholly in tissue, and is
                // shorter than AXIS_CHORD_MM: four seeds end to end, 20 mm). Each end is read where its steel was followed to,
                // too: the needle's steel goes on to the skin ({@link #atSkin}).
                boolean lowAtSkin = atSkin(ct, low, line.reversed(), walkedLow);
                boolean highAtSkin = atSkin(ct, high, line, walkedHigh);
                if (lowAtSkin == highAtSkin || line.length() < AXIS_CHORD_MM) {
                    return null;
                }
                tipHigh = lowAtSkin;
                certain = true;
                hubAtEdge = false;
            } else if (beyondHigh != null && beyondLow != null) {
                return null;
            } else {
                tipHigh = beyondLow != null;
                line = tipHigh ? beyondLow.reversed() : beyondHigh;
                certain = true;
                hubAtEdge = !ct.grid().contains(tipHigh ? line.point(0) : line.last());
            }
        } else if (low.outside() != high.outside()) {
            tipHigh = low.outside();
            certain = true;
            hubAtEdge = (tipHigh ? low : high).atEdge();
        } else if (surroundingHu(ct, line, 0, line.length(), 0.5) < AIR_HU) {
            return null;
        } else {
            tipHigh = high.surroundingHu() >= low.surroundingHu();
            certain = false;
            hubAtEdge = (tipHigh ? low : high).atEdge();
        }
        if (!tipHigh) {
            line = line.reversed();
        }
        Polyline toTip = line;
        double end = line.length();
        boolean clipped = clipped(run, clipHu, followLevelHu(ct));
        NeedleEndFit fit = fits.containsKey(run) ? fits.get(run)
                : NeedleEndFit.of(ct, toTip.at(end), toTip.direction(end), clipped ? clipHu : Double.POSITIVE_INFINITY, end, bevelsMm,
                        profile, s -> ownSteel(toTip.at(end), toTip.direction(end), s, tubeMm(ct), others),
                        s -> steelGoesOn(ct, toTip.at(end), toTip.direction(end), s)
                                && ownSteel(toTip.at(end), toTip.direction(end), s + STEEL_FROM_TIP_MM + NeedleEndFit.STEEL_GOES_ON_MM, tubeMm(ct), others),
                        leastMassPerMm, massPerMm, endDeferred);
        if (fit != null) {
            fits.put(run, fit);
        }
        if (endDeferred) {
            return null;
        }
        // The fitted end wherever the shaft behind it could be fitted (clipped or not: on 3 mm slices it placed unclipped tips
        // within 1 mm 233 times of 240 where the steel's mass did 224 times); the steel's mass along the axis where it could not.
        double tipS = fit != null ? fit.tipOffsetMm(bevel)
                : clipped ? Double.NaN : SteelMassTip.offset(ct, s -> toTip.at(end + s), toTip.direction(end),
                        bevelsMm.length > 1 ? SteelMassTip.BEVEL_LENGTH_MM : bevelsMm[bevel]);
        if (Double.isNaN(tipS)) {
            tipS = tipOffset(ct, line);
        }
        List<Vec3> path = new ArrayList<>();
        double length = line.length();
        for (double s = 0; s < length + tipS; s += 2) {
            path.add(line.at(s));
        }
        Vec3 tip = line.at(length + tipS);
        path.add(tip);
        Vec3 back = line.at(Math.max(0, length + tipS - AXIS_CHORD_MM));
        double rms = 0;
        for (Vec3 v : run.points()) {
            rms += Math.pow(curve.distance(v), 2);
        }
        double zUncertainty = fit == null || profile == null ? 0 : fit.tipZUncertaintyMm(path, AXIS_CHORD_MM);
        // The statement along the axis only for the needle reported (the ends' passes keep their fits alone): NaN otherwise.
        double axisUncertainty = !alongAxis ? Double.NaN : fit == null ? NeedleEndFit.UNBOUNDED_ALONG_AXIS_MM : fit.tipAxisUncertaintyMm(bevel);
        double inPlaneUncertainty = !alongAxis ? Double.NaN : tipInPlaneUncertaintyMm(run.points(), run.weights(), curve, tip);
        return new FoundNeedle(tip, line.point(0), tip.minus(back).normalized(), length + tipS, path,
                hubAtEdge, certain, Math.sqrt(rms / run.points().length), zUncertainty, axisUncertainty, 0, inPlaneUncertainty);
    }

    /**
     * The stretch along a run's centreline over which its voxels' offsets across it in the slices' plane are averaged
     * ({@link #tipInPlaneUncertaintyMm}), mm: a few voxels' length and several mm of steel per piece, so that a piece's mean is
     * one reading of where the needle lies across (the voxels of one cross-section are one blurred needle, not independent
     * readings of it).
     */
    static final double IN_PLANE_PIECE_MM = 5;

    /**
     * How far across the needle in the slices' plane its tip {@code tip} may lie from the run's centreline {@code curve}, mm
     * ({@link FoundNeedle#tipInPlaneUncertaintyMm}). The tip's place across the needle in the plane is the centreline's there
     * (step 6; the end fit moves it along the axis, and across only for steep needles on thick slices): what the image holds
     * of it is how well the run's voxels hold the centreline at the tip. Each voxel's offset across the curve in the plane
     * (along the horizontal normal of its tangent) is averaged, weighted, over every {@value #IN_PLANE_PIECE_MM} mm along the
     * curve; the pieces' means are fitted by a polynomial of the curve's own degree (each piece one reading), and the
     * statement is two standard deviations of that fit at the tip — its residuals' spread (the noise, the streaks and the steel's
     * staircase through the slices, as the pieces show them) times the fit's leverage there, which grows where the tip lies past
     * the run's end or near it — plus how far the pieces' fit lies from the centreline at the tip (the two weigh the voxels
     * differently; a bend or a partial piece at the end parts them). 0 for a needle along z, or a run of fewer pieces than the
     * fit needs and one more. Where the run's voxels within {@value #TIP_STEEL_WINDOW_MM} mm of the tip along the curve spread
     * across it in the plane wider than one needle's steel ({@value #ONE_NEEDLE_ACROSS_MM} mm), the run holds other steel beside the
     * needle there (a strand of seeds, a missed neighbour's shaft, a crossing needle) and its centreline may lie anywhere between
     * them: the statement is at least that spread ({@link #steelAcrossAtTipMm}).
     */
    static double tipInPlaneUncertaintyMm(Vec3[] points, double[] weights, SpaceCurve curve, Vec3 tip) {
        int coefficients = curve.cx().length;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        double[] t = new double[points.length];
        for (int k = 0; k < points.length; k++) {
            t[k] = curve.parameterOf(points[k]);
            lo = Math.min(lo, t[k]);
            hi = Math.max(hi, t[k]);
        }
        int m = points.length == 0 ? 0 : (int) Math.floor((hi - lo) / IN_PLANE_PIECE_MM) + 1;
        double[] sw = new double[m];
        double[] swt = new double[m];
        double[] swa = new double[m];
        Vec3 up = new Vec3(0, 0, 1);
        for (int k = 0; k < points.length; k++) {
            Vec3 across = curve.tangent(t[k]).cross(up);
            if (across.norm() < 1e-6) {
                return 0;
            }
            double a = points[k].minus(curve.at(t[k])).dot(across.times(1 / across.norm()));
            int j = Math.min(m - 1, (int) ((t[k] - lo) / IN_PLANE_PIECE_MM));
            sw[j] += weights[k];
            swt[j] += weights[k] * t[k];
            swa[j] += weights[k] * a;
        }
        List<double[]> pieces = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (sw[j] > 0) {
                pieces.add(new double[] {swt[j] / sw[j], swa[j] / sw[j]});
            }
        }
        int n = pieces.size();
        if (n <= coefficients || curve.tangent(curve.parameterOf(tip)).cross(up).norm() < 1e-6) {
            return 0;
        }
        double mid = (lo + hi) / 2;
        double half = Math.max(1, (hi - lo) / 2);
        double[][] xtx = new double[coefficients][coefficients];
        double[] xta = new double[coefficients];
        for (double[] piece : pieces) {
            double[] x = powers((piece[0] - mid) / half, coefficients);
            for (int r = 0; r < coefficients; r++) {
                for (int c = 0; c < coefficients; c++) {
                    xtx[r][c] += x[r] * x[c];
                }
                xta[r] += x[r] * piece[1];
            }
        }
        double[][] inverse = inverse(xtx);
        double[] beta = new double[coefficients];
        for (int r = 0; r < coefficients; r++) {
            for (int c = 0; c < coefficients; c++) {
                beta[r] += inverse[r][c] * xta[c];
            }
        }
        double squares = 0;
        for (double[] piece : pieces) {
            double[] x = powers((piece[0] - mid) / half, coefficients);
            double r = piece[1];
            for (int c = 0; c < coefficients; c++) {
                r -= beta[c] * x[c];
            }
            squares += r * r;
        }
        double[] x = powers((curve.parameterOf(tip) - mid) / half, coefficients);
        double leverage = 0;
        double atTip = 0;
        for (int r = 0; r < coefficients; r++) {
            atTip += beta[r] * x[r];
            for (int c = 0; c < coefficients; c++) {
                leverage += x[r] * inverse[r][c] * x[c];
            }
        }
        double statement = 2 * Math.sqrt(squares / (n - coefficients) * leverage) + Math.abs(atTip);
        double spread = steelAcrossAtTipMm(points, t, curve, curve.parameterOf(tip));
        return spread > ONE_NEEDLE_ACROSS_MM ? Math.max(statement, spread) : statement;
    }

    /**
     * The stretch along the curve on either side of the tip whose voxels are read for other steel beside the needle
     * ({@link #steelAcrossAtTipMm}), mm: the end piece of {@link #IN_PLANE_PIECE_MM} and the one behind it, the stretch the tip's
     * place across is carried from (a tip lies a few mm past its run's last voxels).
     */
    static final double TIP_STEEL_WINDOW_MM = 2 * IN_PLANE_PIECE_MM;

    /**
     * How far across in the slices' plane one needle's own voxels near its tip spread at most, mm ({@link #steelAcrossAtTipMm}):
     * an 18 G needle's steel blurred by the scanner on a 0.75 mm grid reads a median 1.2–1.3 mm and at most 2.47 (5532 n9, the
     * free-hand needle) on the 1,431 needles of six seen draws (5 mm 5389, 5437, 5461, 5509; 3 mm 5341, 5485) that hold no
     * other steel there; runs holding a strand of seeds or a missed neighbour's shaft beside the tip read 3.59–4.71 (5437 n8,
     * 5450 n5, 5531 n2; 5398 n6 3.68, not traced), one holding a crossing needle's 4.57 (5442 n4, its tip right), and 5410 n4
     * 3.11 (right, not traced; docs/needles.md, fortieth round, branch {@code needleplane22}). Between the two.
     */
    static final double ONE_NEEDLE_ACROSS_MM = 3;

    /**
     * The spread across the curve in the slices' plane (the largest offset less the smallest, along the horizontal normal of the
     * curve's tangent at each voxel's parameter {@code t}) of the run's voxels within {@link #TIP_STEEL_WINDOW_MM} of the tip's
     * parameter {@code tipT}, mm; 0 where none lies there. Every voxel of the run counts, those nearer another run's curve too:
     * a strand of seeds is a run of its own until it is dropped, and leaving such voxels out left 5450 n5's strand out (its
     * spread 3.64 → 0.92).
     */
    static double steelAcrossAtTipMm(Vec3[] points, double[] t, SpaceCurve curve, double tipT) {
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        Vec3 up = new Vec3(0, 0, 1);
        for (int k = 0; k < points.length; k++) {
            if (Math.abs(t[k] - tipT) > TIP_STEEL_WINDOW_MM) {
                continue;
            }
            Vec3 across = curve.tangent(t[k]).cross(up);
            double a = points[k].minus(curve.at(t[k])).dot(across.times(1 / across.norm()));
            low = Math.min(low, a);
            high = Math.max(high, a);
        }
        return high >= low ? high - low : 0;
    }

    /**
     * How far apart across the needle in the slices' plane the steel of two slices near the tip may lie and still be one needle's,
     * mm ({@link #shaftsSliceAcrossMm}): a needle crossing a slice boundary keeps one line across both slices, and the window's
     * two slices' weighted mean offsets (each slice holding at least a fifth of the window's weight) lie at most 0.31 mm apart on
     * the 1,915 needles of eight seen draws (5 mm 5437, 5509, 5581, 5605, 5653, 5677; 3 mm 5485, 5629) that hold no other steel
     * there (5628 n7; then 5684 0.27, 0.24, 5448 n9 0.22); runs holding other steel in the next slice beside the tip read
     * 0.81–2.15 (5683 n6 0.81, 5601 n5, 5531 n1, 5617 n7, 5437 n8 2.15; docs/needles.md, forty-first round, branch
     * {@code needleplane23}, and forty-second round, branch {@code needleplane24}). Between the two.
     */
    static final double TWO_SLICES_APART_MM = 0.6;

    /**
     * {@code needle} with its tip moved across the axis in the slices' plane onto the steel of its shaft's slice, where the run's
     * voxels within {@link #TIP_STEEL_WINDOW_MM} of the tip along the curve lie in two slices further apart across than one
     * needle's steel ({@link #shaftsSliceAcrossMm}), and its in-plane statement made at least half that gap; unchanged
     * elsewhere. Such a run holds the needle in one slice and other steel in the next (a strand of seeds beside the tip, which
     * the refined centreline, fitted to both, lies between): the tip's place across is the centreline's (step 6), so it lay
     * between them, towards the other steel. 5617 n7 (box 5 mm; 1.24 mm across, stated ±0.47): its own steel +0.99 mm across
     * the centreline in the slice at −2.5, a strand's −0.75 in the slice at 2.5. The shaft's slice's mean is read over the
     * window, where the centreline bends towards the other steel, so it under-reads the tip's offset: the statement is at least
     * half the gap (the tip placed on its shaft's side of the middle). Where the centreline does not lie between the two slices'
     * steel (both means on one side of it, or no slice holds the shaft behind the window) the shaft's slice does not say where
     * the needle lies: the tip stays and its statement is the gap more (5683 n6: +0.25 and +1.06, the tip 0.66 mm across on the
     * other side). The axis is kept. docs/needles.md, forty-second round, branch {@code needleplane24}.
     */
    static FoundNeedle onShaftsSlice(FoundNeedle needle, Run run) {
        SpaceCurve curve = run.curve();
        double tipT = curve.parameterOf(needle.tipMm());
        double[] placed = shaftsSliceAcrossMm(run.points(), run.weights(), curve, tipT, curve.parameterOf(needle.hubSideEndMm()));
        if (placed == null) {
            return needle;
        }
        if (Double.isNaN(placed[0])) {
            return new FoundNeedle(needle.tipMm(), needle.hubSideEndMm(), needle.axisAtTip(), needle.visibleLengthMm(), needle.pathMm(),
                    needle.leavesFieldOfView(), needle.tipCertain(), needle.fitRmsMm(), needle.tipZUncertaintyMm(),
                    needle.tipAxisUncertaintyMm(), needle.axisUncertaintyDeg(), needle.tipInPlaneUncertaintyMm() + placed[1]);
        }
        Vec3 across = curve.tangent(tipT).cross(new Vec3(0, 0, 1));
        Vec3 tip = needle.tipMm().plus(across.times(placed[0] / across.norm()));
        List<Vec3> path = new ArrayList<>(needle.pathMm());
        path.set(path.size() - 1, tip);
        return new FoundNeedle(tip, needle.hubSideEndMm(), needle.axisAtTip(), needle.visibleLengthMm(), path,
                needle.leavesFieldOfView(), needle.tipCertain(), needle.fitRmsMm(), needle.tipZUncertaintyMm(),
                needle.tipAxisUncertaintyMm(), needle.axisUncertaintyDeg(), Math.max(needle.tipInPlaneUncertaintyMm(), placed[1] / 2));
    }

    /**
     * Where the run's voxels within {@link #TIP_STEEL_WINDOW_MM} of the tip's parameter {@code tipT} along the curve lie in two
     * slices (each at least a fifth of the window's weight) whose weighted mean offsets across the curve in the slices' plane
     * (along the horizontal normal of its tangent at each voxel) lie more than {@value #TWO_SLICES_APART_MM} mm apart: the mean
     * offset of the one of them holding most of the run's weight over the {@link #TIP_STEEL_WINDOW_MM} behind the window, on the
     * hub's side ({@code hubT}) — the shaft's slice — and that gap (the largest less the smallest mean), mm; the first NaN where
     * none of them holds the shaft behind the window or the shaft's mean and the mean farthest from it lie on one side of the
     * centreline; null where the window holds one slice's steel, or slices that agree. A voxel's slice is its z (the run's voxels
     * are the scan's voxel centres).
     */
    static double[] shaftsSliceAcrossMm(Vec3[] points, double[] weights, SpaceCurve curve, double tipT, double hubT) {
        Map<Long, double[]> slices = new java.util.TreeMap<>();
        Vec3 up = new Vec3(0, 0, 1);
        double total = 0;
        double hubSide = Math.signum(hubT - tipT);
        for (int k = 0; k < points.length; k++) {
            double t = curve.parameterOf(points[k]);
            double behind = (t - tipT) * hubSide;
            boolean inWindow = Math.abs(t - tipT) <= TIP_STEEL_WINDOW_MM;
            if (!inWindow && !(behind > TIP_STEEL_WINDOW_MM && behind <= 2 * TIP_STEEL_WINDOW_MM)) {
                continue;
            }
            // Per slice: the window's weight, its weighted offsets, and the weight behind the window.
            double[] c = slices.computeIfAbsent(Math.round(points[k].z() * 1000), z -> new double[3]);
            if (inWindow) {
                Vec3 across = curve.tangent(t).cross(up);
                c[0] += weights[k];
                c[1] += weights[k] * points[k].minus(curve.at(t)).dot(across.times(1 / across.norm()));
                total += weights[k];
            } else {
                c[2] += weights[k];
            }
        }
        double low = Double.MAX_VALUE;
        double high = -Double.MAX_VALUE;
        double[] shaft = null;
        for (double[] c : slices.values()) {
            if (c[0] > 0 && c[0] >= total / 5) {
                low = Math.min(low, c[1] / c[0]);
                high = Math.max(high, c[1] / c[0]);
                if (c[2] > 0 && (shaft == null || c[2] > shaft[2])) {
                    shaft = c;
                }
            }
        }
        if (high - low <= TWO_SLICES_APART_MM) {
            return null;
        }
        // The centreline lies between the shaft's steel and the other slice's (their means either side of it), or the shaft's
        // slice does not tell where the needle lies.
        double shaftMean = shaft == null ? Double.NaN : shaft[1] / shaft[0];
        double farthest = shaftMean - low > high - shaftMean ? low : high;
        return new double[] {shaftMean * farthest < 0 ? shaftMean : Double.NaN, high - low};
    }

    /** 1, u, u², … ({@code count} of them). */
    private static double[] powers(double u, int count) {
        double[] x = new double[count];
        x[0] = 1;
        for (int k = 1; k < count; k++) {
            x[k] = x[k - 1] * u;
        }
        return x;
    }

    /** The inverse of a small symmetric positive-definite matrix, by Gauss–Jordan elimination with partial pivoting. */
    private static double[][] inverse(double[][] a0) {
        int n = a0.length;
        double[][] a = new double[n][2 * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(a0[r], 0, a[r], 0, n);
            a[r][n + r] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] swap = a[c];
            a[c] = a[pivot];
            a[pivot] = swap;
            double d = a[c][c];
            for (int k = 0; k < 2 * n; k++) {
                a[c][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(a[r], n, out[r], 0, n);
        }
        return out;
    }

    /**
     * Whether steel (the follow level, {@link #followLevelHu}) lies beside the straight line from {@code end} along
     * {@code direction} at every mm from {@value #STEEL_FROM_TIP_MM} mm beyond {@code s} for {@link NeedleEndFit#STEEL_GOES_ON_MM}
     * mm (within 1 mm across and half a slice along z, as {@link #steelShare}): the needle's steel goes on past a tip found
     * there. 3610 needle 3 (box, extended, 2.8° out of the plane): its hub run stops where it crosses into the next 5 mm slice,
     * 19.2 mm short of its tip, and the end fit's least misfit lay 1.7 mm behind the run's end, inside the window, the steel
     * going on in the next slice; no other needle of six seen sets has such steel past its tip found (docs/needles.md,
     * fourteenth round).
     */
    private static boolean steelGoesOn(Volume ct, Vec3 end, Vec3 direction, double s) {
        double follow = followLevelHu(ct);
        Vec3 across = Math.abs(direction.z()) < 0.9 ? new Vec3(-direction.y(), direction.x(), 0).normalized()
                : SimulatedNeedle.perpendicular(direction);
        Vec3 up = direction.cross(across).normalized();
        double reachZ = ct.grid().dzMm() / 2;
        for (double u = s + STEEL_FROM_TIP_MM; u <= s + STEEL_FROM_TIP_MM + NeedleEndFit.STEEL_GOES_ON_MM + 1e-9; u += 1) {
            if (steelBeside(ct, end.plus(direction.times(u)), across, up, reachZ)[0] < follow) {
                return false;
            }
        }
        return true;
    }

    /** Past a tip its image's blur: the steel beyond a tip found is looked for from this far beyond it, mm ({@link #steelGoesOn}). */
    private static final double STEEL_FROM_TIP_MM = 2;

    /** The runs' tube: {@value #TUBE_MM} mm, on thick slices half a slice + 0.5 mm (step 1), mm. */
    private static double tubeMm(Volume ct) {
        return Math.max(TUBE_MM, NeedleCentreline.zSpreadMm(ct) / 2 + 0.5);
    }

    /**
     * Whether the steel along the straight line from {@code end} to {@code s} mm beyond it along {@code direction} is the
     * needle's own, for the end fit's searches beyond its window ({@link NeedleEndFit#OWN_STEEL_SEARCHES}): no other run's curve
     * comes within the tube of it (1 mm steps) unless it lies on the line, within the steel's radius
     * ({@link NeedleEndFit#NEEDLE_RADIUS_MM}): then that run holds this needle's steel (one needle read as two runs; step 9
     * keeps one). 3531 needle 1 (triangle, 12-bit): the run from its hub ends 30.9 mm short and the run holding its tip lies
     * 0.1–0.2 mm from the line beyond; 3439 (box, 12-bit): a false run's line comes within 2.2–3.1 mm of a neighbouring
     * needle's run 18–26 mm beyond its end and crosses it 46 mm beyond; 3396 needle 5 (triangle, extended): the line from its
     * hub run parts from the run holding its tip, 0.4 mm at the end to 0.8 mm 30 mm beyond, and followed to 39 mm its tip
     * moved 0.13 → 1.08 mm, 1.07 mm across.
     */
    private static boolean ownSteel(Vec3 end, Vec3 direction, double s, double tube, List<NeedleCentreline.Extent> others) {
        for (double u = 0; u <= s; u += 1) {
            Vec3 p = end.plus(direction.times(u));
            for (NeedleCentreline.Extent o : others) {
                double d = o.distance(p, tube);
                if (d < tube && d > NeedleEndFit.NEEDLE_RADIUS_MM) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The line continued beyond its last point through the steel as far as it goes (to air or the edge of the scan: the
     * needle's hub side, {@link #reachesAir}), or null when the line is shorter than
     * {@value #AXIS_CHORD_MM} mm (a strand of seeds is shorter: 4 seeds end to end in the scenario, 20 mm) or when it lies
     * along another run for more than half its length (a piece of that needle).
     * On 5 mm slices two needles whose outer parts converge (hubs a few mm apart near the skin) share their voxels there,
     * and the first run taken holds both needles' outer steel; the other needle's run then ends in tissue at both ends
     * where it crosses into the next slice (2701 needle 5, 2626 n6, 2641 n8, 2647 n6). Beyond that end its steel is still
     * there: followed in 1 mm steps, each the largest CT number within 1 mm across in the axial plane and half a slice along
     * z (where the needle crosses to the next slice, half way between the two centres reads the mean of both), recentred
     * half way towards it, while it stays at or above the follow level with gaps of at most {@value #MAX_GAP_MM} mm; the
     * continued line's end is then tested for air as any other ({@link End}; {@link #reachesAir}). The first gap counts as any other: a run ends
     * where its needle falls below the follow level, and a flat needle on the boundary between two 5 mm slices reads just
     * below it in both for the first millimetres beyond (3368 needle 6, Gaussian profile: 1 290 HU against 1 320, then
     * 1 300–1 900 HU to the skin); the walk was given up there when the first 2 mm held no steel, and the needle was missed.
     * On slices thicker than 3 mm a step whose largest CT number is under the follow level is on steel still where the two
     * slices either side of it along z read at least the follow level together ({@link #steelSplitAcrossBoundary}; the step
     * is then recentred across only): a flat needle lying on the boundary between two slices is seen about half in each (a
     * Gaussian profile's half maximum lies on the boundary) and the noise takes both under the follow level over many mm.
     * 5396 n6 (5 mm Gaussian, 12-bit, noise 39 HU; 1.0° out of the plane): its last 10 mm in the body lie within 0.2 mm of the
     * boundary at −5 and read 1 157–1 306 HU at most against the follow level 1 320, 2 221–2 563 HU the two slices summed; the
     * walk stopped 9 mm short of the skin, neither end read at the skin, and its 83.4 mm run was dropped as a strand of seeds
     * (docs/needles.md, thirty-eighth round, branch {@code needlemiss20}).
     */
    private static Polyline steelFollowed(Volume ct, Polyline line, List<NeedleCentreline.Extent> others) {
        Grid g = ct.grid();
        double tube = tubeMm(ct);
        int alongside = 0;
        int samples = 0;
        for (double s = 0; s <= line.length(); s += 2, samples++) {
            alongside += NeedleCentreline.nearerAnother(line.at(s), tube, others) ? 1 : 0;
        }
        if (2 * alongside > samples || line.length() < AXIS_CHORD_MM) {
            return null;
        }
        double follow = followLevelHu(ct);
        Vec3 d = line.direction(line.length());
        Vec3 across = Math.abs(d.z()) < 0.9 ? new Vec3(-d.y(), d.x(), 0).normalized() : SimulatedNeedle.perpendicular(d);
        Vec3 up = d.cross(across).normalized();
        double reachZ = g.dzMm() / 2;
        boolean thick = ct.sliceProfileFwhmMm() > NeedleCentreline.THICK_SLICE_MM;
        List<Vec3> points = new ArrayList<>(line.points);
        Vec3 c = line.last();
        double gap = 0;
        for (double s = 1; s <= WALK_MM && gap <= MAX_GAP_MM; s++) {
            c = c.plus(d);
            if (!g.contains(c)) {
                points.add(c);
                return ownSteelWalked(line, points, others, reachZ);
            }
            double[] best = steelBeside(ct, c, across, up, reachZ);
            double[] split = thick && best[0] < follow ? steelSplitAcrossBoundary(ct, c, across) : null;
            if (best[0] >= follow) {
                c = c.plus(across.times(best[1] / 2)).plus(up.times(best[2] / 2));
                points.add(c);
                gap = 0;
            } else if (split != null && split[0] >= follow) {
                // Steel split between the two slices either side (a flat needle on their boundary): recentred across only.
                c = c.plus(across.times(split[1] / 2));
                points.add(c);
                gap = 0;
            } else {
                gap++;
            }
        }
        return ownSteelWalked(line, points, others, reachZ);
    }

    /**
     * How near another run's line a point followed beyond a run's end lies to be on that run's steel ({@link #ownSteelWalked}),
     * mm across, the point moved up to half a slice along z: a little over the steel's radius (0.64 mm) plus the walk's
     * recentring, as the walk itself reads the steel within half a slice along z ({@link #steelFollowed}).
     */
    static final double ON_ANOTHERS_LINE_MM = 1.0;

    /**
     * The walked line ({@code points}: {@code line}'s and those followed beyond its end, {@link #steelFollowed}), or null where
     * the walk turned off its run's direction by more than {@value #WALK_TURN_DEG}° and more than half the points followed beyond
     * the end lie on one other run's line ({@link #onAnothersLineShare}): that steel is the other run's, read already, and the
     * walk would carry this run along it as a second reading of that needle. 5080 (5 mm
     * box, extended; docs/needles.md, thirty-third round, branch {@code needlefalse15}): a 48 mm run of three objects' steel —
     * needle 9's crossing, needle 6's tip part and a strand of four seeds one slice up — both of whose ends lie in tissue, had its
     * end at needle 9's crossing walked 88 mm along needle 6's hub part, which needle 6's own run holds (84 of the 88 points
     * within 1 mm of that run's line, turned 9.94° from the run's direction): a 145.2 mm false needle, 0.54 of its path on the found needles' paths (the z line of the
     * walk, at the slice centre, lies up to 2.9 mm from needle 6's fitted one). Where two needles' outer parts converge, the walk
     * follows the needle's own steel beside the other's run, not on its line.
     */
    private static Polyline ownSteelWalked(Polyline line, List<Vec3> points, List<NeedleCentreline.Extent> others, double reachZ) {
        List<Vec3> beyond = points.subList(line.points.size(), points.size());
        boolean turned = !beyond.isEmpty() && walkTurnDeg(line.last(), line.direction(line.length()), beyond.get(beyond.size() - 1)) > WALK_TURN_DEG;
        return turned && onAnothersLineShare(beyond, others, reachZ) > 0.5 ? null : new Polyline(points);
    }

    /**
     * The least turn between a run's direction at its end and the line from its end to where its steel was followed to for
     * a walk along another run's line to be onto that run's steel ({@link #ownSteelWalked}), degrees. Where two needles' outer
     * parts converge in one slice the first run's line, fitted to both needles' voxels, lies within 1 mm of the second
     * needle's steel too, and the walk along that steel goes on in its run's direction (NeedleFinderConvergingHubsTest, 2701's
     * pattern: 0.97 of the walk on the first run's line, turned 4.15°); 5080's walk turned 9.94° onto needle 6's hub part. On
     * the seen sets of the thirty-third round the nearest walk left alone turned 7.18° (4953, 0.90 on another run's line; dropped
     * it moves no count, its needles within 0.05 mm): thin margins on both sides.
     */
    static final double WALK_TURN_DEG = 8;

    /** The angle between {@code direction} at {@code end} and the line from {@code end} to {@code walkedTo}, degrees. */
    static double walkTurnDeg(Vec3 end, Vec3 direction, Vec3 walkedTo) {
        double cos = walkedTo.minus(end).normalized().dot(direction.normalized());
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
    }

    /**
     * The largest share of {@code walked} (points followed beyond a run's end) within {@value #ON_ANOTHERS_LINE_MM} mm of one
     * of {@code others}' lines, each point moved up to {@code reachZ} along z (nine steps); 0 for no points.
     */
    static double onAnothersLineShare(List<Vec3> walked, List<NeedleCentreline.Extent> others, double reachZ) {
        int most = 0;
        for (NeedleCentreline.Extent o : others) {
            int on = 0;
            for (Vec3 p : walked) {
                boolean near = false;
                for (double b = -reachZ; b <= reachZ + 1e-9 && !near; b += reachZ / 4) {
                    near = o.distance(p.plus(new Vec3(0, 0, b)), ON_ANOTHERS_LINE_MM) <= ON_ANOTHERS_LINE_MM;
                }
                on += near ? 1 : 0;
            }
            most = Math.max(most, on);
        }
        return walked.isEmpty() ? 0 : most / (double) walked.size();
    }

    /** {@code walked} ({@link #steelFollowed} beyond {@code line}) when it goes on more than 2 mm and its end is in air or outside the scan; else null. */
    private static Polyline reachesAir(Volume ct, Polyline line, Polyline walked) {
        if (walked == null) {
            return null;
        }
        return !ct.grid().contains(walked.last()) || walked.length() > line.length() + 2 && end(ct, walked).outside() ? walked : null;
    }

    /**
     * Whether an end ({@code own}, the rings around the last point of {@code line}) reads as at the skin ({@link #SKIN_HU}), at
     * the run's own end or where its steel was followed to ({@code walked}, {@link #steelFollowed}; null: not followed).
     * A needle's steel goes on from the run's end to the skin; where it lies just under a slice boundary on a Gaussian profile
     * (half its steel in the slice beyond) its run ends in tissue, the steel is followed on through tissue and, in air, falls
     * under the follow level, so the walk stops at the skin: its rings there read the skin, the run's own end does not
     * (docs/needles.md, twenty-fourth round, branch {@code needleskin}).
     */
    private static boolean atSkin(Volume ct, End own, Polyline line, Polyline walked) {
        if (own.airHu() < SKIN_HU) {
            return true;
        }
        return walked != null && walked.length() > line.length() + 2 && end(ct, walked).airHu() < SKIN_HU;
    }

    /**
     * The largest CT number within 1 mm of {@code c} along {@code across} and {@code reachZ} along {@code up} (5 × 9 samples),
     * and the offsets along each where it lies, HU and mm.
     */
    private static double[] steelBeside(Volume ct, Vec3 c, Vec3 across, Vec3 up, double reachZ) {
        double[] best = {-Double.MAX_VALUE, 0, 0};
        for (double a = -1; a <= 1 + 1e-9; a += 0.5) {
            for (double b = -reachZ; b <= reachZ + 1e-9; b += reachZ / 4) {
                double v = sample(ct, c.plus(across.times(a)).plus(up.times(b)));
                if (v > best[0]) {
                    best = new double[] {v, a, b};
                }
            }
        }
        return best;
    }

    /**
     * The two slices either side of {@code c} along z, their centres' CT numbers summed at {@code c}'s place in the axial plane
     * and up to 1 mm across it in 0.5 mm steps (as {@link #steelBeside}): the largest sum and its offset across, HU and mm;
     * NaN where no slice centre lies on one side of {@code c}. A needle between two slices' centres shows in both, its
     * steel split between them by the slice profile; tissue beside it reads about 0 HU in each, so the sum reads the needle's
     * steel as one slice holding all of it would (a needle at a slice centre reads there with the largest CT number anyway).
     */
    private static double[] steelSplitAcrossBoundary(Volume ct, Vec3 c, Vec3 across) {
        Grid g = ct.grid();
        int k = (int) Math.floor((c.z() - g.z(0)) / g.dzMm());
        if (k < 0 || k + 1 >= g.nz()) {
            return new double[] {Double.NaN, 0};
        }
        double[] best = {-Double.MAX_VALUE, 0};
        for (double a = -1; a <= 1 + 1e-9; a += 0.5) {
            Vec3 p = c.plus(across.times(a));
            double sum = sample(ct, new Vec3(p.x(), p.y(), g.z(k))) + sample(ct, new Vec3(p.x(), p.y(), g.z(k + 1)));
            if (sum > best[0]) {
                best = new double[] {sum, a};
            }
        }
        return best;
    }

    /** Longest stretch of steel followed beyond a run's end ({@link #steelFollowed}), mm. */
    private static final double WALK_MM = 200;

    /**
     * The scanner's upper clip, HU: the largest CT number {@code max} when at least 10 metal voxels hold it (NaN: nothing clipped).
     * The metal voxels are read from their components (each marked voxel lies in one), not by a pass over the whole scan's marks:
     * the same count up to 10, the same answer (docs/needles.md, thirty-eighth round, branch {@code needlespeed20}).
     */
    static double clipLevel(float[] hu, List<int[]> components, float max) {
        int atMax = 0;
        for (int c = 0; c < components.size() && atMax < 10; c++) {
            for (int v : components.get(c)) {
                atMax += hu[v] >= max - 0.5f ? 1 : 0;
            }
        }
        return atMax >= 10 ? max : Double.NaN;
    }

    /** Whether any of the run's voxels is at the scanner's clip (its steel's mass is then not measured). */
    private static boolean clipped(Run run, double clipHu, double follow) {
        for (double w : run.weights()) {
            if (w + follow - 100 >= clipHu - 0.5) {
                return true;
            }
        }
        return false;
    }

    /**
     * Around an end of the steel: at the edge of the scan, or the CT numbers on rings 5 mm around the axis over its last
     * 10 mm and 10 mm beyond, and over 2–12 mm beyond (in air the tissue under the steel's partial volume is 1000 HU lower,
     * so on thick slices a needle's outer part can fall below the metal level from the skin on), the lower of the two
     * stretches': their median ({@code surroundingHu}, which end lies in denser surroundings) and their lower quintile
     * ({@code airHu}, whether the end is in air). In air the scanner's floor (−1024 HU) clips the dark metal streaks while
     * the bright ones and the needle's own partial volume in the neighbouring slice stand: on 5 mm slices, where each slice
     * holds the streaks of 5 mm of every needle, more than half of the ring around a hub in air read −900 to +700 HU (median
     * −930 to −600 on 2639), and the needle was taken for a run wholly in tissue. The lower fifth stays at the air's level
     * (−1024 to −950 on those ends), while in tissue it reads −30 HU and more.
     */
    private record End(boolean atEdge, double surroundingHu, double airHu) {
        boolean outside() {
            return atEdge || airHu < AIR_HU;
        }
    }

    /** Air around a needle, HU: below lung parenchyma (−850 ± 100 HU), above air with noise (−1000). */
    static final double AIR_HU = -950;

    /**
     * Lower fifth of the CT numbers on the rings around a run's end ({@link End#airHu}) below which an end that the air test
     * ({@link #AIR_HU}) reads as in tissue is taken as the skin end where no steel could be followed to air from either end
     * ({@link #describe}), HU: a fifth of the rings well outside the body (a voxel on the body's edge, half air, reads about
     * −500 HU; the scenario's body has no gas). At the skin a fifth of them and more lie in air, while bright streaks, the skin's
     * curve and the needle's own partial volume keep the lower fifth just above the air level, and in air the shaft's partial
     * volume on 5 mm slices falls below the metal level so no steel is followed to air (3981 needle 1: lower fifth −946 HU, 3996
     * needle 5: −934; both dropped as strands of seeds until the twentieth round). Until the twenty-second round the rings'
     * median was asked (below −500: mostly air), and it missed 4155 needle 6: at its skin end, where the needle nears a slice
     * boundary, the slice beyond holds its own partial volume in air (−200 to −450 HU) and a converging neighbour's steel lies
     * 1.2 mm from one ring direction, so the median read −468 HU and the lower fifth −929. The other ends of runs of 40 mm or
     * more reaching that branch on the seven seen sets run read −492 HU at most (4083: a 91.5 mm run, no needle — nothing is
     * missed on its scan —, not traced) and −205 HU next: about 230 HU either side (docs/needles.md, twenty-second round).
     * Since the twenty-fourth round an end is read here also where its steel was followed to ({@link #atSkin}): 4286 needle 6,
     * under a slice boundary, ends in tissue (−137 HU), its steel followed 5.4 mm on to the skin reads −882 HU.
     */
    static final double SKIN_HU = -700;

    /** The share of the ring samples below which an end's surroundings are read for air ({@link End}). */
    private static final double AIR_QUANTILE = 0.2;

    /** What lies around the last point of {@code line}. */
    private static End end(Volume ct, Polyline line) {
        Grid g = ct.grid();
        double length = line.length();
        Vec3 probe = line.at(length + Math.max(g.dxMm(), g.dzMm()) * 1.5);
        if (!g.contains(probe)) {
            return new End(true, Double.NaN, Double.NaN);
        }
        return new End(false, Math.min(surroundingHu(ct, line, length - 10, length + 10, 0.5), surroundingHu(ct, line, length + 2, length + 12, 0.5)),
                Math.min(surroundingHu(ct, line, length - 10, length + 10, AIR_QUANTILE),
                        surroundingHu(ct, line, length + 2, length + 12, AIR_QUANTILE)));
    }

    /** The {@code quantile} (0.5: the median) of the CT numbers on rings of 5 mm radius around the line (straight on beyond its ends) from arc length a to b. */
    private static double surroundingHu(Volume ct, Polyline line, double a, double b, double quantile) {
        List<Double> values = new ArrayList<>();
        double step = Math.max(1, (b - a) / 40);
        for (double s = Math.max(-10, a); s <= b; s += step) {
            Vec3 c = line.at(s);
            Vec3 d = line.direction(s);
            Vec3 e1 = SimulatedNeedle.perpendicular(d);
            Vec3 e2 = d.cross(e1);
            for (int q = 0; q < 8; q++) {
                double angle = Math.PI * q / 4;
                double v = sample(ct, c.plus(e1.times(5 * Math.cos(angle))).plus(e2.times(5 * Math.sin(angle))));
                if (!Double.isNaN(v)) {
                    values.add(v);
                }
            }
        }
        return quantile(values, quantile);
    }

    /**
     * How far beyond the end of the metal run (towards the tip) the tip lies, mm: the last point of the axial profile
     * above half the way from the tissue beyond the end to the steel just behind it (linear interpolation between
     * samples 0.1 mm apart), moved out by the run of the profile's tangent there (least squares over 15–85 % of the
     * rise) down to the tissue level. A bevel's cross-section shrinks to nothing over its length, so the part of the
     * profile below the clip is a ramp whose tangent meets the tissue level at the sharp end; blur along the axis
     * makes the run longer by about 1.25 σ when the bevel is mostly clipped.
     */
    private static double tipOffset(Volume ct, Polyline line) {
        double length = line.length();
        double from = -Math.min(25, length);
        int count = (int) Math.round((12 - from) / STEP_MM) + 1;
        double[] s = new double[count];
        double[] f = new double[count];
        for (int q = 0; q < count; q++) {
            s[q] = from + q * STEP_MM;
            f[q] = crossSectionMax(ct, line, length + s[q]);
        }
        double plateau = median(values(s, f, -8, -3));
        double tissue = median(values(s, f, 5, 12));
        if (Double.isNaN(plateau) || Double.isNaN(tissue) || plateau - tissue < 500) {
            return 0;
        }
        double half = (plateau + tissue) / 2;
        int q = indexOf(s, -3);
        while (q < count - 1 && f[q + 1] >= half) {
            q++;
        }
        if (q >= count - 1) {
            return 0;
        }
        double crossing = s[q] + STEP_MM * (f[q] - half) / (f[q] - f[q + 1]);
        // Tangent: least squares over the profile between 15 % and 85 % of the rise, within 2 mm of the crossing.
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (int k = 0; k < count; k++) {
            double level = (f[k] - tissue) / (plateau - tissue);
            if (Math.abs(s[k] - crossing) <= 2 && level >= 0.15 && level <= 0.85) {
                sx += s[k];
                sy += f[k];
                sxx += s[k] * s[k];
                sxy += s[k] * f[k];
                m++;
            }
        }
        double slope = m >= 3 ? (m * sxy - sx * sy) / (m * sxx - sx * sx) : Double.NaN;
        double run = slope < 0 ? Math.min(4, (half - tissue) / -slope) : 0;
        return crossing + rampLength(run, axialBlurMm(ct, line.direction(length))) / 2;
    }

    /**
     * In-plane blur assumed for the scanner, σ mm: a standard soft-tissue kernel's FWHM of about 1 mm. It enters the tip
     * only through the correction for blur along the axis, which is a fraction of a millimetre.
     */
    static final double IN_PLANE_SIGMA_MM = 0.45;

    /**
     * Blur along a needle's axis, σ mm: the in-plane blur and the slice profile (σ ≈ 0.36 × slice thickness, between a box
     * and a Gaussian of that FWHM) mixed by the axis's tilt out of the axial plane, with the needle's own section (r/2)
     * and the trilinear interpolation of the profile samples (spacing²/6).
     */
    static double axialBlurMm(Volume ct, Vec3 d) {
        Grid g = ct.grid();
        double dz2 = d.z() * d.z();
        double slice = 0.36 * ct.sliceProfileFwhmMm();
        double section = IntraOpCtGenerator.NEEDLE_RADIUS_MM / 2;
        double spacing2 = g.dxMm() * g.dxMm() * (1 - dz2) + g.dzMm() * g.dzMm() * dz2;
        return Math.sqrt(IN_PLANE_SIGMA_MM * IN_PLANE_SIGMA_MM * (1 - dz2) + slice * slice * dz2 + section * section + spacing2 / 6);
    }

    /**
     * The length ℓ of the visible rise of a bevel whose tangent at half height runs {@code run} mm to the tissue level
     * after a Gaussian blur of σ: a ramp of length ℓ convolved with the Gaussian has the slope (2Φ(ℓ/2σ) − 1)/ℓ at its
     * middle, so run = (ℓ/2)/(2Φ(ℓ/2σ) − 1), which grows from 1.2533 σ at ℓ = 0; solved by bisection.
     */
    static double rampLength(double run, double sigma) {
        double lo = 0;
        double hi = 8;
        if (run <= Math.sqrt(2 * Math.PI) / 2 * sigma) {
            return 0;
        }
        for (int it = 0; it < 50; it++) {
            double mid = (lo + hi) / 2;
            double g = mid / 2 / (2 * NormalCdf.of(mid / (2 * sigma)) - 1);
            if (g < run) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The largest CT number on the axis point and four points 0.4 mm around it (a bevel's metal lies off the axis). */
    private static double crossSectionMax(Volume ct, Polyline line, double s) {
        Vec3 c = line.at(s);
        Vec3 d = line.direction(s);
        Vec3 e1 = SimulatedNeedle.perpendicular(d);
        Vec3 e2 = d.cross(e1);
        double best = sample(ct, c);
        for (Vec3 off : new Vec3[] {e1, e1.times(-1), e2, e2.times(-1)}) {
            double v = sample(ct, c.plus(off.times(0.4)));
            if (!(v <= best)) {
                best = Double.isNaN(v) ? best : v;
            }
        }
        return best;
    }

    private static int indexOf(double[] s, double value) {
        int q = 0;
        while (q < s.length - 1 && s[q] < value) {
            q++;
        }
        return q;
    }

    private static List<Double> values(double[] s, double[] f, double from, double to) {
        List<Double> out = new ArrayList<>();
        for (int q = 0; q < s.length; q++) {
            if (s[q] >= from && s[q] <= to && !Double.isNaN(f[q])) {
                out.add(f[q]);
            }
        }
        return out;
    }

    /** The q-quantile of v, linear between ranks (q = 0.5 is the median); NaN when v is empty. */
    private static double quantile(List<Double> v, double q) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        double rank = q * (a.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(a.length - 1, lo + 1);
        return a[lo] + (a[hi] - a[lo]) * (rank - lo);
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Trilinear interpolation of the CT at p (NaN outside the grid's voxel centres). */
    static double sample(Volume ct, Vec3 p) {
        Grid g = ct.grid();
        double fx = (p.x() - g.x(0)) / g.dxMm();
        double fy = (p.y() - g.y(0)) / g.dyMm();
        double fz = (p.z() - g.z(0)) / g.dzMm();
        if (!(fx >= 0 && fy >= 0 && fz >= 0 && fx <= g.nx() - 1 && fy <= g.ny() - 1 && fz <= g.nz() - 1)) {
            return Double.NaN;
        }
        int i = Math.min((int) fx, g.nx() - 2 < 0 ? 0 : g.nx() - 2);
        int j = Math.min((int) fy, g.ny() - 2 < 0 ? 0 : g.ny() - 2);
        int k = Math.min((int) fz, g.nz() - 2 < 0 ? 0 : g.nz() - 2);
        double u = fx - i;
        double v = fy - j;
        double w = fz - k;
        int i1 = Math.min(i + 1, g.nx() - 1);
        int j1 = Math.min(j + 1, g.ny() - 1);
        int k1 = Math.min(k + 1, g.nz() - 1);
        float[] h = ct.hu();
        double c00 = h[g.index(i, j, k)] * (1 - u) + h[g.index(i1, j, k)] * u;
        double c10 = h[g.index(i, j1, k)] * (1 - u) + h[g.index(i1, j1, k)] * u;
        double c01 = h[g.index(i, j, k1)] * (1 - u) + h[g.index(i1, j, k1)] * u;
        double c11 = h[g.index(i, j1, k1)] * (1 - u) + h[g.index(i1, j1, k1)] * u;
        return (c00 * (1 - v) + c10 * v) * (1 - w) + (c01 * (1 - v) + c11 * v) * w;
    }

    /** The fitted curve as points 0.1 mm apart in t from one end to the other, walked by arc length and extended straight beyond both ends. */
    private static final class Polyline {
        private final List<Vec3> points;
        private final double[] cumulative;

        Polyline(SpaceCurve curve, double t0, double t1) {
            this(sampled(curve, t0, t1));
        }

        private Polyline(List<Vec3> points) {
            this.points = points;
            cumulative = new double[points.size()];
            for (int q = 1; q < points.size(); q++) {
                cumulative[q] = cumulative[q - 1] + points.get(q).distanceTo(points.get(q - 1));
            }
        }

        private static List<Vec3> sampled(SpaceCurve curve, double t0, double t1) {
            List<Vec3> pts = new ArrayList<>();
            int n = Math.max(2, (int) Math.ceil((t1 - t0) / STEP_MM) + 1);
            for (int q = 0; q < n; q++) {
                pts.add(curve.at(t0 + (t1 - t0) * q / (n - 1)));
            }
            return pts;
        }

        Polyline reversed() {
            List<Vec3> r = new ArrayList<>(points);
            java.util.Collections.reverse(r);
            return new Polyline(r);
        }

        int size() {
            return points.size();
        }

        Vec3 point(int q) {
            return points.get(q);
        }

        Vec3 last() {
            return points.get(points.size() - 1);
        }

        double length() {
            return cumulative[cumulative.length - 1];
        }

        /** The point at arc length s from the first point (straight on beyond the ends). */
        Vec3 at(double s) {
            int n = points.size();
            if (s <= 0) {
                return points.get(0).plus(points.get(0).minus(points.get(Math.min(n - 1, 5))).normalized().times(-s));
            }
            if (s >= length()) {
                return last().plus(last().minus(points.get(Math.max(0, n - 6))).normalized().times(s - length()));
            }
            int q = Arrays.binarySearch(cumulative, s);
            if (q >= 0) {
                return points.get(q);
            }
            q = -q - 2;
            double f = (s - cumulative[q]) / (cumulative[q + 1] - cumulative[q]);
            return points.get(q).plus(points.get(q + 1).minus(points.get(q)).times(f));
        }

        /** Unit direction of travel at arc length s. */
        Vec3 direction(double s) {
            return at(s + 0.5).minus(at(s - 0.5)).normalized();
        }
    }
}
