package org.seedplan.planning.template;

import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;

/** Synthetic CTs for template tests: bodies with a known skin, the skin at the -500 HU half-way point of a 1 mm ramp. */
final class TemplatePhantoms {

    private TemplatePhantoms() {
    }

    /** A body in air whose skin is {@code outsideMm(p) = 0} (positive outside, a distance in mm), with bone where {@code bone(p)}. */
    interface Body {
        double outsideMm(Vec3 p);

        default boolean bone(Vec3 p) {
            return false;
        }
    }

    /** A CT on {@code grid} of {@code body}: 0 HU tissue, -1000 HU air, a linear ramp over 1 mm at the skin, 700 HU bone. */
    static Volume ct(Grid grid, Body body) {
        float[] hu = new float[grid.voxelCount()];
        for (int k = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++) {
                    Vec3 p = grid.centre(i, j, k);
                    double out = body.outsideMm(p);
                    double tissue = Math.max(0, Math.min(1, 0.5 - out));
                    hu[grid.index(i, j, k)] = body.bone(p) ? 700f : (float) (-1000 + 1000 * tissue);
                }
            }
        }
        return new Volume(grid, hu);
    }

    /** A sphere of radius {@code radiusMm} about the origin on a 1 mm grid covering it. */
    static Volume sphere(double radiusMm) {
        double e = radiusMm + 25;
        Grid g = Grid.covering(new Vec3(-e, -e, -e), new Vec3(e, e, e), 1, 1, 1);
        return ct(g, p -> p.norm() - radiusMm);
    }
}
