package org.seedplan.outcomes.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.seedplan.outcomes.registry.AdverseEvent;
import org.seedplan.outcomes.registry.AdverseEventScale;
import org.seedplan.outcomes.registry.Cohort;
import org.seedplan.outcomes.registry.Dosimetry;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.outcomes.registry.Implant;
import org.seedplan.outcomes.registry.Lesion;
import org.seedplan.outcomes.registry.LesionMeasurement;
import org.seedplan.outcomes.registry.NonTargetStatus;
import org.seedplan.outcomes.registry.Patient;
import org.seedplan.outcomes.registry.Sex;
import org.seedplan.outcomes.registry.TemperatureSample;
import org.seedplan.stats.data.DataTable;
import org.seedplan.stats.data.DataTableReader;

/**
 * Reads a cohort in the {@link CohortFormat} from a folder of CSV/.xlsx files or from one .xlsx workbook
 * (one sheet per table), through the statistics module's {@link DataTableReader}.
 *
 * <p>Everything is validated before anything is returned, so a cohort is either read whole or not at all:
 * a bad cell throws an {@link IllegalArgumentException} naming the file (and sheet), row, column and value
 * and how to fix it. Checks: required columns and values, numbers and their ranges, whole numbers, dates,
 * yes/no and category values, unique patient/lesion/visit keys, references to known patients and lesions,
 * measurements on a follow-up date, RECIST 1.1 target choice (≤ 5 targets, ≤ 2 per organ, non-nodal
 * targets ≥ 10 mm, nodal targets short axis ≥ 15 mm). Every error of the import is reported at once
 * (one line each). A column the format lacks is kept as a study variable (in {@link ImportedCohort#tables()}),
 * unless it is one or two letters away from a known column that the table lacks: then it is reported as
 * misspelt, never silently dropped.
 */
public final class CohortImport {

    private CohortImport() {
    }

    /** RECIST 1.1's smallest short axis of a target lymph node, mm. */
    public static final double RECIST_NODAL_TARGET_MM = 15;

    /** Reads the cohort at {@code path}: a folder of table files or one .xlsx workbook; target nodes need RECIST's 15 mm. */
    public static ImportedCohort read(Path path) {
        return read(path, RECIST_NODAL_TARGET_MM);
    }

    /**
     * Reads the cohort at {@code path}, accepting target lymph nodes from {@code nodalTargetMinMm} short axis (a study
     * that, unlike RECIST 1.1, takes nodes of 10–15 mm as targets says so in its analysis plan).
     */
    public static ImportedCohort read(Path path, double nodalTargetMinMm) {
        Map<String, DataTable> tables = new HashMap<>();
        for (String name : List.of(CohortFormat.PATIENTS, CohortFormat.LESIONS, CohortFormat.FOLLOWUPS,
                CohortFormat.MEASUREMENTS, CohortFormat.ADVERSE_EVENTS, CohortFormat.HYPERTHERMIA)) {
            table(path, name).ifPresent(t -> tables.put(name, t));
        }
        for (String required : List.of(CohortFormat.PATIENTS, CohortFormat.FOLLOWUPS)) {
            if (!tables.containsKey(required)) {
                throw new IllegalArgumentException(path + ": no '" + required + "' table; fix: add "
                        + (Files.isDirectory(path) ? required + ".csv or " + required + ".xlsx to the folder" : "a sheet named '" + required + "'"));
            }
        }
        return build(tables, path.toString(), nodalTargetMinMm);
    }

    /** The known columns of each table, for the misspelling check. */
    private static final Map<String, List<String>> KNOWN = Map.of(CohortFormat.PATIENTS, CohortFormat.PATIENT_COLUMNS,
            CohortFormat.LESIONS, CohortFormat.LESION_COLUMNS, CohortFormat.FOLLOWUPS, CohortFormat.FOLLOWUP_COLUMNS,
            CohortFormat.MEASUREMENTS, CohortFormat.MEASUREMENT_COLUMNS, CohortFormat.ADVERSE_EVENTS, CohortFormat.ADVERSE_EVENT_COLUMNS,
            CohortFormat.HYPERTHERMIA, CohortFormat.HYPERTHERMIA_COLUMNS);

