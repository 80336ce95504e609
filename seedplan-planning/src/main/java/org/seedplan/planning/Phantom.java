package org.seedplan.planning;

import java.util.ArrayList;
import java.util.List;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.geometry.Volume;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Synthetic planning cases built from analytic shapes: contours of ellipsoids and of irregular
 * star-shaped lesions on axial planes, and a CT-like volume (air, soft tissue, a bone). Used by the
 * planning benchmark and the planner's acceptance tests, where the shapes' volumes are known.
 */
public final class Phantom {

    private static final int POINTS_PER_CONTOUR = 72;

    private Phantom() {
    }

    /** An ellipsoid with semi-axes {@code semiAxesMm}, contoured every {@code sliceMm}. */
    public static Structure ellipsoid(String name, StructureType type, Vec3 centreMm, Vec3 semiAxesMm, double sliceMm) {
        return starShaped(name, type, centreMm, semiAxesMm, 0, 0, sliceMm);
    }

    /**
     * An irregular lesion: an ellipsoid whose in-plane radius is modulated by
     * 1 + a2·cos 2φ + a3·sin(3φ + z/10 mm) (lobes that twist from slice to slice).
     */
    public static Structure irregular(String name, StructureType type, Vec3 centreMm, Vec3 semiAxesMm, double a2, double a3,
                                      double sliceMm) {
        return starShaped(name, type, centreMm, semiAxesMm, a2, a3, sliceMm);
    }

    private static Structure starShaped(String name, StructureType type, Vec3 c, Vec3 r, double a2, double a3, double sliceMm) {
        List<Contour> contours = new ArrayList<>();
        int n = (int) Math.floor(r.z() / sliceMm);
        for (int k = -n; k <= n; k++) {
            double dz = k * sliceMm;
            double s = Math.sqrt(Math.max(0, 1 - (dz / r.z()) * (dz / r.z())));
            if (s < 0.05) {
                continue;
            }
            double[] x = new double[POINTS_PER_CONTOUR];
            double[] y = new double[POINTS_PER_CONTOUR];
            for (int p = 0; p < POINTS_PER_CONTOUR; p++) {
                double phi = 2 * Math.PI * p / POINTS_PER_CONTOUR;
                double m = 1 + a2 * Math.cos(2 * phi) + a3 * Math.sin(3 * phi + dz / 10);
                x[p] = c.x() + r.x() * s * m * Math.cos(phi);
                y[p] = c.y() + r.y() * s * m * Math.sin(phi);
            }
            contours.add(new Contour(c.z() + dz, x, y));
        }
        return new Structure(name, type, contours);
    }

    /**
     * A CT-like volume: air (−1000 HU) outside an elliptic body cylinder (soft tissue, 40 HU) with
     * semi-axes {@code bodySemiAxesMm} (x, y) around {@code centreMm}, and a bone cylinder (700 HU)
     * of radius {@code boneRadiusMm} along z through {@code boneCentreMm} (none if the radius is 0).
     */
    public static Volume ct(Grid grid, Vec3 centreMm, double[] bodySemiAxesMm, Vec3 boneCentreMm, double boneRadiusMm) {
        float[] hu = new float[grid.voxelCount()];
        for (int k = 0, n = 0; k < grid.nz(); k++) {
            for (int j = 0; j < grid.ny(); j++) {
                for (int i = 0; i < grid.nx(); i++, n++) {
                    double x = grid.x(i);
                    double y = grid.y(j);
                    double ex = (x - centreMm.x()) / bodySemiAxesMm[0];
                    double ey = (y - centreMm.y()) / bodySemiAxesMm[1];
                    float v = ex * ex + ey * ey <= 1 ? 40f : -1000f;
                    if (boneRadiusMm > 0 && Math.hypot(x - boneCentreMm.x(), y - boneCentreMm.y()) <= boneRadiusMm) {
                        v = 700f;
                    }
                    hu[n] = v;
                }
            }
        }
        return new Volume(grid, hu);
    }
}
