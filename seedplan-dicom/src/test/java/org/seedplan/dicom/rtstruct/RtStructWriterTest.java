package org.seedplan.dicom.rtstruct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.TestPlans;
import org.seedplan.dicom.ct.CtReference;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Uids;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

class RtStructWriterTest {

    private static CtReference reference() {
        List<String> uids = new ArrayList<>();
        for (int k = 0; k < TestPlans.ctGrid().nz(); k++) {
            uids.add(Uids.newUid());
        }
        return new CtReference(Uids.newUid(), Uids.newUid(), Uids.newUid(), TestPlans.ctGrid(), uids);
    }

    /**
     * A 2000-point contour fits one Contour Data element; 4000 points (about 100 kB of text) do not, and are written as
     * pieces that tile the contour: read back, their areas add up to the original's (to 1e-6 relative: the 0.001 mm
     * rounding of the coordinates), hole detection sees no holes, and dciodvfy accepts the file.
     */
    @Test
    void longContoursFitUpToTheElementLimitAndAreSplitIntoTilingPiecesBeyond() throws Exception {
        StudyContext study = StudyContext.newStudy(PatientInfo.anonymous("X"));
        Structure fits = new Structure("BODY", StructureType.EXTERNAL, List.of(TestPlans.circle(0.123456, 0.654321, 123.456, 0, 2000)));
        DataSet ds = RtStructWriter.write(List.of(fits), reference(), study, Uids.newUid(), Uids.newUid(), "t");
        RtStructureSet back = RtStructReader.read(DicomReader.parse(DicomWriter.encode(ds), "rs").dataSet());
        assertThat(back.rois().get(0).contours().get(0).size()).isEqualTo(2000);

        List<org.seedplan.structure.Contour> planes = new ArrayList<>();
        for (int k = -2; k <= 2; k++) {
            planes.add(star(k * 2.5, 4000));
        }
        Structure tooLong = new Structure("BODY", StructureType.EXTERNAL, planes);
        DataSet big = RtStructWriter.write(List.of(tooLong), reference(), study, Uids.newUid(), Uids.newUid(), "t");
        Roi roi = RtStructReader.read(DicomReader.parse(DicomWriter.encode(big), "rs").dataSet()).rois().get(0);
        assertThat(roi.contours().size()).isGreaterThan(5);
        double original = 0;
        for (org.seedplan.structure.Contour c : planes) {
            original += Math.abs(c.signedAreaMm2());
        }
        double pieces = 0;
        for (org.seedplan.structure.Contour c : roi.contours()) {
            pieces += Math.abs(c.signedAreaMm2());
        }
        assertThat(pieces).isCloseTo(original, org.assertj.core.api.Assertions.within(1e-6 * original));
        double slabs = original / planes.size() * 2.5 * planes.size() / 1000; // 5 planes, 2.5 mm apart: each a 2.5 mm slab
        assertThat(roi.contourVolumeCc()).isCloseTo(slabs, org.assertj.core.api.Assertions.within(1e-6 * slabs));
        // the DVH's rasteriser sees the same region: pieces and whole give the same partial-volume mask to 1e-4
        org.seedplan.geometry.Grid g = new org.seedplan.geometry.Grid(new org.seedplan.geometry.Vec3(-90, -90, -5), 1, 1, 2.5, 181, 181, 5);
        double whole = org.seedplan.structure.MaskRasterizer.rasterize(tooLong, g).volumeCc();
        double split = org.seedplan.structure.MaskRasterizer.rasterize(roi.structure().orElseThrow(), g).volumeCc();
        assertThat(split).isCloseTo(whole, org.assertj.core.api.Assertions.within(1e-4 * whole));
        java.nio.file.Path f = java.nio.file.Files.createTempFile("rs-split", ".dcm");
        try {
            DicomWriter.write(big, f);
            assertThat(org.seedplan.dicom.ExternalTools.dciodvfyErrors(f)).isEmpty();
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    /** A concave star (radius 60 ± 25 mm, 7 points): the cut lines cross it several times. */
    private static org.seedplan.structure.Contour star(double z, int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            double r = 60 + 25 * Math.cos(7 * a);
            x[i] = r * Math.cos(a);
            y[i] = r * Math.sin(a);
        }
        return new org.seedplan.structure.Contour(z, x, y);
    }
}
