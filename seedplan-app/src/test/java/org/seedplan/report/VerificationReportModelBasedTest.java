package org.seedplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.FastDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.dose.modelbased.DoseSpecification;
import org.seedplan.dose.modelbased.MetricUncertainty;
import org.seedplan.dose.modelbased.ModelBasedNotes;
import org.seedplan.dose.modelbased.PatientModelBasedDose;
import org.seedplan.dose.montecarlo.MonteCarloSettings;
import org.seedplan.dose.tissue.HuDensityCurve;
import org.seedplan.dvh.DoseMetricsCalculator;
import org.seedplan.dvh.RoiMask;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SourceLibrary;
import org.seedplan.source.SourceModel;
import org.seedplan.structure.Contour;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.comparison.ImplantVerifier;
import org.seedplan.verify.comparison.Verification;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;
import org.seedplan.verify.seedfinder.SeedFinder;
import org.seedplan.verify.seedfinder.SeedFinding;

/**
 * The verification report carries the TG-43 vs model-based section of the seeds found, with the dose it is named (here Dw,m,
 * the plan report's test names Dm,m) beside TG-43 (Dw,w) and its 1σ, when a model-based dose was computed, and not otherwise;
 * under its table the note the command line prints for the same result (one wording, {@link ModelBasedNotes}).
 * Four 6711 seeds in a water CT rendered as a post-op scan; 2·10⁴ photons: the numbers are for the format, not the physics.
 */
class VerificationReportModelBasedTest {

    private static final List<Vec3> SEEDS = List.of(new Vec3(-5, -5, 0), new Vec3(-5, 5, 0), new Vec3(5, -5, 0), new Vec3(5, 5, 0));
    private static final double RX_GY = 120;

    @TempDir
    Path tmp;

    @Test
    void theReportNamesTheModelBasedDoseBesideTg43OnlyWhenOneWasComputed() throws Exception {
        Grid ctGrid = new Grid(new Vec3(-30, -30, -20), 1, 1, 2, 61, 61, 21);
        float[] hu = new float[ctGrid.voxelCount()];
        Arrays.fill(hu, 0f);
        List<SeedPose> poses = SEEDS.stream().map(s -> new SeedPose(s, new Vec3(0, 1, 0), SeedPose.Arrangement.ISOLATED)).toList();
        Volume postOp = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(new Volume(ctGrid, hu), poses, 5);
        List<Contour> square = new ArrayList<>();
        for (double z = -8; z <= 8; z += 2) {
            square.add(new Contour(z, new double[] {-10, 10, 10, -10}, new double[] {-10, -10, 10, 10}));
        }
        List<Structure> structures = List.of(new Structure("CTV", StructureType.CTV, 0xFF8800, square));
        Grid grid = ImplantVerifier.doseGridAround(structures, 10, 2);
        List<RoiMask> rois = structures.stream().map(s -> RoiMask.of(s, MaskRasterizer.rasterize(s, grid))).toList();
        SourceModel model = SourceLibrary.builtIn().model("amersham6711");
        DecayIntegral time = DecayIntegral.permanent(model.halfLifeDays());
        List<Seed> planned = SEEDS.stream().map(s -> new Seed(s, new Vec3(0, 1, 0), 0.7)).toList();
        SeedFinding finding = new SeedFinder().find(postOp, null, OptionalInt.of(SEEDS.size()));
        Verification v = new ImplantVerifier(new FastDoseEngine(new Tg43Kernel(model, DoseModel.LINE_2D)), time, new SeedMatcher())
                .verify(planned, finding.seeds(), rois, rois, grid, RX_GY);
        PatientModelBasedDose.Evaluation e = PatientModelBasedDose.evaluate(new PatientModelBasedDose.Request(postOp, structures, List.of(),
                HuDensityCurve.standard(), model, v.implant(), time, DoseSpecification.DW_M, new MonteCarloSettings(1, 2, 0.10, 20_000, 20)),
                grid, new DoseMetricsCalculator(rois, grid, RX_GY), f -> { }, () -> false);

        Path with = tmp.resolve("with.pdf");
        VerificationReport.write(with, "TEST^REPORT", v, finding, null, postOp, rois, RX_GY, "CTV drawn", List.of("6711, 0.7 U at implant"), e);
        assertThat(text(with)).contains("TG-43 vs model-based dose (Dw,m, AAPM TG-186)").contains("TG-43 (Dw,w)").contains("Dw,m +/- 1 sigma")
                .contains("Dw,m = model-based dose to water in medium").contains("1 sigma of the Monte Carlo statistics only")
                .containsPattern("CTV\\s+D90\\s+[0-9.]+ Gy\\s+[0-9.]+ \\+/- [0-9.]+ Gy");
        Path without = tmp.resolve("without.pdf");
        VerificationReport.write(without, "TEST^REPORT", v, finding, null, postOp, rois, RX_GY, "CTV drawn", List.of("6711, 0.7 U at implant"));
        assertThat(text(without)).doesNotContain("model-based").doesNotContain("Dw,m");

        // one wording: report.pdf (in its ASCII spelling) and the command line (dose --engine mc, plan and verify --model-based
        // print ModelBasedNotes.terminal) carry the same note for this result; the workstation's uncertaintyNote is the same
        // note (ModelBasedApiTest). The PDF wraps the note over lines: compared with single spaces.
        String note = ModelBasedNotes.uncertainty(e);
        assertThat(note).contains("spread of the run's 10 independent groups of histories").contains(MetricUncertainty.BIAS_NOTE)
                .endsWith(e.comparison().biasNote());
        assertThat(text(with).replaceAll("\\s+", " ")).contains(ModelBasedSection.text(note) + "; " + e.photons() + " photons in");
        // every number before σ is spelled with a space, as "1 sigma" is: the bias note's "1 to 3σ" read "1 to 3sigma"
        assertThat(text(with).replaceAll("\\s+", " ")).contains("can reach 1 to 3 sigma").doesNotContainPattern("[0-9]sigma");
        String terminal = ModelBasedNotes.terminal(e);
        assertThat(terminal).as("the note under the table, once, and no second wording of ±")
                .containsOnlyOnce(note).endsWith(note + ".\n").containsOnlyOnce("1σ of the").doesNotContain("statistical (Monte Carlo) only");
    }

    private static String text(Path pdf) throws Exception {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }
}
