package org.seedplan.planning.template;

import java.util.Locale;

/**
 * How to build a printed template (all lengths mm): shell {@code thicknessMm} thick, {@code clearanceMm}
 * off the skin, over the entry points grown by {@code regionMarginMm}; channels of the needle's outer
 * diameter plus {@code channelClearanceMm}, each in a sleeve {@code sleeveWallMm} thick that rises
 * {@code sleeveLengthMm} above the shell; skin where the CT reaches {@code skinHu}, bone from
 * {@code boneHu}; channels meeting the skin flatter than {@code minEntryAngleDeg} are reported; the
 * mesh is sampled every {@code voxelMm}.
 */
public record TemplateOptions(double thicknessMm, double clearanceMm, double needleDiameterMm, double channelClearanceMm,
                              double sleeveLengthMm, double sleeveWallMm, double regionMarginMm, double skinHu, double boneHu,
                              double minEntryAngleDeg, double voxelMm) {

    /** Embossed labels and marks rise this far above the shell, mm. */
    public static final double EMBOSS_MM = 0.8;
    /** Least plastic between two channels inside the template, mm. */
    public static final double MIN_WALL_BETWEEN_CHANNELS_MM = 1.0;
    /** Diameter of the registration holes, mm: a few voxels of a 1 mm CT, so they show. */
    public static final double REGISTRATION_HOLE_DIAMETER_MM = 3.0;

    public TemplateOptions {
        positive("thickness-mm", thicknessMm, 1, 20);
        positive("clearance-mm", clearanceMm, 0.2, 10);
        positive("needle diameter", needleDiameterMm, 0.3, 3);
        positive("channel-clearance-mm", channelClearanceMm, 0, 2);
        positive("sleeve-mm", sleeveLengthMm, 0, 60);
        positive("sleeve-wall-mm", sleeveWallMm, 0.8, 5);
        positive("region-margin-mm", regionMarginMm, 8, 60);
        positive("min-entry-angle-deg", minEntryAngleDeg, 0, 89);
        positive("voxel-mm", voxelMm, 0.1, 1);
        if (!(skinHu > -1000 && skinHu < 0)) {
            throw new IllegalArgumentException("--skin-hu must lie between -1000 (air) and 0 (water), got " + skinHu);
        }
        if (!(boneHu > 100 && boneHu < 3000)) {
            throw new IllegalArgumentException("--bone-hu must lie between 100 and 3000 HU, got " + boneHu);
        }
        if (voxelMm > clearanceMm || voxelMm > thicknessMm / 4) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--voxel-mm %.2f is too coarse for a %.2f mm clearance and a"
                    + " %.2f mm shell: give at most %.2f mm", voxelMm, clearanceMm, thicknessMm, Math.min(clearanceMm, thicknessMm / 4)));
        }
    }

    /** The defaults: 3 mm shell, 1 mm clearance, 18 G needle, 0.3 mm channel clearance, 10 mm sleeves, 15 mm margin, 0.4 mm voxels. */
    public static TemplateOptions defaults() {
        return new TemplateOptions(3, 1, gaugeDiameterMm(18), 0.3, 10, 1.5, 15, -500, 300, 30, 0.4);
    }

    /** Radius of a channel, mm. */
    public double channelRadiusMm() {
        return (needleDiameterMm + channelClearanceMm) / 2;
    }

    /** Outer radius of a sleeve, mm. */
    public double sleeveRadiusMm() {
        return channelRadiusMm() + sleeveWallMm;
    }

    /**
     * Nominal outer diameter of a needle of gauge {@code gauge}, mm: the standard needle gauge chart
     * (Stubs needle gauge, 14 G = 0.083 in … 22 G = 0.02825 in, times 25.4), within the ranges of ISO 9626.
     */
    public static double gaugeDiameterMm(int gauge) {
        return switch (gauge) {
            case 14 -> 2.108;
            case 15 -> 1.829;
            case 16 -> 1.651;
            case 17 -> 1.473;
            case 18 -> 1.270;
            case 19 -> 1.067;
            case 20 -> 0.908;
            case 21 -> 0.819;
            case 22 -> 0.718;
            default -> throw new IllegalArgumentException("--gauge " + gauge + " is not a needle gauge seedplan knows: give 14 … 22"
                    + " (18 G, 1.27 mm, is usual for seed needles)");
        };
    }

    private static void positive(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--%s must lie in %s … %s, got %s", name, fmt(min), fmt(max),
                    fmt(v)));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
