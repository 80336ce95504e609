package org.seedplan.verify.seedfinder;

import org.seedplan.geometry.Vec3;

/** Something bright on the scan that the seed finder decided is not seeds, with where, how big and why. */
public record RejectedObject(Vec3 centreMm, double volumeMm3, double peakHu, Reason reason) {

    /** Why an object is not counted as seeds. */
    public enum Reason {
        /** Its peak stays below the scan's metal level: bone, a calcification or contrast. */
        BONE_OR_CALCIFICATION,
        /** Metal, but too large or not shaped like seeds: a clip, a screw, a needle, a prosthesis. */
        OTHER_METAL,
        /** Metal, but far smaller than one seed (a fragment at the edge of the scan or a noise spike). */
        TOO_SMALL
    }
}
