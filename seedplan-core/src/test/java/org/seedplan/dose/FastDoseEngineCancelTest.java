package org.seedplan.dose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;

/**
 * The engine's cancel ({@link FastDoseEngine#cancelledWhen}): polled once before each slice and once at the end, it changes no
 * dose when never asked; asked, no slice begins after it, so the computation stops within the slices under way (at most one per
 * thread) and throws in the caller's thread with its message, keeping nothing. Counted in polls, not timed: a cancel asked at the
 * fifth poll lets exactly four slices be computed, on any number of threads.
 */
class FastDoseEngineCancelTest {

    private static final Grid GRID = Grid.covering(new Vec3(-30, -30, -30), new Vec3(30, 30, 30), 1, 1, 1);
    private static final List<Seed> SEEDS = List.of(new Seed(new Vec3(-5, 0, -5), new Vec3(0, 0, 1), 0.5),
            new Seed(new Vec3(5, 3, 0), new Vec3(0, 1, 1), 0.5), new Seed(new Vec3(0, -4, 6), new Vec3(1, 0, 0), 0.5));

    /** One engine: its tables take most of the time; each cancelling engine shares them. */
    private static final FastDoseEngine ENGINE =
            new FastDoseEngine(new Tg43Kernel(SourceLibrary.builtIn().model(SourceLibrary.DEFAULT_KEY), DoseModel.LINE_2D));

    /** Says "cancel" from poll number {@code from} on (1-based; 0: never) and counts the polls that said "go on". */
    private static final class CancelAt implements BooleanSupplier {
        private final int from;
        private final AtomicInteger polls = new AtomicInteger();
        private final AtomicInteger goOn = new AtomicInteger();

        CancelAt(int from) {
            this.from = from;
        }

        @Override
        public boolean getAsBoolean() {
            boolean cancel = from > 0 && polls.incrementAndGet() >= from;
            if (!cancel) {
                goOn.incrementAndGet();
            }
            return cancel;
        }
    }

    @Test
    void neverAskedTheDoseIsTheSameAndEverySliceIsPolledOnce() {
        CancelAt never = new CancelAt(0);
        float[] plain = ENGINE.doseRateCGyPerH(SEEDS, GRID);
        float[] polled = ENGINE.cancelledWhen(never).doseRateCGyPerH(SEEDS, GRID);
        assertThat(polled).as("same dose, value for value").containsExactly(plain);
        assertThat(never.goOn.get()).as("one poll per slice and one at the end").isEqualTo(GRID.nz() + 1);
    }

    @Test
    void askedNoSliceBeginsAfterTheCancelAndNothingIsReturned() {
        CancelAt fifth = new CancelAt(5);
        assertThatThrownBy(() -> ENGINE.cancelledWhen(fifth).doseRateCGyPerH(SEEDS, GRID)).isInstanceOf(CancellationException.class)
                .hasMessage("TG-43 dose cancelled");
        assertThat(fifth.goOn.get()).as("slices computed: those polled before the cancel").isEqualTo(4);
        assertThat(fifth.polls.get()).as("every other slice polled once, and stopped").isEqualTo(GRID.nz() + 1);
        CancelAt oneSeed = new CancelAt(1);
        assertThatThrownBy(() -> ENGINE.cancelledWhen(oneSeed).seedDoseRate(SEEDS.get(0), GRID, null))
                .isInstanceOf(CancellationException.class);
        assertThat(oneSeed.goOn.get()).as("one seed's slab: no slice computed").isZero();
    }
}
