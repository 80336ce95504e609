package org.seedplan.server.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.seedplan.outcomes.scales.QlqC30Scoring;
import org.seedplan.server.api.ApiProblem;
import org.seedplan.server.api.Json;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.VisitData;

/**
 * The follow-up visit form's body read into {@link VisitData} with the range and consistency checks of the form, each
 * refusal a problem naming the form field: {@code visitDate}, {@code nrsPain}, {@code kps}, {@code nonTarget},
 * {@code measurements.<lesionId>.longestMm} (shortAxisMm, viableMm), {@code qlqC30.<item>}, {@code labs.<index>.name}
 * (value, unit).
 */
public final class VisitForm {

    /** Largest diameter accepted, mm (a plausibility limit: no lesion treated with seeds is half a metre long). */
    static final double MAX_DIAMETER_MM = 500;

    private VisitForm() {
    }

    /**
     * Reads the form. {@code dates} gives the order the visit date must respect; {@code lesions} are the patient's
     * lesions (a measurement of any other is refused).
     */
    public static VisitData read(ObjectNode b, long patientId, DateChecks dates, List<LesionRecord> lesions) {
        LocalDate date = dates.check(b, "visitDate", true, "the visit");
        Integer nrs = Json.optInt(b, "nrsPain");
        if (nrs != null && (nrs < 0 || nrs > 10)) {
            throw ApiProblem.badRequest("nrsPain", "NRS pain " + nrs + " is outside 0–10; give a whole number 0 (no pain) to 10");
        }
        Integer kps = Json.optInt(b, "kps");
        if (kps != null && (kps < 0 || kps > 100 || kps % 10 != 0)) {
            throw ApiProblem.badRequest("kps", "KPS " + kps + " is not one of 0, 10, … 100");
        }
        String nonTarget = Json.optText(b, "nonTarget");
        if (nonTarget != null && !Set.of("CR", "NON_CR_NON_PD", "PD", "NE").contains(nonTarget)) {
            throw ApiProblem.badRequest("nonTarget", "non-target assessment '" + nonTarget + "' is not CR, NON_CR_NON_PD, PD or NE");
        }
        Boolean newLesion = Json.bool(b, "newLesion", null);
        return new VisitData(patientId, date, nrs, kps, newLesion, nonTarget, measurements(b, lesions), qlq(b), labs(b));
    }

    /**
     * A stored visit as the form's body (the fields {@link #read} reads), so that an edit naming only some fields can be
     * laid over it and read, with every check, as a whole form.
     */
    public static ObjectNode body(VisitData d) {
        ObjectNode b = Json.MAPPER.createObjectNode().put("visitDate", d.visitDate().toString()).put("nrsPain", d.nrsPain()).put("kps", d.kps())
                .put("newLesion", d.newLesion()).put("nonTarget", d.nonTarget());
        var ms = b.putArray("measurements");
        d.measurements().forEach(m -> ms.addObject().put("lesionId", m.lesionId()).put("longestMm", m.longestMm())
                .put("shortAxisMm", m.shortAxisMm()).put("viableMm", m.viableMm()));
        ObjectNode qlq = b.putObject("qlqC30");
        d.qlqC30().forEach((item, answer) -> qlq.put(Integer.toString(item), answer));
        var labs = b.putArray("labs");
        d.labs().forEach(l -> labs.addObject().put("name", l.name()).put("value", l.value()).put("unit", l.unit()));
        return b;
    }

    private static List<VisitData.Measurement> measurements(ObjectNode b, List<LesionRecord> lesions) {
        List<VisitData.Measurement> out = new ArrayList<>();
        JsonNode ms = b.get("measurements");
        if (ms == null || ms.isNull()) {
            return out;
        }
        if (!ms.isArray()) {
            throw ApiProblem.badRequest("measurements", "measurements must be a list of {lesionId, longestMm, shortAxisMm, viableMm}");
        }
        Set<Long> seen = new HashSet<>();
        for (JsonNode m : ms) {
            if (!(m instanceof ObjectNode o) || !o.has("lesionId") || !o.get("lesionId").canConvertToLong()) {
                throw ApiProblem.badRequest("measurements", "each measurement needs the lesionId of a lesion of this patient");
            }
            long id = o.get("lesionId").asLong();
            LesionRecord lesion = lesions.stream().filter(l -> l.id() == id).findFirst()
                    .orElseThrow(() -> ApiProblem.badRequest("measurements", "lesion " + id + " is not a lesion of this patient; record it first"));
            if (!seen.add(id)) {
                throw ApiProblem.badRequest("measurements." + id + ".longestMm", "lesion " + lesion.data().label() + " is measured twice; give it once");
            }
            String prefix = "measurements." + id + ".";
            Double longest = diameter(o, "longestMm", prefix, lesion);
            Double shortAxis = diameter(o, "shortAxisMm", prefix, lesion);
            Double viable = diameter(o, "viableMm", prefix, lesion);
            if (viable != null && longest != null && viable > longest) {
                throw ApiProblem.badRequest(prefix + "viableMm", "lesion " + lesion.data().label() + ": the viable (enhancing) diameter " + viable
                        + " mm is larger than the whole lesion's " + longest + " mm; check both");
            }
            if (shortAxis != null && longest != null && shortAxis > longest) {
                throw ApiProblem.badRequest(prefix + "shortAxisMm", "lesion " + lesion.data().label() + ": the short axis " + shortAxis
                        + " mm is longer than the longest diameter " + longest + " mm; check both");
            }
            if (longest != null || shortAxis != null || viable != null) {
                out.add(new VisitData.Measurement(id, longest, shortAxis, viable));
            }
        }
        return out;
    }

