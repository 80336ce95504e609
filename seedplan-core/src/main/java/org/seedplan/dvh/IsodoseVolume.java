package org.seedplan.dvh;

import org.seedplan.dose.DoseGrid;

/**
 * Volumes enclosed by isodose surfaces over a whole dose grid (every voxel a full volume element
 * read at its centre), with the same interpolation as {@link Dvh}: the prescription isodose
 * volume (PIV, V_ref) of the conformity indices and the matched peripheral dose, for several levels
 * and volumes at once in three passes over the grid ({@link #of}).
 *
 * <p>Both are only meaningful when the dose grid encloses the isodose surface: a grid cut through
 * the prescription isodose under-reports PIV.
 */
public final class IsodoseVolume {

    /** Histogram bins that locate the hottest voxels. */
    private static final int BINS = 4096;

    private final double[] volumesCc;
    private final double[] enclosingLevelsGy;

    private IsodoseVolume(double[] volumesCc, double[] enclosingLevelsGy) {
        this.volumesCc = volumesCc;
        this.enclosingLevelsGy = enclosingLevelsGy;
    }

    /**
     * The volume receiving at least each of {@code levelsGy} and the isodose level enclosing each of
     * {@code enclosedCc}, in three passes: the maximum with the counts around every level, a histogram of
     * the doses, the hottest voxels gathered and sorted.
     */
    public static IsodoseVolume of(DoseGrid dose, double[] levelsGy, double[] enclosedCc) {
        float[] d = dose.doseGy();
        int levels = levelsGy.length;
        long[] atLeast = new long[levels];
        float[] above = new float[levels]; // lowest dose ≥ level
        long[] atAbove = new long[levels];
        float[] below = new float[levels]; // highest dose < level
        long[] atBelow = new long[levels];
        java.util.Arrays.fill(above, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(below, Float.NEGATIVE_INFINITY);
        float max = 0;
        for (float v : d) {
            max = Math.max(max, v);
            for (int l = 0; l < levels; l++) {
                if (v >= levelsGy[l]) {
                    atLeast[l]++;
                    if (v < above[l]) {
                        above[l] = v;
                        atAbove[l] = 1;
                    } else if (v == above[l]) {
                        atAbove[l]++;
                    }
                } else if (v > below[l]) {
                    below[l] = v;
                    atBelow[l] = 1;
                } else if (v == below[l]) {
                    atBelow[l]++;
                }
            }
        }
        double voxelCc = dose.grid().voxelVolumeCc();
        double[] volumes = new double[levels];
        for (int l = 0; l < levels; l++) {
            if (atLeast[l] == 0) {
                volumes[l] = 0;
            } else if (atBelow[l] == 0) {
                volumes[l] = atLeast[l] * voxelCc;
            } else {
                double midAbove = atLeast[l] - atAbove[l] / 2.0;
                double midBelow = atLeast[l] + atBelow[l] / 2.0;
                double t = (above[l] - levelsGy[l]) / ((double) above[l] - below[l]);
                volumes[l] = (midAbove + t * (midBelow - midAbove)) * voxelCc;
            }
        }
        return new IsodoseVolume(volumes, enclosing(d, max, voxelCc, enclosedCc));
    }

    /**
     * The dose of the isodose surface enclosing each volume: the matched peripheral dose (MPD) when the
     * volume is the target volume (AAPM TG-64, Yu et al., Med. Phys. 26 (1999) 2054, after Willins &amp;
     * Wallner, IJROBP 39 (1997) 347). Gy; NaN when the grid is smaller.
     *
     * <p>Only the hottest voxels are sorted: a histogram finds the bin below which every requested volume
     * is surely reached, and the DVH of the voxels from the bin below it on answers exactly (a bin is a
     * range of doses, so those voxels are all that are hotter than some dose).
     */
    private static double[] enclosing(float[] d, float max, double voxelCc, double[] enclosedCc) {
        double[] out = new double[enclosedCc.length];
        if (out.length == 0) {
            return out;
        }
        if (max == 0) {
            for (int j = 0; j < out.length; j++) {
                out[j] = valid(enclosedCc[j], d.length, voxelCc) ? 0 : Double.NaN;
            }
            return out;
        }
        long[] histogram = new long[BINS];
        double scale = BINS / (double) max;
        for (float v : d) {
            histogram[bin(v, scale)]++;
        }
        int lowest = BINS - 1;
        for (double cc : enclosedCc) {
            if (!valid(cc, d.length, voxelCc)) {
                continue;
            }
            long needed = (long) Math.ceil(cc / voxelCc) + 2;
            long count = 0;
            int edge = BINS - 1;
            while (edge > 0 && count + histogram[edge] < needed) {
                count += histogram[edge];
                edge--;
            }
            lowest = Math.min(lowest, Math.max(0, edge - 1));
        }
        int keep = 0;
        for (int b = lowest; b < BINS; b++) {
            keep += (int) histogram[b];
        }
        float[] hottest = new float[keep];
        int n = 0;
        for (float v : d) {
            if (bin(v, scale) >= lowest) {
                hottest[n++] = v;
            }
        }
        Dvh top = Dvh.of("dose grid", hottest, voxelCc);
        Dvh all = null;
        for (int j = 0; j < out.length; j++) {
            double cc = enclosedCc[j];
            if (!valid(cc, d.length, voxelCc)) {
                out[j] = Double.NaN;
            } else if (keep < d.length && cc >= top.lastPointCc()) {
                // a large group of equal doses straddles the cut: use the whole grid
                all = all != null ? all : Dvh.of("dose grid", d, voxelCc);
                out[j] = all.doseAtVolumeCc(cc);
            } else {
                out[j] = top.doseAtVolumeCc(cc);
            }
        }
        return out;
    }

    private static int bin(float v, double scale) {
        return Math.min(BINS - 1, Math.max(0, (int) (v * scale)));
    }

    private static boolean valid(double volumeCc, int voxels, double voxelCc) {
        return volumeCc >= 0 && volumeCc <= voxels * voxelCc;
    }

    /** Volume receiving at least the {@code l}-th level, cc. */
    public double volumeAtLeastCc(int l) {
        return volumesCc[l];
    }

    /** The isodose level enclosing the {@code j}-th volume, Gy; NaN when the grid is smaller. */
    public double levelEnclosingCc(int j) {
        return enclosingLevelsGy[j];
    }

    /** Volume of the grid receiving at least {@code levelGy}, cc, on the curve of {@link Dvh}, in one pass without sorting. */
    public static double volumeAtLeastCc(DoseGrid dose, double levelGy) {
        return of(dose, new double[] {levelGy}, new double[0]).volumeAtLeastCc(0);
    }

    /** The dose of the isodose surface enclosing {@code volumeCc} (the MPD of a target of that volume), Gy; NaN when the grid is smaller. */
    public static double levelEnclosingCc(DoseGrid dose, double volumeCc) {
        return of(dose, new double[0], new double[] {volumeCc}).levelEnclosingCc(0);
    }
}
