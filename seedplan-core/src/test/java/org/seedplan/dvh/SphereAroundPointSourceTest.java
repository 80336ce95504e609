package org.seedplan.dvh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seedplan.dose.DecayIntegral;
import org.seedplan.dose.DoseGrid;
import org.seedplan.dose.DoseModel;
import org.seedplan.dose.ReferenceDoseEngine;
import org.seedplan.dose.Seed;
import org.seedplan.dose.Tg43Kernel;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.source.SourceLibrary;
import org.seedplan.structure.Contour;
import org.seedplan.structure.Mask;
import org.seedplan.structure.MaskRasterizer;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/**
 * Acceptance (issue 2): a sphere of radius R centred on one seed under the TG-43 1D point-source
 * model. The dose depends on r alone and falls with r, so the hottest x % of the sphere is the
 * concentric ball of radius r_x = R·(x/100)^⅓ and Dx% = D(r_x); D100 = D(R); V100 = (r_Rx/R)³ with
 * D(r_Rx) = Rx. D(r) is the kernel's dose-versus-radius curve, evaluated directly at these radii
 * (no grid, no DVH). The sphere is contoured on the CT slices (128-gons) of the grid, the dose
 * computed by the reference engine on the same grid; the metrics must agree within 1 %, the
 * issue's tolerance. Spheres of 12–20 mm radius on 1 × 1 × 2.5 mm agree within 0.5 %. The
 * accuracy is set by how well the grid resolves the dose gradient (2/r per mm for a lone seed:
 * 25 %/mm at 8 mm): a 6 mm sphere (0.9 cc, a small node) needs the 0.5 mm grid of the last case;
 * on 1 × 1 × 2.5 mm its D90 is 3 % high (docs/structures-and-dvh.md).
 */
class SphereAroundPointSourceTest {

    private static final double SK_U = 0.762; // 0.6 mCi × 1.270 U/mCi

    @ParameterizedTest(name = "{0} R = {1} mm, slices {2} mm")
    @CsvSource({"amersham6711, 20, 2.5", "amersham6711, 12, 2.5", "isoaid_iai125a, 16, 2.5", "amersham6711, 6, 0.5"})
    void d90D100AndV100MatchTheAnalyticRadialCurve(String sourceKey, double radiusMm, double sliceMm) {
        Tg43Kernel kernel = new Tg43Kernel(SourceLibrary.builtIn().model(sourceKey), DoseModel.POINT_1D);
        DecayIntegral permanent = DecayIntegral.permanent(DecayIntegral.I125_HALF_LIFE_DAYS);
        double gyPerU = SK_U * permanent.gyPerCGyPerH();
        // seed off the voxel centres, so that no voxel centre sits on it
        Vec3 seedAt = new Vec3(0.31, -0.27, 0.4);
        double half = radiusMm + 4;
        Grid grid = Grid.covering(new Vec3(-half, -half, -half - 2.5), new Vec3(half, half, half + 2.5), Math.min(1, sliceMm),
                Math.min(1, sliceMm), sliceMm);
        Structure sphere = sphereOnSlices(seedAt, radiusMm, grid);
        Mask mask = MaskRasterizer.rasterize(sphere, grid);
        DoseGrid dose = new ReferenceDoseEngine(kernel).dose(List.of(new Seed(seedAt, Vec3.UNIT_Z, SK_U)), grid, permanent);

        double rxRadiusMm = 0.85 * radiusMm;
        double prescriptionGy = gyPerU * kernel.doseRatePerU(rxRadiusMm, 0);
        PlanMetrics plan = new DoseMetricsCalculator(List.of(RoiMask.of(sphere, mask)), grid, prescriptionGy).compute(dose);
        StructureMetrics m = plan.structures().get(0);

        double d90 = gyPerU * kernel.doseRatePerU(radiusMm * Math.cbrt(0.90), 0);
        double d100 = gyPerU * kernel.doseRatePerU(radiusMm, 0);
        double v100 = 100 * Math.pow(rxRadiusMm / radiusMm, 3);
        assertThat(m.dPctGy().get("90")).isCloseTo(d90, within(0.01 * d90));
        assertThat(m.dPctGy().get("100")).isCloseTo(d100, within(0.01 * d100));
        assertThat(m.vPct().get("100")).isCloseTo(v100, within(0.01 * v100));
    }

    /** The sphere drawn on every slice of the grid that cuts it, as 128-gons inscribed in the circles. */
    private static Structure sphereOnSlices(Vec3 c, double r, Grid grid) {
        List<Contour> contours = new ArrayList<>();
        for (int k = 0; k < grid.nz(); k++) {
            double dz = grid.z(k) - c.z();
            if (Math.abs(dz) >= r) {
                continue;
            }
            double rho = Math.sqrt(r * r - dz * dz);
            double[] x = new double[128];
            double[] y = new double[128];
            for (int n = 0; n < 128; n++) {
                x[n] = c.x() + rho * Math.cos(2 * Math.PI * n / 128);
                y[n] = c.y() + rho * Math.sin(2 * Math.PI * n / 128);
            }
            contours.add(new Contour(grid.z(k), x, y));
        }
        return new Structure("GTV", StructureType.GTV, contours);
    }
}
