package org.seedplan.storage.registry;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One follow-up visit with what was measured at it.
 *
 * @param patientId    the patient (database id)
 * @param visitDate    date of the visit
 * @param nrsPain      pain, numeric rating scale 0–10
 * @param kps          Karnofsky performance status 0–100
 * @param newLesion    an unequivocal new lesion was seen
 * @param nonTarget    non-target assessment: CR, NON_CR_NON_PD, PD or NE
 * @param measurements lesion measurements (one per lesion)
 * @param qlqC30       EORTC QLQ-C30 answers by item number 1–30 (scores 1–4, items 29–30: 1–7)
 * @param labs         laboratory values (AFP, thyroglobulin …), one per name
 */
public record VisitData(long patientId, LocalDate visitDate, Integer nrsPain, Integer kps, Boolean newLesion, String nonTarget,
                        List<Measurement> measurements, Map<Integer, Integer> qlqC30, List<LabValue> labs) {

    /**
     * One lesion measured at the visit.
     *
     * @param lesionId    the lesion (database id)
     * @param longestMm   longest diameter, mm
     * @param shortAxisMm short-axis diameter, mm (nodes)
     * @param viableMm    diameter of the enhancing part (mRECIST), mm
     */
    public record Measurement(long lesionId, Double longestMm, Double shortAxisMm, Double viableMm) {
    }

    /**
     * One laboratory value.
     *
     * @param name  analyte, e.g. "AFP"
     * @param value value
     * @param unit  unit, e.g. "ng/mL"
     */
    public record LabValue(String name, double value, String unit) {
    }

    private static final Set<String> NON_TARGET = Set.of("CR", "NON_CR_NON_PD", "PD", "NE");

    public VisitData {
        Objects.requireNonNull(visitDate, "visit: visitDate is required");
        measurements = List.copyOf(measurements);
        qlqC30 = new TreeMap<>(qlqC30);
        labs = List.copyOf(labs);
        if (nrsPain != null && (nrsPain < 0 || nrsPain > 10)) {
            throw new IllegalArgumentException("visit " + visitDate + ": nrsPain " + nrsPain + " is outside 0–10");
        }
        if (kps != null && (kps < 0 || kps > 100 || kps % 10 != 0)) {
            throw new IllegalArgumentException("visit " + visitDate + ": kps " + kps + " is not one of 0, 10, … 100");
        }
        if (nonTarget != null && !NON_TARGET.contains(nonTarget)) {
            throw new IllegalArgumentException("visit " + visitDate + ": nonTarget '" + nonTarget + "' is not CR, NON_CR_NON_PD, PD or NE");
        }
        for (Map.Entry<Integer, Integer> q : qlqC30.entrySet()) {
            int max = q.getKey() >= 29 ? 7 : 4;
            if (q.getKey() < 1 || q.getKey() > 30 || q.getValue() == null || q.getValue() < 1 || q.getValue() > max) {
                throw new IllegalArgumentException("visit " + visitDate + ": QLQ-C30 item " + q.getKey() + " = " + q.getValue()
                        + " is invalid; items are 1–30, scored 1–4 (items 29–30: 1–7)");
            }
        }
        if (labs.stream().map(LabValue::name).distinct().count() != labs.size()) {
            throw new IllegalArgumentException("visit " + visitDate + ": a laboratory value is given twice; give each analyte once");
        }
    }

    /** The visit's own columns (without measurements, questionnaire and labs). */
    Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patient_id", patientId);
        m.put("visit_date", visitDate);
        m.put("nrs_pain", nrsPain);
        m.put("kps", kps);
        m.put("new_lesion", newLesion);
        m.put("non_target", nonTarget);
        return m;
    }

    /** Measurements, answers and labs as audit fields ("measurement 12 longest_mm", "qlq_c30 5", "lab AFP"). */
    Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Measurement x : measurements) {
            m.put("measurement " + x.lesionId() + " longest_mm", x.longestMm());
            m.put("measurement " + x.lesionId() + " short_axis_mm", x.shortAxisMm());
            m.put("measurement " + x.lesionId() + " viable_mm", x.viableMm());
        }
        qlqC30.forEach((k, v) -> m.put("qlq_c30 " + k, v));
        for (LabValue l : labs) {
            m.put("lab " + l.name(), l.value() + " " + l.unit());
        }
        return m;
    }
}
