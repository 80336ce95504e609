package org.seedplan.outcomes.io;

import java.util.List;
import org.seedplan.outcomes.registry.Cohort;
import org.seedplan.outcomes.registry.HyperthermiaSession;

/**
 * A cohort read from files, with the hyperthermia sessions logged beside it (empty when there is no log).
 *
 * @param cohort   the patients
 * @param sessions hyperthermia sessions with their temperature logs
 * @param source   the folder or workbook read, for the report
 */
public record ImportedCohort(Cohort cohort, List<HyperthermiaSession> sessions, String source) {

    public ImportedCohort {
        sessions = List.copyOf(sessions);
    }
}
