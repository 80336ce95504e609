package org.seedplan.outcomes.hyperthermia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.TemperatureSample;

/**
 * CEM43 (Sapareto &amp; Dewey 1984: Σ Δt·R^(43−T), R = 0.5 at ≥ 43 °C, 0.25 below) on hand-computed logs.
 * Tolerance 1e-9 min: the expected values are exact powers of two, so only double rounding differs.
 */
class ThermalDoseTest {

    static final double TOL = 1e-9;

    @Test
    void constantTemperatures() {
        double[] t = {0, 10, 20, 30};
        assertThat(ThermalDose.cem43(t, new double[] {43, 43, 43, 43})).isCloseTo(30.0, within(TOL));
        assertThat(ThermalDose.cem43(t, new double[] {42, 42, 42, 42})).isCloseTo(7.5, within(TOL));       // 30 × 0.25
        assertThat(ThermalDose.cem43(new double[] {0, 10}, new double[] {44, 44})).isCloseTo(20.0, within(TOL)); // 10 × 0.5⁻¹
    }

    @Test
    void rampUsesTheIntervalMean() {
        // means 39, 42, 43, 44 over 10 min each: 10·0.25⁴ + 10·0.25 + 10 + 10·2 = 0.0390625 + 2.5 + 10 + 20
        double cem = ThermalDose.cem43(new double[] {0, 10, 20, 30, 40}, new double[] {37, 41, 43, 43, 45});
        assertThat(cem).isCloseTo(32.5390625, within(TOL));
    }

    static HyperthermiaSession session(double[] channelTemps, double[] times, LocalDateTime start) {
        List<TemperatureSample> s = new ArrayList<>();
        for (double t : times) {
            for (int c = 0; c < channelTemps.length; c++) {
                s.add(new TemperatureSample(t, c + 1, channelTemps[c]));
            }
        }
        return new HyperthermiaSession("P1", 1, start, s);
    }

    @Test
    void sessionSummaryOfThreeSteadyChannels() {
        SessionSummary s = new SessionAnalysis(HyperthermiaRules.standard()).summarise(
                session(new double[] {41.5, 42.0, 42.5}, new double[] {0, 10, 20, 30, 40}, LocalDateTime.of(2024, 1, 2, 9, 0)));
        // type-7 10th percentile of {41.5, 42, 42.5}: 41.5 + 0.2 × 0.5 = 41.6; median 42
        assertThat(s.t90C()).isCloseTo(41.6, within(TOL));
        assertThat(s.t50C()).isCloseTo(42.0, within(TOL));
        assertThat(s.minutesInRange()).isCloseTo(40.0, within(TOL));
        assertThat(s.cem43T90()).isCloseTo(40 * Math.pow(0.25, 1.4), within(TOL));
        assertThat(s.cem43ByChannel().get(1)).isCloseTo(5.0, within(TOL));   // 40 × 0.25^1.5
        assertThat(s.cem43ByChannel().get(2)).isCloseTo(10.0, within(TOL));  // 40 × 0.25
        assertThat(s.cem43ByChannel().get(3)).isCloseTo(20.0, within(TOL));  // 40 × 0.25^0.5
        assertThat(s.overheating()).isFalse();
        assertThat(s.missedTarget()).isFalse();
        assertThat(s.channels()).isEqualTo(3);
        assertThat(s.maxC()).isEqualTo(42.5);
    }

    @Test
    void overheatingAndMissedTargetFlags() {
        SessionAnalysis a = new SessionAnalysis(HyperthermiaRules.standard());
        SessionSummary hot = a.summarise(session(new double[] {42.0, 43.5}, new double[] {0, 20, 40}, LocalDateTime.of(2024, 1, 2, 9, 0)));
        assertThat(hot.minutesOverheat()).isCloseTo(40.0, within(TOL));
        assertThat(hot.overheating()).isTrue();
        assertThat(hot.missedTarget()).isFalse();                              // median 42.75 in band
        SessionSummary cold = a.summarise(session(new double[] {40.5, 40.8}, new double[] {0, 20, 40}, LocalDateTime.of(2024, 1, 2, 9, 0)));
        assertThat(cold.minutesInRange()).isZero();
        assertThat(cold.missedTarget()).isTrue();
        SessionSummary short20 = a.summarise(session(new double[] {42.0}, new double[] {0, 20}, LocalDateTime.of(2024, 1, 2, 9, 0)));
        assertThat(short20.missedTarget()).isTrue();                            // 20 of 30 minutes
    }

    @Test
    void scheduleIntervalsAndTotals() {
        SessionAnalysis a = new SessionAnalysis(HyperthermiaRules.standard());
        LocalDateTime t0 = LocalDateTime.of(2024, 1, 1, 9, 0);
        List<SessionSummary> sessions = new ArrayList<>();
        int n = 1;
        for (LocalDateTime start : List.of(t0, t0.plusHours(48), t0.plusHours(120), t0.plusHours(216))) {
            HyperthermiaSession s = session(new double[] {43.0}, new double[] {0, 30}, start);
            sessions.add(a.summarise(new HyperthermiaSession("P1", n++, s.start(), s.samples())));
        }
        PatientSchedule p = new ScheduleAdherence(HyperthermiaRules.standard()).summarise(sessions).get(0);
        assertThat(p.sessions()).isEqualTo(4);
        assertThat(p.intervalsH()).containsExactly(48.0, 72.0, 96.0);
        assertThat(p.intervalsWithinPlan()).isEqualTo(2);
        assertThat(p.totalCem43T90()).isCloseTo(120.0, within(TOL));            // 4 × 30 min at 43 °C
        assertThat(p.sessionsReachingTarget()).isEqualTo(4);
    }
}
