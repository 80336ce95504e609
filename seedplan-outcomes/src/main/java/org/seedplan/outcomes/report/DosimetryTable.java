package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.seedplan.outcomes.registry.Dosimetry;
import org.seedplan.outcomes.registry.Patient;

/**
 * Pre-plan versus post-implant dosimetry (D90, D100, V100, V150, HI, seeds, PTV) on complete pairs, with
 * the paired t or Wilcoxon signed-rank test chosen by the Shapiro–Wilk check of the differences.
 */
final class DosimetryTable {

    private DosimetryTable() {
    }

    private record Metric(String label, Function<Dosimetry, Number> get, int decimals) {
    }

    static Table build(List<Patient> patients) {
        List<Metric> metrics = List.of(
                new Metric("D90, Gy", Dosimetry::d90Gy, 1),
                new Metric("D100, Gy", Dosimetry::d100Gy, 1),
                new Metric("V100, %", Dosimetry::v100Pct, 1),
                new Metric("V150, %", Dosimetry::v150Pct, 1),
                new Metric("HI", Dosimetry::homogeneityIndex, 3),
                new Metric("Seeds, n", Dosimetry::seedCount, 1),
                new Metric("PTV, cm³", Dosimetry::ptvCc, 1));
        Table.Builder t = Table.builder("dosimetry", "Pre-plan versus post-implant dosimetry", "Metric", "Pairs",
                "Pre-plan mean ± SD", "Post-implant mean ± SD", "Pre-plan median (P25, P75)", "Post-implant median (P25, P75)",
                "Shapiro–Wilk p (differences)", "Test", "p");
        for (Metric m : metrics) {
            List<Double> pre = new ArrayList<>();
            List<Double> post = new ArrayList<>();
            for (Patient p : patients) {
                Number a = m.get().apply(p.implant().prePlan());
                Number b = m.get().apply(p.implant().postPlan());
                if (a != null && b != null) {
                    pre.add(a.doubleValue());
                    post.add(b.doubleValue());
                }
            }
            double[] x = pre.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = post.stream().mapToDouble(Double::doubleValue).toArray();
            Describe dx = Describe.of(x);
            Describe dy = Describe.of(y);
            PairedComparison pc = PairedComparison.of(x, y);
            t.row(m.label(), Integer.toString(x.length), dx.meanSd(m.decimals()), dy.meanSd(m.decimals()),
                    dx.medianIqr(m.decimals()), dy.medianIqr(m.decimals()), Format.num(pc.shapiroP(), 3), pc.test(), Format.p(pc.p()));
        }
        t.note("Complete pairs only: patients with both the pre-plan and the post-implant value of the metric (\"Pairs\"; of "
                + patients.size() + " patients).");
        t.note("HI = (V100 − V150) / V100. Test: paired t when Shapiro–Wilk on the differences gives p ≥ 0.05, else Wilcoxon signed-rank.");
        return t.build();
    }
}
