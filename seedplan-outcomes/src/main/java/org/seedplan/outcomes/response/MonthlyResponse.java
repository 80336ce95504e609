package org.seedplan.outcomes.response;

import java.util.EnumMap;
import java.util.Map;

/**
 * Response counts of a cohort at one follow-up month, with the objective response rate (CR + PR) and the
 * disease control rate (CR + PR + SD + non-CR/non-PD) over the evaluable patients (those with a response
 * other than NE at that month).
 *
 * @param month   follow-up month (visit day / 30.4375, rounded)
 * @param counts  number of patients per response category (NE included)
 */
public record MonthlyResponse(int month, Map<Response, Integer> counts) {

    public MonthlyResponse {
        EnumMap<Response, Integer> c = new EnumMap<>(Response.class);
        for (Response r : Response.values()) {
            c.put(r, counts.getOrDefault(r, 0));
        }
        counts = java.util.Collections.unmodifiableMap(c);
    }

    /** Patients with a category at this month. */
    public int count(Response r) {
        return counts.get(r);
    }

    /** Patients with a response other than NE: the denominator of ORR and DCR. */
    public int evaluable() {
        return counts.entrySet().stream().filter(e -> e.getKey() != Response.NE).mapToInt(Map.Entry::getValue).sum();
    }

    /** Patients with an objective response (CR + PR). */
    public int objective() {
        return count(Response.CR) + count(Response.PR);
    }

    /** Patients with disease control (CR + PR + SD + non-CR/non-PD). */
    public int diseaseControl() {
        return objective() + count(Response.SD) + count(Response.NON_CR_NON_PD);
    }

    /** ORR in percent of the evaluable patients (NaN when none is evaluable). */
    public double orrPct() {
        return evaluable() == 0 ? Double.NaN : 100.0 * objective() / evaluable();
    }

    /** DCR in percent of the evaluable patients (NaN when none is evaluable). */
    public double dcrPct() {
        return evaluable() == 0 ? Double.NaN : 100.0 * diseaseControl() / evaluable();
    }
}
