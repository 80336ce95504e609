package org.seedplan.outcomes.response;

import java.util.List;
import java.util.Objects;

/**
 * Best overall response of one patient from the time-point responses up to and including the first PD
 * (RECIST 1.1 §4.6). With confirmation on, a CR needs a later CR and a PR a later CR or PR at least
 * {@link ResponseRules#confirmationDays()} later, before any PD; a CR followed only by a PR is a confirmed PR (RECIST 1.1 table 3, footnote), an
 * unconfirmed CR/PR counts as SD. SD
 * (and non-CR/non-PD) counts only from {@link ResponseRules#sdMinimumDays()} after the implant; a patient
 * with nothing that counts is PD if progression was seen, otherwise NE.
 */
public final class BestOverallResponse {

    private final ResponseRules rules;

    public BestOverallResponse(ResponseRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The best overall response over {@code timePoints} (in date order). */
    public Response of(List<TimePointResponse> timePoints) {
        int end = timePoints.size();
        for (int i = 0; i < timePoints.size(); i++) {
            if (timePoints.get(i).overall() == Response.PD) {
                end = i + 1;
                break;
            }
        }
        List<TimePointResponse> tps = timePoints.subList(0, end);
        Response best = Response.NE;
        for (int i = 0; i < tps.size(); i++) {
            TimePointResponse tp = tps.get(i);
            Response r = tp.overall();
            if ((r == Response.CR || r == Response.PR) && rules.confirmation()) {
                r = confirmed(tps, i);
            }
            if ((r == Response.SD || r == Response.NON_CR_NON_PD) && tp.day() < rules.sdMinimumDays()) {
                continue;
            }
            if (r.rank() > best.rank()) {
                best = r;
            }
        }
        return best;
    }

    /** The level a CR/PR at {@code i} is confirmed at: CR by a later CR, PR by a later CR or PR, else SD. */
    private Response confirmed(List<TimePointResponse> tps, int i) {
        TimePointResponse first = tps.get(i);
        Response level = Response.SD;
        for (int j = i + 1; j < tps.size(); j++) {
            TimePointResponse later = tps.get(j);
            if (later.day() - first.day() < rules.confirmationDays()) {
                continue;
            }
            if (later.overall() == Response.CR) {
                return first.overall();
            }
            if (later.overall() == Response.PR) {
                level = Response.PR;
            }
        }
        return level;
    }
}
