package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seedplan.source.SourceLibrary;

/**
 * The seed transport's optical depth along a ray — from a point inside the thin I-125 coating (6711, IAI-125A) or a
 * resin bead (6702), or from outside the capsule — against an independent ray march: the material at each point taken
 * from the CLRP models' own dimensions (egs_brachy OncoSeed_6711.geom, Advantage_IAI_125A.geom and OncoSeed_6702.geom,
 * typed here from those files, not from SeedGeometry) and
 * μ integrated in steps of 0.01 µm near the rod and 0.1 µm elsewhere. Grazing rays (1–20° from the axis) and rays
 * leaving the coating tangentially, where a 1.75 µm shell is crossed over up to ~30 µm, are the point of the test.
 *
 * <p>The transport's depth is found by bisecting the photon's mean free paths left: with fewer than the depth it must
 * interact, with more it must leave the capsule unchanged. Tolerance: 0.002 + 0.1 % of the depth — the march's step
 * error is at most μ·step/2 per boundary (μ ≤ 400 cm⁻¹ in silver at 27 keV: 2·10⁻⁴ per boundary, ≤ 8 boundaries).
 */
class SeedTransportOpticalDepthTest {

    private static final double ENERGY_KEV = 27.472;
    private static final MaterialLibrary LIB = MaterialLibrary.standard();

    /** The material's μ (cm⁻¹) at a point of the 6711 model: Ti capsule, air, AgBr/AgI coating, silver core; 0 outside. */
    private static double mu6711(double x, double y, double z) {
        double rho = Math.hypot(x, y);
        double az = Math.abs(z);
        if (rho <= 0.024825 && az <= 0.139825 && rho + az <= 0.139825 + 0.024825 - 0.007325) {
            return mu("silver", 10.5);
        }
        if (rho <= 0.025 && az <= 0.140 && rho + az <= 0.140 + 0.025 - 0.0075) {
            return mu("silver-halide", 6.2);
        }
        if (rho <= 0.033 && az <= 0.1875) {
            return mu("air", 0.001205);
        }
        double dz = az - 0.1875;
        if (rho <= 0.040 && az <= 0.1875 || rho * rho + dz * dz <= 0.040 * 0.040) {
            return mu("titanium", 4.54);
        }
        return 0;
    }

    /**
     * The IAI-125A model: silver rod 0.025 × 0.15 cm, AgI coating to 0.0251 × 0.1501 cm, air tube r 0.035 to ±0.165 cm
     * closed by air spheres r 0.035 at ±0.165 cm (SeedGeometry's documented simplification of egs_brachy's air, which
     * runs in the tube to ±0.17 cm), Ti tube r 0.04 to ±0.185 cm and Ti spheres r 0.04 at ±0.185 cm.
     */
    private static double muIai125a(double x, double y, double z) {
        double rho = Math.hypot(x, y);
        double az = Math.abs(z);
        if (rho <= 0.025 && az <= 0.150) {
            return mu("silver", 10.5);
        }
        if (rho <= 0.0251 && az <= 0.1501) {
            return mu("silver-iodide", 6.003);
        }
        double da = az - 0.165;
        if (rho <= 0.035 && az <= 0.165 || rho * rho + da * da <= 0.035 * 0.035) {
            return mu("air", 0.001205);
        }
        double dt = az - 0.185;
        if (rho <= 0.040 && az <= 0.185 || rho * rho + dt * dt <= 0.040 * 0.040) {
            return mu("titanium", 4.54);
        }
        return 0;
    }

