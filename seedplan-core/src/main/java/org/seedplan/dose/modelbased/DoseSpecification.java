package org.seedplan.dose.modelbased;

import java.util.Locale;

/**
 * Which dose a number is (AAPM TG-186, Beaulieu et al. 2012, §III): TG-43's dose to water in water, or a
 * model-based dose to the medium in the medium, or to a small water cavity in the medium. Every report of a
 * model-based dose names it.
 */
public enum DoseSpecification {
    /** TG-43U1: each seed alone in an infinite water phantom, doses superposed (dose to water in water). */
    TG43_WATER("tg43", "TG-43 (Dw,w)", "TG-43U1 dose to water in water, seeds superposed"),
    /** Model-based: dose to the local medium, radiation transported in the medium (TG-186's recommendation). */
    DM_M("dm,m", "Dm,m", "model-based dose to medium in medium (TG-186)"),
    /** Model-based: dose to a small water cavity in the medium, radiation transported in the medium. */
    DW_M("dw,m", "Dw,m", "model-based dose to water in medium (TG-186)");

    private final String cliName;
    private final String label;
    private final String description;

    DoseSpecification(String cliName, String label, String description) {
        this.cliName = cliName;
        this.label = label;
        this.description = description;
    }

    /** Short column label, e.g. "Dm,m". */
    public String label() {
        return label;
    }

    /** One phrase saying what the dose is. */
    public String description() {
        return description;
    }

    /** The model-based specification named {@code text} ("dm,m" or "dw,m"); {@code option} names the input in the error. */
    public static DoseSpecification parseModelBased(String option, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.equals(DM_M.cliName)) {
            return DM_M;
        }
        if (t.equals(DW_M.cliName)) {
            return DW_M;
        }
        throw new IllegalArgumentException(option + " '" + text + "': give dm,m (dose to medium in medium, TG-186's choice) or dw,m"
                + " (dose to water in medium)");
    }
}
