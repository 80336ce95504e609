package org.seedplan.outcomes.io;

import java.util.List;
import java.util.Map;
import org.seedplan.outcomes.registry.Cohort;
import org.seedplan.outcomes.registry.HyperthermiaSession;
import org.seedplan.stats.data.DataTable;

/**
 * A cohort read from files, with the hyperthermia sessions logged beside it (empty when there is no log) and
 * the tables as read, whose columns beyond {@link CohortFormat}'s are the study's own variables.
 *
 * @param cohort   the patients
 * @param sessions hyperthermia sessions with their temperature logs
 * @param source   the folder or workbook read, for the report
 * @param tables   the tables as read, by {@link CohortFormat} table name (patients, lesions, followups …); a
 *                 study variable is a column here that the built-in model lacks (keyed by patient_id, plus
 *                 lesion_id for lesions and date for followups); empty when the cohort was not read from tables
 */
public record ImportedCohort(Cohort cohort, List<HyperthermiaSession> sessions, String source, Map<String, DataTable> tables) {

    public ImportedCohort {
        sessions = List.copyOf(sessions);
        tables = Map.copyOf(tables);
    }

    /** A cohort without study variables (built from the registry model alone). */
    public ImportedCohort(Cohort cohort, List<HyperthermiaSession> sessions, String source) {
        this(cohort, sessions, source, Map.of());
    }
}
