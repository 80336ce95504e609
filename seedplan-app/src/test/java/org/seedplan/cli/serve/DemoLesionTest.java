package org.seedplan.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.demo.DemoPatient;
import org.seedplan.outcomes.response.Criterion;
import org.seedplan.outcomes.response.Response;
import org.seedplan.outcomes.response.TimePointResponse;
import org.seedplan.server.forms.VisitResponses;
import org.seedplan.storage.registry.LesionData;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.VisitData;
import org.seedplan.structure.Structure;

/**
 * {@code serve --demo}'s lesion is the demo plan's GTV as RECIST 1.1 measures it, and its two simulated follow-up visits give the
 * responses the screens then show, computed by the server's own rules.
 */
class DemoLesionTest {

    private static final LocalDate IMPLANT = LocalDate.of(2025, 3, 3);

    private static LesionRecord demoLesion() {
        Structure gtv = new DemoPatient().structures().stream().filter(s -> s.name().equals("GTV")).findFirst().orElseThrow();
        return new LesionRecord(11, 1, DemoData.lesionOf(7, gtv, IMPLANT));
    }

    @Test
    void theLesionIsTheGtvsLongestAxialDiameterATargetOfTheLiverMeasuredOnTheImplantDay() {
        LesionData d = demoLesion().data();
        // the GTV is an ellipsoid of semi-axes 16 × 14 × 12 mm (x, y, z) centred on z = 0, a slice of the CT (−40 + 16 · 2.5 mm); its
        // contour there is drawn with a vertex at each end of the 16 mm semi-axis: 2 · 16 mm, to rounding
        assertThat(d.baselineLongestMm()).isCloseTo(32.0, within(1e-9));
        assertThat(d.target()).isTrue();
        assertThat(d.nodal()).isFalse();
        assertThat(d.organ()).isEqualTo("liver");
        assertThat(d.site()).isEqualTo("segment VII");
        assertThat(d.baselineDate()).isEqualTo(IMPLANT);
    }

    @Test
    void theFollowUpVisitsGiveStableDiseaseThenPartialResponse() {
        LesionRecord lesion = demoLesion();
        List<VisitData> visits = DemoData.followUps(lesion, IMPLANT);
        assertThat(visits).extracting(VisitData::visitDate).containsExactly(LocalDate.of(2025, 4, 3), LocalDate.of(2025, 6, 3));
        // 0.9 and 0.6 of 32.0 mm
        assertThat(visits).extracting(v -> v.measurements().get(0).longestMm()).containsExactly(28.8, 19.2);
        List<TimePointResponse> r = VisitResponses.assess(Criterion.RECIST_1_1, IMPLANT, List.of(lesion), visits);
        // RECIST 1.1: −10 % of the baseline sum is stable disease, −40 % (at least −30 %) a partial response
        assertThat(r).extracting(TimePointResponse::overall).containsExactly(Response.SD, Response.PR);
    }
}
