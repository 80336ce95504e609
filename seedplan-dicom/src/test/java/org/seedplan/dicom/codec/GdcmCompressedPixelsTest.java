package org.seedplan.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomFile;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;

/**
 * A second, independent encoder: GDCM's gdcmconv (its own JPEG, JPEG-LS and RLE code paths)
 * compresses real CT slices; our pixels equal the original and gdcmconv --raw's decompression bit
 * for bit (tolerance zero: lossless). A JPEG 2000 file is refused with a message whose command,
 * run as given, yields a file that reads to the original pixels.
 */
class GdcmCompressedPixelsTest {

    @TempDir
    Path tmp;

    private static final List<String> SOURCES = List.of("pydicom-testfiles/CT_small.dcm", "dicompyler-example/ct.0.dcm",
            "synthetic-seed-phantom/dicom/image0010.dcm");

    @ParameterizedTest(name = "gdcmconv {0}, source {2}")
    @CsvSource({"--jpeg, 1.2.840.10008.1.2.4.70, 0", "--jpeg, 1.2.840.10008.1.2.4.70, 1", "--jpeg, 1.2.840.10008.1.2.4.70, 2",
            "--jpegls, 1.2.840.10008.1.2.4.80, 0", "--jpegls, 1.2.840.10008.1.2.4.80, 1", "--jpegls, 1.2.840.10008.1.2.4.80, 2",
            "--rle, 1.2.840.10008.1.2.5, 0", "--rle, 1.2.840.10008.1.2.5, 1", "--rle, 1.2.840.10008.1.2.5, 2"})
    void decodedPixelsEqualOriginalAndGdcmDecompression(String option, String transferSyntax, int source) {
        Path src = ExternalTools.data(SOURCES.get(source));
        Path compressed = tmp.resolve("c" + option + source + ".dcm");
        Path raw = tmp.resolve("r" + option + source + ".dcm");
        gdcmconv(option, src, compressed);
        gdcmconv("--raw", compressed, raw);
        DicomFile c = DicomReader.read(compressed);
        assertThat(c.transferSyntaxUid()).isEqualTo(transferSyntax);
        short[] ours = pixels(c, compressed);
        assertThat(ours).isEqualTo(pixels(DicomReader.read(raw), raw));
        assertThat(ours).isEqualTo(pixels(DicomReader.read(src), src));
    }

    @Test
    void jpeg2000IsRefusedWithACommandThatWorks() {
        Path src = ExternalTools.data(SOURCES.get(0));
        Path j2k = tmp.resolve("j2k.dcm");
        gdcmconv("--j2k", src, j2k);
        assertThat(DicomReader.read(j2k).transferSyntaxUid()).isEqualTo(Uids.JPEG_2000_LOSSLESS);
        assertThatThrownBy(() -> CtSeriesReader.read(j2k)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(j2k.toString()).hasMessageContaining("gdcmconv --raw IN.dcm OUT.dcm");
        Path converted = tmp.resolve("converted.dcm");
        gdcmconv("--raw", j2k, converted); // the command the message gives
        assertThat(CtSeriesReader.read(converted).volume().hu()).isEqualTo(CtSeriesReader.read(src).volume().hu());
    }

    private static short[] pixels(DicomFile f, Path file) {
        DataSet ds = f.dataSet();
        return PixelFrames.frame16(f.transferSyntaxUid(), ds.element(Tag.PIXEL_DATA), 0, 1, ds.requireInteger(Tag.ROWS),
                ds.requireInteger(Tag.COLUMNS), file.toString());
    }

    private static void gdcmconv(String option, Path in, Path out) {
        ExternalTools.require("gdcmconv");
        List<String> cmd = new ArrayList<>(List.of("gdcmconv", option, in.toString(), out.toString()));
        ExternalTools.Result r = ExternalTools.run(cmd, 120);
        assertThat(r.exitCode()).as(cmd + ":\n" + r.output()).isZero();
    }
}
