package org.seedplan.dicom.ct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.MetaImage;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Element;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.VR;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

class CtSeriesReaderTest {

    @TempDir
    Path tmp;

    private static Path phantom() {
        return ExternalTools.data("synthetic-seed-phantom/dicom");
    }

    /** plastimatch wrote the phantom CT from ct.mha: every voxel must come back exactly (integer HU). */
    @Test
    void phantomSeriesEqualsPlastimatchSourceImageVoxelByVoxel() throws Exception {
        CtSeries ct = CtSeriesReader.read(phantom());
        MetaImage mha = MetaImage.read(ExternalTools.data("synthetic-seed-phantom/masks/ct.mha"));
        assertThat(ct.volume().grid()).isEqualTo(mha.grid());
        assertThat(ct.volume().hu()).isEqualTo(mha.values());
        assertThat(ct.patient().id()).isEqualTo("PHANTOM001");
        assertThat(ct.sliceSopInstanceUids()).hasSize(40).doesNotHaveDuplicates();
    }

    /** One slice from a GE scanner (pydicom's CT_small): HU = stored value × slope + intercept as pydicom computes. */
    @Test
    void singleSliceHuMatchPydicomModalityLut() {
        Path f = ExternalTools.data("pydicom-testfiles/CT_small.dcm");
        String py = ExternalTools.pydicom("""
                import sys, pydicom
                from pydicom.pixel_data_handlers.util import apply_modality_lut
                ds = pydicom.dcmread(sys.argv[1])
                a = apply_modality_lut(ds.pixel_array, ds)
                print(' '.join(repr(float(v)) for v in a.ravel()))
                print(*[float(v) for v in ds.ImagePositionPatient])
                """, f.toString());
        String[] lines = py.split("\n");
        String[] vals = lines[0].trim().split(" ");
        CtSeries ct = CtSeriesReader.read(f);
        Grid g = ct.volume().grid();
        assertThat(g.nx() * g.ny()).isEqualTo(vals.length);
        String[] ipp = lines[1].trim().split(" ");
        assertThat(g.originMm().x()).isEqualTo(Double.parseDouble(ipp[0]));
        for (int n = 0; n < vals.length; n++) {
            // exact: integers times slope 1 plus integer intercept
            assertThat((double) ct.volume().hu()[n]).isEqualTo(Double.parseDouble(vals[n]));
        }
    }

