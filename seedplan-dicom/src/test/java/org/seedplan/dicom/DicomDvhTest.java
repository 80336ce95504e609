package org.seedplan.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.rtdose.RtDose;
import org.seedplan.dicom.rtdose.RtDoseReader;
import org.seedplan.dicom.rtstruct.RtStructReader;
import org.seedplan.dicom.rtstruct.RtStructureSet;
import org.seedplan.dvh.Dvh;
import org.seedplan.dvh.StructureMetrics;

class DicomDvhTest {

    /** plastimatch's structure volumes for the phantom (SUMMARY.txt: voxel counts × 0.010 cc). */
    static final Map<String, Double> PLASTIMATCH_VOLUME_CC = Map.of("BODY", 772.80, "RECTUM", 20.80, "PROSTATE", 14.32);

    /**
     * The acceptance on make-phantom.sh's phantom: seedplan's DVH (contours of rtss.dcm
     * rasterised by seedplan, dose.dcm) against plastimatch's DVHs, within 1 % on D90, D50, Dmean
     * and volume.
     *
     * <p>Reference: dvh-from-masks.csv, plastimatch's DVH of the voxel masks the contours were traced
     * from (plastimatch re-rasterises rtss.dcm to exactly these masks, voxel for voxel), for every
     * structure; dvh-from-dicom.csv, plastimatch's DVH run on the DICOM folder, for the target
     * PROSTATE. plastimatch's DICOM-folder DVH of BODY and RECTUM departs from its own mask DVH of
     * the same voxels (BODY D90 2.66 vs 2.39 Gy, RECTUM D90 6.42 vs 5.57 Gy) and is not used for them.
     */
    @Test
    void phantomDvhMatchesPlastimatchWithinOnePercent() throws Exception {
        CtSeries ct = CtSeriesReader.read(ExternalTools.data("synthetic-seed-phantom/dicom"));
        RtStructureSet rs = RtStructReader.read(ExternalTools.data("synthetic-seed-phantom/dicom/rtss.dcm"));
        RtDose rd = RtDoseReader.read(ExternalTools.data("synthetic-seed-phantom/dicom/dose.dcm"));
        DicomDvh.Result r = DicomDvh.evaluate(ct, "phantom", rs, rd, 145.0, List.of());
        assertThat(r.metrics().structures()).extracting(StructureMetrics::name).containsExactly("BODY", "RECTUM", "PROSTATE");
        compare(r, "dvh-from-masks.csv", List.of("BODY", "RECTUM", "PROSTATE"));
        compare(r, "dvh-from-dicom.csv", List.of("PROSTATE"));
    }

    private static void compare(DicomDvh.Result r, String csv, List<String> names) throws Exception {
        Map<String, double[]> reference = plastimatchCurves(csv);
        double[] doses = reference.remove("Dose (Gy)");
        // plastimatch bins dose to the nearest integer Gy: row k holds the fraction receiving ≥ k − 0.5 Gy
        // (checked against masks/*.mha and dose.mha: dvh-from-masks.csv equals that fraction to all 6 digits)
        for (int i = 0; i < doses.length; i++) {
            doses[i] = Math.max(0, doses[i] - 0.5);
        }
        for (String name : names) {
            StructureMetrics m = r.metrics().structures().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            Dvh dvh = r.dvhs().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
            double[] fraction = reference.get(name);
            double d90 = doseAtFraction(doses, fraction, 0.90);
            double d50 = doseAtFraction(doses, fraction, 0.50);
            double mean = meanFromCumulative(doses, fraction);
            double vol = PLASTIMATCH_VOLUME_CC.get(name);
            // acceptance tolerance: 1 % of plastimatch's value
            assertThat(dvh.doseAtPercent(90)).as(csv + " " + name + " D90").isCloseTo(d90, within(0.01 * d90));
            assertThat(dvh.doseAtPercent(50)).as(csv + " " + name + " D50").isCloseTo(d50, within(0.01 * d50));
            assertThat(m.dmeanGy()).as(csv + " " + name + " Dmean").isCloseTo(mean, within(0.01 * mean));
            assertThat(m.volumeCc()).as(name + " volume").isCloseTo(vol, within(0.01 * vol));
        }
    }

