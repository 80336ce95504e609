package org.seedplan.outcomes.scales;

/**
 * One row of an adverse-event table: patients counted once at their highest grade of the term.
 *
 * @param term           the term, or "Any adverse event"
 * @param byGrade        patients whose highest grade is 1 … 5 (index 0 = grade 1)
 * @param denominator    treated patients (the percentage base)
 */
public record AdverseEventRow(String term, int[] byGrade, int denominator) {

    public AdverseEventRow {
        if (byGrade.length != 5) {
            throw new IllegalArgumentException("adverse event row " + term + ": give 5 grade counts");
        }
        byGrade = byGrade.clone();
    }

    /** Patients whose highest grade is {@code grade} (1–5). */
    public int grade(int grade) {
        return byGrade[grade - 1];
    }

    /** Patients with the term at any grade. */
    public int anyGrade() {
        int s = 0;
        for (int g : byGrade) {
            s += g;
        }
        return s;
    }

    /** Patients with grade 3 or higher. */
    public int grade3OrHigher() {
        return byGrade[2] + byGrade[3] + byGrade[4];
    }

    /** {@code n} as a percentage of the denominator. */
    public double pct(int n) {
        return denominator == 0 ? Double.NaN : 100.0 * n / denominator;
    }
}
