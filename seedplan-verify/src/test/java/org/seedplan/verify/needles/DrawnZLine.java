package org.seedplan.verify.needles;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A z fit's voxels drawn about a line of steel, for the z fit's tests: voxels every 0.75 mm along and across a line of steel
 * (6 000 HU mm² per mm, in-plane σ {@value #SXY} mm) whose z runs from {@code za} at t = {@value #A} mm to {@code zb} at
 * t = {@value #A} + {@value #SPAN} mm, in 5 mm box slices centred on z = 0, ±5, ±10 mm whose edge is the steel's own section
 * (the sharpest edge and so the narrowest minima the grid meets); tissue 40 HU, noise σ 15 HU, clip 3 071 HU.
 */
final class DrawnZLine {

    static final double SLICE_MM = 5;
    static final double A = 3;
    static final double SPAN = 90;
    private static final double SXY = 0.55;

    private DrawnZLine() {
    }

    /** The z fit's grid of end heights off the centroids' line on 5 mm slices: ±2.5 mm in steps of 0.25 mm. */
    static List<Double> gridSteps() {
        List<Double> steps = new ArrayList<>();
        for (double d = -2.5; d <= 2.5 + 1e-9; d += 0.25) {
            steps.add(d);
        }
        return steps;
    }

    /**
     * The misfit of the line's voxels drawn with random stream {@code seed}; with {@code seeds}, one voxel in 40 a seed's 900 HU
     * more (a reading the least-squares mass must not follow).
     */
    static NeedleZFit.Misfit drawn(double za, double zb, long seed, boolean seeds) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double sz = NeedleZFit.STEEL_SECTION_SIGMA_MM;
        double[] table = new double[(int) Math.ceil(12 / NeedleZFit.TABLE_STEP_MM) + 2];
        for (int q = 0; q < table.length; q++) {
            table[q] = NeedleEndFit.sliceProfile(q * NeedleZFit.TABLE_STEP_MM, SLICE_MM, sz);
        }
        List<double[]> voxels = new ArrayList<>();
        for (double t = A; t <= A + SPAN; t += 0.75) {
            double z = za + (zb - za) * (t - A) / SPAN;
            for (double d = -2.25; d <= 2.25 + 1e-9; d += 0.75) {
                for (int k = -2; k <= 2; k++) {
                    double zk = k * SLICE_MM;
                    if (Math.abs(zk - z) > 8) {
                        continue;
                    }
                    double inPlane = Math.exp(-d * d / (2 * SXY * SXY)) / (Math.sqrt(2 * Math.PI) * SXY);
                    double noise = 15 * rnd.nextGaussian();
                    double seedHu = seeds && rnd.nextInt(40) == 0 ? 900 : 0;
                    double hu = Math.min(3071, 40 + 6000 * inPlane * NeedleEndFit.sliceProfile(Math.abs(zk - z), SLICE_MM, sz)
                            + noise + seedHu);
                    voxels.add(new double[] {t, zk, inPlane, hu});
                }
            }
        }
        int n = voxels.size();
        double[] tv = new double[n];
        double[] zv = new double[n];
        double[] inPlane = new double[n];
        double[] value = new double[n];
        double[] tissue = new double[n];
        for (int q = 0; q < n; q++) {
            tv[q] = voxels.get(q)[0];
            zv[q] = voxels.get(q)[1];
            inPlane[q] = voxels.get(q)[2];
            value[q] = voxels.get(q)[3];
            tissue[q] = 40;
        }
        return new NeedleZFit.Misfit(tv, zv, inPlane, value, tissue, table, 3071, A, SPAN, 0, 0);
    }
}
