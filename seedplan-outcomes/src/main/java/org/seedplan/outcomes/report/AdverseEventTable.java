package org.seedplan.outcomes.report;

import java.util.List;
import org.seedplan.outcomes.registry.AdverseEventScale;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.scales.AdverseEventRow;
import org.seedplan.outcomes.scales.AdverseEventTally;

/** Adverse events by term and grade, n (%) of treated patients, for one grading system. */
final class AdverseEventTable {

    private AdverseEventTable() {
    }

    static Table build(List<Patient> patients, AdverseEventScale scale) {
        String label = scale == AdverseEventScale.CTCAE_5 ? "CTCAE v5.0" : "RTOG/EORTC acute radiation morbidity";
        Table.Builder t = Table.builder(scale == AdverseEventScale.CTCAE_5 ? "adverse_events_ctcae" : "adverse_events_rtog",
                "Adverse events, " + label + " (n = " + patients.size() + " treated)",
                "Term", "Grade 1", "Grade 2", "Grade 3", "Grade 4", "Grade 5", "Any grade", "Grade ≥ 3");
        for (AdverseEventRow r : AdverseEventTally.tally(patients, scale)) {
            t.row(r.term(), Format.nPct(r.grade(1), r.denominator()), Format.nPct(r.grade(2), r.denominator()),
                    Format.nPct(r.grade(3), r.denominator()), Format.nPct(r.grade(4), r.denominator()),
                    Format.nPct(r.grade(5), r.denominator()), Format.nPct(r.anyGrade(), r.denominator()),
                    Format.nPct(r.grade3OrHigher(), r.denominator()));
        }
        t.note("Each patient counts once per term at the highest grade reached, and once in \"" + AdverseEventTally.ANY
                + "\" at the highest grade over all terms; percentages are of all treated patients.");
        return t.build();
    }
}
