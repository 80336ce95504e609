package org.seedplan.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedplan.dicom.ExternalTools;

/**
 * The data-set encoder against dcmtk: a real RT Plan (dicompyler's, with nested sequences, binary and text values,
 * made Explicit VR LE by dcmconv) written by seedplan in Implicit VR LE, Explicit VR LE and Explicit VR BE reads in dcmdump as the same elements
 * with the same values as the original file (every line of the dump but the file meta information equal; tolerance
 * zero), and an element of unknown VR is refused for big endian.
 */
class DataSetEncoderTest {

    @TempDir
    Path tmp;

    @Test
    void dcmdumpReadsTheSameValuesInEveryNativeSyntax() throws Exception {
        // the file is Implicit VR; dcmtk gives every element its dictionary VR, which seedplan's small dictionary lacks
        ExternalTools.require("dcmconv");
        Path original = tmp.resolve("rtplan-explicit.dcm");
        ExternalTools.Result conv = ExternalTools.run(List.of("dcmconv", "+te", ExternalTools.data("dicompyler-example/rtplan.dcm").toString(),
                original.toString()), 60);
        assertThat(conv.exitCode()).as(conv.output()).isZero();
        DicomFile f = DicomReader.read(original);
        List<String> expected = body(ExternalTools.dcmdump(original));
        for (String ts : List.of(Uids.IMPLICIT_VR_LITTLE_ENDIAN, Uids.EXPLICIT_VR_LITTLE_ENDIAN, Uids.EXPLICIT_VR_BIG_ENDIAN)) {
            Path out = tmp.resolve(ts + ".dcm");
            Files.write(out, part10(ts, f.dataSet(), DataSetEncoder.encode(f.dataSet(), ts)));
            String dump = ExternalTools.dcmdump(out);
            assertThat(dump).as(ts).contains("(0002,0010) UI =" + switch (ts) {
                case Uids.IMPLICIT_VR_LITTLE_ENDIAN -> "LittleEndianImplicit";
                case Uids.EXPLICIT_VR_BIG_ENDIAN -> "BigEndianExplicit";
                default -> "LittleEndianExplicit";
            });
            assertThat(body(dump)).as("dcmdump of the data set written in " + ts).isEqualTo(expected);
        }
    }

    @Test
    void unknownVrIsRefusedForBigEndianAndCompressedPixelsEverywhere() {
        DataSet unknown = DataSet.builder("test").put(Tag.SOP_INSTANCE_UID, "1.2.3").bytes(0x00091010, VR.UN, new byte[] {1, 0, 2, 0}).build();
        assertThat(DataSetEncoder.encode(unknown, Uids.IMPLICIT_VR_LITTLE_ENDIAN)).isNotEmpty();
        assertThatThrownBy(() -> DataSetEncoder.encode(unknown, Uids.EXPLICIT_VR_BIG_ENDIAN))
                .hasMessageContaining("(0009,1010)").hasMessageContaining("little-endian syntax");
        assertThatThrownBy(() -> DataSetEncoder.encode(unknown, Uids.JPEG_LOSSLESS)).hasMessageContaining("cannot encode in transfer syntax");
    }

    /**
     * The dump's lines after the file meta information, without what depends on the length encoding of sequences and
     * items (defined in the original, undefined in ours): dcmdump's length comments and its words for the delimiters.
     */
    private static List<String> body(String dump) {
        List<String> lines = Arrays.stream(dump.split("\n")).toList();
        int start = lines.indexOf("# Dicom-Data-Set");
        return lines.subList(start + 2, lines.size()).stream()
                .map(l -> l.replaceAll("\\s+#.*$", "")
                        .replaceAll("\\((Sequence|Item) with (explicit|undefined) length.*", "($1")
                        .replaceAll("(ItemDelimitationItem|SequenceDelimitationItem).*", "$1"))
                .collect(Collectors.toList());
    }

    /** Preamble, "DICM", a minimal file meta group naming {@code ts}, then the data set bytes. */
    private static byte[] part10(String ts, DataSet ds, byte[] dataSet) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x0001, "OB", new byte[] {0, 1});
        element(meta, 0x0002, "UI", uid(ds.requireString(Tag.SOP_CLASS_UID)));
        element(meta, 0x0003, "UI", uid(ds.requireString(Tag.SOP_INSTANCE_UID)));
        element(meta, 0x0010, "UI", uid(ts));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array());
        out.writeBytes(meta.toByteArray());
        out.writeBytes(dataSet);
        return out.toByteArray();
    }

    private static void element(ByteArrayOutputStream out, int element, String vr, byte[] value) {
        ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 2).putShort((short) element)
                .put(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.equals("OB")) {
            h.putShort((short) 0).putInt(value.length);
        } else {
            h.putShort((short) value.length);
        }
        out.write(h.array(), 0, h.position());
        out.writeBytes(value);
    }

    private static byte[] uid(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return b.length % 2 == 0 ? b : Arrays.copyOf(b, b.length + 1);
    }
}
