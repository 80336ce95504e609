package org.seedplan.storage.studyvars;

/**
 * A stored study variable.
 *
 * @param id         database id
 * @param studyId    the study
 * @param version    optimistic-locking version (each change of the definition makes a new version, audited)
 * @param retired    no longer offered by the forms; its values stay
 * @param definition what it is
 */
public record StudyVariable(long id, long studyId, long version, boolean retired, VariableDefinition definition) {
}
