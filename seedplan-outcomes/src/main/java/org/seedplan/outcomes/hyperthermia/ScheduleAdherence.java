package org.seedplan.outcomes.hyperthermia;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-patient adherence to the hyperthermia schedule (twice a week, 48–72 h apart by default): number of
 * sessions, intervals between session starts, intervals within the window, sessions reaching the target
 * time in band, sessions overheating and the total CEM43 T90.
 */
public final class ScheduleAdherence {

    private final HyperthermiaRules rules;

    public ScheduleAdherence(HyperthermiaRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** One schedule per patient, in order of first appearance. */
    public List<PatientSchedule> summarise(List<SessionSummary> sessions) {
        Map<String, List<SessionSummary>> byPatient = new LinkedHashMap<>();
        sessions.forEach(s -> byPatient.computeIfAbsent(s.patientId(), k -> new ArrayList<>()).add(s));
        List<PatientSchedule> out = new ArrayList<>();
        byPatient.forEach((id, list) -> {
            List<SessionSummary> sorted = list.stream().sorted(Comparator.comparing(SessionSummary::start)).toList();
            List<Double> intervals = new ArrayList<>();
            int within = 0;
            for (int i = 1; i < sorted.size(); i++) {
                double h = Duration.between(sorted.get(i - 1).start(), sorted.get(i).start()).toSeconds() / 3600.0;
                intervals.add(h);
                if (h >= rules.minIntervalH() && h <= rules.maxIntervalH()) {
                    within++;
                }
            }
            int reached = (int) sorted.stream().filter(s -> !s.missedTarget()).count();
            int hot = (int) sorted.stream().filter(SessionSummary::overheating).count();
            double total = sorted.stream().mapToDouble(SessionSummary::cem43T90).sum();
            out.add(new PatientSchedule(id, sorted.size(), intervals, within, reached, hot, total));
        });
        return out;
    }
}
