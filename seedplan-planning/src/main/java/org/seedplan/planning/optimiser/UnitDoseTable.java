package org.seedplan.planning.optimiser;

import org.seedplan.dose.Tg43Kernel;

/**
 * Dose rate per unit air-kerma strength of one seed for the influence matrix: the kernel itself
 * within {@value #EXACT_RADIUS_MM} mm of the seed centre, beyond that the core's table of r²·Ḋ/S_K
 * over (r, q = y/(y + |z|)) ({@link Tg43Kernel#table}), steps of {@value #STEP_MM} mm and
 * 1/{@value #ANGLE_STEPS}: within 0.1 % of the kernel (UnitDoseTableTest).
 */
public final class UnitDoseTable {

    static final double EXACT_RADIUS_MM = 3.0;
    static final double STEP_MM = 0.1;
    static final int ANGLE_STEPS = 256;

    private final Tg43Kernel kernel;
    private final Tg43Kernel.Table table;

    /** Tabulates the kernel out to {@code maxRadiusMm}; farther points are read on the last row. */
    public UnitDoseTable(Tg43Kernel kernel, double maxRadiusMm) {
        this.kernel = kernel;
        this.table = kernel.table(EXACT_RADIUS_MM, maxRadiusMm, STEP_MM, kernel.model().usesAxis() ? ANGLE_STEPS : 0);
    }

    /** Dose rate per U (cGy·h⁻¹·U⁻¹) at squared distance {@code r2} (mm²) and along-axis offset {@code axialMm}. */
    public double doseRatePerU(double r2, double axialMm) {
        double r = Math.sqrt(r2);
        if (r < EXACT_RADIUS_MM) {
            return kernel.doseRatePerU(r, axialMm);
        }
        return table.doseRatePerU(r, r2, axialMm);
    }
}
