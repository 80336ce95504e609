package org.seedplan.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.seedplan.dicom.ExternalTools;
import org.seedplan.dicom.codec.PixelFrames;

class DicomReaderTest {

    /** Every shared sample that must parse (rtplan_truncated.dcm is tested for its refusal). */
    static final List<String> SAMPLES = List.of(
            "pydicom-testfiles/rtstruct.dcm", "pydicom-testfiles/rtplan.dcm", "pydicom-testfiles/rtdose.dcm",
            "pydicom-testfiles/rtdose_1frame.dcm", "pydicom-testfiles/CT_small.dcm", "pydicom-testfiles/MR_small.dcm",
            "pydicom-testfiles/MR_small_implicit.dcm", "dicompyler-example/ct.0.dcm", "dicompyler-example/rtss.dcm",
            "dicompyler-example/rtplan.dcm", "pytg43-brachy/HDR/RP.HDR.dcm", "pytg43-brachy/HDR/RS.HDR.dcm",
            "pytg43-brachy/PDR/RP.PDR.dcm", "pytg43-brachy/PDR/RS.PDR.dcm", "synthetic-seed-phantom/dicom/image0000.dcm",
            "synthetic-seed-phantom/dicom/rtss.dcm", "synthetic-seed-phantom/dicom/rtplan.dcm",
            "synthetic-seed-phantom/dicom/dose.dcm");

    /**
     * The element tree (public tags, sequence item counts, single-valued UI/CS/LO/SH/PN values)
     * of every sample equals the tree pydicom reads.
     */
    @Test
    void elementTreesOfAllSamplesMatchPydicom() {
        List<String> paths = SAMPLES.stream().map(s -> ExternalTools.data(s).toString()).toList();
        String script = """
                import sys, pydicom
                def walk(ds, path, out):
                    for el in ds:
                        if el.tag.group % 2 == 1:
                            continue
                        key = path + '%08X' % el.tag
                        if el.VR == 'SQ':
                            out.append(key + ' SQ ' + str(len(el.value)))
                            for i, item in enumerate(el.value):
                                walk(item, key + '[%d]/' % i, out)
                        elif el.VR in ('UI', 'CS', 'LO', 'SH', 'PN') and el.VM == 1:
                            out.append(key + ' = ' + str(el.value).strip())
                        else:
                            out.append(key)
                for f in sys.argv[1:]:
                    out = []
                    walk(pydicom.dcmread(f, force=True), '', out)
                    print('FILE ' + f)
                    print('\\n'.join(out))
                """;
        String py = ExternalTools.pydicom(script, paths.toArray(String[]::new));
        Map<String, List<String>> expected = new TreeMap<>();
        List<String> current = null;
        for (String line : py.split("\n")) {
            if (line.startsWith("FILE ")) {
                current = new ArrayList<>();
                expected.put(line.substring(5), current);
            } else if (current != null && !line.isEmpty()) {
                current.add(line);
            }
        }
        for (String p : paths) {
            List<String> ours = new ArrayList<>();
            walk(DicomReader.read(Path.of(p)).dataSet(), "", ours);
            // tags outside seedplan's dictionary are UN in implicit-VR files: compare their presence, not their text
            java.util.Set<String> valueless = new java.util.HashSet<>(ours.stream().filter(l -> !l.contains(" ")).toList());
            List<String> want = expected.get(p).stream()
                    .map(l -> l.contains(" = ") && valueless.contains(l.substring(0, l.indexOf(' '))) ? l.substring(0, l.indexOf(' ')) : l)
                    .toList();
            assertThat(ours).as(p).containsExactlyElementsOf(want);
        }
    }

    private static void walk(DataSet ds, String path, List<String> out) {
        for (Element e : ds.elements().values()) {
            if (((e.tag() >>> 16) & 1) == 1) {
                continue;
            }
            String key = path + String.format("%08X", e.tag());
            if (e.isSequence()) {
                out.add(key + " SQ " + e.items().size());
                for (int i = 0; i < e.items().size(); i++) {
                    walk(e.items().get(i), key + "[" + i + "]/", out);
                }
            } else if (List.of(VR.UI, VR.CS, VR.LO, VR.SH, VR.PN).contains(e.vr()) && ds.strings(e.tag()).size() == 1) {
                out.add(key + " = " + ds.string(e.tag(), ""));
            } else {
                out.add(key);
            }
        }
    }

