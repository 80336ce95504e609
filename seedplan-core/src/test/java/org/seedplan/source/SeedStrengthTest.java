package org.seedplan.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Activity ↔ air-kerma strength for I-125 (reference/tg43 §7: 1.270 U/mCi; examples given to 3 decimals). */
class SeedStrengthTest {

    @Test
    void convertsActivityToAirKermaStrengthAsTheReferenceExamples() {
        assertThat(SeedStrength.parse("0.5 mCi").skU()).isCloseTo(0.635, within(5e-4));
        assertThat(SeedStrength.parse("18.5MBq").skU()).isCloseTo(0.635, within(5e-4));
        assertThat(SeedStrength.parse("0.7mCi").skU()).isCloseTo(0.889, within(5e-4));
        assertThat(SeedStrength.parse("25.9 MBq").skU()).isCloseTo(0.889, within(5e-4));
        assertThat(SeedStrength.parse("0.76 U").skU()).isEqualTo(0.76);
        assertThat(SeedStrength.parse("0.6 mCi").toString()).isEqualTo("0.6 mCi");
    }

    @Test
    void refusesMissingUnitsAndNonPositiveStrengths() {
        assertThatThrownBy(() -> SeedStrength.parse("0.6")).hasMessageContaining("needs a number and a unit");
        assertThatThrownBy(() -> SeedStrength.parse("-0.6 mCi")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> SeedStrength.parse("0 U")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> SeedStrength.parse("0.6 Ci")).hasMessageContaining("use U, mCi or MBq");
    }

    @Test
    void unknownSourceKeyIsRefusedWithTheKnownKeys() {
        assertThatThrownBy(() -> SourceLibrary.builtIn().model("bebig"))
                .hasMessageContaining("unknown source model 'bebig'")
                .hasMessageContaining("amersham6711");
    }
}