    /** Columns of plastimatch's DVH CSV: dose (Gy) and, per structure, the fraction receiving at least that dose. */
    private static Map<String, double[]> plastimatchCurves(String csv) throws Exception {
        List<String> lines = Files.readAllLines(ExternalTools.data("synthetic-seed-phantom/dvh/" + csv));
        String[] head = lines.get(0).split(",");
        List<double[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] p = l.split(",");
            double[] v = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                v[i] = Double.parseDouble(p[i]);
            }
            rows.add(v);
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int c = 0; c < head.length; c++) {
            double[] col = new double[rows.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = rows.get(i)[c];
            }
            out.put(head[c], col);
        }
        return out;
    }

    /** Dose at which the cumulative fraction falls to {@code f}, linear between bins. */
    private static double doseAtFraction(double[] dose, double[] fraction, double f) {
        for (int i = 0; i + 1 < dose.length; i++) {
            if (fraction[i] >= f && fraction[i + 1] < f) {
                return dose[i] + (fraction[i] - f) / (fraction[i] - fraction[i + 1]) * (dose[i + 1] - dose[i]);
            }
        }
        throw new AssertionError("fraction " + f + " not crossed");
    }

    /** Mean dose = ∫ F(D) dD over the cumulative curve (trapezoids between bins). */
    private static double meanFromCumulative(double[] dose, double[] fraction) {
        double s = 0;
        for (int i = 0; i + 1 < dose.length; i++) {
            s += (fraction[i] + fraction[i + 1]) / 2 * (dose[i + 1] - dose[i]);
        }
        return s;
    }

    @Test
    void refusesDoseAndStructuresFromAnotherFrameOfReference() {
        CtSeries ct = CtSeriesReader.read(ExternalTools.data("synthetic-seed-phantom/dicom"));
        RtStructureSet rs = RtStructReader.read(ExternalTools.data("synthetic-seed-phantom/dicom/rtss.dcm"));
        RtDose other = RtDoseReader.read(ExternalTools.data("pydicom-testfiles/rtdose.dcm"));
        RtDose foreign = new RtDose("foreign.dcm", other.dose(), "GY", other.sopInstanceUid(), "", "", "1.2.3", "", "PLAN");
        assertThatThrownBy(() -> DicomDvh.evaluate(ct, "phantom", rs, foreign, 145, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Frame of Reference")
                .hasMessageContaining("foreign.dcm").hasMessageContaining("rtss.dcm").hasMessageContaining("1.2.3");
        RtDose rd = RtDoseReader.read(ExternalTools.data("synthetic-seed-phantom/dicom/dose.dcm"));
        assertThatThrownBy(() -> DicomDvh.evaluate(ct, "phantom", rs, rd, 145, List.of("LIVER")))
                .hasMessageContaining("no ROI named 'LIVER'");
        assertThat(DicomDvh.evaluate(ct, "phantom", rs, rd, 145, List.of("prostate")).structures()).hasSize(1);
    }

    /**
     * A dose grid covering only x ≥ 0 of the phantom: PROSTATE (sphere r 15 mm at the origin) lies half outside, so half
     * its volume is reported outside and its metrics describe the half inside (the dose is symmetric in x, so D90 of the
     * half equals D90 of the whole to the voxel discretisation, 1 %); BODY is reported with its part outside, not refused.
     */
    @Test
    void roisBeyondTheDoseGridAreReportedWithTheirPartOutside() {
        CtSeries ct = CtSeriesReader.read(ExternalTools.data("synthetic-seed-phantom/dicom"));
        RtStructureSet rs = RtStructReader.read(ExternalTools.data("synthetic-seed-phantom/dicom/rtss.dcm"));
        RtDose rd = RtDoseReader.read(ExternalTools.data("synthetic-seed-phantom/dicom/dose.dcm"));
        org.seedplan.geometry.Grid g = rd.dose().grid();
        int i0 = 0; // the first column whose voxels lie wholly at x ≥ 0
        while (g.x(i0) - g.dxMm() / 2 < -1e-9) {
            i0++;
        }
        org.seedplan.geometry.Grid half = new org.seedplan.geometry.Grid(new org.seedplan.geometry.Vec3(g.x(i0), g.y(0), g.z(0)),
                g.dxMm(), g.dyMm(), g.dzMm(), g.nx() - i0, g.ny(), g.nz());
        float[] d = new float[half.voxelCount()];
        for (int k = 0; k < half.nz(); k++) {
            for (int j = 0; j < half.ny(); j++) {
                for (int i = 0; i < half.nx(); i++) {
                    d[half.index(i, j, k)] = rd.dose().doseGy()[g.index(i + i0, j, k)];
                }
            }
        }
        RtDose cropped = new RtDose("half.dcm", new org.seedplan.dose.DoseGrid(half, d), "GY", "1.2.3", rd.patientId(),
                rd.studyInstanceUid(), rd.frameOfReferenceUid(), "", "PLAN");
        DicomDvh.Result whole = DicomDvh.evaluate(ct, "phantom", rs, rd, 145, List.of("PROSTATE"));
        DicomDvh.Result r = DicomDvh.evaluate(ct, "phantom", rs, cropped, 145, List.of("BODY", "PROSTATE"));
        assertThat(r.notes()).hasSize(2);
        String prostate = r.notes().stream().filter(n -> n.startsWith("PROSTATE")).findFirst().orElseThrow();
        double total = whole.metrics().structures().get(0).volumeCc();
        assertThat(prostate).contains("half.dcm").contains("lie outside the dose grid");
        double outsideCc = Double.parseDouble(prostate.replaceAll("^PROSTATE: ([0-9.]+) cc of.*$", "$1"));
        // half the sphere to 1 % of its volume: the cut runs along voxel boundaries through the centre
        assertThat(outsideCc).isCloseTo(total / 2, within(0.01 * total));
        StructureMetrics inside = r.metrics().structures().stream().filter(m -> m.name().equals("PROSTATE")).findFirst().orElseThrow();
        assertThat(inside.volumeCc()).isCloseTo(total / 2, within(0.01 * total));
        double d90 = whole.metrics().structures().get(0).dPctGy().get("90");
        assertThat(inside.dPctGy().get("90")).isCloseTo(d90, within(0.01 * d90));
    }
}
