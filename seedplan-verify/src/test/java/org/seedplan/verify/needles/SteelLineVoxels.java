package org.seedplan.verify.needles;

import java.util.SplittableRandom;

/**
 * Voxels drawn about a line of steel for the z fit's misfit tests: {@code n} voxels at random along 80 mm of the line ({@code tv}
 * from {@link #A}, mm) and up to 2.2 mm across it, in 5 mm box slices centred at z −10, −5 and 0 mm, a tissue level of 40 ± 5 HU,
 * the steel's section profile, noise, one voxel in 40 a seed's or streak's 900 HU more, clipped at 3071 HU (12-bit). The line
 * runs from {@code za} to {@code zb} mm off the middle slice's centre, so the terms range from hundredths (tissue) to tens (a line
 * off the steel).
 */
record SteelLineVoxels(double[] tv, double[] zv, double[] inPlane, double[] value, double[] tissue, double[] table) {
    /** Where the line's voxels start along it, and how far they run, mm. */
    static final double A = 3;
    static final double SPAN = 80;
    private static final double SLICE_MM = 5;
    private static final double CLIP_HU = 3071;

    static SteelLineVoxels drawn(int n, double za, double zb, double steelHu, double noiseHu, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double sz = NeedleZFit.STEEL_SECTION_SIGMA_MM;
        double sxy = 0.55;
        double[] table = new double[1100];
        for (int q = 0; q < table.length; q++) {
            table[q] = NeedleEndFit.sliceProfile(q * NeedleZFit.TABLE_STEP_MM, SLICE_MM, sz);
        }
        double[] tv = new double[n];
        double[] zv = new double[n];
        double[] inPlane = new double[n];
        double[] value = new double[n];
        double[] tissue = new double[n];
        for (int q = 0; q < n; q++) {
            tv[q] = A + rnd.nextDouble() * SPAN;
            double d = rnd.nextDouble(-2.2, 2.2);
            zv[q] = -SLICE_MM + SLICE_MM * rnd.nextInt(-1, 2);
            inPlane[q] = Math.exp(-d * d / (2 * sxy * sxy)) / (Math.sqrt(2 * Math.PI) * sxy);
            tissue[q] = 40 + rnd.nextGaussian() * 5;
            double line = -SLICE_MM + za + (zb - za) * (tv[q] - A) / SPAN;
            double steel = inPlane[q] * NeedleEndFit.sliceProfile(Math.abs(zv[q] - line), SLICE_MM, sz) * steelHu;
            value[q] = Math.min(CLIP_HU, tissue[q] + steel + rnd.nextGaussian() * noiseHu + (rnd.nextInt(40) == 0 ? 900 : 0));
        }
        return new SteelLineVoxels(tv, zv, inPlane, value, tissue, table);
    }

    /** The z fit's misfit of these voxels (mass fitted), its prior about the middle slice's centre. */
    NeedleZFit.Misfit misfit() {
        return new NeedleZFit.Misfit(tv, zv, inPlane, value, tissue, table, CLIP_HU, A, SPAN, -SLICE_MM, -SLICE_MM);
    }
}
