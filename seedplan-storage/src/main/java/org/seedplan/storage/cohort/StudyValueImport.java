package org.seedplan.storage.cohort;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.io.CohortFormat;
import org.seedplan.outcomes.io.ImportedCohort;
import org.seedplan.stats.data.DataTable;
import org.seedplan.storage.Actor;
import org.seedplan.storage.Tx;
import org.seedplan.storage.studyvars.InvalidValueException;
import org.seedplan.storage.studyvars.RecordLevel;
import org.seedplan.storage.studyvars.StudyVariable;
import org.seedplan.storage.studyvars.StudyVariableRepository;

/**
 * The study-variable columns of an imported cohort (the columns of patients, lesions and followups that the cohort
 * format lacks, as {@link StudyColumns} writes them) stored as values of the centre's study variables of the same name
 * and level ({@code name_2} … for instances of a repeated variable). A column naming no such variable, a row whose
 * lesion or visit is not in the cohort and a value outside its definition are all reported at once; nothing is stored
 * then.
 */
final class StudyValueImport {

    private StudyValueImport() {
    }

    /** Stores the values for the patients {@code ids} (cohort patient ID → database id) inside {@code tx}. */
    static void apply(Tx tx, Actor actor, long centreId, ImportedCohort data, Map<String, Long> ids, StudyVariableRepository repo) {
        Map<String, StudyVariable> byKey = new HashMap<>();
        for (StudyVariable v : repo.variablesOfCentre(centreId)) {
            byKey.putIfAbsent(v.definition().level() + " " + v.definition().name(), v);
        }
        List<String> problems = new ArrayList<>();
        table(tx, actor, data.tables().get(CohortFormat.PATIENTS), CohortFormat.PATIENT_COLUMNS, RecordLevel.PATIENT, byKey, ids, repo, problems);
        table(tx, actor, data.tables().get(CohortFormat.LESIONS), CohortFormat.LESION_COLUMNS, RecordLevel.LESION, byKey, ids, repo, problems);
        table(tx, actor, data.tables().get(CohortFormat.FOLLOWUPS), CohortFormat.FOLLOWUP_COLUMNS, RecordLevel.VISIT, byKey, ids, repo, problems);
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(data.source() + ": " + problems.size() + " study-variable error" + (problems.size() == 1 ? "" : "s")
                + ", nothing imported:");
        problems.stream().limit(30).forEach(p -> sb.append("\n  ").append(p));
        if (problems.size() > 30) {
            sb.append("\n  … and ").append(problems.size() - 30).append(" more");
        }
        throw new IllegalArgumentException(sb.toString());
    }

    private static void table(Tx tx, Actor actor, DataTable t, List<String> builtIn, RecordLevel level, Map<String, StudyVariable> byKey,
                              Map<String, Long> ids, StudyVariableRepository repo, List<String> problems) {
        if (t == null) {
            return;
        }
        for (String column : t.columnNames()) {
            if (builtIn.contains(column)) {
                continue;
            }
            StudyVariable v = byKey.get(level + " " + column);
            int instance = 1;
            if (v == null && column.matches(".*_\\d+")) {
                int cut = column.lastIndexOf('_');
                StudyVariable base = byKey.get(level + " " + column.substring(0, cut));
                if (base != null && base.definition().repeated()) {
                    v = base;
                    instance = Integer.parseInt(column.substring(cut + 1));
                }
            }
            if (v == null) {
                problems.add(t.source() + " column '" + column + "': no study variable of this name at the " + level.table()
                        + " level in the centre; define it (or apply the seed-implant template) before importing, or remove the column");
                continue;
            }
            for (int r = 0; r < t.rowCount(); r++) {
                if (t.isMissing(r, column)) {
                    continue;
                }
                Long patient = ids.get(t.cell(r, "patient_id"));
                if (patient == null) {
                    continue; // a row of a patient the cohort reader left out is reported by the reader itself
                }
                Long record = record(tx, level, patient, t, r);
                if (record == null) {
                    problems.add(t.where(r, column) + ": its " + (level == RecordLevel.LESION ? "lesion" : "visit")
                            + " is not in the cohort; fix the key columns of the row");
                    continue;
                }
                try {
                    repo.setValue(actor, v.id(), record, instance, t.cell(r, column), null, null);
                } catch (InvalidValueException e) {
                    problems.add(t.where(r, column) + ": " + e.getMessage());
                }
            }
        }
    }

    private static Long record(Tx tx, RecordLevel level, long patient, DataTable t, int r) {
        return switch (level) {
            case PATIENT -> patient;
            case LESION -> tx.one("SELECT id FROM lesion WHERE patient_id = ? AND label = ?", x -> x.longValue("id"), patient,
                    t.cell(r, "lesion_id")).orElse(null);
            case VISIT -> {
                LocalDate date;
                try {
                    date = LocalDate.parse(t.cell(r, "date"));
                } catch (RuntimeException e) {
                    yield null;
                }
                yield tx.query("SELECT id FROM visit WHERE patient_id = ? AND visit_date = ? ORDER BY id", x -> x.longValue("id"), patient, date)
                        .stream().findFirst().orElse(null);
            }
        };
    }
}
