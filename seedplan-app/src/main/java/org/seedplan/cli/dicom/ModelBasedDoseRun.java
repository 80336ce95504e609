package org.seedplan.cli.dicom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seedplan.cli.dose.ModelBasedOptions;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.Element;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.VR;
import org.seedplan.dicom.rtstruct.Roi;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.Seed;
import org.seedplan.dose.modelbased.DoseSpecification;
import org.seedplan.dose.modelbased.ModelBasedNotes;
import org.seedplan.dose.modelbased.PatientModelBasedDose;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.RoiMask;
import org.seedplan.dvh.StructureMetrics;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SourceModel;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;

/**
 * {@code seedplan dose --engine mc}: the model-based dose of an imported plan on the dose grid, its metrics with
 * their statistical σ and the TG-43 comparison as lines for the terminal, and the RT Dose labelled with the dose it holds.
 */
final class ModelBasedDoseRun {

    /** DICOM Dose Comment (3004,0006), LO: where the RT Dose says which dose it is. */
    static final int DOSE_COMMENT = 0x30040006;

    /** The evaluation and the lines to print. */
    record Outcome(PatientModelBasedDose.Evaluation evaluation, List<String> lines) {
    }

    private ModelBasedDoseRun() {
    }

    static Outcome run(Volume ct, String patientSex, List<Roi> rois, SourceModel source, List<Seed> seeds, Grid grid, DecayIntegral time,
                       double rxGy, ModelBasedOptions options) {
        List<Structure> structures = rois.stream().map(r -> r.structure().orElseThrow()).toList();
        List<RoiMask> masks = new ArrayList<>();
        for (Structure s : structures) {
            masks.add(RoiMask.of(s, MaskRasterizer.rasterize(s, grid)));
        }
        DoseMetricsCalculator calculator = new DoseMetricsCalculator(masks, grid, rxGy);
        PatientModelBasedDose.Evaluation e = PatientModelBasedDose.evaluate(new PatientModelBasedDose.Request(ct, structures,
                options.overrides(), options.curve(), source, seeds, time, options.specification(), options.settings(), options.softTissue(patientSex)), grid, calculator,
                ModelBasedOptions.progressLine(), () -> false);
        List<String> lines = new ArrayList<>();
        lines.add("dose written: " + e.describe());
        lines.addAll(metricsLines(e));
        lines.add("TG-43 beside the model-based dose:");
        lines.addAll(ModelBasedNotes.terminal(e).lines().toList());
        return new Outcome(e, lines);
    }

    /**
     * The model-based metrics of each structure with their 1σ (statistical, from the run's groups of histories); what ± and * mean
     * is the note under the comparison that follows them ({@link ModelBasedNotes#terminal}).
     */
    static List<String> metricsLines(PatientModelBasedDose.Evaluation e) {
        List<String> out = new ArrayList<>();
        String label = e.modelBased().specification().label();
        out.add(String.format(Locale.ROOT, "%-14s %-8s %8s %16s %16s %16s %16s %16s", "structure", "type", "vol cc", label + " D90 Gy",
                "Dmean Gy", "V100 %", "D2cc Gy", "D0.1cc Gy"));
        for (StructureMetrics s : e.modelBasedMetrics().structures()) {
            Map<String, Double> sigma = e.sigma().getOrDefault(s.name(), Map.of());
            Map<String, Double> bias = e.noiseBias().getOrDefault(s.name(), Map.of());
            out.add(String.format(Locale.ROOT, "%-14s %-8s %8.2f %16s %16s %16s %16s %16s", s.name().length() > 14 ? s.name().substring(0, 13) + "…"
                            : s.name(), s.type().name(), s.volumeCc(), pm(s.dPctGy().get("90"), sigma, bias, "D90"), pm(s.dmeanGy(), sigma, bias, "Dmean"),
                    pm(s.vPct().get("100"), sigma, bias, "V100"), pm(s.dCcGy().get("2"), sigma, bias, "D2cc"),
                    pm(s.dCcGy().get("0.1"), sigma, bias, "D0.1cc")));
        }
        return out;
    }

    /** The RT Dose with its series description and Dose Comment naming the dose it holds. */
    static DataSet labelled(DataSet rd, DoseSpecification specification) {
        String comment = specification.label() + " (" + specification.description() + ")";
        comment = comment.length() > 64 ? comment.substring(0, 64) : comment;
        if (comment.length() % 2 == 1) {
            comment += " ";
        }
        return rd.toBuilder().put(Tag.SERIES_DESCRIPTION, "seedplan model-based dose " + specification.label())
                .put(Element.of(DOSE_COMMENT, VR.LO, comment.getBytes(StandardCharsets.UTF_8))).build();
    }

    /** "value ± σ", with " *" when the metric's estimated noise bias exceeds its σ. */
    private static String pm(Double v, Map<String, Double> sigmas, Map<String, Double> biases, String metric) {
        if (v == null || !Double.isFinite(v)) {
            return "-";
        }
        Double sigma = sigmas.get(metric);
        Double bias = biases.get(metric);
        return sigma == null ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.1f ± %.1f%s", v, sigma,
                bias != null && org.seedplan.dose.modelbased.MetricUncertainty.biasAboveSigma(bias, sigma) ? " *" : "");
    }
}
