package org.seedplan.dicom.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.seedplan.dicom.io.Uids;

/**
 * The Part 10 wrapping of a data set received or sent over the network (PS3.10 §7.1): the file meta
 * information seedplan writes in front of a received data set, kept byte for byte in the transfer
 * syntax it arrived in, and the offset at which a file's data set starts.
 */
final class Part10 {

    private Part10() {
    }

    /** Preamble, "DICM", file meta information (Explicit VR Little Endian), then {@code dataSet} unchanged. */
    static byte[] file(String transferSyntax, String sopClass, String sopInstance, String sourceAe, byte[] dataSet) {
        ByteArrayOutputStream meta = new ByteArrayOutputStream(256);
        element(meta, 0x0001, "OB", new byte[] {0, 1});
        element(meta, 0x0002, "UI", uid(sopClass));
        element(meta, 0x0003, "UI", uid(sopInstance));
        element(meta, 0x0010, "UI", uid(transferSyntax));
        element(meta, 0x0012, "UI", uid(Uids.IMPLEMENTATION_CLASS_UID));
        element(meta, 0x0013, "SH", text(Uids.IMPLEMENTATION_VERSION));
        element(meta, 0x0016, "AE", text(sourceAe));
        ByteArrayOutputStream out = new ByteArrayOutputStream(132 + 12 + meta.size() + dataSet.length);
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array());
        out.writeBytes(meta.toByteArray());
        out.writeBytes(dataSet);
        return out.toByteArray();
    }

    /**
     * Where the data set of a file starts: after the preamble and "DICM", if present, and after every
     * group 0002 element (always Explicit VR Little Endian, PS3.10 §7.1).
     */
    static int dataSetOffset(byte[] b, String source) {
        boolean preamble = b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        int pos = preamble ? 132 : 0;
        while (pos + 8 <= b.length && u16(b, pos) == 0x0002) {
            String vr = new String(b, pos + 4, 2, StandardCharsets.US_ASCII);
            long len;
            int header;
            if (vr.equals("OB") || vr.equals("OW") || vr.equals("UN") || vr.equals("UT") || vr.equals("SQ")
                    || vr.equals("UC") || vr.equals("UR") || vr.equals("OD") || vr.equals("OF") || vr.equals("OL")
                    || vr.equals("OV")) {
                if (pos + 12 > b.length) {
                    break;
                }
                len = (u16(b, pos + 8) | (long) u16(b, pos + 10) << 16);
                header = 12;
            } else {
                len = u16(b, pos + 6);
                header = 8;
            }
            if (pos + header + len > b.length) {
                throw new IllegalArgumentException(source + ": file meta element at byte " + pos
                        + " runs past the end of the file: the file is truncated or corrupt");
            }
            pos += header + (int) len;
        }
        return pos;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static void element(ByteArrayOutputStream out, int elementNumber, String vr, byte[] value) {
        ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 2).putShort((short) elementNumber);
        h.put(vr.getBytes(StandardCharsets.US_ASCII));
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
        return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
    }

    private static byte[] text(String s) {
        return (s.length() % 2 == 0 ? s : s + " ").getBytes(StandardCharsets.US_ASCII);
    }
}
