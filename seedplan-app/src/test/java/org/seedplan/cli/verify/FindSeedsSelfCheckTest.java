package org.seedplan.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void aMissingPreviousSeedFileIsOneLineNamingTheOption() {
        CliRun r = CliRun.of("find-seeds", "--ct", tmp.toString(), "--previous-seeds", tmp.resolve("nope.csv").toString(),
                "--out-file", tmp.resolve("x.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--previous-seeds").contains("no such file").hasLineCount(1);
    }
}