    private static Double diameter(ObjectNode o, String name, String prefix, LesionRecord lesion) {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber() || n.asDouble() < 0 || n.asDouble() > MAX_DIAMETER_MM) {
            throw ApiProblem.badRequest(prefix + name, "lesion " + lesion.data().label() + ": " + n.asText() + " is not a diameter 0–"
                    + (int) MAX_DIAMETER_MM + " mm");
        }
        return n.asDouble();
    }

    /** QLQ-C30 answers by item, from {"1": 2, …} (null or absent: not answered). */
    private static Map<Integer, Integer> qlq(ObjectNode b) {
        Map<Integer, Integer> out = new TreeMap<>();
        JsonNode q = b.get("qlqC30");
        if (q == null || q.isNull()) {
            return out;
        }
        if (!q.isObject()) {
            throw ApiProblem.badRequest("qlqC30", "qlqC30 must map item numbers 1–30 to answers");
        }
        for (var it = q.fields(); it.hasNext(); ) {
            var e = it.next();
            int item;
            try {
                item = Integer.parseInt(e.getKey());
            } catch (NumberFormatException x) {
                throw ApiProblem.badRequest("qlqC30", "QLQ-C30 item '" + e.getKey() + "' is not a number 1–30");
            }
            if (item < 1 || item > 30) {
                throw ApiProblem.badRequest("qlqC30", "QLQ-C30 item " + item + " does not exist; items are 1–30");
            }
            if (e.getValue().isNull()) {
                continue;
            }
            if (!e.getValue().canConvertToInt() || !QlqC30Scoring.valid(item, e.getValue().asInt())) {
                throw ApiProblem.badRequest("qlqC30." + item, "QLQ-C30 item " + item + ": '" + e.getValue().asText() + "' is not an answer; give "
                        + (item >= 29 ? "1 (very poor) to 7 (excellent)" : "1 (not at all) to 4 (very much)"));
            }
            out.put(item, e.getValue().asInt());
        }
        return out;
    }

    private static List<VisitData.LabValue> labs(ObjectNode b) {
        List<VisitData.LabValue> out = new ArrayList<>();
        JsonNode ls = b.get("labs");
        if (ls == null || ls.isNull()) {
            return out;
        }
        if (!ls.isArray()) {
            throw ApiProblem.badRequest("labs", "labs must be a list of {name, value, unit}");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ls.size(); i++) {
            String prefix = "labs." + i + ".";
            if (!(ls.get(i) instanceof ObjectNode o)) {
                throw ApiProblem.badRequest(prefix + "name", "laboratory value " + (i + 1) + " must be {name, value, unit}");
            }
            String name = Json.optText(o, "name");
            if (name == null) {
                throw ApiProblem.badRequest(prefix + "name", "laboratory value " + (i + 1) + ": name the analyte (AFP, Tg …)");
            }
            if (!names.add(name.toLowerCase(java.util.Locale.ROOT))) {
                throw ApiProblem.badRequest(prefix + "name", name + " is given twice at this visit; give each analyte once");
            }
            JsonNode v = o.get("value");
            if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
                throw ApiProblem.badRequest(prefix + "value", name + ": give the measured value, a number ≥ 0");
            }
            String unit = Json.optText(o, "unit");
            if (unit == null) {
                throw ApiProblem.badRequest(prefix + "unit", name + ": give the unit (e.g. ng/mL)");
            }
            out.add(new VisitData.LabValue(name, v.asDouble(), unit));
        }
        return out;
    }
}
