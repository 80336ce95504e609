package org.seedplan.dvh;

import java.util.stream.IntStream;
import org.seedplan.dose.DoseGrid;

/**
 * Volumes enclosed by isodose surfaces over a whole dose grid (every voxel a full volume element
 * read at its centre), with the same interpolation as {@link Dvh}: the prescription isodose
 * volume (PIV, V_ref) of the conformity indices and the matched peripheral dose, for several levels
 * and volumes at once in two passes over the grid ({@link #of}).
 *
 * <p>Both are only meaningful when the dose grid encloses the isodose surface: a grid cut through
 * the prescription isodose under-reports PIV.
 */
public final class IsodoseVolume {

    /**
     * Histogram bins that locate the hottest voxels: a non-negative float's bit pattern without its 16 lowest bits,
     * so bins are ordered like the doses, 1/128 of a dose wide, and need no maximum found beforehand.
     */
    private static final int BINS = 1 << 15;
    /** Voxels per part of the grid surveyed in parallel. */
    private static final int PART = 1 << 16;

    private final double[] volumesCc;
    private final double[] enclosingLevelsGy;

    private IsodoseVolume(double[] volumesCc, double[] enclosingLevelsGy) {
        this.volumesCc = volumesCc;
        this.enclosingLevelsGy = enclosingLevelsGy;
    }

    /** What one part of the grid holds: the counts around every level and the histogram of its doses. */
    private static final class Part {
        final long[] atLeast;
        final float[] above; // lowest dose ≥ level
        final long[] atAbove;
        final float[] below; // highest dose < level
        final long[] atBelow;
        final int[] histogram = new int[BINS];

        Part(int levels) {
            atLeast = new long[levels];
            above = new float[levels];
            atAbove = new long[levels];
            below = new float[levels];
            atBelow = new long[levels];
            java.util.Arrays.fill(above, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(below, Float.NEGATIVE_INFINITY);
        }

        void survey(float[] d, int from, int to, double[] levelsGy) {
            for (int n = from; n < to; n++) {
                float v = d[n];
                histogram[bin(v)]++;
                for (int l = 0; l < levelsGy.length; l++) {
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
        }

        /** Adds another part's counts (the parts of a grid in any order give the same totals). */
        void merge(Part o) {
            for (int l = 0; l < atLeast.length; l++) {
                atLeast[l] += o.atLeast[l];
                if (o.above[l] < above[l]) {
                    above[l] = o.above[l];
                    atAbove[l] = o.atAbove[l];
                } else if (o.above[l] == above[l]) {
                    atAbove[l] += o.atAbove[l];
                }
                if (o.below[l] > below[l]) {
                    below[l] = o.below[l];
                    atBelow[l] = o.atBelow[l];
                } else if (o.below[l] == below[l]) {
                    atBelow[l] += o.atBelow[l];
                }
            }
        }
    }

    /**
     * The volume receiving at least each of {@code levelsGy} and the isodose level enclosing each of
     * {@code enclosedCc}, in two parallel passes over the grid: the counts around every level with a histogram
     * of the doses, then the hottest voxels gathered and sorted.
     */
    public static IsodoseVolume of(DoseGrid dose, double[] levelsGy, double[] enclosedCc) {
        float[] d = dose.doseGy();
        int parts = Math.max(1, (d.length + PART - 1) / PART);
        Part[] part = new Part[parts];
        IntStream.range(0, parts).parallel().forEach(p -> {
            part[p] = new Part(levelsGy.length);
            part[p].survey(d, p * PART, Math.min(d.length, (p + 1) * PART), levelsGy);
        });
        Part all = part[0]; // the level counts of every part merged into the first; each histogram stays its part's own
        for (int p = 1; p < parts; p++) {
            all.merge(part[p]);
        }
        double voxelCc = dose.grid().voxelVolumeCc();
        double[] volumes = new double[levelsGy.length];
        for (int l = 0; l < levelsGy.length; l++) {
            if (all.atLeast[l] == 0) {
                volumes[l] = 0;
            } else if (all.atBelow[l] == 0) {
                volumes[l] = all.atLeast[l] * voxelCc;
            } else {
                double midAbove = all.atLeast[l] - all.atAbove[l] / 2.0;
                double midBelow = all.atLeast[l] + all.atBelow[l] / 2.0;
                double t = (all.above[l] - levelsGy[l]) / ((double) all.above[l] - all.below[l]);
                volumes[l] = (midAbove + t * (midBelow - midAbove)) * voxelCc;
            }
        }
        return new IsodoseVolume(volumes, enclosedCc.length == 0 ? new double[0] : enclosing(d, part, voxelCc, enclosedCc));
    }

    /**
     * The dose of the isodose surface enclosing each volume: the matched peripheral dose (MPD) when the
     * volume is the target volume (AAPM TG-64, Yu et al., Med. Phys. 26 (1999) 2054, after Willins &amp;
     * Wallner, IJROBP 39 (1997) 347). Gy; NaN when the grid is smaller.
     *
     * <p>Only the hottest voxels are sorted: the histogram finds the bin from which on every requested volume
     * is reached, and the DVH of the voxels in and above it answers exactly (a bin is a range of doses, so
     * those voxels are all that are hotter than some dose). Each part's histogram is its own.
     */
    private static double[] enclosing(float[] d, Part[] part, double voxelCc, double[] enclosedCc) {
        double[] out = new double[enclosedCc.length];
        int[] histogram = new int[BINS];
        for (Part p : part) {
            for (int b = 0; b < BINS; b++) {
                histogram[b] += p.histogram[b];
            }
        }
        int lowest = BINS - 1;
        for (double cc : enclosedCc) {
            if (valid(cc, d.length, voxelCc)) {
                long needed = (long) Math.ceil(cc / voxelCc) + 2;
                long count = 0;
                int edge = BINS - 1;
                while (edge > 0 && count + histogram[edge] < needed) {
                    count += histogram[edge];
                    edge--;
                }
                lowest = Math.min(lowest, edge);
            }
        }
        // each part's share of the hottest voxels, then every part gathers its own into its place
        int from = lowest;
        int[] offset = new int[part.length + 1];
        for (int p = 0; p < part.length; p++) {
            int own = 0;
            for (int b = from; b < BINS; b++) {
                own += part[p].histogram[b];
            }
            offset[p + 1] = offset[p] + own;
        }
        int total = offset[part.length];
        float[] hottest = new float[total];
        IntStream.range(0, part.length).parallel().forEach(p -> {
            int at = offset[p];
            for (int n = p * PART, end = Math.min(d.length, (p + 1) * PART); n < end; n++) {
                if (bin(d[n]) >= from) {
                    hottest[at++] = d[n];
                }
            }
        });
        Dvh top = Dvh.of("dose grid", hottest, voxelCc);
        Dvh whole = null;
        for (int j = 0; j < out.length; j++) {
            double cc = enclosedCc[j];
            if (!valid(cc, d.length, voxelCc)) {
                out[j] = Double.NaN;
            } else if (total < d.length && cc >= top.lastPointCc()) {
                // a large group of equal doses straddles the cut: use the whole grid
                whole = whole != null ? whole : Dvh.of("dose grid", d, voxelCc);
                out[j] = whole.doseAtVolumeCc(cc);
            } else {
                out[j] = top.doseAtVolumeCc(cc);
            }
        }
        return out;
    }

    /** The histogram bin of a dose ≥ 0 (−0 and 0 in bin 0). */
    private static int bin(float v) {
        return v == 0 ? 0 : Float.floatToRawIntBits(v) >>> 16;
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
