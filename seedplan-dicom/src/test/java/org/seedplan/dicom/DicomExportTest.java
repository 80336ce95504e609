package org.seedplan.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.rtdose.RtDose;
import org.seedplan.dicom.rtdose.RtDoseReader;
import org.seedplan.dicom.rtdose.RtDoseWriter;
import org.seedplan.dicom.rtplan.BrachyPlan;
import org.seedplan.dicom.rtplan.RtPlanReader;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.Seed;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;

class DicomExportTest {

    @TempDir
    static Path tmp;
    static DicomExport.Written out32;
    static DicomExport.Written out16;
    static PlanSet set;

    @BeforeAll
    static void export() {
        set = TestPlans.planSet();
        out32 = DicomExport.writePlanSet(tmp.resolve("plan32"), set, RtDoseWriter.Bits.THIRTY_TWO);
        out16 = DicomExport.writePlanSet(tmp.resolve("plan16"), set, RtDoseWriter.Bits.SIXTEEN);
    }

    @Test
    void everyWrittenObjectPassesDciodvfyWithoutErrors() {
        // dciodvfy (Debian 12) aborts on 32-bit Pixel Data, so RT Dose is checked in the 16-bit export
        List<Path> files = List.of(out32.ctSlices().get(0), out32.ctSlices().get(8), out32.rtStruct(), out32.rtPlan(),
                out16.rtDose());
        for (Path f : files) {
            assertThat(ExternalTools.dciodvfyErrors(f)).as("dciodvfy errors in " + f.getFileName()).isEmpty();
        }
    }

    @Test
    void dcmdumpReadsEveryWrittenObject() {
        List<Path> files = new ArrayList<>(out32.ctSlices());
        files.addAll(List.of(out32.rtStruct(), out32.rtPlan(), out32.rtDose(), out16.rtDose()));
        for (Path f : files) {
            String dump = ExternalTools.dcmdump(f);
            assertThat(dump).contains("(0008,0018)");
        }
    }

    @Test
    void pydicomReadsEveryObjectWithItsPixelsAndReferences() {
        String script = """
                import sys, pydicom, glob, os
                d = sys.argv[1]
                for f in sorted(glob.glob(os.path.join(d, '*.dcm'))):
                    ds = pydicom.dcmread(f)
                    if 'PixelData' in ds:
                        a = ds.pixel_array
                        print(os.path.basename(f), ds.Modality, a.shape, float(a.max()) * float(getattr(ds, 'DoseGridScaling', 1)))
                    else:
                        print(os.path.basename(f), ds.Modality)
                rs = pydicom.dcmread(os.path.join(d, 'RS.dcm'))
                print('ROIS', '|'.join(r.ROIName for r in rs.StructureSetROISequence))
                rp = pydicom.dcmread(os.path.join(d, 'RP.dcm'))
                print('RP->RS', rp.ReferencedStructureSetSequence[0].ReferencedSOPInstanceUID == rs.SOPInstanceUID)
                rd = pydicom.dcmread(os.path.join(d, 'RD.dcm'))
                print('RD->RP', rd.ReferencedRTPlanSequence[0].ReferencedSOPInstanceUID == rp.SOPInstanceUID)
                print('SEEDS', sum(len(c.BrachyControlPointSequence) // 2 for c in rp.ApplicationSetupSequence[0].ChannelSequence))
                """;
        String out = ExternalTools.pydicom(script, out32.dir().toString());
        assertThat(out).contains("ROIS GTV|Organ ring ü").contains("RP->RS True").contains("RD->RP True").contains("SEEDS 6");
        assertThat(out).contains("RD.dcm RTDOSE (9, 17, 21)").contains("CT.0001.dcm CT (31, 41)");
        // max dose as pydicom decodes it: within one quantisation step of 32-bit scaling (200 Gy / 2^32)
        String line = out.lines().filter(l -> l.startsWith("RD.dcm")).findFirst().orElseThrow();
        double max = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(max).isCloseTo(set.dose().maxGy(), within(1e-6));
    }

