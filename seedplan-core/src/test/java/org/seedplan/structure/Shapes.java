package org.seedplan.structure;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/** Analytic test shapes drawn as planar contours, the way a physician contours on CT slices. */
final class Shapes {

    /** Points per contour: a 128-gon inscribed in a circle keeps 99.96 % of its area (n·sin(2π/n)/2π). */
    static final int POINTS = 128;

    private Shapes() {
    }

    /** Ellipsoid with semi-axes (a, b, c) mm centred at c, contoured on planes z = z0 + n·spacing crossing it. */
    static Structure ellipsoid(String name, Vec3 centre, double a, double b, double c, double planeSpacingMm, double planePhaseMm) {
        List<Contour> contours = new ArrayList<>();
        double first = Math.ceil((centre.z() - c - planePhaseMm) / planeSpacingMm) * planeSpacingMm + planePhaseMm;
        for (double z = first; z < centre.z() + c; z += planeSpacingMm) {
            double t = (z - centre.z()) / c;
            double s = 1 - t * t;
            if (s <= 1e-6) {
                continue;
            }
            contours.add(ellipse(z, centre.x(), centre.y(), a * Math.sqrt(s), b * Math.sqrt(s)));
        }
        return new Structure(name, StructureType.GTV, contours);
    }

    static Structure sphere(String name, Vec3 centre, double r, double planeSpacingMm, double planePhaseMm) {
        return ellipsoid(name, centre, r, r, r, planeSpacingMm, planePhaseMm);
    }

    static Contour ellipse(double z, double cx, double cy, double ra, double rb) {
        double[] x = new double[POINTS];
        double[] y = new double[POINTS];
        for (int n = 0; n < POINTS; n++) {
            double phi = 2 * Math.PI * n / POINTS;
            x[n] = cx + ra * Math.cos(phi);
            y[n] = cy + rb * Math.sin(phi);
        }
        return new Contour(z, x, y);
    }

    /** Radius (mm) of a sphere of the given volume (cc). */
    static double radiusForCc(double cc) {
        return Math.cbrt(cc * 1000 * 3 / (4 * Math.PI));
    }

    /** A 1 × 1 × 2.5 mm grid around the origin covering ±halfMm in x, y and ±halfZ in z. */
    static Grid grid(double halfMm, double halfZMm) {
        return Grid.covering(new Vec3(-halfMm, -halfMm, -halfZMm), new Vec3(halfMm, halfMm, halfZMm), 1, 1, 2.5);
    }

    /** Volume (cc) of the slab model: Σ plane area (shoelace, even-odd by signed sum of nested contours) × slab thickness. */
    static double slabVolumeCc(Structure s, double singlePlaneThicknessMm) {
        double sum = 0;
        for (MaskRasterizer.Plane p : MaskRasterizer.planes(s, singlePlaneThicknessMm)) {
            double area = 0;
            for (Contour c : p.contours()) {
                area += Math.abs(c.signedAreaMm2());
            }
            sum += area * (p.hiMm() - p.loMm());
        }
        return sum / 1000;
    }
}
