package org.seedplan.outcomes.registry;

import java.util.List;

/**
 * A cohort of registry patients, in import order.
 *
 * @param patients the patients (identifiers are unique)
 */
public record Cohort(List<Patient> patients) {

    public Cohort {
        patients = List.copyOf(patients);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Patient p : patients) {
            if (!seen.add(p.id())) {
                throw new IllegalArgumentException("patient " + p.id() + " appears twice; give each patient one row");
            }
        }
    }

    /** Number of patients. */
    public int size() {
        return patients.size();
    }
}
