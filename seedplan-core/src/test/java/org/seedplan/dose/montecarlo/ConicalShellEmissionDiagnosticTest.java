package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.seedplan.source.SourceLibrary;

/**
 * Diagnostic, run by hand ({@code -Dseedplan.mcDiagnostics=true}, about a minute): how the 6711's emission inside its
 * 1.75 µm coating changes S_K per photon and the in-vacuo anisotropy. Two emitters in the same transport:
 * <ul>
 *   <li>uniform in the coating's volume ({@link ActiveCoating}, the engine's);
 *   <li>the point distribution egs_brachy's {@code egs_conical_shell} shape actually draws for the CLRP model's
 *       {@code OncoSeed_6711.shape} (its five layers: end disc, bevel, side, bevel, end disc; layer chosen by volume).
 *       In a layer of constant radial width (side and bevels) it takes z uniform and r = r_in + (r_out − r_in)·√u,
 *       which is not uniform over the annulus (that needs r² uniform): the density rises linearly from 0 at the
 *       coating's inner face to its maximum at the outer face, so the mean depth below the surface is t/3, not t/2.
 *       In the end discs (outer radius 0.0175 → 0.017675 cm, not of constant width) it takes r uniform in
 *       [0, 0.017675] by rejection, a density per unit area ∝ 1/r, crowded towards the axis.
 * </ul>
 * Printed: K·d² per photon (against egs_brachy's 3.7666·10⁻¹⁴ Gy cm²) and the energy per steradian leaving the capsule
 * in polar-angle bands relative to 85–90°. Asserted only that the outward-weighted emitter loses less in the coating
 * (higher S_K per photon): the figures are the point.
 */
@EnabledIfSystemProperty(named = "seedplan.mcDiagnostics", matches = "true")
class ConicalShellEmissionDiagnosticTest {

    private static final double[] BAND_EDGES_DEG = {0, 5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 85, 90};
    private static final double GY_PER_KEV_PER_G = 1.602176634e-13;

