package org.seedplan.storage.registry;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lesion recorded at baseline.
 *
 * @param patientId           the patient (database id)
 * @param label               the lesion's name within the patient, e.g. "L1"
 * @param organ               organ
 * @param site                site within the organ (segment, lobe, station), or {@code null}
 * @param nodal               true for a lymph node (measured in the short axis)
 * @param target              true for a RECIST target lesion
 * @param baselineLongestMm   baseline longest diameter, mm (non-nodal lesions)
 * @param baselineShortAxisMm baseline short-axis diameter, mm (nodes)
 * @param baselineViableMm    baseline diameter of the enhancing part (mRECIST), mm
 * @param baselineDate        the date of the baseline measurement (the scan it was read on), or {@code null} (rows stored before
 *                            migration V015)
 */
public record LesionData(long patientId, String label, String organ, String site, boolean nodal, boolean target,
                         Double baselineLongestMm, Double baselineShortAxisMm, Double baselineViableMm, LocalDate baselineDate) {

    public LesionData {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("lesion: label is empty; name the lesion, e.g. \"L1\"");
        }
        for (Double d : new Double[] {baselineLongestMm, baselineShortAxisMm, baselineViableMm}) {
            if (d != null && (d < 0 || d > 500)) {
                throw new IllegalArgumentException("lesion " + label + ": diameter " + d + " mm is outside 0–500 mm; give millimetres");
            }
        }
    }

    /** A lesion without the date of its baseline measurement. */
    public LesionData(long patientId, String label, String organ, String site, boolean nodal, boolean target,
                      Double baselineLongestMm, Double baselineShortAxisMm, Double baselineViableMm) {
        this(patientId, label, organ, site, nodal, target, baselineLongestMm, baselineShortAxisMm, baselineViableMm, null);
    }

    /** The fields by column name. */
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient_id", patientId);
        m.put("label", label);
        m.put("organ", organ);
        m.put("site", site);
        m.put("nodal", nodal);
        m.put("target", target);
        m.put("baseline_longest_mm", baselineLongestMm);
        m.put("baseline_short_axis_mm", baselineShortAxisMm);
        m.put("baseline_viable_mm", baselineViableMm);
        m.put("baseline_date", baselineDate);
        return m;
    }
}
