package org.seedplan.storage.plan;

/** The life of a plan revision: drafted, approved (e-signed), locked for treatment, or retired. */
public enum PlanStatus {
    /** Being edited; may change in place. */
    DRAFT,
    /** Approved with an e-signature; any change makes a new revision. */
    APPROVED,
    /** Approved and used for treatment; never changes. */
    LOCKED,
    /** Withdrawn; kept for the record. */
    RETIRED
}
