package org.seedplan.outcomes.response;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tallies time-point responses of a cohort by follow-up month. The month of a visit is its day after the
 * implant divided by 30.4375 (mean month length), rounded to the nearest integer; when a patient has two
 * imaging visits in one month the later one counts.
 */
public final class ResponseByMonth {

    /** Mean length of a month in days (365.25 / 12). */
    public static final double DAYS_PER_MONTH = 30.4375;

    private ResponseByMonth() {
    }

    /** The follow-up month of a visit {@code day} days after the implant. */
    public static int month(long day) {
        return (int) Math.round(day / DAYS_PER_MONTH);
    }

    /**
     * Counts per month for months 1 … {@code lastMonth}.
     *
     * @param perPatient the time-point responses of every assessed patient
     */
    public static List<MonthlyResponse> tally(List<List<TimePointResponse>> perPatient, int lastMonth) {
        List<Map<Response, Integer>> counts = new ArrayList<>();
        for (int m = 0; m <= lastMonth; m++) {
            counts.add(new EnumMap<>(Response.class));
        }
        for (List<TimePointResponse> tps : perPatient) {
            TreeMap<Integer, Response> byMonth = new TreeMap<>();
            for (TimePointResponse tp : tps) {
                byMonth.put(month(tp.day()), tp.overall());
            }
            byMonth.forEach((m, r) -> {
                if (m >= 1 && m <= lastMonth) {
                    counts.get(m).merge(r, 1, Integer::sum);
                }
            });
        }
        List<MonthlyResponse> out = new ArrayList<>();
        for (int m = 1; m <= lastMonth; m++) {
            out.add(new MonthlyResponse(m, counts.get(m)));
        }
        return out;
    }
}
