package org.seedplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The plan report dates its total strength: the strength at implant, on the implant date when the dates are given. */
class PlanProvenanceTest {

    @Test
    void theTotalAtImplantNamesTheImplantDate() {
        PlanProvenance p = new PlanProvenance("CT", LocalDateTime.of(2025, 2, 24, 0, 0), LocalDateTime.of(2025, 3, 3, 0, 0));
        assertThat(p.atImplant()).isEqualTo("on 2025-03-03 (implant)");
    }

    @Test
    void withoutDatesTheTotalIsSaidToBeAtImplant() {
        assertThat(PlanProvenance.unstated("case grid").atImplant()).isEqualTo("at implant");
    }
}
