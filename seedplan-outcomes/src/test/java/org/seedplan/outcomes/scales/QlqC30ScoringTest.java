package org.seedplan.outcomes.scales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * QLQ-C30 v3.0 scale scores against the hand-computed worked example of
 * shared/reference/clinical/qlq_c30_scoring.md §6 (EORTC Scoring Manual formulas). Tolerance 1e-9: the
 * scores are ratios of small integers, so only double rounding separates them from the exact values.
 */
class QlqC30ScoringTest {

    static final double TOL = 1e-9;

    static List<Integer> items() {
        return new ArrayList<>(Collections.nCopies(30, (Integer) null));
    }

    static void set(List<Integer> items, int item, int answer) {
        items.set(item - 1, answer);
    }

    @Test
    void workedExampleOfTheScoringNotes() {
        List<Integer> a = items();
        int[] pf = {1, 2, 1, 1, 2};
        for (int i = 0; i < 5; i++) {
            set(a, i + 1, pf[i]);
        }
        set(a, 10, 2);
        set(a, 12, 3);
        set(a, 18, 2);
        set(a, 29, 5);
        set(a, 30, 4);
        set(a, 21, 2);
        set(a, 23, 3);
        set(a, 8, 4);
        set(a, 26, 1);
        set(a, 27, 1);
        Map<QlqScale, Double> s = QlqC30Scoring.score(a);
        assertThat(s.get(QlqScale.PF2)).isCloseTo(100.0 * (1 - 0.4 / 3), within(TOL));    // 86.6667
        assertThat(s.get(QlqScale.FA)).isCloseTo(100.0 * (4.0 / 9), within(TOL));          // 44.4444
        assertThat(s.get(QlqScale.QL2)).isCloseTo(100.0 * 3.5 / 6, within(TOL));           // 58.3333
        assertThat(s.get(QlqScale.EF)).isCloseTo(50.0, within(TOL));                       // 2 of 4 items
        assertThat(s.get(QlqScale.DY)).isCloseTo(100.0, within(TOL));
        assertThat(s.get(QlqScale.SF)).isCloseTo(100.0, within(TOL));
        assertThat(s.get(QlqScale.PA)).isNull();                                           // items 9, 19 unanswered
    }

    @Test
    void fewerThanHalfTheItemsLeavesTheScaleMissing() {
        List<Integer> a = items();
        set(a, 1, 1);
        set(a, 2, 2);
        assertThat(QlqC30Scoring.score(QlqScale.PF2, a)).isNull();                          // 2 of 5
        set(a, 3, 3);
        assertThat(QlqC30Scoring.score(QlqScale.PF2, a)).isCloseTo(100.0 * (1 - 1.0 / 3), within(TOL)); // 3 of 5: RS 2
        set(a, 10, 4);
        assertThat(QlqC30Scoring.score(QlqScale.FA, a)).isNull();                           // 1 of 3
        set(a, 12, 1);
        assertThat(QlqC30Scoring.score(QlqScale.FA, a)).isCloseTo(50.0, within(TOL));       // 2 of 3: RS 2.5 → 1.5/3
    }

    @Test
    void outOfRangeAnswersAreMissing() {
        List<Integer> a = items();
        set(a, 8, 5);
        set(a, 29, 8);
        set(a, 30, 7);
        assertThat(QlqC30Scoring.score(QlqScale.DY, a)).isNull();
        assertThat(QlqC30Scoring.score(QlqScale.QL2, a)).isCloseTo(100.0, within(TOL));     // item 30 alone: (7−1)/6
    }

    @Test
    void summaryScoreNeedsAllThirteenScales() {
        List<Integer> best = items();
        for (int i = 1; i <= 28; i++) {
            set(best, i, 1);
        }
        Map<QlqScale, Double> s = QlqC30Scoring.score(best);
        assertThat(QlqC30Scoring.summary(s)).isCloseTo(100.0, within(TOL));   // all functions 100, all symptoms 0
        set(best, 8, 4);                                                     // dyspnoea 100 → reversed 0
        assertThat(QlqC30Scoring.summary(QlqC30Scoring.score(best))).isCloseTo(1200.0 / 13, within(TOL));
        best.set(16 - 1, null);
        assertThat(QlqC30Scoring.summary(QlqC30Scoring.score(best))).isNull(); // constipation missing
    }
}
