package org.seedplan.outcomes.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.response.BestOverallResponse;
import org.seedplan.outcomes.response.MonthlyResponse;
import org.seedplan.outcomes.response.Response;
import org.seedplan.outcomes.response.ResponseAssessment;
import org.seedplan.outcomes.response.ResponseByMonth;
import org.seedplan.outcomes.response.ResponseRules;
import org.seedplan.outcomes.response.TimePointResponse;
import org.seedplan.stats.descriptive.ProportionCi;

/** Response by follow-up month (CR/PR/SD/PD n, ORR %, DCR %) and best overall response, for one response criterion. */
final class ResponseTables {

    /** The table and the monthly tallies behind it (for the bar figure). */
    record Result(Table table, List<MonthlyResponse> months, int assessed) {
    }

    private ResponseTables() {
    }

    static Result build(List<Patient> patients, ResponseRules rules, int lastMonth, String name, String label) {
        ResponseAssessment assessment = new ResponseAssessment(rules);
        BestOverallResponse bor = new BestOverallResponse(rules);
        List<List<TimePointResponse>> all = new ArrayList<>();
        Map<Response, Integer> best = new EnumMap<>(Response.class);
        int excluded = 0;
        for (Patient p : patients) {
            if (!assessment.applicable(p)) {
                excluded++;
                continue;
            }
            List<TimePointResponse> tps = assessment.assess(p);
            all.add(tps);
            best.merge(bor.of(tps), 1, Integer::sum);
        }
        List<MonthlyResponse> months = ResponseByMonth.tally(all, lastMonth);
        Table.Builder t = Table.builder(name, "Tumour response by follow-up month, " + label + " (n = " + all.size() + " assessed)",
                "Time point", "Evaluable n", "CR", "PR", "SD", "PD", "NE", "ORR, % (95 % CI)", "DCR, % (95 % CI)");
        for (MonthlyResponse m : months) {
            t.row(row("Month " + m.month(), m));
        }
        t.row(row("Best overall response", new MonthlyResponse(0, best)));
        t.note("Month = visit day / 30.4375, rounded; when a patient has two imaging visits in one month the later counts.");
        t.note("ORR = (CR + PR) / evaluable; DCR = (CR + PR + SD) / evaluable, with exact (Clopper–Pearson) 95 % CIs; evaluable = "
                + "patients with a response other than NE at that month (patients without an imaging visit in the month are not counted).");
        t.note("SD includes non-CR/non-PD of patients with only non-target disease. Progression is final: later visits of a "
                + "patient with PD count as PD" + (rules.carryProgression() ? "." : " only when they meet PD again."));
        t.note("Rules: " + rules.criterion() + ", PD = sum ≥ 120 % of the nadir" + (rules.absoluteIncreaseRule()
                ? " and ≥ nadir + " + Format.num(rules.absoluteIncreaseMm(), 0) + " mm" : " (no absolute-increase rule)")
                + "; best overall response " + (rules.confirmation() ? "with" : "without") + " confirmation of CR/PR"
                + (rules.sdMinimumDays() > 0 ? ", SD from day " + rules.sdMinimumDays() : "") + ".");
        if (excluded > 0) {
            t.note(excluded + " patient(s) not assessable by " + label + " (no baseline lesion"
                    + (label.startsWith("m") ? ", or a target without baseline viable diameter" : "") + ") are excluded.");
        }
        return new Result(t.build(), months, all.size());
    }

    private static List<String> row(String label, MonthlyResponse m) {
        return List.of(label, Integer.toString(m.evaluable()), Integer.toString(m.count(Response.CR)),
                Integer.toString(m.count(Response.PR)), Integer.toString(m.count(Response.SD) + m.count(Response.NON_CR_NON_PD)),
                Integer.toString(m.count(Response.PD)), Integer.toString(m.count(Response.NE)),
                rate(m.objective(), m.evaluable()), rate(m.diseaseControl(), m.evaluable()));
    }

    /** A rate in percent with its exact (Clopper–Pearson) 95 % CI from seedplan-stats. */
    private static String rate(int k, int n) {
        if (n == 0) {
            return "—";
        }
        ProportionCi.Interval ci = ProportionCi.clopperPearson(k, n, 0.95);
        return Format.pctCi(100 * ci.estimate(), 100 * ci.lower(), 100 * ci.upper());
    }
}
