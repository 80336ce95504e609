package org.seedplan.verify.phantom;

import java.util.List;
import java.util.SplittableRandom;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.SegmentDistance;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/**
 * Draws a synthetic post-operative CT: an anatomy (or a given pre-operative CT) with seeds imaged
 * through the {@link ImagingModel}: each seed cylinder is convolved with a Gaussian point-spread
 * function (in-plane FWHM as given, slice-sensitivity FWHM = slice thickness), which produces the
 * partial-volume effect on thick slices, then metal streaks, Gaussian noise and the scanner clip
 * [−1024, maxHu] are applied.
 */
public final class PostOpCtRenderer {

    private static final double FWHM_TO_SIGMA = 1 / (2 * Math.sqrt(2 * Math.log(2)));
    private static final double AIR_HU = -1000;
    private static final double SOFT_TISSUE_HU = 40;
    private static final double FAT_HU = -100;
    private static final double TRABECULAR_HU = 250;
    private static final double CORTICAL_HU = 1300;
    private static final double DENSE_CORTICAL_HU = 1700;
    private static final double CALCIFICATION_HU = 1800;

    private final ImagingModel model;

    public PostOpCtRenderer(ImagingModel model) {
        this.model = model;
    }

    /** A synthetic anatomy with the given seeds on {@code grid}; the same random seed gives the same image. */
    public Volume render(Grid grid, List<SeedPose> seeds, long randomSeed) {
        SplittableRandom rnd = new SplittableRandom(randomSeed);
        float[] hu = anatomy(grid, seeds, rnd);
        return finish(grid, hu, seeds, rnd);
    }

    /** The given pre-operative CT with the seeds (and their streaks and noise) added. */
    public Volume addImplant(Volume preOp, List<SeedPose> seeds, long randomSeed) {
        SplittableRandom rnd = new SplittableRandom(randomSeed);
        return finish(preOp.grid(), preOp.hu().clone(), seeds, rnd);
    }

    private Volume finish(Grid grid, float[] hu, List<SeedPose> seeds, SplittableRandom rnd) {
        float[] metal = new float[hu.length];
        for (SeedPose s : seeds) {
            drawSeed(grid, metal, s);
        }
        if (model.streakHu() > 0) {
            for (SeedPose s : seeds) {
                drawStreaks(grid, hu, s.centreMm(), Math.abs(s.axis().z()) * model.seedLengthMm() / 2, rnd);
            }
        }
        double noise = model.noiseSdHu(grid.dzMm());
        for (int n = 0; n < hu.length; n++) {
            double v = hu[n] + metal[n] + (noise > 0 ? noise * rnd.nextGaussian() : 0);
            hu[n] = (float) Math.max(-1024, Math.min(model.maxHu(), v));
        }
        return new Volume(grid, hu);
    }

