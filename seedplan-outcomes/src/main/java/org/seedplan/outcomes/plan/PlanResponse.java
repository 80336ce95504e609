package org.seedplan.outcomes.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.plan.AnalysisPlan.ResponseSpec;
import org.seedplan.outcomes.plan.AnalysisPlan.TimePoint;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.report.Table;
import org.seedplan.outcomes.response.BestOverallResponse;
import org.seedplan.outcomes.response.Criterion;
import org.seedplan.outcomes.response.Response;
import org.seedplan.outcomes.response.ResponseAssessment;
import org.seedplan.outcomes.response.TimePointResponse;
import org.seedplan.stats.descriptive.ProportionCi;

/**
 * Tumour response as the plan defines it: at each time point (the imaging visit nearest to its day within the
 * window) and as best overall response; counts of CR, PR, SD, non-CR/non-PD, PD, NE with the objective response
 * rate (CR + PR) and disease control rate (CR + PR + SD + non-CR/non-PD) over the plan's denominator, with exact
 * (Clopper–Pearson) 95 % CIs.
 */
final class PlanResponse {

    private static final List<Response> ORDER = List.of(Response.CR, Response.PR, Response.SD, Response.NON_CR_NON_PD, Response.PD,
            Response.NE);

    private PlanResponse() {
    }

    static Table build(AnalysisPlan plan, List<Patient> patients) {
        ResponseSpec spec = plan.response();
        ResponseAssessment assessment = new ResponseAssessment(spec.rules());
        String criterion = spec.rules().criterion() == Criterion.MRECIST ? "mRECIST" : "RECIST 1.1";
        Table.Builder t = Table.builder("response", "Tumour response (" + criterion + ")", "time_point", "day", "assessed", "cr", "pr",
                "sd", "non_cr_non_pd", "pd", "ne", "not_seen", "denominator", "orr_pct", "orr_lower", "orr_upper", "dcr_pct", "dcr_lower",
                "dcr_upper");
        List<Patient> applicable = patients.stream().filter(assessment::applicable).toList();
        List<List<TimePointResponse>> assessed = applicable.stream().map(assessment::assess).toList();
        if (!spec.best()) {
            for (TimePoint tp : plan.timePoints()) {
                List<Response> at = new ArrayList<>();
                for (int i = 0; i < applicable.size(); i++) {
                    Patient p = applicable.get(i);
                    TimePointResponse best = null;
                    double gap = Double.POSITIVE_INFINITY;
                    for (TimePointResponse r : assessed.get(i)) {
                        double g = Math.abs(r.day() - tp.days());
                        if (g <= tp.windowDays() && g <= gap) {
                            best = r;
                            gap = g;
                        }
                    }
                    at.add(best == null ? null : best.overall());
                }
                t.row(row(tp.label(), Values.of(tp.days()), applicable.size(), at, spec.allPatients()));
            }
        }
        BestOverallResponse bor = new BestOverallResponse(spec.rules());
        List<Response> best = assessed.stream().map(bor::of).toList();
        t.row(row("best overall", "", applicable.size(), new ArrayList<>(best), spec.allPatients()));
        t.note(criterion + (spec.rules().absoluteIncreaseRule() ? " with" : " without") + " the 5 mm rule; confirmation "
                + (spec.rules().confirmation() ? "required (≥ " + spec.rules().confirmationDays() + " days)" : "not required")
                + "; progression " + (spec.rules().carryProgression() ? "carried forward to later time points" : "counted only where seen")
                + ". Assessed: patients with baseline disease measurable by the criterion (" + applicable.size() + " of " + patients.size()
                + "). A time point takes the imaging visit nearest to its day within its window; not_seen = assessed patients without one; rates are NA at a time point where nobody was seen.");
        t.note("Denominator: " + (spec.allPatients() ? "all assessed patients (NE and not seen count as non-responders)"
                : "evaluable patients (a response other than NE at that time point)") + ". ORR = CR + PR; DCR = CR + PR + SD + non-CR/non-PD;"
                + " in % with exact (Clopper–Pearson) 95 % CI.");
        return t.build();
    }

    private static List<String> row(String label, String day, int assessed, List<Response> at, boolean allPatients) {
        Map<Response, Integer> n = new EnumMap<>(Response.class);
        int notSeen = 0;
        for (Response r : at) {
            if (r == null) {
                notSeen++;
            } else {
                n.merge(r, 1, Integer::sum);
            }
        }
        List<String> row = new ArrayList<>(List.of(label, day, Values.of(assessed)));
        for (Response r : ORDER) {
            row.add(Values.of(n.getOrDefault(r, 0)));
        }
        row.add(Values.of(notSeen));
        int den = allPatients ? assessed : assessed - notSeen - n.getOrDefault(Response.NE, 0);
        int orr = n.getOrDefault(Response.CR, 0) + n.getOrDefault(Response.PR, 0);
        int dcr = orr + n.getOrDefault(Response.SD, 0) + n.getOrDefault(Response.NON_CR_NON_PD, 0);
        row.add(Values.of(den));
        for (int k : new int[] {orr, dcr}) {
            if (den == 0 || notSeen == assessed) {
                row.addAll(List.of("NA", "NA", "NA"));
            } else {
                ProportionCi.Interval ci = ProportionCi.clopperPearson(k, den, 0.95);
                row.addAll(List.of(Values.of(100.0 * k / den), Values.of(100 * ci.lower()), Values.of(100 * ci.upper())));
            }
        }
        return row;
    }
}
