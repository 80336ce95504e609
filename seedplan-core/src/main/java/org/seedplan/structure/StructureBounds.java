package org.seedplan.structure;

import java.util.Locale;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/** The axis-aligned box (patient mm) that a structure occupies, its contour slabs included. */
public record StructureBounds(Vec3 minMm, Vec3 maxMm) {

    /** Whether the box lies inside the outer boundary of the grid, within {@code toleranceMm}. */
    public boolean isInside(Grid grid, double toleranceMm) {
        Vec3 lo = grid.minCornerMm();
        Vec3 hi = grid.maxCornerMm();
        return minMm.x() >= lo.x() - toleranceMm && maxMm.x() <= hi.x() + toleranceMm
                && minMm.y() >= lo.y() - toleranceMm && maxMm.y() <= hi.y() + toleranceMm
                && minMm.z() >= lo.z() - toleranceMm && maxMm.z() <= hi.z() + toleranceMm;
    }

    /** "x a … b, y c … d, z e … f mm", for messages. */
    public String describe() {
        return describe(minMm, maxMm);
    }

    static String describe(Vec3 lo, Vec3 hi) {
        return String.format(Locale.ROOT, "x %.1f … %.1f, y %.1f … %.1f, z %.1f … %.1f mm",
                lo.x(), hi.x(), lo.y(), hi.y(), lo.z(), hi.z());
    }

    /** The outer boundary of a grid, described like a structure's box. */
    static String describe(Grid grid) {
        return describe(grid.minCornerMm(), grid.maxCornerMm());
    }
}
