package org.seedplan.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seedplan.dose.modelbased.DoseSpecification;
import org.seedplan.dose.modelbased.ModelBasedNotes;
import org.seedplan.dose.modelbased.PatientModelBasedDose;
import org.seedplan.dose.tissue.StructureTissue;

/**
 * The report section that puts TG-43 beside the model-based dose (TG-186 §V): D90 and V100 of each target and the
 * organ doses, each dose column labelled with the dose it is, the model-based values with their statistical 1σ,
 * how the model-based dose was made (tissues, the composition each target and organ was given and why, photons, uncertainty
 * method), and the DVHs of both doses with the
 * model-based 1σ band ({@link ModelBasedDvhFigure}).
 */
final class ModelBasedSection {

    private ModelBasedSection() {
    }

    static void write(PdfPages p, PatientModelBasedDose.Evaluation e) throws IOException {
        DoseSpecification spec = e.modelBased().specification();
        p.heading("TG-43 vs model-based dose (" + spec.label() + ", AAPM TG-186)");
        p.line(text("Columns: " + DoseSpecification.TG43_WATER.label() + " = " + DoseSpecification.TG43_WATER.description() + "; " + spec.label()
                + " = " + spec.description() + ". Both on this report's dose grid and structure masks. Prescription and goals above are"
                + " judged on TG-43, the consensus for prescribing; the model-based column shows what the tissues and the seeds'"
                + " shadows do to it."), 8.5f, false);
        List<String[]> rows = new ArrayList<>();
        rows.add(e.comparison().header().stream().map(ModelBasedSection::text).toArray(String[]::new));
        for (List<String> c : e.comparison().cells()) {
            rows.add(c.stream().map(ModelBasedSection::text).toArray(String[]::new));
        }
        p.table(rows, new float[] {110, 60, 90, 120, 70}, 9);
        // the workstation's panel and the command line print the same words under their tables (ModelBasedNotes)
        p.line(text(String.format(Locale.ROOT, "%s; %d photons in %.0f s.", ModelBasedNotes.uncertainty(e), e.photons(), e.seconds())),
                8.5f, false);
        String materials = e.tissues().describeMaterials();
        p.line(text(materials.substring(0, 1).toUpperCase(Locale.ROOT) + materials.substring(1) + "."), 8.5f, false);
        List<String[]> given = new ArrayList<>();
        given.add(new String[] {"Structure", "Composition given (share of its voxels)", "Why"});
        for (StructureTissue s : e.tissues().structures()) {
            List<String> parts = new ArrayList<>();
            s.fractionByMaterial().forEach((m, f) -> {
                if (f >= 0.01) {
                    parts.add(String.format(Locale.ROOT, "%s %.0f %%", m, 100 * f));
                }
            });
            given.add(new String[] {s.structure(), parts.isEmpty() ? "no voxel inside" : String.join(", ", parts), s.basis()});
        }
        if (given.size() > 1) {
            float w = p.width();
            p.wrappedTable(given, new float[] {0.14f * w, 0.32f * w, 0.54f * w}, 8);
        }
        p.space(6);
        p.images(List.of(ModelBasedDvhFigure.of(e)), p.width() * 0.8f);
        p.line(text(String.format(Locale.ROOT, "DVH: %s solid, %s dashed, shaded its 1 σ band (from the same groups of histories as the metrics' σ;"
                + " widest %.1f percentage points).", DoseSpecification.TG43_WATER.label(), spec.label(),
                e.dvhBands().stream().mapToDouble(org.seedplan.dose.modelbased.DvhBand::maxSigmaPct).max().orElse(0))), 8.5f, false);
    }

    /**
     * The report's spelling of a text: its fonts have no σ, so "1σ" is "1 sigma" (any number before σ: "1 to 3σ" is
     * "1 to 3 sigma"), "±" "+/-" and "σ" "sigma".
     */
    static String text(String s) {
        return s.replaceAll("(\\d)σ", "$1 sigma").replace("±", "+/-").replace("σ", "sigma");
    }
}
