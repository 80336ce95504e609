package org.seedplan.outcomes.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.Implant;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.LesionMeasurement;
import org.seedplan.outcomes.registry.NonTargetStatus;
import org.seedplan.outcomes.registry.Patient;

/**
 * Worked cases written from the rules in shared/reference/clinical/response_criteria.md (RECIST 1.1 §4.3,
 * table 1; mRECIST 2010), not from earlier output. Sums are whole or tenth millimetres, so categories are
 * exact; the only tolerance is the 1e-9 mm the assessment allows at the thresholds.
 */
class ResponseAssessmentTest {

    static final LocalDate IMPLANT = LocalDate.of(2024, 1, 1);
    static final ResponseAssessment RECIST = new ResponseAssessment(ResponseRules.recist11());
    static final ResponseAssessment MRECIST = new ResponseAssessment(ResponseRules.mrecist());

    static Lesion target(String id, double mm) {
        return new Lesion(id, "liver-" + id, false, true, mm, null);
    }

    static Lesion viableTarget(String id, double mm, double viableMm) {
        return new Lesion(id, "liver", false, true, mm, viableMm);
    }

    static Lesion node(String id, double shortAxisMm) {
        return new Lesion(id, "lymph node", true, true, shortAxisMm, null);
    }

    static Lesion nonTarget(String id) {
        return new Lesion(id, "bone", false, false, null, null);
    }

    static LesionMeasurement m(String id, Double mm) {
        return new LesionMeasurement(id, mm, null);
    }

    static LesionMeasurement mv(String id, double mm, double viableMm) {
        return new LesionMeasurement(id, mm, viableMm);
    }

    static FollowUp visit(int day, NonTargetStatus nt, boolean newLesion, LesionMeasurement... ms) {
        return new FollowUp(IMPLANT.plusDays(day), Arrays.asList(ms), nt, newLesion, null, List.of(), false, false);
    }

    static FollowUp visit(int day, LesionMeasurement... ms) {
        return visit(day, null, false, ms);
    }

    static Patient patient(List<Lesion> lesions, FollowUp... visits) {
        List<FollowUp> all = new ArrayList<>(Arrays.asList(visits));
        return new Patient("T1", 60.0, null, null, null, null, null, null, null, List.of(), null,
                new Implant(IMPLANT, null, null, null), lesions, all, List.of());
    }

    static List<Response> overall(ResponseAssessment a, Patient p) {
        return a.assess(p).stream().map(TimePointResponse::overall).toList();
    }

    @Test
    void exactlyThirtyPercentDecreaseIsPartialResponseAndTwentyNineIsStable() {
        Patient p = patient(List.of(target("A", 60), target("B", 40)),
                visit(30, m("A", 42.0), m("B", 28.0)));          // 70 of 100 mm: −30 %
        assertThat(overall(RECIST, p)).containsExactly(Response.PR);
        Patient q = patient(List.of(target("A", 60), target("B", 40)),
                visit(30, m("A", 43.0), m("B", 28.0)));          // 71 of 100 mm: −29 %
        assertThat(overall(RECIST, q)).containsExactly(Response.SD);
    }

    @Test
    void twentyPercentIncreaseNeedsFiveMillimetres() {
        Patient fourMm = patient(List.of(target("A", 20)), visit(30, m("A", 24.0)));   // +20 %, +4 mm
        assertThat(overall(RECIST, fourMm)).containsExactly(Response.SD);
        Patient fiveMm = patient(List.of(target("A", 25)), visit(30, m("A", 30.0)));   // +20 %, +5 mm
        assertThat(overall(RECIST, fiveMm)).containsExactly(Response.PD);
        Patient nineteen = patient(List.of(target("A", 50)), visit(30, m("A", 59.5))); // +19 %, +9.5 mm
        assertThat(overall(RECIST, nineteen)).containsExactly(Response.SD);
    }

