package org.seedplan.dicom.rtdose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.MetaImage;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Grid;

class RtDoseReaderTest {

    /** plastimatch wrote the phantom's RT Dose from dose.mha (float Gy): same grid, same values up to the 32-bit quantisation. */
    @Test
    void phantomDoseEqualsPlastimatchSourceImage() throws Exception {
        RtDose rd = RtDoseReader.read(ExternalTools.data("synthetic-seed-phantom/dicom/dose.dcm"));
        MetaImage mha = MetaImage.read(ExternalTools.data("synthetic-seed-phantom/masks/dose.mha"));
        assertThat(rd.dose().grid()).isEqualTo(mha.grid());
        assertThat(rd.summationType()).isEqualTo("PLAN");
        assertThat(rd.referencedPlanUid()).isNotEmpty();
        float[] d = rd.dose().doseGy();
        int worst = -1;
        for (int n = 0; n < d.length; n++) {
            // plastimatch wrote Dose Grid Scaling with 6 significant digits (4.64056e-08): relative error up to
            // 1e-6 of the value, plus one quantisation step (4.64e-8 Gy: its integers are truncated, not rounded)
            if (Math.abs(d[n] - mha.values()[n]) > 2e-6 * Math.abs(mha.values()[n]) + 5e-8) {
                worst = n;
            }
        }
        assertThat(worst).as("voxel beyond tolerance").isEqualTo(-1);
    }

    /** pydicom's RT Dose samples: geometry and every dose value as pydicom computes pixel_array × DoseGridScaling. */
    @Test
    void pydicomSampleDosesMatchPydicom() {
        for (String f : List.of("pydicom-testfiles/rtdose.dcm", "pydicom-testfiles/rtdose_1frame.dcm")) {
            Path path = ExternalTools.data(f);
            String py = ExternalTools.pydicom("""
                    import sys, pydicom, numpy
                    ds = pydicom.dcmread(sys.argv[1])
                    a = ds.pixel_array.astype(numpy.float64) * float(ds.DoseGridScaling)
                    if a.ndim == 2:
                        a = a[numpy.newaxis]
                    print(*[float(v) for v in ds.ImagePositionPatient], int(ds.Columns), int(ds.Rows), a.shape[0])
                    print(' '.join(repr(float(v)) for v in a.ravel()))
                    """, path.toString());
            String[] lines = py.split("\n");
            String[] head = lines[0].trim().split(" ");
            String[] vals = lines[1].trim().split(" ");
            RtDose rd = RtDoseReader.read(path);
            Grid g = rd.dose().grid();
            assertThat(g.originMm().x()).isEqualTo(Double.parseDouble(head[0]));
            assertThat(g.originMm().y()).isEqualTo(Double.parseDouble(head[1]));
            assertThat(g.originMm().z()).isEqualTo(Double.parseDouble(head[2]));
            assertThat(new int[] {g.nx(), g.ny(), g.nz()})
                    .containsExactly(Integer.parseInt(head[3]), Integer.parseInt(head[4]), Integer.parseInt(head[5]));
            for (int n = 0; n < vals.length; n++) {
                double v = Double.parseDouble(vals[n]);
                assertThat((double) rd.dose().doseGy()[n]).isCloseTo(v, within(Math.abs(v) * 1e-6)); // float storage
            }
        }
    }

    @Test
    void refusesRelativeDoseWhereGyIsNeededAndUnevenFrames() {
        DataSet ds = DicomReader.read(ExternalTools.data("pydicom-testfiles/rtdose.dcm")).dataSet();
        RtDose relative = RtDoseReader.read(ds);
        assertThat(relative.doseUnits()).isEqualTo("RELATIVE");
        assertThatThrownBy(() -> relative.requireGy("rtdose.dcm")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not GY");
        double[] off = ds.numbers(Tag.GRID_FRAME_OFFSET_VECTOR);
        off[off.length - 1] += 1.7;
        DataSet uneven = ds.toBuilder().numbers(Tag.GRID_FRAME_OFFSET_VECTOR, off).build();
        assertThatThrownBy(() -> RtDoseReader.read(uneven)).hasMessageContaining("not evenly spaced");
    }

    @Test
    void decreasingFrameOffsetsAreStackedUpwards() {
        DataSet ds = DicomReader.read(ExternalTools.data("pydicom-testfiles/rtdose.dcm")).dataSet();
        DoseGrid up = RtDoseReader.read(ds).dose();
        double[] off = ds.numbers(Tag.GRID_FRAME_OFFSET_VECTOR);
        double[] neg = new double[off.length];
        for (int k = 0; k < off.length; k++) {
            neg[k] = -off[k];
        }
        DoseGrid down = RtDoseReader.read(ds.toBuilder().numbers(Tag.GRID_FRAME_OFFSET_VECTOR, neg).build()).dose();
        Grid g = up.grid();
        assertThat(down.grid().originMm().z()).isCloseTo(g.originMm().z() - (g.nz() - 1) * g.dzMm(), within(1e-9));
        assertThat(down.at(1, 2, 0)).isEqualTo(up.at(1, 2, g.nz() - 1));
    }
}
