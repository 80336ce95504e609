package org.seedplan.dicom.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.seedplan.dicom.UmaskFiles;

/**
 * Writes a data set as a DICOM Part 10 file (PS3.10 §7.1): 128-byte preamble, "DICM", file meta
 * information, then the data set in Explicit VR Little Endian. Sequences and items are written
 * with undefined length and delimiters; values are padded to even length (PS3.5 §7.1).
 */
public final class DicomWriter {

    private static final int UNDEFINED = 0xFFFFFFFF;

    private DicomWriter() {
    }

    /** The complete file bytes; the data set must hold SOP Class UID and SOP Instance UID. */
    public static byte[] encode(DataSet ds) {
        DataSet meta = DataSet.builder("file meta")
                .bytes(Tag.FILE_META_VERSION, VR.OB, new byte[] {0, 1})
                .put(Tag.MEDIA_STORAGE_SOP_CLASS_UID, ds.requireString(Tag.SOP_CLASS_UID))
                .put(Tag.MEDIA_STORAGE_SOP_INSTANCE_UID, ds.requireString(Tag.SOP_INSTANCE_UID))
                .put(Tag.TRANSFER_SYNTAX_UID, Uids.EXPLICIT_VR_LITTLE_ENDIAN)
                .put(Tag.IMPLEMENTATION_CLASS_UID, Uids.IMPLEMENTATION_CLASS_UID)
                .put(Tag.IMPLEMENTATION_VERSION_NAME, Uids.IMPLEMENTATION_VERSION)
                .build();
        Out metaBody = new Out(256);
        writeElements(metaBody, meta);
        Out out = new Out(estimate(ds) + 512);
        out.fill(128);
        out.bytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.u16(0x0002).u16(0x0000).bytes(new byte[] {'U', 'L'}).u16(4).u32(metaBody.size());
        out.bytes(metaBody.toArray());
        writeElements(out, ds);
        return out.toArray();
    }

    /**
     * Writes the file to a hidden temporary file beside {@code file}, then moves it into place; the file
     * follows the user's umask.
     */
    public static void write(DataSet ds, Path file) {
        UmaskFiles.writeAtomically(file, encode(ds));
    }

    private static int estimate(DataSet ds) {
        long n = 0;
        for (Element e : ds.elements().values()) {
            n += 12 + e.length();
            for (DataSet item : e.items()) {
                n += 16 + estimate(item);
            }
        }
        return (int) Math.min(n, Integer.MAX_VALUE - 1024);
    }

    private static void writeElements(Out out, DataSet ds) {
        for (Map.Entry<Integer, Element> en : ds.elements().entrySet()) {
            Element e = en.getValue();
            int tag = e.tag();
            if (e.isEncapsulated()) {
                throw new IllegalArgumentException(ds.source() + ": " + Tag.describe(tag) + " is compressed (encapsulated);"
                        + " seedplan writes Explicit VR Little Endian only: put the decoded pixels in the data set first");
            }
            out.u16(tag >>> 16).u16(tag & 0xFFFF);
            VR vr = e.vr();
            out.u8(vr.name().charAt(0)).u8(vr.name().charAt(1));
            if (e.isSequence()) {
                out.u16(0).u32(UNDEFINED);
                for (DataSet item : e.items()) {
                    out.u16(0xFFFE).u16(0xE000).u32(UNDEFINED);
                    writeElements(out, item);
                    out.u16(0xFFFE).u16(0xE00D).u32(0);
                }
                out.u16(0xFFFE).u16(0xE0DD).u32(0);
                continue;
            }
            int len = e.length();
            int padded = len + (len & 1);
            if (vr.hasLongLength()) {
                out.u16(0).u32(padded);
            } else {
                if (padded > 0xFFFF) {
                    throw new IllegalArgumentException(Tag.describe(tag) + " value of " + padded
                            + " bytes is too long for VR " + vr + " (at most 65534)");
                }
                out.u16(padded);
            }
            out.bytes(e.rawBuffer(), e.rawOffset(), len);
            if (padded != len) {
                out.u8(vr.padding());
            }
        }
    }

    /** A growable little-endian byte buffer. */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[Math.max(capacity, 64)];
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                long want = Math.max((long) buf.length * 2, (long) size + more);
                if (want > Integer.MAX_VALUE - 64) {
                    throw new IllegalArgumentException("DICOM object larger than 2 GB cannot be written");
                }
                buf = Arrays.copyOf(buf, (int) want);
            }
        }

        Out u8(int v) {
            ensure(1);
            buf[size++] = (byte) v;
            return this;
        }

        Out u16(int v) {
            ensure(2);
            buf[size++] = (byte) v;
            buf[size++] = (byte) (v >>> 8);
            return this;
        }

        Out u32(int v) {
            ensure(4);
            buf[size++] = (byte) v;
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 24);
            return this;
        }

        Out fill(int n) {
            ensure(n);
            size += n;
            return this;
        }

        Out bytes(byte[] src) {
            return bytes(src, 0, src.length);
        }

        Out bytes(byte[] src, int off, int len) {
            ensure(len);
            System.arraycopy(src, off, buf, size, len);
            size += len;
            return this;
        }

        int size() {
            return size;
        }

        byte[] toArray() {
            return size == buf.length ? buf : Arrays.copyOf(buf, size);
        }
    }
}