    @Test
    void progressionIsMeasuredFromTheNadirNotFromBaseline() {
        // baseline 100, nadir 60 at month 1; month 2 at 71.9 (< 1.2 × 60) is SD, at 72 (= 1.2 × 60, +12 mm) PD
        Patient sd = patient(List.of(target("A", 100)), visit(30, m("A", 60.0)), visit(60, m("A", 71.9)));
        assertThat(overall(RECIST, sd)).containsExactly(Response.PR, Response.SD);
        Patient pd = patient(List.of(target("A", 100)), visit(30, m("A", 60.0)), visit(60, m("A", 72.0)));
        List<TimePointResponse> tps = RECIST.assess(pd);
        assertThat(tps).extracting(TimePointResponse::overall).containsExactly(Response.PR, Response.PD);
        assertThat(tps.get(1).nadirMm()).isEqualTo(60.0);
        assertThat(tps.get(1).sumMm()).isEqualTo(72.0);
    }

    @Test
    void lymphNodeShrinkingBelowTenMillimetresAllowsCompleteResponseWithNonZeroSum() {
        Patient p = patient(List.of(target("A", 30), node("N", 16)), visit(30, m("A", 0.0), m("N", 9.0)));
        List<TimePointResponse> tps = RECIST.assess(p);
        assertThat(tps.get(0).overall()).isEqualTo(Response.CR);
        assertThat(tps.get(0).sumMm()).isEqualTo(9.0);
        Patient tenMm = patient(List.of(target("A", 30), node("N", 16)), visit(30, m("A", 0.0), m("N", 10.0)));
        assertThat(overall(RECIST, tenMm)).containsExactly(Response.PR); // 10 of 46 mm, node not normal
    }

    @Test
    void tooSmallToMeasureCountsFiveMillimetresAndIsNotComplete() {
        Patient p = patient(List.of(target("A", 30)), visit(30, m("A", 5.0)));
        assertThat(overall(RECIST, p)).containsExactly(Response.PR);
    }

    @Test
    void missingTargetIsNotEvaluableUnlessTheOthersAlreadyProveProgression() {
        Patient ne = patient(List.of(target("A", 40), target("B", 20)), visit(30, m("A", 20.0), m("B", null)));
        assertThat(overall(RECIST, ne)).containsExactly(Response.NE);
        Patient pd = patient(List.of(target("A", 40), target("B", 20)), visit(30, m("A", 75.0)));   // 75 ≥ 1.2 × 60
        assertThat(overall(RECIST, pd)).containsExactly(Response.PD);
    }

    @Test
    void notEvaluableVisitDoesNotSetTheNadir() {
        // month 1 misses B: A alone (10 mm) must not become the nadir; month 2 full sum 50 vs nadir 60 → PR (50 ≤ 42? no) SD
        Patient p = patient(List.of(target("A", 40), target("B", 20)),
                visit(30, m("A", 10.0)), visit(60, m("A", 30.0), m("B", 20.0)));
        List<TimePointResponse> tps = RECIST.assess(p);
        assertThat(tps).extracting(TimePointResponse::overall).containsExactly(Response.NE, Response.SD);
        assertThat(tps.get(1).nadirMm()).isEqualTo(60.0);
    }

    @Test
    void newLesionIsProgressionWhateverTheTargets() {
        Patient p = patient(List.of(target("A", 40)), visit(30, null, true, m("A", 0.0)));
        assertThat(overall(RECIST, p)).containsExactly(Response.PD);
    }

