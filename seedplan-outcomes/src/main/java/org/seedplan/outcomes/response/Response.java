package org.seedplan.outcomes.response;

/** A response category at one time point or as best overall response. */
public enum Response {
    /** Complete response. */
    CR(5),
    /** Partial response. */
    PR(4),
    /** Stable disease. */
    SD(3),
    /** Non-CR/non-PD: the overall response of a patient with only non-target disease that persists. */
    NON_CR_NON_PD(3),
    /** Progressive disease. */
    PD(2),
    /** Not evaluable. */
    NE(1);

    private final int rank;

    Response(int rank) {
        this.rank = rank;
    }

    /** Order used for the best overall response: CR &gt; PR &gt; SD = non-CR/non-PD &gt; PD &gt; NE. */
    public int rank() {
        return rank;
    }

    /** True for CR and PR (counted in the objective response rate). */
    public boolean objective() {
        return this == CR || this == PR;
    }

    /** True for CR, PR, SD and non-CR/non-PD (counted in the disease control rate). */
    public boolean diseaseControl() {
        return objective() || this == SD || this == NON_CR_NON_PD;
    }
}
