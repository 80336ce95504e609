package org.seedplan.outcomes.plan;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.seedplan.outcomes.io.CohortFormat;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.outcomes.plan.AnalysisPlan.Endpoint;
import org.seedplan.outcomes.plan.AnalysisPlan.Event;
import org.seedplan.outcomes.plan.AnalysisPlan.FactorSpec;
import org.seedplan.outcomes.registry.Dosimetry;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.registry.Sex;
import org.seedplan.outcomes.response.Response;
import org.seedplan.outcomes.response.ResponseAssessment;
import org.seedplan.outcomes.response.ResponseRules;
import org.seedplan.outcomes.response.TimePointResponse;
import org.seedplan.stats.data.ColumnNames;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.Levels;

/**
 * The analysis dataset a plan runs on: one row per patient with every patient variable (built-in and the
 * study's own), the baseline-visit value of every visit variable, lesion variables aggregated as the plan
 * says, the plan's endpoints ({@code NAME_days}, {@code NAME_event}) and its factors; and one row per baseline lesion
 * with the lesion's variables, its patient's, and the lesion-unit endpoints (local control per lesion: the lesions
 * table's {@code local_progression_date}, censored at the patient's last imaging visit). Every problem (unknown
 * variable, non-numeric value under a cut, missing reference level …) is collected and reported at once with
 * the plan path it comes from.
 *
 * @param patients one row per patient
 * @param lesions  one row per baseline lesion (lesion columns, then the patient's), or empty without lesions
 * @param notes    what the derivation did (pooled levels, patients without a time origin …), for the report
 */
public record PlanDataset(DataTable patients, DataTable lesions, List<String> notes) {

    /** The lesions-table column with the date of a lesion's local progression (empty when none), for lesion endpoints. */
    public static final String LESION_PROGRESSION_DATE = "local_progression_date";

    /** The table an endpoint's rows are in: the lesions for a lesion endpoint, else the patients. */
    public DataTable rowsOf(AnalysisPlan.Endpoint e) {
        return e.unit() == AnalysisPlan.Unit.LESION ? lesions : patients;
    }

    /** Builds the dataset of {@code plan} on {@code data}. */
    public static PlanDataset build(AnalysisPlan plan, ImportedCohort data) {
        return new Builder(plan, data).build();
    }

    /** Collects the columns; every problem is listed before anything is thrown. */
    private static final class Builder {
        private final AnalysisPlan plan;
        private final ImportedCohort data;
        private final List<Patient> ps;
        private final Map<String, String[]> cols = new LinkedHashMap<>();
        private final Map<String, String[]> lesionCols = new LinkedHashMap<>();
        private final List<String> errors = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String[]> lesionKeys = new ArrayList<>(); // patient id, lesion id

        Builder(AnalysisPlan plan, ImportedCohort data) {
            this.plan = plan;
            this.data = data;
            this.ps = data.cohort().patients();
        }

        PlanDataset build() {
            if (ps.isEmpty()) {
                throw new IllegalArgumentException(data.source() + ": the patients table has no rows; fix: add patients");
            }
            patientColumns();
            visitColumns();
            lesionRows();
            for (int i = 0; i < plan.endpoints().size(); i++) {
                Endpoint e = plan.endpoints().get(i);
                if (e.unit() == AnalysisPlan.Unit.LESION) {
                    lesionEndpoint(e, "$.endpoints[" + i + "]");
                } else {
                    endpoint(e, "$.endpoints[" + i + "]");
                }
            }
            for (int i = 0; i < plan.factors().size(); i++) {
                factor(plan.factors().get(i), "$.factors[" + i + "]");
            }
            checkNamed(plan.baseline(), "$.baseline", plan.unit() == AnalysisPlan.Unit.LESION);
            checkVisitVariables();
            if (!errors.isEmpty()) {
                throw new IllegalArgumentException(errors.size() == 1 ? "plan on " + data.source() + ": " + errors.get(0)
                        : "plan on " + data.source() + ": " + errors.size() + " errors:\n  " + String.join("\n  ", errors));
            }
            DataTable patients = table("analysis dataset", cols);
            Map<String, String[]> lc = new LinkedHashMap<>(lesionCols);
            Map<String, Integer> rowOf = new HashMap<>();
            for (int i = 0; i < ps.size(); i++) {
                rowOf.put(ps.get(i).id(), i);
            }
            cols.forEach((name, values) -> {
                if (!lc.containsKey(name)) {
                    String[] v = new String[lesionKeys.size()];
                    for (int r = 0; r < v.length; r++) {
                        v[r] = values[rowOf.get(lesionKeys.get(r)[0])];
                    }
                    lc.put(name, v);
                }
            });
            return new PlanDataset(patients, table("lesion dataset", lc), List.copyOf(notes));
        }

