package org.seedplan.outcomes.plan;

import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.response.ResponseRules;
import org.seedplan.stats.descriptive.QuantileType;

/**
 * An analysis plan: what one paper computes from a cohort — endpoints, factors, time points, response rules,
 * unit of analysis, test rules and the tables and figures to produce. Read from a JSON file by
 * {@link PlanReader}; documented in docs/analysis-plans.md.
 *
 * @param version    plan format version ({@link PlanReader#VERSION})
 * @param title      report title
 * @param unit       unit of the baseline table (each endpoint has its own unit; response is per patient)
 * @param quantiles  quantile definition of the medians and quartiles
 * @param endpoints  time-to-event endpoints
 * @param factors    derived grouping and prognostic variables
 * @param timePoints follow-up time points with visit windows
 * @param response   response rules, or null when the plan has no response table
 * @param baseline   variables (factor names or cohort variables) of the baseline table
 * @param describe   visit-level variables described at each time point
 * @param survivalBy factors to draw Kaplan–Meier curves and log-rank tests by
 * @param rateDays   horizons of the survival rates, days after the origin
 * @param cox        Cox screen, or null when none
 * @param tests      the test choice rules
 * @param compareBy  factor the baseline table compares its groups by, or null
 * @param outputs    tables and figures to produce, in order
 * @param labels     labels of cohort variables in figures (variable → label, e.g. tg_ng_ml → "Thyroglobulin (ng/mL)")
 */
