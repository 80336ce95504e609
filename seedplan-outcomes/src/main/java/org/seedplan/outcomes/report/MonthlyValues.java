package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.response.ResponseByMonth;

/**
 * A per-patient value by follow-up month: month 0 from the baseline visit, month m ≥ 1 from the last visit
 * after the implant whose day / 30.4375 rounds to m and that has the value.
 *
 * @param values values[patient][month], null = no value
 */
record MonthlyValues(Double[][] values) {

    static MonthlyValues of(List<Patient> patients, int lastMonth, Function<FollowUp, Double> value) {
        Double[][] v = new Double[patients.size()][lastMonth + 1];
        for (int i = 0; i < patients.size(); i++) {
            Patient p = patients.get(i);
            final int row = i;
            p.baselineVisit().map(value).ifPresent(x -> v[row][0] = x);
            TreeMap<Integer, Double> byMonth = new TreeMap<>();
            for (FollowUp f : p.visitsAfterImplant()) {
                Double x = value.apply(f);
                int m = ResponseByMonth.month(p.day(f.date()));
                if (x != null && m >= 1 && m <= lastMonth) {
                    byMonth.put(m, x);
                }
            }
            byMonth.forEach((m, x) -> v[row][m] = x);
        }
        return new MonthlyValues(v);
    }

    /** Values present at month {@code m}. */
    List<Double> at(int m) {
        List<Double> out = new ArrayList<>();
        for (Double[] row : values) {
            if (row[m] != null) {
                out.add(row[m]);
            }
        }
        return out;
    }

    /** Complete pairs (baseline, month m): {@code [0]} baseline values, {@code [1]} month values. */
    double[][] pairs(int m) {
        List<double[]> ps = new ArrayList<>();
        for (Double[] row : values) {
            if (row[0] != null && row[m] != null) {
                ps.add(new double[] {row[0], row[m]});
            }
        }
        double[][] out = new double[2][ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            out[0][i] = ps.get(i)[0];
            out[1][i] = ps.get(i)[1];
        }
        return out;
    }

    /** The mean ± SD series over months 0 … last for a figure. */
    LineFigure.Series series(String label) {
        int months = values.length == 0 ? 0 : values[0].length;
        List<Integer> ms = new ArrayList<>();
        List<Describe> ds = new ArrayList<>();
        for (int m = 0; m < months; m++) {
            Describe d = Describe.of(at(m));
            if (d.n() > 0) {
                ms.add(m);
                ds.add(d);
            }
        }
        return new LineFigure.Series(label, ms.stream().mapToInt(Integer::intValue).toArray(),
                ds.stream().mapToDouble(Describe::mean).toArray(), ds.stream().mapToDouble(d -> d.n() > 1 ? d.sd() : 0).toArray(),
                ds.stream().mapToInt(Describe::n).toArray());
    }
}
