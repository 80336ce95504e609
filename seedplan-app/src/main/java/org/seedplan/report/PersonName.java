package org.seedplan.report;

/**
 * A DICOM person name (PS3.5 §6.2, PN: {@code Family^Given^Middle^Prefix^Suffix}, optional
 * {@code =}-separated ideographic and phonetic groups) as a person reads it on a report:
 * "Family, Given Middle" with prefix and suffix around it, e.g. {@code DEMO^LIVER} → "DEMO, LIVER".
 */
public final class PersonName {

    private PersonName() {
    }

    /** The readable form of {@code pn}; a name without {@code ^} is returned trimmed; null or blank gives "(no name)". */
    public static String readable(String pn) {
        if (pn == null || pn.isBlank()) {
            return "(no name)";
        }
        String alphabetic = pn.split("=", -1)[0];
        String[] c = alphabetic.split("\\^", -1);
        String family = part(c, 0);
        String given = (part(c, 1) + " " + part(c, 2)).trim();
        String name = family.isEmpty() ? given : given.isEmpty() ? family : family + ", " + given;
        return (part(c, 3) + " " + name + " " + part(c, 4)).trim().replaceAll(" +", " ");
    }

    private static String part(String[] components, int n) {
        return n < components.length ? components[n].trim() : "";
    }
}
