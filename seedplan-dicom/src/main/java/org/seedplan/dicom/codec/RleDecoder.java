package org.seedplan.dicom.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes one RLE Lossless frame (PS3.5 Annex G) of greyscale pixels of 8 or 16 bits allocated:
 * a 64-byte header (segment count and 15 segment offsets), then one PackBits segment per byte of
 * the pixel, most significant byte first.
 */
public final class RleDecoder {

    private RleDecoder() {
    }

    /** The frame's pixels, row by row, as raw stored values (16-bit patterns or 8-bit values). */
    public static short[] decode(ByteBuffer frame, int rows, int cols, int bitsAllocated, String source) {
        ByteBuffer in = frame.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int bytesPerSample = bitsAllocated / 8;
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new IllegalArgumentException(source + ": RLE Lossless with Bits Allocated " + bitsAllocated
                    + " is not supported (8 or 16)");
        }
        int base = in.position();
        int size = in.remaining();
        if (size < 64) {
            throw bad(source, "the RLE header needs 64 bytes but the frame has " + size);
        }
        long segments = in.getInt(base) & 0xFFFFFFFFL;
        if (segments != bytesPerSample) {
            throw bad(source, "the RLE header names " + segments + " segments but " + bitsAllocated
                    + "-bit greyscale pixels need " + bytesPerSample);
        }
        int n = rows * cols;
        short[] out = new short[n];
        byte[] plane = new byte[n];
        for (int s = 0; s < segments; s++) {
            long start = in.getInt(base + 4 + 4 * s) & 0xFFFFFFFFL;
            long end = s + 1 < segments ? in.getInt(base + 8 + 4 * s) & 0xFFFFFFFFL : size;
            if (start < 64 || end > size || start > end) {
                throw bad(source, "RLE segment " + (s + 1) + " spans bytes " + start + " to " + end
                        + " of a " + size + "-byte frame");
            }
            unpack(in, base + (int) start, base + (int) end, plane, s + 1, source);
            int shift = 8 * (bytesPerSample - 1 - s);
            for (int i = 0; i < n; i++) {
                out[i] |= (short) ((plane[i] & 0xFF) << shift);
            }
        }
        return out;
    }

    /** PackBits: a header byte h of 0..127 copies h + 1 literal bytes, -127..-1 repeats the next byte 1 - h times. */
    private static void unpack(ByteBuffer in, int from, int to, byte[] plane, int segment, String source) {
        int p = from;
        int o = 0;
        while (o < plane.length) {
            if (p >= to) {
                throw bad(source, "RLE segment " + segment + " ends after " + o + " of " + plane.length + " bytes");
            }
            int h = in.get(p++);
            if (h >= 0) {
                int count = h + 1;
                if (p + count > to || o + count > plane.length) {
                    throw bad(source, "a literal run of RLE segment " + segment + " overruns the segment or the image");
                }
                for (int i = 0; i < count; i++) {
                    plane[o++] = in.get(p++);
                }
            } else if (h != -128) {
                int count = 1 - h;
                if (p >= to || o + count > plane.length) {
                    throw bad(source, "a replicate run of RLE segment " + segment + " overruns the segment or the image");
                }
                byte v = in.get(p++);
                for (int i = 0; i < count; i++) {
                    plane[o++] = v;
                }
            }
        }
    }

    private static IllegalArgumentException bad(String source, String detail) {
        return new IllegalArgumentException(source + ": corrupt RLE Lossless pixel data: " + detail);
    }
}
