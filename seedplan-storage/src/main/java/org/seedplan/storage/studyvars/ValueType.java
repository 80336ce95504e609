package org.seedplan.storage.studyvars;

/** The type of a study variable's values. */
public enum ValueType {
    /** A number, with a unit and an allowed range. */
    NUMBER,
    /** One of the variable's levels. */
    CATEGORY,
    /** A calendar date, possibly partial (year or month only). */
    DATE,
    /** Yes or no. */
    YES_NO
}