        private static DataTable table(String source, Map<String, String[]> columns) {
            int n = columns.isEmpty() ? 0 : columns.values().iterator().next().length;
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i + 2;
            }
            return new DataTable(source, new ArrayList<>(columns.keySet()), columns.values().toArray(String[][]::new), rows);
        }

        private void put(String name, Function<Patient, String> f) {
            cols.put(name, ps.stream().map(f).toArray(String[]::new));
        }

        private void patientColumns() {
            put("patient_id", Patient::id);
            put("age_years", p -> num(p.ageYears()));
            put("sex", p -> p.sex() == null ? null : p.sex() == Sex.MALE ? "M" : "F");
            put("tumour_type", Patient::tumourType);
            put("stage", Patient::stage);
            put("ecog", p -> num(p.ecog()));
            put("kps", p -> num(p.kps()));
            put("child_pugh", Patient::childPugh);
            put("tumour_marker", p -> num(p.tumourMarker()));
            put("prior_treatment", p -> p.priorTreatments().isEmpty() ? "no" : "yes");
            put("hyperthermia", p -> p.hyperthermia() == null ? null : p.hyperthermia() ? "yes" : "no");
            put("seed_activity_mci", p -> num(p.implant().seedActivityMCi()));
            for (String prefix : List.of("pre_", "post_")) {
                Function<Patient, Dosimetry> d = prefix.equals("pre_") ? p -> p.implant().prePlan() : p -> p.implant().postPlan();
                put(prefix + "d90_gy", p -> num(d.apply(p).d90Gy()));
                put(prefix + "d100_gy", p -> num(d.apply(p).d100Gy()));
                put(prefix + "v100_pct", p -> num(d.apply(p).v100Pct()));
                put(prefix + "v150_pct", p -> num(d.apply(p).v150Pct()));
                put(prefix + "hi", p -> num(d.apply(p).homogeneityIndex()));
                put(prefix + "seeds", p -> num(d.apply(p).seedCount()));
                put(prefix + "ptv_cc", p -> num(d.apply(p).ptvCc()));
            }
            put("ptv_cc", p -> num(p.implant().prePlan().ptvCc() != null ? p.implant().prePlan().ptvCc() : p.implant().postPlan().ptvCc()));
            put("lesion_count", p -> Integer.toString(p.lesions().size()));
            put("target_lesion_count", p -> Long.toString(p.lesions().stream().filter(Lesion::target).count()));
            DataTable t = data.tables().get(CohortFormat.PATIENTS);
            if (t != null) {
                Map<String, Integer> row = keyRows(t, r -> t.cell(r, "patient_id"));
                for (String c : extra(t, CohortFormat.PATIENT_COLUMNS)) {
                    put(c, p -> row.containsKey(p.id()) ? t.cell(row.get(p.id()), c) : null);
                }
            }
        }

        /** Baseline-visit values: NRS, and every study variable of the followups table. */
        private void visitColumns() {
            put("nrs_pain", p -> p.baselineVisit().map(f -> num(f.nrsPain())).orElse(null));
            DataTable t = data.tables().get(CohortFormat.FOLLOWUPS);
            if (t == null) {
                return;
            }
            Map<String, Integer> row = keyRows(t, r -> t.cell(r, "patient_id") + "\u0000" + date(t.cell(r, "date")));
            for (String c : extra(t, CohortFormat.FOLLOWUP_COLUMNS)) {
                if (!cols.containsKey(c)) {
                    put(c, p -> p.baselineVisit().map(f -> row.get(p.id() + "\u0000" + f.date())).map(r -> t.cell(r, c)).orElse(null));
                }
            }
        }

