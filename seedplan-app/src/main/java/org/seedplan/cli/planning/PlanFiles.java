package org.seedplan.cli.planning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.seedplan.io.DvhCsv;
import org.seedplan.io.MetricsJson;
import org.seedplan.io.OutputFolder;
import org.seedplan.planning.Plan;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.StructureDose;
import org.seedplan.planning.robustness.RobustnessResult;
import org.seedplan.report.PlanImages;
import org.seedplan.report.PlanReport;

/**
 * Writes a plan's files into a folder, all or nothing: plan.json, metrics.json, dvh.csv, report.pdf
 * and the images axial.png, coronal.png, sagittal.png, dvh.png.
 */
public final class PlanFiles {

    static final double DVH_BIN_GY = 1.0;

    private PlanFiles() {
    }

    /** Writes all the files into {@code dir} in one step; {@code baseline} and {@code robustness} may be null. */
    public static void write(Path dir, Plan plan, PlanningGeometry geometry, Plan baseline, RobustnessResult robustness) {
        write(dir, plan, geometry, baseline, robustness, org.seedplan.report.PlanProvenance.unstated("not stated"));
    }

    /** Writes all the files into {@code dir} in one step, the report stating the CT and the seed dates. */
    public static void write(Path dir, Plan plan, PlanningGeometry geometry, Plan baseline, RobustnessResult robustness,
                             org.seedplan.report.PlanProvenance provenance) {
        write(dir, plan, geometry, baseline, robustness, provenance, null);
    }

    /** As above, the report with the TG-43 vs model-based table when {@code modelBased} is not null. */
    public static void write(Path dir, Plan plan, PlanningGeometry geometry, Plan baseline, RobustnessResult robustness,
                             org.seedplan.report.PlanProvenance provenance,
                             org.seedplan.dose.modelbased.PatientModelBasedDose.Evaluation modelBased) {
        try (OutputFolder out = OutputFolder.open(dir)) {
            writeInto(out, plan, geometry, baseline, robustness, provenance, modelBased);
            out.commit();
        }
    }

    /**
     * Writes all the files into an export that the caller commits. Every number comes from the plan's
     * one evaluation ({@code plan.metrics()}, {@code plan.structures()}): metrics.json, dvh.csv, the
     * PDF and the images cannot disagree.
     */
    public static void writeInto(OutputFolder out, Plan plan, PlanningGeometry geometry, Plan baseline, RobustnessResult robustness) {
        writeInto(out, plan, geometry, baseline, robustness, org.seedplan.report.PlanProvenance.unstated("not stated"));
    }

    /** As {@link #writeInto(OutputFolder, Plan, PlanningGeometry, Plan, RobustnessResult)}, the report stating the CT and the seed dates. */
    public static void writeInto(OutputFolder out, Plan plan, PlanningGeometry geometry, Plan baseline, RobustnessResult robustness,
                                 org.seedplan.report.PlanProvenance provenance) {
        writeInto(out, plan, geometry, baseline, robustness, provenance, null);
    }

    /** As above, the report with the TG-43 vs model-based table when {@code modelBased} is not null. */
    public static void writeInto(OutputFolder out, Plan plan, PlanningGeometry geometry, Plan baseline, RobustnessResult robustness,
                                 org.seedplan.report.PlanProvenance provenance,
                                 org.seedplan.dose.modelbased.PatientModelBasedDose.Evaluation modelBased) {
        out.writeString("plan.json", MetricsJson.write(PlanJson.document(plan, baseline, robustness)));
        out.writeString("metrics.json", MetricsJson.write(MetricsJson.of(plan.metrics())));
        out.writeString("dvh.csv", DvhCsv.write(plan.structures().stream().map(StructureDose::dvh).toList(), DVH_BIN_GY));
        try {
            PlanReport.write(out.file("report.pdf"), plan, geometry, baseline, robustness, provenance, modelBased);
            for (PlanImages.View v : PlanImages.View.values()) {
                ImageIO.write(PlanImages.slice(plan, geometry, v), "png", out.file(v.name().toLowerCase(java.util.Locale.ROOT) + ".png").toFile());
            }
            ImageIO.write(PlanImages.dvh(plan), "png", out.file("dvh.png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(out.staging() + ": " + e.getMessage(), e);
        }
    }

    /** The names of the files {@link #write} produces. */
    public static List<String> names() {
        return List.of("plan.json", "metrics.json", "dvh.csv", "report.pdf", "axial.png", "coronal.png", "sagittal.png", "dvh.png");
    }
}
