package org.seedplan.outcomes.scales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** NRS change categories and the CR/PR/MR/NR pain-relief scheme at their boundaries (integer NRS: exact). */
class PainTest {

    @Test
    void changeCategoriesAtTheirBoundaries() {
        assertThat(PainChange.of(8, 4)).isEqualTo(PainChange.MARKED_DECREASE);   // −50 %
        assertThat(PainChange.of(10, 6)).isEqualTo(PainChange.MODERATE_DECREASE); // −40 %
        assertThat(PainChange.of(10, 7)).isEqualTo(PainChange.MODERATE_DECREASE); // −30 %
        assertThat(PainChange.of(10, 8)).isEqualTo(PainChange.STABLE);            // −20 %
        assertThat(PainChange.of(10, 10)).isEqualTo(PainChange.STABLE);
        assertThat(PainChange.of(5, 6)).isEqualTo(PainChange.STABLE);             // +20 %
        assertThat(PainChange.of(7, 9)).isEqualTo(PainChange.STABLE);             // +28.6 %
        assertThat(PainChange.of(3, 4)).isEqualTo(PainChange.WORSE);              // +33 %
        assertThat(PainChange.of(0, 0)).isEqualTo(PainChange.STABLE);
        assertThat(PainChange.of(0, 1)).isEqualTo(PainChange.WORSE);
    }

    @Test
    void reliefScheme() {
        assertThat(PainRelief.of(6, 0)).isEqualTo(PainRelief.CR);
        assertThat(PainRelief.of(6, 3)).isEqualTo(PainRelief.PR);   // −50 %
        assertThat(PainRelief.of(8, 6)).isEqualTo(PainRelief.MR);   // −25 %
        assertThat(PainRelief.of(8, 7)).isEqualTo(PainRelief.NR);   // −12.5 %
        assertThat(PainRelief.of(4, 6)).isEqualTo(PainRelief.NR);
        assertThat(PainRelief.PR.relieved()).isTrue();
        assertThat(PainRelief.MR.relieved()).isFalse();
        assertThatThrownBy(() -> PainRelief.of(0, 0)).hasMessageContaining("baseline NRS is 0");
        assertThatThrownBy(() -> PainChange.of(11, 0)).hasMessageContaining("outside 0–10");
    }
}