    @Test
    void roundTripGivesTheSameStructuresSeedsDoseAndCt() {
        CtSeries ct = CtSeriesReader.read(out32.dir());
        assertThat(ct.volume().grid()).isEqualTo(set.ct().grid());
        float[] hu = set.ct().hu();
        double worstHu = 0;
        for (int n = 0; n < hu.length; n++) {
            worstHu = Math.max(worstHu, Math.abs(ct.volume().hu()[n] - hu[n]));
        }
        assertThat(worstHu).isLessThanOrEqualTo(0.5); // CT pixels are stored as integer HU: rounding error ≤ 0.5 HU
        assertThat(ct.patient()).isEqualTo(set.patient());

        RtStructureSet rs = RtStructReader.read(out32.rtStruct());
        List<Structure> back = rs.structures();
        assertThat(back).hasSize(2);
        for (int s = 0; s < 2; s++) {
            Structure a = set.structures().get(s);
            Structure b = back.get(s);
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.type()).isEqualTo(a.type());
            assertThat(b.colorRgb()).isEqualTo(a.colorRgb());
            assertThat(b.contours()).hasSameSizeAs(a.contours());
            for (int c = 0; c < a.contours().size(); c++) {
                Contour ca = a.contours().get(c);
                Contour cb = b.contours().get(c);
                assertThat(cb.zMm()).isCloseTo(ca.zMm(), within(0.01)); // acceptance: contour points to 0.01 mm
                for (int i = 0; i < ca.size(); i++) {
                    assertThat(cb.xMm()[i]).isCloseTo(ca.xMm()[i], within(0.01));
                    assertThat(cb.yMm()[i]).isCloseTo(ca.yMm()[i], within(0.01));
                }
            }
        }
        assertThat(rs.referencedSeriesUid()).isEqualTo(ct.seriesInstanceUid());
        assertThat(rs.frameOfReferenceUid()).isEqualTo(ct.frameOfReferenceUid());

        BrachyPlan plan = RtPlanReader.read(out32.rtPlan());
        assertThat(plan.technique()).isEqualTo("PERMANENT");
        assertThat(plan.treatmentType()).isEqualTo("LDR");
        assertThat(plan.prescriptionGy()).isEqualTo(120.0);
        assertThat(plan.referencedStructureSetUid()).isEqualTo(rs.sopInstanceUid());
        List<Seed> seeds = plan.seeds();
        List<Seed> expected = set.needles().stream().flatMap(List::stream).toList();
        assertThat(seeds).hasSameSizeAs(expected);
        for (int i = 0; i < seeds.size(); i++) {
            // positions written to 0.001 mm; axis as 32-bit floats
            assertThat(seeds.get(i).centreMm().distanceTo(expected.get(i).centreMm())).isLessThan(0.001);
            assertThat(seeds.get(i).axis().dot(expected.get(i).axis())).isGreaterThan(1 - 1e-6);
            assertThat(seeds.get(i).skU()).isEqualTo(expected.get(i).skU());
        }
        assertThat(plan.sources()).hasSize(2);
        assertThat(plan.sources().get(0).isotope()).isEqualTo("I-125");
        assertThat(plan.sources().get(0).halfLifeDays()).isEqualTo(59.40);

        for (DicomExport.Written w : List.of(out32, out16)) {
            RtDose rd = RtDoseReader.read(w.rtDose());
            assertThat(rd.referencedPlanUid()).isEqualTo(RtPlanReader.read(w.rtPlan()).sopInstanceUid());
            DoseGrid d = rd.dose();
            assertThat(d.grid()).isEqualTo(set.dose().grid());
            // quantisation: one step is max/(2^bits − 1), so half a step is the largest rounding error
            double step = set.dose().maxGy() / (w == out16 ? 65535.0 : 4294967295.0);
            for (int n = 0; n < d.doseGy().length; n++) {
                assertThat((double) d.doseGy()[n]).isCloseTo(set.dose().doseGy()[n], within(step * 0.51 + 1e-5 * set.dose().doseGy()[n]));
            }
        }
    }

    @Test
    void refusesANonEmptyTargetFolderAndLeavesNothingOnFailure() throws Exception {
        Path dir = tmp.resolve("busy");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("keep.txt"), "x");
        assertThatThrownBy(() -> DicomExport.writePlanSet(dir, set, RtDoseWriter.Bits.THIRTY_TWO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
        PlanSet badTarget = new PlanSet(set.patient(), set.ct(), set.structures(), set.needles(), set.source(), 120, "PTV", set.dose());
        Path fresh = tmp.resolve("fresh");
        assertThatThrownBy(() -> DicomExport.writePlanSet(fresh, badTarget, RtDoseWriter.Bits.THIRTY_TWO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'PTV'");
        assertThat(fresh).doesNotExist();
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
    }
}
