package org.seedplan.planning.intent;

import org.seedplan.geometry.Vec3;

/** How needles reach the target: through a coplanar grid template, or free-hand / through a 3D-printed template. */
public sealed interface Approach permits Approach.CoplanarTemplate, Approach.FreeHand {

    /** Longest needle path from entry to tip, mm. */
    double maxLengthMm();

    /** Longest needle accepted, mm: implant needles are 150–200 mm; 300 mm leaves room without accepting cm as mm. */
    double MAX_NEEDLE_LENGTH_MM = 300;

    /**
     * A flat template with holes every {@code holeSpacingMm} in a plane; all needles parallel to
     * {@code needleDirection} (pointing into the patient). {@code templatePointMm} is a point of the
     * template plane, or null to fit the template automatically (just outside the skin, or
     * {@code standoffMm} in front of the target when there is no CT).
     */
    record CoplanarTemplate(Vec3 needleDirection, Vec3 templatePointMm, double holeSpacingMm, double standoffMm, double maxLengthMm)
            implements Approach {

        /** Standard template hole pitch, mm. */
        public static final double DEFAULT_HOLE_SPACING_MM = 5;

        public CoplanarTemplate {
            if (needleDirection == null) {
                throw new IllegalArgumentException("intent: approach.needle_direction is missing: give a vector [x, y, z] pointing into the patient");
            }
            needleDirection = needleDirection.normalized();
            if (!(holeSpacingMm >= 2 && holeSpacingMm <= 20)) {
                throw new IllegalArgumentException("intent: approach.hole_spacing_mm must be between 2 and 20 mm, got " + holeSpacingMm);
            }
            if (!(standoffMm >= 0)) {
                throw new IllegalArgumentException("intent: approach.standoff_mm must be ≥ 0 mm, got " + standoffMm);
            }
            if (!(maxLengthMm > 0) || !(maxLengthMm <= MAX_NEEDLE_LENGTH_MM)) {
                throw new IllegalArgumentException("intent: approach.max_length_mm must lie in (0, " + MAX_NEEDLE_LENGTH_MM
                        + "] mm (implant needles are 150-200 mm long), got " + maxLengthMm);
            }
        }
    }

    /**
     * Straight needles entering the skin within {@code entryRadiusMm} of {@code entryCentreMm}, at
     * most {@code maxAngleDeg} from the main direction (entry centre towards the target centre), at
     * least {@code minSpacingMm} apart inside the target: free-hand or 3D-printed non-coplanar template.
     */
    record FreeHand(Vec3 entryCentreMm, double entryRadiusMm, double minSpacingMm, double maxAngleDeg, double maxLengthMm)
            implements Approach {

        /** Default minimum spacing between needles, mm. */
        public static final double DEFAULT_MIN_SPACING_MM = 10;

        public FreeHand {
            if (entryCentreMm == null || !entryCentreMm.isFinite()) {
                throw new IllegalArgumentException("intent: approach.entry_centre_mm is missing: give the skin entry point [x, y, z] in mm");
            }
            if (!(entryRadiusMm >= 0)) {
                throw new IllegalArgumentException("intent: approach.entry_radius_mm must be ≥ 0 mm, got " + entryRadiusMm);
            }
            if (!(minSpacingMm >= 3 && minSpacingMm <= 30)) {
                throw new IllegalArgumentException("intent: approach.min_spacing_mm must be between 3 and 30 mm, got " + minSpacingMm);
            }
            if (!(maxAngleDeg >= 0 && maxAngleDeg < 90)) {
                throw new IllegalArgumentException("intent: approach.max_angle_deg must be in [0, 90) degrees, got " + maxAngleDeg);
            }
            if (!(maxLengthMm > 0) || !(maxLengthMm <= MAX_NEEDLE_LENGTH_MM)) {
                throw new IllegalArgumentException("intent: approach.max_length_mm must lie in (0, " + MAX_NEEDLE_LENGTH_MM
                        + "] mm (implant needles are 150-200 mm long), got " + maxLengthMm);
            }
        }
    }
}
