package org.seedplan.dicom.rtstruct;

import java.util.List;
import java.util.Optional;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * One ROI of an RT Structure Set: number, name, interpreted type (as written and as a
 * {@link StructureType}), display colour (0xRRGGBB), closed planar contours, single points, and
 * the number of contours skipped because they had fewer than 3 distinct points or were open.
 */
public record Roi(int number, String name, String interpretedType, StructureType type, int colorRgb,
                  List<Contour> contours, List<Vec3> points, int skippedContours) {

    public Roi {
        contours = List.copyOf(contours);
        points = List.copyOf(points);
    }

    /** The ROI as a seedplan structure, when it has closed contours. */
    public Optional<Structure> structure() {
        return contours.isEmpty() ? Optional.empty() : Optional.of(new Structure(name, type, colorRgb, contours));
    }

    /**
     * Volume enclosed by the contours, cc: each plane's area (even-odd rule: contours inside
     * others are holes, PS3.3 C.8.8.6.3) times the thickness of its slab, the distance between the
     * midpoints to the neighbouring contour planes (the end planes take the inner half-gap on both sides).
     */
    public double contourVolumeCc() {
        return ContourVolume.cc(contours);
    }
}
