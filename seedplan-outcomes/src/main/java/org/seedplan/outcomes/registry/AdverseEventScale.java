package org.seedplan.outcomes.registry;

/** The grading system of an adverse event record. */
public enum AdverseEventScale {
    /** NCI Common Terminology Criteria for Adverse Events v5.0 (grades 1–5). */
    CTCAE_5,
    /** RTOG/EORTC acute radiation morbidity scoring (grades 1–5 recorded; grade 0 is no event). */
    RTOG
}
