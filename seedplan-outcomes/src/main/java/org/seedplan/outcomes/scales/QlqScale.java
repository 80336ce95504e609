package org.seedplan.outcomes.scales;

import java.util.List;

/**
 * The 15 scales of the EORTC QLQ-C30 version 3.0 with their item numbers (Scoring Manual, 3rd ed., 2001,
 * table 1). Items are referred to by number only; the questionnaire text is the EORTC's.
 */
public enum QlqScale {
    QL2("Global health status / QoL", Kind.GLOBAL, 6, 29, 30),
    PF2("Physical functioning", Kind.FUNCTIONAL, 3, 1, 2, 3, 4, 5),
    RF2("Role functioning", Kind.FUNCTIONAL, 3, 6, 7),
    EF("Emotional functioning", Kind.FUNCTIONAL, 3, 21, 22, 23, 24),
    CF("Cognitive functioning", Kind.FUNCTIONAL, 3, 20, 25),
    SF("Social functioning", Kind.FUNCTIONAL, 3, 26, 27),
    FA("Fatigue", Kind.SYMPTOM, 3, 10, 12, 18),
    NV("Nausea and vomiting", Kind.SYMPTOM, 3, 14, 15),
    PA("Pain", Kind.SYMPTOM, 3, 9, 19),
    DY("Dyspnoea", Kind.SYMPTOM, 3, 8),
    SL("Insomnia", Kind.SYMPTOM, 3, 11),
    AP("Appetite loss", Kind.SYMPTOM, 3, 13),
    CO("Constipation", Kind.SYMPTOM, 3, 16),
    DI("Diarrhoea", Kind.SYMPTOM, 3, 17),
    FI("Financial difficulties", Kind.SYMPTOM, 3, 28);

    /** How a scale's raw score is transformed to 0–100. */
    public enum Kind {
        /** S = (1 − (RS − 1)/range)·100: higher is better functioning. */
        FUNCTIONAL,
        /** S = (RS − 1)/range·100: higher is more symptoms. */
        SYMPTOM,
        /** S = (RS − 1)/range·100: higher is better quality of life. */
        GLOBAL
    }

    private final String title;
    private final Kind kind;
    private final int range;
    private final List<Integer> items;

    QlqScale(String title, Kind kind, int range, Integer... items) {
        this.title = title;
        this.kind = kind;
        this.range = range;
        this.items = List.of(items);
    }

    /** The scale's name as the scoring manual gives it. */
    public String title() {
        return title;
    }

    /** The kind of transformation. */
    public Kind kind() {
        return kind;
    }

    /** Item range: max − min of the answer codes (3 for items 1–28, 6 for items 29–30). */
    public int range() {
        return range;
    }

    /** The item numbers (1–30) of the scale. */
    public List<Integer> items() {
        return items;
    }
}
