package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
     * {@code curve} (fitted between parameters {@code t0} and {@code t1}) with its z refitted as a line from the slice profile
     * {@code profile} (in-plane σ, box width, slice σ, mm); {@code clipHu} is the scanner's clip (NaN or infinite when none),
     * {@code others} the other needles' curves, whose voxels are not counted. Returns {@code curve} when the stretch is too short.
     */
    static SpaceCurve refit(Volume ct, SpaceCurve curve, double t0, double t1, double[] profile, double clipHu,
                            List<NeedleCentreline.Extent> others) {
        double a = t0 + END_MARGIN_MM;
        double b = t1 - END_MARGIN_MM;
        if (b - a < MIN_STRETCH_MM) {
            return curve;
        }
        Grid g = ct.grid();
        float[] hu = ct.hu();
        double sxy = profile[0];
        double box = profile[1];
        double sz = profile[2];
        double zReach = 1.5 * NeedleCentreline.zSpreadMm(ct) + 0.5;
        double gridMm = Math.max(GRID_MM, g.dzMm() / 2);
        List<double[]> kept = new ArrayList<>();
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
                        if (Math.abs(d) > RADIUS_MM || Math.abs(p.z() - on.z()) > zReach
                                || NeedleCentreline.nearerAnother(p, p.minus(on).norm(), others)) {
                            continue;
                        }
                        kept.add(new double[] {t, d, p.z(), hu[g.index(i, j, k)], c});
                    }
                }
            }
        }
        if (kept.size() < 50) {
            return curve;
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
            table[q] = NeedleEndFit.sliceProfile(q * TABLE_STEP_MM, box, sz);
        }
        double clip = Double.isNaN(clipHu) ? Double.POSITIVE_INFINITY : clipHu;
        double za0 = curve.at(a).z();
        double zb0 = curve.at(b).z();
        double voxelMm3 = g.dxMm() * g.dyMm() * g.dzMm();
        double massStart = Math.max(1000, 2 * above * voxelMm3 / (b - a));
        double c2 = NeedleEndFit.ROBUST_HU * NeedleEndFit.ROBUST_HU;
        double span = b - a;
        java.util.function.ToDoubleFunction<double[]> misfit = x -> {
            double mass = Math.exp(x[0]);
            double sum = PRIOR_PER_MM2 * ((x[1] - za0) * (x[1] - za0) + (x[2] - zb0) * (x[2] - zb0));
            for (int q = 0; q < n; q++) {
                double zn = x[1] + (x[2] - x[1]) * (tv[q] - a) / span;
                double f = Math.min(Math.abs(zv[q] - zn) / TABLE_STEP_MM, table.length - 1.001);
                int k = (int) f;
                double profileAt = table[k] + (f - k) * (table[k + 1] - table[k]);
                double predicted = Math.min(clip, tissue[q] + mass * inPlane[q] * profileAt);
                double r = predicted - value[q];
                sum += Math.log1p(r * r / c2);
            }
            return sum;
        };
        // The mass first on the centroids' line; then the end heights on a grid (inside a box slice the misfit is flat, with narrow
        // minima near a boundary that a simplex started in the flat part does not find); then all three by Nelder-Mead.
        double lnMass = NelderMead.minimise(m -> misfit.applyAsDouble(new double[] {m[0], za0, zb0}), new double[] {Math.log(massStart)},
                new double[] {0.4}, EVALUATIONS, 1e-3)[0];
        double[] x = {lnMass, za0, zb0};
        double least = misfit.applyAsDouble(x);
        for (double da = -gridMm; da <= gridMm + 1e-9; da += GRID_STEP_MM) {
            for (double db = -gridMm; db <= gridMm + 1e-9; db += GRID_STEP_MM) {
                double[] y = {lnMass, za0 + da, zb0 + db};
                double m = misfit.applyAsDouble(y);
                if (m < least) {
                    least = m;
                    x = y;
                }
            }
        }
        x = NelderMead.minimise(misfit, x, new double[] {0.1, 0.1, 0.1}, EVALUATIONS, 1e-3);
        double slope = (x[2] - x[1]) / span;
        double z0 = x[1] - slope * a;
        return new SpaceCurve(curve.centre(), curve.axis(), curve.scaleMm(), curve.cx(), curve.cy(),
                new double[] {z0, slope * curve.scaleMm()});
    }

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
