package org.seedplan.cli.outcomes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.seedplan.outcomes.hyperthermia.HyperthermiaRules;
import org.seedplan.outcomes.hyperthermia.PatientSchedule;
import org.seedplan.outcomes.hyperthermia.ScheduleAdherence;
import org.seedplan.outcomes.hyperthermia.SessionAnalysis;
import org.seedplan.outcomes.hyperthermia.SessionSummary;
import org.seedplan.outcomes.io.CohortImport;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.report.FigureFiles;
import org.seedplan.outcomes.report.HyperthermiaTables;
import org.seedplan.outcomes.report.SessionFigure;
import org.seedplan.outcomes.report.TableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seedplan hyperthermia}: per-session thermometry summary and per-patient schedule adherence of a temperature log. */
@Command(name = "hyperthermia", mixinStandardHelpOptions = true, header = "Summarise hyperthermia temperature logs.",
        description = {"Summarise hyperthermia temperature logs (columns patient_id, session, start,",
            "time_min, channel, temp_c in degrees C). Per session: minutes in 41-43 C,",
            "T90/T50 (C), CEM43 of T90 (Sapareto-Dewey, min), overheating and missed-target",
            "flags. Per patient: hours between sessions (planned 48-72 h), session count,",
            "total CEM43."})
public final class HyperthermiaCommand implements Callable<Integer> {

    @Option(names = "--log", required = true, paramLabel = "FILE", description = "Temperature log (.csv or .xlsx; sheet 'hyperthermia' or the first).")
    Path log;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = "--plot", paramLabel = "DIR", description = "Also write a plot of every session's channels (SVG and PNG) into DIR.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        HyperthermiaRules rules = HyperthermiaRules.standard();
        List<HyperthermiaSession> sessions = CohortImport.readHyperthermiaLog(log);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException(log + ": the log has no readings; fix: add rows (patient_id, session, start, time_min, channel, temp_c)");
        }
        SessionAnalysis analysis = new SessionAnalysis(rules);
        List<SessionSummary> summaries = sessions.stream().map(analysis::summarise).toList();
        List<PatientSchedule> schedules = new ScheduleAdherence(rules).summarise(summaries);
        if (plot != null) {
            FigureFiles.write(sessions.stream().map(s -> new SessionFigure(s, rules)).toList(), plot);
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            System.out.println(mapper.writeValueAsString(jsonTree(summaries, schedules, rules)));
        } else {
            System.out.print(TableWriter.markdown(HyperthermiaTables.patients(schedules, rules)));
            System.out.print(TableWriter.markdown(HyperthermiaTables.sessions(summaries, rules)));
        }
        return 0;
    }

    private static Map<String, Object> jsonTree(List<SessionSummary> sessions, List<PatientSchedule> schedules, HyperthermiaRules rules) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("low_c", rules.lowC());
        r.put("high_c", rules.highC());
        r.put("target_min", rules.targetMinutes());
        r.put("overheat_c", rules.overheatC());
        r.put("overheat_min", rules.overheatMinutes());
        r.put("min_interval_h", rules.minIntervalH());
        r.put("max_interval_h", rules.maxIntervalH());
        root.put("rules", r);
        List<Map<String, Object>> ps = new ArrayList<>();
        for (PatientSchedule p : schedules) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("patient_id", p.patientId());
            m.put("sessions", p.sessions());
            m.put("intervals_h", p.intervalsH());
            m.put("intervals_within_plan", p.intervalsWithinPlan());
            m.put("sessions_reaching_target", p.sessionsReachingTarget());
            m.put("sessions_overheating", p.sessionsOverheating());
            m.put("total_cem43_t90_min", p.totalCem43T90());
            ps.add(m);
        }
        root.put("patients", ps);
        List<Map<String, Object>> ss = new ArrayList<>();
        for (SessionSummary s : sessions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("patient_id", s.patientId());
            m.put("session", s.session());
            m.put("start", s.start().toString());
            m.put("channels", s.channels());
            m.put("duration_min", s.durationMin());
            m.put("minutes_in_range", s.minutesInRange());
            m.put("t90_c", s.t90C());
            m.put("t50_c", s.t50C());
            m.put("max_c", s.maxC());
            m.put("cem43_t90_min", s.cem43T90());
            m.put("cem43_by_channel_min", new TreeMap<>(s.cem43ByChannel()));
            m.put("minutes_overheat", s.minutesOverheat());
            m.put("overheating", s.overheating());
            m.put("missed_target", s.missedTarget());
            ss.add(m);
        }
        root.put("sessions", ss);
        return root;
    }
}
