package org.seedplan.storage.cohort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.io.CohortFormat;
import org.seedplan.storage.Tx;
import org.seedplan.storage.studyvars.RecordLevel;
import org.seedplan.storage.studyvars.VariableDefinition;

/**
 * The study variables of exported patients as extra named columns of the cohort tables: patient-level variables in
 * {@code patients.csv} (row key patient_id), lesion-level ones in {@code lesions.csv} (patient_id, lesion_id = the lesion's
 * label) and visit-level ones in {@code followups.csv} (patient_id, date = the visit date). The column is the variable's
 * name; a repeated variable's instances 2, 3, … get {@code name_2}, {@code name_3} …; values are written as the forms
 * show them (numbers in the variable's unit, the category level, yes/no, a date as yyyy, yyyy-MM or yyyy-MM-dd by its
 * precision); an empty cell is a missing value.
 */
final class StudyColumns {

    /** Column name → row key → value text, per table. */
    private final Map<RecordLevel, Map<String, Map<List<String>, String>>> columns = new EnumMap<>(RecordLevel.class);

    private StudyColumns() {
        for (RecordLevel l : RecordLevel.values()) {
            columns.put(l, new LinkedHashMap<>());
        }
    }

    /** The study values of the patients {@code cohortIds} (database id → cohort patient ID) of {@code centreIds}. */
    static StudyColumns read(Tx tx, Collection<Long> centreIds, Map<Long, String> cohortIds) {
        StudyColumns out = new StudyColumns();
        if (centreIds.isEmpty()) {
            return out;
        }
        String in = String.join(", ", java.util.Collections.nCopies(centreIds.size(), "?"));
        Map<Long, RecordLevel> levels = new LinkedHashMap<>();
        tx.query("SELECT v.id, v.name, v.record_level FROM study_variable v JOIN research_study s ON s.id = v.study_id WHERE s.centre_id IN ("
                + in + ") ORDER BY s.code, v.id", r -> {
                    RecordLevel level = RecordLevel.valueOf(r.string("record_level"));
                    levels.put(r.longValue("id"), level);
                    out.columns.get(level).putIfAbsent(r.string("name"), new LinkedHashMap<>());
                    return null;
                }, centreIds.toArray());
        tx.scan("SELECT x.*, v.name, v.record_level, v.value_type, l.label AS lesion_label, vi.visit_date FROM study_value x"
                + " JOIN study_variable v ON v.id = x.variable_id JOIN research_study s ON s.id = v.study_id"
                + " LEFT JOIN lesion l ON v.record_level = 'LESION' AND l.id = x.record_id"
                + " LEFT JOIN visit vi ON v.record_level = 'VISIT' AND vi.id = x.record_id"
                + " WHERE s.centre_id IN (" + in + ") ORDER BY x.variable_id, x.instance", r -> {
                    String patient = cohortIds.get(r.longValue("patient_id"));
                    if (patient == null) {
                        return true; // a patient left out of the cohort (no implant)
                    }
                    RecordLevel level = RecordLevel.valueOf(r.string("record_level"));
                    List<String> key = switch (level) {
                        case PATIENT -> List.of(patient);
                        case LESION -> List.of(patient, r.string("lesion_label"));
                        case VISIT -> List.of(patient, r.date("visit_date").toString());
                    };
                    int instance = r.intValue("instance");
                    String column = instance == 1 ? r.string("name") : r.string("name") + "_" + instance;
                    out.columns.get(level).computeIfAbsent(column, c -> new LinkedHashMap<>()).put(key, text(r));
                    return true;
                }, centreIds.toArray());
        return out;
    }

    /** Adds the columns to the tables written in {@code dir} (each file replaced in one step). */
    void appendTo(Path dir) {
        append(dir.resolve(CohortFormat.PATIENTS + ".csv"), columns.get(RecordLevel.PATIENT), 1);
        append(dir.resolve(CohortFormat.LESIONS + ".csv"), columns.get(RecordLevel.LESION), 2);
        append(dir.resolve(CohortFormat.FOLLOWUPS + ".csv"), columns.get(RecordLevel.VISIT), 2);
    }

    /**
     * The study-variable columns as tables keyed like the cohort's (patients: patient_id; lesions: patient_id, lesion_id;
     * followups: patient_id, date), by {@link CohortFormat} table name; a level without variables has no table.
     */
    Map<String, org.seedplan.stats.data.DataTable> tables() {
        Map<String, org.seedplan.stats.data.DataTable> out = new LinkedHashMap<>();
        table(out, CohortFormat.PATIENTS, List.of("patient_id"), columns.get(RecordLevel.PATIENT));
        table(out, CohortFormat.LESIONS, List.of("patient_id", "lesion_id"), columns.get(RecordLevel.LESION));
        table(out, CohortFormat.FOLLOWUPS, List.of("patient_id", "date"), columns.get(RecordLevel.VISIT));
        return out;
    }

    private static void table(Map<String, org.seedplan.stats.data.DataTable> out, String name, List<String> keyNames,
                              Map<String, Map<List<String>, String>> cols) {
        if (cols.isEmpty()) {
            return;
        }
        java.util.Set<List<String>> keys = new java.util.LinkedHashSet<>();
        cols.values().forEach(m -> keys.addAll(m.keySet()));
        List<String> names = new ArrayList<>(keyNames);
        names.addAll(cols.keySet());
        String[][] cells = new String[names.size()][keys.size()];
        int r = 0;
        for (List<String> key : keys) {
            for (int k = 0; k < keyNames.size(); k++) {
                cells[k][r] = key.get(k);
            }
            int c = keyNames.size();
            for (Map<List<String>, String> col : cols.values()) {
                cells[c++][r] = col.get(key);
            }
            r++;
        }
        int[] rows = new int[keys.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i + 2;
        }
        out.put(name, new org.seedplan.stats.data.DataTable("registry study variables (" + name + ")", names, cells, rows));
    }

    /** The column names added to the table of {@code level}, in order. */
    List<String> names(RecordLevel level) {
        return List.copyOf(columns.get(level).keySet());
    }

    private static void append(Path file, Map<String, Map<List<String>, String>> cols, int keyColumns) {
        if (cols.isEmpty()) {
            return;
        }
        try {
            List<List<String>> rows = parse(Files.readString(file, StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < rows.size(); i++) {
                List<String> row = new ArrayList<>(rows.get(i));
                List<String> key = List.copyOf(row.subList(0, Math.min(keyColumns, row.size())));
                for (Map.Entry<String, Map<List<String>, String>> c : cols.entrySet()) {
                    row.add(i == 0 ? c.getKey() : c.getValue().getOrDefault(key, ""));
                }
                line(sb, row);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the study variables to " + file, e);
        }
    }

    private static String text(Tx.Row r) throws java.sql.SQLException {
        return switch (r.string("value_type")) {
            case "NUMBER" -> VariableDefinition.text(r.doubleOrNull("number_value"));
            case "DATE" -> new org.seedplan.storage.registry.PartialDate(r.date("date_value"),
                    org.seedplan.storage.registry.PartialDate.Precision.valueOf(r.string("date_precision"))).toString();
            default -> r.string("text_value");
        };
    }

    /** RFC 4180 records of {@code text}. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (ch != '\r') {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        sb.append('\n');
    }
}
