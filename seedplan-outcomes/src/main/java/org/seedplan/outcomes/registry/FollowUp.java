package org.seedplan.outcomes.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One follow-up record of a patient (the baseline visit is the record on or before the implant date).
 * Unknown values are {@code null}.
 *
 * @param date             visit date
 * @param measurements     target-lesion measurements taken at this visit (empty when no imaging)
 * @param nonTarget        assessment of the non-target lesions ({@code null} when the patient has none or no imaging)
 * @param newLesion        unequivocal new lesion seen at this visit
 * @param nrsPain          pain, numeric rating scale 0–10
 * @param qlqItems         EORTC QLQ-C30 v3.0 answers, items 1–30 in order (size 30, entries may be null), or empty
 * @param localProgression local progression of the implanted lesion diagnosed at this visit
 * @param died             the record documents the patient's death on {@code date}
 */
public record FollowUp(LocalDate date, List<LesionMeasurement> measurements, NonTargetStatus nonTarget,
                       Boolean newLesion, Integer nrsPain, List<Integer> qlqItems,
                       boolean localProgression, boolean died) {

    public FollowUp {
        Objects.requireNonNull(date, "date");
        measurements = List.copyOf(measurements);
        qlqItems = qlqItems == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(qlqItems));
        if (!qlqItems.isEmpty() && qlqItems.size() != 30) {
            throw new IllegalArgumentException("QLQ-C30 answers: " + qlqItems.size() + " items given; give all 30 (empty for missing)");
        }
    }

    /** True when this visit included imaging (any lesion measured, non-target assessed or a new lesion stated). */
    public boolean imaged() {
        return !measurements.isEmpty() || nonTarget != null || newLesion != null;
    }
}
