package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of a misfit summed under a bound (`NelderMead.Bounded`), checked the same way by the same-answers tests. */
final class BoundedMisfit {
    private BoundedMisfit() {
    }

    /**
     * Asserts that a misfit summed under {@code bound} is the whole sum {@code full}, bit for bit, where that lies within the
     * bound, and lies above the bound where the whole does (the sum cut short); tolerance 0: the finder's answers must not move.
     *
     * @return whether {@code full} lies within the bound
     */
    static boolean holds(double full, double bound, double got) {
        if (full <= bound) {
            assertThat(got).isEqualTo(full);
            return true;
        }
        assertThat(got).isGreaterThan(bound);
        return false;
    }
}
