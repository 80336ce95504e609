package org.seedplan.dvh;

import org.seedplan.dose.DoseGrid;

/**
 * Volumes enclosed by isodose surfaces over a whole dose grid (every voxel a full volume element
 * read at its centre), with the same interpolation as {@link Dvh}: the prescription isodose
 * volume (PIV, V_ref) of the conformity indices and the matched peripheral dose.
 *
 * <p>Both are only meaningful when the dose grid encloses the isodose surface: a grid cut through
 * the prescription isodose under-reports PIV.
 */
public final class IsodoseVolume {

    private IsodoseVolume() {
    }

    /** Volume of the grid receiving at least {@code levelGy}, cc, on the curve of {@link Dvh}, in one pass without sorting. */
    public static double volumeAtLeastCc(DoseGrid dose, double levelGy) {
        float[] d = dose.doseGy();
        long atLeast = 0;
        double above = Double.POSITIVE_INFINITY; // lowest dose ≥ level
        long atAbove = 0;
        double below = Double.NEGATIVE_INFINITY; // highest dose < level
        long atBelow = 0;
        for (float v : d) {
            if (v >= levelGy) {
                atLeast++;
                if (v < above) {
                    above = v;
                    atAbove = 1;
                } else if (v == above) {
                    atAbove++;
                }
            } else if (v > below) {
                below = v;
                atBelow = 1;
            } else if (v == below) {
                atBelow++;
            }
        }
        double voxelCc = dose.grid().voxelVolumeCc();
        if (atLeast == 0) {
            return 0;
        }
        if (atBelow == 0) {
            return atLeast * voxelCc;
        }
        double midAbove = atLeast - atAbove / 2.0;
        double midBelow = atLeast + atBelow / 2.0;
        double t = (above - levelGy) / (above - below);
        return (midAbove + t * (midBelow - midAbove)) * voxelCc;
    }

    /**
     * The dose of the isodose surface enclosing {@code volumeCc}: the matched peripheral dose (MPD)
     * when {@code volumeCc} is the target volume (AAPM TG-64, Yu et al., Med. Phys. 26 (1999) 2054,
     * after Willins &amp; Wallner, IJROBP 39 (1997) 347). Gy; NaN when the grid is smaller.
     *
     * <p>Only the hottest voxels are sorted: a histogram finds the dose below which the requested
     * volume is surely reached, and the DVH of the voxels above it answers exactly.
     */
    public static double levelEnclosingCc(DoseGrid dose, double volumeCc) {
        float[] d = dose.doseGy();
        double voxelCc = dose.grid().voxelVolumeCc();
        if (!(volumeCc >= 0) || volumeCc > d.length * voxelCc) {
            return Double.NaN;
        }
        float max = 0;
        for (float v : d) {
            max = Math.max(max, v);
        }
        if (max == 0) {
            return 0;
        }
        int bins = 4096;
        long[] histogram = new long[bins];
        double scale = bins / (double) max;
        for (float v : d) {
            histogram[Math.min(bins - 1, Math.max(0, (int) (v * scale)))]++;
        }
        long needed = (long) Math.ceil(volumeCc / voxelCc) + 2;
        long count = 0;
        int edge = bins - 1;
        while (edge > 0 && count + histogram[edge] < needed) {
            count += histogram[edge];
            edge--;
        }
        // one bin lower than needed, so that float rounding at the bin edge cannot drop a voxel
        float threshold = edge <= 1 ? Float.NEGATIVE_INFINITY : (float) ((edge - 1) / scale);
        int keep = 0;
        for (float v : d) {
            if (v >= threshold) {
                keep++;
            }
        }
        float[] hottest = new float[keep];
        int n = 0;
        for (float v : d) {
            if (v >= threshold) {
                hottest[n++] = v;
            }
        }
        Dvh top = Dvh.of("dose grid", hottest, voxelCc);
        if (keep < d.length && volumeCc >= top.lastPointCc()) {
            // a large group of equal doses straddles the cut: use the whole grid
            top = Dvh.of("dose grid", d, voxelCc);
        }
        return top.doseAtVolumeCc(volumeCc);
    }
}
