package org.seedplan.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.io.DicomFile;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.Element;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;

/**
 * Compressed frames made by dcmtk, then damaged at random (bytes overwritten, streams cut short,
 * headers changed): every decoder either returns a whole image or throws an
 * {@link IllegalArgumentException} naming the file, never another exception, a partial image or
 * a hang.
 */
class CorruptStreamTest {

    @TempDir
    Path tmp;

    @Test
    void damagedStreamsGiveAWholeImageOrAnErrorNamingTheFile() {
        Path src = ExternalTools.data("pydicom-testfiles/CT_small.dcm");
        for (List<String> encoder : List.of(List.of("dcmcjpeg", "--encode-lossless-sv1"), List.of("dcmcjpeg", "--encode-lossless", "+sv", "5"),
                List.of("dcmcrle"), List.of("dcmcjpls", "--encode-lossless"))) {
            ExternalTools.require(encoder.get(0));
            Path out = tmp.resolve(encoder.get(0) + encoder.size() + ".dcm");
            List<String> cmd = new ArrayList<>(encoder);
            cmd.add(src.toString());
            cmd.add(out.toString());
            ExternalTools.Result r = ExternalTools.run(cmd, 120);
            assertThat(r.exitCode()).as(r.output()).isZero();
            DicomFile f = DicomReader.read(out);
            Element px = f.dataSet().element(Tag.PIXEL_DATA);
            ByteBuffer frame = px.fragments().get(0);
            byte[] clean = new byte[frame.remaining()];
            frame.duplicate().get(clean);
            int rows = f.dataSet().requireInteger(Tag.ROWS);
            int cols = f.dataSet().requireInteger(Tag.COLUMNS);
            Random random = new Random(7);
            for (int trial = 0; trial < 400; trial++) {
                byte[] bad = damage(clean, random, trial);
                String name = "damaged-" + trial + ".dcm";
                try {
                    short[] px16 = decode(f.transferSyntaxUid(), ByteBuffer.wrap(bad), rows, cols, name);
                    assertThat(px16).hasSize(rows * cols);
                } catch (IllegalArgumentException e) {
                    assertThat(e.getMessage()).startsWith(name + ": ");
                } catch (RuntimeException e) {
                    fail(encoder + " trial " + trial + ": " + e, e);
                }
            }
        }
    }

    private static byte[] damage(byte[] clean, Random random, int trial) {
        byte[] bad;
        switch (trial % 4) {
            case 0 -> bad = Arrays.copyOf(clean, random.nextInt(clean.length));
            case 1 -> {
                bad = clean.clone();
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> {
                bad = clean.clone();
                int at = random.nextInt(Math.min(200, bad.length)); // headers: tables, frame and scan headers
                bad[at] = (byte) random.nextInt(256);
            }
            default -> {
                bad = clean.clone();
                int from = random.nextInt(bad.length);
                for (int i = from; i < Math.min(bad.length, from + 64); i++) {
                    bad[i] = (byte) 0xFF;
                }
            }
        }
        return bad;
    }

    private static short[] decode(String ts, ByteBuffer frame, int rows, int cols, String name) {
        return switch (ts) {
            case Uids.RLE_LOSSLESS -> RleDecoder.decode(frame, rows, cols, 16, name);
            case Uids.JPEG_LS_LOSSLESS -> JpegLsDecoder.decode(frame, rows, cols, name);
            default -> JpegLosslessDecoder.decode(frame, rows, cols, name);
        };
    }
}
