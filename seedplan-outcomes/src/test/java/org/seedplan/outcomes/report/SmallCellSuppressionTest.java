package org.seedplan.outcomes.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Small-cell suppression of report tables: rows of 1 to k − 1 shows "&lt; k" and no values; group tests and labels stay. */
class SmallCellSuppressionTest {

    private static final Table BASELINE = Table.builder("baseline", "Baseline", "variable", "level", "group", "n", "percent", "mean", "sd",
                    "min", "max", "test", "statistic", "p")
            .row("age_years", "", "All", "12", "", "60", "9", "41", "83", "Welch t", "1.2", "0.25")
            .row("age_years", "", "≥ 80", "2", "", "82", "1.41", "81", "83", "", "", "")
            .row("sex", "F", "≥ 80", "0", "0", "", "", "", "", "", "", "")
            .build();

    @Test
    void aRowOfTwoShowsLessThanKAndNoValues() {
        Table t = new SmallCellSuppression(5).apply(BASELINE);
        assertThat(t.rows().get(1)).containsExactly("age_years", "", "≥ 80", "< 5", "", "", "", "", "", "", "", "");
        assertThat(t.rows().get(0)).as("the large group unchanged").isEqualTo(BASELINE.rows().get(0));
        assertThat(t.rows().get(2)).as("an empty level reveals nobody").isEqualTo(BASELINE.rows().get(2));
        assertThat(t.notes()).anyMatch(n -> n.contains("fewer than 5"));
    }

    @Test
    void groupTestsOfASmallRowStay() {
        Table t = Table.builder("survival", "S", "endpoint", "level", "n", "events", "median_months", "logrank_p")
                .row("os", "yes", "3", "2", "14.2", "0.04").build();
        assertThat(new SmallCellSuppression(5).apply(t).rows().get(0)).containsExactly("os", "yes", "< 5", "", "", "0.04");
    }

    @Test
    void kOfOneSuppressesNothingAndAReportLosesItsPerRowExports() {
        assertThat(new SmallCellSuppression(1).apply(BASELINE)).isEqualTo(BASELINE);
        CohortReport r = new CohortReport("t", "s", List.of(BASELINE), List.of(BASELINE), List.of());
        assertThat(new SmallCellSuppression(5).apply(r).exports()).isEmpty();
    }

    @Test
    void kBelowOneIsRefusedWithTheFix() {
        assertThatThrownBy(() -> new SmallCellSuppression(0)).hasMessageContaining("fix:");
    }
}
