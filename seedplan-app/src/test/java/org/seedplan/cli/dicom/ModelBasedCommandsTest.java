package org.seedplan.cli.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.rtdose.RtDoseReader;
import java.time.LocalDate;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.PlanSet;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * {@code seedplan dose --engine mc} and {@code seedplan plan --model-based} on the demo's DICOM export: the dose written
 * says which it is, TG-43 is printed and reported beside it with the model-based values' 1σ.
 */
class ModelBasedCommandsTest {

    @TempDir
    static Path tmp;
    static Path demo;

    /** The demo patient's CT, structures and fixed implant (one RT Plan channel per needle) as DICOM, without planning. */
    @BeforeAll
    static void demoExport() {
        DemoPatient p = new DemoPatient();
        DicomExport.Written w = export(p, p.structures(), "demo");
        demo = w.dir();
        assertThat(w.rtStruct()).isEqualTo(demo.resolve("RS.dcm"));
        assertThat(w.rtPlan()).isEqualTo(demo.resolve("RP.dcm"));
    }

    /** The demo's CT, {@code structures} and fixed implant (one RT Plan channel per needle) as DICOM in {@code tmp/dir}. */
    private static DicomExport.Written export(DemoPatient p, List<Structure> structures, String dir) {
        java.util.Map<String, List<Seed>> needles = new java.util.TreeMap<>();
        for (Seed s : p.implant()) {
            needles.computeIfAbsent(s.centreMm().x() + "," + s.centreMm().z(), k -> new ArrayList<>()).add(s);
        }
        Grid doseGrid = new Grid(new Vec3(-70, -30, -20), 2, 2, 2, 26, 31, 21);
        PlanSet set = new PlanSet(PatientInfo.anonymous(DemoPatient.ID), p.ct(), structures, List.copyOf(needles.values()),
                new SeedSourceInfo("I-125", "Amersham", "6711", 59.4, 3.0, 0.8, LocalDate.of(2025, 3, 3)), 120, "GTV",
                new DoseGrid(doseGrid, new float[doseGrid.voxelCount()]));
        return DicomExport.writePlanSet(tmp.resolve(dir), set, RtDoseWriter.Bits.THIRTY_TWO);
    }

    @Test
    void writesTheDoseItNamesAndPrintsItBesideTg43WithItsUncertainty() {
        Path out = tmp.resolve("RD-mc.dcm");
        // a 3 mm grid and at most 4 s of transport: the numbers are for the format, not the physics (core tests hold those)
        CliRun r = dose(out, "--engine", "mc", "--mc-report", "dw,m", "--grid-mm", "3", "--rx-gy", "120", "--mc-max-seconds", "4",
                "--tissue", "GTV=liver");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("dose written: Dw,m (model-based dose to water in medium (TG-186)): Monte Carlo")
                .contains("TG-43 (Dw,w)").contains("Dw,m ± 1σ").containsPattern("GTV +D90 +[0-9.]+ Gy +[0-9.]+ ± [0-9.]+ Gy")
                .contains("Dw,m D90 Gy").contains("GTV: liver 100 % (user's override)")
                .contains("soft tissue no contour assigns: mean-male-soft-tissue").contains("Stomach: ")
                .as("one note under both tables, in the words of report.pdf and the workstation (ModelBasedNotes)")
                .containsOnlyOnce("± is 1σ of the Monte Carlo statistics only (spread of the run's ");
        assertThat(r.err()).contains("model-based dose (Monte Carlo): 100 %");
        DataSet rd = DicomReader.read(out).dataSet();
        assertThat(rd.string(ModelBasedDoseRun.DOSE_COMMENT).orElseThrow()).startsWith("Dw,m (model-based dose to water in medium");
        DoseGrid written = RtDoseReader.read(out).requireGy("RD-mc.dcm");
        assertThat(written.maxGy()).isGreaterThan(120);
    }

