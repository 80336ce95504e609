package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link StrictLog1p} against {@code Math.log1p} (on Java 17 {@code StrictMath.log1p}, fdlibm in native code) bit for bit: no
 * tolerance, for the z fits' and the z pairing's misfits sum it where they summed {@code Math.log1p}, and their answers must
 * not move by an ulp (docs/needles.md, thirtieth round, needlespeed12). Drawn over the misfits' own arguments (r² / c², 0 up to
 * the clip's square over c²), every binade of the doubles, the branches' edges (0.41422, −0.2929, 2⁻²⁹, 2⁻⁵⁴, 2⁵³, the
 * normalisation's √2) and the special values. A single differing bit fails it.
 */
class StrictLog1pTest {

    @Test
    void givesStrictMathsBitsOnTheMisfitsArguments() {
        SplittableRandom rnd = new SplittableRandom(4501);
        double c2 = NeedleEndFit.ROBUST_HU * NeedleEndFit.ROBUST_HU;
        for (int i = 0; i < 400_000; i++) {
            // A residual up to the extended scale's 30 710 HU and beyond, and one of noise's size.
            double r = rnd.nextDouble(-40_000, 40_000);
            same(r * r / c2);
            double noise = rnd.nextDouble(-60, 60);
            same(noise * noise / c2);
        }
    }

    @Test
    void givesStrictMathsBitsOverEveryBinade() {
        SplittableRandom rnd = new SplittableRandom(4789);
        for (int i = 0; i < 600_000; i++) {
            // Any finite double's bits, either sign (below −1 and −1 itself included).
            double x = Double.longBitsToDouble(rnd.nextLong() & 0x7fefffffffffffffL);
            same(x);
            same(-x);
            same(rnd.nextDouble(-1, 1));
            same(rnd.nextDouble(0, 1e6));
        }
    }

    @Test
    void givesStrictMathsBitsAtTheBranchesEdgesAndSpecialValues() {
        double[] edges = {0.41422, 0.414213562373095, Math.sqrt(2) - 1, -0.2929, -0.29289321881345, 1 - Math.sqrt(2) / 2,
            0x1p-29, 0x1p-54, 0x1p53, 0x1p54, Math.sqrt(2), Math.sqrt(2) / 2, 1, 2, 0.5, -0.5, 1e-300, Double.MIN_VALUE,
            Double.MIN_NORMAL, Double.MAX_VALUE, 0x1.6a09ep0, 0x1.6a09ep1, 0x1.6a09ep2};
        for (double e : edges) {
            for (int ulps = -64; ulps <= 64; ulps++) {
                double x = e;
                for (int u = 0; u < Math.abs(ulps); u++) {
                    x = ulps > 0 ? Math.nextUp(x) : Math.nextDown(x);
                }
                same(x);
                same(-x);
            }
        }
        for (double x : new double[] {0.0, -0.0, -1.0, -2.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            same(x);
        }
        assertThat(StrictLog1p.of(Double.NaN)).isNaN();
    }

    /**
     * {@link StrictLog1p#of}'s own path (2⁻²⁹ ≤ x &lt; 2⁵³) at its edges: the high words where it starts and ends and where
     * fdlibm's k = 0 branch gives way to the k ≠ 0 one (0x3e200000, 0x3FDA827A, 0x43400000), and x = 2ⁿ − 1, where 1 + x's
     * upper fraction bits are all 0 (hu = 0, left to {@link StrictLog1p#full}), 64 ulps either side of each; both against
     * {@code Math.log1p}, bit for bit.
     */
    @Test
    void theMisfitsPathGivesStrictMathsBitsAtItsEdges() {
        java.util.List<Double> edges = new java.util.ArrayList<>();
        for (long high : new long[] {0x3e200000L, 0x3FDA827AL, 0x43400000L, 0x3ff6a09eL, 0x3fe6a09eL}) {
            edges.add(Double.longBitsToDouble(high << 32));
        }
        for (int n = 1; n <= 54; n++) {
            edges.add(Math.scalb(1.0, n) - 1);
            edges.add(Math.scalb(1.0, n) * Math.sqrt(2) - 1);
        }
        for (double e : edges) {
            double up = e;
            double down = e;
            for (int ulps = 0; ulps <= 64; ulps++) {
                same(up);
                same(down);
                up = Math.nextUp(up);
                down = Math.nextDown(down);
            }
        }
    }

    /**
     * {@link StrictLog1p#of} is at most 325 bytes of bytecode, HotSpot's {@code FreqInlineSize} on x86-64 (a hot call's callee
     * is inlined up to that size): so it is compiled into the misfits' loops instead of called once a voxel. The whole
     * function, {@link StrictLog1p#full}, is 492 bytes; {@code of} was it before (needlespeed16). Read from the class file.
     */
    @Test
    void theMisfitsPathIsSmallEnoughToInline() throws IOException {
        assertThat(codeLength("of", "(D)D")).isLessThanOrEqualTo(325);
        assertThat(codeLength("full", "(D)D")).isGreaterThan(325);
    }

    /** The bytes of code of {@link StrictLog1p}'s method {@code name} with {@code descriptor}, read from its class file. */
    private static int codeLength(String name, String descriptor) throws IOException {
        try (InputStream in = StrictLog1p.class.getResourceAsStream("StrictLog1p.class");
             DataInputStream d = new DataInputStream(in)) {
            d.readInt(); // magic
            d.readUnsignedShort();
            d.readUnsignedShort();
            int count = d.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = d.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = d.readUTF();
                    case 3, 4 -> d.readInt();
                    case 5, 6 -> {
                        d.readLong();
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> d.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> d.readInt();
                    case 15 -> {
                        d.readUnsignedByte();
                        d.readUnsignedShort();
                    }
                    default -> throw new IOException("constant pool tag " + tag);
                }
            }
            d.readUnsignedShort(); // access
            d.readUnsignedShort(); // this
            d.readUnsignedShort(); // super
            d.skipNBytes(2L * d.readUnsignedShort()); // interfaces
            int fields = d.readUnsignedShort();
            for (int f = 0; f < fields; f++) {
                d.skipNBytes(6);
                skipAttributes(d);
            }
            int methods = d.readUnsignedShort();
            for (int m = 0; m < methods; m++) {
                d.readUnsignedShort();
                String methodName = utf8[d.readUnsignedShort()];
                String methodDescriptor = utf8[d.readUnsignedShort()];
                int attributes = d.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[d.readUnsignedShort()];
                    int length = d.readInt();
                    if (attribute.equals("Code") && methodName.equals(name) && methodDescriptor.equals(descriptor)) {
                        d.readUnsignedShort(); // max stack
                        d.readUnsignedShort(); // max locals
                        return d.readInt();
                    }
                    d.skipNBytes(length);
                }
            }
            throw new IOException("no method " + name + descriptor);
        }
    }

    private static void skipAttributes(DataInputStream d) throws IOException {
        int attributes = d.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            d.readUnsignedShort();
            d.skipNBytes(d.readInt() & 0xffffffffL);
        }
    }

    /** {@link StrictLog1p#of} and {@link StrictLog1p#full} at x against {@code Math.log1p}, bit for bit. */
    private static void same(double x) {
        long expected = Double.doubleToLongBits(Math.log1p(x));
        for (long got : new long[] {Double.doubleToLongBits(StrictLog1p.of(x)), Double.doubleToLongBits(StrictLog1p.full(x))}) {
            if (got != expected) {
                assertThat(Double.toHexString(Double.longBitsToDouble(got))).as("log1p(%s) [%s]", x, Double.toHexString(x))
                        .isEqualTo(Double.toHexString(Double.longBitsToDouble(expected)));
            }
        }
    }
}
