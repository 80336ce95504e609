package org.seedplan.dicom.rtstruct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.structure.Contour;
import org.seedplan.structure.StructureType;

class RtStructReaderTest {

    /** dicompyler-core's own test (tests/test_dicomparser.py) pins ROI 5 of this file: Heart, ORGAN, colour 255/128/0. */
    @Test
    void dicompylerExampleMatchesDicompylerCoreReferenceValues() {
        RtStructureSet rs = RtStructReader.read(ExternalTools.data("dicompyler-example/rtss.dcm"));
        assertThat(rs.rois()).hasSize(10);
        assertThat(rs.label()).isEqualTo("CT_1");
        assertThat(rs.referencedSeriesUid()).isEqualTo("2.16.840.1.113662.2.12.0.3057.1241703565.43");
        Roi heart = rs.rois().stream().filter(r -> r.number() == 5).findFirst().orElseThrow();
        assertThat(heart.name()).isEqualTo("Heart");
        assertThat(heart.type()).isEqualTo(StructureType.ORGAN);
        assertThat(heart.colorRgb()).isEqualTo(0xFF8000);
        Contour first = heart.contours().stream().filter(c -> Math.abs(c.zMm() + 47.44) < 1e-6).findFirst().orElseThrow();
        assertThat(first.size()).isEqualTo(166);
        assertThat(first.xMm()[0]).isEqualTo(2.69);
        assertThat(first.yMm()[0]).isEqualTo(-313.11);
        // dicompyler-core: CalculateStructureVolume(Heart, 3 mm) = 432.84104445 cc. It sums polygon areas × 3 mm
        // but halves (floor(area / 2)) the planes that come first and last when its plane keys, texts like
        // "-47.440", are sorted as text. Reproducing that bookkeeping on seedplan's per-plane areas must
        // give its number: tolerance 1e-6 cc, as both are exact polygon-area sums up to rounding.
        TreeMap<String, List<Contour>> planes = new TreeMap<>();
        for (Contour c : heart.contours()) {
            planes.computeIfAbsent(String.format(java.util.Locale.ROOT, "%.3f", c.zMm()), z -> new ArrayList<>()).add(c);
        }
        double mm2 = 0;
        for (var e : planes.entrySet()) {
            boolean end = e.getKey().equals(planes.firstKey()) || e.getKey().equals(planes.lastKey());
            for (Contour c : e.getValue()) {
                double a = Math.abs(c.signedAreaMm2());
                mm2 += end ? Math.floor(a / 2) : a;
            }
        }
        assertThat(mm2 * 3 / 1000).isCloseTo(432.84104445, within(1e-6));
        // seedplan's own convention (each plane a 3 mm slab): Σ area × 3 mm = 439.699 cc (same areas, whole end slabs)
        double all = heart.contours().stream().mapToDouble(c -> Math.abs(c.signedAreaMm2())).sum() * 3 / 1000;
        assertThat(heart.contourVolumeCc()).isCloseTo(all, within(1e-9));
    }

