package org.seedplan.outcomes.registry;

/** Qualitative assessment of all non-target lesions at one visit (RECIST 1.1 §4.3.2; mRECIST "incomplete response" = NON_CR_NON_PD). */
public enum NonTargetStatus {
    /** All non-target lesions gone (mRECIST: no enhancement left), nodes non-pathological. */
    CR,
    /** One or more non-target lesions persist (mRECIST: incomplete response / stable disease). */
    NON_CR_NON_PD,
    /** Unequivocal progression of existing non-target disease. */
    PD,
    /** Not assessed at this visit. */
    NE
}