    @Test
    void tabulatesSkPerPhotonAndAnisotropyForUniformAndEgsBrachyEmission() {
        SeedGeometry g = SeedGeometry.of(SourceLibrary.builtIn().model("amersham6711"));
        MaterialLibrary lib = MaterialLibrary.standard();
        SeedTransport t = new SeedTransport(g, lib);
        ActiveCoating uniform = new ActiveCoating(0.025, 0.140, 0.0075, 0.000175);
        int n = 4_000_000;
        double[] a = run(t, lib, n, (p, rng) -> uniform.placeUniformly(p, rng));
        double[] b = run(t, lib, n, ConicalShellEmissionDiagnosticTest::placeAsEgsConicalShell);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "6711 in vacuo, %d photons each%nK d2 per photon: uniform %.4e Gy cm2 (%.4f x egs_brachy), egs_conical_shell %.4e (%.4f x)%n",
                n, a[0] * GY_PER_KEV_PER_G, a[0] * GY_PER_KEV_PER_G / 3.7666e-14, b[0] * GY_PER_KEV_PER_G,
                b[0] * GY_PER_KEV_PER_G / 3.7666e-14));
        sb.append("theta band   uniform/90  egs_conical_shell/90  ratio\n");
        for (int k = 0; k < BAND_EDGES_DEG.length - 1; k++) {
            sb.append(String.format(Locale.ROOT, "%4.0f-%-4.0f   %.3f       %.3f                 %.3f%n", BAND_EDGES_DEG[k],
                    BAND_EDGES_DEG[k + 1], a[k + 1], b[k + 1], b[k + 1] / a[k + 1]));
        }
        System.out.print(sb);
        assertThat(b[0]).isGreaterThan(a[0]);
    }

    private interface Emitter {
        void place(Photon p, SplittableRandom rng);
    }

    /** {K·d² per photon in keV cm²/g, then energy per sr per band relative to the last band}. */
    private static double[] run(SeedTransport t, MaterialLibrary lib, int n, Emitter emitter) {
        int bands = BAND_EDGES_DEG.length - 1;
        double[] energy = new double[bands];
        double kerma = 0;
        MaterialData air = lib.data("air");
        SplittableRandom rng = new SplittableRandom(6711);
        Photon p = new Photon();
        for (int i = 0; i < n; i++) {
            emitter.place(p, rng);
            p.isotropic(rng.nextDouble(), rng.nextDouble());
            p.setEnergy(I125Spectrum.sample(rng.nextDouble()), lib.energyGrid());
            p.mfpLeft = -Math.log(1 - rng.nextDouble());
            if (t.follow(p, 1, rng) && p.energyKeV >= AirKermaStrengthPerPhoton.DELTA_KEV) {
                double theta = Math.toDegrees(Math.acos(Math.min(1, Math.abs(p.w))));
                int band = 0;
                while (band < bands - 1 && theta >= BAND_EDGES_DEG[band + 1]) {
                    band++;
                }
                energy[band] += p.energyKeV;
                if (Math.abs(p.w) <= AirKermaStrengthPerPhoton.BAND_COS) {
                    kerma += p.energyKeV * MaterialData.at(air.muEn, p.energyIndex, p.energyFraction);
                }
            }
        }
        double[] out = new double[bands + 1];
        out[0] = kerma / (n * 4 * Math.PI * AirKermaStrengthPerPhoton.BAND_COS);
        double ref = energy[bands - 1] / solidAngle(bands - 1);
        for (int k = 0; k < bands; k++) {
            out[k + 1] = energy[k] / solidAngle(k) / ref;
        }
        return out;
    }

    /** Solid angle of band k, both ends of the seed, sr. */
    private static double solidAngle(int k) {
        return 2 * 2 * Math.PI * (Math.cos(Math.toRadians(BAND_EDGES_DEG[k])) - Math.cos(Math.toRadians(BAND_EDGES_DEG[k + 1])));
    }

    /** The layers of OncoSeed_6711.shape, from z = −0.140 cm up: thickness, r_in top, r_out top, r_in bottom, r_out bottom. */
    private static final double[][] LAYERS = {
        {0.000175, 0, 0.0175, 0, 0.017675},
        {0.007325, 0.0175, 0.017675, 0.024825, 0.025},
        {0.265, 0.024825, 0.025, 0.024825, 0.025},
        {0.007325, 0.024825, 0.025, 0.0175, 0.017675},
        {0.000175, 0, 0.017675, 0, 0.0175}};
    private static final double[] CUMULATIVE_VOLUME = new double[LAYERS.length];

    static {
        double sum = 0;
        for (int i = 0; i < LAYERS.length; i++) {
            double[] l = LAYERS[i];
            sum += frustum(l[0], l[2], l[4]) - frustum(l[0], l[1], l[3]);
            CUMULATIVE_VOLUME[i] = sum;
        }
        for (int i = 0; i < LAYERS.length; i++) {
            CUMULATIVE_VOLUME[i] /= sum;
        }
    }

    private static double frustum(double h, double r1, double r2) {
        return Math.PI * h / 3 * (r1 * r1 + r1 * r2 + r2 * r2);
    }

    private static void placeAsEgsConicalShell(Photon p, SplittableRandom rng) {
        double u = rng.nextDouble();
        int i = 0;
        while (i < LAYERS.length - 1 && u >= CUMULATIVE_VOLUME[i]) {
            i++;
        }
        double[] l = LAYERS[i];
        double z0 = -0.140;
        for (int k = 0; k < i; k++) {
            z0 += LAYERS[k][0];
        }
        boolean constantWidth = (l[4] - l[3]) - (l[2] - l[1]) < 1e-5;
        double z;
        double r;
        while (true) {
            z = l[0] * rng.nextDouble();
            double ri = l[1] + (l[3] - l[1]) * z / l[0];
            double ro = l[2] + (l[4] - l[2]) * z / l[0];
            if (constantWidth) {
                r = ri + (ro - ri) * Math.sqrt(rng.nextDouble());
                break;
            }
            double riMin = Math.min(l[1], l[3]);
            double roMax = Math.max(l[2], l[4]);
            r = riMin + (roMax - riMin) * rng.nextDouble();
            if (r <= ro && r >= ri) {
                break;
            }
        }
        double phi = 2 * Math.PI * rng.nextDouble();
        p.x = r * Math.cos(phi);
        p.y = r * Math.sin(phi);
        p.z = z0 + z;
    }
}
