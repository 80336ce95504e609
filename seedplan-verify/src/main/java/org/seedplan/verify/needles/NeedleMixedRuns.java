package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Found needles that are runs mixing other needles' steel, refused (step 10 of {@link NeedleFinder}). On thick slices a line
 * through a column of needles, or between two needles of one slice, finds steel or its partial volume in every slice it
 * crosses, and the run extracted along it passes every test a needle's run passes; but it holds no steel of its own: its
 * path lies where the accepted needles' own images already put steel. A needle's own steel is the stretch of its path
 * outside every other needle's image ({@link #ACROSS_MM} across, a slice thickness along z) that has steel beside it (as
 * the counted-twice test reads steel, {@link NeedleFinder#steelShare}); a found needle whose path at least two other
 * needles' images share ({@link #SHARED_MM} mm or more each: a mix) and whose own steel is shorter than
 * {@link #OWN_STEEL_MM} is dropped, the one with the least first, and the others read again without it (so that a real
 * needle the dropped run lay along gets its steel back).
 */
final class NeedleMixedRuns {

    /**
     * How far across another needle's axis its image holds steel, mm: the steel (1.27 mm thick) blurred by an in-plane FWHM
     * up to 1.2 mm reaches about 0.6 + 1.2 / 2 ≈ 1.2 mm from the axis. Along z the reach is the slices' (the wider of
     * thickness and spacing), so z distances count times this over that.
     */
    static final double ACROSS_MM = 1.5;
    /**
     * The shortest own steel of a needle, mm. On the eight seen sets of the thirteenth round (5 mm 2701–2724, 3249–3272,
     * 3349–3396, 3421–3444, 3469–3492; 3 mm 3397–3420, 3445–3468) the seven runs mixing other needles' steel held 6–24 mm,
     * the real needles whose paths two others share 54 mm and more once those runs were dropped (44 mm beside one).
     */
    static final double OWN_STEEL_MM = 40;
    /**
     * The stretch of a path another needle's image must hold to count as sharing it, mm: more than where needle 9 crosses
     * needle 3 (1.6 mm apart at 35°: an estimated 5 mm of either path within {@value #ACROSS_MM} mm of the other).
     */
    static final double SHARED_MM = 6;
    /** The spacing of a found needle's path points, mm ({@link FoundNeedle#pathMm}). */
    private static final double PATH_STEP_MM = 2;

    private NeedleMixedRuns() {
    }

    /** {@code needles} less the runs mixing the others' steel (the class comment), in their order. */
    static List<FoundNeedle> without(Volume ct, List<FoundNeedle> needles) {
        List<FoundNeedle> kept = new ArrayList<>(needles);
        while (true) {
            int least = -1;
            double leastSteel = OWN_STEEL_MM;
            for (int q = 0; q < kept.size(); q++) {
                double steel = mixedRunSteelMm(ct, kept.get(q), kept);
                if (steel < leastSteel) {
                    leastSteel = steel;
                    least = q;
                }
            }
            if (least < 0) {
                return kept;
            }
            kept.remove(least);
        }
    }

    /**
     * The length of {@code x}'s own steel among {@code all} (which may hold x), mm, when at least two of the others' images
     * hold {@value #SHARED_MM} mm or more of its path (a run mixing two needles' steel); otherwise infinite. A real needle
     * beside one false run only (3396 needle 1, flat on a slice boundary, its steel read from the 119 mm run along it: 10 mm
     * of own steel while the run was there) is thus never taken for the mixed one.
     */
    static double mixedRunSteelMm(Volume ct, FoundNeedle x, List<FoundNeedle> all) {
        double zScale = ACROSS_MM / NeedleCentreline.zSpreadMm(ct);
        int[] shared = new int[all.size()];
        List<Vec3> own = new ArrayList<>();
        for (Vec3 p : x.pathMm()) {
            boolean imaged = false;
            for (int o = 0; o < all.size(); o++) {
                if (all.get(o) != x && scaledDistance(p, all.get(o).pathMm(), zScale) <= ACROSS_MM) {
                    shared[o]++;
                    imaged = true;
                }
            }
            if (!imaged) {
                own.add(p);
            }
        }
        int sharing = 0;
        for (int count : shared) {
            sharing += count * PATH_STEP_MM >= SHARED_MM ? 1 : 0;
        }
        if (sharing < 2) {
            return Double.POSITIVE_INFINITY;
        }
        return own.isEmpty() ? 0 : Math.round(NeedleFinder.steelShare(ct, own, x.axisAtTip()) * own.size()) * PATH_STEP_MM;
    }

    /** The distance from {@code p} to the polyline {@code path} with z distances times {@code zScale}, mm. */
    static double scaledDistance(Vec3 p, List<Vec3> path, double zScale) {
        Vec3 ps = new Vec3(p.x(), p.y(), p.z() * zScale);
        double nearest = Double.MAX_VALUE;
        for (int q = 1; q < path.size(); q++) {
            Vec3 a = new Vec3(path.get(q - 1).x(), path.get(q - 1).y(), path.get(q - 1).z() * zScale);
            Vec3 ab = new Vec3(path.get(q).x(), path.get(q).y(), path.get(q).z() * zScale).minus(a);
            double len2 = ab.dot(ab);
            double f = len2 > 0 ? Math.max(0, Math.min(1, ps.minus(a).dot(ab) / len2)) : 0;
            nearest = Math.min(nearest, ps.distanceTo(a.plus(ab.times(f))));
        }
        return nearest;
    }
}
