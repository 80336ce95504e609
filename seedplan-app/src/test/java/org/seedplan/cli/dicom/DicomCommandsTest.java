package org.seedplan.cli.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.PlanSet;
import org.seedplan.dicom.rtdose.RtDoseReader;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.ReferenceDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.source.SourceLibrary;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

class DicomCommandsTest {

    @TempDir
    Path tmp;

    private static Path phantom() {
        String p = System.getProperty("seedplan.shared");
        Path dir = (p != null ? Path.of(p) : Path.of("../../shared")).resolve("data/synthetic-seed-phantom/dicom");
        if (!Files.isDirectory(dir)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("shared phantom data missing: " + dir);
            }
            Assumptions.assumeTrue(false, "shared phantom data missing");
        }
        return dir;
    }

    /** {@code seedplan dvh --json} on the phantom: the metrics JSON, PROSTATE as plastimatch's mask DVH gives it (±1 %). */
    @Test
    void dvhPrintsTheMetricsJsonOfEveryRoi() throws Exception {
        Path d = phantom();
        CliRun r = CliRun.of("dvh", "--ct", d.toString(), "--rtstruct", d.resolve("rtss.dcm").toString(),
                "--rtdose", d.resolve("dose.dcm").toString(), "--rx-gy", "145", "--json", "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("prescription_gy").asDouble()).isEqualTo(145.0);
        JsonNode prostate = root.get("structures").get(2);
        assertThat(prostate.get("name").asText()).isEqualTo("PROSTATE");
        // plastimatch's DVH of the prostate mask (dvh-from-masks.csv, bins read at k − 0.5 Gy): D90 153.72 Gy, 14.32 cc
        assertThat(prostate.get("d_pct_gy").get("90").asDouble()).isCloseTo(153.72, within(1.54));
        assertThat(prostate.get("volume_cc").asDouble()).isCloseTo(14.32, within(0.15));
        assertThat(tmp.resolve("out/dvh.csv")).exists();
        assertThat(tmp.resolve("out/metrics.json")).exists();
    }

    @Test
    void dvhRefusesAStructureSetOfAnotherStudyWithOneLine() {
        Path d = phantom();
        Path otherDose = d.getParent().getParent().resolve("pydicom-testfiles/rtdose.dcm");
        CliRun r = CliRun.of("dvh", "--ct", d.toString(), "--rtstruct", d.resolve("rtss.dcm").toString(),
                "--rtdose", otherDose.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        // pydicom's sample dose belongs to another patient (and another frame): refused naming both files and both IDs
        assertThat(r.err().strip()).startsWith("seedplan dvh:").contains("rtdose.dcm").contains("rtss.dcm").contains("Patient ID")
                .doesNotContain("\n");
    }

    /**
     * {@code seedplan dose} on an exported plan: the RT Dose it writes holds the dose of the plan's
     * seeds, checked against the reference TG-43 engine evaluated directly at sample voxels.
     */
    @Test
    void doseComputesTheImportedSeedsAndWritesRtDose() {
        Grid ctGrid = new Grid(new Vec3(-40, -40, -20), 2, 2, 2.5, 41, 41, 17);
        float[] hu = new float[ctGrid.voxelCount()];
        List<Contour> gtv = new ArrayList<>();
        for (int k = -4; k <= 4; k++) {
            double r = Math.sqrt(Math.max(0, 144 - Math.pow(k * 2.5, 2)));
            if (r > 2) {
                double[] x = new double[36];
                double[] y = new double[36];
                for (int i = 0; i < 36; i++) {
                    x[i] = r * Math.cos(Math.PI * i / 18);
                    y[i] = r * Math.sin(Math.PI * i / 18);
                }
                gtv.add(new Contour(k * 2.5, x, y));
            }
        }
        List<Seed> seeds = new ArrayList<>();
        for (double x : new double[] {-5, 5}) {
            for (double z : new double[] {-5, 0, 5}) {
                seeds.add(new Seed(new Vec3(x, 0.5, z), Vec3.UNIT_Z, 0.762));
            }
        }
        Grid doseGrid = new Grid(new Vec3(-10, -10, -10), 2, 2, 2, 11, 11, 11);
        PlanSet set = new PlanSet(PatientInfo.anonymous("CLI-1"), new Volume(ctGrid, hu),
                List.of(new Structure("GTV", StructureType.GTV, 0xFF0000, gtv)), List.of(seeds.subList(0, 3), seeds.subList(3, 6)),
                new SeedSourceInfo("I-125", "Amersham", "6711", 59.4, 3.0, 0.8, LocalDate.of(2026, 1, 1)), 120, "GTV",
                new DoseGrid(doseGrid, new float[doseGrid.voxelCount()]));
        DicomExport.Written w = DicomExport.writePlanSet(tmp.resolve("plan"), set, RtDoseWriter.Bits.THIRTY_TWO);
        Path out = tmp.resolve("RD.new.dcm");
        CliRun r = CliRun.of("dose", "--ct", w.dir().toString(), "--rtstruct", w.rtStruct().toString(), "--rtplan",
                w.rtPlan().toString(), "--out-file", out.toString(), "--grid-mm", "2", "--rx-gy", "120", "--implant-date", "2026-01-01");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 seeds").contains("source: amersham6711 (the plan's 'Amersham 6711, I-125')").contains("GTV");
        DoseGrid written = RtDoseReader.read(out).requireGy("RD.new.dcm");
        Tg43Kernel kernel = new Tg43Kernel(SourceLibrary.builtIn().model(SourceLibrary.DEFAULT_KEY), DoseModel.parse("line"));
        double gyPerCGyPerH = DecayIntegral.permanent(59.40).gyPerCGyPerH();
        Grid g = written.grid();
        for (int n = 0; n < g.voxelCount(); n += 97) {
            Vec3 p = g.centre(n);
            double nearest = seeds.stream().mapToDouble(s -> s.centreMm().distanceTo(p)).min().orElseThrow();
            if (nearest < 2) {
                continue; // the fast engine's 0.5 % guarantee holds beyond 1 mm from a seed; stay clear of the singularity
            }
            double expected = new ReferenceDoseEngine(kernel).doseRateCGyPerH(seeds, List.of(p))[0] * gyPerCGyPerH;
            // fast engine within 0.5 % of the reference (DESIGN.md), plus 32-bit quantisation (negligible)
            assertThat((double) written.doseGy()[n]).as("dose at " + p).isCloseTo(expected, within(0.005 * expected + 1e-6));
        }
    }
}
