package org.seedplan.dicom.codec;

import java.nio.ByteBuffer;

/**
 * The marker-segment layer that JPEG Lossless (ITU-T T.81 Annex B) and JPEG-LS (T.87 Annex C) frames share:
 * the bytes of one frame, the start-of-image check, markers, segment lengths and the one-component frame header.
 */
abstract class JpegMarkerStream {

    /** The frame's bytes. */
    protected final byte[] d;
    /** The next byte to read. */
    protected int pos;
    private final String source;
    private final String codec;

    JpegMarkerStream(ByteBuffer frame, String source, String codec) {
        ByteBuffer f = frame.duplicate();
        this.d = new byte[f.remaining()];
        f.get(d);
        this.source = source;
        this.codec = codec;
    }

    /** Refuses a frame that does not begin with SOI, and moves past it. */
    final void requireStartOfImage() {
        if (d.length < 4 || u8(0) != 0xFF || u8(1) != 0xD8) {
            throw bad("the frame does not start with a JPEG SOI marker");
        }
        pos = 2;
    }

    /** The next marker code, skipping fill bytes; refuses the end of the data. */
    final int nextMarker() {
        while (pos < d.length && u8(pos) != 0xFF) {
            pos++; // tolerate fill bytes between segments
        }
        while (pos < d.length && u8(pos) == 0xFF) {
            pos++;
        }
        if (pos >= d.length) {
            throw bad("the data end before the scan (no SOS marker): the stream is truncated");
        }
        return u8(pos++);
    }

    /** The length of the segment starting at {@code pos}, checked against the data. */
    final int segmentLength() {
        if (pos + 2 > d.length) {
            throw bad("a marker segment is cut short at byte " + pos);
        }
        int len = u16(pos);
        if (len < 2 || pos + len > d.length) {
            throw bad("a marker segment at byte " + pos + " declares " + len + " bytes beyond the data");
        }
        return len;
    }

    /**
     * Reads a frame header (SOF3 or SOF55) whose parameters start at {@code body} and returns its sample
     * precision; refuses colour, a precision outside 2–16 bits and a size other than the DICOM header's.
     */
    final int frameHeader(int body, int rows, int cols) {
        int precision = u8(body);
        int y = u16(body + 1);
        int x = u16(body + 3);
        int nf = u8(body + 5);
        if (nf != 1) {
            throw bad(nf + " colour components: only greyscale (one component) is read");
        }
        if (precision < 2 || precision > 16) {
            throw bad("sample precision " + precision + " is outside 2–16 bits");
        }
        if (y != rows || x != cols) {
            throw bad("the " + codec + " frame is " + x + " × " + y + " but the DICOM header says " + cols + " × " + rows);
        }
        return precision;
    }

    final int u8(int at) {
        return d[at] & 0xFF;
    }

    final int u16(int at) {
        return (u8(at) << 8) | u8(at + 1);
    }

    final IllegalArgumentException bad(String detail) {
        return new IllegalArgumentException(source + ": corrupt or unsupported " + codec + " pixel data: " + detail);
    }
}
