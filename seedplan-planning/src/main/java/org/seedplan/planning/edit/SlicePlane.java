package org.seedplan.planning.edit;

/**
 * The three orthogonal image planes and their in-plane axes in patient (LPS) mm: axial (x, y) at a z,
 * coronal (x, z) at a y, sagittal (y, z) at an x.
 */
public enum SlicePlane {
    AXIAL, CORONAL, SAGITTAL;

    /** The plane named by {@code text} (case-insensitive), or an exception naming the choices. */
    public static SlicePlane parse(String text) {
        for (SlicePlane p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("slice plane '" + text + "' is unknown: give axial, coronal or sagittal");
    }
}
