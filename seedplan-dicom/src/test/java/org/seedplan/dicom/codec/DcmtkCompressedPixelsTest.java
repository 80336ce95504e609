package org.seedplan.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seedplan.demo.DemoPatient;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.PatientInfo;
import org.seedplan.dicom.StudyContext;
import org.seedplan.dicom.ct.CtSeries;
import org.seedplan.dicom.ct.CtSeriesReader;
import org.seedplan.dicom.ct.CtSeriesWriter;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomFile;
import org.seedplan.dicom.io.DicomReader;
import org.seedplan.dicom.io.DicomWriter;
import org.seedplan.dicom.io.Tag;
import org.seedplan.dicom.io.Uids;
import org.seedplan.dicom.io.VR;
import org.seedplan.geometry.Volume;

/**
 * Real CT files compressed by dcmtk's own encoders (dcmcjpeg, dcmcrle, dcmcjpls, dcmconv) decode to
 * exactly the stored values of the uncompressed original and of dcmtk's own decompression (dcmdjpeg,
 * dcmdrle, dcmdjpls, dcmconv +te): tolerance zero, since every one of these encodings is lossless.
 * Where dcmtk's option makes it lossy (point transform, JPEG-LS near-lossless), our pixels must equal
 * dcmtk's decompression bit for bit and differ from the original by at most what the option allows.
 */
class DcmtkCompressedPixelsTest {

    @TempDir
    static Path tmp;

    /**
     * Source CT slices: our writer's demo CT (signed 16 bit), the phantom CT (plastimatch), a GE slice,
     * a 512 × 512 slice, and the demo slice stored unsigned in 12 bits (HU + 1024, intercept −1024).
     */
    private static final List<Path> SOURCES = new ArrayList<>();

    @BeforeAll
    static void sources() {
        Volume demo = new DemoPatient().ct();
        List<DataSet> slices = CtSeriesWriter.slices(demo, StudyContext.newStudy(PatientInfo.anonymous("CODEC")), Uids.newUid());
        Path demoSlice = tmp.resolve("demo-slice.dcm");
        DicomWriter.write(slices.get(slices.size() / 2), demoSlice);
        SOURCES.add(demoSlice);
        SOURCES.add(ExternalTools.data("synthetic-seed-phantom/dicom/image0020.dcm"));
        SOURCES.add(ExternalTools.data("pydicom-testfiles/CT_small.dcm"));
        SOURCES.add(ExternalTools.data("dicompyler-example/ct.0.dcm"));
        SOURCES.add(unsigned12(slices.get(slices.size() / 2), tmp.resolve("demo-slice-u12.dcm")));
    }

    private static Path unsigned12(DataSet signed, Path file) {
        ByteBuffer in = signed.element(Tag.PIXEL_DATA).buffer();
        ByteBuffer out = ByteBuffer.allocate(in.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            out.putShort((short) Math.max(0, Math.min(4095, in.getShort() + 1024)));
        }
        DataSet ds = signed.toBuilder().us(Tag.BITS_STORED, 12).us(Tag.HIGH_BIT, 11).us(Tag.PIXEL_REPRESENTATION, 0)
                .numbers(Tag.RESCALE_INTERCEPT, -1024).bytes(Tag.PIXEL_DATA, VR.OW, out.array()).build();
        DicomWriter.write(ds, file);
        return file;
    }

