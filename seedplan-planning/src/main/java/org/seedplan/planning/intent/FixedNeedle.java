package org.seedplan.planning.intent;

import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * A needle already placed (or chosen by the physicist) that re-planning keeps. With
 * {@code seedDistancesFromTipMm} null its loading is optimised with the rest; otherwise its seeds
 * are kept at those distances from the tip. A needle {@code inPatient} (found on the intra-operative
 * CT) is kept even where its path crosses bone or an organ's needle margin; a chosen one is refused there.
 */
public record FixedNeedle(Vec3 entryMm, Vec3 tipMm, List<Double> seedDistancesFromTipMm, boolean inPatient) {

    /** A fixed needle chosen by the physicist (not known to be in the patient). */
    public FixedNeedle(Vec3 entryMm, Vec3 tipMm, List<Double> seedDistancesFromTipMm) {
        this(entryMm, tipMm, seedDistancesFromTipMm, false);
    }

    public FixedNeedle {
        if (entryMm == null || tipMm == null || !entryMm.isFinite() || !tipMm.isFinite()) {
            throw new IllegalArgumentException("intent: a fixed needle needs entry_mm and tip_mm as [x, y, z] in mm");
        }
        if (!(entryMm.distanceTo(tipMm) > 1)) {
            throw new IllegalArgumentException("intent: fixed needle with entry " + entryMm + " and tip " + tipMm
                    + " is shorter than 1 mm: give distinct entry and tip points");
        }
        if (seedDistancesFromTipMm != null) {
            seedDistancesFromTipMm = List.copyOf(seedDistancesFromTipMm);
            double length = entryMm.distanceTo(tipMm);
            for (double d : seedDistancesFromTipMm) {
                if (!(d >= 0 && d <= length)) {
                    throw new IllegalArgumentException("intent: fixed needle seed at " + d + " mm from the tip lies outside the needle (length "
                            + Math.round(length) + " mm): give distances between 0 and the needle length");
                }
            }
        }
    }

    public boolean loadingFixed() {
        return seedDistancesFromTipMm != null;
    }
}
