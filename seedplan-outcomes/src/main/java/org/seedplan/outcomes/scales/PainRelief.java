package org.seedplan.outcomes.scales;

/**
 * Pain relief in the CR/PR/MR/NR scheme used by the seed-implant papers (after the WHO-style analgesic
 * response categories): CR = pain gone (NRS 0); PR = NRS decreased by ≥ 50 % but not to 0; MR (minor)
 * = decreased by 25 % to &lt; 50 %; NR = decreased by less than 25 %, unchanged or worse. Patients with a
 * baseline NRS of 0 have no pain to relieve and are not classified.
 */
public enum PainRelief {
    CR, PR, MR, NR;

    /** The relief category from {@code baseline} to {@code followUp} (NRS 0–10; baseline ≥ 1). */
    public static PainRelief of(int baseline, int followUp) {
        NrsPain.check(baseline, "baseline");
        NrsPain.check(followUp, "follow-up");
        if (baseline == 0) {
            throw new IllegalArgumentException("pain relief: baseline NRS is 0; relief is defined only for patients with pain at baseline");
        }
        if (followUp == 0) {
            return CR;
        }
        double decrease = (double) (baseline - followUp) / baseline;
        if (decrease >= 0.5) {
            return PR;
        }
        if (decrease >= 0.25) {
            return MR;
        }
        return NR;
    }

    /** True for CR and PR, the categories counted in the usual "pain relief rate". */
    public boolean relieved() {
        return this == CR || this == PR;
    }
}