    @Test
    void refusesBadModelBasedOptionsInOneLineBeforeReadingAnything() {
        Path out = tmp.resolve("never.dcm");
        refused(dose(out, "--engine", "gpu"), "--engine 'gpu'", "tg43", "mc");
        refused(dose(out, "--hu-density", "curve.csv"), "add --engine mc");
        refused(dose(out, "--engine", "mc"), "--engine mc needs --rx-gy");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--mc-report", "dose"), "--mc-report 'dose'", "dm,m", "dw,m");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--tissue", "GTV"), "--tissue 'GTV'", "ROI=MATERIAL");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--tissue", "GTV=tumor"), "unknown material 'tumor'", "soft-tissue");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--mc-uncertainty-pct", "0.01"), "--mc-uncertainty-pct");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--soft-tissue", "tumour"), "--soft-tissue 'tumour'", "mean-female-soft-tissue");
        refused(dose(out, "--soft-tissue", "mean-female-soft-tissue"), "add --engine mc");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void refusesAnOverrideOfAStructureTheSetDoesNotHold() {
        Path out = tmp.resolve("never2.dcm");
        refused(dose(out, "--engine", "mc", "--rx-gy", "120", "--grid-mm", "3", "--tissue", "Tumour=soft-tissue"),
                "no structure named 'Tumour'", "GTV");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void planReportPutsTg43BesideTheModelBasedDose() throws Exception {
        // at most 4 s of transport: the numbers are for the format, not the physics (core tests hold those)
        CliRun r = planModelBased(demo, "plan-mb", 4);
        assertThat(r.out()).contains("model-based dose: Dm,m (model-based dose to medium in medium (TG-186))").contains("TG-43 (Dw,w)")
                .containsPattern("GTV +D90 +[0-9.]+ Gy +[0-9.]+ ± [0-9.]+ Gy");
        String pdf = reportText(tmp.resolve("plan-mb"));
        assertThat(pdf).contains("TG-43 vs model-based dose (Dm,m, AAPM TG-186)").contains("Dm,m +/- 1 sigma").contains("TG-43 (Dw,w)")
                .contains("1 sigma of the Monte Carlo statistics only")
                .contains("soft tissue no contour assigns: mean-male-soft-tissue").contains("Composition given (share of its voxels)")
                .contains("CT classes");
        // the reasons wrap within their column: read them as one line
        assertThat(pdf.replaceAll("\\s+", " ")).contains("GTV mean-male-soft-tissue 100 % target in no Table III organ: default soft tissue,"
                + " one composition (the CT's soft-tissue and adipose classes hold").contains("of its soft-tissue, adipose and liver voxels)");
    }

    /**
     * A Liver drawn on the CT around the lesion but no organ of the intent (target GTV, organ Stomach) takes part in the contour
     * rules of {@code plan --model-based} (TG-186: contours override the CT): its voxels are liver and the GTV in it a target in
     * Liver, both stated in report.pdf. Before the "mc" session of 2026-12-04 only the intent's organs took part: the GTV was
     * a target in no Table III organ, the default soft tissue.
     */
    @Test
    void aDrawnLiverNoOrganOfTheIntentTakesPartInTheTissueRulesOfPlan() throws Exception {
        DemoPatient p = new DemoPatient();
        List<Contour> box = new ArrayList<>();
        Grid ct = p.ct().grid();
        for (int k = 0; k < ct.nz(); k++) {
            if (Math.abs(ct.z(k)) <= 24) {
                box.add(new Contour(ct.z(k), new double[] {-75, -15, -15, -75}, new double[] {-30, -30, 30, 30}));
            }
        }
        List<Structure> drawn = new ArrayList<>(p.structures());
        drawn.add(new Structure("Liver", StructureType.ORGAN, 0x884400, box));
        planModelBased(export(p, drawn, "demo-liver").dir(), "plan-liver", 2);
        assertThat(reportText(tmp.resolve("plan-liver")).replaceAll("\\s+", " ")).containsPattern("GTV liver 100 % target in Liver \\(Liver: TG-263 name\\)")
                .containsPattern("Liver liver [0-9]+ %.* organ contour \\(TG-186 Table III; TG-263 name\\)");
    }

    @Test
    void planAndVerifyRefuseModelBasedOptionsWithoutTheSwitchOrWithoutACt() throws Exception {
        Path intent = tmp.resolve("intent2.json");
        Files.writeString(intent, INTENT);
        refused(CliRun.of("plan", "--ct", demo.toString(), "--rtstruct", demo.resolve("RS.dcm").toString(), "--intent", intent.toString(),
                "--mc-report", "dw,m"), "add --model-based");
        Path caseFile = tmp.resolve("case.json");
        Files.writeString(caseFile, org.seedplan.io.CaseJson.write(new org.seedplan.demo.DemoPatient().asCase()));
        refused(CliRun.of("plan", "--case", caseFile.toString(), "--intent", intent.toString(), "--model-based"), "--model-based needs the CT");
        refused(CliRun.of("verify", "--plan", demo.resolve("RP.dcm").toString(), "--ct", demo.toString(), "--implant-date", "2025-03-03",
                "--out", tmp.resolve("never-verified").toString(), "--hu-density", "curve.csv"), "add --model-based");
        refused(CliRun.of("verify", "--plan", demo.resolve("RP.dcm").toString(), "--ct", demo.toString(), "--implant-date", "2025-03-03",
                "--out", tmp.resolve("never-verified").toString(), "--model-based", "--mc-report", "water"), "--mc-report 'water'");
        assertThat(Files.exists(tmp.resolve("never-verified"))).isFalse();
    }

    @Test
    void helpOfEachCommandShowsTheModelBasedOptionsWithoutFormatWarnings() {
        for (String command : List.of("dose", "plan", "verify")) {
            CliRun r = CliRun.of(command, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("--mc-report").contains("--hu-density").contains("--tissue").contains("--mc-uncertainty-pct");
            assertThat(r.err()).doesNotContain("WARN");
        }
    }

    private static final String INTENT = """
            {"format": "seedplan-intent/1",
             "targets": [{"structure": "GTV", "prescription_gy": 120}],
             "organs": [{"structure": "Stomach", "limit": "d2cc", "dose_gy": 60, "needle_margin_mm": 5}],
             "seed": {"source": "amersham6711", "strength": "0.6 mCi", "stock": 10},
             "approach": {"type": "coplanar_template", "needle_direction": [0, 1, 0]}}
            """;

    /** {@code plan --model-based} of the INTENT on the CT and RS.dcm in {@code dir}, at most {@code seconds} of transport, into tmp/out. */
    private static CliRun planModelBased(Path dir, String out, int seconds) throws Exception {
        Path intent = tmp.resolve(out + "-intent.json");
        Files.writeString(intent, INTENT);
        CliRun r = CliRun.of("plan", "--ct", dir.toString(), "--rtstruct", dir.resolve("RS.dcm").toString(), "--intent", intent.toString(),
                "--model-based", "--mc-max-seconds", Integer.toString(seconds), "--out", tmp.resolve(out).toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    /** The text of report.pdf in {@code out}. */
    private static String reportText(Path out) throws Exception {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(out.resolve("report.pdf").toFile())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }

    private static CliRun dose(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("dose", "--ct", demo.toString(), "--rtstruct", demo.resolve("RS.dcm").toString(),
                "--rtplan", demo.resolve("RP.dcm").toString(), "--out-file", out.toString(), "--implant-date", "2025-03-03"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void refused(CliRun r, String... contains) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains(contains);
    }
}
