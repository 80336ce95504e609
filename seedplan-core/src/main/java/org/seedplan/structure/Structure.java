package org.seedplan.structure;

import java.util.List;

/** A named region of interest drawn as planar contours (patient mm), for example a GTV or an organ at risk. */
public record Structure(String name, StructureType type, int colorRgb, List<Contour> contours) {

    public Structure {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("structure has no name: give every structure a name");
        }
        contours = List.copyOf(contours);
        if (contours.isEmpty()) {
            throw new IllegalArgumentException("structure '" + name + "' has no contours: draw at least one closed contour");
        }
    }

    public Structure(String name, StructureType type, List<Contour> contours) {
        this(name, type, 0xFF0000, contours);
    }
}
