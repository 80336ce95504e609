package org.seedplan.outcomes.report;

import java.util.List;
import org.seedplan.outcomes.hyperthermia.HyperthermiaRules;
import org.seedplan.outcomes.hyperthermia.PatientSchedule;
import org.seedplan.outcomes.hyperthermia.ScheduleAdherence;
import org.seedplan.outcomes.hyperthermia.SessionAnalysis;
import org.seedplan.outcomes.hyperthermia.SessionSummary;
import org.seedplan.outcomes.registry.HyperthermiaSession;

/** Hyperthermia sessions summarised per session and per patient (schedule adherence, total thermal dose). */
public final class HyperthermiaTables {

    private HyperthermiaTables() {
    }

    /** The per-session table. */
    public static Table sessions(List<SessionSummary> sessions, HyperthermiaRules rules) {
        Table.Builder t = Table.builder("hyperthermia_sessions", "Hyperthermia sessions", "Patient", "Session", "Start", "Channels",
                "Duration, min", "Time in " + Format.num(rules.lowC(), 0) + "–" + Format.num(rules.highC(), 0) + " °C, min",
                "T90, °C", "T50, °C", "Max, °C", "CEM43 T90, min", "Overheating", "Missed target");
        for (SessionSummary s : sessions) {
            t.row(s.patientId(), Integer.toString(s.session()), s.start().toString(), Integer.toString(s.channels()),
                    Format.num(s.durationMin(), 1), Format.num(s.minutesInRange(), 1), Format.num(s.t90C(), 2), Format.num(s.t50C(), 2),
                    Format.num(s.maxC(), 2), Format.num(s.cem43T90(), 2), s.overheating() ? "yes" : "no", s.missedTarget() ? "yes" : "no");
        }
        notes(t, rules);
        return t.build();
    }

    /** The per-patient schedule table. */
    public static Table patients(List<PatientSchedule> schedules, HyperthermiaRules rules) {
        Table.Builder t = Table.builder("hyperthermia_patients", "Hyperthermia schedule adherence per patient", "Patient", "Sessions",
                "Interval, h, min–max", "Intervals " + Format.num(rules.minIntervalH(), 0) + "–" + Format.num(rules.maxIntervalH(), 0) + " h",
                "Sessions reaching target", "Sessions overheating", "Total CEM43 T90, min");
        for (PatientSchedule p : schedules) {
            double min = p.intervalsH().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double max = p.intervalsH().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            t.row(p.patientId(), Integer.toString(p.sessions()), Format.num(min, 1) + "–" + Format.num(max, 1),
                    Format.nPct(p.intervalsWithinPlan(), p.intervalsH().size()), Format.nPct(p.sessionsReachingTarget(), p.sessions()),
                    Integer.toString(p.sessionsOverheating()), Format.num(p.totalCem43T90(), 1));
        }
        notes(t, rules);
        return t.build();
    }

    /** Both tables for a set of logged sessions. */
    public static List<Table> build(List<HyperthermiaSession> logged, HyperthermiaRules rules) {
        SessionAnalysis analysis = new SessionAnalysis(rules);
        List<SessionSummary> sessions = logged.stream().map(analysis::summarise).toList();
        return List.of(patients(new ScheduleAdherence(rules).summarise(sessions), rules), sessions(sessions, rules));
    }

    private static void notes(Table.Builder t, HyperthermiaRules rules) {
        t.note("T90(t)/T50(t): 10th percentile / median of the channels at each logged time (type 7); session T90/T50 are their time "
                + "averages. Time in band counts intervals whose mean T50 is within " + Format.num(rules.lowC(), 0) + "–"
                + Format.num(rules.highC(), 0) + " °C; a session misses the target below " + Format.num(rules.targetMinutes(), 0) + " min.");
        t.note("CEM43 (Sapareto & Dewey 1984) of the T90(t) course: Σ Δt·R^(43 − T), R = 0.5 at ≥ 43 °C, 0.25 below. Overheating: "
                + "the hottest channel above " + Format.num(rules.overheatC(), 1) + " °C for ≥ " + Format.num(rules.overheatMinutes(), 0) + " min.");
    }
}
