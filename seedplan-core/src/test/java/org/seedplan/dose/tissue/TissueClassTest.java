package org.seedplan.dose.tissue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TissueClassTest {

    /** Each tissue at its ICRU 46 / ICRP 110 nominal density and typical CT number falls into its own class. */
    @ParameterizedTest(name = "{0} HU, {1} g/cm³ -> {2}")
    @CsvSource({
            "-1000, 0.00121, AIR",
            "-741, 0.26, LUNG",
            "-98, 0.95, ADIPOSE",
            "0, 1.00, SOFT_TISSUE",
            "40, 1.05, SOFT_TISSUE",
            "60, 1.06, LIVER",
            "1300, 1.92, BONE",
            "3071, 3.15, METAL",
    })
    void nominalTissuesFallIntoTheirClass(double hu, double density, TissueClass expected) {
        assertThat(TissueClass.of(hu, density)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} HU on the default curve -> {1}")
    @CsvSource({"-950, AIR", "-850, LUNG", "-400, ADIPOSE", "-60, ADIPOSE", "-40, SOFT_TISSUE", "50, SOFT_TISSUE", "60, LIVER",
            "180, LIVER", "200, BONE", "2999, BONE", "3000, METAL"})
    void thresholdsOnTheDefaultCurveSitWhereTheJavadocSays(double hu, TissueClass expected) {
        assertThat(TissueClass.of(hu, HuDensityCurve.standard().densityGPerCm3(hu))).isEqualTo(expected);
    }

    @Test
    void theDefaultSoftTissueFollowsThePatientsSexFemaleOnlyWhenSaid() {
        assertThat(TissueClass.defaultSoftTissue("F")).isEqualTo("mean-female-soft-tissue");
        assertThat(TissueClass.defaultSoftTissue("M")).isEqualTo("mean-male-soft-tissue");
        assertThat(TissueClass.defaultSoftTissue("O")).isEqualTo("mean-male-soft-tissue");
        assertThat(TissueClass.defaultSoftTissue("")).isEqualTo("mean-male-soft-tissue");
        assertThat(TissueClass.defaultSoftTissue(null)).isEqualTo("mean-male-soft-tissue");
    }
}
