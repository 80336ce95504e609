package org.seedplan.dose.tissue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.seedplan.io.CsvTable;

/**
 * A CT calibration curve: mass density (g/cm³) as a piecewise-linear function of the CT number (HU),
 * constant beyond its first and last points. TG-186 (Beaulieu et al. 2012, §IV.B) asks for the
 * scanner's own curve; {@link #standard()} is a generic one for when none is given.
 */
public record HuDensityCurve(String source, double[] hu, double[] densityGPerCm3) {

    /** Lowest CT number a point may have: air is −1000 HU, and no scanner reconstructs much below it. */
    static final double MIN_HU = -1100;
    /** Highest density a point may have, g/cm³: above platinum (21.45) is a unit slip (kg/m³ for g/cm³). */
    public static final double MAX_DENSITY_G_PER_CM3 = 22.6;

    public HuDensityCurve {
        if (hu.length != densityGPerCm3.length || hu.length < 2) {
            throw new IllegalArgumentException(source + ": a HU-to-density curve needs at least two points (hu,density_g_per_cm3), got "
                    + Math.min(hu.length, densityGPerCm3.length));
        }
        hu = hu.clone();
        densityGPerCm3 = densityGPerCm3.clone();
    }

    /**
     * The default curve: the ICRU Report 46 / ICRP 110 nominal densities of air (0.0012), inflated lung (0.26),
     * adipose tissue (0.95), water (1.00), liver (1.06) and cortical bone (1.92 g/cm³) placed at the CT numbers a
     * 120 kV scanner gives these tissues in the stoichiometric calibration of Schneider, Pedroni and Lomax
     * (Phys Med Biol 41:111, 1996): −1000, −741, −98, 0, 60 and 1300 HU, continued with the bone slope to the
     * 12-bit ceiling of 3071 HU. Scanner-specific within about ±5 % in soft tissue and ±10 % in bone; give the
     * scanner's own curve for clinical use.
     */
    public static HuDensityCurve standard() {
        return new HuDensityCurve("the default HU-to-density curve (ICRU 46 tissues at typical 120 kV CT numbers)",
                new double[] {-1000, -741, -98, 0, 60, 1300, 3071},
                new double[] {0.00121, 0.26, 0.95, 1.00, 1.06, 1.92, 3.15});
    }

    /**
     * Reads a curve from a CSV file with the columns {@code hu,density_g_per_cm3}: CT numbers strictly
     * increasing, densities positive and not decreasing (a denser tissue never has a lower CT number).
     */
    public static HuDensityCurve read(Path csv) {
        CsvTable t = CsvTable.read(csv);
        t.requireColumns("hu", "density_g_per_cm3");
        if (t.rowCount() < 2) {
            throw new IllegalArgumentException(csv + ": " + t.rowCount() + " calibration point(s): give at least two rows of"
                    + " hu,density_g_per_cm3 (air at -1000 HU and water at 0 HU at least)");
        }
        double[] hu = t.numbers("hu");
        double[] rho = t.numbers("density_g_per_cm3");
        for (int r = 0; r < hu.length; r++) {
            String where = csv + " row " + (r + 2) + ": ";
            if (hu[r] < MIN_HU) {
                throw new IllegalArgumentException(where + "hu " + num(hu[r]) + " is below " + num(MIN_HU)
                        + " HU (air is -1000): give CT numbers in HU, not raw stored values (apply the rescale slope and intercept)");
            }
            if (!(rho[r] > 0)) {
                throw new IllegalArgumentException(where + "density_g_per_cm3 " + num(rho[r])
                        + " is not positive: give the mass density in g/cm³ (air 0.0012, water 1.0)");
            }
            if (rho[r] > MAX_DENSITY_G_PER_CM3) {
                throw new IllegalArgumentException(where + "density_g_per_cm3 " + num(rho[r]) + " is above " + num(MAX_DENSITY_G_PER_CM3)
                        + " g/cm³, denser than any element: give g/cm³, not kg/m³ (water is 1.0)");
            }
            if (r > 0 && !(hu[r] > hu[r - 1])) {
                throw new IllegalArgumentException(where + "hu " + num(hu[r]) + " does not increase on the previous row's " + num(hu[r - 1])
                        + ": sort the rows by increasing HU, one row per CT number");
            }
            if (r > 0 && rho[r] < rho[r - 1]) {
                throw new IllegalArgumentException(where + "density_g_per_cm3 " + num(rho[r]) + " is below the previous row's "
                        + num(rho[r - 1]) + " at a higher HU: a calibration curve never decreases; check the row");
            }
        }
        return new HuDensityCurve(csv.toString(), hu, rho);
    }

    /** Mass density in g/cm³ at a CT number: linear between the points, the end value beyond them. */
    public double densityGPerCm3(double ctHu) {
        int n = hu.length;
        if (ctHu <= hu[0]) {
            return densityGPerCm3[0];
        }
        if (ctHu >= hu[n - 1]) {
            return densityGPerCm3[n - 1];
        }
        int pos = Arrays.binarySearch(hu, ctHu);
        if (pos >= 0) {
            return densityGPerCm3[pos];
        }
        int hi = -pos - 1;
        int lo = hi - 1;
        double t = (ctHu - hu[lo]) / (hu[hi] - hu[lo]);
        return densityGPerCm3[lo] + t * (densityGPerCm3[hi] - densityGPerCm3[lo]);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
