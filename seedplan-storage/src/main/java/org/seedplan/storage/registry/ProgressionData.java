package org.seedplan.storage.registry;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A diagnosed progression.
 *
 * @param patientId the patient (database id)
 * @param date      date of diagnosis
 * @param type      LOCAL (the implanted lesion) or DISTANT
 */
public record ProgressionData(long patientId, LocalDate date, String type) {

    public ProgressionData {
        Objects.requireNonNull(date, "progression: date is required");
        if (!"LOCAL".equals(type) && !"DISTANT".equals(type)) {
            throw new IllegalArgumentException("progression " + date + ": type '" + type + "' is not LOCAL or DISTANT");
        }
    }

    Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient_id", patientId);
        m.put("progression_date", date);
        m.put("progression_type", type);
        return m;
    }
}
