package org.seedplan.outcomes.registry;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One I-125 seed implantation: its date (day 0 of follow-up), the pre-operative plan and the
 * post-operative (verified) dosimetry.
 *
 * @param date            day of the implant
 * @param prePlan         dose metrics of the pre-operative plan
 * @param postPlan        dose metrics found on the post-operative CT
 * @param seedActivityMCi activity per seed, mCi ({@code null} when not recorded)
 */
public record Implant(LocalDate date, Dosimetry prePlan, Dosimetry postPlan, Double seedActivityMCi) {

    public Implant {
        Objects.requireNonNull(date, "date");
        prePlan = prePlan == null ? Dosimetry.NONE : prePlan;
        postPlan = postPlan == null ? Dosimetry.NONE : postPlan;
    }
}
