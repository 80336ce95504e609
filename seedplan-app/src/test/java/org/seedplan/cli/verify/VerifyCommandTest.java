package org.seedplan.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.dicom.DicomExport;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PostOpCtRenderer;
import org.seedplan.verify.phantom.SeedPose;

/** End to end through DICOM: a plan set written by seedplan, a simulated post-op CT, then {@code seedplan verify}. */
class VerifyCommandTest {

    @TempDir
    Path tmp;

    @Test
    void verifiesAShiftedImplantAgainstItsPlan() throws Exception {
        Grid grid = new Grid(new Vec3(-40, -40, -30), 0.8, 0.8, 2.5, 101, 101, 25);
        Volume preOp = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).render(grid, List.of(), 1);
        List<Contour> contours = new ArrayList<>();
        for (double z = -12.5; z <= 12.5; z += 2.5) {
            double r = Math.sqrt(Math.max(0, 14 * 14 - z * z));
            if (r < 2) {
                continue;
            }
            double[] x = new double[48];
            double[] y = new double[48];
            for (int n = 0; n < 48; n++) {
                x[n] = r * Math.cos(2 * Math.PI * n / 48);
                y[n] = r * Math.sin(2 * Math.PI * n / 48);
            }
            contours.add(new Contour(z, x, y));
        }
        Structure gtv = new Structure("GTV", StructureType.GTV, contours);
        List<Seed> planned = new ArrayList<>();
        for (int i = -1; i <= 1; i++) {
            for (int j = -1; j <= 1; j++) {
                for (int k = -1; k <= 1; k++) {
                    planned.add(new Seed(new Vec3(9 * i, 9 * j, 9 * k), Vec3.UNIT_Z, 0.6));
                }
            }
        }
        Path planDir = tmp.resolve("plan");
        SeedSourceInfo source = new SeedSourceInfo("I-125", "Amersham", "6711", 59.40, 3.0, 0.8, LocalDate.of(2026, 1, 1));
        DicomExport.Written w = DicomExport.writePlanSet(planDir, preOp, List.of(gtv), planned, source, 100, "GTV",
                new DoseGrid(grid, new float[grid.voxelCount()]), PatientInfo.anonymous("VERIFY1"));

        // Every seed implanted 1.5 mm to patient left (+x) of its plan.
        List<SeedPose> implanted = planned.stream()
                .map(s -> new SeedPose(s.centreMm().plus(new Vec3(1.5, 0, 0)), s.axis(), SeedPose.Arrangement.ISOLATED)).toList();
        Volume postOp = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(preOp, implanted, 9);
        Path ctDir = tmp.resolve("postop");
        List<DataSet> slices = CtSeriesWriter.slices(postOp, StudyContext.newStudy(PatientInfo.anonymous("VERIFY1")), Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            DicomWriter.write(slices.get(k), ctDir.resolve(String.format("ct%03d.dcm", k)));
        }

        Path out = tmp.resolve("verification");
        CliRun r = CliRun.of("verify", "--plan", w.rtPlan().toString(), "--ct", ctDir.toString(), "--out", out.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode v = new ObjectMapper().readTree(r.out()).get("verification");
        assertThat(v.get("seeds_planned").asInt()).isEqualTo(27);
        assertThat(v.get("seeds_found").asInt()).isEqualTo(27);
        assertThat(v.get("seeds_missing").asInt()).isZero();
        // The known 1.5 mm shift, within the seed finder's 0.5 mm accuracy.
        assertThat(v.get("mean_displacement_mm").asDouble()).isCloseTo(1.5, within(0.5));
        assertThat(v.get("structures").get(0).get("name").asText()).isEqualTo("GTV");
        assertThat(v.get("pre_plan").get("structures").get(0).get("d_pct_gy").get("90").asDouble()).isPositive();
        for (String name : VerificationFiles.names()) {
            assertThat(out.resolve(name)).exists();
        }
        assertThat(Files.readAllLines(out.resolve("found_seeds.csv"))).hasSize(28);
    }
}
