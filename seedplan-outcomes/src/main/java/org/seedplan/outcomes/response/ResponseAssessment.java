package org.seedplan.outcomes.response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.LesionMeasurement;
import org.seedplan.outcomes.registry.NonTargetStatus;
import org.seedplan.outcomes.registry.Patient;

/**
 * Time-point responses of one patient by RECIST 1.1 or mRECIST.
 *
 * <p>Sources: Eisenhauer et al. 2009 (RECIST 1.1) §4.3 and table 1; Lencioni &amp; Llovet 2010 (mRECIST);
 * implementation notes in shared/reference/clinical/response_criteria.md. Order of evaluation: PD first
 * (sum ≥ 120 % of the nadir, and with the absolute rule ≥ nadir + 5 mm; the nadir includes baseline
 * and only fully measured visits), then NE (a target not measured), then CR (RECIST 1.1: every
 * non-nodal target 0 mm and every nodal target short axis &lt; 10 mm; mRECIST: no viable tumour in
 * non-nodal targets), then PR (sum ≤ 70 % of baseline), else SD. Under mRECIST a non-nodal target is
 * measured by its viable (arterially enhancing) diameter, a node by its short axis.
 */
public final class ResponseAssessment {

    /** Tolerance for the percentage thresholds so that exactly −30 % / +20 % hit their category, mm. */
    private static final double EPS_MM = 1e-9;

    private final ResponseRules rules;

    public ResponseAssessment(ResponseRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The rules this assessment applies. */
    public ResponseRules rules() {
        return rules;
    }

    /**
     * True when the patient can be assessed by these rules: under mRECIST every target lesion needs a baseline
     * viable diameter; under both the patient needs baseline disease (a target or non-target lesion).
     */
    public boolean applicable(Patient patient) {
        if (patient.lesions().isEmpty()) {
            return false;
        }
        return rules.criterion() != Criterion.MRECIST || patient.lesions().stream()
                .filter(Lesion::target).allMatch(l -> l.nodal() || l.baselineViableDiameterMm() != null);
    }

    /** Responses at every imaging visit after the implant, in date order. */
    public List<TimePointResponse> assess(Patient patient) {
        if (!applicable(patient)) {
            throw new IllegalArgumentException("patient " + patient.id() + ": cannot be assessed by " + rules.criterion()
                    + " (no baseline lesion, or an mRECIST target without baseline viable diameter); record the baseline lesions");
        }
        List<Lesion> targets = patient.lesions().stream().filter(Lesion::target).toList();
        boolean hasNonTargets = patient.lesions().stream().anyMatch(l -> !l.target());
        double base = 0;
        for (Lesion l : targets) {
            Double v = baselineValue(l);
            if (v == null) {
                throw new IllegalArgumentException("patient " + patient.id() + ", lesion " + l.id()
                        + ": target lesion without baseline diameter; record baseline_diameter_mm");
            }
            base += v;
        }
        double nadir = base;
        boolean progressed = false;
        List<TimePointResponse> out = new ArrayList<>();
        for (FollowUp visit : patient.visitsAfterImplant()) {
            if (!visit.imaged()) {
                continue;
            }
            Map<String, LesionMeasurement> byId = new HashMap<>();
            visit.measurements().forEach(m -> byId.put(m.lesionId(), m));
            Response target = null;
            Double sum = null;
            Double nadirBefore = null;
            if (!targets.isEmpty()) {
                double cur = 0;
                boolean all = true;
                boolean cr = true;
                for (Lesion l : targets) {
                    LesionMeasurement m = byId.get(l.id());
                    Double v = m == null ? null : followUpValue(l, m);
                    if (v == null) {
                        all = false;
                        continue;
                    }
                    cur += v;
                    cr &= l.nodal() ? v < 10.0 : v == 0.0;
                }
                sum = cur;
                nadirBefore = nadir;
                target = targetResponse(cur, all, cr, base, nadir);
                if (all) {
                    nadir = Math.min(nadir, cur);
                }
            }
            NonTargetStatus nt = hasNonTargets ? (visit.nonTarget() == null ? NonTargetStatus.NE : visit.nonTarget()) : null;
            boolean newLesion = Boolean.TRUE.equals(visit.newLesion());
            Response overall = overall(target, nt, newLesion);
            boolean carried = false;
            if (progressed && rules.carryProgression() && overall != Response.PD) {
                overall = Response.PD;
                carried = true;
            }
            progressed |= overall == Response.PD;
            out.add(new TimePointResponse(visit.date(), patient.day(visit.date()), sum, nadirBefore, target, nt, newLesion, overall, carried));
        }
        return out;
    }

    private Response targetResponse(double cur, boolean allMeasured, boolean allGone, double base, double nadir) {
        boolean relative = cur >= 1.2 * nadir - EPS_MM;
        boolean absolute = !rules.absoluteIncreaseRule() || cur - nadir >= rules.absoluteIncreaseMm() - EPS_MM;
        if (relative && absolute && cur > nadir) {
            return Response.PD;
        }
        if (!allMeasured) {
            return Response.NE;
        }
        if (allGone) {
            return Response.CR;
        }
        if (cur <= 0.7 * base + EPS_MM) {
            return Response.PR;
        }
        return Response.SD;
    }

    /** Overall response from target, non-target and new lesions (RECIST 1.1 tables 1 and 2). */
    static Response overall(Response target, NonTargetStatus nonTarget, boolean newLesion) {
        if (newLesion || target == Response.PD || nonTarget == NonTargetStatus.PD) {
            return Response.PD;
        }
        if (target == null) {
            if (nonTarget == null) {
                return Response.NE;
            }
            return switch (nonTarget) {
                case CR -> Response.CR;
                case NON_CR_NON_PD -> Response.NON_CR_NON_PD;
                default -> Response.NE;
            };
        }
        return switch (target) {
            case NE -> Response.NE;
            case CR -> nonTarget == null || nonTarget == NonTargetStatus.CR ? Response.CR : Response.PR;
            default -> target;
        };
    }

    private Double baselineValue(Lesion l) {
        return usesViable(l) ? l.baselineViableDiameterMm() : l.baselineDiameterMm();
    }

    private Double followUpValue(Lesion l, LesionMeasurement m) {
        return usesViable(l) ? m.viableDiameterMm() : m.diameterMm();
    }

    private boolean usesViable(Lesion l) {
        return rules.criterion() == Criterion.MRECIST && !l.nodal();
    }
}
