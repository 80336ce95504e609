package org.seedplan.storage.studyvars;

/**
 * A stored value of a study variable.
 *
 * @param id         database id
 * @param variableId the variable
 * @param patientId  the patient the record belongs to (database id)
 * @param recordId   the record of the variable's level: patient, lesion or visit (database id)
 * @param instance   1, or 1, 2, … for a repeated variable
 * @param value      Double, category level, {@link org.seedplan.storage.registry.PartialDate} or Boolean
 * @param version    optimistic-locking version
 */
public record StudyValue(long id, long variableId, long patientId, long recordId, int instance, Object value, long version) {

    /** The value as text ("412.5", "Vp3", "2024-05", "yes"). */
    public String text() {
        return VariableDefinition.text(value);
    }
}
