package org.seedplan.planning.intent;

import org.seedplan.source.SeedStrength;

/**
 * The seeds to implant: the TG-43 source model key, the strength of one seed as the user gave it
 * (U, mCi or MBq), and how many are already in stock (0 if none).
 */
public record SeedSpec(String sourceKey, SeedStrength strength, int stock) {

    public SeedSpec {
        if (sourceKey == null || sourceKey.isBlank()) {
            throw new IllegalArgumentException("intent: seed.source is missing: give a source model key such as amersham6711");
        }
        if (strength == null) {
            throw new IllegalArgumentException("intent: seed.strength is missing: give the strength of one seed, e.g. \"0.6 mCi\" or \"0.76 U\"");
        }
        if (stock < 0) {
            throw new IllegalArgumentException("intent: seed.stock must be ≥ 0, got " + stock);
        }
    }

    /** Air-kerma strength of one seed, U. */
    public double skU() {
        return strength.skU();
    }
}
