package org.seedplan.dicom.codec;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Decodes one greyscale JPEG Lossless frame (ITU-T T.81 Annex H, process 14, SOF3): Huffman-coded
 * differences from any of the predictors 1–7, point transform, restart intervals, 2–16 bit
 * precision. Colour (several components) and lossy or arithmetic-coded JPEG are refused.
 */
public final class JpegLosslessDecoder extends JpegMarkerStream {

    private final HuffmanTable[] tables = new HuffmanTable[4];
    private int restartInterval;
    // bit reader
    private long bits;
    private int bitCount;
    private boolean markerHit;
    private int padBits;
    private static final int LOOKUP_BITS = 9;

    private JpegLosslessDecoder(ByteBuffer frame, String source) {
        super(frame, source, "JPEG Lossless");
    }

    /** The frame's samples, row by row, as unsigned values of the frame's precision (kept in 16-bit patterns). */
    public static short[] decode(ByteBuffer frame, int rows, int cols, String source) {
        return new JpegLosslessDecoder(frame, source).run(rows, cols);
    }

    private short[] run(int rows, int cols) {
        requireStartOfImage();
        int precision = -1;
        while (true) {
            int marker = nextMarker();
            int len = segmentLength();
            int body = pos + 2;
            switch (marker) {
                case 0xC3 -> precision = frameHeader(body, rows, cols);
                case 0xC0, 0xC1, 0xC2, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                        throw bad(String.format(Locale.ROOT, "the JPEG process (SOF marker FF%02X) is not lossless Huffman"
                                + " (SOF3): the transfer syntax does not match the data", marker));
                case 0xC4 -> readHuffmanTables(body, pos + len);
                case 0xDD -> restartInterval = u16(body);
                case 0xDA -> {
                    if (precision < 0) {
                        throw bad("the scan starts before the frame header (SOF3)");
                    }
                    int ns = u8(body);
                    if (ns != 1) {
                        throw bad("a scan of " + ns + " components: only greyscale is read");
                    }
                    int td = u8(body + 2) >> 4;
                    int predictor = u8(body + 1 + 2 * ns);
                    int pt = u8(body + 3 + 2 * ns) & 0x0F;
                    if (predictor < 1 || predictor > 7) {
                        throw bad("predictor " + predictor + " is not one of 1–7");
                    }
                    if (td > 3 || tables[td] == null) {
                        throw bad("the scan uses Huffman table " + td + ", which the frame does not define");
                    }
                    if (pt >= precision) {
                        throw bad("point transform " + pt + " is not below the precision " + precision);
                    }
                    pos += len;
                    return scan(rows, cols, precision, predictor, pt, tables[td]);
                }
                case 0xD9 -> throw bad("the image ends (EOI) before any scan");
                default -> {
                    // APPn, COM, DNL and other segments carry nothing needed here
                }
            }
            pos += len;
        }
    }

    private short[] scan(int rows, int cols, int precision, int predictor, int pt, HuffmanTable table) {
        int[] prev = new int[cols];
        int[] cur = new int[cols];
        short[] out = new short[rows * cols];
        int mask = (1 << (precision - pt)) - 1;
        int initial = 1 << (precision - pt - 1);
        int done = 0;
        int startRow = 0; // the first row of the image or of the current restart interval
        int total = rows * cols;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boolean intervalStart = done == 0 || (restartInterval > 0 && done % restartInterval == 0);
                int px;
                if (intervalStart) {
                    if (done > 0) {
                        restart(done / restartInterval - 1);
                    }
                    startRow = r;
                    px = initial;
                } else if (r == startRow) {
                    px = cur[c - 1];
                } else if (c == 0) {
                    px = prev[0];
                } else {
                    int ra = cur[c - 1];
                    int rb = prev[c];
                    int rc = prev[c - 1];
                    px = switch (predictor) {
                        case 1 -> ra;
                        case 2 -> rb;
                        case 3 -> rc;
                        case 4 -> ra + rb - rc;
                        case 5 -> ra + ((rb - rc) >> 1);
                        case 6 -> rb + ((ra - rc) >> 1);
                        default -> (ra + rb) >> 1;
                    };
                }
                int v = (px + difference(table, r, c)) & mask;
                cur[c] = v;
                out[r * cols + c] = (short) (v << pt);
                done++;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        if (done != total) {
            throw bad("decoded " + done + " of " + total + " samples");
        }
        return out;
    }

