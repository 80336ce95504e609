package org.seedplan.dicom.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Encodes a data set (without file meta information) in one of the three native transfer syntaxes: Implicit VR
 * Little Endian (PS3.5 §A.1: tag, 4-byte length, value; the VR is the dictionary's), Explicit VR Little Endian
 * (§A.2) and Explicit VR Big Endian (§A.3, retired but still spoken: tags, lengths and every binary number
 * byte-swapped). Sequences and items are written with undefined length and delimiters; values are padded to even
 * length. Encapsulated (compressed) pixel data are refused: decode them first.
 */
public final class DataSetEncoder {

    private static final int UNDEFINED = 0xFFFFFFFF;

    private final boolean explicit;
    private final boolean bigEndian;
    private final String source;
    private final ByteArrayOutputStream out;

    private DataSetEncoder(String transferSyntax, String source, int capacity) {
        this.explicit = !transferSyntax.equals(Uids.IMPLICIT_VR_LITTLE_ENDIAN);
        this.bigEndian = transferSyntax.equals(Uids.EXPLICIT_VR_BIG_ENDIAN);
        this.source = source;
        this.out = new ByteArrayOutputStream(capacity);
    }

    /**
     * The data set's bytes in {@code transferSyntax} (one of the three native syntaxes). An element of unknown VR
     * (UN, as read from an Implicit VR file) is refused for Explicit VR Big Endian, whose binary values must be
     * swapped number by number.
     */
    public static byte[] encode(DataSet ds, String transferSyntax) {
        if (!transferSyntax.equals(Uids.IMPLICIT_VR_LITTLE_ENDIAN) && !transferSyntax.equals(Uids.EXPLICIT_VR_LITTLE_ENDIAN)
                && !transferSyntax.equals(Uids.EXPLICIT_VR_BIG_ENDIAN)) {
            throw new IllegalArgumentException(ds.source() + ": cannot encode in transfer syntax " + transferSyntax
                    + ": give Implicit VR Little Endian, Explicit VR Little Endian or Explicit VR Big Endian");
        }
        DataSetEncoder e = new DataSetEncoder(transferSyntax, ds.source(), 1024);
        e.elements(ds);
        return e.out.toByteArray();
    }

    private void elements(DataSet ds) {
        for (Map.Entry<Integer, Element> en : ds.elements().entrySet()) {
            Element e = en.getValue();
            int tag = e.tag();
            if (e.isEncapsulated()) {
                throw new IllegalArgumentException(source + ": " + Tag.describe(tag) + " is compressed (encapsulated): decode the"
                        + " pixel data before encoding in a native transfer syntax");
            }
            VR vr = e.vr();
            tag(tag);
            if (e.isSequence()) {
                header(VR.SQ, UNDEFINED);
                for (DataSet item : e.items()) {
                    tag(Tag.ITEM);
                    u32(UNDEFINED);
                    elements(item);
                    tag(Tag.ITEM_DELIMITATION);
                    u32(0);
                }
                tag(Tag.SEQUENCE_DELIMITATION);
                u32(0);
                continue;
            }
            int len = e.length();
            int padded = len + (len & 1);
            if (explicit && !vr.hasLongLength() && padded > 0xFFFF) {
                throw new IllegalArgumentException(source + ": " + Tag.describe(tag) + " value of " + padded
                        + " bytes is too long for VR " + vr + " in Explicit VR (at most 65534)");
            }
            header(vr, padded);
            value(e, vr, tag);
            if (padded != len) {
                out.write(vr.padding());
            }
        }
    }

    /** The VR (explicit syntaxes) and length of an element whose tag is written. */
    private void header(VR vr, int length) {
        if (!explicit) {
            u32(length);
            return;
        }
        out.write(vr.name().charAt(0));
        out.write(vr.name().charAt(1));
        if (vr.hasLongLength()) {
            u16(0);
            u32(length);
        } else {
            u16(length);
        }
    }

    private void value(Element e, VR vr, int tag) {
        ByteBuffer b = e.buffer();
        int word = bigEndian ? wordSize(vr) : 1;
        if (word == 1) {
            if (bigEndian && vr == VR.UN && e.length() > 0) {
                throw new IllegalArgumentException(source + ": " + Tag.describe(tag) + " has an unknown VR (the object was read"
                        + " in Implicit VR): its numbers cannot be swapped for Explicit VR Big Endian; send it in a little-endian syntax");
            }
            byte[] v = new byte[b.remaining()];
            b.get(v);
            out.write(v, 0, v.length);
            return;
        }
        if (e.length() % word != 0) {
            throw new IllegalArgumentException(source + ": " + Tag.describe(tag) + " value of " + e.length()
                    + " bytes is not a whole number of " + word + "-byte " + vr + " values");
        }
        byte[] v = new byte[e.length()];
        b.get(v);
        for (int w = 0; w < v.length; w += word) {
            for (int i = 0; i < word / 2; i++) {
                byte t = v[w + i];
                v[w + i] = v[w + word - 1 - i];
                v[w + word - 1 - i] = t;
            }
        }
        out.write(v, 0, v.length);
    }

    /** Bytes per number of a binary VR (swapped in big endian); 1 for text and byte strings. */
    private static int wordSize(VR vr) {
        return switch (vr) {
            case AT, OW, SS, US -> 2;
            case FL, OF, OL, SL, UL -> 4;
            case FD, OD, OV, SV, UV -> 8;
            default -> 1;
        };
    }

    private void tag(int tag) {
        u16(tag >>> 16);
        u16(tag & 0xFFFF);
    }

    private void u16(int v) {
        if (bigEndian) {
            out.write(v >>> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >>> 8);
        }
    }

    private void u32(int v) {
        if (bigEndian) {
            u16(v >>> 16);
            u16(v & 0xFFFF);
        } else {
            u16(v & 0xFFFF);
            u16(v >>> 16);
        }
    }
}