    /** Reports columns that look like misspelt known columns of the table (edit distance ≤ 2 to a known column it lacks). */
    private static void misspelt(String name, DataTable t, Problems problems) {
        List<String> known = KNOWN.get(name);
        for (String c : t.columnNames()) {
            if (known.contains(c)) {
                continue;
            }
            for (String k : known) {
                if (!t.hasColumn(k) && org.seedplan.stats.data.ColumnNames.distance(c.toLowerCase(Locale.ROOT), k) <= 2) {
                    problems.add(t.source() + ": column '" + c + "' is not a column of the " + name + " table; did you mean '" + k
                            + "'? fix: rename it to '" + k + "', or give the study variable a name further from it");
                    break;
                }
            }
        }
    }

    /** Reads a hyperthermia log on its own: a CSV or .xlsx file (sheet 'hyperthermia' if present, else the first). */
    public static List<HyperthermiaSession> readHyperthermiaLog(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; fix: give the hyperthermia log file (CSV or .xlsx)");
        }
        DataTable t = isWorkbook(file) && sheetNames(file).contains(CohortFormat.HYPERTHERMIA)
                ? DataTableReader.read(file, CohortFormat.HYPERTHERMIA) : DataTableReader.read(file);
        Problems problems = new Problems();
        misspelt(CohortFormat.HYPERTHERMIA, t, problems);
        List<HyperthermiaSession> sessions = problems.table(() -> hyperthermia(t, problems), List.of());
        problems.throwIfAny(file.toString());
        return sessions;
    }

    private static Optional<DataTable> table(Path path, String name) {
        if (Files.isDirectory(path)) {
            for (String ext : List.of(".csv", ".xlsx", ".tsv", ".txt")) {
                Path f = path.resolve(name + ext);
                if (Files.isRegularFile(f)) {
                    return Optional.of(DataTableReader.read(f));
                }
            }
            return Optional.empty();
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": no such file or folder; fix: check the path");
        }
        if (!isWorkbook(path)) {
            throw new IllegalArgumentException(path + ": a single cohort file must be an .xlsx workbook with one sheet per table; "
                    + "fix: give the workbook, or a folder of CSV files");
        }
        return sheetNames(path).contains(name) ? Optional.of(DataTableReader.read(path, name)) : Optional.empty();
    }

    private static boolean isWorkbook(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".xlsx") || n.endsWith(".xlsm");
    }

    private static List<String> sheetNames(Path workbook) {
        return DataTableReader.sheetNames(workbook);
    }

    private static ImportedCohort build(Map<String, DataTable> tables, String source, double nodalTargetMinMm) {
        Problems problems = new Problems();
        tables.forEach((name, t) -> misspelt(name, t, problems));
        Map<String, PatientDraft> patients = problems.table(() -> patients(tables.get(CohortFormat.PATIENTS), problems), new LinkedHashMap<>());
        if (tables.containsKey(CohortFormat.LESIONS)) {
            problems.table(() -> lesions(tables.get(CohortFormat.LESIONS), patients, problems, nodalTargetMinMm));
        }
        problems.table(() -> followUps(tables.get(CohortFormat.FOLLOWUPS), patients, problems));
        if (tables.containsKey(CohortFormat.MEASUREMENTS)) {
            problems.table(() -> measurements(tables.get(CohortFormat.MEASUREMENTS), patients, problems));
        }
        if (tables.containsKey(CohortFormat.ADVERSE_EVENTS)) {
            problems.table(() -> adverseEvents(tables.get(CohortFormat.ADVERSE_EVENTS), patients, problems));
        }
        List<HyperthermiaSession> sessions = tables.containsKey(CohortFormat.HYPERTHERMIA)
                ? problems.table(() -> hyperthermia(tables.get(CohortFormat.HYPERTHERMIA), problems), List.of()) : List.of();
        for (HyperthermiaSession s : sessions) {
            if (!patients.containsKey(s.patientId())) {
                problems.add(tables.get(CohortFormat.HYPERTHERMIA).source() + ": patient '" + s.patientId()
                        + "' is not in the patients table; fix: add the patient or correct the patient_id");
            }
        }
        problems.throwIfAny(source);
        List<Patient> list = new ArrayList<>();
        for (PatientDraft d : patients.values()) {
            list.add(d.build());
        }
        return new ImportedCohort(new Cohort(list), sessions, source, tables);
    }

    private static String fmtMm(double mm) {
        return mm == Math.rint(mm) ? Long.toString((long) mm) : Double.toString(mm);
    }

    /** Thrown for a row that refers to a patient whose own row was wrong (already reported): the row is skipped silently. */
    private static final class SkipRow extends RuntimeException {
        SkipRow() {
            super(null, null, false, false);
        }
    }

    /** Collects the errors of an import so that all are reported at once. */
    private static final class Problems {
        private static final int MAX_LISTED = 200;
        private final java.util.Set<String> messages = new java.util.LinkedHashSet<>();

        void add(String message) {
            messages.add(message);
        }

        /** Runs the checks of one row; a bad row is reported and skipped. */
        void row(Runnable checks) {
            try {
                checks.run();
            } catch (SkipRow s) {
                // the patient's own row was reported
            } catch (IllegalArgumentException e) {
                messages.add(e.getMessage());
            }
        }

        /** Reads one table; an error that stops the whole table (a required column missing) is reported. */
        void table(Runnable read) {
            table(() -> {
                read.run();
                return null;
            }, null);
        }

        <T> T table(java.util.function.Supplier<T> read, T orElse) {
            try {
                return read.get();
            } catch (IllegalArgumentException e) {
                messages.add(e.getMessage());
                return orElse;
            }
        }

        void throwIfAny(String source) {
            if (messages.isEmpty()) {
                return;
            }
            List<String> all = new ArrayList<>(messages);
            if (all.size() == 1) {
                throw new IllegalArgumentException(all.get(0));
            }
            StringBuilder sb = new StringBuilder(source + ": " + all.size() + " errors, nothing imported:");
            for (int i = 0; i < Math.min(MAX_LISTED, all.size()); i++) {
                sb.append("\n  ").append(all.get(i));
            }
            if (messages.size() > MAX_LISTED) {
                sb.append("\n  … and ").append(messages.size() - MAX_LISTED).append(" more of the same kinds");
            }
            throw new IllegalArgumentException(sb.toString());
        }
    }

    /** A patient being assembled from the tables. */
    private static final class PatientDraft {
        final Cells cells;
        final int row;
        final String id;
        final LocalDate implantDate;
        final List<Lesion> lesions = new ArrayList<>();
        final Map<String, Integer> lesionRows = new HashMap<>();
        final TreeMap<LocalDate, FollowUp> visits = new TreeMap<>();
        final Map<LocalDate, List<LesionMeasurement>> measured = new HashMap<>();
        final List<AdverseEvent> events = new ArrayList<>();

        PatientDraft(Cells cells, int row) {
            this.cells = cells;
            this.row = row;
            this.id = cells.requiredText(row, "patient_id");
            this.implantDate = cells.requiredDate(row, "implant_date");
            if (implantDate.isAfter(LocalDate.now())) {
                throw new IllegalArgumentException(cells.where(row, "implant_date") + ": value '" + implantDate
                        + "' lies in the future; fix: give the date the seeds were implanted");
            }
        }

        Patient build() {
            List<FollowUp> fs = new ArrayList<>();
            visits.forEach((date, f) -> fs.add(new FollowUp(date, measured.getOrDefault(date, List.of()), f.nonTarget(),
                    f.newLesion(), f.nrsPain(), f.qlqItems(), f.localProgression(), f.died())));
            String sex = cells.text(row, "sex");
            String prior = cells.text(row, "prior_treatments");
            List<String> priorList = prior == null ? List.of()
                    : java.util.Arrays.stream(prior.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            Implant implant = new Implant(implantDate, dosimetry("pre_"), dosimetry("post_"),
                    cells.number(row, "seed_activity_mci", 0, 10));
            return new Patient(id, cells.number(row, "age_years", 0, 120),
                    cells.choice(row, "sex", List.of("M", "F", "male", "female"), List.of(Sex.MALE, Sex.FEMALE, Sex.MALE, Sex.FEMALE)),
                    cells.text(row, "tumour_type"), cells.text(row, "stage"), cells.whole(row, "ecog", 0, 4),
                    cells.whole(row, "kps", 0, 100),
                    cells.choice(row, "child_pugh", List.of("A", "B", "C"), List.of("A", "B", "C")),
                    cells.number(row, "tumour_marker", 0, Double.MAX_VALUE), priorList, cells.yesNo(row, "hyperthermia"),
                    implant, lesions, fs, events);
        }

        private Dosimetry dosimetry(String prefix) {
            return new Dosimetry(cells.number(row, prefix + "d90_gy", 0, 10000), cells.number(row, prefix + "d100_gy", 0, 10000),
                    cells.number(row, prefix + "v100_pct", 0, 100), cells.number(row, prefix + "v150_pct", 0, 100),
                    cells.number(row, prefix + "hi", 0, 1), cells.whole(row, prefix + "seeds", 0, 100000),
                    cells.number(row, prefix + "ptv_cc", 0, 100000), cells.text(row, prefix + "structure"));
        }
    }

    private static Map<String, PatientDraft> patients(DataTable t, Problems problems) {
        Cells c = new Cells(t, List.of("patient_id", "implant_date"), problems::add);
        Map<String, PatientDraft> out = new LinkedHashMap<>();
        Set<String> broken = new HashSet<>();
        for (int r = 0; r < c.rows(); r++) {
            int row = r;
            problems.row(() -> {
                try {
                    PatientDraft d = new PatientDraft(c, row);
                    if (out.containsKey(d.id)) {
                        throw new IllegalArgumentException(c.where(row, "patient_id") + ": patient '" + d.id
                                + "' appears twice; fix: give each patient one row");
                    }
                    d.build(); // validates every cell of the row now, so the error names this row
                    out.put(d.id, d);
                } catch (IllegalArgumentException e) {
                    String id = c.text(row, "patient_id");
                    if (id != null && !out.containsKey(id)) {
                        broken.add(id);
                    }
                    throw e;
                }
            });
        }
        broken.forEach(id -> out.put(id, null));
        return out;
    }

    private static PatientDraft patient(Cells c, int r, Map<String, PatientDraft> patients) {
        String id = c.requiredText(r, "patient_id");
        PatientDraft d = patients.get(id);
        if (d == null && patients.containsKey(id)) {
            throw new SkipRow();
        }
        if (d == null) {
            throw new IllegalArgumentException(c.where(r, "patient_id") + ": patient '" + id
                    + "' is not in the patients table; fix: add the patient or correct the patient_id");
        }
        return d;
    }

    private static void lesions(DataTable t, Map<String, PatientDraft> patients, Problems problems, double nodalTargetMinMm) {
        Cells c = new Cells(t, List.of("patient_id", "lesion_id", "target"));
        for (int ri = 0; ri < c.rows(); ri++) {
            int r = ri;
            problems.row(() -> {
                PatientDraft p = patient(c, r, patients);
                String id = c.requiredText(r, "lesion_id");
                boolean nodal = Boolean.TRUE.equals(c.yesNo(r, "nodal"));
                c.requiredText(r, "target");
                boolean target = c.yesNo(r, "target");
                Double d = c.number(r, "baseline_diameter_mm", 0, 2000);
                Double v = c.number(r, "baseline_viable_mm", 0, 2000);
                String organ = c.text(r, "organ");
                if (target) {
                    if (d == null) {
                        c.requiredText(r, "baseline_diameter_mm");
                    }
                    if (nodal && d < nodalTargetMinMm) {
                        throw new IllegalArgumentException(c.where(r, "baseline_diameter_mm") + ": value '" + c.text(r, "baseline_diameter_mm")
                                + "' is below " + fmtMm(nodalTargetMinMm) + " mm, too small for a target lymph node (RECIST 1.1: short axis ≥ 15 mm);"
                                + " fix: record it as non-target, or, if the study takes smaller nodes as targets, set response.nodal_target_min_mm"
                                + " in the analysis plan");
                    }
                    if (!nodal && d < 10) {
                        throw new IllegalArgumentException(c.where(r, "baseline_diameter_mm") + ": value '" + c.text(r, "baseline_diameter_mm")
                                + "' is below 10 mm, not measurable (RECIST 1.1: longest diameter ≥ 10 mm); fix: record it as non-target");
                    }
                    if (v != null && v > d) {
                        throw new IllegalArgumentException(c.where(r, "baseline_viable_mm") + ": value '" + c.text(r, "baseline_viable_mm")
                                + "' exceeds the lesion's diameter " + c.text(r, "baseline_diameter_mm") + " mm; fix: the viable part lies within the lesion");
                    }
                }
                if (p.lesionRows.put(id, r) != null) {
                    throw new IllegalArgumentException(c.where(r, "lesion_id") + ": lesion '" + id + "' of patient " + p.id
                            + " appears twice; fix: give each lesion one row");
                }
                p.lesions.add(new Lesion(id, organ, nodal, target, d, v));
                long targets = p.lesions.stream().filter(Lesion::target).count();
                long inOrgan = p.lesions.stream().filter(l -> l.target() && l.organ().equalsIgnoreCase(organ == null ? "" : organ)).count();
                if (target && targets > 5) {
                    throw new IllegalArgumentException(c.where(r, "target") + ": patient " + p.id
                            + " has more than 5 target lesions (RECIST 1.1 allows 5); fix: record the others as non-target");
                }
                if (target && organ != null && inOrgan > 2) {
                    throw new IllegalArgumentException(c.where(r, "target") + ": patient " + p.id + " has more than 2 target lesions in "
                            + organ + " (RECIST 1.1 allows 2 per organ); fix: record the others as non-target");
                }
            });
        }
    }

    private static void followUps(DataTable t, Map<String, PatientDraft> patients, Problems problems) {
        Cells c = new Cells(t, List.of("patient_id", "date"), problems::add);
        for (int ri = 0; ri < c.rows(); ri++) {
            int r = ri;
            problems.row(() -> {
                PatientDraft p = patient(c, r, patients);
                LocalDate date = c.requiredDate(r, "date");
                if (date.isBefore(p.implantDate)) {
                    throw new IllegalArgumentException(c.where(r, "date") + ": value '" + date + "' is before patient " + p.id
                            + "'s implant on " + p.implantDate + " (a follow-up or death cannot precede the implant); fix: correct the"
                            + " date or the implant_date");
                }
                if (date.isAfter(LocalDate.now())) {
                    throw new IllegalArgumentException(c.where(r, "date") + ": value '" + date + "' of patient " + p.id
                            + " lies in the future; fix: give the date of the visit");
                }
                List<Integer> items = new ArrayList<>();
                boolean anyItem = false;
                for (int i = 1; i <= 30; i++) {
                    Integer a = c.whole(r, CohortFormat.qlqColumn(i), Integer.MIN_VALUE, Integer.MAX_VALUE);
                    anyItem |= a != null;
                    items.add(a);
                }
                NonTargetStatus nt = c.choice(r, "non_target", List.of("CR", "NON_CR_NON_PD", "NON-CR/NON-PD", "IR", "PD", "NE"),
                        List.of(NonTargetStatus.CR, NonTargetStatus.NON_CR_NON_PD, NonTargetStatus.NON_CR_NON_PD,
                                NonTargetStatus.NON_CR_NON_PD, NonTargetStatus.PD, NonTargetStatus.NE));
                FollowUp f = new FollowUp(date, List.of(), nt, c.yesNo(r, "new_lesion"), c.whole(r, "nrs_pain", 0, 10),
                        anyItem ? items : List.of(), Boolean.TRUE.equals(c.yesNo(r, "local_progression")),
                        Boolean.TRUE.equals(c.yesNo(r, "died")));
                if (p.visits.put(date, f) != null) {
                    throw new IllegalArgumentException(c.where(r, "date") + ": patient " + p.id + " has two follow-up rows on " + date
                            + "; fix: merge them into one row");
                }
            });
        }
        for (PatientDraft p : patients.values()) {
            if (p == null) {
                continue;
            }
            List<LocalDate> deaths = p.visits.values().stream().filter(FollowUp::died).map(FollowUp::date).toList();
            if (deaths.size() > 1 || (deaths.size() == 1 && !deaths.get(0).equals(p.visits.lastKey()))) {
                problems.add(t.source() + ": patient " + p.id + " has " + (deaths.size() > 1 ? "two death records"
                        : "follow-up after the death record of " + deaths.get(0)) + "; fix: record death once, as the last row");
            }
        }
    }

    private static void measurements(DataTable t, Map<String, PatientDraft> patients, Problems problems) {
        Cells c = new Cells(t, List.of("patient_id", "lesion_id", "date", "diameter_mm"));
        Map<String, Integer> seen = new HashMap<>();
        for (int ri = 0; ri < c.rows(); ri++) {
            int r = ri;
            problems.row(() -> {
                PatientDraft p = patient(c, r, patients);
                String lesion = c.requiredText(r, "lesion_id");
                if (!p.lesionRows.containsKey(lesion)) {
                    throw new IllegalArgumentException(c.where(r, "lesion_id") + ": lesion '" + lesion + "' of patient " + p.id
                            + " is not in the lesions table; fix: add the lesion or correct the lesion_id");
                }
                LocalDate date = c.requiredDate(r, "date");
                if (!p.visits.containsKey(date)) {
                    throw new IllegalArgumentException(c.where(r, "date") + ": value '" + date + "' has no follow-up row for patient " + p.id
                            + "; fix: add a followups row on that date or correct the date");
                }
                if (seen.put(p.id + "\u0000" + lesion + "\u0000" + date, r) != null) {
                    throw new IllegalArgumentException(c.where(r, "date") + ": lesion '" + lesion + "' of patient " + p.id
                            + " is measured twice on " + date + "; fix: keep one measurement per visit");
                }
                p.measured.computeIfAbsent(date, k -> new ArrayList<>())
                        .add(new LesionMeasurement(lesion, c.number(r, "diameter_mm", 0, 2000), c.number(r, "viable_mm", 0, 2000)));
            });
        }
    }

    private static void adverseEvents(DataTable t, Map<String, PatientDraft> patients, Problems problems) {
        Cells c = new Cells(t, List.of("patient_id", "term", "grade"));
        for (int ri = 0; ri < c.rows(); ri++) {
            int r = ri;
            problems.row(() -> {
                PatientDraft p = patient(c, r, patients);
                String term = c.requiredText(r, "term");
                c.requiredText(r, "grade");
                int grade = c.whole(r, "grade", 1, 5);
                AdverseEventScale scale = c.choice(r, "scale", List.of("CTCAE5", "CTCAE_5", "CTCAE", "RTOG"),
                        List.of(AdverseEventScale.CTCAE_5, AdverseEventScale.CTCAE_5, AdverseEventScale.CTCAE_5, AdverseEventScale.RTOG));
                p.events.add(new AdverseEvent(c.date(r, "date"), term, grade, scale == null ? AdverseEventScale.CTCAE_5 : scale));
            });
        }
    }

    /** One session of one patient in a thermometry log. */
    private record SessionKey(String patientId, int session) {
    }

    /** One channel's reading time within a session: a log has one reading per channel and time. */
    private record ReadingKey(SessionKey session, double timeMin, int channel) {
    }

    private static List<HyperthermiaSession> hyperthermia(DataTable t, Problems problems) {
        Cells c = new Cells(t, CohortFormat.HYPERTHERMIA_COLUMNS);
        Map<SessionKey, LocalDateTime> starts = new LinkedHashMap<>();
        Map<SessionKey, List<TemperatureSample>> samples = new HashMap<>();
        Set<ReadingKey> seen = new HashSet<>();
        for (int ri = 0; ri < c.rows(); ri++) {
            int r = ri;
            problems.row(() -> {
                String patient = c.requiredText(r, "patient_id");
                c.requiredText(r, "session");
                int session = c.whole(r, "session", 1, 100000);
                LocalDateTime start = c.requiredDateTime(r, "start");
                SessionKey key = new SessionKey(patient, session);
                LocalDateTime prev = starts.putIfAbsent(key, start);
                if (prev != null && !prev.equals(start)) {
                    throw new IllegalArgumentException(c.where(r, "start") + ": value '" + c.text(r, "start") + "' differs from the start "
                            + prev + " given earlier for session " + session + " of patient " + patient + "; fix: use one start per session");
                }
                double time = c.requiredNumber(r, "time_min", 0, 100000);
                c.requiredText(r, "channel");
                int channel = c.whole(r, "channel", 1, HyperthermiaSession.MAX_CHANNELS);
                double temp = c.requiredNumber(r, "temp_c", 20, 60);
                if (!seen.add(new ReadingKey(key, time, channel))) {
                    throw new IllegalArgumentException(c.where(r, "time_min") + ": channel " + channel + " has two readings at " + time
                            + " min in session " + session + " of patient " + patient + "; fix: keep one reading per channel and time");
                }
                samples.computeIfAbsent(key, k -> new ArrayList<>()).add(new TemperatureSample(time, channel, temp));
            });
        }
        List<HyperthermiaSession> out = new ArrayList<>();
        starts.forEach((key, start) -> {
            if (samples.containsKey(key)) { // else every row of the session was wrong, and reported
                out.add(new HyperthermiaSession(key.patientId(), key.session(), start, samples.get(key)));
            }
        });
        return out;
    }
}
