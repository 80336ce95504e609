package org.seedplan.storage.account;

/** What a user may do at one centre (the server's permission matrix maps each route to the roles allowed). */
public enum Role {
    /** Manages accounts, rights and centres. */
    ADMINISTRATOR,
    /** Treats patients: edits records, approves plans. */
    PHYSICIAN,
    /** Plans and checks dose: edits plans, approves plans. */
    PHYSICIST,
    /** Enters registry data (follow-ups, labs, adverse events). */
    DATA_ENTRY,
    /** Reads everything of the centre, changes nothing. */
    MONITOR,
    /** Receives de-identified exports only. */
    STATISTICIAN
}