    private float[] anatomy(Grid g, List<SeedPose> seeds, SplittableRandom rnd) {
        float[] hu = new float[g.voxelCount()];
        double cx = (g.x(0) + g.x(g.nx() - 1)) / 2;
        double cy = (g.y(0) + g.y(g.ny() - 1)) / 2;
        double fovX = g.nx() * g.dxMm();
        double fovY = g.ny() * g.dyMm();
        double ax = 0.46 * fovX;
        double ay = 0.40 * fovY;
        // Vertebra posterior (+y in LPS) of the implant.
        double vx = cx;
        double vy = cy + 0.30 * fovY;
        double vrx = 0.09 * fovX;
        double vry = 0.07 * fovY;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                double y = g.y(j);
                for (int i = 0; i < g.nx(); i++) {
                    double x = g.x(i);
                    double body = sq((x - cx) / ax) + sq((y - cy) / ay);
                    double v;
                    if (body > 1) {
                        v = AIR_HU;
                    } else if (body > sq(1 - 10 / Math.min(ax, ay))) {
                        v = FAT_HU;
                    } else {
                        v = SOFT_TISSUE_HU;
                    }
                    if (model.bone()) {
                        double r = Math.sqrt(sq((x - vx) / vrx) + sq((y - vy) / vry));
                        if (r <= 1) {
                            double shell = 2.5 / Math.min(vrx, vry);
                            if (r < 1 - shell) {
                                v = TRABECULAR_HU;
                            } else {
                                // The posterior half of the cortex is denser (reaches into the metal threshold range).
                                v = y > vy ? DENSE_CORTICAL_HU : CORTICAL_HU;
                            }
                        }
                    }
                    hu[g.index(i, j, k)] = (float) v;
                }
            }
        }
        if (model.otherMetal()) {
            Vec3 a = new Vec3(vx - 17, vy - 0.3 * vry, zMid(g) + 3);
            Vec3 b = new Vec3(vx + 12, vy + 0.2 * vry, zMid(g) - 4);
            paintRod(g, hu, a, b, 2.5, model.maxHu());
        }
        for (int c = 0; c < model.calcifications(); c++) {
            paintCalcification(g, hu, seeds, rnd);
        }
        return hu;
    }

    private static double zMid(Grid g) {
        return (g.z(0) + g.z(g.nz() - 1)) / 2;
    }

    private static void paintRod(Grid g, float[] hu, Vec3 a, Vec3 b, double radiusMm, double valueHu) {
        int[] box = box(g, new Vec3(Math.min(a.x(), b.x()), Math.min(a.y(), b.y()), Math.min(a.z(), b.z())),
                new Vec3(Math.max(a.x(), b.x()), Math.max(a.y(), b.y()), Math.max(a.z(), b.z())), radiusMm);
        for (int k = box[4]; k <= box[5]; k++) {
            for (int j = box[2]; j <= box[3]; j++) {
                for (int i = box[0]; i <= box[1]; i++) {
                    Vec3 p = g.centre(i, j, k);
                    if (SegmentDistance.between(p, p, a, b) <= radiusMm) {
                        hu[g.index(i, j, k)] = (float) valueHu;
                    }
                }
            }
        }
    }

    private void paintCalcification(Grid g, float[] hu, List<SeedPose> seeds, SplittableRandom rnd) {
        double len = model.seedLengthMm();
        for (int attempt = 0; attempt < 1000; attempt++) {
            Vec3 c = new Vec3(g.x(0) + rnd.nextDouble(0.3, 0.7) * (g.nx() - 1) * g.dxMm(),
                    g.y(0) + rnd.nextDouble(0.3, 0.6) * (g.ny() - 1) * g.dyMm(),
                    g.z(0) + rnd.nextDouble(0.3, 0.7) * (g.nz() - 1) * g.dzMm());
            boolean clear = seeds.stream().allMatch(s -> SegmentDistance.between(c, c, s.end(len, -1), s.end(len, 1)) > 8);
            if (clear) {
                double r = 1.5;
                int[] bx = box(g, c, c, r + g.dzMm());
                for (int k = bx[4]; k <= bx[5]; k++) {
                    for (int j = bx[2]; j <= bx[3]; j++) {
                        for (int i = bx[0]; i <= bx[1]; i++) {
                            Vec3 p = g.centre(i, j, k);
                            double d = p.distanceTo(c);
                            if (d <= r + 0.5 * g.dzMm()) {
                                double w = Math.max(0, Math.min(1, (r + 0.5 * g.dzMm() - d) / g.dzMm()));
                                int n = g.index(i, j, k);
                                hu[n] = (float) Math.max(hu[n], hu[n] + w * (CALCIFICATION_HU - hu[n]));
                            }
                        }
                    }
                }
                return;
            }
        }
    }

    /**
     * Adds one seed's blurred cylinder: the cylinder is sampled at points (along the axis every
     * 0.25 mm × 7 points across the section), each point spread by the separable Gaussian PSF.
     */
    private void drawSeed(Grid g, float[] metal, SeedPose s) {
        double sxy = model.inPlaneFwhmMm() * FWHM_TO_SIGMA;
        double sz = g.dzMm() * FWHM_TO_SIGMA;
        double len = model.seedLengthMm();
        double rad = model.seedDiameterMm() / 2;
        int nAlong = Math.max(3, (int) Math.ceil(len / 0.25) + 1);
        Vec3[] b = PhantomLayout.perpendicularBasis(s.axis());
        double ringR = rad * Math.sqrt(2.0 / 3.0);
        Vec3[] section = new Vec3[7];
        section[0] = Vec3.ZERO;
        for (int q = 0; q < 6; q++) {
            double a = Math.PI * q / 3;
            section[q + 1] = b[0].times(ringR * Math.cos(a)).plus(b[1].times(ringR * Math.sin(a)));
        }
        double volumeMm3 = Math.PI * rad * rad * len;
        double weight = model.metalContrastHu() * volumeMm3 / (nAlong * section.length)
                / (Math.pow(2 * Math.PI, 1.5) * sxy * sxy * sz);
        double reachXy = len / 2 + 4 * sxy + rad;
        double reachZ = Math.abs(s.axis().z()) * len / 2 + 4 * sz + rad;
        Vec3 c = s.centreMm();
        int i0 = clampIndex((c.x() - reachXy - g.x(0)) / g.dxMm(), g.nx());
        int i1 = clampIndex((c.x() + reachXy - g.x(0)) / g.dxMm() + 1, g.nx());
        int j0 = clampIndex((c.y() - reachXy - g.y(0)) / g.dyMm(), g.ny());
        int j1 = clampIndex((c.y() + reachXy - g.y(0)) / g.dyMm() + 1, g.ny());
        int k0 = clampIndex((c.z() - reachZ - g.z(0)) / g.dzMm(), g.nz());
        int k1 = clampIndex((c.z() + reachZ - g.z(0)) / g.dzMm() + 1, g.nz());
        double[] gx = new double[i1 - i0 + 1];
        double[] gy = new double[j1 - j0 + 1];
        double[] gz = new double[k1 - k0 + 1];
        for (int a = 0; a < nAlong; a++) {
            double t = nAlong == 1 ? 0 : -len / 2 + len * a / (nAlong - 1);
            for (Vec3 off : section) {
                Vec3 p = c.plus(s.axis().times(t)).plus(off);
                for (int i = i0; i <= i1; i++) {
                    gx[i - i0] = Math.exp(-sq(g.x(i) - p.x()) / (2 * sxy * sxy));
                }
                for (int j = j0; j <= j1; j++) {
                    gy[j - j0] = Math.exp(-sq(g.y(j) - p.y()) / (2 * sxy * sxy));
                }
                for (int k = k0; k <= k1; k++) {
                    gz[k - k0] = Math.exp(-sq(g.z(k) - p.z()) / (2 * sz * sz)) * weight;
                }
                for (int k = k0; k <= k1; k++) {
                    double wz = gz[k - k0];
                    if (wz < 1e-3) {
                        continue;
                    }
                    for (int j = j0; j <= j1; j++) {
                        double wyz = wz * gy[j - j0];
                        if (wyz < 1e-3) {
                            continue;
                        }
                        int row = g.index(0, j, k);
                        for (int i = i0; i <= i1; i++) {
                            metal[row + i] += (float) (wyz * gx[i - i0]);
                        }
                    }
                }
            }
        }
    }

    /**
     * Metal streaks in each slice the seed reaches: three lines through the seed at random angles,
     * bright or dark, 1.4 mm wide, starting 2.5 mm from the seed and fading as 15 / (15 + r).
     */
    private void drawStreaks(Grid g, float[] hu, Vec3 c, double halfExtentZMm, SplittableRandom rnd) {
        double sz = g.dzMm() * FWHM_TO_SIGMA;
        double[] angle = new double[3];
        double[] amp = new double[3];
        for (int q = 0; q < 3; q++) {
            angle[q] = rnd.nextDouble(0, Math.PI);
            amp[q] = (rnd.nextBoolean() ? 1 : -1) * model.streakHu() * rnd.nextDouble(0.4, 1.0);
        }
        double reach = 50;
        int i0 = clampIndex((c.x() - reach - g.x(0)) / g.dxMm(), g.nx());
        int i1 = clampIndex((c.x() + reach - g.x(0)) / g.dxMm() + 1, g.nx());
        int j0 = clampIndex((c.y() - reach - g.y(0)) / g.dyMm(), g.ny());
        int j1 = clampIndex((c.y() + reach - g.y(0)) / g.dyMm() + 1, g.ny());
        for (int k = 0; k < g.nz(); k++) {
            double dz = Math.max(0, Math.abs(g.z(k) - c.z()) - halfExtentZMm);
            double wz = Math.exp(-dz * dz / (2 * sz * sz));
            if (wz < 0.05) {
                continue;
            }
            for (int j = j0; j <= j1; j++) {
                double dy = g.y(j) - c.y();
                for (int i = i0; i <= i1; i++) {
                    double dx = g.x(i) - c.x();
                    double r = Math.sqrt(dx * dx + dy * dy);
                    if (r < 2.5 || r > reach) {
                        continue;
                    }
                    double ramp = Math.min(1, (r - 2.5) / 2.5) * 15 / (15 + r);
                    double v = 0;
                    for (int q = 0; q < 3; q++) {
                        double d = -Math.sin(angle[q]) * dx + Math.cos(angle[q]) * dy;
                        v += amp[q] * Math.exp(-d * d / (2 * 0.6 * 0.6));
                    }
                    hu[g.index(i, j, k)] += (float) (v * ramp * wz);
                }
            }
        }
    }

    /** Index ranges {i0, i1, j0, j1, k0, k1} of the voxels within {@code pad} of the box [lo, hi]. */
    private static int[] box(Grid g, Vec3 lo, Vec3 hi, double pad) {
        return new int[] {clampIndex((lo.x() - pad - g.x(0)) / g.dxMm(), g.nx()), clampIndex((hi.x() + pad - g.x(0)) / g.dxMm() + 1, g.nx()),
                clampIndex((lo.y() - pad - g.y(0)) / g.dyMm(), g.ny()), clampIndex((hi.y() + pad - g.y(0)) / g.dyMm() + 1, g.ny()),
                clampIndex((lo.z() - pad - g.z(0)) / g.dzMm(), g.nz()), clampIndex((hi.z() + pad - g.z(0)) / g.dzMm() + 1, g.nz())};
    }

    private static int clampIndex(double v, int n) {
        return (int) Math.max(0, Math.min(n - 1, Math.floor(v)));
    }

    private static double sq(double v) {
        return v * v;
    }
}
