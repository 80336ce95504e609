package org.seedplan.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedplan.dicom.ExternalTools;

/**
 * Every shared sample (RT Plans, Structure Sets, Doses, CT and MR images, with nested sequences,
 * private elements and binary values of every width), rewritten by dcmtk's dcmconv in Explicit VR
 * Big Endian and in Deflated Explicit VR Little Endian, reads to the same elements with the same
 * value bytes as the original: big-endian numbers are swapped back exactly, nothing is lost.
 */
class TransferSyntaxEquivalenceTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "dcmconv {0}")
    @ValueSource(strings = {"+tb", "+td"})
    void everySampleReadsTheSameInBigEndianAndDeflated(String option) {
        ExternalTools.require("dcmconv");
        for (String sample : DicomReaderTest.SAMPLES) {
            Path src = ExternalTools.data(sample);
            Path out = tmp.resolve(sample.replace('/', '_') + option.substring(1) + ".dcm");
            ExternalTools.Result r = ExternalTools.run(List.of("dcmconv", option, src.toString(), out.toString()), 120);
            assertThat(r.exitCode()).as(r.output()).isZero();
            DicomFile converted = DicomReader.read(out);
            assertThat(converted.transferSyntaxUid()).isEqualTo(option.equals("+tb") ? Uids.EXPLICIT_VR_BIG_ENDIAN
                    : Uids.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            flatten(DicomReader.read(src).dataSet(), "", expected);
            flatten(converted.dataSet(), "", actual);
            assertThat(actual).as(sample).containsExactlyElementsOf(expected);
        }
    }

    /** One line per element: path, tag and, for values, their bytes in hex (sequences by their items). */
    private static void flatten(DataSet ds, String path, List<String> out) {
        for (Element e : ds.elements().values()) {
            String key = path + String.format(Locale.ROOT, "%08X", e.tag());
            if (e.isSequence()) {
                out.add(key + " SQ " + e.items().size());
                for (int i = 0; i < e.items().size(); i++) {
                    flatten(e.items().get(i), key + "[" + i + "]/", out);
                }
            } else {
                StringBuilder hex = new StringBuilder();
                for (byte b : e.bytes()) {
                    hex.append(String.format(Locale.ROOT, "%02X", b));
                }
                out.add(key + " " + hex);
            }
        }
    }
}
