package org.seedplan.outcomes.scales;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seedplan.outcomes.registry.AdverseEvent;
import org.seedplan.outcomes.registry.AdverseEventScale;
import org.seedplan.outcomes.registry.Patient;

/**
 * Adverse events per term and grade for one grading system, as the papers tabulate them (CTCAE v5.0
 * reporting convention, shared/reference/clinical/ctcae_v5_grades.md §3): each patient counts once per
 * term at the highest grade reached, and once in the "any adverse event" row at the highest grade over all
 * terms; percentages are of all treated patients. Terms are matched ignoring case and surrounding spaces.
 */
public final class AdverseEventTally {

    /** Name of the row that counts patients with any event. */
    public static final String ANY = "Any adverse event";

    private AdverseEventTally() {
    }

    /** Rows for every term seen (alphabetical), then the "any adverse event" row. */
    public static List<AdverseEventRow> tally(List<Patient> patients, AdverseEventScale scale) {
        Map<String, String> display = new TreeMap<>();
        Map<String, int[]> counts = new HashMap<>();
        int[] any = new int[5];
        for (Patient p : patients) {
            Map<String, Integer> highest = new HashMap<>();
            int worst = 0;
            for (AdverseEvent e : p.adverseEvents()) {
                if (e.scale() != scale) {
                    continue;
                }
                String key = e.term().trim().toLowerCase(java.util.Locale.ROOT);
                display.putIfAbsent(key, e.term().trim());
                highest.merge(key, e.grade(), Math::max);
                worst = Math.max(worst, e.grade());
            }
            highest.forEach((k, g) -> counts.computeIfAbsent(k, x -> new int[5])[g - 1]++);
            if (worst > 0) {
                any[worst - 1]++;
            }
        }
        List<AdverseEventRow> rows = new ArrayList<>();
        display.forEach((k, name) -> rows.add(new AdverseEventRow(name, counts.get(k), patients.size())));
        rows.add(new AdverseEventRow(ANY, any, patients.size()));
        return rows;
    }
}
