package org.seedplan.dose.montecarlo;

import java.util.List;
import java.util.Locale;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;

/**
 * One seed of a model at the centre of a 30 cm water sphere (1 cm voxels of water inside 15 cm, vacuum outside), dose
 * scored on a 2 mm grid (or another) and compared with the model's TG-43 consensus data (reference/tg43, built into
 * SourceLibrary): MC/TG-43 averaged over the ring of voxels whose centres lie within half a voxel (r &lt; 3 cm) or a
 * voxel (r ≥ 3 cm) of (r, θ) or (r, 180° − θ) — 1 and 2 mm on the 2 mm grid — each voxel against TG-43 averaged over
 * the voxel.
 */
final class WaterSphereRun {

    private final SourceModel model;
    private final Tg43Kernel kernel;
    private final MonteCarloDose dose;

    WaterSphereRun(String modelKey, long photons, long rngSeed) {
        this(modelKey, photons, rngSeed, new Grid(new Vec3(-72, -72, -52), 2, 2, 2, 73, 73, 53));
    }

    /** The same on another scoring grid (cubic voxels); rings are then a voxel wide (r ≥ 3 cm: two voxels). */
    WaterSphereRun(String modelKey, long photons, long rngSeed, Grid scoring) {
        model = SourceLibrary.builtIn().model(modelKey);
        kernel = new Tg43Kernel(model, DoseModel.LINE_2D);
        Grid sphereGrid = new Grid(new Vec3(-150, -150, -150), 10, 10, 10, 31, 31, 31);
        float[] density = new float[sphereGrid.voxelCount()];
        for (int v = 0; v < density.length; v++) {
            density[v] = sphereGrid.centre(v).norm() <= 150 ? 1f : 0f;
        }
        VoxelPhantom sphere = new VoxelPhantom(sphereGrid, List.of("water"), new byte[density.length], density);
        MonteCarloSettings settings = new MonteCarloSettings(rngSeed, 2, 0, photons, 600);
        dose = new MonteCarloDoseEngine(model, sphere, settings).run(List.of(new Seed(Vec3.ZERO, Vec3.UNIT_Z, 1.0)), scoring,
                f -> { }, () -> false);
    }

    SourceModel model() {
        return model;
    }

    /** Mean MC/TG-43 near (r, θ) and its 1-σ statistical uncertainty (voxels combined as independent). */
    double[] ratio(double rCm, double thetaDeg) {
        Grid g = dose.grid();
        double halfMm = rCm >= 3 ? g.dxMm() : g.dxMm() / 2;
        double rho = rCm * 10 * Math.sin(Math.toRadians(thetaDeg));
        double zc = rCm * 10 * Math.cos(Math.toRadians(thetaDeg));
        double sum = 0;
        double var = 0;
        int n = 0;
        for (int v = 0; v < g.voxelCount(); v++) {
            Vec3 c = g.centre(v);
            double cr = Math.hypot(c.x(), c.y());
            if (Math.abs(cr - rho) <= halfMm + 1e-9 && Math.abs(Math.abs(c.z()) - zc) <= halfMm + 1e-9) {
                double q = dose.doseRateMediumInMediumCGyPerH()[v] / tg43VoxelMean(g, c);
                sum += q;
                double s = dose.relativeUncertainty()[v] * q;
                var += s * s;
                n++;
            }
        }
        return new double[] {sum / n, Math.sqrt(var) / n};
    }

    /** Λ_MC/Λ: the ratio at (1 cm, 90°). */
    double[] lambdaRatio() {
        return ratio(1, 90);
    }

    /** g_MC(r)/g(r) = ratio(r, 90°)/ratio(1 cm, 90°), with the σ of the ratio at r. */
    double[] radialRatio(double rCm) {
        double ref = ratio(1, 90)[0];
        double[] q = ratio(rCm, 90);
        return new double[] {q[0] / ref, q[1] / ref};
    }

    /** F_MC(r, θ)/F(r, θ) = ratio(r, θ)/ratio(r, 90°), with the σ of the ratio at θ. */
    double[] anisotropyRatio(double rCm, double thetaDeg) {
        double t = ratio(rCm, 90)[0];
        double[] q = ratio(rCm, thetaDeg);
        return new double[] {q[0] / t, q[1] / t};
    }

    /** The comparison table, printed by the tests so that a run shows every figure, met or not. */
    String table() {
        StringBuilder sb = new StringBuilder();
        double[] l = lambdaRatio();
        sb.append(String.format(Locale.ROOT, "%s in water: %d photons in %.1f s; Lambda_MC = %.4f = %.4f +- %.4f x consensus %.3f%n",
                model.key(), dose.photons(), dose.seconds(), l[0] * model.doseRateConstantCGyPerHPerU(), l[0], l[1],
                model.doseRateConstantCGyPerHPerU()));
        for (double r : new double[] {0.5, 1.5, 2, 3, 4, 5, 6, 7}) {
            double[] q = radialRatio(r);
            sb.append(String.format(Locale.ROOT, "  g_MC/g(%.1f cm) = %.4f +- %.4f%n", r, q[0], q[1]));
        }
        for (double r : new double[] {1, 2, 3, 4, 5}) {
            sb.append("  F_MC/F(").append(r).append(" cm)");
            for (double th : new double[] {0, 5, 10, 15, 20, 30, 40, 50, 60, 70, 80}) {
                double[] q = anisotropyRatio(r, th);
                sb.append(String.format(Locale.ROOT, " %2.0f°:%.3f±%.3f", th, q[0], q[1]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** TG-43 dose rate per U averaged over the voxel (4 × 4 × 4 points), so that the voxel's size cancels. */
    private double tg43VoxelMean(Grid g, Vec3 c) {
        double sum = 0;
        for (int s = 0; s < 64; s++) {
            double x = c.x() + ((s % 4 + 0.5) / 4 - 0.5) * g.dxMm();
            double y = c.y() + ((s / 4 % 4 + 0.5) / 4 - 0.5) * g.dyMm();
            double z = c.z() + ((s / 16 + 0.5) / 4 - 0.5) * g.dzMm();
            sum += kernel.doseRatePerU(Math.sqrt(x * x + y * y + z * z), z);
        }
        return sum / 64;
    }
}
