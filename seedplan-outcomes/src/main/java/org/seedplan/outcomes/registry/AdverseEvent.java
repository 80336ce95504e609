package org.seedplan.outcomes.registry;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One adverse event of a patient.
 *
 * @param date  onset date
 * @param term  the CTCAE (MedDRA) or RTOG term, e.g. "Pneumothorax"
 * @param grade grade 1–5
 * @param scale grading system
 */
public record AdverseEvent(LocalDate date, String term, int grade, AdverseEventScale scale) {

    public AdverseEvent {
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(scale, "scale");
        if (grade < 1 || grade > 5) {
            throw new IllegalArgumentException("adverse event '" + term + "': grade " + grade
                    + " is outside 1–5; record grade 1–5 (no event means no record)");
        }
    }
}
