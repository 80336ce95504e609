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

    /** A 14 mm radius GTV with 27 planned seeds 9 mm apart (0.6 U, Rx 100 Gy), exported as a DICOM plan set. */
    private record PlanSet(Volume preOp, List<Seed> planned, DicomExport.Written written) {
    }

    private PlanSet planSet() throws Exception {
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
        return new PlanSet(preOp, planned, w);
    }

    /**
     * Writes the post-op CT of the implanted seeds as a DICOM series: a new study in the given Frame of
     * Reference (the plan's, as when the scanner keeps the patient's frame, or another one).
     */
    private Path postOpCt(Volume preOp, List<SeedPose> implanted, String name, String frameOfReferenceUid) throws Exception {
        Volume postOp = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(preOp, implanted, 9);
        Path ctDir = tmp.resolve(name);
        StudyContext study = new StudyContext(PatientInfo.anonymous("VERIFY1"), Uids.newUid(), frameOfReferenceUid,
                java.time.LocalDateTime.of(2026, 2, 1, 10, 0));
        List<DataSet> slices = CtSeriesWriter.slices(postOp, study, Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            DicomWriter.write(slices.get(k), ctDir.resolve(String.format("ct%03d.dcm", k)));
        }
        return ctDir;
    }

    private static String planFrame(DicomExport.Written w) {
        return org.seedplan.dicom.rtplan.RtPlanReader.read(w.rtPlan()).frameOfReferenceUid();
    }

    @Test
    void verifiesAShiftedImplantAgainstItsPlan() throws Exception {
        PlanSet set = planSet();
        List<Seed> planned = set.planned();
        DicomExport.Written w = set.written();
        // Every seed implanted 1.5 mm to patient left (+x) of its plan.
        List<SeedPose> implanted = planned.stream()
                .map(s -> new SeedPose(s.centreMm().plus(new Vec3(1.5, 0, 0)), s.axis(), SeedPose.Arrangement.ISOLATED)).toList();
        Path ctDir = postOpCt(set.preOp(), implanted, "postop", planFrame(w));

        Path out = tmp.resolve("verification");
        CliRun r = CliRun.of("verify", "--plan", w.rtPlan().toString(), "--ct", ctDir.toString(), "--out", out.toString(), "--json",
                "--implant-date", "2026-01-01");
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

    /**
     * A post-op CT in another Frame of Reference, its coordinates 20 mm to +x of the plan's: matched in
     * raw coordinates every seed would be 20 mm off; it is refused, and verified with the registration.
     */
    @Test
    void postOpCtInAnotherFrameIsRefusedAndVerifiedWithItsRegistration() throws Exception {
        PlanSet set = planSet();
        List<SeedPose> implanted = set.planned().stream()
                .map(s -> new SeedPose(s.centreMm().plus(new Vec3(1.5, 0, 0)), s.axis(), SeedPose.Arrangement.ISOLATED)).toList();
        Volume rendered = new PostOpCtRenderer(ImagingModel.clinical().withoutDistractors()).addImplant(set.preOp(), implanted, 9);
        org.seedplan.geometry.Grid g = rendered.grid();
        Volume shifted = new Volume(new org.seedplan.geometry.Grid(g.originMm().plus(new Vec3(20, 0, 0)), g.dxMm(), g.dyMm(), g.dzMm(),
                g.nx(), g.ny(), g.nz()), rendered.hu());
        Path ctDir = tmp.resolve("postop-other-frame");
        StudyContext study = new StudyContext(PatientInfo.anonymous("VERIFY1"), Uids.newUid(), Uids.newUid(),
                java.time.LocalDateTime.of(2026, 2, 1, 10, 0));
        List<DataSet> slices = CtSeriesWriter.slices(shifted, study, Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            DicomWriter.write(slices.get(k), ctDir.resolve(String.format("ct%03d.dcm", k)));
        }
        Path out = tmp.resolve("other-frame");
        CliRun refused = CliRun.of("verify", "--plan", set.written().rtPlan().toString(), "--ct", ctDir.toString(), "--out",
                out.toString(), "--implant-date", "2026-01-01");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).contains("different Frames of Reference").contains("--registration").doesNotContain("\n");
        assertThat(out).doesNotExist();

        Path matrix = tmp.resolve("postop-to-plan.txt");
        Files.writeString(matrix, "1 0 0 -20\n0 1 0 0\n0 0 1 0\n0 0 0 1\n");
        CliRun r = CliRun.of("verify", "--plan", set.written().rtPlan().toString(), "--ct", ctDir.toString(), "--out",
                out.toString(), "--implant-date", "2026-01-01", "--registration", matrix.toString(), "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode v = new ObjectMapper().readTree(r.out()).get("verification");
        assertThat(v.get("seeds_matched").asInt()).isEqualTo(27);
        assertThat(v.get("mean_displacement_mm").asDouble()).isCloseTo(1.5, within(0.5)); // as in the same-frame test
        assertThat(v.get("source").toString()).contains("registered into the plan's frame").contains("-20.00");

        // Three of these seeds given as an earlier implant's, in the post-op CT's coordinates (as find-seeds wrote them
        // for this CT): they are recognised on the CT registered into the plan's frame, so moved with it.
        Path earlier = tmp.resolve("earlier.csv");
        StringBuilder csv = new StringBuilder("x_mm,y_mm,z_mm\n");
        implanted.subList(0, 3).forEach(sp -> csv.append(sp.centreMm().x() + 20).append(',').append(sp.centreMm().y()).append(',')
                .append(sp.centreMm().z()).append('\n'));
        Files.writeString(earlier, csv);
        Path out2 = tmp.resolve("other-frame-earlier");
        CliRun withEarlier = CliRun.of("verify", "--plan", set.written().rtPlan().toString(), "--ct", ctDir.toString(), "--out",
                out2.toString(), "--implant-date", "2026-01-01", "--registration", matrix.toString(), "--previous-seeds", earlier.toString(),
                "--expected", "24", "--json");
        assertThat(withEarlier.exitCode()).as(withEarlier.err()).isZero();
        JsonNode w = new ObjectMapper().readTree(withEarlier.out()).get("verification");
        assertThat(w.get("self_check").toString()).contains("PREVIOUS IMPLANT: 3 of its 3 seeds recognised");
        assertThat(w.get("seeds_matched").asInt()).isEqualTo(24);
    }

    @Test
    void proposesSupplementarySeedsWhereSeedsWereNotImplanted() throws Exception {
        PlanSet set = planSet();
        // the nine seeds of the +x layer never reached the target: that side is cold
        List<SeedPose> implanted = set.planned().stream().filter(s -> s.centreMm().x() < 1)
                .map(s -> new SeedPose(s.centreMm(), s.axis(), SeedPose.Arrangement.ISOLATED)).toList();
        Path ctDir = postOpCt(set.preOp(), implanted, "postop-partial", planFrame(set.written()));
        Path intent = tmp.resolve("intent.json");
        Files.writeString(intent, """
                {"format": "seedplan-intent/1",
                 "targets": [{"structure": "GTV", "prescription_gy": 100}],
                 "seed": {"source": "amersham6711", "strength": "0.6 U"},
                 "approach": {"type": "coplanar_template", "needle_direction": [0, 0, 1]}}
                """);
        Path out = tmp.resolve("supplement");
        CliRun r = CliRun.of("verify", "--plan", set.written().rtPlan().toString(), "--ct", ctDir.toString(),
                "--expected", "18", "--intent", intent.toString(), "--out", out.toString(), "--json",
                "--implant-date", "2026-01-01");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode v = new ObjectMapper().readTree(r.out()).get("verification");
        assertThat(v.get("seeds_found").asInt()).isEqualTo(18);
        assertThat(v.get("seeds_missing").asInt()).isEqualTo(9);
        JsonNode x = v.get("supplementary");
        assertThat(x.get("seeds").asInt()).isPositive();
        assertThat(x.get("reaches_prescription").asBoolean()).isTrue();
        // the intent's one target: its D90 before and after, an array item naming it
        assertThat(x.get("d90")).hasSize(1);
        JsonNode gtv = x.get("d90").get(0);
        assertThat(gtv.get("structure").asText()).isEqualTo("GTV");
        assertThat(gtv.get("after_gy").asDouble()).isGreaterThanOrEqualTo(100).isGreaterThan(gtv.get("before_gy").asDouble());
        List<String> rows = Files.readAllLines(out.resolve("supplementary_seeds.csv"));
        assertThat(rows).hasSize(x.get("seeds").asInt() + 1);
        // the proposed seeds go where the missing layer was (x > 0), not into the implanted part
        int xColumn = List.of(rows.get(0).split(",")).indexOf("x_mm");
        double meanX = rows.stream().skip(1).mapToDouble(line -> Double.parseDouble(line.split(",")[xColumn])).average().orElseThrow();
        assertThat(meanX).isPositive();
    }
}
