package org.seedplan.dvh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedplan.dose.DoseGrid;
import org.seedplan.geometry.Grid;
import org.seedplan.geometry.Vec3;
import org.seedplan.structure.Mask;
import org.seedplan.structure.StructureType;

/**
 * A constructed case with hand-computed indices. Grid: 1 × 1 × 2.5 mm voxels with edges at
 * x = −20 … 80, y = 0 … 40, z = 0 … 25 mm (100 cc). Dose D(x) = 2·(x + 30) Gy, Rx = 80 Gy (x = 10).
 * Target: x 0 … 40, y 0 … 20 (20 cc). Organ at risk: x 0 … 20, y 20 … 40 (10 cc).
 * Hand computation (A_target = 500 mm², A_grid = 1000 mm²):
 * TV_ref = V100 = (40 − 10)·500 = 15 cc, V150 (120 Gy, x = 30) = 5 cc, V200 (160 Gy, x = 50) = 0;
 * HI = (15 − 5)/15 = 2/3; PIV = (80 − 10)·1000 = 70 cc; CI = 15²/(20·70) = 0.160714;
 * OAR: V_ref = (20 − 10)·500 = 5 of 10 cc, so COIN = CI·(1 − 0.5) = 0.080357;
 * EI = (70 − 15)/20 = 2.75; MPD: the grid volume above x is (80 − x)·1 cc/mm = 20 cc at x = 60, 180 Gy;
 * D90 = D(4) = 68 Gy; D2cc = D(36) = 132 Gy; Dmean = D(20) = 100 Gy; V at 100 Gy absolute = 50 %.
 * The field is linear along x, for which the DVH curve is exact (DvhTest), so all are expected to
 * float precision (1e-4 relative).
 */
class DoseMetricsCalculatorTest {

    private final Grid grid = new Grid(new Vec3(-19.5, 0.5, 1.25), 1, 1, 2.5, 100, 40, 10);

    private Mask box(String name, double x0, double x1, double y0, double y1) {
        float[] f = new float[grid.voxelCount()];
        for (int n = 0; n < f.length; n++) {
            Vec3 c = grid.centre(n);
            if (c.x() > x0 && c.x() < x1 && c.y() > y0 && c.y() < y1) {
                f[n] = 1;
            }
        }
        return new Mask(name, grid, f);
    }

    @Test
    void indicesMatchHandComputation() {
        float[] d = new float[grid.voxelCount()];
        for (int n = 0; n < d.length; n++) {
            d[n] = (float) (2 * (grid.centre(n).x() + 30));
        }
        DoseGrid dose = new DoseGrid(grid, d);
        RoiMask target = RoiMask.of(box("PTV", 0, 40, 0, 20), StructureType.PTV);
        RoiMask organ = RoiMask.of(box("bowel", 0, 20, 20, 40), StructureType.ORGAN);
        DoseMetricsCalculator calc = new DoseMetricsCalculator(List.of(target, organ), grid, 80,
                MetricLevels.DEFAULT.withVolumeDosesGy(100));
        PlanMetrics plan = calc.compute(dose);
        assertThat(plan.prescriptionGy()).isEqualTo(80);
        assertThat(plan.prescriptionIsodoseVolumeCc()).isCloseTo(70, within(1e-3));
        StructureMetrics t = plan.structures().get(0);
        assertThat(t.name()).isEqualTo("PTV");
        assertThat(t.volumeCc()).isCloseTo(20, within(1e-9));
        assertThat(t.vPct().get("100")).isCloseTo(75, within(1e-3));
        assertThat(t.vPct().get("150")).isCloseTo(25, within(1e-3));
        assertThat(t.vPct().get("200")).isZero();
        assertThat(t.hi()).isCloseTo(2.0 / 3, within(1e-4));
        assertThat(t.ciPaddick()).isCloseTo(225.0 / 1400, within(1e-5));
        assertThat(t.coin()).isCloseTo(225.0 / 2800, within(1e-5));
        assertThat(t.ei()).isCloseTo(2.75, within(1e-4));
        assertThat(t.mpdGy()).isCloseTo(180, within(1e-2));
        assertThat(t.dPctGy()).containsOnlyKeys("2", "5", "10", "50", "90", "95", "98", "100");
        assertThat(t.dPctGy().get("90")).isCloseTo(68, within(1e-3));
        assertThat(t.dCcGy().get("2")).isCloseTo(132, within(1e-3));
        assertThat(t.dCcGy()).containsKey("0.1");
        assertThat(t.dmeanGy()).isCloseTo(100, within(1e-3));
        assertThat(t.vGyPct().get("100")).isCloseTo(50, within(1e-3));
        StructureMetrics o = plan.structures().get(1);
        assertThat(o.vPct().get("100")).isCloseTo(50, within(1e-3));
        assertThat(o.hi()).isNull();
        assertThat(o.ciPaddick()).isNull();
        assertThat(o.coin()).isNull();
        assertThat(o.ei()).isNull();
        assertThat(o.mpdGy()).isNull();
    }

