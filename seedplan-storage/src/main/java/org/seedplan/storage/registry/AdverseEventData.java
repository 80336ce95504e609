package org.seedplan.storage.registry;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One adverse event.
 *
 * @param patientId   the patient (database id)
 * @param onsetDate   onset date, or {@code null} when unknown
 * @param term        CTCAE (MedDRA) or RTOG term, e.g. "Pneumothorax"
 * @param grade       grade 1–5
 * @param scale       CTCAE_5 or RTOG
 * @param attribution relation to the treatment (UNRELATED, UNLIKELY, POSSIBLE, PROBABLE, DEFINITE), or {@code null}
 * @param onsetPrecision how much of the onset date is known (YEAR, MONTH or DAY; {@code onsetDate} is the first day of
 *                       the period), or {@code null} without onset date
 */
public record AdverseEventData(long patientId, LocalDate onsetDate, String term, int grade, String scale, String attribution,
                               PartialDate.Precision onsetPrecision) {

    private static final Set<String> SCALES = Set.of("CTCAE_5", "RTOG");
    private static final Set<String> ATTRIBUTIONS = Set.of("UNRELATED", "UNLIKELY", "POSSIBLE", "PROBABLE", "DEFINITE");

    public AdverseEventData {
        if (term == null || term.isBlank()) {
            throw new IllegalArgumentException("adverse event: term is empty; give the CTCAE term, e.g. \"Pneumothorax\"");
        }
        if (grade < 1 || grade > 5) {
            throw new IllegalArgumentException("adverse event '" + term + "': grade " + grade + " is outside 1–5");
        }
        if (!SCALES.contains(scale)) {
            throw new IllegalArgumentException("adverse event '" + term + "': scale '" + scale + "' is not CTCAE_5 or RTOG");
        }
        if (attribution != null && !ATTRIBUTIONS.contains(attribution)) {
            throw new IllegalArgumentException("adverse event '" + term + "': attribution '" + attribution + "' is not one of " + ATTRIBUTIONS);
        }
        if (onsetDate == null) {
            onsetPrecision = null;
        } else {
            onsetPrecision = new PartialDate(onsetDate, onsetPrecision == null ? PartialDate.Precision.DAY : onsetPrecision).precision();
        }
    }

    /** An adverse event whose onset, when given, is known to the day. */
    public AdverseEventData(long patientId, LocalDate onsetDate, String term, int grade, String scale, String attribution) {
        this(patientId, onsetDate, term, grade, scale, attribution, null);
    }

    /** The onset as a partial date, or {@code null}. */
    public PartialDate onset() {
        return onsetDate == null ? null : new PartialDate(onsetDate, onsetPrecision);
    }

    Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient_id", patientId);
        m.put("onset_date", onsetDate);
        m.put("term", term);
        m.put("grade", grade);
        m.put("scale", scale);
        m.put("attribution", attribution);
        m.put("onset_precision", onsetPrecision);
        return m;
    }
}