        private void lesionRows() {
            DataTable t = data.tables().get(CohortFormat.LESIONS);
            Map<String, Integer> row = t == null ? Map.of() : keyRows(t, r -> t.cell(r, "patient_id") + "\u0000" + t.cell(r, "lesion_id"));
            List<String> extras = t == null ? List.of() : extra(t, CohortFormat.LESION_COLUMNS);
            List<List<String>> values = new ArrayList<>();
            List<String> names = new ArrayList<>(List.of("patient_id", "lesion_id", "organ", "nodal", "target", "baseline_diameter_mm",
                    "baseline_viable_mm"));
            names.addAll(extras);
            for (Patient p : ps) {
                for (Lesion l : p.lesions()) {
                    lesionKeys.add(new String[] {p.id(), l.id()});
                    List<String> v = new ArrayList<>(List.of(p.id(), l.id()));
                    v.add(l.organ());
                    v.add(l.nodal() ? "yes" : "no");
                    v.add(l.target() ? "yes" : "no");
                    v.add(num(l.baselineDiameterMm()));
                    v.add(num(l.baselineViableDiameterMm()));
                    Integer r = row.get(p.id() + "\u0000" + l.id());
                    for (String c : extras) {
                        v.add(r == null ? null : t.cell(r, c));
                    }
                    values.add(v);
                }
            }
            for (int c = 0; c < names.size(); c++) {
                String[] col = new String[values.size()];
                for (int r = 0; r < col.length; r++) {
                    col[r] = values.get(r).get(c);
                }
                lesionCols.put(names.get(c), col);
            }
        }

        private void endpoint(Endpoint e, String path) {
            String[] days = new String[ps.size()];
            String[] event = new String[ps.size()];
            String[] status = new String[ps.size()];
            int noOrigin = 0;
            ResponseAssessment recist = new ResponseAssessment(ResponseRules.recist11());
            Set<Event> needed = new LinkedHashSet<>(e.events());
            needed.addAll(e.competing());
            for (int i = 0; i < ps.size(); i++) {
                Patient p = ps.get(i);
                LocalDate origin = origin(p, e.origin(), path);
                if (origin == null) {
                    noOrigin++;
                    continue;
                }
                LocalDate last = p.implant().date();
                for (FollowUp f : p.followUps()) {
                    last = f.date().isAfter(last) ? f.date() : last;
                }
                Map<Event, LocalDate> when = new HashMap<>();
                for (FollowUp f : p.visitsAfterImplant()) {
                    if (f.died()) {
                        when.putIfAbsent(Event.DEATH, f.date());
                    }
                    if (f.localProgression()) {
                        when.putIfAbsent(Event.LOCAL_PROGRESSION, f.date());
                    }
                }
                if (needed.contains(Event.PROGRESSION)) {
                    LocalDate pd = null;
                    if (recist.applicable(p)) {
                        for (TimePointResponse tp : recist.assess(p)) {
                            if (tp.overall() == Response.PD && !tp.carried()) {
                                pd = tp.date();
                                break;
                            }
                        }
                    }
                    LocalDate lp = when.get(Event.LOCAL_PROGRESSION);
                    LocalDate first = pd == null ? lp : lp == null || pd.isBefore(lp) ? pd : lp;
                    if (first != null) {
                        when.put(Event.PROGRESSION, first);
                    }
                }
                LocalDate ev = earliest(when, e.events());
                LocalDate comp = earliest(when, e.competing());
                LocalDate end;
                boolean happened;
                if (ev != null && (comp == null || !ev.isAfter(comp))) {
                    end = ev;
                    happened = true;
                } else {
                    end = comp != null ? comp : last;
                    happened = false;
                }
                long d = end.toEpochDay() - origin.toEpochDay();
                if (d < 0) {
                    errors.add(path + ".origin: patient " + p.id() + "'s " + e.origin() + " " + origin + " is after the end of follow-up "
                            + end + "; fix: correct the date or choose another origin");
                    continue;
                }
                days[i] = Long.toString(d);
                event[i] = happened ? "1" : "0";
                status[i] = happened ? "1" : comp != null && end.equals(comp) ? "2" : "0";
            }
            if (noOrigin > 0) {
                notes.add(e.label() + ": " + noOrigin + " patient(s) without a " + e.origin() + " date are left out.");
            }
            cols.put(e.name() + "_days", days);
            cols.put(e.name() + "_event", event);
            if (!e.competing().isEmpty()) {
                cols.put(e.name() + "_status", status);
            }
        }

