package org.seedplan.outcomes.hyperthermia;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.TemperatureSample;
import org.seedplan.stats.descriptive.QuantileType;

/**
 * Summarises the temperature log of one hyperthermia session.
 *
 * <p>At each logged time the readings of all channels give T90(t) (10th percentile: the temperature that
 * 90 % of the channels reach or exceed) and T50(t) (median); percentiles interpolate linearly between
 * order statistics (Hyndman–Fan type 7, seedplan-stats). Between two logged times the course is integrated with the mean of
 * the two bounding values (trapezoid): CEM43 by {@link ThermalDose}, time in band counts an interval when the
 * mean T50 lies in [low, high], overheating counts an interval when the mean of the hottest channel is above
 * the limit. Session T90/T50 are time averages of T90(t)/T50(t) over the log.
 */
public final class SessionAnalysis {

    private final HyperthermiaRules rules;

    public SessionAnalysis(HyperthermiaRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The summary of one session. */
    public SessionSummary summarise(HyperthermiaSession s) {
        String where = "hyperthermia session " + s.patientId() + "/" + s.session();
        TreeMap<Double, List<Double>> byTime = new TreeMap<>();
        Map<Integer, List<double[]>> byChannel = new TreeMap<>();
        for (TemperatureSample t : s.samples()) {
            byTime.computeIfAbsent(t.timeMin(), k -> new ArrayList<>()).add(t.tempC());
            byChannel.computeIfAbsent(t.channel(), k -> new ArrayList<>()).add(new double[] {t.timeMin(), t.tempC()});
        }
        if (byTime.size() < 2) {
            throw new IllegalArgumentException(where + ": fewer than two logged times; a session log needs readings over time");
        }
        int n = byTime.size();
        double[] time = new double[n];
        double[] t90 = new double[n];
        double[] t50 = new double[n];
        double[] hottest = new double[n];
        int i = 0;
        for (Map.Entry<Double, List<Double>> e : byTime.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            time[i] = e.getKey();
            double[] q = QuantileType.TYPE7_R.of(v, 0.10, 0.50);
            t90[i] = q[0];
            t50[i] = q[1];
            hottest[i] = v[v.length - 1];
            i++;
        }
        double inRange = 0;
        double overheat = 0;
        double t90Area = 0;
        double t50Area = 0;
        for (int k = 1; k < n; k++) {
            double dt = time[k] - time[k - 1];
            double m50 = 0.5 * (t50[k] + t50[k - 1]);
            if (m50 >= rules.lowC() && m50 <= rules.highC()) {
                inRange += dt;
            }
            if (0.5 * (hottest[k] + hottest[k - 1]) > rules.overheatC()) {
                overheat += dt;
            }
            t90Area += dt * 0.5 * (t90[k] + t90[k - 1]);
            t50Area += dt * 0.5 * (t50[k] + t50[k - 1]);
        }
        double duration = time[n - 1] - time[0];
        Map<Integer, Double> perChannel = new HashMap<>();
        byChannel.forEach((ch, readings) -> perChannel.put(ch, ThermalDose.cem43(
                readings.stream().mapToDouble(r -> r[0]).toArray(), readings.stream().mapToDouble(r -> r[1]).toArray())));
        double max = s.samples().stream().mapToDouble(TemperatureSample::tempC).max().orElseThrow();
        return new SessionSummary(s.patientId(), s.session(), s.start(), byChannel.size(), duration, inRange,
                duration > 0 ? t90Area / duration : t90[0], duration > 0 ? t50Area / duration : t50[0], max,
                ThermalDose.cem43(time, t90), perChannel, overheat,
                overheat >= rules.overheatMinutes() && overheat > 0, inRange < rules.targetMinutes());
    }
}
