package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleUnaryOperator;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * The z of a shallow needle on thick slices, from the scan's slice profile along the shaft. The slab centroids of
 * {@link NeedleCentreline} give z as a staircase: a needle inside a box slice reads at the slice centre wherever in the
 * slice it lies, so a needle rising slowly towards a slice boundary over its length gives a long flat run at the centre
 * that outweighs the few centroids near the boundary (a true tilt of 1.0-1.3° read as 0°, the tip 1.0-1.4 mm off along
 * z). Here every voxel around the shaft is predicted from a line source at z(t) = a line along the needle (x and y from the
 * centreline), spread by the in-plane Gaussian and the slice profile (box ⊗ Gaussian) the scan's needle ends were fitted
 * with ({@link NeedleEndFit#medianProfile}), on the local tissue level, clipped at the scanner's clip; the line's two end
 * heights and the steel's mass per mm are fitted by Nelder–Mead on a robust (Cauchy, {@value NeedleEndFit#ROBUST_HU} HU)
 * misfit. Inside a box slice the prediction does not change as the needle moves, so the flat run only bounds the line
 * (the neighbouring slice would show the needle if it came near the boundary) and does not pull it to the slice centre;
 * where the needle nears a boundary the neighbour's partial volume places it. A weak pull towards the centroids' line
 * ({@value #PRIOR_PER_MM2} per mm², against misfits of hundreds) only decides where the image does not.
 */
final class NeedleZFit {

    /** Voxels within this distance of the centreline in the axial plane are fitted, mm (an 18 G needle's blur is ≤ 1 mm σ). */
    static final double RADIUS_MM = 3.5;
    /** Voxels at least this far from the centreline in the axial plane give the local tissue level, mm. */
    static final double TISSUE_FROM_MM = 2.5;
    /** The run's last millimetres at either end (the bevel; the skin, where the needle's surroundings change) are left out, mm. */
    private static final double END_MARGIN_MM = 3;
    /** Shortest stretch fitted, mm. */
    private static final double MIN_STRETCH_MM = 15;
    /** Length of the pieces of the shaft that share a tissue level, mm. */
    static final double CHUNK_MM = 5;
    /** Weak pull of the line's end heights towards the centroids' line, misfit per mm². */
    static final double PRIOR_PER_MM2 = 1.0;
    private static final int EVALUATIONS = 200;
    /**
     * The end heights are searched at least this far either side of the centroids' line (half a 3 mm slice), and half a slice
     * on thicker slices, in steps of {@value #GRID_STEP_MM} mm, mm. On 5 mm slices the centroids' line lies at the slice
     * centre and a needle 1.6-2.4 mm from it (where the neighbouring slice's partial volume places it) was beyond ±1.5 mm:
     * the simplex, started in the flat interior of the misfit, did not reach the narrow minimum (2701 needle 5: tip 1.63 mm
     * off along z, 0.39 mm with the wider grid; 2322 needle 7: 1.22 mm, now within 1 mm).
     */
    private static final double GRID_MM = 1.5;
    private static final double GRID_STEP_MM = 0.25;
    /** Step of the tabulated slice profile, mm. */
    static final double TABLE_STEP_MM = 0.01;

    private NeedleZFit() {
    }

    /**
     * The threads the z fit's side tasks run on (the grid's second half of rows, the own mass's refined grid and simplex, the
     * interval's downward search): one per task running at once, as before, but kept ~a minute when idle and taken again. On
     * 2 processors the common pool has one worker and {@code CompletableFuture.supplyAsync} without an executor started a new
     * thread for every task, about a hundred a find (docs/needles.md, thirty-first round, needlespeed14). Daemon threads: they
     * hold no process open.
     */
    static final ExecutorService SIDE_TASKS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "needle-z-fit");
        t.setDaemon(true);
        return t;
    });

    /**
     * {@code curve} (fitted between parameters {@code t0} and {@code t1}) with its z refitted as a line from the slice profile
     * {@code profile} (in-plane σ, box width, slice σ, mm); {@code clipHu} is the scanner's clip (NaN or infinite when none),
     * {@code others} the other needles' curves, whose voxels are not counted. Returns {@code curve} when the stretch is too short.
     */
    static Fitted refit(Volume ct, SpaceCurve curve, double t0, double t1, double sxy, DoubleUnaryOperator sliceProfile, double clipHu,
                        List<NeedleCentreline.Extent> others) {
        return refit(ct, curve, t0, t1, sxy, sliceProfile, clipHu, others, new Shafts(ct));
    }

    /**
     * {@link #refit(Volume, SpaceCurve, double, double, double, DoubleUnaryOperator, double, List)} with the voxels about the
     * shaft taken from {@code shafts} (gathered there once per curve, whatever the profile and the other needles).
     */
    static Fitted refit(Volume ct, SpaceCurve curve, double t0, double t1, double sxy, DoubleUnaryOperator sliceProfile, double clipHu,
                        List<NeedleCentreline.Extent> others, Shafts shafts) {
        return refit(ct, curve, t0, t1, sxy, sliceProfile, clipHu, others, shafts, COARSE_EVERY);
    }

    /**
     * {@link #refit(Volume, SpaceCurve, double, double, double, DoubleUnaryOperator, double, List, Shafts)} with the grid of end
     * heights searched first on every {@code coarseEvery}-th step and then on every step about each of its two bests
     * ({@link #gridBest}); 1 searches every point of the grid.
     */
    static Fitted refit(Volume ct, SpaceCurve curve, double t0, double t1, double sxy, DoubleUnaryOperator sliceProfile, double clipHu,
                        List<NeedleCentreline.Extent> others, Shafts shafts, int coarseEvery) {
        double a = t0 + END_MARGIN_MM;
        double b = t1 - END_MARGIN_MM;
        if (b - a < MIN_STRETCH_MM) {
            return Fitted.unfitted(curve);
        }
        Grid g = ct.grid();
        double zReach = 1.5 * NeedleCentreline.zSpreadMm(ct) + 0.5;
        double gridMm = Math.max(GRID_MM, g.dzMm() / 2);
        int chunks = (int) Math.ceil((b - a) / CHUNK_MM);
        List<double[]> kept = shafts.about(curve, a, b, zReach).without(others);
        if (kept.size() < 50) {
            return Fitted.unfitted(curve);
        }
        // The tissue level of each piece: the median of its voxels away from the needle.
        List<List<Double>> outer = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            outer.add(new ArrayList<>());
        }
        List<Double> all = new ArrayList<>();
        for (double[] v : kept) {
            if (Math.abs(v[1]) >= TISSUE_FROM_MM) {
                outer.get((int) v[4]).add(v[3]);
                all.add(v[3]);
            }
        }
        double overall = median(all);
        double[] tissueOf = new double[chunks];
        for (int c = 0; c < chunks; c++) {
            double level = median(outer.get(c));
            tissueOf[c] = Double.isNaN(level) ? overall : level;
        }
        // Fitted: the voxels the steel can reach across (4 σ in the axial plane); beyond, the model is the tissue whatever z is.
        double reach = Math.min(RADIUS_MM, 4 * sxy);
        kept.removeIf(v -> Math.abs(v[1]) > reach);
        int n = kept.size();
        double[] tv = new double[n];
        double[] zv = new double[n];
        double[] inPlane = new double[n];
        double[] value = new double[n];
        double[] tissue = new double[n];
        double above = 0;
        for (int q = 0; q < n; q++) {
            double[] v = kept.get(q);
            tv[q] = v[0];
            zv[q] = v[2];
            inPlane[q] = Math.exp(-v[1] * v[1] / (2 * sxy * sxy)) / (Math.sqrt(2 * Math.PI) * sxy);
            value[q] = v[3];
            tissue[q] = tissueOf[(int) v[4]];
            above += Math.max(0, value[q] - tissue[q]);
        }
        // The slice profile tabulated (it is fixed during the fit), |offset| up to the voxels' reach plus the grid's.
        double tableReach = zReach + gridMm + 1;
        double[] table = new double[(int) Math.ceil(tableReach / TABLE_STEP_MM) + 2];
        for (int q = 0; q < table.length; q++) {
            table[q] = sliceProfile.applyAsDouble(q * TABLE_STEP_MM);
        }
        double clip = Double.isNaN(clipHu) ? Double.POSITIVE_INFINITY : clipHu;
        double za0 = curve.at(a).z();
        double zb0 = curve.at(b).z();
        double voxelMm3 = g.dxMm() * g.dyMm() * g.dzMm();
        double massStart = Math.max(1000, 2 * above * voxelMm3 / (b - a));
        double span = b - a;
        Misfit misfit = new Misfit(tv, zv, inPlane, value, tissue, table, clip, a, span, za0, zb0);
        // The mass first on the centroids' line; then the end heights on a grid (inside a box slice the misfit is flat, with narrow
        // minima near a boundary that a simplex started in the flat part does not find), once with the centroids' line's mass
        // held and once with each point's own least squares mass over the voxels the scanner did not clip; then all three by
        // Nelder-Mead from each grid's best, the better kept. The mass and the line's place go together: a line crossing slices
        // lights each more faintly than a flat one held in one slice, and with the centroids' line's mass alone the true line
        // read worse than the centroids' own (3396 needle 1: a flat needle read 4.6° out of the plane, tip 3.4 mm off along z).
        // The least squares mass alone fails where the scanner clips the needle's own slice (only its faint neighbours and
        // edges are left to weigh it: NeedleZFitTest's 5 mm needle stayed 2.0 mm off).
        // The grid's two halves of rows and the two simplexes run side by side (the results are those of one after the other: a
        // tie goes to the earlier point); a grid point's misfit is summed only while it can still beat the least so far
        // (Misfit.at), the line's steel once for both masses. The mass's simplex moves the mass alone on the centroids' line: that
        // line's steel per unit mass at each voxel is computed once and kept for all its trials (docs/needles.md, twenty-ninth
        // round, needlespeed11).
        double[] lineSteel = new double[n];
        Arrays.fill(lineSteel, Double.NaN);
        double[] lineRatio = new double[n];
        double lnMass = NelderMead.minimise((m, bound) -> misfit.at(new double[] {m[0], za0, zb0}, null, lineSteel, lineRatio, bound),
                new double[] {Math.log(massStart)}, new double[] {0.4}, EVALUATIONS, 1e-3)[0];
        double[] start = {lnMass, za0, zb0};
        double least = misfit.of(start);
        List<Double> steps = new ArrayList<>();
        for (double d = -gridMm; d <= gridMm + 1e-9; d += GRID_STEP_MM) {
            steps.add(d);
        }
        GridBest grid = gridBest(misfit, lnMass, steps, start, least, coarseEvery);
        double[] held = grid.held;
        double[] own = grid.own;
        // (From one start both simplexes are one.)
        CompletableFuture<double[]> fromOwn = Arrays.equals(own, held) ? null : CompletableFuture.supplyAsync(
                () -> NelderMead.minimise(misfit, own, new double[] {0.1, 0.1, 0.1}, EVALUATIONS, 1e-3), SIDE_TASKS);
        double[] x = NelderMead.minimise(misfit, held, new double[] {0.1, 0.1, 0.1}, EVALUATIONS, 1e-3);
        double atX = misfit.of(x);
        if (fromOwn != null) {
            double[] other = fromOwn.join();
            double atOther = misfit.of(other);
            if (atOther < atX) {
                x = other;
                atX = atOther;
            }
        }
        double slope = (x[2] - x[1]) / span;
        double z0 = x[1] - slope * a;
        return new Fitted(new SpaceCurve(curve.centre(), curve.axis(), curve.scaleMm(), curve.cx(), curve.cy(),
                new double[] {z0, slope * curve.scaleMm()}), misfit, x, atX, a, span, n, zReach, steps);
    }

    /**
     * The voxels about the shafts of one CT's needles, gathered once per needle's curve: a shallow needle's z is fitted with
     * each candidate slice profile and once more with a sharp box over the same voxels, less those nearer another needle (whose
     * curves differ from fit to fit).
     */
    static final class Shafts {
        private final Volume ct;
        private final Map<SpaceCurve, Shaft> gathered = new IdentityHashMap<>();

        Shafts(Volume ct) {
            this.ct = ct;
        }

        /** The voxels about {@code curve} between parameters {@code a} and {@code b}, reaching {@code zReach} mm along z. */
        synchronized Shaft about(SpaceCurve curve, double a, double b, double zReach) {
            Shaft s = gathered.get(curve);
            if (s == null || s.a != a || s.b != b || s.zReach != zReach) {
                s = new Shaft(ct, curve, a, b, zReach);
                gathered.put(curve, s);
            }
            return s;
        }
    }

    /**
     * The voxels within {@link #RADIUS_MM} of a curve across and {@code zReach} along z, in pieces of {@link #CHUNK_MM} mm
     * between parameters {@code a} and {@code b}: each as {t, distance across, z, HU, piece}, with its place and distance from
     * the curve for {@link #without}.
     */
    private static final class Shaft {
        private final double a;
        private final double b;
        private final double zReach;
        private final List<double[]> voxels = new ArrayList<>();
        private final List<Vec3> places = new ArrayList<>();
        private final List<Double> fromCurve = new ArrayList<>();

        Shaft(Volume ct, SpaceCurve curve, double a, double b, double zReach) {
            this.a = a;
            this.b = b;
            this.zReach = zReach;
            Grid g = ct.grid();
            float[] hu = ct.hu();
            int chunks = (int) Math.ceil((b - a) / CHUNK_MM);
            Vec3 centre = curve.centre();
            Vec3 axis = curve.axis();
            for (int c = 0; c < chunks; c++) {
                double from = a + c * CHUNK_MM;
                double to = Math.min(b, from + CHUNK_MM);
                Vec3 pa = curve.at(from);
                Vec3 pb = curve.at(to);
                int[] reach = chunkBox(g, pa, pb, zReach);
                for (int k = reach[4]; k <= reach[5]; k++) {
                    for (int j = reach[2]; j <= reach[3]; j++) {
                        for (int i = reach[0]; i <= reach[1]; i++) {
                            Vec3 p = new Vec3(g.x(i), g.y(j), g.z(k));
                            double t = p.minus(centre).dot(axis);
                            if (t < from || t >= to) {
                                continue;
                            }
                            Vec3 on = curve.at(t);
                            Vec3 tangent = curve.tangent(t);
                            double nx = -tangent.y();
                            double ny = tangent.x();
                            double norm = Math.hypot(nx, ny);
                            double d = ((p.x() - on.x()) * nx + (p.y() - on.y()) * ny) / norm;
                            if (Math.abs(d) > RADIUS_MM || Math.abs(p.z() - on.z()) > zReach) {
                                continue;
                            }
                            voxels.add(new double[] {t, d, p.z(), hu[g.index(i, j, k)], c});
                            places.add(p);
                            fromCurve.add(p.minus(on).norm());
                        }
                    }
                }
            }
        }

        /** The voxels, in their order, less those nearer one of {@code others} than to this curve. */
        List<double[]> without(List<NeedleCentreline.Extent> others) {
            List<double[]> out = new ArrayList<>(voxels.size());
            for (int q = 0; q < voxels.size(); q++) {
                if (!NeedleCentreline.nearerAnother(places.get(q), fromCurve.get(q), others)) {
                    out.add(voxels.get(q));
                }
            }
            return out;
        }
    }

    /**
     * The grid's best points, once with the mass {@code lnMass} held and once with each point's own least squares mass, each
     * staying at {@code start} (misfit {@code least}) where no point is lower: first on the coarse grid of every
     * {@code coarseEvery}-th of {@code steps} at either end (and the last), its two halves of rows side by side, then on every
     * step within {@link #REFINE_STEPS} steps of each coarse best at either end, the held mass's and the own mass's side by side.
     * The grid's points are ~0.5 mm apart where the misfit's minima near a slice boundary are as wide as the slice profile's
     * edge (its σ at least {@link #STEEL_SECTION_SIGMA_MM}, the steel's own section) and the simplex refines from the best
     * (docs/needles.md, twenty-sixth round, needlespeed3). 1 searches every point, as before that round.
     */
    static GridBest gridBest(Misfit misfit, double lnMass, List<Double> steps, double[] start, double least, int coarseEvery) {
        List<Integer> coarse = new ArrayList<>();
        for (int k = 0; k < steps.size(); k += coarseEvery) {
            coarse.add(k);
        }
        if (coarse.get(coarse.size() - 1) != steps.size() - 1) {
            coarse.add(steps.size() - 1);
        }
        int half = coarse.size() / 2;
        CompletableFuture<GridBest> later = CompletableFuture.supplyAsync(
                () -> new GridBest(misfit, lnMass, steps, coarse.subList(half, coarse.size()), coarse, List.of(), true, true, start, least,
                        start, least), SIDE_TASKS);
        GridBest earlier = new GridBest(misfit, lnMass, steps, coarse.subList(0, half), coarse, List.of(), true, true, start, least, start,
                least);
        GridBest rest = later.join();
        GridBest out = new GridBest();
        boolean heldLater = rest.leastHeld < earlier.leastHeld;
        out.held = heldLater ? rest.held : earlier.held;
        out.leastHeld = heldLater ? rest.leastHeld : earlier.leastHeld;
        boolean ownLater = rest.leastOwn < earlier.leastOwn;
        out.own = ownLater ? rest.own : earlier.own;
        out.leastOwn = ownLater ? rest.leastOwn : earlier.leastOwn;
        if (coarseEvery == 1) {
            return out;
        }
        CompletableFuture<GridBest> ownFine = CompletableFuture.supplyAsync(() -> new GridBest(misfit, lnMass, steps,
                about(steps, out.own, 1, misfit.za0), about(steps, out.own, 2, misfit.zb0), coarse, false, true, start, least, out.own,
                out.leastOwn), SIDE_TASKS);
        GridBest heldFine = new GridBest(misfit, lnMass, steps, about(steps, out.held, 1, misfit.za0), about(steps, out.held, 2, misfit.zb0),
                coarse, true, false, out.held, out.leastHeld, start, least);
        GridBest ownBest = ownFine.join();
        out.held = heldFine.held;
        out.leastHeld = heldFine.leastHeld;
        out.own = ownBest.own;
        out.leastOwn = ownBest.leastOwn;
        return out;
    }

    /** Fine steps searched either side of a coarse best, at either end (a coarse grid's neighbour is every other step away). */
    static final int REFINE_STEPS = 2;
    /** The coarse grid takes every this many of the grid's steps ({@value #GRID_STEP_MM} mm each). */
    static final int COARSE_EVERY = 2;

    /**
     * The indices of {@code steps} within {@link #REFINE_STEPS} of the step that puts {@code x[end]} (end 1 or 2) off
     * {@code centroids} (the centroids' line's height there); at the start (no grid point chosen, off by 0 or between steps)
     * the nearest step.
     */
    private static List<Integer> about(List<Double> steps, double[] x, int end, double centroids) {
        double off = x[end] - centroids;
        int at = 0;
        for (int k = 1; k < steps.size(); k++) {
            if (Math.abs(steps.get(k) - off) < Math.abs(steps.get(at) - off)) {
                at = k;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int k = Math.max(0, at - REFINE_STEPS); k <= Math.min(steps.size() - 1, at + REFINE_STEPS); k++) {
            out.add(k);
        }
        return out;
    }

    /**
     * The least misfit on the rows {@code [from, to)} of the grid of end heights ({@code steps} from the centroids' line at either
     * end), once with the mass {@code lnMass} held and once with each point's own least squares mass; either stays at
     * {@code start} (misfit {@code least}) where no point is lower. The points whose row and column both lie in {@code searched}
     * (the coarse grid's steps, when this is its refinement) are not summed again: each was a point of the coarse grid, whose
     * least is where the refinement starts, so none can be lower than it (docs/needles.md, twenty-ninth round, needlespeed11).
     */
    static final class GridBest {
        double leastHeld;
        double[] held;
        double leastOwn;
        double[] own;

        private GridBest() {
        }

        GridBest(Misfit misfit, double lnMass, List<Double> steps, List<Integer> rows, List<Integer> columns, List<Integer> searched,
                 boolean withHeld, boolean withOwn, double[] heldStart, double heldLeast, double[] ownStart, double ownLeast) {
            held = heldStart;
            own = ownStart;
            leastHeld = heldLeast;
            leastOwn = ownLeast;
            double[] steel = new double[misfit.tv.length];
            double[] ratio = new double[misfit.tv.length];
            // A line's height above its first end at each voxel depends on its rise alone, and the grid's lines share a few
            // dozen rises: each is computed once (keyed by the rise's exact value, so the numbers are those computed in place).
            Map<Double, double[]> rises = new HashMap<>();
            for (int row : rows) {
                double da = steps.get(row);
                for (int column : columns) {
                    if (searched.contains(row) && searched.contains(column)) {
                        continue;
                    }
                    double db = steps.get(column);
                    double[] y = {lnMass, misfit.za0 + da, misfit.zb0 + db};
                    Arrays.fill(steel, Double.NaN);
                    if (withHeld) {
                        double m = misfit.at(y, rises.computeIfAbsent(y[2] - y[1], misfit::riseAt), steel, ratio, leastHeld);
                        if (m < leastHeld) {
                            leastHeld = m;
                            held = y;
                        }
                    }
                    if (withOwn) {
                        double lnOwn = misfit.leastSquaresLnMass(misfit.za0 + da, rises.computeIfAbsent(db - da, misfit::riseAt));
                        if (!Double.isNaN(lnOwn)) {
                            double[] w = {lnOwn, y[1], y[2]};
                            double mw = misfit.at(w, null, steel, ratio, leastOwn);
                            if (mw < leastOwn) {
                                leastOwn = mw;
                                own = w;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The robust misfit of a line (its end heights, mm) and the steel's mass per mm (ln) over the fitted voxels, summed voxel by
     * voxel in their order. Every voxel's term is ≥ 0, so once the running sum passes a bound the misfit cannot come below it:
     * {@link #at(double[], double)} stops there, which the grid and {@link NelderMead} use where only "below the bound?" is asked.
     */
    static final class Misfit implements NelderMead.Bounded {
        private static final double C2 = NeedleEndFit.ROBUST_HU * NeedleEndFit.ROBUST_HU;
        /**
         * The relative margin by which a lower bound must pass a bound to stand for the misfit's passing it: the rounding of a
         * few thousand non-negative terms summed in double (each sum within n × 2⁻⁵³ of the exact one, ~10⁻¹² here) and of
         * each term (ln within an ulp, 1 + u within 2⁻⁵³) lie far inside it.
         */
        private static final double ROUNDING = 1e-9;
        private final double[] tv;
        private final double[] zv;
        private final double[] inPlane;
        private final double[] value;
        private final double[] tissue;
        private final double[] table;
        private final double clip;
        private final double a;
        private final double span;
        private final double za0;
        private final double zb0;
        /** The voxels nearest the line across first: there a line off the needle's own differs most from the best. */
        private final int[] nearFirst;
        /**
         * The voxels' numbers in {@link #nearFirst}'s order, for the lower bound's pass to read them one after the other: each
         * voxel's parameter less the fit's first end ({@code tv − a}, the very difference the line's height is computed from),
         * z, in-plane weight, tissue level and CT number.
         */
        private final double[] nearFromA;
        private final double[] nearZ;
        private final double[] nearInPlane;
        private final double[] nearTissue;
        private final double[] nearValue;
        /** ln of the steel's mass per mm held whatever a line's first number says (NaN: the mass is fitted; {@link #withMassHeld}). */
        private final double heldLnMass;
        /**
         * The voxels the scanner did not clip, in their order, and each one's in-plane weight, z and CT number above its tissue
         * level (HU), in that order.
         */
        private final int[] unclipped;
        private final double[] unclippedInPlane;
        private final double[] unclippedZ;
        private final double[] aboveTissue;

        Misfit(double[] tv, double[] zv, double[] inPlane, double[] value, double[] tissue, double[] table, double clip, double a,
               double span, double za0, double zb0) {
            this(tv, zv, inPlane, value, tissue, table, clip, a, span, za0, zb0, nearFirst(inPlane), Double.NaN);
        }

        /**
         * The voxels' indices by in-plane weight, greatest first, voxels of equal weight ({@code Double.compare}) in their own
         * order: the very order a stable sort of the boxed indices by that comparison gives (what this was made by before), by
         * a merge sort of the ints (the boxed stream's sort was some 1 % of a find's samples; docs/needles.md, thirty-sixth
         * round, needlespeed18).
         */
        static int[] nearFirst(double[] inPlane) {
            int n = inPlane.length;
            int[] order = new int[n];
            for (int q = 0; q < n; q++) {
                order[q] = q;
            }
            int[] other = new int[n];
            for (int width = 1; width < n; width *= 2) {
                for (int lo = 0; lo < n; lo += 2 * width) {
                    int mid = Math.min(lo + width, n);
                    int hi = Math.min(lo + 2 * width, n);
                    int i = lo;
                    int j = mid;
                    for (int k = lo; k < hi; k++) {
                        // The right run's element goes first only where it comes strictly before the left's: ties keep their order.
                        if (i < mid && (j >= hi || Double.compare(inPlane[order[j]], inPlane[order[i]]) <= 0)) {
                            other[k] = order[i++];
                        } else {
                            other[k] = order[j++];
                        }
                    }
                }
                int[] swap = order;
                order = other;
                other = swap;
            }
            return order;
        }

        private Misfit(double[] tv, double[] zv, double[] inPlane, double[] value, double[] tissue, double[] table, double clip, double a,
                       double span, double za0, double zb0, int[] nearFirst, double heldLnMass) {
            this.tv = tv;
            this.zv = zv;
            this.inPlane = inPlane;
            this.value = value;
            this.tissue = tissue;
            this.table = table;
            this.clip = clip;
            this.a = a;
            this.span = span;
            this.za0 = za0;
            this.zb0 = zb0;
            this.nearFirst = nearFirst;
            this.heldLnMass = heldLnMass;
            int n = tv.length;
            this.nearFromA = new double[n];
            this.nearZ = new double[n];
            this.nearInPlane = new double[n];
            this.nearTissue = new double[n];
            this.nearValue = new double[n];
            for (int k = 0; k < n; k++) {
                int q = nearFirst[k];
                nearFromA[k] = tv[q] - a;
                nearZ[k] = zv[q];
                nearInPlane[k] = inPlane[q];
                nearTissue[k] = tissue[q];
                nearValue[k] = value[q];
            }
            int kept = 0;
            for (int q = 0; q < n; q++) {
                kept += value[q] < clip ? 1 : 0;
            }
            this.unclipped = new int[kept];
            for (int q = 0, k = 0; q < n; q++) {
                if (value[q] < clip) {
                    unclipped[k++] = q;
                }
            }
            this.unclippedInPlane = new double[unclipped.length];
            this.unclippedZ = new double[unclipped.length];
            this.aboveTissue = new double[unclipped.length];
            for (int k = 0; k < unclipped.length; k++) {
                int q = unclipped[k];
                unclippedInPlane[k] = inPlane[q];
                unclippedZ[k] = zv[q];
                aboveTissue[k] = value[q] - tissue[q];
            }
        }

        /** The same voxels' misfit with the steel's mass per mm held at e^{@code lnMass} (a line's first number then moves nothing). */
        Misfit withMassHeld(double lnMass) {
            return new Misfit(tv, zv, inPlane, value, tissue, table, clip, a, span, za0, zb0, nearFirst, lnMass);
        }

        /** The steel's mass per mm for the line {@code x}: its first number's, or the held one. */
        private double massOf(double[] x) {
            return Math.exp(Double.isNaN(heldLnMass) ? x[0] : heldLnMass);
        }

        double of(double[] x) {
            return at(x, Double.POSITIVE_INFINITY);
        }

        /**
         * The misfit at {@code x}, or a sum above {@code bound} once the misfit is sure to pass it: voxel by voxel in their
         * order, where no bound is given; else as {@link #at(double[], double[], double[], double[], double)}. Where no bound is
         * given each voxel's r² / c² is computed first and the terms ln(1 + r² / c²) ({@link StrictLog1p}, {@code Math.log1p}'s
         * very bits) summed after, in the voxels' order: the same numbers added in the same order as one loop doing both
         * (docs/needles.md, thirty-first round, needlespeed14).
         */
        @Override
        public double at(double[] x, double bound) {
            double[] ratio = scratch(tv.length);
            if (bound == Double.POSITIVE_INFINITY) {
                double mass = massOf(x);
                double sum = prior(x);
                for (int q = 0; q < tv.length; q++) {
                    double r = Math.min(clip, tissue[q] + mass * steelAt(table, inPlane[q],
                            zv[q] - (x[1] + (x[2] - x[1]) * (tv[q] - a) / span))) - value[q];
                    ratio[q] = r * r / C2;
                }
                for (int q = 0; q < tv.length; q++) {
                    sum += StrictLog1p.of(ratio[q]);
                }
                return sum;
            }
            return at(x, null, null, ratio, bound);
        }

        /** Each thread's array for {@link #at(double[], double)}'s r² / c², at least {@code n} long (one per evaluation before). */
        private static double[] scratch(int n) {
            double[] out = SCRATCH.get();
            if (out.length < n) {
                out = new double[n];
                SCRATCH.set(out);
            }
            return out;
        }

        private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[0]);

        /**
         * The misfit at {@code x}, or a sum above {@code bound} once it is sure to pass it; where {@code steel} is given, the
         * line's steel per unit mass at each voxel is kept there for the next mass on the same line (a NaN there is computed
         * and kept; indexed in {@link #nearFirst}'s order), from the line's {@link #riseAt} its rise where that is given. Most
         * points a grid or a simplex tries are worse than the bound they are compared with, and the misfit's term
         * {@code Math.log1p} was its costliest part: so a lower bound of the misfit is summed first ({@link #lowerTerm}, a few
         * times cheaper; the voxels nearest the line across first, where a wrong line's terms grow most; each voxel's r² / c²
         * kept in {@code ratio} at the voxel's place), and where it passes the bound by more than rounding can account for
         * ({@link #ROUNDING}), the misfit does too and that lower bound is the answer; otherwise the misfit is summed voxel by
         * voxel in their order from the same r² / c², stopping once the running sum passes the bound (every term is ≥ 0): the
         * same numbers in the same order as one pass gives. The lower bound's pass reads the voxels' numbers laid out in its own
         * order ({@link #nearZ} and the rest, one after the other where it read them through {@link #nearFirst} before), and each
         * term ln(1 + r² / c²) is {@link StrictLog1p}'s, {@code Math.log1p}'s very bits without its call into native code
         * (docs/needles.md, thirty-first round, needlespeed14).
         */
        double at(double[] x, double[] rise, double[] steel, double[] ratio, double bound) {
            double mass = massOf(x);
            double sum = prior(x);
            double lower = sum;
            double beyond = bound + ROUNDING * (Math.abs(bound) + 1);
            double first = x[1];
            double climb = x[2] - x[1];
            for (int k = 0; k < nearZ.length; k++) {
                double s = steel == null ? Double.NaN : steel[k];
                if (Double.isNaN(s)) {
                    s = steelAt(table, nearInPlane[k], nearZ[k] - (first + (rise == null ? climb * nearFromA[k] / span
                            : rise[nearFirst[k]])));
                    if (steel != null) {
                        steel[k] = s;
                    }
                }
                double r = Math.min(clip, nearTissue[k] + mass * s) - nearValue[k];
                double u = r * r / C2;
                ratio[nearFirst[k]] = u;
                lower += lowerTerm(u);
                if (lower > beyond) {
                    return lower;
                }
            }
            for (int q = 0; q < tv.length && sum <= bound; q++) {
                sum += StrictLog1p.of(ratio[q]);
            }
            return sum;
        }

        /**
         * A lower bound of ln(1 + u) for u ≥ 0: 2u / (2 + u) below 1 (ln(1 + u) ≥ 2u / (2 + u) for every u ≥ 0, short of it by
         * u³ / 12 and less), ln(1 + u) itself from 1 on (where the rounding of 1 + u moves it by a few parts in 10¹⁶).
         */
        static double lowerTerm(double u) {
            return u < 1 ? 2 * u / (2 + u) : Math.log(1 + u);
        }

        /**
         * ln of the least squares mass over the voxels the scanner did not clip, for the line at height {@code first} at its
         * first end and {@code rise} ({@link #riseAt}) above it at each voxel (NaN when no positive mass fits). The grid weighs
         * it on the line da and db mm from the centroids' line's first end height at either end, the slope of the offsets
         * alone, as it always has. The unclipped voxels and their CT numbers above the tissue are listed once per fit (the
         * same numbers in the same order as testing and subtracting them at every grid point; docs/needles.md, twenty-ninth
         * round, needlespeed11), with their in-plane weights and z, to be read one after the other (thirty-first round,
         * needlespeed14).
         */
        double leastSquaresLnMass(double first, double[] rise) {
            double sgg = 0;
            double sgv = 0;
            for (int k = 0; k < unclipped.length; k++) {
                double s = steelAt(table, unclippedInPlane[k], unclippedZ[k] - (first + rise[unclipped[k]]));
                sgg += s * s;
                sgv += s * aboveTissue[k];
            }
            return sgg > 0 && sgv > 0 ? Math.log(sgv / sgg) : Double.NaN;
        }

        /** A line's height above its first end at each voxel, for a line rising {@code rise} mm from its first end to its second. */
        double[] riseAt(double rise) {
            double[] out = new double[tv.length];
            for (int q = 0; q < tv.length; q++) {
                out[q] = rise * (tv[q] - a) / span;
            }
            return out;
        }

        /**
         * The misfit of the line {@code x} = {ln mass, first end height, second end height} bent by {@code x[3]} mm (held to
         * ±{@link Fitted#BEND_MOST_MM}) times {@code shape} at each voxel (the voxels' order), or a sum above {@code bound} once
         * it is sure to pass it (every term is ≥ 0): {@link Fitted#bentApartMm}'s reading. Each voxel's r² / c² is computed first
         * and the terms ln(1 + r² / c²) ({@link StrictLog1p}) summed after, in the voxels' order, stopping once the sum passes
         * the bound: the same numbers added in the same order, stopped at the same voxel, as one loop doing both — its very
         * value at every bound. Most of the bent search's trial points are within their bound (its simplex's reflections mostly
         * beat the worst vertex), so one loop's stop saved few terms, and its sum waited on every term (docs/needles.md,
         * fortieth round, needlespeed22).
         */
        double bentAt(double[] x, double[] shape, double bound) {
            double bend = Fitted.heldBendMm(x[3]);
            double mass = massOf(x);
            double sum = prior(x);
            double[] ratio = scratch(tv.length);
            for (int q = 0; q < tv.length; q++) {
                double r = Math.min(clip, tissue[q] + mass * steelAt(table, inPlane[q],
                        zv[q] - (x[1] + (x[2] - x[1]) * (tv[q] - a) / span + bend * shape[q]))) - value[q];
                ratio[q] = r * r / C2;
            }
            for (int q = 0; q < tv.length && sum <= bound; q++) {
                sum += StrictLog1p.of(ratio[q]);
            }
            return sum;
        }

        private double prior(double[] x) {
            return PRIOR_PER_MM2 * ((x[1] - za0) * (x[1] - za0) + (x[2] - zb0) * (x[2] - zb0));
        }

        /**
         * How much more the residuals of the line {@code x} agree within each slice's {@value #CHUNK_MM} mm pieces of the
         * stretch than independent voxels' would (the design effect): the mean over those pieces of n × (their mean residual
         * less all voxels' mean)² over the voxels' variance about that mean (each residual held to
         * ±{@value NeedleEndFit#ROBUST_HU} HU, the misfit's own scale). About 1 for white noise; more where streaks or a
         * piece's tissue level move a piece's voxels together.
         */
        double chunkSpread(double[] x) {
            double mass = massOf(x);
            java.util.Map<Long, double[]> pieces = new java.util.HashMap<>();
            double[] r = new double[tv.length];
            double sum = 0;
            for (int q = 0; q < tv.length; q++) {
                double d = Math.min(clip, tissue[q] + mass * steelAt(table, inPlane[q], zv[q] - (x[1] + (x[2] - x[1]) * (tv[q] - a) / span)))
                        - value[q];
                r[q] = Math.max(-NeedleEndFit.ROBUST_HU, Math.min(NeedleEndFit.ROBUST_HU, d));
                sum += r[q];
            }
            double mean = sum / Math.max(1, tv.length);
            double squares = 0;
            for (int q = 0; q < tv.length; q++) {
                double d = r[q] - mean;
                squares += d * d;
                long key = Math.round(zv[q] * 1000) * 1_000_003L + (long) Math.floor((tv[q] - a) / CHUNK_MM);
                double[] p = pieces.computeIfAbsent(key, k -> new double[2]);
                p[0] += d;
                p[1] += 1;
            }
            if (pieces.isEmpty() || squares <= 0) {
                return 1;
            }
            double between = 0;
            for (double[] p : pieces.values()) {
                between += p[0] * p[0] / p[1];
            }
            return between / pieces.size() / (squares / tv.length);
        }
    }

    /** A line source's steel per unit mass at a voxel: its in-plane weight times the tabulated slice profile at {@code dz}. */
    private static double steelAt(double[] table, double inPlane, double dz) {
        double f = Math.min(Math.abs(dz) / TABLE_STEP_MM, table.length - 1.001);
        int k = (int) f;
        return inPlane * (table[k] + (f - k) * (table[k + 1] - table[k]));
    }

    /**
     * A refitted curve, its least misfit (robust, dimensionless; 0 when the stretch was too short to fit) and what the misfit
     * allows of the line's z ({@link #zHalfWidthAt}).
     */
    static final class Fitted {
        /** Two standard deviations: the misfit's rise, in units of its mean per voxel, that bounds the interval. */
        private static final double TWO_SIGMA = 4;
        /** First trial shift of the line's z in the interval's search, mm (doubled until the misfit rises past the bound). */
        private static final double FIRST_SHIFT_MM = 0.05;
        private static final int BISECTIONS = 5;
        private static final int PROFILE_EVALUATIONS = 60;
        /** First step of the bend in {@link #bentApartMm}'s search, mm (the traced needles, bent 2.7-2.9 mm, were read 2.3-3.7 mm). */
        private static final double BEND_STEP_MM = 1;
        /**
         * The largest bend of a needle's free end from its held end's direction that {@link #bentApartMm} reads, mm: the
         * drawn needles bend 1.5-3 mm ({@link IntraOpScenario}) and the seen bent needles were read bent 1.1-3.7 mm, needles in
         * a slice's flat top up to 4.7 mm loosely; beyond, the reading is no needle's bend but other structure's (4604 n7, set
         * 4597: 0.71 mm off, read bent 16 mm, its tip 1.42 mm away; docs/needles.md, twenty-seventh round, needleflat9).
         */
        static final double BEND_MOST_MM = 5;
        /**
         * The least drop of the misfit, in units of the line's mean misfit per voxel (Δχ² of the bend, the one number more), for
         * {@link #bentApartMm} to read a bend at all: six white-noise standard errors, about two real ones (straight needles'
         * residuals are not white: their sag's Δχ² had median 3.1 and 90th percentile 30; docs/needles.md, twentieth round,
         * needlesag). The traced bent tips: 88.6 (4573 n7), 98.3 (4627 n7); a right tip it leaves unstated, 16.5 (4633 n4).
         */
        static final double BENT_CHI_SQUARE = 36;
        /** Evaluations of {@link #bentApartMm}'s search (four numbers). */
        private static final int BENT_EVALUATIONS = 300;
        private final SpaceCurve curve;
        private final Misfit misfit;
        private final double[] best;
        private final double least;
        private final double a;
        private final double span;
        private final double bound;
        private final double reachMm;
        /** The grid's offsets of the end heights from the centroids' line, mm ({@link #refit}). */
        private final List<Double> steps;
        /** {@link #bentReading}'s, held at the fit's second end (the tip at its first) and at its first, once searched. */
        private volatile double[] bentTipAtFirst;
        private volatile double[] bentTipAtSecond;

        /** {@code least}: the misfit at {@code best} (0 when not fitted), as the fit computed it. */
        private Fitted(SpaceCurve curve, Misfit misfit, double[] best, double least, double a, double span,
                       int voxels, double reachMm, List<Double> steps) {
            this.steps = steps;
            this.curve = curve;
            this.misfit = misfit;
            this.best = best;
            this.least = least;
            this.a = a;
            this.span = span;
            this.bound = TWO_SIGMA * least / Math.max(1, voxels);
            this.reachMm = reachMm;
        }

        static Fitted unfitted(SpaceCurve curve) {
            return new Fitted(curve, null, null, 0, 0, 1, 1, 0, List.of());
        }

        SpaceCurve curve() {
            return curve;
        }

        double misfit() {
            return least;
        }

        /** ln of the steel's fitted mass per mm (HU mm²; NaN when not fitted). */
        double lnMass() {
            return best == null ? Double.NaN : best[0];
        }

        /**
         * This line's z fitted again with the steel's mass per mm held at e^{@code lnMass} (HU mm² per mm; the scan's needles'
         * median): the end heights searched on the grid {@link #refit} searched, every other step and then every step about the
         * best, and refined by Nelder–Mead from that best and from this line, the better kept; the interval and the bent reading
         * ({@link #zHalfWidthAt}, {@link #bentApartMm}) then hold the mass too. Every needle of a scan is the same steel (one
         * gauge), so its steel per mm is the scan's, not the line's own: a line that fits much more steel per mm than the scan's
         * needles explains another object's steel with its own, and its place along z with it. On a triangle slice a needle's own
         * slice shows mass × (1 − |d| / thickness) of it at a distance d from the slice centre, so more mass and a line farther
         * from the centre explain the own slice alike, and steel in the neighbouring slice that is not the needle's (another
         * needle of the column one slice over, past that needle's run) is explained by raising the line and the mass together
         * (4737 n8, 5 mm triangle, 12-bit: its steel per mm fitted 1.31 times the scan's median, the tip 1.62 mm high along z,
         * stated ±0.18; with the median held 0.13 mm off, z −0.11; docs/needles.md, twenty-eighth round, needleflat10). Returns this fit
         * where it was not fitted.
         */
        Fitted withMassHeld(double lnMass) {
            if (misfit == null) {
                return this;
            }
            Misfit held = misfit.withMassHeld(lnMass);
            double[] fromLine = {lnMass, best[1], best[2]};
            double atLine = held.of(fromLine);
            List<Integer> coarse = new ArrayList<>();
            for (int k = 0; k < steps.size(); k += COARSE_EVERY) {
                coarse.add(k);
            }
            if (coarse.get(coarse.size() - 1) != steps.size() - 1) {
                coarse.add(steps.size() - 1);
            }
            GridBest grid = new GridBest(held, lnMass, steps, coarse, coarse, List.of(), true, false, fromLine, atLine, fromLine, atLine);
            grid = new GridBest(held, lnMass, steps, about(steps, grid.held, 1, held.za0), about(steps, grid.held, 2, held.zb0), coarse,
                    true, false, grid.held, grid.leastHeld, fromLine, atLine);
            NelderMead.Bounded ends = (y, bound) -> held.at(new double[] {lnMass, y[0], y[1]}, bound);
            double[] x = NelderMead.minimise(ends, new double[] {grid.held[1], grid.held[2]}, new double[] {0.1, 0.1}, EVALUATIONS, 1e-3);
            double[] y = NelderMead.minimise(ends, new double[] {best[1], best[2]}, new double[] {0.1, 0.1}, EVALUATIONS, 1e-3);
            double atX = ends.at(x, Double.POSITIVE_INFINITY);
            double atY = ends.at(y, Double.POSITIVE_INFINITY);
            if (atY < atX) {
                x = y;
                atX = atY;
            }
            double slope = (x[1] - x[0]) / span;
            double z0 = x[0] - slope * a;
            return new Fitted(new SpaceCurve(curve.centre(), curve.axis(), curve.scaleMm(), curve.cx(), curve.cy(),
                    new double[] {z0, slope * curve.scaleMm()}), held, new double[] {lnMass, x[0], x[1]}, atX, a, span, misfit.tv.length,
                    reachMm, steps);
        }

        /** {@code bendMm} held to ±{@link #BEND_MOST_MM}. */
        static double heldBendMm(double bendMm) {
            return Math.max(-BEND_MOST_MM, Math.min(BEND_MOST_MM, bendMm));
        }

        /**
         * A cantilever's deflection from its chord at {@code w} (0 at the held end, 1 at the free end) per mm of its free end's
         * deflection from the held end's direction: w²(3 − w)/2 − w, 0 at both ends — the beam held at one end and pushed
         * across at the other, whose bending moment, and with it its curvature, falls linearly to nothing at the free end;
         * beyond the free end its tangent there (a needle's last millimetres beyond the fitted stretch are straight).
         */
        static double cantileverFromChord(double w) {
            return w <= 1 ? w * w * (3 - w) / 2 - w : 0.5 * (w - 1);
        }

        /**
         * How far along z (mm) its reading bent as a cantilever puts the line's z at parameter {@code t} (0 when not fitted):
         * the line's voxels fitted again with z = the line + b · {@link #cantileverFromChord} (the held end the fit's end
         * farther from {@code t}; b held to ±{@link #BEND_MOST_MM}), the mass, both end heights and the bend b together by
         * Nelder–Mead from the line (b = 0), and that curve's z at {@code t} less the line's; 0 where the bend lowers the
         * misfit by less than {@link #BENT_CHI_SQUARE} (no bend the image shows). A needle lying nearly flat in the slices and
         * bent by the tissue's push is bent almost wholly along z, and the straight z line follows the stretch the neighbouring
         * slices' partial volume places best and misses the tip, sure of its wrong place: its interval, over the same voxels and a line,
         * cannot see the bend (4573 n7, 5 mm box, 12-bit: bent 2.9 mm along z, the line's tip 1.29 mm low, stated ±0.22,
         * the bent reading 1.76 mm higher; 4627 n7, 3 mm box: bent 2.7 mm, 1.37 mm high, stated ±0.26). The statement only:
         * the sag placed bent needles' tips but once lost a needle under a run it read bent (docs/needles.md, twentieth
         * round, needlesag; twenty-seventh round, needleflat9).
         */
        double bentApartMm(double t) {
            if (misfit == null) {
                return 0;
            }
            boolean tipAtSecond = t > a + span / 2;
            double[] shape = bentShape(tipAtSecond);
            double[] y = bentReading(tipAtSecond, shape);
            // The drop in units of the line's mean misfit per voxel (bound / TWO_SIGMA): Δχ² of the one number more.
            if (TWO_SIGMA * (least - misfit.bentAt(y, shape, Double.POSITIVE_INFINITY)) / bound < BENT_CHI_SQUARE) {
                return 0;
            }
            double u = (t - a) / span;
            double bent = y[1] + (y[2] - y[1]) * u + heldBendMm(y[3]) * cantileverFromChord(tipAtSecond ? u : 1 - u);
            return Math.abs(bent - (best[1] + (best[2] - best[1]) * u));
        }

        /**
         * How far the tilt of the chord over the last {@code chordMm} mm before parameter {@code t} (the tip) of the line's reading
         * bent as a cantilever ({@link #bentApartMm}'s, whatever its drop in misfit) turns from the line's, degrees (0 when not
         * fitted): the bend the image shows, as large as it reads it. The line is straight, so its tilt's statement through its
         * two ends' heights holds no bend; a needle bent as a cantilever turns at its tip from its chord, about 0.18° per mm of
         * bend over the last 40 mm of a 150 mm needle, times the bend's share along z, and on 5 mm slices the image holds a
         * 2–3 mm bend too weakly for {@link #bentApartMm}'s {@link #BENT_CHI_SQUARE} on about half the drawn bent needles
         * (docs/needles.md, thirty-sixth round, needlehonest18). The bends the image cannot exclude (their Δχ² within 4) reached
         * the search's ±{@link #BEND_MOST_MM} mm on a straight drawn needle on 5 mm slices fitted with a box ⊗ Gaussian profile
         * where the scan's was a Gaussian, 0.7° at its tip: not stated (thirty-eighth round, needlebend20).
         */
        double bendTurnDeg(double t, double chordMm) {
            if (misfit == null) {
                return 0;
            }
            boolean tipAtSecond = t > a + span / 2;
            double back = tipAtSecond ? Math.max(a, t - chordMm) : Math.min(a + span, t + chordMm);
            if (Math.abs(t - back) < 1) {
                return 0;
            }
            double[] y = bentReading(tipAtSecond, bentShape(tipAtSecond));
            double bend = heldBendMm(y[3]);
            double slope = (zOnBent(y, bend, t, tipAtSecond) - zOnBent(y, bend, back, tipAtSecond)) / (t - back);
            return Math.abs(Math.toDegrees(Math.atan(slope) - Math.atan((best[2] - best[1]) / span)));
        }

        /** The z at parameter {@code t} of the line {@code x} (its end heights x[1], x[2]) bent by {@code bend} as {@link #bentReading}'s. */
        private double zOnBent(double[] x, double bend, double t, boolean tipAtSecond) {
            double u = (t - a) / span;
            return x[1] + (x[2] - x[1]) * u + bend * cantileverFromChord(tipAtSecond ? u : 1 - u);
        }

        /** {@link #cantileverFromChord} at each of the line's voxels, held at the fit's first end where {@code tipAtSecond}, else at its second. */
        private double[] bentShape(boolean tipAtSecond) {
            int n = misfit.tv.length;
            double[] shape = new double[n];
            for (int q = 0; q < n; q++) {
                double w = (misfit.tv[q] - a) / span;
                shape[q] = cantileverFromChord(tipAtSecond ? w : 1 - w);
            }
            return shape;
        }

        /**
         * The line's voxels fitted again with z = the line + b · {@code shape} ({@link #bentShape} of {@code tipAtSecond}; b held
         * to ±{@link #BEND_MOST_MM}), the mass, both end heights and b together by Nelder–Mead from the line (b = 0): {ln mass,
         * first end height, second end height, b}. Searched once per held end and kept: {@link #bentApartMm} and
         * {@link #bendTurnDeg} read the same reading (the caller must not change the array).
         */
        private double[] bentReading(boolean tipAtSecond, double[] shape) {
            double[] y = tipAtSecond ? bentTipAtSecond : bentTipAtFirst;
            if (y == null) {
                NelderMead.Bounded f = (x, bd) -> misfit.bentAt(x, shape, bd);
                y = NelderMead.minimise(f, new double[] {best[0], best[1], best[2], 0}, new double[] {0.1, 0.25, 0.25, BEND_STEP_MM},
                        BENT_EVALUATIONS, 1e-3);
                if (tipAtSecond) {
                    bentTipAtSecond = y;
                } else {
                    bentTipAtFirst = y;
                }
            }
            return y;
        }

        /**
         * Half the width of the interval of the line's z at parameter {@code t} (mm; 0 when not fitted) whose misfit, the
         * steel's mass and the line's far end height fitted again at each z, lies within what the fit's own residuals allow of
         * the least: a likelihood interval of two standard deviations, with the noise taken as the fit's mean misfit per voxel
         * (for residuals r ≪ {@value NeedleEndFit#ROBUST_HU} HU the misfit is Σ r² / c², so a rise of 4 × its mean per voxel is
         * Δχ² = 4 with the residuals' own variance; where the model misses the image, the residuals and with them the interval
         * grow). Searched out to the reach of the fitted voxels along z. The image's misfit only: the weak pull towards the
         * centroids' line ({@value #PRIOR_PER_MM2} per mm²) decides the line where the image does not and states nothing, so it
         * is left out of the rise. And the voxels are not independent: streaks and a piece's tissue level move a slice's voxels
         * along a few mm of the shaft together, so the rise is weighed against the bound times how much more the residuals
         * agree within the fit's {@value #CHUNK_MM} mm pieces than independent voxels' would ({@link Misfit#chunkSpread}, at
         * least 1). 5038 n4 (5 mm box, streaks 220 HU): its own slice brightened and dimmed by 33 HU (3 %) from 10 mm to 10 mm
         * where independent voxels allow 7, and the line read that as its height near both ends, its tip 2.00 mm high, stated
         * ±0.52 with the pull and ±1.94 by the band (docs/needles.md, thirty-second round, branch {@code needletip14}).
         */
        double zHalfWidthAt(double t) {
            if (misfit == null) {
                return 0;
            }
            double u = (t - a) / span;
            double spread = Math.max(1, misfit.chunkSpread(best));
            CompletableFuture<Double> down = CompletableFuture.supplyAsync(() -> reach(u, -1, spread), SIDE_TASKS);
            return Math.max(reach(u, 1, spread), down.join());
        }

        /** How far the line's z at place {@code u} (0 at the fit's first end, 1 at its second) moves in {@code sign}'s direction. */
        private double reach(double u, int sign, double spread) {
            double z = best[1] + (best[2] - best[1]) * u;
            // The end farther from u is fitted again; the nearer follows from the z held at u.
            boolean freeFirst = u > 0.5;
            double[] from = {best[0], freeFirst ? best[1] : best[2]};
            double[][] at = {from};
            // Whether the least misfit with the line's z held at u shifted by {@code shift} rises at most {@code bound} above
            // the fit's: the profile's search stops at the first vertex within the bound, whose answer the whole search
            // would give too (NelderMead's enough; docs/needles.md, twenty-sixth round, second part, needlespeed4).
            // The answer is read from the least value the search met, which is the point it returns's own: a value cut short is
            // above a vertex's full value, and every full value below the simplex's least becomes a vertex (NelderMead), so that
            // point's misfit is not summed again (docs/needles.md, twenty-ninth round, needlespeed11).
            double enough = least - misfit.prior(best) + bound * spread;
            java.util.function.DoublePredicate within = shift -> {
                double held = z + sign * shift;
                double[] met = {Double.POSITIVE_INFINITY};
                NelderMead.Bounded f = (y, bound) -> {
                    double[] x = freeFirst
                            ? new double[] {y[0], y[1], (held - y[1] * (1 - u)) / u}
                            : new double[] {y[0], (held - y[1] * u) / (1 - u), y[1]};
                    double pull = misfit.prior(x);
                    double m = misfit.at(x, bound + pull) - pull;
                    met[0] = Math.min(met[0], m);
                    return m;
                };
                at[0] = NelderMead.minimise(f, at[0], new double[] {0.1, 0.2}, PROFILE_EVALUATIONS, 1e-4, enough);
                return met[0] <= enough;
            };
            double inside = 0;
            double outside = FIRST_SHIFT_MM;
            while (within.test(outside)) {
                inside = outside;
                outside *= 2;
                if (outside > reachMm) {
                    return reachMm;
                }
            }
            for (int i = 0; i < BISECTIONS; i++) {
                double mid = (inside + outside) / 2;
                if (within.test(mid)) {
                    inside = mid;
                } else {
                    outside = mid;
                }
            }
            return (inside + outside) / 2;
        }
    }

    /**
     * Slice profiles of FWHM {@code thicknessMm} (the slice thickness, mm) that scanners reconstruct: a box (an axial scan), a
     * triangle (a box of the thickness convolved with itself, as a helical scan's linear interpolation gives) and a Gaussian,
     * each as a density along z (1/mm) of |Δz|. A box ⊗ Gaussian of the same FWHM does not stand in for the triangle: it is
     * 40 % fainter at a slice boundary than at a slice centre where the triangle is not.
     */
    static DoubleUnaryOperator[] standardProfiles(double thicknessMm) {
        return new DoubleUnaryOperator[] {
            d -> NeedleEndFit.sliceProfile(d, thicknessMm, 0.1 * thicknessMm),
            d -> Math.max(0, 1 - d / thicknessMm) / thicknessMm,
            d -> NeedleEndFit.sliceProfile(d, NeedleEndFit.MIN_BOX_MM, thicknessMm / 2.355)};
    }

    /**
     * The slice profiles the shallow needles' z is fitted with, the scan's being the one that explains them best: the box ⊗
     * Gaussian {@code profile} (in-plane σ, box width, slice σ, mm) the scan's ends were fitted with, the same made as wide as
     * the slice thickness {@code thicknessMm} (its FWHM; where it is not already), and a triangle and a Gaussian of that
     * thickness ({@link #standardProfiles}). The ends' fits alone mistook the profile: on a 3 mm box scan their median was
     * 2.2 mm wide (3400: two flat needles read 0.6° and 1.1° too steep, tips 1.09 and 1.43 mm off along z), and no box ⊗
     * Gaussian is a triangle (3396 needle 1). A box of the thickness with a fixed edge of a tenth of it is no candidate: on 5 mm
     * box scans it read flat needles inside a slice's flat top 1.7-2.3 mm off along z where the ends' softer edge read them
     * within 0.4 mm (2716 needles 1 and 8, 3394 needle 2). The box whose edge is the steel's own section is tried beside
     * these ({@link #steelEdgedBox}).
     */
    static DoubleUnaryOperator[] candidateProfiles(double[] profile, double thicknessMm) {
        DoubleUnaryOperator[] standard = standardProfiles(thicknessMm);
        List<DoubleUnaryOperator> out = new ArrayList<>();
        out.add(d -> NeedleEndFit.sliceProfile(d, profile[1], profile[2]));
        if (Math.abs(NeedleEndFit.fwhm(profile[1], Math.max(profile[2], 1e-3)) - thicknessMm) > SAME_FWHM_MM) {
            double[] wide = NeedleEndFit.withFwhm(profile, thicknessMm);
            out.add(d -> NeedleEndFit.sliceProfile(d, wide[1], wide[2]));
        }
        out.add(standard[1]);
        out.add(standard[2]);
        return out.toArray(new DoubleUnaryOperator[0]);
    }

    /**
     * σ of an 18 G needle's steel along z, mm: its disc of radius {@value NeedleEndFit#NEEDLE_RADIUS_MM} mm seen edge-on has
     * σ r / 2. No slice profile shows the needle with a sharper edge than its own section.
     */
    static final double STEEL_SECTION_SIGMA_MM = NeedleEndFit.NEEDLE_RADIUS_MM / 2;

    /**
     * A box of FWHM {@code thicknessMm} (the slice thickness, mm) whose edge is the needle's own section
     * ({@value #STEEL_SECTION_SIGMA_MM} mm σ), as a profile (in-plane σ {@code sxy}, box width, slice σ, mm): the sharpest a
     * needle's image can have, which the shallow needles' z is fitted with beside {@link #candidateProfiles} (the one
     * explaining them best is kept). The ends' box ⊗ Gaussian fits bound a thick box slice's width and not its edge: a shaft
     * inside one slice does not show it. On a quiet 5 mm box scan (3517, 12-bit, noise 12 HU) their median's edge (σ 0.57 mm) predicted the needles' steel
     * in the neighbouring slice where the scan showed none, and four flat needles 0.7-1.6° out of the plane were read 0.6-1.2°
     * steeper, their tips 1.2-1.7 mm higher; with this box 0.23-0.41 mm (docs/needles.md, fourteenth round).
     */
    static double[] steelEdgedBox(double sxy, double thicknessMm) {
        return NeedleEndFit.withFwhm(new double[] {sxy, thicknessMm, STEEL_SECTION_SIGMA_MM}, thicknessMm);
    }

    /**
     * In-plane offsets of the parallel lines that measure a neighbouring slice's clutter (streaks, noise, other needles and seeds)
     * about a needle's line: {@value #CLUTTER_FROM_MM}-{@value #CLUTTER_TO_MM} mm either side, every mm.
     */
    private static final int CLUTTER_FROM_MM = 3;
    private static final int CLUTTER_TO_MM = 15;
    /**
     * A neighbouring slice showing less than this share of the ridge the found line predicts there contradicts it: a quarter, not
     * a half, as the prediction near a boundary moves steeply with the line's height and its tilt (3640 needle 4, 0.14 mm off,
     * 1.8° out of the plane read 2.1°: 29 HU shown of 66 predicted, 43 %), and the line source's peak is ~20 % above what the
     * voxels show (3586: 2 870 HU on the needle's own slice against 3 520 predicted). Wrong needles: 3586 needle 5 −179 HU of
     * 157, 3523 needle 1 −8 of 92; right ones nearest: 31 % (3589, a 2.2° needle nearing a boundary) and 43 %. A thin margin.
     */
    private static final double SHOWN_AT_MOST = 0.25;
    /** The tip's last millimetres, the bevel (at most 4.5 mm on an 18 G needle), left out of {@link #neighbourContradicts}, mm. */
    private static final double BEYOND_BEVEL_MM = 5;
    /** The flanks of the ridge measure, either side of the line across it, mm (beyond a needle's blur: in-plane σ ≤ 0.6 mm). */
    private static final double FLANK_MM = 2.5;

    /**
     * Whether a slice beside the one a flat needle lies in contradicts the place its z fit found: {@code pathMm} (hub side to
     * tip), the found line, stays inside the tip's slice over its last {@code lengthMm}, and in a neighbouring slice where that line
     * puts a ridge of the needle's partial volume at least {@value NeedleEndFit#VISIBLE_SNR} × the slice's clutter, the slice shows
     * less than {@link #SHOWN_AT_MOST} of it and falls short of it by {@value NeedleEndFit#VISIBLE_SNR} × the clutter as well.
     * Inside a box slice only the neighbours' faint partial volume near a boundary places a flat needle; where the fit put it
     * near a boundary and the neighbour does not show it there, the fit was drawn by other structure (streaks, another
     * needle's blur) and the image holds no more than the slice (3586 needle 5: read 0.5 mm inside the upper boundary where it lies 1.0 mm inside the lower,
     * the slice above showing a dark 179 HU trough where the line put a 157 HU ridge; 3.57 mm off along z, stated ±0.04 mm;
     * docs/needles.md, fifteenth round). The prediction is the line source of the fitted steel mass per mm ({@code lnMass}, ln
     * HU mm²) spread by the in-plane Gaussian of σ {@code sxy} and the slice profile {@code profile}; the slice's showing a ridge
     * measure (the CT number on the line less the mean at {@value #FLANK_MM} mm either side, averaged every 0.5 mm of the
     * needle beyond its bevel); the clutter that measure's robust spread (1.4826 × its median absolute value) on parallel lines
     * {@value #CLUTTER_FROM_MM}-{@value #CLUTTER_TO_MM} mm either side, which the template's neighbouring needles do not sway.
     */
    static boolean neighbourContradicts(Volume ct, List<Vec3> pathMm, double lengthMm, double sxy, DoubleUnaryOperator profile,
                                        double lnMass) {
        double[][] readings = neighbourReadings(ct, pathMm, lengthMm, sxy, profile, lnMass);
        for (double[] r : readings) {
            double predicted = r[0];
            double ridge = r[1];
            double level = r[2];
            if (predicted >= level && predicted - ridge >= level && ridge < predicted * SHOWN_AT_MOST) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a slice beside the one a needle's tip lies in shows steel along the needle's line that no place of the needle in
     * its tip's slice explains: {@code pathMm} (hub side to tip), the found line, stays inside the tip's slice over its last
     * {@code lengthMm}, and a neighbouring slice shows a ridge along it (the measure of {@link #neighbourContradicts}) that exceeds
     * by {@value NeedleEndFit#VISIBLE_SNR} × the slice's clutter the most the needle's own steel can put there: its line source
     * (steel mass per mm {@code lnMass}, in-plane σ {@code sxy}) at the boundary between the two slices, the profile
     * {@code profile} half a slice from the neighbour's centre (half the peak where the slice is as thick as the spacing). Its
     * own partial volume never reaches that: a needle seen in its tip's slice lies within half a slice of its centre, so a
     * right line near the boundary whose neighbour shows more than the line predicts is left alone (5209 n5, 5218 n8: 0.37 and
     * 0.46 mm off, their tips 0.44–0.45 of a slice from the centre). That slice holds other steel beside the needle (a strand
     * of seeds, another needle of its column), and a line whose z is its slab centroids' curve took that steel's centroid as
     * the needle's: 5212 n1 (3 mm box slices, 3.5° out of the plane, steel in the slice below its last 21 mm showing 3 200–4 900
     * HU against 4 400–5 900 in its own slice): its curve bent 1.43 mm down at the tip, stated ±0.01 (docs/needles.md,
     * thirty-fifth round, branch {@code needlesilent17}).
     */
    static boolean neighbourShowsOtherSteel(Volume ct, List<Vec3> pathMm, double lengthMm, double sxy, DoubleUnaryOperator profile,
                                            double lnMass) {
        double most = Math.exp(lnMass) / (Math.sqrt(2 * Math.PI) * Math.max(sxy, 1e-3)) * profile.applyAsDouble(ct.grid().dzMm() / 2);
        for (double[] r : neighbourReadings(ct, pathMm, lengthMm, sxy, profile, lnMass)) {
            if (r[1] - most >= r[2]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Each neighbouring slice's {predicted ridge, shown ridge, {@value NeedleEndFit#VISIBLE_SNR} × its clutter} (HU) along the last
     * {@code lengthMm} of {@code pathMm} beyond the bevel ({@link #neighbourContradicts}); none where that stretch leaves the tip's
     * slice.
     */
    private static double[][] neighbourReadings(Volume ct, List<Vec3> pathMm, double lengthMm, double sxy, DoubleUnaryOperator profile,
                                                double lnMass) {
        double[][] none = new double[0][];
        if (pathMm.size() < 2 || Double.isNaN(lnMass)) {
            return none;
        }
        Grid g = ct.grid();
        Vec3 tip = pathMm.get(pathMm.size() - 1);
        int k = (int) Math.round((tip.z() - g.z(0)) / g.dzMm());
        List<Vec3> points = new ArrayList<>();
        List<double[]> across = new ArrayList<>();
        PathFromTip walk = new PathFromTip(pathMm);
        for (double s = 0; s <= lengthMm; s += 0.5) {
            if (!walk.reach(s)) {
                break;
            }
            Vec3 a = walk.tipSide();
            Vec3 b = walk.hubSide();
            Vec3 p = walk.point();
            if (s < BEYOND_BEVEL_MM) {
                // The bevel: less steel than the shaft's mass per mm, and on a line nearing a boundary at the tip its
                // partial volume there would be the largest of the prediction (3640 needle 4, 0.14 mm off and read contradicted with it).
                if (Math.abs(p.z() - g.z(k)) >= g.dzMm() / 2) {
                    return none;
                }
                continue;
            }
            double nx = a.y() - b.y();
            double ny = b.x() - a.x();
            double norm = Math.hypot(nx, ny);
            if (Math.abs(p.z() - g.z(k)) >= g.dzMm() / 2 || norm < 1e-9) {
                return none;
            }
            points.add(p);
            across.add(new double[] {nx / norm, ny / norm});
        }
        if (points.isEmpty()) {
            return none;
        }
        double peak = Math.exp(lnMass) / (Math.sqrt(2 * Math.PI) * Math.max(sxy, 1e-3));
        List<double[]> out = new ArrayList<>();
        for (int kk = k - 1; kk <= k + 1; kk += 2) {
            if (kk < 0 || kk >= g.nz()) {
                continue;
            }
            double predicted = 0;
            for (Vec3 p : points) {
                predicted += peak * profile.applyAsDouble(Math.abs(p.z() - g.z(kk)));
            }
            predicted /= points.size();
            double ridge = ridge(ct, kk, points, across, 0);
            double[] clutter = new double[2 * (CLUTTER_TO_MM - CLUTTER_FROM_MM + 1)];
            for (int o = CLUTTER_FROM_MM; o <= CLUTTER_TO_MM; o++) {
                clutter[2 * (o - CLUTTER_FROM_MM)] = Math.abs(ridge(ct, kk, points, across, o));
                clutter[2 * (o - CLUTTER_FROM_MM) + 1] = Math.abs(ridge(ct, kk, points, across, -o));
            }
            Arrays.sort(clutter);
            double level = NeedleEndFit.VISIBLE_SNR * 1.4826 * (clutter[clutter.length / 2 - 1] + clutter[clutter.length / 2]) / 2;
            out.add(new double[] {predicted, ridge, level});
        }
        return out.toArray(new double[0][]);
    }

    /**
     * How near a slice boundary a flat needle's fitted tip lies for the neighbouring slice beyond it to be what places it, mm:
     * two σ of the needle's own section along z ({@value #STEEL_SECTION_SIGMA_MM} mm), within which a steel-edged box slice
     * beyond shows at least Φ(−2) ≈ 2 % of the steel's peak (≥ 60 HU against the seen scans' 13-36 HU noise) and its own slice
     * shows it dimmer than its flat top; deeper in, the own slice shows the needle alike wherever it lies and nothing places it
     * (the blind band's rules). 4045 needle 6 (wrong): 0.30 mm; right tips whose slice beyond was hidden as wholly: 0.92 mm
     * (3769 needle 3), 0.97 (4000 needle 5), both 9-10° out of the plane (crossing slices: not asked).
     */
    static final double NEAR_BOUNDARY_MM = 2 * STEEL_SECTION_SIGMA_MM;
    /**
     * The least share of the tip's last stretch beyond the bevel over which the slice beyond the fitted tip lies nearer another
     * needle's line than this one's for that slice to say nothing of this needle ({@link #neighbourHidden}). 4045 needle 6 (wrong,
     * 3.72 mm): 1.00; right tips within {@link #NEAR_BOUNDARY_MM} of a boundary toward a slice partly hidden, on the seen 5 mm
     * box scans run: at most 0.87 (3934 needle 2, 0.44 mm from the boundary, 5.9° out of the plane: it crosses the slice and
     * is not asked); of the flat ones none above 0.5 but 3757 needle 6 (1.00, 0.29 mm from the boundary, 0.48 mm off: stated
     * the slice by an earlier rule already). Thin on the tilted side, where the in-slice condition holds them off.
     */
    static final double HIDDEN_SHARE = 0.95;

    /**
     * Whether the slice beyond a flat needle's fitted tip holds another needle's line, so that it cannot say whether this needle
     * reaches into it: {@code pathMm} (hub side to tip), the found line, stays inside the tip's slice over its last
     * {@code lengthMm}, its tip lies within {@link #NEAR_BOUNDARY_MM} of that slice's boundary, and over at least
     * {@link #HIDDEN_SHARE} of that stretch beyond the bevel the neighbouring slice beyond that boundary, straight above or
     * below the line, lies nearer one of {@code others} (the other needles' curves) than to this line. Those are the voxels
     * {@link #refit} leaves out as the other needle's, so that slice neither places nor contradicts the line, and the line's
     * place near the boundary rests on its own slice alone, whose flat top shows the needle alike anywhere inside it (4045
     * needle 6, 5 mm box, 12-bit: read 0.30 mm under the upper boundary where it lies 0.98 mm above the lower, needle 2 one slice
     * above in the same column 1.36 mm across; 3.72 mm off along z, stated ±0.07; docs/needles.md, twenty-first round).
     */
    static boolean neighbourHidden(Volume ct, List<Vec3> pathMm, double lengthMm, List<NeedleCentreline.Extent> others) {
        if (pathMm.size() < 2) {
            return false;
        }
        Grid g = ct.grid();
        Vec3 tip = pathMm.get(pathMm.size() - 1);
        int k = (int) Math.round((tip.z() - g.z(0)) / g.dzMm());
        double off = tip.z() - g.z(k);
        int beyond = off >= 0 ? k + 1 : k - 1;
        if (g.dzMm() / 2 - Math.abs(off) > NEAR_BOUNDARY_MM || beyond < 0 || beyond >= g.nz()) {
            return false;
        }
        PathFromTip walk = new PathFromTip(pathMm);
        int points = 0;
        int hidden = 0;
        for (double s = 0; s <= lengthMm; s += 0.5) {
            if (!walk.reach(s)) {
                break;
            }
            Vec3 p = walk.point();
            if (Math.abs(p.z() - g.z(k)) >= g.dzMm() / 2) {
                return false;
            }
            if (s < BEYOND_BEVEL_MM) {
                continue;
            }
            Vec3 over = new Vec3(p.x(), p.y(), g.z(beyond));
            points++;
            if (NeedleCentreline.nearerAnother(over, over.minus(p).norm(), others)) {
                hidden++;
            }
        }
        return points > 0 && hidden >= HIDDEN_SHARE * points;
    }

    /**
     * The mean over {@code points} of slice {@code k}'s CT number on the line {@code offsetMm} across from them less the mean at
     * {@value #FLANK_MM} mm either side of it (bilinear in the slice; points outside the grid left out; 0 when none is inside).
     */
    private static double ridge(Volume ct, int k, List<Vec3> points, List<double[]> across, double offsetMm) {
        double sum = 0;
        int n = 0;
        for (int q = 0; q < points.size(); q++) {
            Vec3 p = points.get(q);
            double[] u = across.get(q);
            double x = p.x() + u[0] * offsetMm;
            double y = p.y() + u[1] * offsetMm;
            double centre = inSlice(ct, k, x, y);
            double left = inSlice(ct, k, x - u[0] * FLANK_MM, y - u[1] * FLANK_MM);
            double right = inSlice(ct, k, x + u[0] * FLANK_MM, y + u[1] * FLANK_MM);
            if (!Double.isNaN(centre + left + right)) {
                sum += centre - (left + right) / 2;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Slice {@code k}'s CT number at (x, y), bilinear (NaN outside the grid). */
    private static double inSlice(Volume ct, int k, double x, double y) {
        Grid g = ct.grid();
        double fi = (x - g.x(0)) / g.dxMm();
        double fj = (y - g.y(0)) / g.dyMm();
        int i = (int) Math.floor(fi);
        int j = (int) Math.floor(fj);
        if (i < 0 || j < 0 || i + 1 >= g.nx() || j + 1 >= g.ny()) {
            return Double.NaN;
        }
        double u = fi - i;
        double v = fj - j;
        float[] hu = ct.hu();
        return (1 - u) * (1 - v) * hu[g.index(i, j, k)] + u * (1 - v) * hu[g.index(i + 1, j, k)]
                + (1 - u) * v * hu[g.index(i, j + 1, k)] + u * v * hu[g.index(i + 1, j + 1, k)];
    }

    /** Profiles whose FWHM differ by less than this are taken as one, mm. */
    private static final double SAME_FWHM_MM = 0.05;

    static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * The voxel index box {i0, i1, j0, j1, k0, k1} (inclusive, clamped to the grid) that can hold the needle's image between
     * {@code pa} and {@code pb}: {@link #RADIUS_MM} + 1 mm across, {@code zReachMm} along z.
     */
    static int[] chunkBox(Grid g, Vec3 pa, Vec3 pb, double zReachMm) {
        return new int[] {
            Math.max(0, (int) Math.floor((Math.min(pa.x(), pb.x()) - RADIUS_MM - 1 - g.x(0)) / g.dxMm())),
            Math.min(g.nx() - 1, (int) Math.ceil((Math.max(pa.x(), pb.x()) + RADIUS_MM + 1 - g.x(0)) / g.dxMm())),
            Math.max(0, (int) Math.floor((Math.min(pa.y(), pb.y()) - RADIUS_MM - 1 - g.y(0)) / g.dyMm())),
            Math.min(g.ny() - 1, (int) Math.ceil((Math.max(pa.y(), pb.y()) + RADIUS_MM + 1 - g.y(0)) / g.dyMm())),
            Math.max(0, (int) Math.floor((Math.min(pa.z(), pb.z()) - zReachMm - g.z(0)) / g.dzMm())),
            Math.min(g.nz() - 1, (int) Math.ceil((Math.max(pa.z(), pb.z()) + zReachMm - g.z(0)) / g.dzMm())),
        };
    }
}