    /**
     * The 6702 model: resin spheres r 0.03 cm at z = 0, ±0.11 cm; air tube r 0.035 cm to ±0.175 cm; solid Ti from 0.175
     * to 0.185 cm and Ti spheres r 0.04 cm at ±0.185 cm; Ti tube r 0.04 cm (egs_brachy OncoSeed_6702.geom).
     */
    private static double mu6702(double x, double y, double z) {
        double rho2 = x * x + y * y;
        for (double c : new double[] {-0.11, 0, 0.11}) {
            if (rho2 + (z - c) * (z - c) <= 0.03 * 0.03) {
                return mu("resin", 1.2);
            }
        }
        double az = Math.abs(z);
        if (rho2 <= 0.035 * 0.035 && az <= 0.175) {
            return mu("air", 0.001205);
        }
        double dt = az - 0.185;
        if (rho2 <= 0.04 * 0.04 && az <= 0.185 || rho2 + dt * dt <= 0.04 * 0.04) {
            return mu("titanium", 4.54);
        }
        return 0;
    }

    private static double mu(String material, double density) {
        return density * LIB.massAttenuationCm2PerG(material, ENERGY_KEV);
    }

    private interface Medium {
        double mu(double x, double y, double z);
    }

    /** ∫μ ds from the point along the direction until it leaves the (convex) capsule, by midpoint steps. */
    private static double march(Medium m, double x, double y, double z, double u, double v, double w, boolean fromOutside) {
        double tau = 0;
        double s = 0;
        boolean entered = !fromOutside;
        while (s < 2) {
            double px = x + u * s;
            double py = y + v * s;
            double pz = z + w * s;
            double rho = Math.hypot(px, py);
            double step = rho > 0.0235 && rho < 0.0265 || Math.abs(pz) > 0.13 && Math.abs(pz) < 0.16 && rho < 0.0265 ? 1e-6 : 1e-5;
            double mid = m.mu(px + u * step / 2, py + v * step / 2, pz + w * step / 2);
            if (mid > 0) {
                entered = true;
                tau += mid * step;
            } else if (entered) {
                return tau;
            }
            s += step;
        }
        return tau;
    }

