package org.seedplan.verify.scanner;

import org.seedplan.geometry.Vec3;

/** Where a seed of a simulated scan truly lies (centre in patient mm, unit axis) and in what situation. */
public record TrueSeed(Vec3 centreMm, Vec3 axis, Situation situation) {

    /** How the seed sits, which decides how hard it is to find. */
    public enum Situation {
        /** On a needle track, alone. */
        NEEDLE,
        /** Touching another seed end to end. */
        END_TO_END,
        /** Touching another seed side by side. */
        SIDE_BY_SIDE,
        /** One of three parallel seeds in a bundle. */
        CLUMP,
        /** Touching the cortex of a vertebra. */
        TOUCHING_BONE,
        /** Migrated far from the implant, into the lung. */
        MIGRATED,
        /** 2 mm beside another metal implant. */
        BESIDE_METAL,
        /** A seed of an earlier implant. */
        PREVIOUS_IMPLANT
    }

    public TrueSeed {
        axis = axis.normalized();
    }

    /** Whether the seed is alone (its orientation is then measurable without a neighbour's help). */
    public boolean isolated() {
        return situation == Situation.NEEDLE || situation == Situation.MIGRATED || situation == Situation.PREVIOUS_IMPLANT;
    }
}