    @Test
    void nonTargetLesionsCombineByTableOne() {
        List<Lesion> lesions = List.of(target("A", 40), nonTarget("NT"));
        assertThat(overall(RECIST, patient(lesions, visit(30, NonTargetStatus.CR, false, m("A", 0.0))))).containsExactly(Response.CR);
        assertThat(overall(RECIST, patient(lesions, visit(30, NonTargetStatus.NON_CR_NON_PD, false, m("A", 0.0)))))
                .containsExactly(Response.PR);
        assertThat(overall(RECIST, patient(lesions, visit(30, NonTargetStatus.NE, false, m("A", 0.0))))).containsExactly(Response.PR);
        assertThat(overall(RECIST, patient(lesions, visit(30, NonTargetStatus.PD, false, m("A", 20.0))))).containsExactly(Response.PD);
        assertThat(overall(RECIST, patient(lesions, visit(30, NonTargetStatus.NON_CR_NON_PD, false, m("A", 35.0)))))
                .containsExactly(Response.SD);
    }

    @Test
    void patientWithOnlyNonTargetDiseaseGetsNonCrNonPd() {
        Patient p = patient(List.of(nonTarget("NT")),
                visit(30, NonTargetStatus.NON_CR_NON_PD, false), visit(60, NonTargetStatus.CR, false), visit(90, NonTargetStatus.NE, false));
        assertThat(overall(RECIST, p)).containsExactly(Response.NON_CR_NON_PD, Response.CR, Response.NE);
    }

    @Test
    void progressionIsCarriedForwardWhenTheRulesSaySo() {
        Patient p = patient(List.of(target("A", 30)), visit(30, m("A", 40.0)), visit(60, m("A", 20.0)));
        List<TimePointResponse> tps = RECIST.assess(p);
        assertThat(tps).extracting(TimePointResponse::overall).containsExactly(Response.PD, Response.PD);
        assertThat(tps.get(1).carried()).isTrue();
        ResponseRules noCarry = new ResponseRules(Criterion.RECIST_1_1, true, 5, false, 28, 0, false);
        // without carrying, month 2 is judged on its own: 20 ≤ 0.7 × 30 → PR (the nadir stayed 30)
        assertThat(overall(new ResponseAssessment(noCarry), p)).containsExactly(Response.PD, Response.PR);
    }

    @Test
    void mrecistMeasuresViableTumourOnly() {
        // whole lesion 50 → 45 mm (SD by RECIST), enhancing part 40 → 0 mm (CR by mRECIST)
        Patient p = patient(List.of(viableTarget("A", 50, 40)), visit(30, mv("A", 45, 0)));
        assertThat(overall(RECIST, p)).containsExactly(Response.SD);
        assertThat(overall(MRECIST, p)).containsExactly(Response.CR);
        // viable 40 → 28 (−30 %) is PR
        assertThat(overall(MRECIST, patient(List.of(viableTarget("A", 50, 40)), visit(30, mv("A", 48, 28))))).containsExactly(Response.PR);
    }

    @Test
    void mrecistHasNoFiveMillimetreRuleByDefault() {
        // viable nadir 10 mm → 12 mm: +20 % but only +2 mm
        Patient p = patient(List.of(viableTarget("A", 30, 20)), visit(30, mv("A", 25, 10)), visit(60, mv("A", 25, 12)));
        assertThat(overall(MRECIST, p)).containsExactly(Response.PR, Response.PD);
        ResponseAssessment withRule = new ResponseAssessment(ResponseRules.mrecist().withAbsoluteIncreaseRule(true));
        assertThat(overall(withRule, p)).containsExactly(Response.PR, Response.PR);
    }

    @Test
    void mrecistNeedsViableBaselineForEveryNonNodalTarget() {
        Patient p = patient(List.of(target("A", 30)), visit(30, m("A", 20.0)));
        assertThat(MRECIST.applicable(p)).isFalse();
        assertThat(RECIST.applicable(p)).isTrue();
        assertThatThrownBy(() -> MRECIST.assess(p)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("T1");
    }

    @Test
    void visitsWithoutImagingAreSkipped() {
        FollowUp painOnly = new FollowUp(IMPLANT.plusDays(15), List.of(), null, null, 3, List.of(), false, false);
        Patient p = patient(List.of(target("A", 30)), painOnly, visit(30, m("A", 20.0)));
        assertThat(RECIST.assess(p)).hasSize(1);
    }
}
