package org.seedplan.outcomes.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.io.CohortFormat;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.plan.AnalysisPlan.TimePoint;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.stats.data.DataTable;

/**
 * A visit-level number of each patient (NRS pain or a study variable of the followups table) at baseline and at
 * a plan time point: the visit nearest to the time point's day within its window that has a value (the later one
 * on a tie); the baseline value is the baseline visit's.
 */
final class VisitValues {

    private final ImportedCohort data;
    private final String variable;
    private final Map<String, Integer> rows = new HashMap<>();
    private final DataTable followups;

    VisitValues(ImportedCohort data, String variable) {
        this.data = data;
        this.variable = variable;
        this.followups = data.tables().get(CohortFormat.FOLLOWUPS);
        if (followups != null) {
            for (int r = 0; r < followups.rowCount(); r++) {
                String d = followups.cell(r, "date");
                rows.put(followups.cell(r, "patient_id") + "\u0000" + (d == null ? "" : d.substring(0, Math.min(10, d.length()))), r);
            }
        }
    }

    /** The value at one visit, NaN when missing. */
    double at(Patient p, FollowUp f) {
        if (variable.equals("nrs_pain")) {
            return f.nrsPain() == null ? Double.NaN : f.nrsPain();
        }
        Integer r = rows.get(p.id() + "\u0000" + f.date());
        if (r == null || followups.isMissing(r, variable)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(followups.cell(r, variable));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(followups.where(r, variable) + ": value '" + followups.cell(r, variable)
                    + "' is not a number; fix: correct it (the plan describes " + variable + " as a number)");
        }
    }

    /** The baseline value, NaN when missing. */
    double baseline(Patient p) {
        return p.baselineVisit().map(f -> at(p, f)).orElse(Double.NaN);
    }

    /** The value at time point {@code tp}, NaN when no visit in the window has one. */
    double at(Patient p, TimePoint tp) {
        FollowUp best = visit(p, tp, f -> !Double.isNaN(at(p, f)));
        return best == null ? Double.NaN : at(p, best);
    }

    /** The visit nearest to {@code tp} within its window among those {@code usable}, or null. */
    static FollowUp visit(Patient p, TimePoint tp, java.util.function.Predicate<FollowUp> usable) {
        FollowUp best = null;
        double bestGap = Double.POSITIVE_INFINITY;
        for (FollowUp f : p.visitsAfterImplant()) {
            double gap = Math.abs(p.day(f.date()) - tp.days());
            if (gap <= tp.windowDays() && gap <= bestGap && usable.test(f)) {
                best = f;
                bestGap = gap;
            }
        }
        return best;
    }

    /** Baseline and per-time-point values of every patient: [time point + 1][patient], index 0 = baseline. */
    double[][] matrix(List<TimePoint> tps) {
        List<Patient> ps = data.cohort().patients();
        double[][] out = new double[tps.size() + 1][ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            out[0][i] = baseline(ps.get(i));
            for (int k = 0; k < tps.size(); k++) {
                out[k + 1][i] = at(ps.get(i), tps.get(k));
            }
        }
        return out;
    }
}
