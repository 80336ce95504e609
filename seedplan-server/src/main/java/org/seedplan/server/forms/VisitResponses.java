package org.seedplan.server.forms;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.Implant;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.LesionMeasurement;
import org.seedplan.outcomes.registry.NonTargetStatus;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.response.Criterion;
import org.seedplan.outcomes.response.ResponseAssessment;
import org.seedplan.outcomes.response.ResponseRules;
import org.seedplan.outcomes.response.TimePointResponse;
import org.seedplan.storage.registry.LesionRecord;
import org.seedplan.storage.registry.VisitData;

/**
 * The RECIST 1.1 or mRECIST response at each imaging visit of a registry patient, by seedplan-outcomes'
 * {@link ResponseAssessment} with its default rules (RECIST 1.1 with the 5 mm rule, mRECIST as published; no
 * confirmation; progression carried forward): nodal lesions by their short axis, other lesions by their longest
 * diameter (mRECIST: viable diameter), counted from the first implant.
 */
public final class VisitResponses {

    private VisitResponses() {
    }

    /** The rules the forms and the server apply for {@code criterion}. */
    public static ResponseRules rules(Criterion criterion) {
        return criterion == Criterion.MRECIST ? ResponseRules.mrecist() : ResponseRules.recist11();
    }

    /**
     * The time-point responses of the visits {@code visits} (in any order) after {@code implantDate}; empty when there is
     * no implant or the patient cannot be assessed by the criterion (no baseline lesion, a target without baseline).
     */
    public static List<TimePointResponse> assess(Criterion criterion, LocalDate implantDate, List<LesionRecord> lesions, List<VisitData> visits) {
        if (implantDate == null || lesions.isEmpty()) {
            return List.of();
        }
        List<Lesion> ls = new ArrayList<>();
        for (LesionRecord l : lesions) {
            var d = l.data();
            ls.add(new Lesion(Long.toString(l.id()), d.organ(), d.nodal(), d.target(), d.nodal() ? d.baselineShortAxisMm() : d.baselineLongestMm(),
                    d.baselineViableMm()));
        }
        Map<String, Boolean> nodal = new java.util.HashMap<>();
        lesions.forEach(l -> nodal.put(Long.toString(l.id()), l.data().nodal()));
        List<FollowUp> fs = new ArrayList<>();
        for (VisitData v : visits) {
            List<LesionMeasurement> ms = new ArrayList<>();
            for (VisitData.Measurement m : v.measurements()) {
                String id = Long.toString(m.lesionId());
                ms.add(new LesionMeasurement(id, Boolean.TRUE.equals(nodal.get(id)) ? m.shortAxisMm() : m.longestMm(), m.viableMm()));
            }
            fs.add(new FollowUp(v.visitDate(), ms, v.nonTarget() == null ? null : NonTargetStatus.valueOf(v.nonTarget()), v.newLesion(),
                    v.nrsPain(), List.of(), false, false));
        }
        Patient p = new Patient("registry", null, null, null, null, null, null, null, null, List.of(), null,
                new Implant(implantDate, null, null, null), ls, fs, List.of());
        ResponseAssessment a = new ResponseAssessment(rules(criterion));
        if (!a.applicable(p) || ls.stream().filter(Lesion::target).anyMatch(l -> l.baselineDiameterMm() == null)) {
            return List.of();
        }
        return a.assess(p);
    }

    /** The response at {@code date}, when that visit was an imaging visit after the implant. */
    public static Optional<TimePointResponse> at(List<TimePointResponse> responses, LocalDate date) {
        TimePointResponse found = null;
        for (TimePointResponse r : responses) {
            if (r.date().equals(date)) {
                found = r;
            }
        }
        return Optional.ofNullable(found);
    }
}