    /** A structure (0.625 cc) smaller than 2 cc has no D2cc (null in the JSON), but has D0.1cc. */
    @Test
    void dxccLargerThanStructureIsNull() {
        float[] d = new float[grid.voxelCount()];
        java.util.Arrays.fill(d, 50f);
        RoiMask node = RoiMask.of(box("node", 0, 5, 0, 5), StructureType.GTV);
        StructureMetrics m = new DoseMetricsCalculator(List.of(node), grid, 80).compute(new DoseGrid(grid, d)).structures().get(0);
        assertThat(m.volumeCc()).isCloseTo(0.625, within(1e-9));
        assertThat(m.dCcGy().get("2")).isNull();
        assertThat(m.dCcGy().get("0.1")).isEqualTo(50);
        assertThat(m.dPctGy().get("90")).isEqualTo(50);
        // nothing reaches the prescription: no coverage, CI 0, HI undefined
        assertThat(m.ciPaddick()).isZero();
        assertThat(m.hi()).isNull();
    }

    /**
     * Two targets with their own prescriptions on the same linear field: GTV (x 20 … 40, 10 cc) at
     * 120 Gy (x = 30) and PTV at 80 Gy, reference 120 Gy. The PTV keeps exactly the indices of
     * {@link #indicesMatchHandComputation} (relative to 80 Gy, PIV and organ factor at 80 Gy).
     * GTV by hand: TV_ref = 5 cc, V100 = 50 %, V150 (180 Gy) = 0, HI = 1, PIV(120 Gy) = 50 cc,
     * CI = 5²/(10·50) = 0.05, the organ gets nothing ≥ 120 Gy so COIN = CI, EI = (50 − 5)/10 = 4.5.
     */
    @Test
    void eachTargetIsReadAgainstItsOwnPrescription() {
        float[] d = new float[grid.voxelCount()];
        for (int n = 0; n < d.length; n++) {
            d[n] = (float) (2 * (grid.centre(n).x() + 30));
        }
        RoiMask gtv = RoiMask.of(box("GTV", 20, 40, 0, 20), StructureType.GTV);
        RoiMask ptv = RoiMask.of(box("PTV", 0, 40, 0, 20), StructureType.PTV);
        RoiMask organ = RoiMask.of(box("bowel", 0, 20, 20, 40), StructureType.ORGAN);
        PlanMetrics plan = new DoseMetricsCalculator(List.of(gtv, ptv, organ), grid, 120, java.util.Map.of("GTV", 120.0, "PTV", 80.0),
                MetricLevels.DEFAULT).compute(new DoseGrid(grid, d));
        StructureMetrics g = plan.structures().get(0);
        assertThat(g.prescriptionGy()).isEqualTo(120);
        assertThat(g.vPct().get("100")).isCloseTo(50, within(1e-3));
        assertThat(g.hi()).isCloseTo(1, within(1e-4));
        assertThat(g.ciPaddick()).isCloseTo(0.05, within(1e-5));
        assertThat(g.coin()).isCloseTo(0.05, within(1e-5));
        assertThat(g.ei()).isCloseTo(4.5, within(1e-4));
        StructureMetrics p = plan.structures().get(1);
        assertThat(p.prescriptionGy()).isEqualTo(80);
        assertThat(p.vPct().get("100")).isCloseTo(75, within(1e-3));
        assertThat(p.vPct().get("150")).isCloseTo(25, within(1e-3));
        assertThat(p.hi()).isCloseTo(2.0 / 3, within(1e-4));
        assertThat(p.ciPaddick()).isCloseTo(225.0 / 1400, within(1e-5));
        assertThat(p.coin()).isCloseTo(225.0 / 2800, within(1e-5));
        assertThat(p.ei()).isCloseTo(2.75, within(1e-4));
        // organs are read against the reference prescription
        assertThat(plan.structures().get(2).prescriptionGy()).isEqualTo(120);
        assertThat(plan.structures().get(2).vPct().get("100")).isZero();
    }
}
