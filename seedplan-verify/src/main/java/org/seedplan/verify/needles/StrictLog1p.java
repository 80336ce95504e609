package org.seedplan.verify.needles;

/*
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */

/**
 * ln(1 + x) with {@link StrictMath#log1p}'s very numbers, computed in Java: fdlibm 5.3's {@code s_log1p.c} (the algorithm
 * StrictMath is specified to give the results of) written out operation by operation. On Java 17 {@code Math.log1p} calls
 * {@code StrictMath.log1p}, a native method, and each call crosses into native code: in the z fits' and the z pairing's
 * misfits, a few thousand calls per evaluation, that crossing was the finder's largest single cost (JFR's native samples of
 * {@code bench needles}: 403 in {@code StrictMath.log1p} against 1 103 Java samples; docs/needles.md, thirtieth round,
 * needlespeed12). Every step is one IEEE double operation in the C's order (Java's floating point is strict), so the result
 * is the same bits; {@code StrictLog1pTest} compares it with {@code Math.log1p} bit for bit over the doubles' whole range.
 * Used for every misfit term ln(1 + r² / c²) of the needle finder: the z fit's ({@code NeedleZFit.Misfit.at}, {@code bentAt}),
 * the z pairing's ({@code NeedleZPairing.Reading.misfit}, {@code massMisfit}) and the end fit's ({@code NeedleEndFit.misfit}).
 * {@link #of} is the misfits' arguments' path alone, small enough for the JIT to inline into those loops; {@link #full} is the
 * whole function (docs/needles.md, thirty-second round, needlespeed16: in a loop that sums and tests a bound per voxel,
 * CPU per term about 25 ns by {@code Math.log1p}, 8 ns by {@link #full} called, 6 ns by {@link #of} inlined).
 *
 * <p>Method (fdlibm): 1 + x = 2^k (1 + f) with √2/2 &lt; 1 + f &lt; √2 (a correction c / u for the rounding of u = 1 + x
 * where k ≠ 0); with s = f / (2 + f), ln(1 + f) = 2s + 2/3 s³ + 2/5 s⁵ + … = 2s + s R(s²), R a degree-14 Remez polynomial
 * (error below 2⁻⁵⁸·⁴⁵); ln(1 + x) = k ln2_hi + (f − (hfsq − (s (hfsq + R) + k ln2_lo + c))) with hfsq = f² / 2.
 */
final class StrictLog1p {

    private static final double LN2_HI = 6.93147180369123816490e-01; // 3fe62e42 fee00000
    private static final double LN2_LO = 1.90821492927058770002e-10; // 3dea39ef 35793c76
    private static final double TWO54 = 1.80143985094819840000e+16; // 43500000 00000000
    private static final double LP1 = 6.666666666666735130e-01; // 3FE55555 55555593
    private static final double LP2 = 3.999999999940941908e-01; // 3FD99999 9997FA04
    private static final double LP3 = 2.857142874366239149e-01; // 3FD24924 94229359
    private static final double LP4 = 2.222219843214978396e-01; // 3FCC71C5 1D8E78AF
    private static final double LP5 = 1.818357216161805012e-01; // 3FC74664 96CB03DE
    private static final double LP6 = 1.531383769920937332e-01; // 3FC39A09 D078C69F
    private static final double LP7 = 1.479819860511658591e-01; // 3FC2F112 DF3E5244

    private StrictLog1p() {
    }

    /**
     * ln(1 + {@code x}), bit for bit {@link StrictMath#log1p}: the misfits' arguments (r² / c², from 2⁻²⁹ below 2⁵³) by
     * {@link #full}'s own steps for them, written out here without its other branches, so that the JIT inlines it into the
     * misfits' loops ({@link #full} is 492 bytes of bytecode, beyond the 325 a hot call is inlined up to); every other x, and
     * the rare 1 + x whose fraction's upper 20 bits are all 0 (hu = 0: x = 1, 3, 7, …), by {@link #full}.
     */
    static double of(double x) {
        int hx = high(x);
        if (hx < 0x3e200000 || hx >= 0x43400000) { // x < 2^-29 (either sign, NaN's negative bits too), x >= 2^53, ∞, NaN
            return full(x);
        }
        int k;
        int hu;
        double f;
        double c;
        if (hx < 0x3FDA827A) { // 2^-29 <= x < 0.41422: full's k = 0, f = x, hu = 1
            k = 0;
            hu = 1;
            f = x;
            c = 0;
        } else { // 0.41422 <= x < 2^53: full's k != 0 branch, u = 1 + x
            double u = 1.0 + x;
            hu = high(u);
            k = (hu >> 20) - 1023;
            c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // the correction term
            c /= u;
            hu &= 0x000fffff;
            if (hu < 0x6a09e) {
                u = withHigh(u, hu | 0x3ff00000); // u normalised
            } else {
                k += 1;
                u = withHigh(u, hu | 0x3fe00000); // u / 2 normalised
                hu = (0x00100000 - hu) >> 2;
            }
            if (hu == 0) { // |f| < 2^-20: full's own branch
                return full(x);
            }
            f = u - 1.0;
        }
        double hfsq = 0.5 * f * f;
        double s = f / (2.0 + f);
        double z = s * s;
        double r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
        return k == 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }

    /** ln(1 + {@code x}), bit for bit {@link StrictMath#log1p}, for every x: fdlibm's {@code s_log1p.c} step by step. */
    static double full(double x) {
        int hx = high(x);
        int ax = hx & 0x7fffffff;
        int k = 1;
        int hu = 0;
        double f = 0;
        double c = 0;
        if (hx < 0x3FDA827A) { // x < 0.41422
            if (ax >= 0x3ff00000) { // x <= -1.0
                return x == -1.0 ? Double.NEGATIVE_INFINITY : Double.NaN;
            }
            if (ax < 0x3e200000) { // |x| < 2^-29
                if (TWO54 + x > 0 && ax < 0x3c900000) { // |x| < 2^-54
                    return x;
                }
                return x - x * x * 0.5;
            }
            if (hx > 0 || hx <= (int) 0xbfd2bec3) { // -0.2929 < x < 0.41422
                k = 0;
                f = x;
                hu = 1;
            }
        }
        if (hx >= 0x7ff00000) {
            return x + x;
        }
        if (k != 0) {
            double u;
            if (hx < 0x43400000) {
                u = 1.0 + x;
                hu = high(u);
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // the correction term
                c /= u;
            } else {
                u = x;
                hu = high(u);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            if (hu < 0x6a09e) {
                u = withHigh(u, hu | 0x3ff00000); // u normalised
            } else {
                k += 1;
                u = withHigh(u, hu | 0x3fe00000); // u / 2 normalised
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        double hfsq = 0.5 * f * f;
        if (hu == 0) { // |f| < 2^-20
            if (f == 0) {
                if (k == 0) {
                    return 0;
                }
                c += k * LN2_LO;
                return k * LN2_HI + c;
            }
            double r = hfsq * (1.0 - 0.66666666666666666 * f);
            return k == 0 ? f - r : k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
        return k == 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
    }

    private static int high(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    private static double withHigh(double x, int high) {
        return Double.longBitsToDouble(((long) high << 32) | (Double.doubleToRawLongBits(x) & 0xffffffffL));
    }
}