    /** Writes the phantom slices to a new folder after changing each with {@code edit(index, dataSet)}. */
    private Path variant(String name, BiFunction<Integer, DataSet, DataSet> edit) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        List<Path> files;
        try (var s = Files.list(phantom())) {
            files = s.filter(p -> p.getFileName().toString().startsWith("image")).sorted().toList();
        }
        for (int i = 0; i < files.size(); i++) {
            DataSet ds = edit.apply(i, DicomReader.read(files.get(i)).dataSet());
            if (ds != null) {
                Files.write(dir.resolve(String.format("s%03d.dcm", (i * 17) % files.size())), DicomWriter.encode(ds));
            }
        }
        return dir;
    }

    /** Reverses the pixel order along columns and/or rows of one slice. */
    private static DataSet flip(DataSet ds, boolean cols, boolean rows) {
        int nr = ds.requireInteger(Tag.ROWS);
        int nc = ds.requireInteger(Tag.COLUMNS);
        ByteBuffer in = ds.element(Tag.PIXEL_DATA).buffer();
        ByteBuffer out = ByteBuffer.allocate(2 * nr * nc).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < nr; r++) {
            for (int c = 0; c < nc; c++) {
                int sr = rows ? nr - 1 - r : r;
                int sc = cols ? nc - 1 - c : c;
                out.putShort(2 * (r * nc + c), in.getShort(2 * (sr * nc + sc)));
            }
        }
        return ds.toBuilder().put(Element.of(Tag.PIXEL_DATA, VR.OW, out.array())).build();
    }

    @Test
    void sortsByPositionNotInstanceNumberOrFileName() throws Exception {
        CtSeries ref = CtSeriesReader.read(phantom());
        Path dir = variant("shuffled", (i, ds) -> ds.toBuilder().numbers(Tag.INSTANCE_NUMBER, (i * 7) % 40 + 1).build());
        assertThat(CtSeriesReader.read(dir).volume().hu()).isEqualTo(ref.volume().hu());
    }

    @Test
    void headFirstProneAndFeetFirstSupineMapOntoTheSameGrid() throws Exception {
        CtSeries ref = CtSeriesReader.read(phantom());
        Grid g = ref.volume().grid();
        double xMax = g.x(g.nx() - 1);
        double yMax = g.y(g.ny() - 1);
        // HFP: rows along −x, columns along −y; first pixel at the (+x, +y) corner
        Path hfp = variant("hfp", (i, ds) -> {
            double z = ds.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3)[2];
            return flip(ds, true, true).toBuilder().numbers(Tag.IMAGE_ORIENTATION_PATIENT, -1, 0, 0, 0, -1, 0)
                    .numbers(Tag.IMAGE_POSITION_PATIENT, xMax, yMax, z).put(Tag.PATIENT_POSITION, "HFP").build();
        });
        CtSeries prone = CtSeriesReader.read(hfp);
        assertThat(prone.volume().grid()).isEqualTo(g);
        assertThat(prone.volume().hu()).isEqualTo(ref.volume().hu());
        // FFS: rows along −x (slice normal −z, so slices are stacked in reverse)
        Path ffs = variant("ffs", (i, ds) -> {
            double z = ds.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3)[2];
            return flip(ds, true, false).toBuilder().numbers(Tag.IMAGE_ORIENTATION_PATIENT, -1, 0, 0, 0, 1, 0)
                    .numbers(Tag.IMAGE_POSITION_PATIENT, xMax, g.y(0), z).put(Tag.PATIENT_POSITION, "FFS").build();
        });
        CtSeries feet = CtSeriesReader.read(ffs);
        assertThat(feet.volume().grid()).isEqualTo(g);
        assertThat(feet.volume().hu()).isEqualTo(ref.volume().hu());
        assertThat(feet.sliceSopInstanceUids()).isEqualTo(ref.sliceSopInstanceUids());
    }

    /** Oblique planes, and a Gantry/Detector Tilt that the slice positions contradict, are refused: never a silent shear. */
    @Test
    void refusesObliquePlanesAndContradictoryGantryTilt() throws Exception {
        double c = Math.cos(Math.toRadians(10));
        double s = Math.sin(Math.toRadians(10));
        Path oblique = variant("oblique", (i, ds) -> ds.toBuilder().numbers(Tag.IMAGE_ORIENTATION_PATIENT, 1, 0, 0, 0, c, s).build());
        assertThatThrownBy(() -> CtSeriesReader.read(oblique)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oblique").hasMessageContaining("10.000° from the patient z axis");
        Path tagOnly = variant("tag-only", (i, ds) -> ds.toBuilder().numbers(Tag.GANTRY_DETECTOR_TILT, 2).build());
        assertThatThrownBy(() -> CtSeriesReader.read(tagOnly)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Gantry/Detector Tilt (0018,1120) is 2.000°").hasMessageContaining("show no tilt");
        Path disagree = variant("disagree", (i, ds) -> {
            double[] p = ds.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3);
            return ds.toBuilder().numbers(Tag.IMAGE_POSITION_PATIENT, p[0], p[1] + 0.3 * p[2], p[2])
                    .numbers(Tag.GANTRY_DETECTOR_TILT, 5).build();
        });
        assertThatThrownBy(() -> CtSeriesReader.read(disagree)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 5.000°").hasMessageContaining("tilt of 16.699°");
    }

    /**
     * Small drifts are judged over the whole stack: 0.04 mm per slice (under the tolerance on each
     * step) adds up to 1.56 mm over 40 slices, so the stack is resampled, and each slice's pixels
     * land where its own Image Position puts them.
     */
    @Test
    void smallDriftAddingUpOverTheStackIsResampledNotIgnored() throws Exception {
        CtSeries ref = CtSeriesReader.read(phantom());
        Path drift = variant("drift", (i, ds) -> {
            double[] p = ds.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3);
            int k = (int) Math.round((p[2] - ref.volume().grid().z(0)) / ref.volume().grid().dzMm());
            return ds.toBuilder().numbers(Tag.IMAGE_POSITION_PATIENT, p[0] + 0.04 * k, p[1], p[2]).build();
        });
        CtSeries read = CtSeriesReader.read(drift);
        assertThat(read.geometry().resampled()).isTrue();
        assertThat(read.geometry().driftMm()).isCloseTo(1.56, within(1e-6));
        Grid g = read.volume().grid();
        Grid r = ref.volume().grid();
        assertThat(g.nx()).isEqualTo(r.nx() + 1); // widened to cover the last slice, on the first slice's lattice
        assertThat(g.originMm()).isEqualTo(r.originMm());
        // slice 0 is copied exactly; on slice 39 voxel i lies 1.56 mm = 0.78 pixel right of source pixel i
        for (int j = 0; j < r.ny(); j++) {
            for (int i = 0; i < r.nx(); i++) {
                assertThat(read.volume().at(i, j, 0)).isEqualTo(ref.volume().at(i, j, 0));
            }
            for (int i = 1; i < r.nx(); i++) {
                double expected = ref.volume().at(i - 1, j, 39) * 0.78 + ref.volume().at(i, j, 39) * 0.22;
                assertThat((double) read.volume().at(i, j, 39)).isCloseTo(expected, within(0.01));
            }
            assertThat(read.volume().at(0, j, 39)).isEqualTo(-1000f); // not acquired on that slice
        }
    }

    @Test
    void reportsMissingAndDuplicateSlicesAndUnevenSpacing() throws Exception {
        Path missing = variant("missing", (i, ds) -> i == 20 ? null : ds);
        assertThatThrownBy(() -> CtSeriesReader.read(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uneven slice spacing").hasMessageContaining("a slice is missing")
                .hasMessageContaining("-1.250 and 3.750");
        Path uneven = variant("uneven", (i, ds) -> {
            double[] p = ds.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3);
            return ds.toBuilder().numbers(Tag.IMAGE_POSITION_PATIENT, p[0], p[1], p[2] + (i >= 30 ? 0.5 : 0)).build();
        });
        assertThatThrownBy(() -> CtSeriesReader.read(uneven)).hasMessageContaining("uneven slice spacing");
        Path twice = variant("twice", (i, ds) -> {
            double[] p = ds.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3);
            return i == 5 ? ds.toBuilder().numbers(Tag.IMAGE_POSITION_PATIENT, p[0], p[1], p[2] - 2.5).build() : ds;
        });
        assertThatThrownBy(() -> CtSeriesReader.read(twice)).hasMessageContaining("same position");
    }

    @Test
    void choosesOneOfSeveralSeriesByUid() throws Exception {
        Path dir = variant("two", (i, ds) -> ds);
        CtSeries ref = CtSeriesReader.read(dir);
        List<DataSet> second = new ArrayList<>();
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                DataSet ds = DicomReader.read(p).dataSet();
                second.add(ds.toBuilder().put(Tag.SERIES_INSTANCE_UID, "1.2.3.4.5")
                        .put(Tag.SOP_INSTANCE_UID, ds.requireString(Tag.SOP_INSTANCE_UID) + ".9").build());
            }
        }
        for (int i = 0; i < second.size(); i++) {
            Files.write(dir.resolve("b" + i + ".dcm"), DicomWriter.encode(second.get(i)));
        }
        Files.writeString(dir.resolve("README.txt"), "not DICOM: skipped");
        DataSet scout = second.get(0).toBuilder().put(Tag.IMAGE_TYPE, "ORIGINAL", "PRIMARY", "LOCALIZER")
                .put(Tag.SOP_INSTANCE_UID, "1.2.3.4.5.6").numbers(Tag.IMAGE_ORIENTATION_PATIENT, 0, 1, 0, 0, 0, -1).build();
        Files.write(dir.resolve("scout.dcm"), DicomWriter.encode(scout)); // a localiser in the series: skipped
        assertThatThrownBy(() -> CtSeriesReader.read(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 CT series").hasMessageContaining("1.2.3.4.5 with 40 slices");
        assertThat(CtSeriesReader.listSeries(dir)).hasSize(2);
        CtSeries chosen = CtSeriesReader.read(dir, "1.2.3.4.5");
        assertThat(chosen.seriesInstanceUid()).isEqualTo("1.2.3.4.5");
        assertThat(chosen.volume().hu()).isEqualTo(ref.volume().hu());
        assertThat(CtSeriesReader.read(dir, ref.seriesInstanceUid()).seriesInstanceUid()).isEqualTo(ref.seriesInstanceUid());
    }

    @Test
    void axisAlignedFrameOfATransposedStackSwapsAxes() {
        // columns along +y, rows along +x (a decubitus-like orientation): voxel (c, r) lands at x = r, y = c
        AxisAlignedFrame f = new AxisAlignedFrame("t", new Vec3(0, 0, 0), new Vec3(0, 1, 0), new Vec3(1, 0, 0),
                new Vec3(0, 0, -1), new double[] {1, 2, 3}, 4, 5, 2);
        Grid g = f.grid();
        assertThat(g.nx()).isEqualTo(5);
        assertThat(g.ny()).isEqualTo(4);
        assertThat(g.dxMm()).isEqualTo(2);
        assertThat(g.dyMm()).isEqualTo(1);
        assertThat(g.originMm().z()).isCloseTo(-3, within(1e-12));
        // column 1, row 2, slice 0 → x = 2·2 = 4 mm, y = 1 mm, z = 0 (grid k = 1)
        int index = f.sliceStart(0) + 1 * f.columnStride() + 2 * f.rowStride();
        assertThat(g.centre(index)).isEqualTo(new Vec3(4, 1, 0));
    }
}
