package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.seedplan.source.SourceLibrary;

/**
 * Diagnostic, run by hand ({@code -Dseedplan.mcDiagnostics=true}, about a minute): the 6711 in vacuo, energy per
 * steradian of the photons leaving the capsule (E ≥ 5 keV) in bands of polar angle θ (from the seed axis, both ends
 * folded), split by where in the coating they were emitted — side, bevels, end faces — and relative to the band at
 * 85–90°. This is the in-air anisotropy the water F(r, θ) starts from; docs/monte-carlo.md quotes the table. The
 * assertion: the parts' emission shares are the coating's volume shares (side 91.4 %, bevels 4.4 %, faces 4.2 % for
 * t = 1.75 µm, r 0.25 mm, h 1.40 mm, b 0.075 mm), to 3σ. A last column repeats the whole for a coating of density 0,
 * which shows what the coating itself removes at each angle.
 */
@EnabledIfSystemProperty(named = "seedplan.mcDiagnostics", matches = "true")
class EmergentFluenceByPolarAngleDiagnosticTest {

    private static final double[] BAND_EDGES_DEG = {0, 5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 85, 90};

    @Test
    void tabulatesTheEmergentFluenceOfThe6711ByPolarAngleAndEmissionPart() {
        SeedGeometry g = SeedGeometry.of(SourceLibrary.builtIn().model("amersham6711"));
        MaterialLibrary lib = MaterialLibrary.standard();
        SeedTransport t = new SeedTransport(g, lib);
        // the same seed with a coating of density 0: what the coating itself takes out at each angle
        List<SeedRegion> clear = new ArrayList<>(g.regions());
        clear.set(1, new SeedRegion("silver-halide", 0, clear.get(1).radiusCm(), clear.get(1).halfLengthCm(), false));
        SeedTransport transparent = new SeedTransport(new SeedGeometry("6711-clear-coating", clear, g.rodBevelCm(), List.of(),
                g.coatingCm()), lib);
        double[] clearEnergy = new double[BAND_EDGES_DEG.length - 1];
        double r = 0.025;
        double h = 0.140;
        double b = 0.0075;
        double th = 0.000175;
        ActiveCoating coating = new ActiveCoating(r, h, b, th);
        int bands = BAND_EDGES_DEG.length - 1;
        double[][] energy = new double[3][bands];
        long[] emitted = new long[3];
        SplittableRandom rng = new SplittableRandom(6711);
        Photon p = new Photon();
        int n = 8_000_000;
        for (int i = 0; i < n; i++) {
            coating.placeUniformly(p, rng);
            double az = Math.abs(p.z);
            int part = az <= h - b ? 0 : az >= h - th && Math.hypot(p.x, p.y) <= r - b ? 2 : 1;
            emitted[part]++;
            p.isotropic(rng.nextDouble(), rng.nextDouble());
            p.setEnergy(I125Spectrum.sample(rng.nextDouble()), lib.energyGrid());
            p.mfpLeft = -Math.log(1 - rng.nextDouble());
            Photon q = copy(p);
            if (t.follow(p, 1, rng) && p.energyKeV >= AirKermaStrengthPerPhoton.DELTA_KEV) {
                energy[part][band(p)] += p.energyKeV;
            }
            if (transparent.follow(q, 1, rng) && q.energyKeV >= AirKermaStrengthPerPhoton.DELTA_KEV) {
                clearEnergy[band(q)] += q.energyKeV;
            }
        }
        double[] perSr = new double[bands];
        double[][] partPerSr = new double[3][bands];
        for (int k = 0; k < bands; k++) {
            for (int part = 0; part < 3; part++) {
                partPerSr[part][k] = energy[part][k] / solidAngle(k);
                perSr[k] += partPerSr[part][k];
            }
        }
        double ref = perSr[bands - 1];
        double clearRef = clearEnergy[bands - 1] / solidAngle(bands - 1);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "6711 in vacuo, %d photons; emitted: side %.4f, bevels %.4f, faces %.4f%n", n, emitted[0] / (double) n,
                emitted[1] / (double) n, emitted[2] / (double) n));
        sb.append("theta band   all/90   side/90  bevels/90  faces/90  all/90 with the coating transparent\n");
        for (int k = 0; k < bands; k++) {
            sb.append(String.format(Locale.ROOT, "%4.0f-%-4.0f   %.3f    %.3f    %.3f     %.3f     %.3f%n", BAND_EDGES_DEG[k],
                    BAND_EDGES_DEG[k + 1], perSr[k] / ref, partPerSr[0][k] / ref, partPerSr[1][k] / ref, partPerSr[2][k] / ref,
                    clearEnergy[k] / solidAngle(k) / clearRef));
        }
        System.out.print(sb);
        double side = Math.PI * (r * r - (r - th) * (r - th)) * 2 * (h - b);
        double bevels = 2 * Math.PI * (2 * r - b) * b * th;
        double faces = 2 * Math.PI * (r - b) * (r - b) * th;
        double total = side + bevels + faces;
        double sigma = Math.sqrt(0.25 / n);
        assertThat(emitted[0] / (double) n).isCloseTo(side / total, within(3 * sigma + 0.002));
        assertThat(emitted[2] / (double) n).isCloseTo(faces / total, within(3 * sigma + 0.001));
    }

    private static Photon copy(Photon p) {
        Photon q = new Photon();
        q.x = p.x;
        q.y = p.y;
        q.z = p.z;
        q.u = p.u;
        q.v = p.v;
        q.w = p.w;
        q.energyKeV = p.energyKeV;
        q.energyIndex = p.energyIndex;
        q.energyFraction = p.energyFraction;
        q.mfpLeft = p.mfpLeft;
        return q;
    }

    /** The polar-angle band of the photon's direction (θ from the axis, folded to 0–90°). */
    private static int band(Photon p) {
        double theta = Math.toDegrees(Math.acos(Math.min(1, Math.abs(p.w))));
        int band = 0;
        while (band < BAND_EDGES_DEG.length - 2 && theta >= BAND_EDGES_DEG[band + 1]) {
            band++;
        }
        return band;
    }

    /** Solid angle of band k, both ends of the seed, sr. */
    private static double solidAngle(int k) {
        return 2 * 2 * Math.PI * (Math.cos(Math.toRadians(BAND_EDGES_DEG[k])) - Math.cos(Math.toRadians(BAND_EDGES_DEG[k + 1])));
    }
}
