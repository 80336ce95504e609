package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * How well each of several readings of one stretch of metal as needles explains the CT around it, by the image model of
 * {@link NeedleZFit}: every voxel near any of the readings' needles is predicted as the local tissue level plus, for each
 * needle of the reading, a line source along its curve (over its extent) spread by an in-plane Gaussian and the slice
 * profile, clipped at the scanner's clip; the steel's mass per mm (one for all the needles of a reading: the needles of an
 * implant are of one type) is fitted together with each of the reading's needles' two end heights (as in
 * {@link NeedleZFit}, a line in z along the needle, within half a slice of the line between its curve's end heights); the slice
 * profile's shape, among a box, a triangle and a Gaussian of the scan's slice thickness, is the one that explains the
 * first reading best; the misfit is robust (Cauchy, {@value NeedleEndFit#ROBUST_HU} HU). On thick slices the voxels'
 * centres cannot tell how the metal of two needles lying one above the other in a column is shared between them (either
 * pairing of the halves fits a line); the partial volume each reading predicts in every slice can. Each reading's heights
 * are fitted before the readings are compared: a single shallow needle crossing from one slice to the next is a staircase
 * of voxel centres, and the line fitted to them is biased towards the slice holding more of them, so at the centres' heights
 * an upper and a lower needle mimicked the staircase better than the one needle (3024 needle 8 alone: a 57 mm false needle
 * beside it; 3242 needle 2: a 119 mm one).
 */
final class NeedleZPairing {

    /** Voxels within this distance of a needle's curve in the axial plane are compared, mm. */
    private static final double RADIUS_MM = NeedleZFit.RADIUS_MM;
    /** Voxels at least this far from every curve in the axial plane give the local tissue level, mm. */
    private static final double TISSUE_FROM_MM = NeedleZFit.TISSUE_FROM_MM;
    /** Length of the pieces of the stretch that share a tissue level, mm. */
    private static final double CHUNK_MM = NeedleZFit.CHUNK_MM;
    private static final double TABLE_STEP_MM = NeedleZFit.TABLE_STEP_MM;
    /**
     * In-plane spread of an 18 G needle's line source, σ mm: the steel's radius (0.635 mm, σ of its disc 0.32 mm) with an
     * in-plane blur of 0.6–1.2 mm FWHM. The readings compared share their in-plane paths, so this enters them alike.
     */
    private static final double IN_PLANE_SIGMA_MM = 0.55;
    /** Steel of an 18 G needle: about 20 000 HU over 1.27 mm², the start of the mass fit, HU mm². */
    private static final double MASS_START = 25000;
    private static final int EVALUATIONS = 40;
    /** First step of each end height in the joint fit, mm. */
    private static final double Z_STEP_MM = 0.5;
    /** Evaluations of the joint fit of the mass and the end heights, per needle of the reading. */
    private static final int Z_EVALUATIONS_PER_NEEDLE = 60;
    /** Penalty on an end height shifted beyond half a slice, misfit per mm (a reading's misfit is 10³–10⁴). */
    private static final double BEYOND_PER_MM = 1000;
    /** The coarse grid of each needle's end heights: this many steps either side, over half a slice. */
    private static final int Z_GRID_HALF_STEPS = 2;
    /** Farthest a needle's line source is counted from it in the axial plane, mm (4.5 mm: 8 σ, weight below 10⁻¹² of its peak). */
    private static final double REACH_MM = 4.5;

    private NeedleZPairing() {
    }

    /**
     * The least misfit of each reading (a list of needles, each a curve over its extent) over the same voxels: those within
     * {@value #RADIUS_MM} mm in the axial plane and 1.5 slice widths + 0.5 mm along z of any reading's needle, each reading's
     * needles' end heights and the mass fitted. The needles of {@code context} (the other runs around, where the voxel centres
     * put them) are part of every reading.
     */
    static double[] misfits(Volume ct, List<List<NeedleCentreline.Extent>> readings, List<NeedleCentreline.Extent> context, double clipHu) {
        Grid g = ct.grid();
        float[] hu = ct.hu();
        double zReach = 1.5 * NeedleCentreline.zSpreadMm(ct) + 0.5;
        List<NeedleCentreline.Extent> all = new ArrayList<>();
        readings.forEach(all::addAll);
        BitSet seen = new BitSet(g.voxelCount());
        List<Integer> voxels = new ArrayList<>();
        for (NeedleCentreline.Extent e : all) {
            for (double from = e.t0(); from < e.t1(); from += CHUNK_MM) {
                double to = Math.min(e.t1(), from + CHUNK_MM);
                Vec3 pa = e.curve().at(from);
                Vec3 pb = e.curve().at(to);
                int[] box = NeedleZFit.chunkBox(g, pa, pb, zReach);
                for (int k = box[4]; k <= box[5]; k++) {
                    for (int j = box[2]; j <= box[3]; j++) {
                        for (int i = box[0]; i <= box[1]; i++) {
                            int v = g.index(i, j, k);
                            if (seen.get(v)) {
                                continue;
                            }
                            Vec3 p = new Vec3(g.x(i), g.y(j), g.z(k));
                            double t = e.curve().parameterOf(p);
                            if (t < from || t > to) {
                                continue;
                            }
                            Vec3 on = e.curve().at(t);
                            if (acrossMm(e.curve(), t, p) <= RADIUS_MM && Math.abs(p.z() - on.z()) <= zReach) {
                                seen.set(v);
                                voxels.add(v);
                            }
                        }
                    }
                }
            }
        }
        int n = voxels.size();
        double[] value = new double[n];
        double[] tissue = new double[n];
        // Each reading's needles at every voxel they reach (within their extent and {@value #REACH_MM} mm across): which needle,
        // its in-plane weight, the voxel's signed height above the needle's curve and its place along the needle's extent (0 at
        // t0, 1 at t1), for the needle's end heights to be fitted; the context's needles (fixed) as in-plane weight and |Δz|.
        List<List<double[]>> own = new ArrayList<>();
        for (int r = 0; r < readings.size(); r++) {
            own.add(new ArrayList<>());
        }
        List<double[]> around = new ArrayList<>();
        NeedleCentreline.Extent reference = all.get(0);
        double tMin = Double.MAX_VALUE;
        double[] tRef = new double[n];
        boolean[] outer = new boolean[n];
        for (int q = 0; q < n; q++) {
            Vec3 p = g.centre(voxels.get(q));
            value[q] = hu[voxels.get(q)];
            tRef[q] = reference.curve().parameterOf(p);
            tMin = Math.min(tMin, tRef[q]);
            double nearest = Double.MAX_VALUE;
            for (NeedleCentreline.Extent e : all) {
                nearest = Math.min(nearest, acrossMm(e.curve(), e.curve().parameterOf(p), p));
            }
            outer[q] = nearest >= TISSUE_FROM_MM;
            for (int r = 0; r < readings.size(); r++) {
                own.get(r).add(reach(readings.get(r), p, true));
            }
            around.add(reach(context, p, false));
        }
        // The tissue level of each piece: the median of its voxels away from every needle.
        int chunks = 1;
        for (int q = 0; q < n; q++) {
            chunks = Math.max(chunks, (int) ((tRef[q] - tMin) / CHUNK_MM) + 1);
        }
        List<List<Double>> levels = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            levels.add(new ArrayList<>());
        }
        List<Double> everywhere = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            if (outer[q]) {
                levels.get((int) ((tRef[q] - tMin) / CHUNK_MM)).add(value[q]);
                everywhere.add(value[q]);
            }
        }
        double overall = NeedleZFit.median(everywhere);
        for (int q = 0; q < n; q++) {
            double level = NeedleZFit.median(levels.get((int) ((tRef[q] - tMin) / CHUNK_MM)));
            tissue[q] = Double.isNaN(level) ? overall : level;
        }
        double thickness = ct.sliceProfileFwhmMm();
        // A box, a triangle and a Gaussian of FWHM the slice thickness (NeedleZFit.standardProfiles): a box ⊗ Gaussian
        // of the same FWHM does not stand in for the triangle, and with it a single needle crossing from one slice to the next
        // read worse than two needles each lighting its own slice (3242 needle 2).
        java.util.function.DoubleUnaryOperator[] shapes = NeedleZFit.standardProfiles(thickness);
        double tableReach = zReach + thickness / 2 + 1;
        double[][] tables = new double[shapes.length][(int) Math.ceil(tableReach / TABLE_STEP_MM) + 2];
        for (int s = 0; s < shapes.length; s++) {
            for (int q = 0; q < tables[s].length; q++) {
                tables[s][q] = shapes[s].applyAsDouble(q * TABLE_STEP_MM);
            }
        }
        double clip = Double.isNaN(clipHu) ? Double.POSITIVE_INFINITY : clipHu;
        double c2 = NeedleEndFit.ROBUST_HU * NeedleEndFit.ROBUST_HU;
        // The slice profile's shape: the one that explains the first reading best with its needles where the voxels put them
        // (the scan has one profile, so every reading is then fitted with it). Each shape's fit and each reading's read only
        // the voxels' arrays and write their own, so they run side by side and are compared in their order: the same numbers
        // as one after another (docs/needles.md, twenty-eighth round, branch needlespeed7). The first reading's mass fitted
        // with the chosen shape is the very fit that reading's own fit starts with (the same misfit from the same start), so
        // it is taken from here, not made again (docs/needles.md, twenty-ninth round, branch needlespeed11). A shape's misfit
        // is the value its mass's simplex gave at the mass it returns (NelderMead.least), not summed once more (thirty-fourth
        // round, branch needlespeed17).
        // The first reading's places are flattened once for its three shapes' fits and its own (docs/needles.md, thirty-eighth
        // round, branch needlespeed20).
        double[][] contextSteel = new double[shapes.length][n];
        double[] shapeMisfits = new double[shapes.length];
        double[] shapeLnMasses = new double[shapes.length];
        Places firstPlaces = Places.of(own.get(0));
        IntStream.range(0, shapes.length).parallel().forEach(s -> {
            for (int q = 0; q < n; q++) {
                contextSteel[s][q] = steel(around.get(q), tables[s]);
            }
            Reading first = new Reading(firstPlaces, contextSteel[s], tables[s], readings.get(0).size());
            NelderMead.Least mass = first.massFitted(tissue, value, clip, c2);
            shapeLnMasses[s] = mass.x()[0];
            shapeMisfits[s] = mass.value();
        });
        int shape = 0;
        double shapeMisfit = Double.MAX_VALUE;
        for (int s = 0; s < shapes.length; s++) {
            if (shapeMisfits[s] < shapeMisfit) {
                shapeMisfit = shapeMisfits[s];
                shape = s;
            }
        }
        int chosen = shape;
        double[] out = new double[readings.size()];
        IntStream.range(0, readings.size()).parallel().forEach(r -> {
            Reading reading = new Reading(r == 0 ? firstPlaces : Places.of(own.get(r)), contextSteel[chosen], tables[chosen],
                    readings.get(r).size());
            NelderMead.Least mass = r == 0 ? new NelderMead.Least(new double[] {shapeLnMasses[chosen]}, shapeMisfits[chosen])
                    : reading.massFitted(tissue, value, clip, c2);
            out[r] = reading.fitted(mass.x()[0], mass.value(), tissue, value, clip, c2, thickness);
        });
        return out;
    }

    /** The steel the needles listed (in-plane weight and |Δz| in turn) put at one voxel per unit mass, on a tabulated profile. */
    private static double steel(double[] needles, double[] table) {
        double sum = 0;
        for (int k = 0; k < needles.length; k += 2) {
            sum += needles[k] * profileAt(table, needles[k + 1]);
        }
        return sum;
    }

    private static double profileAt(double[] table, double dz) {
        double f = Math.min(Math.abs(dz) / TABLE_STEP_MM, table.length - 1.001);
        int i = (int) f;
        return table[i] + (f - i) * (table[i + 1] - table[i]);
    }

    /**
     * One reading's needles at the voxels ({@link #reach} with places) flattened: voxel q's entries at {@code start[q]} …
     * {@code start[q + 1]} − 1, each a needle's index, in-plane weight, signed height above its curve and place along its extent.
     * Made once per reading and shared, unchanged, by every {@link Reading} of it (the three shapes' fits of the first reading
     * and its own fit flattened the same lists four times: docs/needles.md, thirty-eighth round, branch needlespeed20).
     */
    record Places(int[] start, int[] needle, double[] weight, double[] dz, double[] along) {

        /**
         * The places of {@code own}, one list per voxel: the arrays' length is the last start offset, the number of entries
         * {@code own} lists, read once for all four arrays (each voxel's list is an array of its own on the heap; the lists were
         * read once more for each array's length before: docs/needles.md, thirty-sixth round, needlespeed18).
         */
        static Places of(List<double[]> own) {
            int[] start = new int[own.size() + 1];
            for (int q = 0; q < own.size(); q++) {
                start[q + 1] = start[q] + own.get(q).length / 4;
            }
            int total = start[own.size()];
            Places p = new Places(start, new int[total], new double[total], new double[total], new double[total]);
            int j = 0;
            for (double[] c : own) {
                for (int k = 0; k < c.length; k += 4, j++) {
                    p.needle[j] = (int) c[k];
                    p.weight[j] = c[k + 1];
                    p.dz[j] = c[k + 2];
                    p.along[j] = c[k + 3];
                }
            }
            return p;
        }
    }

    /**
     * One reading's needles at the voxels ({@link Places}), the context's steel per voxel and the profile: the misfit of a steel
     * mass per mm (ln, x[0]) and, when given, each needle's two end heights as shifts from its curve (x[1 + 2j] at t0,
     * x[2 + 2j] at t1, mm); {@code unshifted}, the steel per unit mass at each voxel with no needle shifted, summed once for the
     * fits of the mass alone (the same sums in the same order as {@link #misfit} makes).
     */
    record Reading(int[] start, int[] needle, double[] weight, double[] dz, double[] along, double[] context,
                   double[] table, int needles, double[] unshifted) {

        Reading(List<double[]> own, double[] context, double[] table, int needles) {
            this(Places.of(own), context, table, needles);
        }

        /** The reading of {@code places} (shared, not copied: no reading writes them) with this context's steel and profile. */
        Reading(Places places, double[] context, double[] table, int needles) {
            this(places.start(), places.needle(), places.weight(), places.dz(), places.along(), context, table, needles,
                    new double[context.length]);
            for (int q = 0; q < context.length; q++) {
                double s = context[q];
                for (int i = start[q]; i < start[q + 1]; i++) {
                    s += weight[i] * profileAt(table, dz[i]);
                }
                unshifted[q] = s;
            }
        }

        /**
         * The misfit of the mass e^{@code x[0]} and the end heights' shifts {@code x[1..]} plus {@code penalty}, or a number
         * above {@code bound} once it is sure to pass it: summed voxel by voxel in their order, every term ≥ 0, so once the
         * running sum with the penalty passes the bound the whole does too; below it, the very number one whole pass gives.
         */
        double misfit(double[] x, double penalty, double[] tissue, double[] value, double clip, double c2, double bound) {
            double mass = Math.exp(x[0]);
            double sum = 0;
            for (int q = 0; q < context.length; q++) {
                double s = context[q];
                for (int j = start[q]; j < start[q + 1]; j++) {
                    double shift = x[1 + 2 * needle[j]] + (x[2 + 2 * needle[j]] - x[1 + 2 * needle[j]]) * along[j];
                    s += weight[j] * profileAt(table, dz[j] - shift);
                }
                double residual = Math.min(clip, tissue[q] + mass * s) - value[q];
                sum += StrictLog1p.of(residual * residual / c2);
                if (sum + penalty > bound) {
                    return sum + penalty;
                }
            }
            return sum + penalty;
        }

        /**
         * The misfit of the mass e^{@code lnMass} with every needle where the voxel centres put it, or a number above
         * {@code bound} once it is sure to pass it ({@link #unshifted}: the steel per unit mass at each voxel summed once).
         */
        double massMisfit(double lnMass, double[] tissue, double[] value, double clip, double c2, double bound) {
            double mass = Math.exp(lnMass);
            double sum = 0;
            for (int q = 0; q < context.length; q++) {
                double residual = Math.min(clip, tissue[q] + mass * unshifted[q]) - value[q];
                sum += StrictLog1p.of(residual * residual / c2);
                if (sum > bound) {
                    return sum;
                }
            }
            return sum;
        }

        /**
         * ln of the steel's mass per mm that fits best with every needle where the voxel centres put it (Nelder–Mead), with its
         * {@link #massMisfit} (the simplex's value there, {@link NelderMead#least}: the whole sum, not cut short at a bound).
         */
        NelderMead.Least massFitted(double[] tissue, double[] value, double clip, double c2) {
            return NelderMead.least((m, bound) -> massMisfit(m[0], tissue, value, clip, c2, bound),
                    new double[] {Math.log(MASS_START)}, new double[] {0.5}, EVALUATIONS, 1e-3);
        }

        /**
         * The least misfit with the mass fitted first ({@code lnMass}, {@link #massFitted}), then each needle's end heights on
         * a coarse grid, then the mass and every needle's end heights together (Nelder–Mead, steps {@value #Z_STEP_MM} mm);
         * the heights are shifts from the line between the curve's end heights as the voxel centres give them, held within half
         * a slice (beyond, a steep penalty). A grid point's misfit and a simplex's trial point's are summed only while they can
         * still beat the value they are compared with ({@link #misfit}'s bound; {@link NelderMead.Bounded}); the grid's point
         * that leaves a needle's heights unshifted is the point it starts from, whose misfit is the least so far, and is not
         * summed again: the same steps and the same answer (docs/needles.md, twenty-ninth round, branch needlespeed11). Nor is
         * the start, every needle unshifted: its misfit is {@code atMass}, {@link #massMisfit} at {@code lnMass} ({@link
         * #massFitted}'s value; the same sums in the same order, the penalty 0); nor the simplex's start, the grid's best point,
         * whose misfit the grid has (a point it took beat its bound, so its sum is whole); and the least misfit is the value the
         * simplex gave at the point it returns ({@link NelderMead#least}), not summed once more (thirty-fourth round, branch
         * needlespeed17).
         */
        double fitted(double lnMass, double atMass, double[] tissue, double[] value, double clip, double c2, double thickness) {
            double[] x = new double[1 + 2 * needles];
            double[] steps = new double[x.length];
            x[0] = lnMass;
            steps[0] = 0.2;
            Arrays.fill(steps, 1, steps.length, Z_STEP_MM);
            double bound = thickness / 2;
            NelderMead.Bounded f = (y, most) -> {
                double beyond = 0;
                for (int k = 1; k < y.length; k++) {
                    beyond += Math.max(0, Math.abs(y[k]) - bound);
                }
                return misfit(y, BEYOND_PER_MM * beyond, tissue, value, clip, c2, most);
            };
            // Each needle's end heights first on a coarse grid (the others held), then all together.
            double least = atMass;
            double step = bound / Z_GRID_HALF_STEPS;
            for (int k = 0; k < needles; k++) {
                double[] best = x.clone();
                for (int ia = -Z_GRID_HALF_STEPS; ia <= Z_GRID_HALF_STEPS; ia++) {
                    for (int ib = -Z_GRID_HALF_STEPS; ib <= Z_GRID_HALF_STEPS; ib++) {
                        if (ia == 0 && ib == 0) {
                            // x itself (this needle's heights are still unshifted): its misfit is the least so far.
                            continue;
                        }
                        double[] y = x.clone();
                        y[1 + 2 * k] = ia * step;
                        y[2 + 2 * k] = ib * step;
                        double m = f.at(y, least);
                        if (m < least) {
                            least = m;
                            best = y;
                        }
                    }
                }
                x = best;
            }
            return NelderMead.least(f, x, least, steps, Z_EVALUATIONS_PER_NEEDLE * needles, 1e-3).value();
        }
    }

    /**
     * The needles that reach {@code p} (within their extent and {@value #REACH_MM} mm across in the axial plane, beyond which
     * a line source's in-plane weight is below 10⁻¹² of its peak): with {@code places}, each one's index, in-plane weight, the
     * signed height of {@code p} above its curve and the place along its extent (0 to 1); without, in-plane weight and |Δz|.
     */
    private static double[] reach(List<NeedleCentreline.Extent> needles, Vec3 p, boolean places) {
        int per = places ? 4 : 2;
        double[] out = new double[per * needles.size()];
        int j = 0;
        for (int k = 0; k < needles.size(); k++) {
            NeedleCentreline.Extent e = needles.get(k);
            double t = e.curve().parameterOf(p);
            if (t < e.t0() || t > e.t1()) {
                continue;
            }
            double d = acrossMm(e.curve(), t, p);
            if (d > REACH_MM) {
                continue;
            }
            double w = Math.exp(-d * d / (2 * IN_PLANE_SIGMA_MM * IN_PLANE_SIGMA_MM)) / (Math.sqrt(2 * Math.PI) * IN_PLANE_SIGMA_MM);
            if (places) {
                // Along z the needle is a line between its curve's end heights (the curve's own z may bend, the fitted line does not).
                double along = e.t1() > e.t0() ? (t - e.t0()) / (e.t1() - e.t0()) : 0.5;
                double za = e.curve().at(e.t0()).z();
                out[j++] = k;
                out[j++] = w;
                out[j++] = p.z() - (za + (e.curve().at(e.t1()).z() - za) * along);
                out[j++] = along;
            } else {
                double dz = p.z() - e.curve().at(t).z();
                out[j++] = w;
                out[j++] = Math.abs(dz);
            }
        }
        return Arrays.copyOf(out, j);
    }

    /** The distance of {@code p} from the curve's point at {@code t} across the curve in the axial plane, mm. */
    static double acrossMm(SpaceCurve curve, double t, Vec3 p) {
        Vec3 on = curve.at(t);
        Vec3 tangent = curve.tangent(t);
        double norm = Math.hypot(tangent.x(), tangent.y());
        if (norm < 1e-6) {
            return Math.hypot(p.x() - on.x(), p.y() - on.y());
        }
        return Math.abs((p.x() - on.x()) * tangent.y() - (p.y() - on.y()) * tangent.x()) / norm;
    }
}