    /** One Huffman-coded difference (T.81 H.1.2.2: category, then that many extra bits; 16 means 32768). */
    private int difference(HuffmanTable t, int r, int c) {
        while (bitCount < 16) {
            fill();
        }
        int peek = (int) (bits >>> (bitCount - LOOKUP_BITS)) & ((1 << LOOKUP_BITS) - 1);
        int entry = t.lookup[peek];
        int ssss = -1;
        if (entry != 0) {
            consume(entry >>> 8);
            ssss = entry & 0xFF;
        } else {
            int code = peek;
            consume(LOOKUP_BITS);
            for (int l = LOOKUP_BITS + 1; l <= 16; l++) {
                code = (code << 1) | bits(1);
                if (code <= t.maxCode[l]) {
                    ssss = t.values[t.valPtr[l] + code - t.minCode[l]];
                    break;
                }
            }
        }
        if (ssss < 0) {
            throw bad("an invalid Huffman code at row " + r + ", column " + c);
        }
        if (ssss == 0) {
            return 0;
        }
        if (ssss == 16) {
            return 32768;
        }
        if (ssss > 16) {
            throw bad("difference category " + ssss + " at row " + r + ", column " + c);
        }
        int v = bits(ssss);
        return v < (1 << (ssss - 1)) ? v - (1 << ssss) + 1 : v;
    }

    private int bits(int n) {
        while (bitCount < n) {
            fill();
        }
        consume(n);
        return (int) (bits >>> bitCount) & ((1 << n) - 1);
    }

    /** Drops {@code n} bits already buffered; refuses when they include padding past the end of the data. */
    private void consume(int n) {
        bitCount -= n;
        if (bitCount < padBits) {
            throw bad("the compressed data end before the image is complete: the stream is truncated or corrupt");
        }
    }

    /**
     * Adds one byte of entropy-coded data, undoing FF00 stuffing; at a marker or the end of the data
     * adds zero bits instead, which {@link #consume} refuses to use.
     */
    private void fill() {
        int b;
        if (markerHit || pos >= d.length) {
            b = 0;
            padBits += 8;
        } else {
            b = u8(pos);
            if (b == 0xFF) {
                int next = pos + 1 < d.length ? u8(pos + 1) : -1;
                if (next == 0x00) {
                    pos += 2;
                } else {
                    markerHit = true;
                    b = 0;
                    padBits += 8;
                }
            } else {
                pos++;
            }
        }
        bits = (bits << 8) | b;
        bitCount += 8;
    }

    /** Expects restart marker RSTm after the interval just decoded, and resets the bit reader. */
    private void restart(int interval) {
        bitCount = 0;
        bits = 0;
        padBits = 0;
        markerHit = false;
        int expected = 0xD0 + (interval & 7);
        if (pos + 1 >= d.length || u8(pos) != 0xFF || u8(pos + 1) != expected) {
            throw bad(String.format(Locale.ROOT, "restart marker FF%02X missing at byte %d", expected, pos));
        }
        pos += 2;
    }

    private void readHuffmanTables(int from, int to) {
        int p = from;
        while (p < to) {
            int tc = u8(p) >> 4;
            int th = u8(p) & 0x0F;
            if (th > 3) {
                throw bad("Huffman table id " + th + " is outside 0–3");
            }
            if (p + 17 > to) {
                throw bad("a Huffman table is cut short");
            }
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = u8(p + l);
                total += counts[l];
            }
            if (p + 17 + total > to || total > 256) {
                throw bad("a Huffman table declares " + total + " codes beyond its segment");
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = u8(p + 17 + i);
            }
            if (tc == 0) {
                tables[th] = new HuffmanTable(counts, values);
            }
            p += 17 + total;
        }
    }

    /** A Huffman table in the decoding form of T.81 F.2.2.3 (MINCODE, MAXCODE, VALPTR per code length). */
    private static final class HuffmanTable {
        final int[] minCode = new int[17];
        final int[] maxCode = new int[17];
        final int[] valPtr = new int[17];
        final int[] values;
        /** For each {@value #LOOKUP_BITS}-bit prefix, (code length << 8 | category) of the short code it starts with, else 0. */
        final int[] lookup = new int[1 << LOOKUP_BITS];

        HuffmanTable(int[] counts, int[] values) {
            this.values = values;
            int code = 0;
            int k = 0;
            for (int l = 1; l <= 16; l++) {
                valPtr[l] = k;
                minCode[l] = code;
                for (int i = 0; i < counts[l] && l <= LOOKUP_BITS; i++) {
                    int from = (code + i) << (LOOKUP_BITS - l);
                    int to = Math.min((code + i + 1) << (LOOKUP_BITS - l), lookup.length);
                    for (int p = from; p < to; p++) {
                        lookup[p] = (l << 8) | values[k + i];
                    }
                }
                code += counts[l];
                k += counts[l];
                maxCode[l] = counts[l] == 0 ? -1 : code - 1;
                code <<= 1;
            }
        }
    }
}
