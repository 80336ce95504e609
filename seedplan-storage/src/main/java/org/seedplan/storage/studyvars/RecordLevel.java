package org.seedplan.storage.studyvars;

/** The registry record a study variable's value belongs to. */
public enum RecordLevel {
    /** One value (or one per instance) per patient. */
    PATIENT("patient"),
    /** Per lesion. */
    LESION("lesion"),
    /** Per follow-up visit. */
    VISIT("visit");

    private final String table;

    RecordLevel(String table) {
        this.table = table;
    }

    /** The registry table of the records of this level. */
    public String table() {
        return table;
    }
}
