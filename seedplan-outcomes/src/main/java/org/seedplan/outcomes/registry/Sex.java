package org.seedplan.outcomes.registry;

/** Sex of a patient as recorded in the registry. */
public enum Sex {
    MALE, FEMALE
}
