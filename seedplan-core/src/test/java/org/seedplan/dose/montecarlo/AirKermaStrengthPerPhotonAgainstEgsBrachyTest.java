package org.seedplan.dose.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seedplan.source.SourceLibrary;

/**
 * Air-kerma strength per emitted photon (K·d² in vacuo, TG-43U1's 5 keV cut) of each modelled seed against egs_brachy's
 * normalisation for the same CLRP source model: the "air kerma" factor at the top of its .geom files (egs_brachy
 * lib/geometry/sources/I125_LDR, CLRP database v2, Safigholi et al., Med Phys 47:4656, 2020), read as Gy·cm² per
 * history with one I-125 photon per history. Our statistical 1σ is about 0.3 % (2.56·10⁶ photons).
 *
 * <p>The 6702 (no silver, no coating) agrees to 0.3 %: held to 1 %. The 6711 and the IAI-125A, whose I-125 carrying
 * coatings (1.75 µm AgBr/AgI; 1 µm AgI) are modelled as layers as egs_brachy does (SeedGeometry#coatingCm), agree to
 * 0.7 % and 0.6 %: held to 1 % (without the layers they were 3.0 % and 1.8 % higher).
 */
class AirKermaStrengthPerPhotonAgainstEgsBrachyTest {

    /** 1 keV/g in Gy. */
    private static final double GY_PER_KEV_PER_G = 1.602176634e-13;

    @ParameterizedTest(name = "{0}: egs_brachy {1} Gy cm2 per history, within {2}")
    @CsvSource({"amersham6702, 5.706E-14, 0.01", "isoaid_iai125a, 4.08677E-14, 0.01", "amersham6711, 3.7666E-14, 0.01"})
    void airKermaStrengthPerPhotonAgreesWithEgsBrachysNormalisation(String model, double egsBrachyGyCm2, double tolerance) {
        SeedGeometry g = SeedGeometry.of(SourceLibrary.builtIn().model(model));
        double oursGyCm2 = AirKermaStrengthPerPhoton.keVCm2PerGram(g, MaterialLibrary.standard()) * GY_PER_KEV_PER_G;
        System.out.printf("%s: K d2 per photon %.4e Gy cm2 = %.4f x egs_brachy%n", model, oursGyCm2, oursGyCm2 / egsBrachyGyCm2);
        assertThat(oursGyCm2 / egsBrachyGyCm2).isCloseTo(1.0, within(tolerance));
    }
}
