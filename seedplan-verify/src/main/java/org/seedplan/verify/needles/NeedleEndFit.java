package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * The tip of a needle whose steel core the scanner clipped (a 12-bit scan), by fitting a model of a clipped, blurred,
 * bevelled needle to the voxels around its end. Where the core is clipped its mass is lost, but the partial-volume halo
 * around it is not: the halo's fall-off carries both the blur and the steel's mass per mm. So the model — a straight
 * steel rod of {@value #NEEDLE_RADIUS_MM} mm radius ending in a plane bevel {@value SteelMassTip#BEVEL_LENGTH_MM} mm long
 * (its cross-section a circular segment shrinking to nothing, its centroid moving to the side), spread by a Gaussian
 * in-plane point-spread function and a slice profile that is a box convolved with a Gaussian (which covers box,
 * triangular and Gaussian slice profiles), on the tissue's level, clipped where the scanner clips — is first fitted to
 * the shaft's voxels 7.5–15 mm behind the end of the metal run (steel mass per mm, in-plane σ, slice box width and σ,
 * the axis's offset and tilt across; the tissue level is the median around), then its end is moved along the axis, with the bevel turned about it
 * and the axis's offset and tilt refitted, until it best explains the voxels from 8 mm behind to 6 mm beyond the end. The misfit is robust (Cauchy, scale
 * {@value #ROBUST_HU} HU) so that a seed touching the needle or a streak weighs little.
 */
final class NeedleEndFit {

    /**
     * Bevel lengths tried, mm: 18 G ground at 45° (1.3 mm) to 16° (4.5 mm); the usual 20° grind is
     * {@value SteelMassTip#BEVEL_LENGTH_MM} mm.
     */
    static final double[] BEVELS_MM = {1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5};
    /** Index of the usual bevel in {@link #BEVELS_MM}. */
    static final int USUAL_BEVEL = 4;
    /** 18 G: outer radius of the steel, mm. */
    static final double NEEDLE_RADIUS_MM = 1.27 / 2;
    /** Scale of the robust misfit, HU: noise and streaks near a needle are a few hundred HU. */
    static final double ROBUST_HU = 200;
    /** Voxels within this distance of the axis in the axial plane are fitted, mm (plus one slice spacing along z). */
    private static final double RADIUS_MM = 3.0;
    /** Steps of the model's steel along the axis, mm: over the shaft (well under any blur's σ) and over the bevel. */
    private static final double SHAFT_ELEMENT_MM = 0.25;
    private static final double BEVEL_ELEMENT_MM = 0.1;
    private static final double SHAFT_FROM_MM = -15;
    private static final double SHAFT_TO_MM = -7.5;
    /** The shaft model's steel ends here while its mass is fitted, mm (short of the earliest heel of the bevel). */
    private static final double SHAFT_STEEL_TO_MM = -3;
    /** The shaft's offsets across the axis are fitted at this point along it, its tilts about it, mm. */
    private static final double SHAFT_MIDDLE_MM = (SHAFT_FROM_MM + SHAFT_TO_MM) / 2;
    private static final double TIP_FROM_MM = -8;
    private static final double TIP_TO_MM = 6;
    /** Where the tip is looked for, mm along the axis from the end of the metal run. */
    private static final double TIP_SEARCH_FROM_MM = -3;
    private static final double TIP_SEARCH_TO_MM = 5;
    /** Turns of the bevel about the axis tried on the coarse grid of the end's search. */
    private static final int TURNS = 8;
    /** Box widths below this are taken as no box (a Gaussian slice profile), mm. */
    static final double MIN_BOX_MM = 0.02;

    /** Evaluations of the shaft's fit from each of three slice profiles, then from the best of them; tolerance on the misfit. */
    private static final int SHORT_EVALUATIONS = 150;
    private static final int MAX_EVALUATIONS = 300;
    private static final double TOLERANCE = 1e-2;
    /** How far behind a fitted stretch the model's steel starts, mm (beyond any blur's reach). */
    private static final double LEAD_MM = 4;

    private final Volume ct;
    private final Vec3 end;
    private final Vec3 axis;
    private final Vec3 e1;
    private final Vec3 e2;
    private final double clipHu;
    private final double steelFromMm;
    private final int i0;
    private final int j0;
    private final int k0;
    private final int ni;
    private final int nj;
    private final int nk;
    private final int[] voxel;
    private final double[] along;
    private final double[] value;
    private final double[] model;
    /** The in-plane and slice weights of one element of the model's steel ({@link #render}), kept between evaluations. */
    private final double[] wx;
    private final double[] wy;
    private final double[] wz;
    /** The windows the misfit has been asked over ({@link Window}), made once each. */
    private final List<Window> windows = new ArrayList<>(2);
    /**
     * The shaft's part of the model last rendered with a tip ({@link #render}): its window, its key (the shaft's eight
     * parameters, where its steel starts and where the bevel's heel ends it, mm; compared bit for bit) and the window's rows'
     * stretches of {@link #model} after the shaft's elements, packed row after row (HU).
     */
    private Window shaftWindow;
    private final double[] shaftKey = new double[10];
    private double[] shaftPart = new double[0];
    private double tissue;
    /** The white noise near this end ({@link #whiteNoiseHu}), HU. */
    private double noiseHu;
    private final double[] bevelsMm;
    private double bevelMm;
    private final double[] tipMm;
    private final double[] misfits;
    /** The in-plane σ, slice box width and slice σ given for the scan (mm), or null: fitted at this needle's shaft. */
    private final double[] profile;
    private double[] shaftFit;
    /** The tip found with the usual bevel before the bevel's length is chosen, mm along the axis from this fit's end. */
    private double searchedTipMm;
    /** How far beyond the metal run's end this fit's end lies, mm (the steel followed beyond the first window). */
    private double shiftMm;
    /** The first window's shaft's steel mass per mm when the end was looked for again beyond it (else NaN: this fit's own). */
    private double firstMassPerMm = Double.NaN;
    /** The slice profile fitted in the first window when the end was looked for again beyond it (else null: this fit's own). */
    private double[] shaftProfile;
    /** The steel's mass per mm given for the first window's shaft (HU·mm²), or NaN: fitted there. */
    private double givenMassPerMm = Double.NaN;
    /** The shaft's parameters with the axis's offsets and tilts refitted at the tip, and the bevel's turn, of the end's search. */
    private double[] tipShaft;
    private double tipTurn;
    /** Whether the bevels' tips and misfits ({@link #tipMm}, {@link #misfits}) are fitted ({@link #bevels}). */
    private boolean bevelsFitted;
    /**
     * The rest of the whole fit of which this is the first window, its end not yet looked for (an end deferred: {@link #of(Volume,
     * Vec3, Vec3, double, double, double[], double[], java.util.function.DoublePredicate, java.util.function.DoublePredicate,
     * double, double, boolean)}), or null.
     */
    private java.util.function.Supplier<NeedleEndFit> rest;
    /** The whole fit once a deferred end was looked for, or null (this fit is whole). */
    private NeedleEndFit whole;

    private NeedleEndFit(Volume ct, Vec3 end, Vec3 axis, double clipHu, double visibleMm, double[] bevelsMm, double[] profile) {
        this.ct = ct;
        this.profile = profile == null ? null : profile.clone();
        this.bevelsMm = bevelsMm.clone();
        bevelMm = bevelsMm.length == 1 ? bevelsMm[0] : SteelMassTip.BEVEL_LENGTH_MM;
        tipMm = new double[bevelsMm.length];
        misfits = new double[bevelsMm.length];
        this.end = end;
        this.axis = axis;
        this.clipHu = clipHu;
        this.steelFromMm = -visibleMm;
        e1 = SimulatedNeedle.perpendicular(axis);
        e2 = axis.cross(e1);
        Grid g = ct.grid();
        double reachXy = RADIUS_MM + 2;
        double reachZ = RADIUS_MM + 2 * NeedleCentreline.zSpreadMm(ct);
        Vec3 a = end.plus(axis.times(SHAFT_FROM_MM - LEAD_MM));
        Vec3 b = end.plus(axis.times(TIP_TO_MM));
        i0 = Math.max(0, (int) Math.floor((Math.min(a.x(), b.x()) - reachXy - g.x(0)) / g.dxMm()));
        j0 = Math.max(0, (int) Math.floor((Math.min(a.y(), b.y()) - reachXy - g.y(0)) / g.dyMm()));
        k0 = Math.max(0, (int) Math.floor((Math.min(a.z(), b.z()) - reachZ - g.z(0)) / g.dzMm()));
        int i1 = Math.min(g.nx() - 1, (int) Math.ceil((Math.max(a.x(), b.x()) + reachXy - g.x(0)) / g.dxMm()));
        int j1 = Math.min(g.ny() - 1, (int) Math.ceil((Math.max(a.y(), b.y()) + reachXy - g.y(0)) / g.dyMm()));
        int k1 = Math.min(g.nz() - 1, (int) Math.ceil((Math.max(a.z(), b.z()) + reachZ - g.z(0)) / g.dzMm()));
        ni = Math.max(0, i1 - i0 + 1);
        nj = Math.max(0, j1 - j0 + 1);
        nk = Math.max(0, k1 - k0 + 1);
        model = new double[ni * nj * nk];
        wx = new double[ni];
        wy = new double[nj];
        wz = new double[nk];
        double radiusZ = RADIUS_MM + NeedleCentreline.zSpreadMm(ct);
        List<double[]> kept = new ArrayList<>();
        for (int k = 0; k < nk; k++) {
            for (int j = 0; j < nj; j++) {
                for (int i = 0; i < ni; i++) {
                    Vec3 p = g.centre(i0 + i, j0 + j, k0 + k);
                    Vec3 r = p.minus(end);
                    double s = r.dot(axis);
                    Vec3 o = r.minus(axis.times(s));
                    if (s < SHAFT_FROM_MM || s > TIP_TO_MM || s < steelFromMm
                            || (o.x() * o.x() + o.y() * o.y()) / (RADIUS_MM * RADIUS_MM) + o.z() * o.z() / (radiusZ * radiusZ) > 1) {
                        continue;
                    }
                    kept.add(new double[] {(k * nj + j) * ni + i, s, ct.hu()[g.index(i0 + i, j0 + j, k0 + k)]});
                }
            }
        }
        kept.sort((x, y) -> Double.compare(x[1], y[1]));
        voxel = kept.stream().mapToInt(v -> (int) v[0]).toArray();
        along = kept.stream().mapToDouble(v -> v[1]).toArray();
        value = kept.stream().mapToDouble(v -> v[2]).toArray();
    }

    /**
     * The fit for the needle whose metal run ends at {@code end} (on the refined centreline) going along {@code axis}; null
     * when the shaft behind the end is too short to fit. {@code clipHu} is the scanner's clip (infinite when it clipped
     * nothing), {@code visibleMm} the length of the metal run behind the end and {@code bevelsMm} the bevel lengths whose
     * tips are fitted (one: the needle's bevel as the user gave it; several: the candidates of the estimate, the search
     * started from the usual {@value SteelMassTip#BEVEL_LENGTH_MM} mm). The end is looked for beyond the window at most twice
     * (whose steel lies beyond is not known here).
     */
    static NeedleEndFit of(Volume ct, Vec3 end, Vec3 axis, double clipHu, double visibleMm, double[] bevelsMm, double[] profile) {
        return of(ct, end, axis, clipHu, visibleMm, bevelsMm, profile, s -> false, s -> false);
    }

    /**
     * {@link #of(Volume, Vec3, Vec3, double, double, double[], double[])}, the end looked for beyond the window up to
     * {@value #OWN_STEEL_SEARCHES} more times while {@code ownSteelTo} holds for the axis from the end to the tip found (s mm
     * beyond it): while the steel followed is this needle's own. Also where the tip found lies inside the window but
     * {@code ownSteelGoesOnFrom} holds for it (s mm beyond the end): the needle's own steel goes on past it, and the end is
     * looked for again from {@value #STEEL_GOES_ON_MM} mm less {@value #WINDOW_BACK_MM} mm beyond it, within the same count.
     */
    static NeedleEndFit of(Volume ct, Vec3 end, Vec3 axis, double clipHu, double visibleMm, double[] bevelsMm, double[] profile,
            java.util.function.DoublePredicate ownSteelTo, java.util.function.DoublePredicate ownSteelGoesOnFrom) {
        return of(ct, end, axis, clipHu, visibleMm, bevelsMm, profile, ownSteelTo, ownSteelGoesOnFrom, 0);
    }

    /**
     * {@link #of(Volume, Vec3, Vec3, double, double, double[], double[], java.util.function.DoublePredicate,
     * java.util.function.DoublePredicate)}; where the shaft behind the end holds less steel per mm than {@code leastMassPerMm}
     * (the shaft's steel is not this needle's: the run went on past the tip along a strand of seeds lying in line beyond it, or
     * towards a neighbour's tip), the end is looked for behind it instead ({@link #behindLightShaft}).
     */
    static NeedleEndFit of(Volume ct, Vec3 end, Vec3 axis, double clipHu, double visibleMm, double[] bevelsMm, double[] profile,
            java.util.function.DoublePredicate ownSteelTo, java.util.function.DoublePredicate ownSteelGoesOnFrom, double leastMassPerMm) {
        return of(ct, end, axis, clipHu, visibleMm, bevelsMm, profile, ownSteelTo, ownSteelGoesOnFrom, leastMassPerMm, Double.NaN);
    }

    /**
     * {@link #of(Volume, Vec3, Vec3, double, double, double[], double[], java.util.function.DoublePredicate,
     * java.util.function.DoublePredicate, double)} with the first window's shaft given {@code massPerMm} of steel per mm (HU·mm²)
     * instead of fitting it (NaN: fitted), with the scan's profile given: where the shaft behind the end read much heavier than the
     * scan's needles, a seed touching it (an implant's needles are of one type), the needle's own steel is the scan's.
     */
    static NeedleEndFit of(Volume ct, Vec3 end, Vec3 axis, double clipHu, double visibleMm, double[] bevelsMm, double[] profile,
            java.util.function.DoublePredicate ownSteelTo, java.util.function.DoublePredicate ownSteelGoesOnFrom, double leastMassPerMm,
            double massPerMm) {
        return of(ct, end, axis, clipHu, visibleMm, bevelsMm, profile, ownSteelTo, ownSteelGoesOnFrom, leastMassPerMm, massPerMm, false);
    }

    /**
     * {@link #of(Volume, Vec3, Vec3, double, double, double[], double[], java.util.function.DoublePredicate,
     * java.util.function.DoublePredicate, double, double)}; when {@code endDeferred} (and no least mass is given: the whole fit
     * is then this window or windows beyond it, which take their profile and first steel from it), only the first window's
     * shaft is fitted now, and the end (its search, the windows beyond or behind, the bevels) is looked for when the fit is first asked
     * anything of it: every answer is then the one the whole fit gives (the search is deterministic and reads only the
     * scan), and a fit asked only its slice profile ({@link #profile()}), its first shaft's steel ({@link #firstMassPerMm()}),
     * which the whole fit takes from this very window, or its blind band ({@link #blindHalfWidthMm(double, double[])}, from this
     * window's steel and noise while the end is not looked for: twenty-eighth round), never looks for its end. For the finder's
     * first pass on thick slices, whose ends are all fitted again after the z fits (docs/needles.md, twenty-seventh round,
     * branch {@code needlespeed5}).
     */
    static NeedleEndFit of(Volume ct, Vec3 end, Vec3 axis, double clipHu, double visibleMm, double[] bevelsMm, double[] profile,
            java.util.function.DoublePredicate ownSteelTo, java.util.function.DoublePredicate ownSteelGoesOnFrom, double leastMassPerMm,
            double massPerMm, boolean endDeferred) {
        Vec3 along = axis.normalized();
        NeedleEndFit first = new NeedleEndFit(ct, end, along, clipHu, visibleMm, bevelsMm, profile);
        first.givenMassPerMm = profile == null ? Double.NaN : massPerMm;
        if (!first.fitShaft()) {
            return null;
        }
        if (!endDeferred || leastMassPerMm > 0) {
            return first.withEnd(ct, end, along, clipHu, visibleMm, bevelsMm, profile, ownSteelTo, ownSteelGoesOnFrom, leastMassPerMm);
        }
        first.rest = () -> first.withEnd(ct, end, along, clipHu, visibleMm, bevelsMm, profile, ownSteelTo, ownSteelGoesOnFrom,
                leastMassPerMm);
        return first;
    }

    /** This fit, or where its end was deferred the whole fit, its end looked for now if it was not yet. */
    private NeedleEndFit whole() {
        if (rest != null) {
            whole = rest.get();
            rest = null;
        }
        return whole == null ? this : whole;
    }

    /**
     * The whole fit of which this is the first window, its shaft fitted: this window's end looked for, then, where its shaft is
     * lighter than {@code leastMassPerMm}, behind it ({@link #behindLightShaft}), else beyond the window while the steel goes on
     * ({@link #of(Volume, Vec3, Vec3, double, double, double[], double[], java.util.function.DoublePredicate,
     * java.util.function.DoublePredicate)}).
     */
    private NeedleEndFit withEnd(Volume ct, Vec3 end, Vec3 along, double clipHu, double visibleMm, double[] bevelsMm, double[] profile,
            java.util.function.DoublePredicate ownSteelTo, java.util.function.DoublePredicate ownSteelGoesOnFrom, double leastMassPerMm) {
        NeedleEndFit fit = this;
        fit.searchEnd();
        NeedleEndFit behind = fit.massPerMm() < leastMassPerMm
                ? behindLightShaft(fit, ct, end, along, clipHu, visibleMm, bevelsMm, profile, leastMassPerMm) : null;
        if (behind != null) {
            return behind;
        }
        // The steel goes on beyond the window the end is looked for in (its fitted tip lies beyond the search's reach, the
        // misfit still falling there): on 5 mm box slices a shallow needle's metal run can stop where the needle crosses into
        // the next slice, 10 mm and more short of its tip (3352 needle 6: run ended on the boundary 10.9 mm short, the fit
        // stopped at the window's edge, 2.55 mm short). Looked for again from the end moved out along the axis, twice whatever
        // the steel, then while it is this needle's own (fourteenth round: 3531 needle 1's run from its hub stopped 30.9 mm short
        // and two searches left its tip 4.29 mm short, the steel still going on; five searches unchecked followed 3439's false
        // run's end into the neighbouring needle's steel).
        // The steel going on past a tip found inside the window is looked for again too (3610 needle 3: its hub run stopped
        // where it crossed into the next 5 mm slice, 19.2 mm short, and the least misfit lay 1.7 mm behind the run's end).
        double shift = 0;
        for (int again = 0; again < SEARCHES + OWN_STEEL_SEARCHES; again++) {
            boolean goesOn = fit.searchedTipMm <= TIP_SEARCH_TO_MM && ownSteelGoesOnFrom.test(shift + fit.searchedTipMm);
            if (fit.searchedTipMm <= TIP_SEARCH_TO_MM && !goesOn) {
                break;
            }
            if (again >= SEARCHES && !ownSteelTo.test(shift + fit.searchedTipMm)) {
                break;
            }
            double step = goesOn ? fit.searchedTipMm + STEEL_GOES_ON_MM - WINDOW_BACK_MM : fit.searchedTipMm - WINDOW_BACK_MM;
            NeedleEndFit further = new NeedleEndFit(ct, end.plus(along.times(shift + step)), along, clipHu, visibleMm + shift + step,
                    bevelsMm, profile);
            if (!further.fit()) {
                break;
            }
            shift += step;
            further.shiftMm = shift;
            // The slice profile stays the first window's: the scan's profile is the median of its ends' shafts, and moving one
            // end's window must not move the other needles' z (only this tip).
            further.shaftProfile = fit.profile();
            further.firstMassPerMm = fit.firstMassPerMm();
            fit = further;
        }
        return behindReach(fit, ct, end, along, clipHu, visibleMm, bevelsMm, profile);
    }

    /**
     * The end looked for again with the window moved back where its tip was settled behind the search's reach (more than
     * {@value #TIP_SEARCH_FROM_MM} mm from the window's end, its back edge {@value #TIP_FROM_MM} mm): the window then holds only
     * the tip's last mm or so, the bevel's faintest steel, while the bevel's heel and the shaft, whose fall sets where the needle
     * ends, lie behind its back edge; a tip there is weighed by what lies beyond it, and a tip behind the edge leaves the misfit
     * flat. So it is where the metal run went on past the tip: 4580 needle 6 (5 mm Gaussian slices, 12-bit, 5.8°) ran 8.7 mm on
     * along a strand of seeds straight above it one slice up, whose partial volume shows in the needle's own slice; its tip was
     * settled 6.9 mm behind the run's end, 1.82 mm too deep, stated ±0.52 (docs/needles.md, twenty-seventh round, branch
     * {@code needledeep9}). Its shaft, 7.5-15 mm behind the run's end, held the needle's own last steel and read its mass, so
     * {@link #behindLightShaft} did not look. The window is moved back as the searches beyond it move it forward (its end
     * {@value #WINDOW_BACK_MM} mm behind the tip found) and the new fit kept where its tip lies inside its own search's reach;
     * else {@code fit}. The slice profile stays the first window's (as beyond); the shaft's mass per mm the finder weighs
     * ({@link #firstMassPerMm}) is the new window's own, on the needle's shaft behind the tip (not the steel past it), so that a
     * seed touching that shaft is caught as on any other end ({@link NeedleFinder#HEAVY_SHAFT_SHARE}).
     */
    private static NeedleEndFit behindReach(NeedleEndFit fit, Volume ct, Vec3 end, Vec3 along, double clipHu, double visibleMm,
            double[] bevelsMm, double[] profile) {
        if (fit.searchedTipMm >= TIP_SEARCH_FROM_MM) {
            return fit;
        }
        double shift = fit.shiftMm + fit.searchedTipMm - WINDOW_BACK_MM;
        NeedleEndFit back = new NeedleEndFit(ct, end.plus(along.times(shift)), along, clipHu, visibleMm + shift, bevelsMm, profile);
        back.givenMassPerMm = fit.givenMassPerMm;
        boolean kept = back.fit() && insideReach(back.searchedTipMm);
        if (!kept) {
            return fit;
        }
        back.shiftMm = shift;
        back.shaftProfile = fit.profile();
        return back;
    }

    /**
     * The end looked for behind a light shaft: the window moved back along the axis in {@value #BACK_STEP_MM} mm steps, at most
     * {@value #MAX_BACK_MM} mm, until the shaft behind it holds at least {@code leastMassPerMm} of steel per mm; the tip then lies
     * about where that shaft's front meets the light steel beyond, so the end is looked for {@value #BEHIND_HEAVY_SHAFT_MM} mm
     * behind that place (the search reaching from 3 mm behind to 5 mm beyond it). Null (the end then looked for as before) when
     * no shaft within reach is heavy enough, a fit fails or the tip found lies beyond the run's end after all (on the light
     * steel: with the walk reaching 30 mm back, 3657's false needle, a leftover of a needle's hub half, read 5.4 mm longer
     * without this), or the window there does not bound the tip ({@link #UNBOUNDED_ALONG_AXIS_MM}: the misfit still falling
     * at its edge, so the needle's own steel goes on through the light stretch; 4159 needle 1, twenty-second round). The steel
     * beyond is not followed (it is what was found not to be this needle's).
     * 3651 needle 6 and 3591 needle 7 (5 mm triangle slices; seen sets 3637 and 3589): a strand of four seeds (4.5 mm each,
     * 0.8 mm thick) lies 1–3 mm across and in line beyond the tip, within the runs' tube; the run took it and ended 12–14 mm
     * beyond the tip, and the end fit's shaft, on the seeds, read 0.74 and 0.21 of the scan's median mass per mm (the scan's other
     * ends 0.95–1.08): a needle 13.8 and 13.9 mm too long, a miss and a false needle. 3590 needle 4 (5 mm Gaussian): its run went
     * on 10.6 mm past the tip to a neighbour's tip one slice below, its shaft read 0.08, the tip 2.98 mm short (docs/needles.md,
     * fifteenth round).
     */
    private static NeedleEndFit behindLightShaft(NeedleEndFit first, Volume ct, Vec3 end, Vec3 along, double clipHu, double visibleMm,
            double[] bevelsMm, double[] profile, double leastMassPerMm) {
        for (double back = BACK_STEP_MM; back <= MAX_BACK_MM + 1e-9; back += BACK_STEP_MM) {
            NeedleEndFit behind = new NeedleEndFit(ct, end.minus(along.times(back)), along, clipHu, visibleMm - back, bevelsMm, profile);
            // Only its shaft's steel is asked: its end is not looked for.
            if (!behind.fitShaft()) {
                return null;
            }
            if (behind.massPerMm() >= leastMassPerMm) {
                double at = back + BEHIND_HEAVY_SHAFT_MM;
                NeedleEndFit there = new NeedleEndFit(ct, end.minus(along.times(at)), along, clipHu, visibleMm - at, bevelsMm, profile);
                if (!there.fit() || there.searchedTipMm > at) {
                    return null;
                }
                // An end is where the steel stops: one the window behind does not bound (the misfit still falling at its edge, the
                // tip stated one window's length along the axis) is no end behind the light steel but the needle's own steel going
                // on through it, read light (4159 n1: 0.849 of the median, 0.815 two and four mm back, 0.858 six; the end sought
                // 12 mm back ran past its window's front edge, and the tip was put 5.16 mm short). Every end behind a strand or a
                // neighbour's tip it was made for is bounded (3651, 3590, 3591, 3568, 3494, 3435, 3540: ±0.12–0.30 mm;
                // docs/needles.md, twenty-second round).
                if (there.tipAxisUncertaintyMm(bevelsMm.length == 1 ? 0 : USUAL_BEVEL) >= UNBOUNDED_ALONG_AXIS_MM) {
                    return null;
                }
                there.shiftMm = -at;
                there.firstMassPerMm = first.massPerMm();
                return there;
            }
        }
        return null;
    }

    /** The steps in which the window is moved back behind a light shaft, mm ({@link #behindLightShaft}). */
    private static final double BACK_STEP_MM = 2;
    /**
     * How far back a heavy enough shaft is looked for, mm. A seed strand lies beside the needle's last few mm and goes on beyond
     * the tip (the runs' ends 12–14 mm past it), so the shaft (15–7.5 mm behind the window's end) reaches the needle's own steel
     * within a few mm: heavy 2 mm back on 3651 n6, 3590 n4 and 3568 n7, 4 mm on 3591 n7. A line that is not on its needle's
     * steel reads heavy only farther back, where it crosses steel again: 3580 n8 (8.1° out of the plane, its line 4.8 mm across
     * at the tip) first at 20 mm, its tip then placed 21 mm short, a miss; the leftover runs of 3572 and 3583 (false needles) at
     * 16 and 14 mm.
     */
    private static final double MAX_BACK_MM = 10;
    /**
     * Where the end is looked for behind the first heavy enough shaft, mm behind its end: the shaft's front (7.5 mm behind the
     * end) meets the light steel there, give or take a step.
     */
    private static final double BEHIND_HEAVY_SHAFT_MM = 6;

    /** The steel's mass per mm of this window's shaft behind its end, fitted (HU·mm²). */
    private double massPerMm() {
        return Math.exp(shaftFit[0]);
    }

    /**
     * The steel's mass per mm of the shaft behind the metal run's end (the first window's, wherever the end was then looked for),
     * fitted (HU·mm²).
     */
    double firstMassPerMm() {
        return Double.isNaN(firstMassPerMm) ? massPerMm() : firstMassPerMm;
    }

    /** The median of the fits' first shafts' steel mass per mm ({@link #firstMassPerMm}), or NaN when there are none. */
    static double medianMassPerMm(java.util.Collection<NeedleEndFit> fits) {
        double[] v = fits.stream().mapToDouble(NeedleEndFit::firstMassPerMm).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * Steel this long past a tip found inside the window, the needle's own ({@code ownSteelGoesOnFrom}), has the end looked
     * for again beyond it, mm: no tip is followed by steel, and a seed (4.5 mm) is shorter.
     */
    static final double STEEL_GOES_ON_MM = 6;
    /** Where the end is looked for again when the steel goes on beyond the window: this far behind the tip found, mm. */
    private static final double WINDOW_BACK_MM = 2;
    /** Searches beyond the window made whatever steel is followed (the eleventh round's). */
    private static final int SEARCHES = 2;
    /**
     * Searches beyond those made only while the steel followed is the needle's own: 3531 needle 1 took four in all (its run
     * from the hub 30.9 mm short of the tip, each search moving the window ~8 mm).
     */
    static final int OWN_STEEL_SEARCHES = 3;

    /** The fitted in-plane σ, slice box width and slice σ, mm. */
    double[] profile() {
        return shaftProfile != null ? shaftProfile.clone()
                : new double[] {Math.abs(shaftFit[1]), Math.abs(shaftFit[2]), Math.abs(shaftFit[3])};
    }

    /** The median of each of the fits' profiles ({@link #profile()}), or null when fewer than three fits. */
    static double[] medianProfile(java.util.Collection<NeedleEndFit> fits) {
        if (fits.size() < 3) {
            return null;
        }
        double[] median = new double[3];
        for (int c = 0; c < 3; c++) {
            int col = c;
            double[] v = fits.stream().mapToDouble(f -> f.profile()[col]).sorted().toArray();
            median[c] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return median;
    }

    /**
     * The profile {@code profile} (in-plane σ, box width, slice σ, mm) with its slice part's full width at half maximum made
     * {@code fwhmMm}: the box widened or narrowed with the slice σ kept, or, where even no box is too wide, a Gaussian of that
     * FWHM. A CT's slice thickness is the FWHM of its slice sensitivity profile (IEC 61223-3-5; DICOM Slice Thickness
     * (0018,0050), "nominal slice thickness"), so the width is known from the scan and only the shape is the fits'.
     */
    static double[] withFwhm(double[] profile, double fwhmMm) {
        double sz = profile[2];
        if (fwhm(MIN_BOX_MM, sz) >= fwhmMm) {
            return new double[] {profile[0], 0, fwhmMm / (2 * Math.sqrt(2 * Math.log(2)))};
        }
        double lo = MIN_BOX_MM;
        double hi = 2 * fwhmMm;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (fwhm(mid, sz) < fwhmMm) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new double[] {profile[0], (lo + hi) / 2, sz};
    }

    /** The full width at half maximum of {@link #sliceProfile} with box {@code box} and σ {@code sz}, mm (by bisection). */
    static double fwhm(double box, double sz) {
        double half = sliceProfile(0, box, sz) / 2;
        double lo = 0;
        double hi = box / 2 + 6 * sz;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (sliceProfile(mid, box, sz) > half) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo + hi;
    }

    /**
     * Where the end's own fit puts the axis across at the tip found with a bevel of {@code bevelsMm[b]}, as a shift from this
     * fit's axis (mm, perpendicular to it): the offsets and tilts settled with the end on the voxels around it (8 mm behind to
     * 6 mm beyond), at the tip. The end fit renders each slice's partial volume of the steel through the scan's slice profile,
     * so where the needle crosses slices within that window the shift is the image's reading of the line, not the slab
     * centroids' staircase ({@link NeedleFinder#acrossByEndFit}).
     */
    Vec3 acrossAtTipMm(int b) {
        if (whole() != this) {
            return whole().acrossAtTipMm(b);
        }
        bevels();
        double lever = tipMm[b] - SHAFT_MIDDLE_MM;
        double o1 = tipShaft[4] + tipShaft[6] * lever;
        double o2 = tipShaft[5] + tipShaft[7] * lever;
        return e1.times(o1).plus(e2.times(o2));
    }

    /**
     * Where the end's own fit puts the tip when the axis's offsets and tilts are settled again at other places along the axis,
     * as a shift from the tip found with a bevel of {@code bevelsMm[b]} (mm: along and across this fit's axis), or null where no
     * such place explains the window's voxels better by more than the noise. The end is settled once, from the shaft's offsets
     * ({@link #fit}); on a needle 20-30° out of thick slices whose tip lies just past a slice boundary, an end short of it with
     * the line moved across explains the window's voxels nearly as well, and that local basin holds the search (docs/needles.md,
     * twenty-sixth round, branch {@code needletip7}: 4533 needle 9, 29°, 1.01 mm short; its misfit 83.0 there, 73.0 with the
     * offsets settled again 1 mm deeper). So the offsets and tilts are settled again with the tip held every
     * {@value #BASIN_LOOK_STEP_MM} mm up to {@value #BASIN_LOOK_MM} mm either side; where the best of those lies under the least
     * misfit by more than the along-axis statement's rise (two standard deviations, {@link #tipAxisUncertaintyMm}), the end is
     * settled from there ({@link #settle}) and kept where it is still that much better and inside the end's search.
     */
    Vec3 resettledTipShiftMm(int b) {
        return resettledTipShiftMm(b, false);
    }

    /**
     * {@link #resettledTipShiftMm(int)}, looked for only where the end's offsets and tilts settled again half a step along the axis
     * either side ({@value #BASIN_LOOK_STEP_MM} mm) already explain the window's voxels better than the least misfit by more than
     * the along-axis statement's rise; null otherwise. A short end held with the line moved across is a slope the offsets
     * settled again run down from the end found: on the two traced 3 mm needles the misfit so settled lay under the bar at
     * +0.5 mm already (4477 needle 2: 110.5 against 116.9; 4402 needle 7: 88.7 against 99.2) and went on falling to +1.5 mm
     * (docs/needles.md, twenty-sixth round, second part, branch {@code needletip8}). Two short fits instead of six on the many
     * ends that hold no such slope.
     */
    Vec3 screenedResettledTipShiftMm(int b) {
        return resettledTipShiftMm(b, true);
    }

    /**
     * {@link #resettledTipShiftMm(int)}; when {@code screened}, first the places half a step either side (in that order, the
     * second only where the first is not under the bar), and the whole look only where one of them lies under the bar. The
     * fits made for the screen are the look's own at those places (the search is deterministic), so they are not made twice.
     */
    private Vec3 resettledTipShiftMm(int b, boolean screened) {
        if (whole() != this) {
            return whole().resettledTipShiftMm(b, screened);
        }
        bevels();
        double t0 = tipMm[b];
        if (!insideReach(t0)) {
            return null;
        }
        double kept = bevelMm;
        bevelMm = bevelsMm[b];
        try {
            double least = misfit(tipShaft, t0, tipTurn, TIP_FROM_MM, TIP_TO_MM);
            double bar = least - 4 * least / Math.max(1, windowVoxels());
            Map<Double, double[]> held = new HashMap<>();
            if (screened) {
                boolean slope = false;
                for (double dt : new double[] {-BASIN_LOOK_STEP_MM, BASIN_LOOK_STEP_MM}) {
                    if (!slope && insideReach(t0 + dt)) {
                        double[] h = heldAt(t0 + dt);
                        held.put(dt, h);
                        slope = h[4] < bar;
                    }
                }
                if (!slope) {
                    return null;
                }
            }
            double bestT = Double.NaN;
            double[] bestQ = null;
            double best = bar;
            for (double dt = -BASIN_LOOK_MM; dt <= BASIN_LOOK_MM + 1e-9; dt += BASIN_LOOK_STEP_MM) {
                double t = t0 + dt;
                if (Math.abs(dt) < 1e-9 || !insideReach(t)) {
                    continue;
                }
                double[] q = held.containsKey(dt) ? held.get(dt) : heldAt(t);
                if (q[4] < best) {
                    best = q[4];
                    bestT = t;
                    bestQ = q;
                }
            }
            if (bestQ == null) {
                return null;
            }
            double[] settled = settle(withOffsets(tipShaft, new double[] {bestT, bestQ[0], bestQ[1], bestQ[2], bestQ[3]}), bestT, tipTurn);
            double t = settled[8];
            if (misfit(settled, t, settled[9], TIP_FROM_MM, TIP_TO_MM) >= bar || !insideReach(t)) {
                return null;
            }
            double lever = t - SHAFT_MIDDLE_MM;
            double leverNow = t0 - SHAFT_MIDDLE_MM;
            return axis.times(t - t0)
                    .plus(e1.times(settled[4] + settled[6] * lever - tipShaft[4] - tipShaft[6] * leverNow))
                    .plus(e2.times(settled[5] + settled[7] * lever - tipShaft[5] - tipShaft[7] * leverNow));
        } finally {
            bevelMm = kept;
        }
    }

    /**
     * The end's offsets and tilts settled again with the tip held at {@code t} (mm along the axis), and the window's misfit
     * there: {offset 1, offset 2, tilt 1, tilt 2, misfit}.
     */
    private double[] heldAt(double t) {
        double[] q = NelderMead.minimise(x -> misfit(withOffsets(tipShaft, new double[] {t, x[0], x[1], x[2], x[3]}), t, tipTurn,
                TIP_FROM_MM, TIP_TO_MM), new double[] {tipShaft[4], tipShaft[5], tipShaft[6], tipShaft[7]},
                new double[] {0.1, 0.1, 0.005, 0.005}, SHORT_EVALUATIONS, TOLERANCE);
        double m = misfit(withOffsets(tipShaft, new double[] {t, q[0], q[1], q[2], q[3]}), t, tipTurn, TIP_FROM_MM, TIP_TO_MM);
        return new double[] {q[0], q[1], q[2], q[3], m};
    }

    /** How far either side of the tip found the end's offsets are settled again ({@link #resettledTipShiftMm(int)}), mm. */
    private static final double BASIN_LOOK_MM = 1.5;

    /** The step in which the end's offsets are settled again along the axis ({@link #resettledTipShiftMm(int)}), mm. */
    private static final double BASIN_LOOK_STEP_MM = 0.5;

    /** How long the end fit's window reaches along the axis, from its shaft's start behind the end to its front edge, mm. */
    static final double WINDOW_MM = TIP_TO_MM - SHAFT_FROM_MM;

    /** The tip's distance beyond the end along the axis with a bevel of {@code bevelsMm[b]}, mm. */
    double tipOffsetMm(int b) {
        if (whole() != this) {
            return whole().tipOffsetMm(b);
        }
        bevels();
        return tipMm[b] + shiftMm;
    }

    /**
     * Signal-to-noise ratio at which a neighbouring slice's partial volume of the steel, summed over the needle's stretch
     * (a matched filter), is taken to place the needle along z: 3, a detection at three standard deviations.
     */
    static final double VISIBLE_SNR = 3;

    /**
     * Half-width of the band about a slice centre inside which this needle's steel shows in no neighbouring slice, mm: there
     * the slice profile's flat top does not change as the needle moves, so the image holds nothing of where along z the needle
     * lies (a box profile; on Gaussian and triangle profiles the neighbour always sees it and the band is 0). The neighbour's
     * voxel on a needle u mm from its own slice centre reads mass per mm × the in-plane peak (the Gaussian averaged over the
     * pixel) × the slice profile at spacing − u; it places the needle where that, matched over {@code lengthMm} of needle (the
     * voxels it crosses, √π σ / pixel across), reaches {@value #VISIBLE_SNR} × the noise around this end. Uses the fitted
     * profile, mass and noise of this end (with the scan's profile given: that profile).
     *
     * <p>A fit whose end is deferred and not yet looked for (the first pass on thick slices, {@link #of(Volume, Vec3, Vec3,
     * double, double, double[], double[], java.util.function.DoublePredicate, java.util.function.DoublePredicate, double, double,
     * boolean)}) answers from its first window's shaft and noise without looking for its end: the needles are of one type, so
     * the steel per mm is the needle's wherever its shaft is read, and the window the whole fit ends in differs from the first
     * only where the end went on beyond it or was looked for behind it (1 of 242 first-pass ends on the seen scans 4501–4524).
     * The band's test on box scans was what still made the first pass look for most ends there (docs/needles.md,
     * twenty-eighth round, branch {@code needlespeed8}).
     */
    double blindHalfWidthMm(double lengthMm) {
        return blindHalfWidthMm(lengthMm, profile());
    }

    /** {@link #blindHalfWidthMm(double)} with the slice profile {@code pr} (in-plane σ, box width, slice σ, mm) instead of this end's. */
    double blindHalfWidthMm(double lengthMm, double[] pr) {
        if (rest == null && whole() != this) {
            return whole().blindHalfWidthMm(lengthMm, pr);
        }
        Grid g = ct.grid();
        double sxy = Math.max(pr[0], 1e-3);
        double peak = Math.exp(shaftFit[0]) * pixelMean(g.dxMm(), sxy) * pixelMean(g.dyMm(), sxy);
        double voxels = Math.max(1, Math.sqrt(Math.PI) * sxy / g.dyMm() * lengthMm / g.dxMm());
        double level = VISIBLE_SNR * noiseHu / Math.sqrt(voxels);
        double spacing = g.dzMm();
        java.util.function.DoubleUnaryOperator neighbour = u -> peak * sliceProfile(spacing - u, pr[1], pr[2]);
        if (neighbour.applyAsDouble(0) >= level) {
            return 0;
        }
        if (neighbour.applyAsDouble(spacing / 2) < level) {
            return spacing / 2;
        }
        double lo = 0;
        double hi = spacing / 2;
        for (int i = 0; i < 40; i++) {
            double mid = (lo + hi) / 2;
            if (neighbour.applyAsDouble(mid) < level) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** A unit-mass Gaussian of σ {@code s} averaged over a pixel {@code h} wide centred on its peak, 1/mm. */
    private static double pixelMean(double h, double s) {
        return (2 * NormalCdf.of(h / (2 * s)) - 1) / h;
    }

    /**
     * How far along z the tip may lie from where it was found because the image does not tell, mm (about two standard
     * deviations): the Cramér–Rao bound on the tip's z of a straight line through the needle's last {@code lengthMm} (points of
     * {@code pathMm} from the hub side to the tip; its tip height and slope both free), each mm of needle seen by every slice
     * through its slice profile's slope at the needle's height (the fitted profile, steel mass, in-plane σ and this end's white
     * noise; voxels the scanner clips tell nothing), and, where the path over that stretch stays inside the blind band of one
     * slice ({@link #blindHalfWidthMm}), no more than the band allows: its half-width plus the found tip's distance from the
     * slice centre; never more than half the slice plus that distance (the tip's own slice shows its steel). Inside a box
     * slice's flat top the bound is unbounded (no slice changes as the needle moves) and the band is what is stated; near a
     * slice boundary, or on Gaussian and triangle profiles, the bound is a few hundredths of a mm.
     */
    double tipZUncertaintyMm(List<Vec3> pathMm, double lengthMm) {
        if (whole() != this) {
            return whole().tipZUncertaintyMm(pathMm, lengthMm);
        }
        if (pathMm.size() < 2) {
            return 0;
        }
        Grid g = ct.grid();
        double[] pr = profile();
        double sxy = Math.max(pr[0], 1e-3);
        double box = pr[1];
        double sz = Math.max(pr[2], 1e-3);
        double mp = Math.exp(shaftFit[0]) * pixelMean(g.dxMm(), sxy) * pixelMean(g.dyMm(), sxy);
        double perMm = Math.sqrt(Math.PI) * sxy / (g.dyMm() * g.dxMm()) / Math.max(noiseHu * noiseHu, 1);
        Vec3 tip = pathMm.get(pathMm.size() - 1);
        double halfWidth = blindHalfWidthMm(lengthMm, pr);
        double centre = g.z(0) + Math.rint((tip.z() - g.z(0)) / g.dzMm()) * g.dzMm();
        boolean inBand = halfWidth > 0;
        double f00 = 0;
        double f01 = 0;
        double f11 = 0;
        double step = 0.5;
        PathFromTip walk = new PathFromTip(pathMm);
        for (double s = 0; s <= lengthMm; s += step) {
            if (!walk.reach(s)) {
                break;
            }
            double z = walk.z();
            inBand &= Math.abs(z - centre) < halfWidth;
            double w = 0;
            int k0 = (int) Math.floor((z - g.z(0)) / g.dzMm()) - 3;
            for (int k = Math.max(0, k0); k <= Math.min(g.nz() - 1, k0 + 7); k++) {
                double d = z - g.z(k);
                if (tissue + mp * sliceProfile(d, box, sz) >= clipHu) {
                    continue;
                }
                double slope = mp * sliceProfileSlope(d, box, sz);
                w += slope * slope;
            }
            w *= perMm * step;
            f00 += w;
            f01 += w * s;
            f11 += w * s * s;
        }
        double det = f00 * f11 - f01 * f01;
        double bound = det > 0 ? 2 * Math.sqrt(f11 / det) : Double.POSITIVE_INFINITY;
        double band = inBand ? halfWidth + Math.abs(tip.z() - centre) : Double.POSITIVE_INFINITY;
        // Never beyond the slice the tip is seen in: the tip's own slice shows its steel.
        double slice = NeedleCentreline.zSpreadMm(ct) / 2 + Math.abs(tip.z() - centre);
        return Math.min(slice, Math.min(bound, band));
    }

    /**
     * How far along z the tip may lie because the needle lies inside one slice with its tip's stretch in that slice's blind
     * band, mm: where the path's last {@code lengthMm} (points of {@code pathMm} from the hub side to the tip) stays within
     * {@code halfWidthMm} (more than 0) of the tip's slice centre and the rest of it within that slice (half the slice spacing),
     * the band's half-width plus the tip's distance from that centre; else 0. Inside the band no slice changes as the tip's
     * stretch moves along z; a line crossing no slice boundary is placed only where its hub-side part leaves the band, and a
     * needle bends (the twentieth round's sag, 2.9–3.0 mm), so a line pinned there tilts freely in the flat top and the tip's
     * height is not in the image (4378 needle 4, 5 mm box: its hub end 0.14 mm inside a boundary, +1.92 mm off along z, stated
     * ±0.56 from the soft profile's edge). A line that crosses a boundary is placed by the crossing too: not stated here (4267
     * needle 7, 4°, 0.39 mm off, would read ±3.36). docs/needles.md, twenty-fourth round, branch {@code needleband}; the whole
     * line inside the band is {@link NeedleFinder}'s older rule.
     */
    static double tipStretchBandMm(Grid g, List<Vec3> pathMm, double lengthMm, double halfWidthMm) {
        if (halfWidthMm <= 0 || pathMm.size() < 2) {
            return 0;
        }
        Vec3 tip = pathMm.get(pathMm.size() - 1);
        double centre = g.z(0) + Math.rint((tip.z() - g.z(0)) / g.dzMm()) * g.dzMm();
        PathFromTip walk = new PathFromTip(pathMm);
        for (double s = 0; walk.reach(s); s += 0.5) {
            if (Math.abs(walk.z() - centre) >= (s <= lengthMm ? halfWidthMm : g.dzMm() / 2)) {
                return 0;
            }
        }
        return Math.abs(pathMm.get(0).z() - centre) >= g.dzMm() / 2 ? 0 : halfWidthMm + Math.abs(tip.z() - centre);
    }

    /** The derivative along z of {@link #sliceProfile}, 1/mm². */
    static double sliceProfileSlope(double d, double box, double sz) {
        if (box < MIN_BOX_MM) {
            return -d / (sz * sz) * sliceProfile(d, box, sz);
        }
        return (gaussianDensity((d + box / 2) / sz) - gaussianDensity((d - box / 2) / sz)) / (box * sz);
    }

    private static double gaussianDensity(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    /**
     * What the tip is stated along the axis where the end fit's window does not bound it, mm: one window's length (8 mm behind
     * to 6 mm beyond its end). The fit sees no voxel beyond its window, so a tip whose misfit has not risen by the window's edge
     * may lie anywhere past it: pinned at the back edge where the metal run goes on beyond the tip (3494 needle 6 was, along
     * another needle's seed strand: 4.47 mm too deep, until the end was looked for behind a light shaft), or found beyond the front edge where the steel still goes on after the last
     * search beyond the window (3531 needle 1 was, 4.29 mm short, until the searches went on while the steel is the needle's own).
     * No end fit at all (the shaft behind the end too short) is stated
     * the same: nothing weighed the tip's place along the axis.
     */
    static final double UNBOUNDED_ALONG_AXIS_MM = TIP_TO_MM - TIP_FROM_MM;

    /**
     * How far along the needle's axis the tip may lie from the one found with a bevel of {@code bevelsMm[b]}, mm (about two
     * standard deviations, the wider side): the stretch of tip places (the fitted shaft, offsets, tilts and bevel's turn kept)
     * whose misfit exceeds the least by no more than 4 × the least misfit over the window's voxel count, out to the farthest
     * such place on either side ({@link #farthest}: 3718 needle 5, 1.02 mm short, its misfit rising 1.0 a quarter mm beyond the
     * tip found and back to the least 0.75 mm beyond it, was stated ±0.26 from the first rise alone; docs/needles.md, eighteenth
     * round). That is the
     * least-squares profile interval of two standard deviations with the residuals' own spread standing for the noise: for
     * residuals well under the robust scale ({@value #ROBUST_HU} HU) the misfit is Σ r² / c², so a rise of 4 σ̂² / c² is
     * 4 × misfit / N. An end the model explains well (noise alone) is held to hundredths of a mm; one whose voxels it explains
     * worse (a seed, streaks, another needle's steel) gets a wider stretch. Where that stretch reaches the window's edge on either
     * side, or the tip found lies beyond the window, the window does not bound it: {@link #UNBOUNDED_ALONG_AXIS_MM}. It does not
     * state a place the fit is sure of and wrong (another needle's steel in the window's neighbouring slice: 3705 needle 4, 1.22 mm
     * long, stated ±0.26; a seed in the shaft's stretch read as a heavier shaft was such, 3499 needle 5, until such shafts were
     * given the scan's mass, {@link NeedleFinder#HEAVY_SHAFT_SHARE}).
     */
    double tipAxisUncertaintyMm(int b) {
        if (whole() != this) {
            return whole().tipAxisUncertaintyMm(b);
        }
        bevels();
        double t0 = tipMm[b];
        if (t0 <= TIP_FROM_MM || t0 >= TIP_TO_MM) {
            return UNBOUNDED_ALONG_AXIS_MM;
        }
        double kept = bevelMm;
        bevelMm = bevelsMm[b];
        int n = windowVoxels();
        double least = misfit(tipShaft, t0, tipTurn, TIP_FROM_MM, TIP_TO_MM);
        double rise = 4 * least / Math.max(1, n);
        java.util.function.DoubleUnaryOperator excess = t -> misfit(tipShaft, t, tipTurn, TIP_FROM_MM, TIP_TO_MM) - least - rise;
        double behind = farthest(excess, reach(excess, t0, TIP_FROM_MM), TIP_FROM_MM);
        double beyond = farthest(excess, reach(excess, t0, TIP_TO_MM), TIP_TO_MM);
        bevelMm = kept;
        if (Double.isNaN(behind) || Double.isNaN(beyond)) {
            return UNBOUNDED_ALONG_AXIS_MM;
        }
        return Math.max(t0 - behind, beyond - t0);
    }

    /**
     * The first place from {@code from} towards {@code to} where {@code excess} rises above 0 (0.5 mm steps, then bisection to
     * 0.002 mm), or NaN when it does not by {@code to}.
     */
    private static double reach(java.util.function.DoubleUnaryOperator excess, double from, double to) {
        double dir = Math.signum(to - from);
        double a = from;
        while ((to - a) * dir > 0) {
            double b = (to - a) * dir > 0.5 ? a + 0.5 * dir : to;
            if (excess.applyAsDouble(b) > 0) {
                for (int i = 0; i < 8; i++) {
                    double mid = (a + b) / 2;
                    if (excess.applyAsDouble(mid) > 0) {
                        b = mid;
                    } else {
                        a = mid;
                    }
                }
                return (a + b) / 2;
            }
            a = b;
        }
        return Double.NaN;
    }

    /** The step in which the window beyond the first crossing is looked through for another place within the rise, mm. */
    private static final double BASIN_STEP_MM = 0.25;

    /**
     * The farthest crossing towards {@code to}: from the first crossing {@code from}, the window is looked through every
     * {@value #BASIN_STEP_MM} mm for a place whose misfit falls back within the rise (a second basin), and the crossing beyond
     * it taken; NaN when the stretch reaches {@code to} (the window does not bound the tip), {@code from} when there is none.
     */
    private static double farthest(java.util.function.DoubleUnaryOperator excess, double from, double to) {
        double dir = Math.signum(to - from);
        double crossing = from;
        for (double t = from + BASIN_STEP_MM * dir; !Double.isNaN(crossing) && (to - t) * dir > 0; t += BASIN_STEP_MM * dir) {
            if (excess.applyAsDouble(t) <= 0) {
                crossing = reach(excess, t, to);
                if (Double.isNaN(crossing)) {
                    return Double.NaN;
                }
                t = crossing;
            }
        }
        return crossing;
    }

    /** The least misfit with a bevel of {@code bevelsMm[b]} (robust, dimensionless). */
    double misfit(int b) {
        if (whole() != this) {
            return whole().misfit(b);
        }
        bevels();
        return misfits[b];
    }

    /**
     * The tip's distance along the axis beyond the end, mm; NaN when the shaft cannot be fitted. The shaft's parameters:
     * ln(steel mass per mm, HU·mm²), in-plane σ, slice box width, slice σ (mm), the axis's offsets along e1 and e2 at the
     * middle of the shaft's stretch (mm) and its tilts towards them (mm/mm); the tissue level is the median of the outer
     * voxels. Offsets and tilts are nuisances here (a centreline 0.2 mm off or 0.5° astray on a box profile is otherwise
     * made up for by a wrong profile and mass): across the axis the tip stays on the refined centreline, which the
     * offsets fitted at the tip did not better on the tuning scans (a box profile's flat top hides where in the slice
     * the needle lies).
     */
    private boolean fit() {
        if (!fitShaft()) {
            return false;
        }
        searchEnd();
        return true;
    }

    /** The shaft's part of {@link #fit}: false when the shaft cannot be fitted. */
    private boolean fitShaft() {
        Grid g = ct.grid();
        if (-steelFromMm < -SHAFT_TO_MM + 3 || voxel.length == 0) {
            return false;
        }
        tissue = tissueLevel();
        double lowerBound = 0;
        int count = 0;
        for (int q = 0; q < voxel.length; q++) {
            if (along[q] >= SHAFT_FROM_MM && along[q] <= SHAFT_TO_MM) {
                lowerBound += value[q] - tissue;
                count++;
            }
        }
        if (count < 20) {
            return false;
        }
        double voxelMm3 = g.dxMm() * g.dyMm() * g.dzMm();
        double massPerMm = Math.max(1000, 2 * lowerBound * voxelMm3 / (SHAFT_TO_MM - Math.max(SHAFT_FROM_MM, steelFromMm)));
        // The slice profile's shape is not known: a short fit from a box, a triangle-like and a Gaussian profile whose
        // full width at half maximum is the slice thickness (the spacing when none is recorded), the best of the three then
        // fitted on.
        double dz = ct.sliceProfileFwhmMm();
        double[][] shapes = {{dz, 0.1 * dz}, {0.5 * dz, 0.3 * dz}, {0.02, dz / 2.355}};
        double[] steps = {0.4, 0.15, 0.3 * dz, 0.15 * dz, 0.2, 0.2, 0.01, 0.01};
        double[] p = null;
        double best = Double.MAX_VALUE;
        if (profile != null) {
            // The scan's profile given: the steel's mass per mm and the axis's offsets and tilts only.
            java.util.function.UnaryOperator<double[]> full = q -> new double[] {q[0], profile[0], profile[1], profile[2], q[1], q[2], q[3], q[4]};
            shapes = new double[0][];
            if (Double.isNaN(givenMassPerMm)) {
                double[] q = NelderMead.minimise(x -> misfit(full.apply(x), Double.NaN, 0, SHAFT_FROM_MM, SHAFT_TO_MM),
                        new double[] {Math.log(massPerMm), 0, 0, 0, 0}, new double[] {0.4, 0.2, 0.2, 0.01, 0.01}, MAX_EVALUATIONS, TOLERANCE);
                p = full.apply(q);
            } else {
                // The mass given (the scan's, where this shaft read much heavier: a seed touching it) and the profile: the axis's
                // offsets and tilts only.
                double ln = Math.log(givenMassPerMm);
                java.util.function.UnaryOperator<double[]> given = q -> full.apply(new double[] {ln, q[0], q[1], q[2], q[3]});
                double[] q = NelderMead.minimise(x -> misfit(given.apply(x), Double.NaN, 0, SHAFT_FROM_MM, SHAFT_TO_MM),
                        new double[] {0, 0, 0, 0}, new double[] {0.2, 0.2, 0.01, 0.01}, MAX_EVALUATIONS, TOLERANCE);
                p = given.apply(q);
            }
        }
        for (double[] shape : shapes) {
            double[] start = {Math.log(massPerMm), 0.5, shape[0], shape[1], 0, 0, 0, 0};
            double[] x = NelderMead.minimise(q -> misfit(q, Double.NaN, 0, SHAFT_FROM_MM, SHAFT_TO_MM), start, steps, SHORT_EVALUATIONS,
                    TOLERANCE);
            double m = misfit(x, Double.NaN, 0, SHAFT_FROM_MM, SHAFT_TO_MM);
            if (m < best) {
                best = m;
                p = x;
            }
        }
        if (profile == null) {
            p = NelderMead.minimise(x -> misfit(x, Double.NaN, 0, SHAFT_FROM_MM, SHAFT_TO_MM), p, steps, MAX_EVALUATIONS, TOLERANCE);
        }
        shaftFit = p;
        return true;
    }

    /** The end's part of {@link #fit}, on the fitted shaft; the bevels' tips are fitted when first asked ({@link #bevels}). */
    private void searchEnd() {
        double[] shaft = shaftFit;
        // The end: on a coarse grid of positions and eight turns of the bevel, then by golden section in position and in turn,
        // twice. Four turns were too coarse: on a needle 9-11° out of 3 mm box slices the misfit along the axis has two
        // minima about a bevel length apart, one of them deep only where the bevel faces half-way between two of the four
        // turns, and the search took the other (tip 4.1 mm short, seed 2407).
        double bestT = 0;
        double bestPhi = 0;
        double best = Double.MAX_VALUE;
        for (double t = TIP_SEARCH_FROM_MM; t <= TIP_SEARCH_TO_MM + 1e-9; t += 0.5) {
            for (int a = 0; a < TURNS; a++) {
                double m = misfit(shaft, t, a * 2 * Math.PI / TURNS, TIP_FROM_MM, TIP_TO_MM);
                if (m < best) {
                    best = m;
                    bestT = t;
                    bestPhi = a * 2 * Math.PI / TURNS;
                }
            }
        }
        // The axis's offsets and tilts refitted with the end, on the voxels around it: on box slices a needle a few degrees out of
        // the plane shows its end where it leaves a slice, so a place along z 0.2 mm astray moves the end it shows along the
        // axis by 0.2 mm / tan(tilt), 1.1-1.9 mm at 6-10° (seed 2422 needle 7: 1.56 mm short with the shaft's offsets).
        double[] settled = settle(shaft, bestT, bestPhi);
        // The bevel's turn looked at again on the settled axis. The coarse grid weighs the turns on the shaft's axis, and the golden
        // search turns the bevel only ±22.5° about the grid's choice: where the needle crosses a box slice's boundary over its last
        // mm, the bevel's steel (its centroid moving up to the steel's radius to one side) shows in the one slice or the other as it
        // turns, and a tip a bevel's half length away with the bevel turned between two grid turns can explain the voxels far
        // better than the basin the search settled in (3796 needle 5: settled 1.60 mm short, the bevel at 280°, misfit 54.9; at
        // its true place, the bevel at about 60°, 11.4). So the settled end's misfit is compared with the bevel turned every
        // 22.5° half a bevel behind and beyond it (the settled axis kept); where one of those places explains the voxels better by
        // more than the noise (the along-axis statement's two-standard-deviation rise), the end is settled again from there, and
        // kept where it is better and lies within a bevel's length of the first (a turn of the bevel moves the tip along the
        // axis by less than that; farther is another reading of other steel: on 3690 and 3685 ends on two needles' steel, misfits
        // of 380 and 480, moved 5.6 and 3.8 mm). Only a tip the window bounds, before and after (inside the search's reach): a tip
        // found beyond it is looked for again beyond the window, and on 3690 an end so followed onto another needle's steel
        // (misfit 306) moved 1.5 mm deeper and step 9 then kept that reading of needle 3, 8.4 mm short, over the right one.
        double settledMisfit = misfit(settled, settled[8], settled[9], TIP_FROM_MM, TIP_TO_MM);
        double bar = settledMisfit - 4 * settledMisfit / Math.max(1, windowVoxels());
        double escapeT = Double.NaN;
        double escapePhi = 0;
        for (double dt : insideReach(settled[8]) ? new double[] {-bevelMm / 2, bevelMm / 2} : new double[0]) {
            for (int a = 0; a < ESCAPE_TURNS; a++) {
                double m = misfit(settled, settled[8] + dt, a * 2 * Math.PI / ESCAPE_TURNS, TIP_FROM_MM, TIP_TO_MM);
                if (m < bar) {
                    bar = m;
                    escapeT = settled[8] + dt;
                    escapePhi = a * 2 * Math.PI / ESCAPE_TURNS;
                }
            }
        }
        if (!Double.isNaN(escapeT)) {
            double[] escaped = settle(settled, escapeT, escapePhi);
            if (misfit(escaped, escaped[8], escaped[9], TIP_FROM_MM, TIP_TO_MM) < settledMisfit
                    && Math.abs(escaped[8] - settled[8]) <= bevelMm && insideReach(escaped[8])) {
                settled = escaped;
            }
        }
        searchedTipMm = settled[8];
        tipShaft = java.util.Arrays.copyOf(settled, 8);
        tipTurn = settled[9];
    }

    /**
     * The bevel's length: the tip again for each length, from 1.5 mm behind to 1 mm beyond the tip found with the usual bevel
     * (the end's offsets, tilts and turn kept); made once, when a tip or misfit of a bevel is first asked. A window the end is
     * looked for beyond, or the first pass's ends fitted again after the z fits, never asks (docs/needles.md, twenty-seventh
     * round, branch {@code needlespeed5}).
     */
    private void bevels() {
        if (bevelsFitted) {
            return;
        }
        double kept = bevelMm;
        for (int b = 0; b < bevelsMm.length; b++) {
            bevelMm = bevelsMm[b];
            tipMm[b] = golden(x -> misfit(tipShaft, x, tipTurn, TIP_FROM_MM, TIP_TO_MM), searchedTipMm - 1.5, searchedTipMm + 1.0);
            misfits[b] = misfit(tipShaft, tipMm[b], tipTurn, TIP_FROM_MM, TIP_TO_MM);
        }
        bevelMm = kept;
        bevelsFitted = true;
    }

    /** Whether a tip {@code t} mm along the axis from this fit's end lies within the end's search (the window bounds it). */
    private static boolean insideReach(double t) {
        return t >= TIP_SEARCH_FROM_MM && t <= TIP_SEARCH_TO_MM;
    }

    /** Turns of the bevel about the axis tried half a bevel either side of the settled end (every 22.5°). */
    private static final int ESCAPE_TURNS = 16;

    /** How many voxels the end's window (from {@value #TIP_FROM_MM} to {@value #TIP_TO_MM} mm along the axis) holds. */
    private int windowVoxels() {
        int n = 0;
        for (double s : along) {
            n += s >= TIP_FROM_MM && s <= TIP_TO_MM ? 1 : 0;
        }
        return n;
    }

    /**
     * The end settled from {@code t0} and the bevel's turn {@code phi0}: the tip and the axis's offsets and tilts of
     * {@code from} by Nelder–Mead, then golden section in position and in turn, twice; the shaft's parameters with those
     * offsets and tilts, then the tip and the turn.
     */
    private double[] settle(double[] from, double t0, double phi0) {
        double[] refit = NelderMead.minimise(q -> misfit(withOffsets(from, q), q[0], phi0, TIP_FROM_MM, TIP_TO_MM),
                new double[] {t0, from[4], from[5], from[6], from[7]}, new double[] {0.3, 0.1, 0.1, 0.005, 0.005}, SHORT_EVALUATIONS,
                TOLERANCE);
        double[] atTip = withOffsets(from, refit);
        double t = refit[0];
        double turned = phi0;
        double halfStep = 0.5;
        for (int round = 0; round < 2; round++) {
            double phi = turned;
            double at = t;
            t = golden(x -> misfit(atTip, x, phi, TIP_FROM_MM, TIP_TO_MM), at - halfStep, at + halfStep);
            double tt = t;
            turned = golden(x -> misfit(atTip, tt, x, TIP_FROM_MM, TIP_TO_MM), phi - Math.PI / TURNS, phi + Math.PI / TURNS);
            halfStep = 0.3;
        }
        double[] out = java.util.Arrays.copyOf(atTip, 10);
        out[8] = t;
        out[9] = turned;
        return out;
    }

    /** The shaft's parameters with the axis's offsets and tilts of {@code q[1..4]}. */
    private static double[] withOffsets(double[] shaft, double[] q) {
        double[] p = shaft.clone();
        System.arraycopy(q, 1, p, 4, 4);
        return p;
    }

    /** Minimum of {@code f} on [lo, hi] by golden-section search to 0.01 mm. */
    private static double golden(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        double r = (Math.sqrt(5) - 1) / 2;
        double a = hi - r * (hi - lo);
        double b = lo + r * (hi - lo);
        double fa = f.applyAsDouble(a);
        double fb = f.applyAsDouble(b);
        while (hi - lo > 0.01) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - r * (hi - lo);
                fa = f.applyAsDouble(a);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + r * (hi - lo);
                fb = f.applyAsDouble(b);
            }
        }
        return (lo + hi) / 2;
    }

    /** Median of the fitted voxels farther than 2.5 mm from the axis, HU. */
    private double tissueLevel() {
        List<Double> outer = new ArrayList<>();
        Grid g = ct.grid();
        for (int q = 0; q < voxel.length; q++) {
            int v = voxel[q];
            Vec3 p = g.centre(i0 + v % ni, j0 + (v / ni) % nj, k0 + v / (ni * nj));
            Vec3 r = p.minus(end);
            if (r.minus(axis.times(r.dot(axis))).norm() > 2.5) {
                outer.add(value[q]);
            }
        }
        if (outer.isEmpty()) {
            return 0;
        }
        outer.sort(Double::compare);
        double median = outer.get(outer.size() / 2);
        noiseHu = whiteNoiseHu();
        if (Double.isNaN(noiseHu)) {
            noiseHu = 1.4826 * outer.stream().mapToDouble(v -> Math.abs(v - median)).sorted().toArray()[outer.size() / 2];
        }
        return median;
    }

    /**
     * The scan's white noise near this end, HU: 1.4826 × the median |difference| of neighbouring voxels along x, over √2, in
     * the slices beside the needle's (more than half a spacing from its axis along z, where its own streaks are not: a
     * neighbouring slice's partial volume of the needle is seen against that noise). Differences of neighbours leave out the
     * tissue's slow changes. NaN when fewer than 20 voxels (the spread of the voxels around the needle then stands in, streaks
     * and all: a wider band, never a narrower one).
     */
    private double whiteNoiseHu() {
        Grid g = ct.grid();
        List<Double> d = new ArrayList<>();
        for (int q = 0; q < voxel.length; q++) {
            int v = voxel[q];
            int i = i0 + v % ni;
            int j = j0 + (v / ni) % nj;
            int k = k0 + v / (ni * nj);
            Vec3 r = g.centre(i, j, k).minus(end);
            Vec3 o = r.minus(axis.times(r.dot(axis)));
            if (i + 1 < g.nx() && Math.abs(o.z()) > g.dzMm() / 2) {
                d.add(Math.abs((double) ct.hu()[g.index(i + 1, j, k)] - value[q]));
            }
        }
        if (d.size() < 20) {
            return Double.NaN;
        }
        d.sort(Double::compare);
        return 1.4826 * d.get(d.size() / 2) / Math.sqrt(2);
    }

    /**
     * Robust misfit of the model to the voxels whose position along the axis lies in [{@code from}, {@code to}]: the
     * steel from the start of the visible run to the tip {@code tipMm} (bevel turned by {@code phi} about the axis), or,
     * when {@code tipMm} is NaN, a plain shaft to {@value #SHAFT_STEEL_TO_MM} mm.
     */
    private double misfit(double[] p, double tipMm, double phi, double from, double to) {
        return misfit(p, tipMm, phi, window(from, to));
    }

    /** {@link #misfit(double[], double, double, double, double)} over the voxels of {@code w}, the model rendered into them only. */
    double misfit(double[] p, double tipMm, double phi, Window w) {
        double sxy = Math.abs(p[1]);
        double box = Math.abs(p[2]);
        double sz = Math.abs(p[3]);
        double thickness = ct.sliceProfileFwhmMm();
        if (sxy < 0.15 || sxy > 2 || box > 2.5 * thickness || sz < 0.05 || sz > 2 * thickness || Math.abs(p[4]) > 1.5
                || Math.abs(p[5]) > 1.5 || Math.abs(p[6]) > 0.05 || Math.abs(p[7]) > 0.05) {
            return Double.MAX_VALUE / 4;
        }
        render(Math.exp(p[0]), sxy, box, sz, p, tipMm, phi, w);
        double sum = 0;
        double c2 = ROBUST_HU * ROBUST_HU;
        for (int q = w.first; q < w.end; q++) {
            double predicted = Math.min(clipHu, tissue + model[voxel[q]]);
            double r = predicted - value[q];
            sum += StrictLog1p.of(r * r / c2);
        }
        return sum;
    }

    /** The window of voxels from {@code from} to {@code to} mm along the axis, made on first use. */
    private Window window(double from, double to) {
        for (Window w : windows) {
            if (w.from == from && w.to == to) {
                return w;
            }
        }
        Window w = new Window(from, to, false);
        windows.add(w);
        return w;
    }

    /**
     * The voxels a misfit reads: those whose position along the axis lies in [{@code from}, {@code to}] (indices
     * {@code first} to {@code end} − 1 of {@link #voxel}), and per row of the box (one j and k) the least and greatest i among
     * them. The model is rendered into those rows' stretches only, and an element whose box meets none of them is skipped:
     * each element of the steel is spread over a box 4 σ and a voxel either side of it, and its spread beyond the window (the
     * steel from {@value #LEAD_MM} mm behind the window's start, the shaft's steel from {@value #SHAFT_TO_MM} to
     * {@value #SHAFT_STEEL_TO_MM} mm beyond the shaft's window, the slices and rows outside the fitted radius) is never read. A
     * voxel read gets the same terms added in the same order as in the whole box, so the misfit is the same number
     * (docs/needles.md, twenty-seventh round, {@code needlespeed6}).
     */
    final class Window {
        private final double from;
        private final double to;
        private final int first;
        private final int end;
        /** Per row k·nj + j: the least and greatest i read (rowFrom &gt; rowTo where none). */
        private final int[] rowFrom;
        private final int[] rowTo;
        /** How many voxels the rows' stretches hold. */
        private final int stretched;

        /** The window; {@code wholeBox}: every row's whole stretch (the box as rendered before the window, for the tests). */
        Window(double from, double to, boolean wholeBox) {
            this.from = from;
            this.to = to;
            int a = java.util.Arrays.binarySearch(along, from);
            a = a < 0 ? -a - 1 : a;
            int b = a;
            while (b < voxel.length && along[b] <= to) {
                b++;
            }
            first = a;
            end = b;
            rowFrom = new int[nj * nk];
            rowTo = new int[nj * nk];
            java.util.Arrays.fill(rowFrom, wholeBox ? 0 : ni);
            java.util.Arrays.fill(rowTo, wholeBox ? ni - 1 : -1);
            for (int q = first; q < end && !wholeBox; q++) {
                int row = voxel[q] / ni;
                int i = voxel[q] % ni;
                rowFrom[row] = Math.min(rowFrom[row], i);
                rowTo[row] = Math.max(rowTo[row], i);
            }
            int n = 0;
            for (int row = 0; row < rowFrom.length; row++) {
                n += Math.max(0, rowTo[row] - rowFrom[row] + 1);
            }
            stretched = n;
        }
    }

    /**
     * Fills {@link #model} with the blurred steel (CT above the tissue) in the rows' stretches of {@code w}, for its voxels from
     * {@code w.from} mm along the axis on.
     *
     * <p>The model is the shaft's elements, then the bevel's, added in that order. With a tip, the shaft's part depends on the
     * shaft's eight parameters, the window, where the steel starts and where the bevel's heel ends the shaft — not on the bevel's
     * turn: the end's search tries eight turns at each place of its grid, sixteen at each of its escape's two places and the
     * settle's golden sections in turn one place, all on one shaft. So the rows' stretches after the shaft's elements are kept
     * ({@link #shaftPart}) and, when the next such render has the same key bit for bit, put back instead of the clearing and the
     * shaft's elements: every voxel then holds the very sums it held after them, and the bevel's elements add the same terms in
     * the same order, so every misfit is the same number (docs/needles.md, twenty-eighth round, branch {@code needlespeed8}).
     */
    private void render(double massPerMm, double sxy, double box, double sz, double[] p, double tipMm, double phi, Window w) {
        int[] rowFrom = w.rowFrom;
        int[] rowTo = w.rowTo;
        Grid g = ct.grid();
        double r = NEEDLE_RADIUS_MM;
        double full = Math.PI * r * r;
        double bevel = bevelMm;
        boolean shaftOnly = Double.isNaN(tipMm);
        double last = shaftOnly ? SHAFT_STEEL_TO_MM : tipMm;
        double first = Math.max(steelFromMm, w.from - LEAD_MM);
        Vec3 side = e1.times(Math.cos(phi)).plus(e2.times(Math.sin(phi)));
        double reachXy = 4 * sxy;
        double reachZ = box / 2 + 4 * sz;
        double norm = 1 / (Math.sqrt(2 * Math.PI) * sxy);
        double heel = shaftOnly ? last : Math.max(first, last - bevel);
        int shaftElements = (int) Math.ceil((heel - first) / SHAFT_ELEMENT_MM);
        int bevelElements = (int) Math.ceil((last - heel) / BEVEL_ELEMENT_MM);
        // The shaft's part is free of the bevel's turn where its last element lies a bevel's length or more from the tip (half a
        // step behind the heel; checked in the loop's own arithmetic, so that no shaft element takes the bevel's branch).
        boolean turnFree = !shaftOnly && (shaftElements == 0
                || last - (first + (shaftElements - 1 + 0.5) * ((heel - first) / shaftElements)) >= bevel);
        boolean reused = turnFree && isShaftPart(w, p, first, heel);
        shaftStretches(w, reused);
        for (int q = reused ? shaftElements : 0; q < shaftElements + bevelElements; q++) {
            if (q == shaftElements && turnFree && !reused) {
                keepShaftPart(w, p, first, heel);
            }
            double step = q < shaftElements ? (heel - first) / shaftElements : (last - heel) / bevelElements;
            double s = q < shaftElements ? first + (q + 0.5) * step : heel + (q - shaftElements + 0.5) * step;
            double lever = s - SHAFT_MIDDLE_MM;
            // The element's centre, end + s·axis + (offset + tilt·lever) along e1 and e2: Vec3's arithmetic written out in its
            // order (the same numbers, no objects in this innermost loop of the end fit).
            double o1 = p[4] + p[6] * lever;
            double o2 = p[5] + p[7] * lever;
            double cx = end.x() + axis.x() * s + e1.x() * o1 + e2.x() * o2;
            double cy = end.y() + axis.y() * s + e1.y() * o1 + e2.y() * o2;
            double cz = end.z() + axis.z() * s + e1.z() * o1 + e2.z() * o2;
            double fraction = 1;
            double fromTip = last - s;
            if (!shaftOnly && fromTip < bevel) {
                double e0 = r - 2 * r * fromTip / bevel;
                double area = r * r * Math.acos(e0 / r) - e0 * Math.sqrt(r * r - e0 * e0);
                if (area <= 0) {
                    continue;
                }
                fraction = area / full;
                double toSide = 2.0 / 3.0 * Math.pow(r * r - e0 * e0, 1.5) / area;
                cx += side.x() * toSide;
                cy += side.y() * toSide;
                cz += side.z() * toSide;
            }
            double amount = massPerMm * fraction * step;
            int ia = Math.max(0, (int) Math.floor((cx - reachXy - g.x(0)) / g.dxMm()) - i0);
            int ib = Math.min(ni - 1, (int) Math.ceil((cx + reachXy - g.x(0)) / g.dxMm()) - i0);
            int ja = Math.max(0, (int) Math.floor((cy - reachXy - g.y(0)) / g.dyMm()) - j0);
            int jb = Math.min(nj - 1, (int) Math.ceil((cy + reachXy - g.y(0)) / g.dyMm()) - j0);
            int ka = Math.max(0, (int) Math.floor((cz - reachZ - g.z(0)) / g.dzMm()) - k0);
            int kb = Math.min(nk - 1, (int) Math.ceil((cz + reachZ - g.z(0)) / g.dzMm()) - k0);
            // The slices in which the element's box meets a voxel the misfit reads: none (steel behind the window's start, the
            // shaft's beyond its window), and the element adds nothing read; its weights are made for those slices alone.
            int kRead = nk;
            int kReadTo = -1;
            for (int k = ka; k <= kb; k++) {
                for (int j = ja; j <= jb; j++) {
                    int row = k * nj + j;
                    if (Math.max(ia, rowFrom[row]) <= Math.min(ib, rowTo[row])) {
                        kRead = Math.min(kRead, k);
                        kReadTo = k;
                        break;
                    }
                }
            }
            if (kRead > kReadTo) {
                continue;
            }
            gaussian(wx, ia, ib, g.x(i0 + ia) - cx, g.dxMm(), sxy, norm);
            gaussian(wy, ja, jb, g.y(j0 + ja) - cy, g.dyMm(), sxy, norm);
            for (int k = kRead; k <= kReadTo; k++) {
                wz[k] = sliceProfile(g.z(k0 + k) - cz, box, sz);
            }
            for (int k = kRead; k <= kReadTo; k++) {
                double az = amount * wz[k];
                for (int j = ja; j <= jb; j++) {
                    int row = k * nj + j;
                    int from = Math.max(ia, rowFrom[row]);
                    int to = Math.min(ib, rowTo[row]);
                    if (from > to) {
                        continue;
                    }
                    double ayz = az * wy[j];
                    int at = row * ni;
                    for (int i = from; i <= to; i++) {
                        model[at + i] += ayz * wx[i];
                    }
                }
            }
        }
    }

    /** Whether {@link #shaftPart} holds the shaft's part of the model for this window, shaft, steel start and heel. */
    private boolean isShaftPart(Window w, double[] p, double first, double heel) {
        if (w != shaftWindow) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (Double.doubleToRawLongBits(p[i]) != Double.doubleToRawLongBits(shaftKey[i])) {
                return false;
            }
        }
        return Double.doubleToRawLongBits(first) == Double.doubleToRawLongBits(shaftKey[8])
                && Double.doubleToRawLongBits(heel) == Double.doubleToRawLongBits(shaftKey[9]);
    }

    /** The rows' stretches of {@code w} in {@link #model}: put back from {@link #shaftPart} ({@code reused}), else cleared. */
    private void shaftStretches(Window w, boolean reused) {
        int[] rowFrom = w.rowFrom;
        int[] rowTo = w.rowTo;
        int at = 0;
        for (int row = 0; row < rowFrom.length; row++) {
            int n = rowTo[row] - rowFrom[row] + 1;
            if (n <= 0) {
                continue;
            }
            if (reused) {
                System.arraycopy(shaftPart, at, model, row * ni + rowFrom[row], n);
                at += n;
            } else {
                java.util.Arrays.fill(model, row * ni + rowFrom[row], row * ni + rowTo[row] + 1, 0);
            }
        }
    }

    /** Keeps the rows' stretches of {@code w} in {@link #model} as the shaft's part of the model for this key. */
    private void keepShaftPart(Window w, double[] p, double first, double heel) {
        if (shaftPart.length < w.stretched) {
            shaftPart = new double[w.stretched];
        }
        int[] rowFrom = w.rowFrom;
        int[] rowTo = w.rowTo;
        int at = 0;
        for (int row = 0; row < rowFrom.length; row++) {
            int n = rowTo[row] - rowFrom[row] + 1;
            if (n > 0) {
                System.arraycopy(model, row * ni + rowFrom[row], shaftPart, at, n);
                at += n;
            }
        }
        shaftWindow = w;
        System.arraycopy(p, 0, shaftKey, 0, 8);
        shaftKey[8] = first;
        shaftKey[9] = heel;
    }

    /**
     * Fills {@code w[a..b]} with {@code norm}·exp(−d²/2σ²) at d = {@code d0} + (i − a)·{@code h}, by the recurrence of the
     * ratio of neighbouring values (three exponentials instead of one per point).
     */
    private static void gaussian(double[] w, int a, int b, double d0, double h, double sigma, double norm) {
        double twoVar = 2 * sigma * sigma;
        double value = norm * Math.exp(-d0 * d0 / twoVar);
        double ratio = Math.exp(-(2 * d0 * h + h * h) / twoVar);
        double step = Math.exp(-2 * h * h / twoVar);
        for (int i = a; i <= b; i++) {
            w[i] = value;
            value *= ratio;
            ratio *= step;
        }
    }

    /** A box of width {@code box} convolved with a Gaussian of σ {@code sz}, at offset {@code d}, 1/mm. */
    static double sliceProfile(double d, double box, double sz) {
        if (box < MIN_BOX_MM) {
            return Math.exp(-d * d / (2 * sz * sz)) / (Math.sqrt(2 * Math.PI) * sz);
        }
        return (NormalCdf.of((d + box / 2) / sz) - NormalCdf.of((d - box / 2) / sz)) / box;
    }
}
