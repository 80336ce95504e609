package org.seedplan.dicom.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes one greyscale JPEG-LS frame (ITU-T T.87), lossless or near-lossless: context modelling
 * with gradient quantisation, median edge prediction and bias correction, limited-length Golomb
 * codes, run mode with run-interruption samples, default or preset (LSE) coding parameters, 2–16
 * bit precision. Colour, mapping tables and point transforms are refused.
 */
public final class JpegLsDecoder extends JpegMarkerStream {

    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15};

    // coding parameters
    private int maxVal;
    private int t1;
    private int t2;
    private int t3;
    private int reset = 64;
    private int near;
    private int range;
    private int qbpp;
    private int limit;
    // context state: 365 regular contexts, 2 run-interruption contexts (indices 365, 366)
    private final int[] a = new int[367];
    private final int[] b = new int[367];
    private final int[] c = new int[367];
    private final int[] n = new int[367];
    private final int[] nn = new int[367];
    private int runIndex;
    // bit reader
    private long bits;
    private int bitCount;
    private boolean stuffed;
    /** Gradient quantisation (A.3.3) of every difference −MAXVAL..MAXVAL, indexed by difference + MAXVAL. */
    private byte[] quantized;

    private JpegLsDecoder(ByteBuffer frame, String source) {
        super(frame, source, "JPEG-LS");
    }

    /** The frame's samples, row by row, as unsigned values of the frame's precision (kept in 16-bit patterns). */
    public static short[] decode(ByteBuffer frame, int rows, int cols, String source) {
        return new JpegLsDecoder(frame, source).run(rows, cols);
    }

    private short[] run(int rows, int cols) {
        requireStartOfImage();
        int precision = -1;
        boolean presetThresholds = false;
        while (true) {
            int marker = nextMarker();
            int len = segmentLength();
            int body = pos + 2;
            switch (marker) {
                case 0xF7 -> {
                    precision = frameHeader(body, rows, cols);
                    maxVal = (1 << precision) - 1;
                }
                case 0xF8 -> {
                    int id = u8(body);
                    if (id != 1) {
                        throw bad("LSE segment type " + id + " (mapping tables or extended parameters) is not supported");
                    }
                    int mv = u16(body + 1);
                    if (mv != 0) {
                        maxVal = mv;
                    }
                    t1 = u16(body + 3);
                    t2 = u16(body + 5);
                    t3 = u16(body + 7);
                    int rs = u16(body + 9);
                    if (rs != 0) {
                        reset = rs;
                    }
                    presetThresholds = true;
                }
                case 0xDD -> {
                    if (u16(body) != 0) {
                        throw bad("restart intervals in JPEG-LS are not supported");
                    }
                }
                case 0xDA -> {
                    if (precision < 0) {
                        throw bad("the scan starts before the frame header (SOF55)");
                    }
                    int ns = u8(body);
                    if (ns != 1) {
                        throw bad("a scan of " + ns + " components: only greyscale is read");
                    }
                    if (u8(body + 2) != 0) {
                        throw bad("mapping tables are not supported");
                    }
                    near = u8(body + 3);
                    int pointTransform = u8(body + 5) & 0x0F;
                    if (pointTransform != 0) {
                        throw bad("point transform " + pointTransform + " is not supported");
                    }
                    if (near > Math.min(255, maxVal / 2)) {
                        throw bad("NEAR " + near + " is too large for MAXVAL " + maxVal);
                    }
                    pos += len;
                    setup(presetThresholds);
                    return scan(rows, cols);
                }
                case 0xD9 -> throw bad("the image ends (EOI) before any scan");
                default -> {
                    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        throw bad(String.format(Locale.ROOT, "a JPEG (not JPEG-LS) frame header FF%02X:"
                                + " the transfer syntax does not match the data", marker));
                    }
                }
            }
            pos += len;
        }
    }

    /** Derived parameters and default thresholds (T.87 A.2.1, C.2.4.1.1) and context initialisation (A.2.2). */
    private void setup(boolean preset) {
        range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        qbpp = 32 - Integer.numberOfLeadingZeros(range - 1);
        int bpp = Math.max(2, 32 - Integer.numberOfLeadingZeros(maxVal));
        limit = 2 * (bpp + Math.max(8, bpp));
        int d1;
        int d2;
        int d3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) >> 8;
            d1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1);
            d2 = clamp(factor * (7 - 3) + 3 + 5 * near, d1);
            d3 = clamp(factor * (21 - 4) + 4 + 7 * near, d2);
        } else {
            int factor = 256 / (maxVal + 1);
            d1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1);
            d2 = clamp(Math.max(3, 7 / factor + 5 * near), d1);
            d3 = clamp(Math.max(4, 21 / factor + 7 * near), d2);
        }
        if (!preset || t1 == 0) {
            t1 = d1;
        }
        if (!preset || t2 == 0) {
            t2 = d2;
        }
        if (!preset || t3 == 0) {
            t3 = d3;
        }
        int a0 = Math.max(2, (range + 32) >> 6);
        Arrays.fill(a, a0);
        Arrays.fill(n, 1);
        runIndex = 0;
    }

    private int clamp(int i, int j) {
        return i > maxVal || i < j ? j : i;
    }

    private short[] scan(int rows, int cols) {
        quantized = new byte[2 * maxVal + 1];
        for (int d = -maxVal; d <= maxVal; d++) {
            quantized[d + maxVal] = (byte) quantize(d);
        }
        int[] prev = new int[cols + 2];
        int[] cur = new int[cols + 2];
        short[] out = new short[rows * cols];
        for (int r = 0; r < rows; r++) {
            prev[cols + 1] = prev[cols];
            cur[0] = prev[1];
            int x = 1;
            while (x <= cols) {
                int ra = cur[x - 1];
                int rb = prev[x];
                int rc = prev[x - 1];
                int rd = prev[x + 1];
                int q1 = quantized[rd - rb + maxVal];
                int q2 = quantized[rb - rc + maxVal];
                int q3 = quantized[rc - ra + maxVal];
                if (q1 == 0 && q2 == 0 && q3 == 0) {
                    x = runMode(cur, prev, x, cols, r);
                } else {
                    cur[x] = regular(q1, q2, q3, ra, rb, rc, r, x - 1);
                    x++;
                }
            }
            for (int i = 0; i < cols; i++) {
                out[r * cols + i] = (short) cur[i + 1];
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return out;
    }

    private int quantize(int di) {
        if (di <= -t3) {
            return -4;
        }
        if (di <= -t2) {
            return -3;
        }
        if (di <= -t1) {
            return -2;
        }
        if (di < -near) {
            return -1;
        }
        if (di <= near) {
            return 0;
        }
        if (di < t1) {
            return 1;
        }
        if (di < t2) {
            return 2;
        }
        if (di < t3) {
            return 3;
        }
        return 4;
    }

    /** One sample in regular mode (T.87 A.4–A.6). */
    private int regular(int q1, int q2, int q3, int ra, int rb, int rc, int row, int col) {
        int sign = 1;
        if (q1 < 0 || (q1 == 0 && q2 < 0) || (q1 == 0 && q2 == 0 && q3 < 0)) {
            sign = -1;
            q1 = -q1;
            q2 = -q2;
            q3 = -q3;
        }
        int q = 81 * q1 + 9 * q2 + q3;
        int px;
        if (rc >= Math.max(ra, rb)) {
            px = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            px = Math.max(ra, rb);
        } else {
            px = ra + rb - rc;
        }
        px += sign * c[q];
        px = px > maxVal ? maxVal : Math.max(px, 0);
        int k = 0;
        while ((n[q] << k) < a[q]) {
            k++;
            if (k > 24) {
                throw bad("a corrupt context at row " + row + ", column " + col);
            }
        }
        int m = golomb(k, limit, row, col);
        int err = (m & 1) == 0 ? m >> 1 : -((m + 1) >> 1);
        if (near == 0 && k == 0 && 2 * b[q] <= -n[q]) {
            err = -(err + 1);
        }
        // context update (A.6) with the error in the context's sign
        b[q] += err * (2 * near + 1);
        a[q] += Math.abs(err);
        if (n[q] == reset) {
            a[q] >>= 1;
            b[q] = b[q] >= 0 ? b[q] >> 1 : -((1 - b[q]) >> 1);
            n[q] >>= 1;
        }
        n[q]++;
        if (b[q] <= -n[q]) {
            b[q] += n[q];
            if (c[q] > -128) {
                c[q]--;
            }
            if (b[q] <= -n[q]) {
                b[q] = -n[q] + 1;
            }
        } else if (b[q] > 0) {
            b[q] -= n[q];
            if (c[q] < 127) {
                c[q]++;
            }
            if (b[q] > 0) {
                b[q] = 0;
            }
        }
        return reconstruct(px + sign * err * (2 * near + 1));
    }

    /** Brings a reconstructed value back into 0..MAXVAL (modulo reduction of A.4.5, then clamping). */
    private int reconstruct(int rx) {
        int step = range * (2 * near + 1);
        if (rx < -near) {
            rx += step;
        } else if (rx > maxVal + near) {
            rx -= step;
        }
        return rx > maxVal ? maxVal : Math.max(rx, 0);
    }

    /** A run of samples equal (within NEAR) to Ra, then, unless the line ended, one interruption sample (A.7). */
    private int runMode(int[] cur, int[] prev, int x, int cols, int row) {
        int ra = cur[x - 1];
        int left = cols - x + 1;
        int count = 0;
        while (count < left && bit() == 1) {
            int seg = Math.min(1 << J[runIndex], left - count);
            count += seg;
            if (seg == (1 << J[runIndex]) && runIndex < 31) {
                runIndex++;
            }
        }
        if (count < left) {
            if (J[runIndex] > 0) {
                count += bits(J[runIndex]);
            }
            if (count >= left) {
                throw bad("a run of " + count + " samples overruns row " + row);
            }
        }
        for (int i = 0; i < count; i++) {
            cur[x + i] = ra;
        }
        x += count;
        if (x > cols) {
            return x;
        }
        int rb = prev[x];
        int riType = Math.abs(ra - rb) <= near ? 1 : 0;
        int ctx = 365 + riType;
        int temp = riType == 1 ? a[ctx] + (n[ctx] >> 1) : a[ctx];
        int k = 0;
        while ((n[ctx] << k) < temp) {
            k++;
            if (k > 24) {
                throw bad("a corrupt run context at row " + row);
            }
        }
        int em = golomb(k, limit - J[runIndex] - 1, row, x - 1);
        int t = em + riType;
        int map = t & 1;
        int abs = (t + map) >> 1;
        boolean negative = (k != 0 || 2 * nn[ctx] >= n[ctx]) == (map == 1);
        int err = negative ? -abs : abs;
        if (err < 0) {
            nn[ctx]++;
        }
        a[ctx] += (em + 1 - riType) >> 1;
        if (n[ctx] == reset) {
            a[ctx] >>= 1;
            n[ctx] >>= 1;
            nn[ctx] >>= 1;
        }
        n[ctx]++;
        int rx;
        if (riType == 1) {
            rx = ra + err * (2 * near + 1);
        } else {
            rx = rb + (rb > ra ? 1 : -1) * err * (2 * near + 1);
        }
        cur[x] = reconstruct(rx);
        if (runIndex > 0) {
            runIndex--;
        }
        return x + 1;
    }

    /** A limited-length Golomb code (A.5.3): unary high part, then k bits, or an escape and qbpp bits. */
    private int golomb(int k, int lim, int row, int col) {
        int high = 0;
        while (true) {
            if (bitCount == 0) {
                fill();
            }
            long window = bits & ((1L << bitCount) - 1);
            if (window == 0) {
                high += bitCount;
                bitCount = 0;
            } else {
                int zeros = Long.numberOfLeadingZeros(window) - (64 - bitCount);
                high += zeros;
                bitCount -= zeros + 1;
                break;
            }
            if (high > lim) {
                throw bad("an over-long Golomb code at row " + row + ", column " + col);
            }
        }
        if (high > lim) {
            throw bad("an over-long Golomb code at row " + row + ", column " + col);
        }
        if (high < lim - qbpp - 1) {
            return (high << k) | (k == 0 ? 0 : bits(k));
        }
        return bits(qbpp) + 1;
    }

    private int bit() {
        if (bitCount == 0) {
            fill();
        }
        bitCount--;
        return (int) (bits >>> bitCount) & 1;
    }

    private int bits(int count) {
        while (bitCount < count) {
            fill();
        }
        bitCount -= count;
        return (int) (bits >>> bitCount) & ((1 << count) - 1);
    }

    /** Adds one byte of coded data; after an FF byte only 7 bits of the next byte are data (T.87 A.1). */
    private void fill() {
        if (pos >= d.length) {
            throw bad("the compressed data end before the image is complete: the stream is truncated");
        }
        int v = u8(pos);
        if (stuffed) {
            if ((v & 0x80) != 0) {
                throw bad(String.format(Locale.ROOT, "a marker FF%02X interrupts the compressed data before the image is"
                        + " complete: the stream is truncated or corrupt", v));
            }
            bits = (bits << 7) | v;
            bitCount += 7;
        } else {
            bits = (bits << 8) | v;
            bitCount += 8;
        }
        stuffed = v == 0xFF;
        pos++;
    }
}
