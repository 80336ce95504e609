package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * Energy balance of the transport in water: a bare I-125 emitter (a water "seed" of 0.1 µm, so nothing is absorbed
 * in it) at the centre of a water sphere of 40 cm radius, which no photon of 35.5 keV or less leaves (primary
 * transmission e^(−0.30·40) ≈ 6·10⁻⁶, scattered photons less). Every photon then ends by photoabsorption in the water,
 * so the energy the track-length estimator scores over the whole sphere, Σ (E·μen/ρ·ℓ)·ρ per photon, must equal the
 * mean emitted energy, Σ y·E / Σ y = 28.37 keV for the TG-43U1 lines. This holds only if the tables' μen/ρ agrees with
 * the interactions the transport samples (photoabsorption: all of E kept, water's K fluorescence is below the 1 keV
 * cut-off; incoherent: ⟨T⟩ of Klein–Nishina × S(x); coherent: nothing) and if the estimator scores every flight.
 * A μen/ρ a few percent low — one way to get Λ low and g falling too fast — would show here as a deficit of the same
 * size. Held to 0.5 %: μen/ρ's incoherent part comes from the script's Simpson integration, the transport's from
 * sampling; 4·10⁵ photons give about 0.05 % statistics (every history deposits all its energy).
 */
class TrackLengthEnergyBalanceTest {

    @Test
    void energyScoredInAnAbsorbingWaterSphereEqualsTheEnergyEmitted() {
        MaterialLibrary library = MaterialLibrary.standard();
        Grid grid = new Grid(new Vec3(-400, -400, -400), 20, 20, 20, 41, 41, 41);
        float[] density = new float[grid.voxelCount()];
        for (int v = 0; v < density.length; v++) {
            density[v] = grid.centre(v).norm() <= 400 ? 1f : 0f;
        }
        VoxelPhantom sphere = new VoxelPhantom(grid, List.of("water"), new byte[density.length], density);
        SeedGeometry point = new SeedGeometry("bare-point", List.of(new SeedRegion("water", 1.0, 1e-5, 1e-5, false)), 0);
        SeedTransport seed = new SeedTransport(point, library);
        VoxelScorer scorer = new VoxelScorer(grid, grid);
        PhotonTransport transport = new PhotonTransport(library, sphere, seed,
                new SeedPlacement(List.of(new Seed(Vec3.ZERO, Vec3.UNIT_Z, 1.0)), grid, seed.capsule()), scorer);
        SplittableRandom rng = new SplittableRandom(5);
        int photons = 400_000;
        for (int n = 0; n < photons; n++) {
            transport.history(rng);
        }
        scorer.endBatch();
        double keV = 0;
        for (int v = 0; v < density.length; v++) {
            keV += scorer.sumMedium[v] * density[v];
        }
        double emitted = 0;
        double lines = 0;
        for (int i = 0; i < I125Spectrum.ENERGY_KEV.length; i++) {
            emitted += I125Spectrum.YIELD_PER_DECAY[i] * I125Spectrum.ENERGY_KEV[i];
            lines += I125Spectrum.YIELD_PER_DECAY[i];
        }
        double meanEmittedKeV = emitted / lines;
        System.out.printf("energy scored %.4f keV per photon, emitted %.4f keV (ratio %.5f)%n", keV / photons, meanEmittedKeV,
                keV / photons / meanEmittedKeV);
        assertThat(keV / photons / meanEmittedKeV).isCloseTo(1.0, within(0.005));
    }
}
