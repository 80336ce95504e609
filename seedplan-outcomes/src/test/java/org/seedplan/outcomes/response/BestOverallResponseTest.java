package org.seedplan.outcomes.response;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Best overall response (RECIST 1.1 §4.6) and the monthly ORR/DCR tally, on hand-made time-point sequences. */
class BestOverallResponseTest {

    static TimePointResponse tp(int day, Response r) {
        return new TimePointResponse(LocalDate.of(2024, 1, 1).plusDays(day), day, null, null, r, null, false, r, false);
    }

    static final BestOverallResponse PLAIN = new BestOverallResponse(ResponseRules.recist11());
    static final BestOverallResponse CONFIRMED = new BestOverallResponse(ResponseRules.recist11().withConfirmation(true));

    @Test
    void bestIsTakenUpToTheFirstProgression() {
        assertThat(PLAIN.of(List.of(tp(30, Response.SD), tp(60, Response.PR), tp(90, Response.PD)))).isEqualTo(Response.PR);
        assertThat(PLAIN.of(List.of(tp(30, Response.PD), tp(60, Response.CR)))).isEqualTo(Response.PD);
        assertThat(PLAIN.of(List.of())).isEqualTo(Response.NE);
        assertThat(PLAIN.of(List.of(tp(30, Response.NE)))).isEqualTo(Response.NE);
    }

    @Test
    void confirmationNeedsALaterResponseFourWeeksOn() {
        assertThat(CONFIRMED.of(List.of(tp(30, Response.PR), tp(58, Response.PR)))).isEqualTo(Response.PR);     // 28 days later
        assertThat(CONFIRMED.of(List.of(tp(30, Response.PR), tp(57, Response.PR)))).isEqualTo(Response.SD);     // 27 days
        assertThat(CONFIRMED.of(List.of(tp(30, Response.PR), tp(60, Response.SD)))).isEqualTo(Response.SD);     // unconfirmed PR
        assertThat(CONFIRMED.of(List.of(tp(30, Response.CR), tp(60, Response.CR)))).isEqualTo(Response.CR);
        assertThat(CONFIRMED.of(List.of(tp(30, Response.CR), tp(60, Response.PR)))).isEqualTo(Response.PR);     // CR then PR: a confirmed PR (table 3 footnote)
        assertThat(CONFIRMED.of(List.of(tp(30, Response.PR), tp(60, Response.CR), tp(90, Response.CR)))).isEqualTo(Response.CR);
        assertThat(CONFIRMED.of(List.of(tp(30, Response.PR), tp(60, Response.PD), tp(90, Response.PR)))).isEqualTo(Response.SD);
        assertThat(PLAIN.of(List.of(tp(30, Response.PR), tp(60, Response.SD)))).isEqualTo(Response.PR);
    }

    @Test
    void stableDiseaseCountsOnlyAfterTheMinimumDuration() {
        BestOverallResponse sd42 = new BestOverallResponse(ResponseRules.recist11().withSdMinimumDays(42));
        assertThat(sd42.of(List.of(tp(30, Response.SD), tp(60, Response.PD)))).isEqualTo(Response.PD);
        assertThat(sd42.of(List.of(tp(30, Response.SD)))).isEqualTo(Response.NE);
        assertThat(sd42.of(List.of(tp(30, Response.SD), tp(60, Response.SD)))).isEqualTo(Response.SD);
    }

    @Test
    void monthlyTallyUsesEvaluablePatientsAsDenominator() {
        List<List<TimePointResponse>> cohort = List.of(
                List.of(tp(30, Response.CR), tp(61, Response.CR)),
                List.of(tp(31, Response.PR), tp(59, Response.SD)),
                List.of(tp(29, Response.SD), tp(60, Response.PD)),
                List.of(tp(30, Response.NE), tp(45, Response.PD), tp(62, Response.PD)), // month 1 NE, then PD at day 45 (rounds to 1)
                List.of(tp(32, Response.PD)));
        List<MonthlyResponse> months = ResponseByMonth.tally(cohort, 2);
        MonthlyResponse m1 = months.get(0);
        // month 1: CR, PR, SD, PD (day 45 replaces the NE of day 30, later visit in the month wins), PD
        assertThat(m1.counts()).containsAllEntriesOf(Map.of(Response.CR, 1, Response.PR, 1, Response.SD, 1, Response.PD, 2, Response.NE, 0));
        assertThat(m1.evaluable()).isEqualTo(5);
        assertThat(m1.orrPct()).isEqualTo(40.0);   // 2/5 exactly representable
        assertThat(m1.dcrPct()).isEqualTo(60.0);   // 3/5
        MonthlyResponse m2 = months.get(1);
        assertThat(m2.evaluable()).isEqualTo(4);
        assertThat(m2.objective()).isEqualTo(1);
        assertThat(m2.diseaseControl()).isEqualTo(2);
    }
}
