package org.seedplan.outcomes.scales;

/** The 11-point numeric rating scale of pain intensity (0 = no pain … 10 = worst imaginable). */
public final class NrsPain {

    private NrsPain() {
    }

    /** Checks that {@code score} is an NRS value 0–10; {@code what} names it in the error. */
    public static int check(int score, String what) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("NRS pain (" + what + "): " + score + " is outside 0–10; give a whole number 0–10");
        }
        return score;
    }
}
