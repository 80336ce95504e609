package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NelderMeadTest {

    @Test
    void findsTheMinimumOfRosenbrocksValleyFromTheUsualStart() {
        // Rosenbrock (1960): minimum 0 at (1, 1); the classic start (−1.2, 1) lies across the curved valley.
        double[] x = NelderMead.minimise(p -> 100 * Math.pow(p[1] - p[0] * p[0], 2) + Math.pow(1 - p[0], 2), new double[] {-1.2, 1},
                new double[] {0.5, 0.5}, 5000, 1e-14);
        // Tolerance: the simplex stops when its values agree to 1e-14, i.e. within ~1e-4 of the minimum in this valley.
        assertThat(x[0]).isCloseTo(1, within(1e-3));
        assertThat(x[1]).isCloseTo(1, within(1e-3));
    }

    @Test
    void stopsAfterTheGivenNumberOfEvaluations() {
        int[] calls = {0};
        NelderMead.minimise(p -> {
            calls[0]++;
            return p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
        }, new double[] {5, 5, 5}, new double[] {1, 1, 1}, 40, 0);
        // A step may take up to n + 1 evaluations (a shrink) beyond the limit it started under.
        assertThat(calls[0]).isBetween(40, 40 + 4);
    }
    @Test
    void stoppedAtEnoughItGivesTheWholeSearchsAnswerWithFewerEvaluations() {
        // A curved valley (least 3 at (1, 2)) searched from (−1, 0) as the z interval's profile is (NeedleZFit.Fitted.reach): is
        // the least value at most `enough`? The function cuts its value short above the bound it is given (bound + 1e-9, "any
        // number above"), so a trial point's cut value must not be taken for a vertex's.
        int[] calls = {0};
        NelderMead.Bounded f = (p, bound) -> {
            calls[0]++;
            double v = 3 + 4 * Math.pow(p[0] - 1, 2) + Math.pow(p[1] - 2 - 0.5 * (p[0] - 1) * (p[0] - 1), 2);
            return v <= bound ? v : bound + 1e-9;
        };
        double[] start = {-1, 0};
        double[] steps = {0.1, 0.2};
        calls[0] = 0;
        double[] whole = NelderMead.minimise(f, start, steps, 60, 1e-4);
        int wholeCalls = calls[0];
        double least = f.at(whole, Double.POSITIVE_INFINITY);
        for (double enough : new double[] {2.9, 3.0, least - 1e-12, least, 3.001, 3.01, 3.5, 5, 20, 30}) {
            calls[0] = 0;
            double[] early = NelderMead.minimise(f, start, steps, 60, 1e-4, enough);
            int earlyCalls = calls[0];
            double value = f.at(early, Double.POSITIVE_INFINITY);
            // The same answer as the whole search's, exactly (no tolerance: a yes/no question).
            assertThat(value <= enough).as("enough %s", enough).isEqualTo(least <= enough);
            if (least > enough) {
                // Never enough: the very search, point for point.
                assertThat(early).as("enough %s", enough).containsExactly(whole);
                assertThat(earlyCalls).isEqualTo(wholeCalls);
            } else {
                assertThat(earlyCalls).as("enough %s", enough).isLessThanOrEqualTo(wholeCalls);
            }
        }
        // The start (value 3 + 16 + 16 = 35) already enough: returned after its one evaluation.
        calls[0] = 0;
        assertThat(NelderMead.minimise(f, start, steps, 60, 1e-4, 35)).containsExactly(start);
        assertThat(calls[0]).isEqualTo(1);
        // Enough well above the least (3.5, half a unit in a valley 4 wide per unit²) takes far fewer evaluations.
        calls[0] = 0;
        NelderMead.minimise(f, start, steps, 60, 1e-4, 3.5);
        assertThat(calls[0]).isLessThan(wholeCalls);
    }

    @Test
    void theLeastIsTheSearchsPointWithItsWholeValueAndNoEvaluationMore() {
        // The curved valley above, cut short above a bound as the misfits are. NelderMead.least (thirty-fourth round,
        // needlespeed17) must give minimise's very point, the value f gives there unbounded (bit for bit: the callers compare
        // misfits as numbers, an ulp could move an answer) and take no evaluation more; given the start's value, one fewer.
        int[] calls = {0};
        NelderMead.Bounded f = (p, bound) -> {
            calls[0]++;
            double v = 3 + 4 * Math.pow(p[0] - 1, 2) + Math.pow(p[1] - 2 - 0.5 * (p[0] - 1) * (p[0] - 1), 2);
            return v <= bound ? v : bound + 1e-9;
        };
        double[] steps = {0.1, 0.2};
        for (double[] start : new double[][] {{-1, 0}, {0.3, 2.5}, {4, -3}}) {
            for (int most : new int[] {5, 20, 60}) {
                calls[0] = 0;
                double[] whole = NelderMead.minimise(f, start, steps, most, 1e-4);
                int wholeCalls = calls[0];
                calls[0] = 0;
                NelderMead.Least least = NelderMead.least(f, start, steps, most, 1e-4);
                assertThat(calls[0]).isEqualTo(wholeCalls);
                assertThat(least.x()).containsExactly(whole);
                assertThat(Double.doubleToRawLongBits(least.value()))
                        .isEqualTo(Double.doubleToRawLongBits(f.at(whole, Double.POSITIVE_INFINITY)));
                double atStart = f.at(start, Double.POSITIVE_INFINITY);
                calls[0] = 0;
                NelderMead.Least given = NelderMead.least(f, start, atStart, steps, most, 1e-4);
                assertThat(calls[0]).isEqualTo(wholeCalls - 1);
                assertThat(given.x()).containsExactly(whole);
                assertThat(Double.doubleToRawLongBits(given.value())).isEqualTo(Double.doubleToRawLongBits(least.value()));
            }
        }
    }
}