        /**
         * Local control per lesion: from the lesion's origin to its local progression (the lesions table's
         * {@value #LESION_PROGRESSION_DATE}) or death as the endpoint lists them; a competing death ends follow-up as a
         * censoring (status 2); otherwise censored at the patient's last imaging visit (a lesion's progression can only be
         * seen on imaging).
         */
        private void lesionEndpoint(Endpoint e, String path) {
            int n = lesionKeys.size();
            String[] days = new String[n];
            String[] event = new String[n];
            String[] status = new String[n];
            String[] progression = lesionCols.get(LESION_PROGRESSION_DATE);
            if (progression == null && e.events().contains(Event.LOCAL_PROGRESSION)) {
                errors.add(path + ".unit: a lesion endpoint needs the lesions table's column '" + LESION_PROGRESSION_DATE + "' (the date the"
                        + " lesion's local progression was diagnosed, empty when none); fix: add it to the lesions table (a lesion study"
                        + " variable of type date)");
                return;
            }
            Map<String, Patient> byId = new HashMap<>();
            ps.forEach(p -> byId.put(p.id(), p));
            int noOrigin = 0;
            for (int r = 0; r < n; r++) {
                Patient p = byId.get(lesionKeys.get(r)[0]);
                String lesion = "lesion " + lesionKeys.get(r)[1] + " of patient " + p.id();
                LocalDate origin = lesionCols.containsKey(e.origin()) ? lesionDate(r, e.origin(), path + ".origin", lesion)
                        : origin(p, e.origin(), path);
                if (origin == null) {
                    noOrigin++;
                    continue;
                }
                LocalDate lastImaging = origin;
                LocalDate death = null;
                for (FollowUp f : p.visitsAfterImplant()) {
                    if (f.imaged() && f.date().isAfter(lastImaging)) {
                        lastImaging = f.date();
                    }
                    if (f.died() && death == null) {
                        death = f.date();
                    }
                }
                Map<Event, LocalDate> when = new HashMap<>();
                LocalDate lp = progression == null ? null : lesionDate(r, LESION_PROGRESSION_DATE, path + ".events", lesion);
                if (lp != null) {
                    if (lp.isBefore(origin) || (death != null && lp.isAfter(death))) {
                        errors.add(path + ".events: " + lesion + " has " + LESION_PROGRESSION_DATE + " " + lp + ", " + (lp.isBefore(origin)
                                ? "before its " + e.origin() + " " + origin : "after the patient's death " + death)
                                + "; fix: correct the date in the lesions table");
                        continue;
                    }
                    when.put(Event.LOCAL_PROGRESSION, lp);
                }
                if (death != null) {
                    when.put(Event.DEATH, death);
                }
                LocalDate ev = earliest(when, e.events());
                LocalDate comp = earliest(when, e.competing());
                LocalDate end;
                boolean happened = ev != null && (comp == null || !ev.isAfter(comp));
                if (happened) {
                    end = ev;
                } else {
                    end = comp != null ? comp : lastImaging;
                }
                days[r] = Long.toString(end.toEpochDay() - origin.toEpochDay());
                event[r] = happened ? "1" : "0";
                status[r] = happened ? "1" : comp != null && end.equals(comp) ? "2" : "0";
            }
            if (noOrigin > 0) {
                notes.add(e.label() + ": " + noOrigin + " lesion(s) without a " + e.origin() + " date are left out.");
            }
            lesionCols.put(e.name() + "_days", days);
            lesionCols.put(e.name() + "_event", event);
            if (!e.competing().isEmpty()) {
                lesionCols.put(e.name() + "_status", status);
            }
        }

        private LocalDate lesionDate(int row, String column, String path, String lesion) {
            String s = lesionCols.get(column)[row];
            if (s == null) {
                return null;
            }
            try {
                return LocalDate.parse(date(s));
            } catch (DateTimeParseException ex) {
                errors.add(path + ": " + lesion + " has " + column + " '" + s + "', not a date; fix: write yyyy-MM-dd");
                return null;
            }
        }

