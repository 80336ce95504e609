package org.seedplan.outcomes.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.seedplan.outcomes.plan.AnalysisPlan.CoxSpec;
import org.seedplan.outcomes.plan.AnalysisPlan.Endpoint;
import org.seedplan.outcomes.plan.AnalysisPlan.Event;
import org.seedplan.outcomes.plan.AnalysisPlan.FactorSpec;
import org.seedplan.outcomes.plan.AnalysisPlan.Output;
import org.seedplan.outcomes.plan.AnalysisPlan.ResponseSpec;
import org.seedplan.outcomes.plan.AnalysisPlan.TestRules;
import org.seedplan.outcomes.plan.AnalysisPlan.TimePoint;
import org.seedplan.outcomes.plan.AnalysisPlan.Unit;
import org.seedplan.outcomes.response.Criterion;
import org.seedplan.outcomes.response.ResponseRules;
import org.seedplan.stats.data.ColumnNames;
import org.seedplan.stats.descriptive.QuantileType;

/**
 * Reads and validates an analysis-plan JSON file (format: docs/analysis-plans.md). Every error is collected
 * with its path in the file ({@code $.factors[2].cut}) and all are reported at once; unknown keys are errors
 * (with the nearest known key), so a misspelt option never silently falls back to a default.
 */
public final class PlanReader {

    /** The plan format version this reader understands. */
    public static final int VERSION = 1;
    /** Days per month of the plan's "months" (365.25 / 12). */
    public static final double DAYS_PER_MONTH = 30.4375;

    private static final String TEMPLATES = "/org/seedplan/outcomes/plan/templates/";
    /** Names of the shipped templates (resources {@code templates/NAME.json}). */
    public static final List<String> TEMPLATE_NAMES = List.of("default", "hcc-pvtt", "thyroid-nodes", "lesion-dosimetry",
            "pain-qol", "hyperthermia-combined");

    private final List<String> errors = new ArrayList<>();

    private PlanReader() {
    }

