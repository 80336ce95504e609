package org.seedplan.outcomes.response;

/** A tumour response criterion. */
public enum Criterion {
    /** RECIST 1.1 (Eisenhauer et al., Eur J Cancer 2009;45:228–247): whole-lesion diameters. */
    RECIST_1_1,
    /** mRECIST for HCC (Lencioni &amp; Llovet, Semin Liver Dis 2010;30:52–60): diameters of the arterially enhancing (viable) part. */
    MRECIST
}