public record AnalysisPlan(int version, String title, Unit unit, QuantileType quantiles, List<Endpoint> endpoints,
                           List<FactorSpec> factors, List<TimePoint> timePoints, ResponseSpec response, List<String> baseline,
                           List<String> describe, List<String> survivalBy, List<Double> rateDays, CoxSpec cox, TestRules tests, String compareBy,
                           List<Output> outputs, Map<String, String> labels) {

    public AnalysisPlan {
        endpoints = List.copyOf(endpoints);
        factors = List.copyOf(factors);
        timePoints = List.copyOf(timePoints);
        baseline = List.copyOf(baseline);
        describe = List.copyOf(describe);
        survivalBy = List.copyOf(survivalBy);
        rateDays = List.copyOf(rateDays);
        outputs = List.copyOf(outputs);
        labels = Map.copyOf(labels);
    }

    /** The label of a cohort variable: the plan's, a built-in one for NRS pain, else the variable's name. */
    public String label(String variable) {
        return labels.getOrDefault(variable, variable.equals("nrs_pain") ? "Pain, NRS (0–10)" : variable);
    }

    /** The unit a table's rows count. */
    public enum Unit {
        /** One row per patient. */
        PATIENT,
        /** One row per baseline lesion (lesion variables plus the patient's). */
        LESION
    }

    /** An event that can end (or compete with) a time-to-event endpoint. */
    public enum Event {
        /** Local progression of the implanted lesion (followups.local_progression). */
        LOCAL_PROGRESSION,
        /** Any progression: local progression or overall PD by RECIST 1.1 (target, non-target or new lesion). */
        PROGRESSION,
        /** Death from any cause (followups.died). */
        DEATH
    }

    /** Tables and figures a plan can ask for. */
    public enum Output {
        /** Baseline characteristics (n, %, mean, SD, median, quartiles, range), optionally compared between groups. */
        BASELINE,
        /** Kaplan–Meier medians with 95 % CI, rates at the plan's horizons and log-rank tests. */
        SURVIVAL,
        /** Kaplan–Meier figures, overall and by each survival factor. */
        KM,
        /** Median follow-up by the reverse Kaplan–Meier method with its IQR. */
        FOLLOWUP,
        /** Univariable and multivariable Cox table. */
        COX,
        /** Forest plot of the Cox table. */
        FOREST,
        /** Response per time point (or best response) with ORR and DCR. */
        RESPONSE,
        /** Visit-level variables by time point with a paired test against baseline. */
        DESCRIBE,
        /** NRS pain by time point, figure. */
        NRS,
        /** QLQ-C30 per domain by time point with significance marks, figure. */
        QLQ
    }

    /**
     * A time-to-event endpoint.
     *
     * @param name      short name (column prefix, file names)
     * @param label     label in tables and figures
     * @param origin    time origin: {@code implant} or a date variable of the patients table (or, per lesion, of the
     *                  lesions table)
     * @param events    events that end the endpoint (the first one counts)
     * @param competing events that end follow-up without being the event (censored at their time:
     *                  cause-specific analysis)
     * @param unit      {@code PATIENT}: one row per patient; {@code LESION}: one row per baseline lesion (local control
     *                  per lesion: the lesion's own local progression, Cox clustered by patient)
     */
    public record Endpoint(String name, String label, String origin, List<Event> events, List<Event> competing, Unit unit) {
        public Endpoint {
            events = List.copyOf(events);
            competing = List.copyOf(competing);
        }
    }

    /**
     * A factor derived from a cohort variable.
     *
     * @param name      column name of the factor
     * @param label     label in tables
     * @param variable  the cohort variable (patient, lesion or visit level; built-in or a study variable)
     * @param aggregate how a lesion-level variable becomes one value per patient ({@code count}, {@code max},
     *                  {@code sum}, {@code mean}), or null
     * @param cuts      cut-points of a numeric variable (value ≥ cut goes up a level), empty for none
     * @param recode    level renames and merges (from → to)
     * @param poolBelow levels with fewer patients than this are pooled into {@code poolInto}; 0 = none
     * @param poolInto  name of the pooled level
     * @param reference reference level (Cox, comparisons), or null for the first in R's order
     * @param continuous true when the variable enters Cox as a number (HR per unit) instead of as levels
     */
    public record FactorSpec(String name, String label, String variable, String aggregate, List<Double> cuts,
                             Map<String, String> recode, int poolBelow, String poolInto, String reference, boolean continuous) {
        public FactorSpec {
            cuts = List.copyOf(cuts);
            recode = Map.copyOf(recode);
        }
    }

    /**
     * A follow-up time point: the visit nearest to {@code days} within the window counts.
     *
     * @param label       label, e.g. "1 week", "6 months"
     * @param days        target day after the implant
     * @param windowDays  visits from {@code days − windowDays} to {@code days + windowDays} count
     */
    public record TimePoint(String label, double days, double windowDays) {
    }

    /**
     * How tumour response is evaluated and counted.
     *
     * @param rules        criterion, confirmation, absolute-increase rule, carry-forward of PD
     * @param best         true for the best overall response only; false for the response at each time point too
     * @param allPatients  true: denominators are all assessed patients; false: the evaluable ones at that time point
     * @param nodalTargetMinMm smallest short axis of a target lymph node the import accepts, mm (RECIST 1.1: 15)
     */
    public record ResponseSpec(ResponseRules rules, boolean best, boolean allPatients, double nodalTargetMinMm) {
    }

    /** The smallest target lymph node the cohort import must accept for this plan, mm (RECIST's 15 without a response section). */
    public double nodalTargetMinMm() {
        return response == null ? 15 : response.nodalTargetMinMm();
    }

    /**
     * The Cox screen.
     *
     * @param factors  candidate factors
     * @param entryP   univariable p below which a factor enters the multivariable model
     * @param endpoints endpoints to model
     */
    public record CoxSpec(List<String> factors, double entryP, List<String> endpoints) {
        public CoxSpec {
            factors = List.copyOf(factors);
            endpoints = List.copyOf(endpoints);
        }
    }

    /**
     * Test choice rules (stated under every table that uses them).
     *
     * @param alpha            significance level of the marks and of the normality check
     * @param normalityCheck   true: Shapiro–Wilk p ≥ alpha chooses the t test, else the rank test; false: always rank tests
     * @param fisherBelowExpected a 2-way table with an expected count below this uses Fisher's exact test, else χ²
     */
    public record TestRules(double alpha, boolean normalityCheck, double fisherBelowExpected) {
    }
}