    /** The transport's optical depth to leaving the capsule unscattered, by bisection on the mean free paths left. */
    private static double transportDepth(SeedTransport t, int region, double x, double y, double z, double u, double v, double w) {
        double lo = 0;
        double hi = 1;
        while (!leavesUnscattered(t, region, x, y, z, u, v, w, hi)) {
            hi *= 2;
        }
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (leavesUnscattered(t, region, x, y, z, u, v, w, mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static boolean leavesUnscattered(SeedTransport t, int region, double x, double y, double z, double u, double v, double w,
            double mfp) {
        Photon p = new Photon();
        p.x = x;
        p.y = y;
        p.z = z;
        p.u = u;
        p.v = v;
        p.w = w;
        p.setEnergy(ENERGY_KEV, LIB.energyGrid());
        p.mfpLeft = mfp;
        return t.follow(p, region, new SplittableRandom(1)) && p.u == u && p.v == v && p.w == w && p.energyKeV == ENERGY_KEV;
    }

    /**
     * Rays from points of the active material (μ = activeMu, transport region startRegion) within ρ ≤ activeR, |z| ≤
     * activeH, and rays from outside aimed at ρ = activeR ± 2·aimSpread.
     */
    private static void assertDepthsAgree(String modelKey, Medium m, int startRegion, double activeR, double activeH, double aimSpread,
            double activeMu) {
        SeedGeometry g = SeedGeometry.of(SourceLibrary.builtIn().model(modelKey));
        SeedTransport t = new SeedTransport(g, LIB);
        SplittableRandom rng = new SplittableRandom(17);
        double[] polarDeg = {1, 3, 5, 10, 20, 45, 80, 90};
        int checked = 0;
        double worst = 0;
        for (int i = 0; i < 240; i++) {
            // a point in the active material: anywhere, or near an end (rejection from its bounding cylinder)
            double x;
            double y;
            double z;
            do {
                double rho = activeR * Math.sqrt(rng.nextDouble());
                double phi = 2 * Math.PI * rng.nextDouble();
                x = rho * Math.cos(phi);
                y = rho * Math.sin(phi);
                z = i % 3 == 0 ? activeH * (2 * rng.nextDouble() - 1) : Math.copySign(activeH - 0.01 * rng.nextDouble(), rng.nextDouble() - 0.5);
            } while (m.mu(x, y, z) != activeMu);
            double theta = Math.toRadians(polarDeg[i % polarDeg.length]);
            double phi = i % 5 == 0 ? Math.atan2(y, x) + Math.PI / 2 : 2 * Math.PI * rng.nextDouble(); // tangential, or any
            double sign = rng.nextDouble() < 0.5 ? -1 : 1;
            double u = Math.sin(theta) * Math.cos(phi);
            double v = Math.sin(theta) * Math.sin(phi);
            double w = sign * Math.cos(theta);
            double want = march(m, x, y, z, u, v, w, false);
            double got = transportDepth(t, startRegion, x, y, z, u, v, w);
            worst = Math.max(worst, Math.abs(got - want) / (0.002 + 1e-3 * want));
            assertThat(got).as("%s: optical depth from (%.6f, %.6f, %.6f) along (%.4f, %.4f, %.4f)", modelKey, x, y, z, u, v, w)
                    .isCloseTo(want, within(0.002 + 1e-3 * want));
            checked++;
        }
        // rays from outside, aimed at points on or near the active surface, entering the capsule where the transport does
        SeedRegion capsule = g.capsule();
        for (int i = 0; i < 120; i++) {
            double theta = Math.toRadians(polarDeg[i % polarDeg.length]);
            double phi = 2 * Math.PI * rng.nextDouble();
            double u = Math.sin(theta) * Math.cos(phi);
            double v = Math.sin(theta) * Math.sin(phi);
            double w = Math.cos(theta);
            double aimRho = activeR + aimSpread * (4 * rng.nextDouble() - 2);
            double aimPhi = 2 * Math.PI * rng.nextDouble();
            double ax = aimRho * Math.cos(aimPhi);
            double ay = aimRho * Math.sin(aimPhi);
            double az = (activeH + 0.01) * (2 * rng.nextDouble() - 1);
            double x = ax - u;
            double y = ay - v;
            double z = az - w;
            double in = capsule.entryDistance(x, y, z, u, v, w);
            if (Double.isInfinite(in)) {
                continue;
            }
            double want = march(m, x + u * in, y + v * in, z + w * in, u, v, w, true);
            double got = transportDepth(t, g.regions().size() - 1, x + u * in, y + v * in, z + w * in, u, v, w);
            worst = Math.max(worst, Math.abs(got - want) / (0.002 + 1e-3 * want));
            assertThat(got).as("%s: optical depth of a ray entering at (%.6f, %.6f, %.6f) along (%.4f, %.4f, %.4f)", modelKey,
                    x + u * in, y + v * in, z + w * in, u, v, w).isCloseTo(want, within(0.002 + 1e-3 * want));
            checked++;
        }
        System.out.printf(Locale.ROOT, "%s: %d rays, worst |transport - march| = %.2f of the tolerance%n", modelKey, checked, worst);
    }

    @Test
    void model6711OpticalDepthsFromTheCoatingAndFromOutsideMatchARayMarch() {
        assertDepthsAgree("amersham6711", SeedTransportOpticalDepthTest::mu6711, 1, 0.025, 0.140, 0.000175, mu("silver-halide", 6.2));
    }

    @Test
    void model6702OpticalDepthsFromTheBeadsAndFromOutsideMatchARayMarch() {
        assertDepthsAgree("amersham6702", SeedTransportOpticalDepthTest::mu6702, 0, 0.03, 0.14, 0.005, mu("resin", 1.2));
    }

    @Test
    void iai125aOpticalDepthsFromTheCoatingAndFromOutsideMatchARayMarch() {
        assertDepthsAgree("isoaid_iai125a", SeedTransportOpticalDepthTest::muIai125a, 1, 0.0251, 0.1501, 0.0001,
                mu("silver-iodide", 6.003));
    }
}
