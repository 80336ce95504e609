package org.seedplan.planning.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;

/** Marching squares against dose fields whose isodose lines are known exactly. */
class IsodoseLinesTest {

    @Test
    void lineOfALinearFieldIsTheStraightLineOfTheLevel() {
        Grid g = new Grid(new Vec3(-10, -10, -5), 1, 1, 2, 21, 21, 6);
        // d = 100 + 2x + y Gy: the 110 Gy line on every axial plane is 2x + y = 10
        float[] d = new float[g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    d[g.index(i, j, k)] = (float) (100 + 2 * g.x(i) + g.y(j));
                }
            }
        }
        List<IsodoseLines.Line> lines = IsodoseLines.of(new DoseGrid(g, d), SlicePlane.AXIAL, 0.7, List.of(new IsodoseLines.Level(110, "x")),
                List.of(100.0));
        double[] s = lines.get(0).segmentsMm();
        assertThat(lines.get(0).segmentCount()).isGreaterThan(10);
        for (int n = 0; n < s.length; n += 2) {
            // single-precision dose values: 1e-4 mm
            assertThat(2 * s[n] + s[n + 1]).isCloseTo(10, Offset.offset(1e-4));
        }
    }

    @Test
    void planesBetweenGridPlanesInterpolateAndOutsideTheGridHaveNoLines() {
        Grid g = new Grid(new Vec3(0, 0, 0), 1, 1, 1, 5, 5, 3);
        // d = 10·z: on the coronal planes nothing changes with y; the 5 Gy line lies at z = 0.5
        float[] d = new float[g.voxelCount()];
        for (int n = 0; n < d.length; n++) {
            d[n] = (float) (10 * g.centre(n).z());
        }
        DoseGrid dose = new DoseGrid(g, d);
        double[] s = IsodoseLines.of(dose, SlicePlane.CORONAL, 2.3, List.of(new IsodoseLines.Level(5, "x")), List.of(50.0)).get(0).segmentsMm();
        assertThat(s.length).isGreaterThan(0);
        for (int n = 1; n < s.length; n += 2) {
            assertThat(s[n]).isCloseTo(0.5, Offset.offset(1e-6));
        }
        assertThat(IsodoseLines.of(dose, SlicePlane.SAGITTAL, 9, List.of(new IsodoseLines.Level(5, "x")), List.of(50.0)).get(0).segmentCount())
                .isZero();
    }

    /** Dose at a point by trilinear interpolation between voxel centres (clamped at the grid's end centres). */
    static double trilinear(DoseGrid dose, Vec3 p) {
        Grid g = dose.grid();
        double[] u = {(p.x() - g.originMm().x()) / g.dxMm(), (p.y() - g.originMm().y()) / g.dyMm(), (p.z() - g.originMm().z()) / g.dzMm()};
        int[] n = {g.nx(), g.ny(), g.nz()};
        int[] lo = new int[3];
        double[] t = new double[3];
        for (int a = 0; a < 3; a++) {
            double c = Math.max(0, Math.min(n[a] - 1, u[a]));
            lo[a] = Math.min(n[a] - 2, (int) Math.floor(c));
            t[a] = c - lo[a];
        }
        double sum = 0;
        for (int c = 0; c < 8; c++) {
            int di = c & 1, dj = (c >> 1) & 1, dk = (c >> 2) & 1;
            double w = (di == 1 ? t[0] : 1 - t[0]) * (dj == 1 ? t[1] : 1 - t[1]) * (dk == 1 ? t[2] : 1 - t[2]);
            sum += w * dose.at(lo[0] + di, lo[1] + dj, lo[2] + dk);
        }
        return sum;
    }
}
