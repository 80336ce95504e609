package org.seedplan.verify.seedfinder;

import org.seedplan.geometry.Vec3;

/**
 * Something bright on the scan that the seed finder decided is not seeds, with where, how big, why,
 * and for other metal what it looks like (its shape class and length) and, for a wire seen as pieces on thick slices, of how many
 * pieces it is made.
 */
public record RejectedObject(Vec3 centreMm, double volumeMm3, double peakHu, Reason reason, MetalShape shape, double lengthMm,
                             int pieces) {

    /** One object (not pieces of one, such as a wire crossing thick slices leaves). */
    public RejectedObject(Vec3 centreMm, double volumeMm3, double peakHu, Reason reason, MetalShape shape, double lengthMm) {
        this(centreMm, volumeMm3, peakHu, reason, shape, lengthMm, 1);
    }

    /** Why an object is not counted as seeds. */
    public enum Reason {
        /** Its peak stays below the scan's metal level: bone, a calcification or contrast. */
        BONE_OR_CALCIFICATION,
        /** Metal, but too large or not shaped like seeds: a clip, a screw, a needle, a prosthesis. */
        OTHER_METAL,
        /** Metal, but far smaller than one seed (a fragment at the edge of the scan or a noise spike). */
        TOO_SMALL
    }

    /**
     * A short description for a clinician: "screw or rod, 31 mm long, 1510 mm³ at (x, y, z) mm"; an object seen as pieces says
     * how many: "wire, 78 mm long in 7 pieces, 290 mm³ at (x, y, z) mm".
     */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s, %.0f mm long%s, %.0f mm³ at (%.1f, %.1f, %.1f) mm", shape.label(), lengthMm,
                pieces > 1 ? " in " + pieces + " pieces" : "", volumeMm3, centreMm.x(), centreMm.y(), centreMm.z());
    }
}
