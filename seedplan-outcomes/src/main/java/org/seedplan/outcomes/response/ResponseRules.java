package org.seedplan.outcomes.response;

import java.util.Objects;

/**
 * The options of a response evaluation (reference: shared/reference/clinical/response_criteria.md).
 *
 * @param criterion              RECIST 1.1 or mRECIST
 * @param absoluteIncreaseRule   PD also needs the sum to grow by {@code absoluteIncreaseMm} over the nadir
 *                               (RECIST 1.1 §4.3.1; the 2010 mRECIST paper does not state it)
 * @param absoluteIncreaseMm     the absolute increase for PD, mm (5 in RECIST 1.1)
 * @param confirmation           CR/PR count for the best overall response only when confirmed by a later
 *                               assessment at least {@code confirmationDays} later (RECIST 1.1 §4.6)
 * @param confirmationDays       minimum interval of a confirming assessment, days (28 = 4 weeks)
 * @param sdMinimumDays          SD counts for the best overall response only from this day after the implant
 * @param carryProgression       once PD, every later time point is PD (evaluation ends at progression)
 */
public record ResponseRules(Criterion criterion, boolean absoluteIncreaseRule, double absoluteIncreaseMm,
                            boolean confirmation, int confirmationDays, int sdMinimumDays, boolean carryProgression) {

    public ResponseRules {
        Objects.requireNonNull(criterion, "criterion");
        if (absoluteIncreaseMm < 0 || confirmationDays < 0 || sdMinimumDays < 0) {
            throw new IllegalArgumentException("response rules: negative mm or day threshold; give values ≥ 0");
        }
    }

    /** RECIST 1.1 with the 5 mm rule, no confirmation, no SD minimum, progression carried forward. */
    public static ResponseRules recist11() {
        return new ResponseRules(Criterion.RECIST_1_1, true, 5.0, false, 28, 0, true);
    }

    /** mRECIST as published in 2010: the 20 % rule without the 5 mm rule; otherwise as {@link #recist11()}. */
    public static ResponseRules mrecist() {
        return new ResponseRules(Criterion.MRECIST, false, 5.0, false, 28, 0, true);
    }

    /** These rules with confirmation of CR/PR switched on or off. */
    public ResponseRules withConfirmation(boolean on) {
        return new ResponseRules(criterion, absoluteIncreaseRule, absoluteIncreaseMm, on, confirmationDays, sdMinimumDays, carryProgression);
    }

    /** These rules with the 5 mm absolute-increase rule switched on or off. */
    public ResponseRules withAbsoluteIncreaseRule(boolean on) {
        return new ResponseRules(criterion, on, absoluteIncreaseMm, confirmation, confirmationDays, sdMinimumDays, carryProgression);
    }

    /** These rules with a minimum SD duration, days. */
    public ResponseRules withSdMinimumDays(int days) {
        return new ResponseRules(criterion, absoluteIncreaseRule, absoluteIncreaseMm, confirmation, confirmationDays, days, carryProgression);
    }
}
