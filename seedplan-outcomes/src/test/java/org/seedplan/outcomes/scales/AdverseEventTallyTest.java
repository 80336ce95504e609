package org.seedplan.outcomes.scales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.outcomes.registry.AdverseEvent;
import org.seedplan.outcomes.registry.AdverseEventScale;
import org.seedplan.outcomes.registry.Implant;
import org.seedplan.outcomes.registry.Patient;

/** Counting rule of ctcae_v5_grades.md §3: once per patient and term at the highest grade; percentages of all treated. */
class AdverseEventTallyTest {

    static Patient patient(String id, AdverseEvent... events) {
        return new Patient(id, null, null, null, null, null, null, null, null, List.of(), null,
                new Implant(LocalDate.of(2024, 1, 1), null, null, null), List.of(), List.of(), List.of(events));
    }

    static AdverseEvent ae(String term, int grade) {
        return new AdverseEvent(LocalDate.of(2024, 1, 5), term, grade, AdverseEventScale.CTCAE_5);
    }

    @Test
    void eachPatientCountsOnceAtTheHighestGrade() {
        List<Patient> ps = List.of(
                patient("1", ae("Pneumothorax", 1), ae("pneumothorax ", 3), ae("Fever", 1)),
                patient("2", ae("Pneumothorax", 2)),
                patient("3", ae("Fever", 2), new AdverseEvent(null, "Radiation pneumonitis", 4, AdverseEventScale.RTOG)),
                patient("4"));
        List<AdverseEventRow> rows = AdverseEventTally.tally(ps, AdverseEventScale.CTCAE_5);
        assertThat(rows).extracting(AdverseEventRow::term).containsExactly("Fever", "Pneumothorax", AdverseEventTally.ANY);
        AdverseEventRow ptx = rows.get(1);
        assertThat(new int[] {ptx.grade(1), ptx.grade(2), ptx.grade(3)}).containsExactly(0, 1, 1);
        assertThat(ptx.anyGrade()).isEqualTo(2);
        assertThat(ptx.grade3OrHigher()).isEqualTo(1);
        assertThat(ptx.pct(ptx.anyGrade())).isEqualTo(50.0);      // 2 of 4 treated
        AdverseEventRow any = rows.get(2);
        assertThat(new int[] {any.grade(1), any.grade(2), any.grade(3)}).containsExactly(0, 2, 1); // patient 1 at 3, 2 and 3 at 2
        assertThat(AdverseEventTally.tally(ps, AdverseEventScale.RTOG).get(0).grade(4)).isEqualTo(1);
    }
}
