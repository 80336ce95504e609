package org.seedplan.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.rtplan.RtPlanWriter;
import org.seedplan.dicom.rtplan.SeedPlanExport;
import org.seedplan.dicom.rtplan.SeedSourceInfo;
import org.seedplan.dose.Seed;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.scanner.Anatomy;
import org.seedplan.verify.scanner.BenchScanSpec;
import org.seedplan.verify.scanner.DenseObject;
import org.seedplan.verify.scanner.HuScale;
import org.seedplan.verify.scanner.PostOpScanner;
import org.seedplan.verify.scanner.ScannerModel;
import org.seedplan.verify.scanner.SimulatedPostOpScan;
import org.seedplan.verify.scanner.SliceProfile;

/** {@code find-seeds} says first what to check: no seeds among the metal, other metal, an earlier implant's seeds. */
class FindSeedsSelfCheckTest {

    @TempDir
    Path tmp;

    private Path writeCt(Volume v, String name) {
        Path dir = tmp.resolve(name);
        List<DataSet> slices = CtSeriesWriter.slices(v, StudyContext.newStudy(PatientInfo.anonymous("VERIFY")), Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            DicomWriter.write(slices.get(k), dir.resolve(String.format("ct%03d.dcm", k)));
        }
        return dir;
    }

    @Test
    void aScanWhoseOnlyMetalIsAScrewGivesNoSeedsAndSaysSoFirst() throws Exception {
        Grid grid = new Grid(new Vec3(-79.6, -79.6, -35), 0.8, 0.8, 2.5, 200, 200, 29);
        Vec3 o = Anatomy.centre(grid);
        Volume ct = new PostOpScanner(ScannerModel.typical(SliceProfile.TRIANGLE, HuScale.CLIPPED_12_BIT)).scan(grid,
                List.of(DenseObject.pedicleScrew(o.plus(new Vec3(-2, 32, 0)), new Vec3(-0.2, 1, 0.15), 24)), 9);
        Path out = tmp.resolve("none.csv");
        CliRun r = CliRun.of("find-seeds", "--ct", writeCt(ct, "ct").toString(), "--expected", "30", "--out-file", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out)).containsExactly("x_mm,y_mm,z_mm,dx,dy,dz,confidence");
        assertThat(r.out()).startsWith("CHECK NO SEEDS FOUND: the scan's metal is 1 object(s) not shaped like seeds (screw or rod");
        assertThat(r.out()).contains("CHECK SEED COUNT: 0 found, 30 implanted (30 not found)");
    }

    @Test
    void anEarlierImplantsSeedsFromItsSeedListAreLeftOutOfTheTable() throws Exception {
        SimulatedPostOpScan s = SimulatedPostOpScan.generate(new BenchScanSpec(200, 200, 0.8, 29, 2.5,
                ScannerModel.typical(SliceProfile.GAUSSIAN, HuScale.CLIPPED_12_BIT), 6, Set.of(DenseObject.Kind.SCREW), true, 12));
        Path old = tmp.resolve("old_seeds.csv");
        StringBuilder csv = new StringBuilder("x_mm,y_mm,z_mm\n");
        s.previousSeeds().forEach(p -> csv.append(p.centreMm().x() + 0.5).append(',').append(p.centreMm().y()).append(',')
                .append(p.centreMm().z() - 0.5).append('\n'));
        Files.writeString(old, csv);
        Path out = tmp.resolve("found.csv");
        CliRun r = CliRun.of("find-seeds", "--ct", writeCt(s.ct(), "ct").toString(), "--expected", String.valueOf(s.seeds().size()),
                "--previous-seeds", old.toString(), "--out-file", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("CHECK PREVIOUS IMPLANT: 6 of its 6 seeds recognised");
        assertThat(r.out()).contains("earlier implant's seeds (not in the CSV): 6");
        // The table holds this implant's seeds (within one: the bench's acceptance allows about 1 %), none of the old ones.
        List<String> rows = Files.readAllLines(out).subList(1, Files.readAllLines(out).size());
        assertThat(rows.size()).isBetween(s.seeds().size() - 1, s.seeds().size() + 1);
        for (String row : rows) {
            String[] f = row.split(",");
            Vec3 c = new Vec3(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
            assertThat(s.previousSeeds()).noneMatch(p -> p.centreMm().distanceTo(c) < 2);
        }
    }

    /** The scan of the earlier-implant test above: 12 seeds of this implant, 6 of an earlier one, a screw. */
    private static SimulatedPostOpScan withAnEarlierImplant() {
        return SimulatedPostOpScan.generate(new BenchScanSpec(200, 200, 0.8, 29, 2.5,
                ScannerModel.typical(SliceProfile.GAUSSIAN, HuScale.CLIPPED_12_BIT), 6, Set.of(DenseObject.Kind.SCREW), true, 12));
    }

    /** The earlier implant's RT Plan: its seeds at {@code shift} from where this CT shows them, planned on another CT. */
    private Path earlierPlan(SimulatedPostOpScan s, String patientId, Vec3 shift) {
        List<Seed> seeds = s.previousSeeds().stream().map(p -> new Seed(p.centreMm().plus(shift), p.axis(), 0.5)).toList();
        SeedPlanExport export = new SeedPlanExport("EARLIER", List.of(seeds), List.of(),
                new SeedSourceInfo("I-125", "Amersham", "6711", 59.4, 3.0, 0.8, LocalDate.of(2025, 6, 1)), 140, 1, "GTV");
        Path file = tmp.resolve("earlier-" + patientId + ".dcm");
        DicomWriter.write(RtPlanWriter.write(export, StudyContext.newStudy(PatientInfo.anonymous(patientId)), Uids.newUid(),
                Uids.newUid(), Uids.newUid()), file);
        return file;
    }

    /**
     * An earlier implant's plan was made on another CT, in another Frame of Reference: its coordinates there are 20 mm
     * to +x of this CT's. Matched raw, none of its seeds would be recognised (the finder pairs within 4 mm) and all six
     * would be counted as this implant's; it is refused until its registration is given, and then recognised.
     */
    @Test
    void anEarlierImplantsPlanInAnotherFrameIsRefusedThenRecognisedThroughItsRegistration() throws Exception {
        SimulatedPostOpScan s = withAnEarlierImplant();
        Path ct = writeCt(s.ct(), "ct");
        Path plan = earlierPlan(s, "VERIFY", new Vec3(20, 0, 0));
        Path out = tmp.resolve("found.csv");
        CliRun refused = CliRun.of("find-seeds", "--ct", ct.toString(), "--previous-seeds", plan.toString(), "--out-file", out.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).startsWith("seedplan find-seeds: --previous-seeds " + plan).contains("Frame of Reference")
                .contains("--previous-registration").doesNotContain("\n");
        assertThat(out).doesNotExist();

        Path matrix = tmp.resolve("earlier-to-this.txt");
        Files.writeString(matrix, "1 0 0 -20\n0 1 0 0\n0 0 1 0\n0 0 0 1\n");
        CliRun r = CliRun.of("find-seeds", "--ct", ct.toString(), "--expected", String.valueOf(s.seeds().size()), "--previous-seeds",
                plan.toString(), "--previous-registration", matrix.toString(), "--out-file", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("CHECK PREVIOUS IMPLANT: 6 of its 6 seeds recognised");
    }

    @Test
    void anotherPatientsEarlierPlanIsRefused() {
        SimulatedPostOpScan s = withAnEarlierImplant();
        Path ct = writeCt(s.ct(), "ct");
        Path plan = earlierPlan(s, "SOMEONE-ELSE", Vec3.ZERO);
        Path out = tmp.resolve("found.csv");
        CliRun r = CliRun.of("find-seeds", "--ct", ct.toString(), "--previous-seeds", plan.toString(), "--out-file", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("seedplan find-seeds: --previous-seeds").contains("different patients").contains("SOMEONE-ELSE")
                .doesNotContain("\n");
        assertThat(out).doesNotExist();
    }

    /**
     * The earlier implant's post-op CT (only its 6 seeds), scanned in another session: another Frame of Reference, its
     * coordinates 20 mm to +x. Its seeds are found on it and, through the registration, recognised on this CT.
     */
    @Test
    void anEarlierImplantsPostOpCtIsReadThroughItsRegistration() throws Exception {
        SimulatedPostOpScan s = withAnEarlierImplant();
        Vec3 shift = new Vec3(20, 0, 0);
        Grid g = s.ct().grid();
        Grid oldGrid = new Grid(g.originMm().plus(shift), g.dxMm(), g.dyMm(), g.dzMm(), g.nx(), g.ny(), g.nz());
        Volume oldCt = new PostOpScanner(s.spec().scanner()).scan(oldGrid, s.previousSeeds().stream()
                .map(p -> DenseObject.seed(p.centreMm().plus(shift), p.axis())).toList(), 77);
        Path oldDir = writeCt(oldCt, "earlier-ct");
        Path matrix = tmp.resolve("earlier-to-this.txt");
        Files.writeString(matrix, "1 0 0 -20\n0 1 0 0\n0 0 1 0\n0 0 0 1\n");
        Path out = tmp.resolve("found.csv");
        CliRun r = CliRun.of("find-seeds", "--ct", writeCt(s.ct(), "ct").toString(), "--expected", String.valueOf(s.seeds().size()),
                "--previous-seeds", oldDir.toString(), "--previous-registration", matrix.toString(), "--out-file", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("CHECK PREVIOUS IMPLANT: 6 of its 6 seeds recognised");
    }

    @Test
    void aRegistrationForASeedCsvIsRefused() throws Exception {
        Path csv = Files.writeString(tmp.resolve("old.csv"), "x_mm,y_mm,z_mm\n1,2,3\n");
        Path matrix = Files.writeString(tmp.resolve("m.txt"), "1 0 0 0\n0 1 0 0\n0 0 1 0\n0 0 0 1\n");
        CliRun r = CliRun.of("find-seeds", "--ct", tmp.toString(), "--previous-seeds", csv.toString(), "--previous-registration",
                matrix.toString(), "--out-file", tmp.resolve("x.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("seedplan find-seeds: --previous-registration").contains("is a CSV").doesNotContain("\n");
    }

    @Test
    void aFolderWithoutACtAsTheEarlierImplantIsOneLineNamingTheOption() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("not-a-ct"));
        Path out = tmp.resolve("x.csv");
        CliRun r = CliRun.of("find-seeds", "--ct", tmp.toString(), "--previous-seeds", empty.toString(), "--out-file", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("seedplan find-seeds: --previous-seeds " + empty).contains("not the earlier implant's post-op CT")
                .doesNotContain("\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingPreviousSeedFileIsOneLineNamingTheOption() {
        CliRun r = CliRun.of("find-seeds", "--ct", tmp.toString(), "--previous-seeds", tmp.resolve("nope.csv").toString(),
                "--out-file", tmp.resolve("x.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--previous-seeds").contains("no such file").hasLineCount(1);
    }
}
