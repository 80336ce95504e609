package org.seedplan.verify.seedfinder;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one pass over a scan tells the seed finder: its range, the soft-tissue level (median of
 * the voxels between −200 and 300 HU, by a 1 HU histogram) and the metal level (upper decile of the
 * voxels at or above the minimum metal level: 3071 HU on a clipping scanner, the bright cores of
 * the seeds otherwise). Refuses volumes that are not CT in HU.
 */
record ScanStats(double minHu, double maxHu, double backgroundHu, double metalLevelHu) {

    static ScanStats of(float[] hu, double minMetalHu) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        int[] hist = new int[501];
        float[] bright = new float[256];
        int nBright = 0;
        float metalFloor = (float) minMetalHu;
        for (float v : hu) {
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("the scan contains voxels that are not numbers: give a CT in HU");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (v >= -200 && v <= 300) {
                hist[Math.round(v) + 200]++;
            } else if (v >= metalFloor) {
                if (nBright == bright.length) {
                    bright = Arrays.copyOf(bright, 2 * nBright);
                }
                bright[nBright++] = v;
            }
        }
        if (min > -150) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the scan does not look like a CT in Hounsfield units: its lowest value is %.0f, but a CT shows air or "
                            + "fat below -150 HU: give the post-implant CT series (not MR, dose or a derived image)", min));
        }
        long count = 0;
        for (int c : hist) {
            count += c;
        }
        double background = 0;
        long run = 0;
        for (int b = 0; b < hist.length && count > 0; b++) {
            run += hist[b];
            if (run > count / 2) {
                background = b - 200;
                break;
            }
        }
        double metal = max;
        if (nBright > 0) {
            float[] sorted = Arrays.copyOf(bright, nBright);
            Arrays.sort(sorted);
            metal = sorted[(int) Math.floor(0.9 * (nBright - 1))];
        }
        return new ScanStats(min, max, background, metal);
    }
}
