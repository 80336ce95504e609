package org.seedplan.dicom.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.seedplan.dicom.io.DataSet;
import org.seedplan.dicom.io.DicomReader;

/**
 * Query identifiers (PS3.4 §C.4): a flat data set of text keys, encoded in Explicit VR Little Endian
 * (the transfer syntax seedplan proposes for queries), and the peer's answers read with seedplan's reader.
 */
final class Identifiers {

    private Identifiers() {
    }

    /** The keys in tag order; an empty value asks for the attribute (universal matching). */
    static byte[] encode(Map<QueryKey, String> keys) {
        TreeMap<Integer, QueryKey> byTag = new TreeMap<>();
        keys.keySet().forEach(k -> byTag.put(k.tag(), k));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (QueryKey k : byTag.values()) {
            String v = keys.get(k);
            byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
            if (b.length % 2 == 1) {
                b = (v + (k.vr().equals("UI") ? "\0" : " ")).getBytes(StandardCharsets.ISO_8859_1);
            }
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException(k + " value is too long: " + b.length + " bytes");
            }
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (k.tag() >>> 16))
                    .putShort((short) k.tag()).put(k.vr().getBytes(StandardCharsets.US_ASCII)).putShort((short) b.length).array());
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /**
     * Reads an identifier the peer sent in {@code transferSyntax}: wrapped in file meta information
     * that names the syntax (its SOP UIDs are placeholders), so the reader never has to guess it.
     */
    static DataSet decode(String transferSyntax, byte[] dataSet, String source) {
        byte[] file = Part10.file(transferSyntax, DicomNode.VERIFICATION, "1", "PEER", dataSet);
        return DicomReader.parse(file, source).dataSet();
    }
}