    /** An encoder run, the dcmtk tool that undoes it, the transfer syntax it must give and the largest change allowed. */
    record Variant(String name, List<String> encode, String decoder, String transferSyntax, int maxChange, List<Integer> sources) {
        Variant(String name, List<String> encode, String decoder, String transferSyntax, int maxChange) {
            this(name, encode, decoder, transferSyntax, maxChange, List.of(0, 1, 2, 3, 4));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> variants() {
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("jpeg lossless SV1", List.of("dcmcjpeg", "--encode-lossless-sv1"), "dcmdjpeg", Uids.JPEG_LOSSLESS_SV1, 0));
        for (int sv = 1; sv <= 7; sv++) {
            v.add(new Variant("jpeg lossless predictor " + sv, List.of("dcmcjpeg", "--encode-lossless", "+sv", "" + sv),
                    "dcmdjpeg", Uids.JPEG_LOSSLESS, 0));
        }
        v.add(new Variant("jpeg lossless predictor 6, fragments of 1 kB, no offset table",
                List.of("dcmcjpeg", "--encode-lossless", "+sv", "6", "+fs", "1", "-ot"), "dcmdjpeg", Uids.JPEG_LOSSLESS, 0));
        v.add(new Variant("jpeg lossless predictor 4, point transform 2",
                List.of("dcmcjpeg", "--encode-lossless", "+sv", "4", "+pt", "2"), "dcmdjpeg", Uids.JPEG_LOSSLESS, 3));
        v.add(new Variant("rle", List.of("dcmcrle"), "dcmdrle", Uids.RLE_LOSSLESS, 0));
        v.add(new Variant("jpeg-ls lossless", List.of("dcmcjpls", "--encode-lossless"), "dcmdjpls", Uids.JPEG_LS_LOSSLESS, 0));
        v.add(new Variant("jpeg-ls lossless, preset thresholds", List.of("dcmcjpls", "--encode-lossless", "+t1", "5", "+t2", "40",
                "+t3", "300", "+rs", "32"), "dcmdjpls", Uids.JPEG_LS_LOSSLESS, 0));
        // dcmcjpls encodes near-lossless for unsigned pixels only
        v.add(new Variant("jpeg-ls near-lossless 2", List.of("dcmcjpls", "--encode-nearlossless", "+md", "2"), "dcmdjpls",
                Uids.JPEG_LS_NEAR_LOSSLESS, 2, List.of(4)));
        v.add(new Variant("deflate", List.of("dcmconv", "+td"), "dcmconv", Uids.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, 0));
        v.add(new Variant("big endian", List.of("dcmconv", "+tb"), "dcmconv", Uids.EXPLICIT_VR_BIG_ENDIAN, 0));
        List<Arguments> out = new ArrayList<>();
        for (Variant x : v) {
            for (int s : x.sources()) {
                out.add(Arguments.of(x, s));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, source {1}")
    @MethodSource("variants")
    void decodedPixelsEqualOriginalAndDcmtkDecompression(Variant v, int sourceIndex) throws Exception {
        Path src = SOURCES.get(sourceIndex);
        String tag = v.name().replaceAll("[^a-z0-9]+", "_") + "_" + sourceIndex;
        Path compressed = tmp.resolve(tag + ".dcm");
        Path reference = tmp.resolve(tag + ".ref.dcm");
        run(v.encode(), src, compressed);
        run(v.decoder().equals("dcmconv") ? List.of("dcmconv", "+te") : List.of(v.decoder()), compressed, reference);

        DicomFile c = DicomReader.read(compressed);
        assertThat(c.transferSyntaxUid()).isEqualTo(v.transferSyntax());
        short[] ours = pixels(c, compressed);
        short[] original = pixels(DicomReader.read(src), src);
        short[] dcmtk = pixels(DicomReader.read(reference), reference);

        assertThat(ours).as("our decoding vs dcmtk's decompression").isEqualTo(dcmtk);
        if (v.maxChange() == 0) {
            assertThat(ours).as("our decoding vs the uncompressed original").isEqualTo(original);
        } else {
            int bitsStored = c.dataSet().integer(Tag.BITS_STORED).orElse(16);
            int mask = (1 << bitsStored) - 1;
            int worst = 0;
            for (int i = 0; i < ours.length; i++) {
                worst = Math.max(worst, Math.abs((ours[i] & mask) - (original[i] & mask)));
            }
            assertThat(worst).as("largest change against the original").isLessThanOrEqualTo(v.maxChange());
        }
        // the rest of the data set survives the transfer syntax too (dcmtk gives lossy results a new UID)
        assertThat(c.dataSet().string(Tag.SERIES_INSTANCE_UID)).isEqualTo(DicomReader.read(src).dataSet().string(Tag.SERIES_INSTANCE_UID));
        assertThat(c.dataSet().numbers(Tag.IMAGE_POSITION_PATIENT)).isEqualTo(DicomReader.read(src).dataSet().numbers(Tag.IMAGE_POSITION_PATIENT));
    }

    /** A whole series (our writer's demo CT, 33 slices) in each lossless encoding reads to the same HU volume. */
    @Test
    void wholeCompressedSeriesReadsToTheSameHu() throws Exception {
        Volume demo = new DemoPatient().ct();
        Path plain = Files.createDirectories(tmp.resolve("series-plain"));
        List<DataSet> slices = CtSeriesWriter.slices(demo, StudyContext.newStudy(PatientInfo.anonymous("CODEC")), Uids.newUid());
        for (int k = 0; k < slices.size(); k++) {
            DicomWriter.write(slices.get(k), plain.resolve(String.format("ct%03d.dcm", k)));
        }
        CtSeries reference = CtSeriesReader.read(plain);
        for (List<String> encoder : List.of(List.of("dcmcjpeg", "--encode-lossless-sv1"), List.of("dcmcrle"),
                List.of("dcmcjpls", "--encode-lossless"), List.of("dcmconv", "+tb"), List.of("dcmconv", "+td"))) {
            Path dir = Files.createDirectories(tmp.resolve("series-" + String.join("", encoder).replace("-", "").replace("+", "")));
            try (var files = Files.list(plain)) {
                for (Path f : files.toList()) {
                    run(encoder, f, dir.resolve(f.getFileName()));
                }
            }
            CtSeries read = CtSeriesReader.read(dir);
            assertThat(read.volume().grid()).isEqualTo(reference.volume().grid());
            assertThat(read.volume().hu()).as(encoder.toString()).isEqualTo(reference.volume().hu());
        }
    }

    /** A compressed stream cut short, or with its entropy-coded data overwritten, is refused naming the file. */
    @Test
    void truncatedOrCorruptStreamsAreRefusedNamingTheFile() throws Exception {
        Path src = SOURCES.get(1);
        for (List<String> encoder : List.of(List.of("dcmcjpeg", "--encode-lossless-sv1"), List.of("dcmcrle"),
                List.of("dcmcjpls", "--encode-lossless"))) {
            Path compressed = tmp.resolve("bad-" + encoder.get(0) + ".dcm");
            run(encoder, src, compressed);
            DicomFile c = DicomReader.read(compressed);
            var px = c.dataSet().element(Tag.PIXEL_DATA);
            var fragment = px.fragments().get(0);
            int rows = c.dataSet().requireInteger(Tag.ROWS);
            int cols = c.dataSet().requireInteger(Tag.COLUMNS);
            var cut = fragment.duplicate().limit(fragment.position() + fragment.remaining() / 2).slice();
            assertThatThrownBy(() -> decodeOne(c.transferSyntaxUid(), cut, rows, cols, compressed.toString()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(compressed.toString());
        }
    }

    private static short[] decodeOne(String ts, ByteBuffer frame, int rows, int cols, String name) {
        return switch (ts) {
            case Uids.RLE_LOSSLESS -> RleDecoder.decode(frame, rows, cols, 16, name);
            case Uids.JPEG_LS_LOSSLESS -> JpegLsDecoder.decode(frame, rows, cols, name);
            default -> JpegLosslessDecoder.decode(frame, rows, cols, name);
        };
    }

    private static short[] pixels(DicomFile f, Path file) {
        DataSet ds = f.dataSet();
        return PixelFrames.frame16(f.transferSyntaxUid(), ds.element(Tag.PIXEL_DATA), 0, 1, ds.requireInteger(Tag.ROWS),
                ds.requireInteger(Tag.COLUMNS), file.toString());
    }

    private static void run(List<String> tool, Path in, Path out) {
        ExternalTools.require(tool.get(0));
        List<String> cmd = new ArrayList<>(tool);
        cmd.add(in.toString());
        cmd.add(out.toString());
        ExternalTools.Result r = ExternalTools.run(cmd, 120);
        assertThat(r.exitCode()).as(cmd + ":\n" + r.output()).isZero();
    }
}