    /** Reads a plan file. */
    public static AnalysisPlan read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such plan file; fix: give a plan JSON file, or one of the templates "
                    + TEMPLATE_NAMES + " by name");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a shipped template by name ({@link #TEMPLATE_NAMES}). */
    public static AnalysisPlan template(String name) {
        return parse(templateText(name), "template " + name);
    }

    /** The JSON text of a shipped template. */
    public static String templateText(String name) {
        if (!TEMPLATE_NAMES.contains(name)) {
            throw new IllegalArgumentException("no plan template '" + name + "'; fix: use one of " + TEMPLATE_NAMES);
        }
        try (InputStream in = PlanReader.class.getResourceAsStream(TEMPLATES + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses plan JSON; {@code source} names it in messages. */
    public static AnalysisPlan parse(String json, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON at line " + e.getLocation().getLineNr() + " column "
                    + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage() + "); fix: correct the JSON syntax");
        }
        PlanReader r = new PlanReader();
        AnalysisPlan plan = r.plan(root == null ? new ObjectMapper().createObjectNode() : root);
        if (!r.errors.isEmpty()) {
            throw new IllegalArgumentException(r.errors.size() == 1 ? source + ": " + r.errors.get(0)
                    : source + ": " + r.errors.size() + " errors in the plan:\n  " + String.join("\n  ", r.errors));
        }
        return plan;
    }

    private AnalysisPlan plan(JsonNode root) {
        if (!root.isObject()) {
            error("$", "the plan must be a JSON object; fix: write { \"version\": 1, … }");
            return null;
        }
        keys(root, "$", "version", "title", "unit", "quantiles", "endpoints", "factors", "time_points", "response", "baseline",
                "describe", "survival", "cox", "tests", "compare_by", "outputs", "labels");
        JsonNode v = root.get("version");
        if (v == null || !v.isInt() || v.asInt() != VERSION) {
            error("$.version", (v == null ? "missing" : "value " + v) + "; fix: write \"version\": " + VERSION
                    + " (this seedplan reads plan format " + VERSION + ")");
        }
        String title = text(root, "$", "title", "Cohort report");
        Unit unit = choice(root, "$", "unit", Map.of("patient", Unit.PATIENT, "lesion", Unit.LESION), Unit.PATIENT);
        QuantileType q = choice(root, "$", "quantiles", Map.of("spss", QuantileType.TYPE6_SPSS, "r7", QuantileType.TYPE7_R),
                QuantileType.TYPE6_SPSS);
        List<Endpoint> endpoints = list(root, "$", "endpoints", this::endpoint);
        List<FactorSpec> factors = list(root, "$", "factors", this::factor);
        List<TimePoint> timePoints = list(root, "$", "time_points", this::timePoint);
        ResponseSpec response = root.has("response") ? response(root.get("response"), "$.response") : null;
        List<String> baseline = strings(root, "$", "baseline");
        List<String> describe = strings(root, "$", "describe");
        List<String> by = List.of();
        List<Double> rates = List.of(365.0, 730.0, 1095.0);
        if (root.has("survival")) {
            JsonNode s = root.get("survival");
            if (object(s, "$.survival")) {
                keys(s, "$.survival", "by", "rates_months");
                by = strings(s, "$.survival", "by");
                if (s.has("rates_months")) {
                    rates = numbers(s, "$.survival", "rates_months").stream().map(m -> m * DAYS_PER_MONTH).toList();
                }
            }
        }
        CoxSpec cox = root.has("cox") ? cox(root.get("cox")) : null;
        TestRules tests = tests(root.get("tests"));
        String compareBy = text(root, "$", "compare_by", null);
        List<Output> outputs = new ArrayList<>();
        List<String> outs = strings(root, "$", "outputs");
        for (int i = 0; i < outs.size(); i++) {
            try {
                outputs.add(Output.valueOf(outs.get(i).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                error("$.outputs[" + i + "]", "unknown output '" + outs.get(i) + "'; fix: use some of " + names(Output.values()));
            }
        }
        if (outs.isEmpty()) {
            error("$.outputs", "no tables or figures asked for; fix: list some of " + names(Output.values()));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (root.has("labels") && object(root.get("labels"), "$.labels")) {
            root.get("labels").fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    labels.put(e.getKey(), e.getValue().asText());
                } else {
                    error("$.labels." + e.getKey(), "value " + e.getValue() + " is not text; fix: write the label in quotes");
                }
            });
        }
        crossCheck(endpoints, factors, timePoints, response, by, cox, compareBy, outputs);
        return new AnalysisPlan(VERSION, title, unit, q, endpoints, factors, timePoints, response, baseline, describe, by, rates,
                cox, tests, compareBy, outputs, labels);
    }

    private void crossCheck(List<Endpoint> endpoints, List<FactorSpec> factors, List<TimePoint> timePoints, ResponseSpec response,
                            List<String> by, CoxSpec cox, String compareBy, List<Output> outputs) {
        Set<String> factorNames = new HashSet<>();
        for (int i = 0; i < factors.size(); i++) {
            if (!factorNames.add(factors.get(i).name())) {
                error("$.factors[" + i + "].name", "factor '" + factors.get(i).name() + "' defined twice; fix: give each factor its own name");
            }
        }
        Set<String> endpointNames = new HashSet<>();
        for (int i = 0; i < endpoints.size(); i++) {
            if (!endpointNames.add(endpoints.get(i).name())) {
                error("$.endpoints[" + i + "].name", "endpoint '" + endpoints.get(i).name() + "' defined twice; fix: rename one");
            }
        }
        for (int i = 0; i < by.size(); i++) {
            if (!factorNames.contains(by.get(i))) {
                error("$.survival.by[" + i + "]", "'" + by.get(i) + "' is not a factor of the plan; fix: define it under factors (names: "
                        + factorNames + ")");
            }
        }
        if (cox != null) {
            for (int i = 0; i < cox.factors().size(); i++) {
                if (!factorNames.contains(cox.factors().get(i))) {
                    error("$.cox.factors[" + i + "]", "'" + cox.factors().get(i) + "' is not a factor of the plan; fix: define it under "
                            + "factors (names: " + factorNames + ")");
                }
            }
            for (int i = 0; i < cox.endpoints().size(); i++) {
                if (!endpointNames.contains(cox.endpoints().get(i))) {
                    error("$.cox.endpoints[" + i + "]", "'" + cox.endpoints().get(i) + "' is not an endpoint of the plan; fix: use one of "
                            + endpointNames);
                }
            }
        }
        if (compareBy != null && !factorNames.contains(compareBy)) {
            error("$.compare_by", "'" + compareBy + "' is not a factor of the plan; fix: define it under factors (names: " + factorNames + ")");
        }
        needs(outputs, List.of(Output.SURVIVAL, Output.KM, Output.FOLLOWUP), !endpoints.isEmpty(), "endpoints");
        needs(outputs, List.of(Output.COX, Output.FOREST), cox != null, "a cox section");
        needs(outputs, List.of(Output.RESPONSE), response != null, "a response section");
        needs(outputs, List.of(Output.DESCRIBE, Output.NRS, Output.QLQ), !timePoints.isEmpty(), "time_points");
    }

    private void needs(List<Output> outputs, List<Output> those, boolean present, String what) {
        for (Output o : those) {
            if (outputs.contains(o) && !present) {
                error("$.outputs", "'" + o.name().toLowerCase(Locale.ROOT) + "' needs " + what + "; fix: add " + what
                        + " or drop the output");
            }
        }
    }

    private Endpoint endpoint(JsonNode n, String path) {
        keys(n, path, "name", "label", "origin", "events", "competing", "unit");
        String name = requiredName(n, path);
        List<Event> events = events(n, path, "events");
        if (events.isEmpty() && !n.has("events")) {
            error(path + ".events", "missing; fix: list the events that end the endpoint, some of " + names(Event.values()));
        }
        List<Event> competing = events(n, path, "competing");
        for (Event e : competing) {
            if (events.contains(e)) {
                error(path + ".competing", "'" + e.name().toLowerCase(Locale.ROOT) + "' is both an event and a competing event; fix: "
                        + "keep it in one list");
            }
        }
        Unit unit = choice(n, path, "unit", Map.of("patient", Unit.PATIENT, "lesion", Unit.LESION), Unit.PATIENT);
        if (unit == Unit.LESION) {
            for (Event e : events) {
                if (e == Event.PROGRESSION) {
                    error(path + ".events", "'progression' (overall RECIST PD) is a patient's, not a lesion's; fix: use local_progression"
                            + " (and death) for a lesion endpoint, or \"unit\": \"patient\"");
                }
            }
            if (competing.contains(Event.PROGRESSION) || competing.contains(Event.LOCAL_PROGRESSION)) {
                error(path + ".competing", "a lesion endpoint's only competing event is death; fix: \"competing\": [\"death\"] or none");
            }
        }
        return new Endpoint(name, text(n, path, "label", name), text(n, path, "origin", "implant"), events, competing, unit);
    }

    private List<Event> events(JsonNode n, String path, String key) {
        List<Event> out = new ArrayList<>();
        List<String> s = strings(n, path, key);
        for (int i = 0; i < s.size(); i++) {
            try {
                out.add(Event.valueOf(s.get(i).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                error(path + "." + key + "[" + i + "]", "unknown event '" + s.get(i) + "'; fix: use one of " + names(Event.values()));
            }
        }
        return out;
    }

    private FactorSpec factor(JsonNode n, String path) {
        keys(n, path, "name", "label", "variable", "aggregate", "cut", "recode", "pool", "reference", "continuous");
        String name = requiredName(n, path);
        String variable = text(n, path, "variable", name);
        String aggregate = n.has("aggregate") ? choice(n, path, "aggregate",
                Map.of("count", "count", "max", "max", "sum", "sum", "mean", "mean"), null) : null;
        List<Double> cuts = n.has("cut") && n.get("cut").isNumber() ? List.of(n.get("cut").asDouble()) : numbers(n, path, "cut");
        for (int i = 1; i < cuts.size(); i++) {
            if (cuts.get(i) <= cuts.get(i - 1)) {
                error(path + ".cut", "cut-points " + cuts + " are not increasing; fix: list them from low to high");
                break;
            }
        }
        Map<String, String> recode = new LinkedHashMap<>();
        if (n.has("recode")) {
            JsonNode r = n.get("recode");
            if (object(r, path + ".recode")) {
                r.fields().forEachRemaining(e -> {
                    if (e.getValue().isTextual()) {
                        recode.put(e.getKey(), e.getValue().asText());
                    } else {
                        error(path + ".recode." + e.getKey(), "value " + e.getValue() + " is not text; fix: give the new level name in quotes");
                    }
                });
            }
        }
        int poolBelow = 0;
        String poolInto = "Other";
        if (n.has("pool")) {
            JsonNode p = n.get("pool");
            if (object(p, path + ".pool")) {
                keys(p, path + ".pool", "below", "into");
                JsonNode b = p.get("below");
                if (b == null || !b.isInt() || b.asInt() < 1) {
                    error(path + ".pool.below", (b == null ? "missing" : "value " + b) + "; fix: give the smallest level size kept, "
                            + "a whole number ≥ 1 (levels with fewer patients are pooled)");
                } else {
                    poolBelow = b.asInt();
                }
                poolInto = text(p, path + ".pool", "into", "Other");
            }
        }
        boolean continuous = bool(n, path, "continuous", false);
        if (continuous && !cuts.isEmpty()) {
            error(path + ".continuous", "a factor with cut-points is not continuous; fix: drop \"continuous\" or the cut");
        }
        String reference = n.has("reference") && !n.get("reference").isTextual() ? null : text(n, path, "reference", null);
        if (n.has("reference") && !n.get("reference").isTextual()) {
            error(path + ".reference", "value " + n.get("reference") + " is not text; fix: write the level in quotes, e.g. \"no\"");
        }
        return new FactorSpec(name, text(n, path, "label", name), variable, aggregate, cuts, recode, poolBelow, poolInto, reference,
                continuous);
    }

    private TimePoint timePoint(JsonNode n, String path) {
        keys(n, path, "label", "at", "unit", "window_days");
        JsonNode at = n.get("at");
        double value = 0;
        if (at == null || !at.isNumber() || at.asDouble() < 0) {
            error(path + ".at", (at == null ? "missing" : "value " + at) + "; fix: give the time after the implant, a number ≥ 0");
        } else {
            value = at.asDouble();
        }
        double perUnit = choice(n, path, "unit", Map.of("days", 1.0, "weeks", 7.0, "months", DAYS_PER_MONTH), Double.NaN);
        if (!n.has("unit")) {
            error(path + ".unit", "missing; fix: write \"days\", \"weeks\" or \"months\"");
        }
        double days = value * (Double.isNaN(perUnit) ? 1 : perUnit);
        double window = Math.max(3, Math.round(0.15 * days));
        if (n.has("window_days")) {
            JsonNode w = n.get("window_days");
            if (!w.isNumber() || w.asDouble() < 0) {
                error(path + ".window_days", "value " + w + " is not a number ≥ 0; fix: give the days a visit may lie before or after");
            } else {
                window = w.asDouble();
            }
        }
        String unitName = n.has("unit") ? n.get("unit").asText() : "days";
        String label = text(n, path, "label", fmt(value) + " " + (value == 1 ? unitName.replaceAll("s$", "") : unitName));
        return new TimePoint(label, days, window);
    }

    private ResponseSpec response(JsonNode n, String path) {
        if (!object(n, path)) {
            return null;
        }
        keys(n, path, "criteria", "confirmation", "absolute_increase_rule", "carry_progression", "count", "denominator",
                "nodal_target_min_mm");
        Criterion c = choice(n, path, "criteria", Map.of("recist1.1", Criterion.RECIST_1_1, "mrecist", Criterion.MRECIST), Criterion.RECIST_1_1);
        ResponseRules rules = c == Criterion.MRECIST ? ResponseRules.mrecist() : ResponseRules.recist11();
        rules = rules.withConfirmation(bool(n, path, "confirmation", false))
                .withAbsoluteIncreaseRule(bool(n, path, "absolute_increase_rule", rules.absoluteIncreaseRule()));
        boolean carry = bool(n, path, "carry_progression", true);
        rules = new ResponseRules(rules.criterion(), rules.absoluteIncreaseRule(), rules.absoluteIncreaseMm(), rules.confirmation(),
                rules.confirmationDays(), rules.sdMinimumDays(), carry);
        boolean best = choice(n, path, "count", Map.of("best", true, "per_time_point", false), false);
        boolean all = choice(n, path, "denominator", Map.of("all", true, "evaluable", false), false);
        return new ResponseSpec(rules, best, all, number(n, path, "nodal_target_min_mm", 15, 10, 15));
    }

    private CoxSpec cox(JsonNode n) {
        String path = "$.cox";
        if (!object(n, path)) {
            return null;
        }
        keys(n, path, "factors", "entry_p", "endpoints");
        double entry = number(n, path, "entry_p", 0.10, 0, 1);
        return new CoxSpec(strings(n, path, "factors"), entry, strings(n, path, "endpoints"));
    }

    private TestRules tests(JsonNode n) {
        if (n == null) {
            return new TestRules(0.05, true, 5);
        }
        String path = "$.tests";
        if (!object(n, path)) {
            return new TestRules(0.05, true, 5);
        }
        keys(n, path, "alpha", "normality_check", "fisher_below_expected");
        return new TestRules(number(n, path, "alpha", 0.05, 0, 1), bool(n, path, "normality_check", true),
                number(n, path, "fisher_below_expected", 5, 0, 1000));
    }

    private String requiredName(JsonNode n, String path) {
        String name = text(n, path, "name", null);
        if (name == null) {
            error(path + ".name", "missing; fix: give a short name of letters, digits and _");
            return "unnamed";
        }
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            error(path + ".name", "'" + name + "' is not a plain name; fix: use letters, digits and _ (it becomes a column and file name)");
        }
        return name;
    }

    private void keys(JsonNode n, String path, String... known) {
        List<String> k = List.of(known);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!k.contains(f)) {
                error(path + "." + f, "unknown key; " + ColumnNames.unknown(f, k).replace("no column '" + f + "'; ", "")
                        .replace("use one of", "use one of the keys"));
            }
        }
    }

    private boolean object(JsonNode n, String path) {
        if (!n.isObject()) {
            error(path, "value " + n + " is not an object; fix: write { … }");
            return false;
        }
        return true;
    }

    private <T> List<T> list(JsonNode root, String path, String key, java.util.function.BiFunction<JsonNode, String, T> item) {
        JsonNode a = root.get(key);
        List<T> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        if (!a.isArray()) {
            error(path + "." + key, "not a list; fix: write [ … ]");
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            String p = path + "." + key + "[" + i + "]";
            if (object(a.get(i), p)) {
                out.add(item.apply(a.get(i), p));
            }
        }
        return out;
    }

    private List<String> strings(JsonNode n, String path, String key) {
        JsonNode a = n.get(key);
        List<String> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        if (!a.isArray()) {
            error(path + "." + key, "not a list; fix: write [\"a\", \"b\"]");
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).isTextual()) {
                out.add(a.get(i).asText());
            } else {
                error(path + "." + key + "[" + i + "]", "value " + a.get(i) + " is not text; fix: write it in quotes");
            }
        }
        return out;
    }

    private List<Double> numbers(JsonNode n, String path, String key) {
        JsonNode a = n.get(key);
        List<Double> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        if (!a.isArray()) {
            error(path + "." + key, "value " + a + " is neither a number nor a list of numbers; fix: write 400 or [100, 400]");
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).isNumber()) {
                out.add(a.get(i).asDouble());
            } else {
                error(path + "." + key + "[" + i + "]", "value " + a.get(i) + " is not a number; fix: write a number without quotes");
            }
        }
        return out;
    }

    private String text(JsonNode n, String path, String key, String orElse) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            return orElse;
        }
        if (!v.isTextual()) {
            error(path + "." + key, "value " + v + " is not text; fix: write it in quotes");
            return orElse;
        }
        return v.asText();
    }

    private boolean bool(JsonNode n, String path, String key, boolean orElse) {
        JsonNode v = n.get(key);
        if (v == null) {
            return orElse;
        }
        if (!v.isBoolean()) {
            error(path + "." + key, "value " + v + " is not true or false; fix: write true or false without quotes");
            return orElse;
        }
        return v.asBoolean();
    }

    private double number(JsonNode n, String path, String key, double orElse, double min, double max) {
        JsonNode v = n.get(key);
        if (v == null) {
            return orElse;
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            error(path + "." + key, "value " + v + " is not a number " + fmt(min) + "–" + fmt(max) + "; fix: correct it");
            return orElse;
        }
        return v.asDouble();
    }

    private <T> T choice(JsonNode n, String path, String key, Map<String, T> options, T orElse) {
        JsonNode v = n.get(key);
        if (v == null) {
            return orElse;
        }
        T t = v.isTextual() ? options.get(v.asText().toLowerCase(Locale.ROOT)) : null;
        if (t == null) {
            error(path + "." + key, "value " + v + " is not one of " + new java.util.TreeSet<>(options.keySet()) + "; fix: use one of these");
            return orElse;
        }
        return t;
    }

    private void error(String path, String message) {
        errors.add(path + ": " + message);
    }

    private static <E extends Enum<E>> List<String> names(E[] values) {
        Function<E, String> f = e -> e.name().toLowerCase(Locale.ROOT);
        return java.util.Arrays.stream(values).map(f).toList();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
