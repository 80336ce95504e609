package org.seedplan.dvh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FloatOrderTest {

    /** The radix order against a comparison sort of (value, index) on doses with many ties, zeros, −0 and a wide range of exponents. */
    @Test
    void ordersLikeAComparisonSortOfValueThenIndex() {
        Random rnd = new Random(5);
        float[] v = new float[20_000];
        for (int n = 0; n < v.length; n++) {
            v[n] = switch (n % 5) {
                case 0 -> 0f;
                case 1 -> rnd.nextInt(20) * 0.5f;
                case 2 -> -0f;
                case 3 -> (float) Math.exp(rnd.nextGaussian() * 8);
                default -> rnd.nextFloat() * 300;
            };
        }
        int[] expected = IntStream.range(0, v.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(n -> v[n] == 0 ? 0.0 : v[n]).thenComparingInt(n -> n))
                .mapToInt(Integer::intValue).toArray();
        assertThat(FloatOrder.ascending(v)).containsExactly(expected);
    }

    @Test
    void emptyAndEqualValuesKeepIndexOrder() {
        assertThat(FloatOrder.ascending(new float[0])).isEmpty();
        assertThat(FloatOrder.ascending(new float[] {3f, 3f, 3f})).containsExactly(0, 1, 2);
    }
}
