package org.seedplan.structure;

import java.util.Locale;

/** What a structure is for, with the DICOM RT ROI Interpreted Type names. */
public enum StructureType {
    GTV, CTV, PTV, ORGAN, EXTERNAL, AVOIDANCE, CONTROL, OTHER;

    /** Parses a DICOM RT ROI Interpreted Type or a case-file type; unknown names become OTHER. */
    public static StructureType parse(String s) {
        if (s == null || s.isBlank()) {
            return OTHER;
        }
        String u = s.trim().toUpperCase(Locale.ROOT);
        if (u.equals("OAR") || u.equals("ORGAN_AT_RISK")) {
            return ORGAN;
        }
        for (StructureType t : values()) {
            if (t.name().equals(u)) {
                return t;
            }
        }
        return OTHER;
    }

    public boolean isTarget() {
        return this == GTV || this == CTV || this == PTV;
    }
}
