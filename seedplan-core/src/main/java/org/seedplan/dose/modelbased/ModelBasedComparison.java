package org.seedplan.dose.modelbased;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.RoiMask;
import org.seedplan.structure.StructureType;

/**
 * TG-43 beside model-based dose on one grid and one set of structure masks (TG-186 §V: report both while
 * model-based dose is new): D90 and V100 of each target, D2cc and D0.1cc of each organ, the model-based value
 * with its 1σ statistical uncertainty ({@link MetricUncertainty}) and the difference.
 */
public record ModelBasedComparison(DoseSpecification specification, List<Row> rows) {

    /**
     * One metric of one structure under both doses; {@code modelBasedSigma} is 1σ, statistical only; {@code noiseBias} the
     * estimated bias the run's noise gives the model-based value ({@link MetricUncertainty.Result#noiseBias()}, NaN when none).
     */
    public record Row(String structure, StructureType type, String metric, String unit, double tg43, double modelBased,
                      double modelBasedSigma, double noiseBias) {

        /** Whether the estimated noise bias exceeds 1σ: the value is off by more than its ± says (more photons shrink it as 1/N). */
        public boolean biasAboveSigma() {
            return resolved() && MetricUncertainty.biasAboveSigma(noiseBias, modelBasedSigma);
        }

        /** (model-based − TG-43) / TG-43 in %, NaN when TG-43's value is 0 or the Monte Carlo did not resolve the metric. */
        public double differencePct() {
            return tg43 == 0 || !resolved() ? Double.NaN : 100 * (modelBased - tg43) / tg43;
        }

        /**
         * Whether the Monte Carlo resolved the metric: not when it is 0 where TG-43's is not (no photon reached the voxels that
         * decide it, so its σ of 0 says nothing), nor when its 1σ exceeds {@value #UNRESOLVED_RELATIVE_SIGMA} of its value.
         */
        public boolean resolved() {
            return !(modelBased == 0 && tg43 > 0) && !(modelBasedSigma > UNRESOLVED_RELATIVE_SIGMA * Math.abs(modelBased));
        }
    }

    /** A metric whose 1σ exceeds this fraction of its value is reported as not resolved (too few photons). */
    public static final double UNRESOLVED_RELATIVE_SIGMA = 0.2;

    /** What a table shows for a metric the Monte Carlo did not resolve. */
    public static final String UNRESOLVED = "not resolved: more photons";

    public ModelBasedComparison {
        rows = List.copyOf(rows);
    }

    /**
     * The comparison of {@code tg43} (TG-43 dose, Gy) and {@code modelBased} on the calculator's grid, with the σ of the
     * model-based metrics and their noise bias from {@link MetricUncertainty#withDvhBands}.
     */
    public static ModelBasedComparison of(DoseMetricsCalculator calculator, DoseGrid tg43, SpecifiedDose modelBased,
                                          MetricUncertainty.Result uncertainty) {
        List<Dvh> a = calculator.dvhs(tg43);
        List<Dvh> b = calculator.dvhs(modelBased.dose());
        List<Row> rows = new ArrayList<>();
        List<RoiMask> rois = calculator.rois();
        for (int s = 0; s < rois.size(); s++) {
            RoiMask roi = rois.get(s);
            double rx = calculator.prescriptionOf(roi);
            List<String> metrics = roi.type().isTarget() ? List.of("D90", "V100")
                    : roi.type() == StructureType.EXTERNAL ? List.of() : List.of("D2cc", "D0.1cc");
            for (String m : metrics) {
                double x = MetricUncertainty.metric(a.get(s), m, rx);
                double y = MetricUncertainty.metric(b.get(s), m, rx);
                if (Double.isFinite(x) && Double.isFinite(y)) {
                    rows.add(new Row(roi.name(), roi.type(), m, m.startsWith("V") ? "%" : "Gy", x, y,
                            uncertainty.sigma().get(roi.name()).getOrDefault(m, Double.NaN),
                            uncertainty.noiseBias().get(roi.name()).getOrDefault(m, Double.NaN)));
                }
            }
        }
        return new ModelBasedComparison(modelBased.specification(), rows);
    }

    /** The row of {@code metric} of {@code structure}. */
    public Row row(String structure, String metric) {
        return rows.stream().filter(r -> r.structure().equals(structure) && r.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + metric + " of '" + structure + "' in the comparison"));
    }

    /** The header of the comparison table, each dose column labelled with its specification. */
    public List<String> header() {
        return List.of("Structure", "Metric", DoseSpecification.TG43_WATER.label(), specification.label() + " ± 1σ", "Difference");
    }

    /** The table's rows as text cells, in the order of {@link #header()}. */
    public List<List<String>> cells() {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(List.of(r.structure(), r.metric(), String.format(Locale.ROOT, "%.1f %s", r.tg43(), r.unit()),
                    r.resolved() ? String.format(Locale.ROOT, "%.1f ± %.1f %s%s", r.modelBased(), r.modelBasedSigma(), r.unit(),
                            r.biasAboveSigma() ? " *" : "") : UNRESOLVED,
                    r.resolved() ? String.format(Locale.ROOT, "%+.1f %%", r.differencePct()) : "—"));
        }
        return out;
    }

    /**
     * The metrics whose estimated noise bias exceeds their 1σ (marked * in {@link #cells()}), e.g. "* estimated noise bias above 1σ
     * (…): Stomach D0.1cc +0.4 Gy (σ 0.2)"; "estimated noise bias below 1σ for every metric" when there is none.
     */
    public String biasNote() {
        List<String> biased = new ArrayList<>();
        for (Row r : rows) {
            if (r.biasAboveSigma()) {
                biased.add(String.format(Locale.ROOT, "%s %s %+.1f %s (σ %.1f)", r.structure(), r.metric(), r.noiseBias(), r.unit(),
                        r.modelBasedSigma()));
            }
        }
        return biased.isEmpty() ? "estimated noise bias below 1σ for every metric"
                : "* estimated noise bias above 1σ (the value is off by more than its ±; more photons): " + String.join(", ", biased);
    }

    /**
     * The comparison as a fixed-width text table with a line saying what each column is; what ± and * mean is
     * {@link ModelBasedNotes#uncertainty}'s note, printed under it ({@link ModelBasedNotes#terminal}).
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-14s %-7s %14s %20s %11s%n";
        List<String> h = header();
        sb.append(String.format(Locale.ROOT, fmt, h.get(0), h.get(1), h.get(2), h.get(3), h.get(4)));
        for (List<String> c : cells()) {
            sb.append(String.format(Locale.ROOT, fmt, c.get(0).length() > 14 ? c.get(0).substring(0, 13) + "…" : c.get(0), c.get(1),
                    c.get(2), c.get(3), c.get(4)));
        }
        sb.append(DoseSpecification.TG43_WATER.label()).append(": ").append(DoseSpecification.TG43_WATER.description()).append("; ")
                .append(specification.label()).append(": ").append(specification.description())
                .append("; both on the same grid and structure masks.\n");
        return sb.toString();
    }
}
