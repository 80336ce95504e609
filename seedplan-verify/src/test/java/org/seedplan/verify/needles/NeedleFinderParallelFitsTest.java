package org.seedplan.verify.needles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The finder's independent z fits side by side ({@link NeedleFinder#sideBySide}, twenty-fifth round, branch {@code needlepar}):
 * the tasks run on two threads at once, and their results come back in the order of their index whatever order they finish
 * in, so that the finder sums and weighs them as the serial loop did (no tolerance: the finder's answers must not move).
 */
class NeedleFinderParallelFitsTest {

    @Test
    void twoTasksRunAtOnce() {
        // Each of two tasks waits for the other at a barrier: one after another, the first would wait in vain. 10 s is far
        // beyond the few milliseconds a pool thread takes to pick a task up on a loaded machine (load 15 on 2 cores here).
        CyclicBarrier both = new CyclicBarrier(2);
        List<Integer> met = NeedleFinder.sideBySide(2, i -> {
            try {
                both.await(10, TimeUnit.SECONDS);
                return i;
            } catch (Exception e) {
                return -1;
            }
        });
        assertThat(met).containsExactly(0, 1);
    }

    @Test
    void theResultsComeInTheTasksOrder() {
        // The earlier tasks take longest (task i sleeps 2 × (7 − i) ms), so they finish last; the list is still in index order.
        List<Double> squares = NeedleFinder.sideBySide(8, i -> {
            try {
                Thread.sleep(2L * (7 - i));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return i * 0.5 * i;
        });
        assertThat(squares).containsExactly(0.0, 0.5, 2.0, 4.5, 8.0, 12.5, 18.0, 24.5);
    }
}
