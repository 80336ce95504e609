package org.seedplan.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.cli.CliRun;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.verify.matching.SeedMatcher;
import org.seedplan.verify.matching.SeedMatching;
import org.seedplan.verify.phantom.ImagingModel;
import org.seedplan.verify.phantom.PhantomSpec;
import org.seedplan.verify.phantom.PostOpPhantom;
import org.seedplan.verify.phantom.SeedPose;

class FindSeedsCommandTest {

    @TempDir
    Path tmp;

    private Path writeCt(Volume v) {
        Path dir = tmp.resolve("ct");
        List<DataSet> slices = CtSeriesWriter.slices(v, StudyContext.newStudy(PatientInfo.anonymous("VERIFY")), Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            DicomWriter.write(slices.get(k), dir.resolve(String.format("ct%03d.dcm", k)));
        }
        return dir;
    }

    @Test
    void writesTheSeedTableOfAPhantomReadFromDicom() throws Exception {
        PhantomSpec s = PhantomSpec.standard(2.5, 77);
        PostOpPhantom ph = PostOpPhantom.generate(new PhantomSpec(s.nx(), s.ny(), s.pixelMm(), s.nz(), s.sliceMm(), 4, 5, 1, 1,
                s.implantRadiusMm(), ImagingModel.clinical().withoutDistractors(), 77));
        Path ct = writeCt(ph.ct());
        Path out = tmp.resolve("found.csv");
        CliRun r = CliRun.of("find-seeds", "--ct", ct.toString(), "--expected", "25", "--out-file", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("x_mm,y_mm,z_mm,dx,dy,dz,confidence");
        List<Vec3> found = lines.subList(1, lines.size()).stream().map(l -> l.split(","))
                .map(f -> new Vec3(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]))).toList();
        SeedMatching m = new SeedMatcher(2.5).match(ph.seeds().stream().map(SeedPose::centreMm).toList(), found);
        // 25 seeds including a touching pair and a clump of three: all found, none invented (acceptance allows 1 %,
        // i.e. less than one seed here), centres within the 0.5 mm mean of the acceptance.
        assertThat(m.matches()).hasSize(25);
        assertThat(m.extraFound()).isEmpty();
        assertThat(m.meanDisplacementMm()).isLessThan(0.5);
        assertThat(r.out()).contains("seeds found: 25 (expected 25)");
    }

    @Test
    void scanWithoutSeedsFailsWithOneLineAndWritesNothing() {
        PhantomSpec s = PhantomSpec.standard(5, 3);
        PostOpPhantom ph = PostOpPhantom.generate(new PhantomSpec(s.nx(), s.ny(), s.pixelMm(), s.nz(), s.sliceMm(), 0, 1, 0, 0,
                s.implantRadiusMm(), ImagingModel.clinical().withoutDistractors(), 3));
        Path ct = writeCt(ph.ct());
        Path out = tmp.resolve("none.csv");
        CliRun r = CliRun.of("find-seeds", "--ct", ct.toString(), "--out-file", out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("seedplan find-seeds: no metal in the scan").hasLineCount(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void roiLimitsTheSearchAndAnEmptyRoiIsRefused() throws Exception {
        PhantomSpec s = PhantomSpec.standard(2.5, 78);
        PostOpPhantom ph = PostOpPhantom.generate(new PhantomSpec(s.nx(), s.ny(), s.pixelMm(), s.nz(), s.sliceMm(), 4, 5, 0, 0,
                s.implantRadiusMm(), ImagingModel.clinical().withoutDistractors(), 78));
        Path ct = writeCt(ph.ct());
        org.seedplan.dicom.ct.CtSeries series = org.seedplan.dicom.ct.CtSeriesReader.read(ct);
        // Two boxes drawn on every slice: the half x < 0 of the implant region, and a corner far from any seed.
        List<org.seedplan.structure.Contour> left = new java.util.ArrayList<>();
        List<org.seedplan.structure.Contour> corner = new java.util.ArrayList<>();
        var g = series.volume().grid();
        for (int k = 0; k < g.nz(); k++) {
            left.add(new org.seedplan.structure.Contour(g.z(k), new double[] {-50, -0.01, -0.01, -50}, new double[] {-50, -50, 50, 50}));
            corner.add(new org.seedplan.structure.Contour(g.z(k), new double[] {-62, -55, -55, -62}, new double[] {-62, -62, -55, -55}));
        }
        var structures = List.of(new org.seedplan.structure.Structure("LEFT", org.seedplan.structure.StructureType.OTHER, left),
                new org.seedplan.structure.Structure("CORNER", org.seedplan.structure.StructureType.OTHER, corner));
        // the structure set is drawn on this CT: its study and Frame of Reference
        StudyContext study = new StudyContext(series.patient(), series.studyInstanceUid(), series.frameOfReferenceUid(),
                java.time.LocalDateTime.of(2026, 2, 1, 10, 0));
        Path rs = tmp.resolve("rs.dcm");
        DicomWriter.write(org.seedplan.dicom.rtstruct.RtStructWriter.write(structures,
                org.seedplan.dicom.ct.CtReference.of(series), study, Uids.newUid(), Uids.newUid(), "ROIS"), rs);

        Path out = tmp.resolve("left.csv");
        CliRun r = CliRun.of("find-seeds", "--ct", ct.toString(), "--roi", "LEFT", "--rtstruct", rs.toString(), "--out-file", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        long expectedLeft = ph.seeds().stream().filter(p -> p.centreMm().x() < -3).count();
        long found = Files.readAllLines(out).size() - 1L;
        // Objects touching the box count: every seed with centre x < -3 mm (its 2.25 mm half length plus bloom
        // cannot reach x = 0), and none whose whole blob lies at x > +4 mm.
        assertThat(found).isGreaterThanOrEqualTo(expectedLeft);
        assertThat(found).isLessThanOrEqualTo(ph.seeds().stream().filter(p -> p.centreMm().x() < 4).count());

        CliRun empty = CliRun.of("find-seeds", "--ct", ct.toString(), "--roi", "CORNER", "--rtstruct", rs.toString(), "--out-file",
                tmp.resolve("corner.csv").toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("region 'CORNER' contains no seeds");
        assertThat(tmp.resolve("corner.csv")).doesNotExist();

        CliRun missing = CliRun.of("find-seeds", "--ct", ct.toString(), "--roi", "GTV", "--rtstruct", rs.toString(), "--out-file",
                tmp.resolve("gtv.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no ROI named 'GTV'").contains("1:LEFT, 2:CORNER");
    }

    @Test
    void roiWithoutRtstructIsRefused() {
        CliRun r = CliRun.of("find-seeds", "--ct", tmp.toString(), "--roi", "GTV", "--out-file", tmp.resolve("x.csv").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--roi and --rtstruct go together");
    }
}
