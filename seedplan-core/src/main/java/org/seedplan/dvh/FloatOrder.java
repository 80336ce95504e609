package org.seedplan.dvh;

/**
 * The order of non-negative floats, ascending, ties in index order: a stable least-significant-digit radix
 * sort of their bit patterns (three passes of 11 bits; a pass is skipped when every value shares its
 * digit). For non-negative floats the bit pattern read as an int orders like the value (IEEE 754; −0 is
 * taken as +0), so the order equals that of a comparison sort of (value, index), in linear time.
 */
final class FloatOrder {

    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;

    private FloatOrder() {
    }

    /** Indices of {@code values} (each ≥ 0, not NaN) from the smallest value to the largest, equal values by index. */
    static int[] ascending(float[] values) {
        int n = values.length;
        int[] keys = new int[n];
        for (int s = 0; s < n; s++) {
            float v = values[s];
            keys[s] = v == 0 ? 0 : Float.floatToIntBits(v);
        }
        int[] order = new int[n];
        for (int s = 0; s < n; s++) {
            order[s] = s;
        }
        int[] spare = new int[n];
        int[] count = new int[RADIX + 1];
        for (int shift = 0; shift < 32; shift += BITS) {
            java.util.Arrays.fill(count, 0);
            for (int s = 0; s < n; s++) {
                count[((keys[s] >>> shift) & (RADIX - 1)) + 1]++;
            }
            if (n == 0 || count[((keys[0] >>> shift) & (RADIX - 1)) + 1] == n) {
                continue;
            }
            for (int d = 0; d < RADIX; d++) {
                count[d + 1] += count[d];
            }
            for (int r = 0; r < n; r++) {
                int s = order[r];
                spare[count[(keys[s] >>> shift) & (RADIX - 1)]++] = s;
            }
            int[] t = order;
            order = spare;
            spare = t;
        }
        return order;
    }
}