    /** ROI names, numbers, interpreted types, colours and contour counts equal what pydicom reads, for every sample. */
    @Test
    void roiTablesOfAllSampleStructureSetsMatchPydicom() {
        List<String> files = List.of("dicompyler-example/rtss.dcm", "pydicom-testfiles/rtstruct.dcm", "pytg43-brachy/HDR/RS.HDR.dcm",
                "pytg43-brachy/PDR/RS.PDR.dcm", "synthetic-seed-phantom/dicom/rtss.dcm");
        String script = """
                import sys, pydicom
                for f in sys.argv[1:]:
                    ds = pydicom.dcmread(f, force=True)
                    types = {int(o.ReferencedROINumber): (o.get('RTROIInterpretedType') or '') for o in ds.get('RTROIObservationsSequence', [])}
                    cont = {int(c.ReferencedROINumber): c for c in ds.get('ROIContourSequence', [])}
                    for r in ds.StructureSetROISequence:
                        n = int(r.ROINumber)
                        c = cont.get(n)
                        closed = points = 0
                        color = '255,0,0'
                        if c is not None:
                            if 'ROIDisplayColor' in c:
                                color = ','.join(str(int(v)) for v in c.ROIDisplayColor)
                            for k in c.get('ContourSequence', []):
                                if k.ContourGeometricType == 'CLOSED_PLANAR' and len(set(zip(k.ContourData[0::3], k.ContourData[1::3]))) >= 3:
                                    closed += 1
                                elif k.ContourGeometricType == 'POINT':
                                    points += len(k.ContourData) // 3
                        print('|'.join([f, str(n), r.get('ROIName') or ('ROI %d' % n), types.get(n, ''), color, str(closed), str(points)]))
                """;
        List<String> paths = files.stream().map(f -> ExternalTools.data(f).toString()).toList();
        String py = ExternalTools.pydicom(script, paths.toArray(String[]::new));
        List<String> ours = new ArrayList<>();
        for (String p : paths) {
            for (Roi r : RtStructReader.read(java.nio.file.Path.of(p)).rois()) {
                int c = r.colorRgb();
                ours.add(String.join("|", p, Integer.toString(r.number()), r.name(), r.interpretedType(),
                        ((c >> 16) & 255) + "," + ((c >> 8) & 255) + "," + (c & 255),
                        Integer.toString(r.contours().size()), Integer.toString(r.points().size())));
            }
        }
        assertThat(ours).containsExactlyElementsOf(py.lines().filter(l -> !l.isBlank()).toList());
    }

    /**
     * The phantom's contours were traced by plastimatch from voxel masks whose volumes it reports
     * (SUMMARY.txt: PROSTATE 14.32 cc, RECTUM 20.80 cc, BODY 772.80 cc); contours follow voxel
     * boundaries, so the contour volume equals the voxel count within 2 % (corner cutting of the trace).
     */
    @Test
    void phantomContourVolumesMatchPlastimatchMaskVolumes() {
        RtStructureSet rs = RtStructReader.read(ExternalTools.data("synthetic-seed-phantom/dicom/rtss.dcm"));
        assertThat(rs.rois()).extracting(Roi::name).containsExactly("BODY", "RECTUM", "PROSTATE");
        assertThat(rs.select("PROSTATE").contourVolumeCc()).isCloseTo(14.32, within(14.32 * 0.02));
        assertThat(rs.select("RECTUM").contourVolumeCc()).isCloseTo(20.80, within(20.80 * 0.02));
        assertThat(rs.select("BODY").contourVolumeCc()).isCloseTo(772.80, within(772.80 * 0.02));
    }

    @Test
    void pointRoisAreReadAsPoints() {
        RtStructureSet rs = RtStructReader.read(ExternalTools.data("pydicom-testfiles/rtstruct.dcm"));
        assertThat(rs.rois()).extracting(Roi::name).containsExactly("patient", "Isocenter 1", "Isocenter 2");
        assertThat(rs.select("Isocenter 1").points()).hasSize(1);
        assertThat(rs.select("Isocenter 1").structure()).isEmpty();
        assertThat(rs.structures()).hasSize(1);
    }

    @Test
    void refusesNonAxialContoursAndOtherObjects() {
        DataSet ct = DicomReader.read(ExternalTools.data("pydicom-testfiles/CT_small.dcm")).dataSet();
        assertThatThrownBy(() -> RtStructReader.read(ct)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not RTSTRUCT");
        DataSet rs = DicomReader.read(ExternalTools.data("pydicom-testfiles/rtstruct.dcm")).dataSet();
        DataSet roiContour = rs.sequence(Tag.ROI_CONTOUR_SEQUENCE).get(0);
        DataSet contour = roiContour.sequence(Tag.CONTOUR_SEQUENCE).get(0)
                .toBuilder().numbers(Tag.CONTOUR_DATA, 0, 0, 0, 10, 0, 0, 10, 10, 5).build();
        DataSet bad = rs.toBuilder().sequence(Tag.ROI_CONTOUR_SEQUENCE,
                roiContour.toBuilder().sequence(Tag.CONTOUR_SEQUENCE, contour).build()).build();
        assertThatThrownBy(() -> RtStructReader.read(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axial").hasMessageContaining("patient");
    }
}
