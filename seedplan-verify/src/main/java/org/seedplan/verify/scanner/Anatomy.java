package org.seedplan.verify.scanner;

import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/**
 * The anatomy behind the bench's implants, in mm from the grid's centre: an elliptic body
 * (152 × 128 mm) with an 8 mm fat layer, soft tissue of 40 HU, a liver region of 60 HU that holds
 * the implant, a lung of −850 HU to one side and a vertebral body (28 mm) with a 2.5 mm cortex of
 * 1800 HU around trabecular bone of 250 HU. Needs a field of view of at least 160 mm.
 */
public final class Anatomy {

    /** Centre of the implant region (liver), mm from the grid centre. */
    public static final Vec3 IMPLANT_CENTRE = new Vec3(-22, -10, 0);
    /** Radius of the implant region, mm. */
    public static final double IMPLANT_RADIUS_MM = 25;
    /** Centre of the vertebral body, mm from the grid centre (posterior is +y). */
    public static final Vec3 VERTEBRA_CENTRE = new Vec3(0, 42, 0);
    /** Radius of the vertebral body, mm. */
    public static final double VERTEBRA_RADIUS_MM = 14;
    /** Centre of the lung, mm from the grid centre. */
    public static final Vec3 LUNG_CENTRE = new Vec3(44, -10, 0);

    private Anatomy() {
    }

    /** The anatomy's CT numbers on the grid, HU. */
    public static float[] draw(Grid g) {
        if (g.nx() * g.dxMm() < 160 || g.ny() * g.dyMm() < 160) {
            throw new IllegalArgumentException("the bench anatomy needs a field of view of at least 160 × 160 mm, got "
                    + g.nx() * g.dxMm() + " × " + g.ny() * g.dyMm() + " mm: use more or larger pixels");
        }
        Vec3 c = centre(g);
        float[] hu = new float[g.voxelCount()];
        for (int j = 0; j < g.ny(); j++) {
            double y = g.y(j) - c.y();
            for (int i = 0; i < g.nx(); i++) {
                double x = g.x(i) - c.x();
                double v = value(x, y);
                for (int k = 0; k < g.nz(); k++) {
                    hu[g.index(i, j, k)] = (float) v;
                }
            }
        }
        return hu;
    }

    private static double value(double x, double y) {
        double body = sq(x / 76) + sq(y / 64);
        if (body > 1) {
            return -1000;
        }
        if (sq(x / 68) + sq(y / 56) > 1) {
            return -100;
        }
        double rv = Math.hypot(x - VERTEBRA_CENTRE.x(), y - VERTEBRA_CENTRE.y());
        if (rv <= VERTEBRA_RADIUS_MM) {
            return rv > VERTEBRA_RADIUS_MM - 2.5 ? 1800 : 250;
        }
        if (sq((x - LUNG_CENTRE.x()) / 22) + sq((y - LUNG_CENTRE.y()) / 30) <= 1) {
            return -850;
        }
        if (sq((x - IMPLANT_CENTRE.x()) / 40) + sq((y - IMPLANT_CENTRE.y()) / 36) <= 1) {
            return 60;
        }
        return 40;
    }

    /** The grid's centre, mm (the anatomy's origin). */
    public static Vec3 centre(Grid g) {
        return new Vec3((g.x(0) + g.x(g.nx() - 1)) / 2, (g.y(0) + g.y(g.ny() - 1)) / 2, (g.z(0) + g.z(g.nz() - 1)) / 2);
    }

    private static double sq(double v) {
        return v * v;
    }
}
