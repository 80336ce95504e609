package org.seedplan.dicom.ct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.io.VR;

/**
 * A multi-frame (Enhanced) CT image holding the phantom's 40 slices, geometry in functional groups
 * and frames stored in reverse order, reads to exactly the volume the 40 single-frame files give
 * (tolerance zero: the same stored values, rescaled the same way); compressed frame by frame by
 * dcmtk's JPEG-LS encoder too. Frames without a position are refused naming the frame.
 */
class EnhancedCtFramesTest {

    @TempDir
    Path tmp;

    private static List<DataSet> phantomSlices() throws Exception {
        List<DataSet> out = new ArrayList<>();
        try (var s = Files.list(ExternalTools.data("synthetic-seed-phantom/dicom"))) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("image")).sorted().toList()) {
                out.add(DicomReader.read(p).dataSet());
            }
        }
        return out;
    }

    /** The slices as one Enhanced CT data set, frames in the given order; {@code withPositions} false leaves frame 2 without one. */
    private static DataSet enhanced(List<DataSet> slices, boolean withPositions) {
        DataSet first = slices.get(0);
        ByteArrayOutputStream px = new ByteArrayOutputStream();
        List<DataSet> perFrame = new ArrayList<>();
        for (int f = 0; f < slices.size(); f++) {
            DataSet s = slices.get(f);
            px.writeBytes(s.element(Tag.PIXEL_DATA).bytes());
            DataSet.Builder item = DataSet.builder("frame " + (f + 1));
            if (withPositions || f != 1) {
                item.sequence(Tag.PLANE_POSITION_SEQUENCE, DataSet.builder("pos")
                        .numbers(Tag.IMAGE_POSITION_PATIENT, s.requireNumbers(Tag.IMAGE_POSITION_PATIENT, 3)).build());
            }
            perFrame.add(item.build());
        }
        DataSet shared = DataSet.builder("shared")
                .sequence(Tag.PIXEL_MEASURES_SEQUENCE, DataSet.builder("measures")
                        .numbers(Tag.PIXEL_SPACING, first.requireNumbers(Tag.PIXEL_SPACING, 2))
                        .numbers(Tag.SLICE_THICKNESS, first.requireNumber(Tag.SLICE_THICKNESS)).build())
                .sequence(Tag.PLANE_ORIENTATION_SEQUENCE, DataSet.builder("orientation")
                        .numbers(Tag.IMAGE_ORIENTATION_PATIENT, first.requireNumbers(Tag.IMAGE_ORIENTATION_PATIENT, 6)).build())
                .sequence(Tag.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, DataSet.builder("rescale")
                        .numbers(Tag.RESCALE_SLOPE, first.number(Tag.RESCALE_SLOPE).orElse(1))
                        .numbers(Tag.RESCALE_INTERCEPT, first.number(Tag.RESCALE_INTERCEPT).orElse(0))
                        .put(Tag.RESCALE_TYPE, "HU").build())
                .build();
        return first.toBuilder()
                .put(Tag.SOP_CLASS_UID, Uids.ENHANCED_CT_IMAGE_STORAGE)
                .remove(Tag.IMAGE_POSITION_PATIENT).remove(Tag.IMAGE_ORIENTATION_PATIENT).remove(Tag.PIXEL_SPACING)
                .remove(Tag.RESCALE_SLOPE).remove(Tag.RESCALE_INTERCEPT).remove(Tag.SLICE_LOCATION)
                .numbers(Tag.NUMBER_OF_FRAMES, slices.size())
                .sequence(Tag.SHARED_FUNCTIONAL_GROUPS_SEQUENCE, shared)
                .sequence(Tag.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE, perFrame)
                .bytes(Tag.PIXEL_DATA, VR.OW, px.toByteArray())
                .build();
    }

    @Test
    void enhancedCtReadsToTheSameVolumeAsTheSingleFrameSeries() throws Exception {
        CtSeries classic = CtSeriesReader.read(ExternalTools.data("synthetic-seed-phantom/dicom"));
        List<DataSet> reversed = new ArrayList<>(phantomSlices());
        java.util.Collections.reverse(reversed);
        Path file = tmp.resolve("enhanced.dcm");
        DicomWriter.write(enhanced(reversed, true), file);
        CtSeries multi = CtSeriesReader.read(file);
        assertThat(multi.volume().grid()).isEqualTo(classic.volume().grid());
        assertThat(multi.volume().hu()).isEqualTo(classic.volume().hu());
        assertThat(multi.geometry().resampled()).isFalse();

        // dcmtk compresses each frame into its own fragment with an offset table
        ExternalTools.require("dcmcjpls");
        Path compressed = tmp.resolve("enhanced-jls.dcm");
        ExternalTools.Result r = ExternalTools.run(List.of("dcmcjpls", "--encode-lossless", file.toString(), compressed.toString()), 120);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(DicomReader.read(compressed).transferSyntaxUid()).isEqualTo(Uids.JPEG_LS_LOSSLESS);
        assertThat(CtSeriesReader.read(compressed).volume().hu()).isEqualTo(classic.volume().hu());
    }

    @Test
    void aFrameWithoutPositionIsRefusedNamingTheFrame() throws Exception {
        Path file = tmp.resolve("no-position.dcm");
        DicomWriter.write(enhanced(phantomSlices(), false), file);
        assertThatThrownBy(() -> CtSeriesReader.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + " frame 2").hasMessageContaining("PlanePositionSequence");
    }
}
