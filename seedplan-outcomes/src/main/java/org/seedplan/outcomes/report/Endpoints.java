package org.seedplan.outcomes.report;

import java.time.LocalDate;
import org.seedplan.outcomes.registry.FollowUp;
import org.seedplan.outcomes.registry.Patient;

/**
 * Time-to-event endpoints of one patient, in days from the implant.
 *
 * <p>Overall survival (OS): death from any cause; censored at the last follow-up record. Local
 * progression-free survival (LPFS): local progression of the implanted lesion or death, whichever comes
 * first; censored at the last follow-up record. A patient without any follow-up record is censored at day 0.
 *
 * @param osDays     days to death or censoring
 * @param osEvent    death observed
 * @param lpfsDays   days to local progression, death or censoring
 * @param lpfsEvent  local progression or death observed
 */
public record Endpoints(long osDays, boolean osEvent, long lpfsDays, boolean lpfsEvent) {

    /** The endpoints of {@code p}. */
    public static Endpoints of(Patient p) {
        LocalDate last = p.implant().date();
        LocalDate death = null;
        LocalDate progression = null;
        for (FollowUp f : p.followUps()) {
            if (f.date().isAfter(last)) {
                last = f.date();
            }
            if (f.died() && death == null) {
                death = f.date();
            }
            if (f.localProgression() && progression == null && f.date().isAfter(p.implant().date())) {
                progression = f.date();
            }
        }
        long os = p.day(death != null ? death : last);
        LocalDate lpfsDate = progression != null ? progression : death;
        long lpfs = p.day(lpfsDate != null ? lpfsDate : last);
        return new Endpoints(Math.max(0, os), death != null, Math.max(0, lpfs), lpfsDate != null);
    }
}