    @Test
    void readsABareImplicitDataSetWithoutPreambleOrMeta() {
        DicomFile f = DicomReader.read(ExternalTools.data("pydicom-testfiles/rtstruct.dcm"));
        assertThat(f.meta().elements()).isEmpty();
        assertThat(f.transferSyntaxUid()).isEqualTo(Uids.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(f.dataSet().string(Tag.PATIENT_NAME)).hasValue("Test^Phantom30sep"); // from rtstruct.dump
        assertThat(f.dataSet().sequence(Tag.STRUCTURE_SET_ROI_SEQUENCE)).hasSize(3);
    }

    @Test
    void explicitAndImplicitEncodingsOfOneImageGiveIdenticalAttributesAndPixels() {
        DataSet ex = DicomReader.read(ExternalTools.data("pydicom-testfiles/MR_small.dcm")).dataSet();
        DataSet im = DicomReader.read(ExternalTools.data("pydicom-testfiles/MR_small_implicit.dcm")).dataSet();
        assertThat(ex.contains(0xFFFCFFFC)).as("data set trailing padding is read as an element").isTrue();
        assertThat(im.element(Tag.PIXEL_DATA).bytes()).isEqualTo(ex.element(Tag.PIXEL_DATA).bytes());
        for (int tag : List.of(Tag.ROWS, Tag.COLUMNS, Tag.PIXEL_SPACING, Tag.IMAGE_POSITION_PATIENT, Tag.BITS_ALLOCATED)) {
            assertThat(im.numbers(tag)).as(Tag.describe(tag)).isEqualTo(ex.numbers(tag));
        }
        assertThat(im.string(Tag.PATIENT_NAME)).isEqualTo(ex.string(Tag.PATIENT_NAME));
    }

    @Test
    void reportsATruncatedFileInsteadOfStoppingSilently() {
        Path f = ExternalTools.data("pydicom-testfiles/rtplan_truncated.dcm");
        assertThatThrownBy(() -> DicomReader.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rtplan_truncated.dcm").hasMessageContaining("truncated");
    }

    private static byte[] minimalFile(String transferSyntax, byte[] body) {
        DataSet meta = DataSet.builder("t").put(Tag.SOP_CLASS_UID, Uids.CT_IMAGE_STORAGE).put(Tag.SOP_INSTANCE_UID, "1.2.3").build();
        byte[] enc = DicomWriter.encode(meta);
        String s = new String(enc, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(Uids.EXPLICIT_VR_LITTLE_ENDIAN + "\0");
        int metaEnd = s.indexOf("\u0008\u0000\u0016\u0000", at); // first data set element (0008,0016)
        String ts = transferSyntax.length() % 2 == 1 ? transferSyntax + "\0" : transferSyntax;
        // rebuild the TS element and group length for the new UID length
        StringBuilder out = new StringBuilder(s.substring(0, at - 2));
        out.append((char) ts.length()).append((char) 0).append(ts);
        out.append(s, at + Uids.EXPLICIT_VR_LITTLE_ENDIAN.length() + 1, metaEnd);
        byte[] head = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        int groupLength = head.length - 144;
        head[140] = (byte) groupLength;
        head[141] = (byte) (groupLength >> 8);
        byte[] file = new byte[head.length + body.length];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(body, 0, file, head.length, body.length);
        return file;
    }

    /** Big-endian values are read; encapsulated pixel data are kept as fragments; JPEG 2000 and lossy JPEG are refused naming the converting command. */
    @Test
    void readsBigEndianAndEncapsulatedPixelDataAndRefusesUndecodableSyntaxesNamingTheFix() {
        byte[] bigEndian = {0x00, 0x08, 0x00, 0x60, 'C', 'S', 0, 2, 'C', 'T', 0x00, 0x28, 0x00, 0x10, 'U', 'S', 0, 2, 0x02, 0x01};
        DataSet be = DicomReader.parse(minimalFile(Uids.EXPLICIT_VR_BIG_ENDIAN, bigEndian), "be.dcm").dataSet();
        assertThat(be.string(Tag.MODALITY)).hasValue("CT");
        assertThat(be.integer(Tag.ROWS)).hasValue(0x0201);
        byte[] modality = {0x08, 0x00, 0x60, 0x00, 'C', 'S', 2, 0, 'C', 'T'};
        byte[] encapsulated = {0x08, 0x00, 0x60, 0x00, 'C', 'S', 2, 0, 'C', 'T',
                (byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -1, -1, -1, -1,
                (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0, 0, 0, 0,
                (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 2, 0, 0, 0, (byte) 0xFF, (byte) 0xD8,
                (byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0};
        DicomFile plainHeader = DicomReader.parse(minimalFile("1.2.840.10008.1.2.4.50", modality), "jpeg-header.dcm");
        assertThat(plainHeader.dataSet().string(Tag.MODALITY)).hasValue("CT");
        Element px = DicomReader.parse(minimalFile("1.2.840.10008.1.2.4.50", encapsulated), "jpeg.dcm").dataSet().element(Tag.PIXEL_DATA);
        assertThat(px.isEncapsulated()).isTrue();
        assertThat(px.offsetTable()).isEmpty();
        assertThat(px.fragments()).hasSize(1);
        assertThat(px.fragments().get(0).remaining()).isEqualTo(2);
        DataSet compressed = DicomReader.parse(minimalFile("1.2.840.10008.1.2.4.50", encapsulated), "jpeg.dcm").dataSet().toBuilder()
                .put(Tag.SOP_CLASS_UID, Uids.CT_IMAGE_STORAGE).put(Tag.SOP_INSTANCE_UID, "1.2.3").build();
        assertThatThrownBy(() -> DicomWriter.encode(compressed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jpeg.dcm").hasMessageContaining("compressed"); // never written as an empty value
        assertThatThrownBy(() -> PixelFrames.frame16(Uids.JPEG_BASELINE, px, 0, 1, 1, 1, "jpeg.dcm"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jpeg.dcm").hasMessageContaining("dcmdjpeg");
        assertThatThrownBy(() -> PixelFrames.frame16(Uids.JPEG_2000_LOSSLESS, px, 0, 1, 1, 1, "j2k.dcm"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JPEG 2000").hasMessageContaining("gdcmconv --raw");
        byte[] cut = minimalFile("1.2.840.10008.1.2.4.50", java.util.Arrays.copyOf(encapsulated, encapsulated.length - 8));
        assertThatThrownBy(() -> DicomReader.parse(cut, "cut.dcm"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut.dcm").hasMessageContaining("truncated");
    }

    @Test
    void decodesTextInIsoIr100AndIsoIr192() {
        byte[] utf8 = "Müller^Zoë".getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = "Müller^Zoë".getBytes(StandardCharsets.ISO_8859_1);
        DataSet a = DicomReader.parse(DicomWriter.encode(DataSet.builder("a").put(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 192")
                .put(Tag.SOP_CLASS_UID, "1.2").put(Tag.SOP_INSTANCE_UID, "1.3").bytes(Tag.PATIENT_NAME, VR.PN, utf8).build()), "a").dataSet();
        DataSet b = DicomReader.parse(DicomWriter.encode(DataSet.builder("b").put(Tag.SPECIFIC_CHARACTER_SET, "ISO_IR 100")
                .put(Tag.SOP_CLASS_UID, "1.2").put(Tag.SOP_INSTANCE_UID, "1.3").bytes(Tag.PATIENT_NAME, VR.PN, latin1).build()), "b").dataSet();
        assertThat(a.string(Tag.PATIENT_NAME)).hasValue("Müller^Zoë");
        assertThat(b.string(Tag.PATIENT_NAME)).hasValue("Müller^Zoë");
    }

    @Test
    void decimalStringsFitSixteenCharactersAndKeepTheirValue() {
        for (double v : new double[] {0, 1, -1.5, 0.1, 123.456789012345678, -123.45678901234, 1e-9, 4.64056e-08, 6.02e23, 59.4}) {
            String s = DecimalString.format(v);
            assertThat(s.length()).as(s).isLessThanOrEqualTo(16);
            // 16 characters keep at least 12 significant digits: relative error below 1e-11
            assertThat(Double.parseDouble(s)).isCloseTo(v, org.assertj.core.api.Assertions.within(Math.abs(v) * 1e-11));
        }
    }
}
