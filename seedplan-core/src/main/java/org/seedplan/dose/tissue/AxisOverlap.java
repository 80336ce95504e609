package org.seedplan.dose.tissue;

/**
 * Along one axis, which source voxels each target voxel overlaps and by what fraction of the target voxel's
 * width: the one-dimensional factor of volume-weighted resampling between two aligned grids.
 */
final class AxisOverlap {

    private final int[][] index;
    private final double[][] fraction;

    private AxisOverlap(int[][] index, double[][] fraction) {
        this.index = index;
        this.fraction = fraction;
    }

    /** Source voxels centred at {@code srcFirst + i·srcStep} (n of them), target voxels at {@code dstFirst + a·dstStep}. */
    static AxisOverlap of(double srcFirst, double srcStep, int srcCount, double dstFirst, double dstStep, int dstCount) {
        int[][] idx = new int[dstCount][];
        double[][] frac = new double[dstCount][];
        for (int a = 0; a < dstCount; a++) {
            double lo = dstFirst + a * dstStep - dstStep / 2;
            double hi = lo + dstStep;
            int first = Math.max(0, (int) Math.floor((lo - srcFirst) / srcStep + 0.5));
            int last = Math.min(srcCount - 1, (int) Math.floor((hi - srcFirst) / srcStep + 0.5));
            int m = Math.max(0, last - first + 1);
            int[] ii = new int[m];
            double[] ff = new double[m];
            int used = 0;
            for (int s = first; s <= last; s++) {
                double sLo = srcFirst + s * srcStep - srcStep / 2;
                double overlap = Math.min(hi, sLo + srcStep) - Math.max(lo, sLo);
                if (overlap > 0) {
                    ii[used] = s;
                    ff[used] = overlap / dstStep;
                    used++;
                }
            }
            idx[a] = java.util.Arrays.copyOf(ii, used);
            frac[a] = java.util.Arrays.copyOf(ff, used);
        }
        return new AxisOverlap(idx, frac);
    }

    /** Whether no target voxel overlaps any source voxel. */
    boolean isEmpty() {
        for (int[] i : index) {
            if (i.length > 0) {
                return false;
            }
        }
        return true;
    }

    /** The lowest source index any target voxel overlaps (the axis must not be {@link #isEmpty() empty}). */
    int first() {
        int first = Integer.MAX_VALUE;
        for (int[] i : index) {
            if (i.length > 0) {
                first = Math.min(first, i[0]);
            }
        }
        return first;
    }

    /** The highest source index any target voxel overlaps (the axis must not be {@link #isEmpty() empty}). */
    int last() {
        int last = -1;
        for (int[] i : index) {
            if (i.length > 0) {
                last = Math.max(last, i[i.length - 1]);
            }
        }
        return last;
    }

    int count(int target) {
        return index[target].length;
    }

    int index(int target, int n) {
        return index[target][n];
    }

    double fraction(int target, int n) {
        return fraction[target][n];
    }
}