        private LocalDate origin(Patient p, String origin, String path) {
            if (origin.equals("implant")) {
                return p.implant().date();
            }
            String[] v = cols.get(origin);
            if (v == null) {
                if (!errors.contains(path + ".origin: " + ColumnNames.unknown(origin, cols.keySet()))) {
                    errors.add(path + ".origin: " + ColumnNames.unknown(origin, cols.keySet()).replace("fix: use one of",
                            "fix: write \"implant\" or one of the patient date variables among"));
                }
                return null;
            }
            String s = v[ps.indexOf(p)];
            if (s == null) {
                return null;
            }
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException ex) {
                errors.add(path + ".origin: patient " + p.id() + "'s " + origin + " '" + s + "' is not a date; fix: write yyyy-MM-dd");
                return null;
            }
        }

        private static LocalDate earliest(Map<Event, LocalDate> when, List<Event> events) {
            LocalDate out = null;
            for (Event e : events) {
                LocalDate d = when.get(e);
                if (d != null && (out == null || d.isBefore(out))) {
                    out = d;
                }
            }
            return out;
        }

        private void factor(FactorSpec f, String path) {
            String[] raw = source(f, path);
            if (raw == null) {
                return;
            }
            boolean lesionLevel = raw.length != ps.size() || (f.aggregate() == null && !cols.containsKey(f.variable())
                    && lesionCols.containsKey(f.variable()));
            String[] values = new String[raw.length];
            for (int i = 0; i < raw.length; i++) {
                String v = raw[i] == null ? null : f.recode().getOrDefault(raw[i], raw[i]);
                if (v != null && (!f.cuts().isEmpty() || f.continuous())) {
                    double x;
                    try {
                        x = Double.parseDouble(v);
                    } catch (NumberFormatException ex) {
                        errors.add(path + ".variable: " + (lesionLevel ? "lesion " + lesionKeys.get(i)[1] + " of patient " + lesionKeys.get(i)[0]
                                : "patient " + ps.get(i).id()) + " has " + f.variable() + " = '" + v + "', not a number; fix: correct the value,"
                                + " or drop the cut" + (f.continuous() ? "/continuous" : "") + " to use it as categories");
                        continue;
                    }
                    v = f.continuous() ? v : level(x, f.cuts());
                }
                values[i] = v;
            }
            if (f.poolBelow() > 0 && !f.continuous()) {
                Map<String, Integer> counts = new HashMap<>();
                for (String v : values) {
                    if (v != null) {
                        counts.merge(v, 1, Integer::sum);
                    }
                }
                List<String> pooled = new ArrayList<>();
                for (String l : Levels.sorted(counts.keySet())) {
                    if (counts.get(l) < f.poolBelow() && !l.equals(f.reference())) {
                        pooled.add(l);
                    }
                }
                if (pooled.size() > 0) {
                    for (int i = 0; i < values.length; i++) {
                        if (values[i] != null && pooled.contains(values[i])) {
                            values[i] = f.poolInto();
                        }
                    }
                    notes.add(f.label() + ": levels with fewer than " + f.poolBelow() + " " + (lesionLevel ? "lesions" : "patients")
                            + " pooled into '" + f.poolInto() + "': " + String.join(", ", pooled) + ".");
                }
            }
            if (f.reference() != null && !f.continuous()) {
                Set<String> levels = new LinkedHashSet<>();
                for (String v : values) {
                    if (v != null) {
                        levels.add(v);
                    }
                }
                if (!levels.contains(f.reference())) {
                    errors.add(path + ".reference: '" + f.reference() + "' is not a level of " + f.name() + "; fix: use one of "
                            + Levels.sorted(levels));
                }
            }
            (lesionLevel ? lesionCols : cols).put(f.name(), values);
        }

        /** The raw values of a factor's variable: per patient, or per lesion for an unaggregated lesion variable. */
        private String[] source(FactorSpec f, String path) {
            String v = f.variable();
            if (f.aggregate() != null) {
                String[] lv = lesionCols.get(v);
                if (lv == null) {
                    errors.add(path + ".variable: " + ColumnNames.unknown(v, lesionCols.keySet()).replace("no column", "no lesion variable"));
                    return null;
                }
                String[] out = new String[ps.size()];
                for (int i = 0; i < ps.size(); i++) {
                    List<Double> xs = new ArrayList<>();
                    int count = 0;
                    for (int r = 0; r < lesionKeys.size(); r++) {
                        if (lesionKeys.get(r)[0].equals(ps.get(i).id()) && lv[r] != null) {
                            String s = lv[r].toLowerCase(Locale.ROOT);
                            if (!s.equals("no") && !s.equals("0") && !s.equals("false") && !s.equals("n")) {
                                count++;
                            }
                            try {
                                xs.add(Double.parseDouble(lv[r]));
                            } catch (NumberFormatException ex) {
                                if (!f.aggregate().equals("count")) {
                                    errors.add(path + ".aggregate: lesion " + lesionKeys.get(r)[1] + " of patient " + ps.get(i).id() + " has "
                                            + v + " = '" + lv[r] + "', not a number; fix: use \"count\" or correct the value");
                                }
                            }
                        }
                    }
                    out[i] = switch (f.aggregate()) {
                        case "count" -> Integer.toString(count);
                        case "max" -> xs.isEmpty() ? null : num(xs.stream().mapToDouble(Double::doubleValue).max().getAsDouble());
                        case "sum" -> num(xs.stream().mapToDouble(Double::doubleValue).sum());
                        default -> xs.isEmpty() ? null : num(xs.stream().mapToDouble(Double::doubleValue).average().getAsDouble());
                    };
                }
                return out;
            }
            if (cols.containsKey(v)) {
                return cols.get(v);
            }
            if (lesionCols.containsKey(v)) {
                boolean lesionEndpoints = plan.endpoints().stream().anyMatch(x -> x.unit() == AnalysisPlan.Unit.LESION);
                if (lesionEndpoints || plan.unit() == AnalysisPlan.Unit.LESION && !plan.survivalBy().contains(f.name())
                        && (plan.cox() == null || !plan.cox().factors().contains(f.name()))) {
                    return lesionCols.get(v);
                }
                errors.add(path + ".variable: '" + v + "' is a lesion variable; fix: add \"aggregate\": \"count\", \"max\", \"sum\" or "
                        + "\"mean\" to make one value per patient, or add an endpoint with \"unit\": \"lesion\" (survival and Cox"
                        + " factors of patient endpoints are per patient)");
                return null;
            }
            Set<String> all = new LinkedHashSet<>(cols.keySet());
            all.addAll(lesionCols.keySet());
            errors.add(path + ".variable: " + ColumnNames.unknown(v, all));
            return null;
        }

        private void checkNamed(List<String> names, String path, boolean lesionUnit) {
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (!cols.containsKey(n) && !(lesionUnit && lesionCols.containsKey(n))) {
                    Set<String> all = new LinkedHashSet<>(cols.keySet());
                    if (lesionUnit) {
                        all.addAll(lesionCols.keySet());
                    }
                    errors.add(path + "[" + i + "]: " + ColumnNames.unknown(n, all));
                }
            }
        }

        private void checkVisitVariables() {
            Set<String> visit = new LinkedHashSet<>(List.of("nrs_pain"));
            DataTable t = data.tables().get(CohortFormat.FOLLOWUPS);
            if (t != null) {
                visit.addAll(extra(t, CohortFormat.FOLLOWUP_COLUMNS));
            }
            for (int i = 0; i < plan.describe().size(); i++) {
                String n = plan.describe().get(i);
                if (!visit.contains(n)) {
                    errors.add("$.describe[" + i + "]: " + ColumnNames.unknown(n, visit).replace("no column", "no visit variable"));
                }
            }
        }

        private static String level(double x, List<Double> cuts) {
            int k = 0;
            while (k < cuts.size() && x >= cuts.get(k)) {
                k++;
            }
            if (k == 0) {
                return "< " + num(cuts.get(0));
            }
            if (k == cuts.size()) {
                return "≥ " + num(cuts.get(k - 1));
            }
            return num(cuts.get(k - 1)) + " to < " + num(cuts.get(k));
        }

        private static List<String> extra(DataTable t, List<String> known) {
            return t.columnNames().stream().filter(c -> !known.contains(c)).toList();
        }

        private static Map<String, Integer> keyRows(DataTable t, Function<Integer, String> key) {
            Map<String, Integer> out = new HashMap<>();
            for (int r = 0; r < t.rowCount(); r++) {
                out.put(key.apply(r), r);
            }
            return out;
        }

        private static String date(String s) {
            return s == null ? null : s.length() > 10 ? s.substring(0, 10) : s;
        }
    }

    /** A number as text without a needless ".0"; null stays null. */
    static String num(Number n) {
        if (n == null) {
            return null;
        }
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
