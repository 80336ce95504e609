package org.seedplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DICOM person names (PS3.5 §6.2) as a person reads them on a report. */
class PersonNameTest {

    @Test
    void componentsBecomeFamilyCommaGiven() {
        assertThat(PersonName.readable("DEMO^LIVER")).isEqualTo("DEMO, LIVER");
        assertThat(PersonName.readable("Doe^John^A^Dr^Jr")).isEqualTo("Dr Doe, John A Jr");
        assertThat(PersonName.readable("Doe^^^^")).isEqualTo("Doe");
        assertThat(PersonName.readable("^John")).isEqualTo("John");
        assertThat(PersonName.readable("Yamada^Tarou=山田^太郎=やまだ^たろう")).isEqualTo("Yamada, Tarou");
        assertThat(PersonName.readable("Anonymous")).isEqualTo("Anonymous");
        assertThat(PersonName.readable(" ")).isEqualTo("(no name)");
    }
}
