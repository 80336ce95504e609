package org.seedplan.verify.seedfinder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seedplan.geometry.ConnectedComponents;
import org.seedplan.geometry.Grid;

/**
 * The CT number of the scan's seeds, estimated from seed-sized metal objects only: the
 * 26-connected objects at or above the minimum metal level whose volume is at most that of a
 * bundle of three seeds ({@value #MAX_SEED_OBJECT_MM3} mm³) and at least a seed core's; the upper quartile of their
 * peaks (pieces of a stent or a wire may outnumber the seeds, but peak lower). A screw, a
 * stent or a coil is far larger and so cannot lift the level above the seeds, however bright it is
 * (on an extended HU scale a screw reaches 10 000 HU and more, while the seeds of the same scan peak
 * lower on thick slices).
 *
 * @param seedPeakHu        upper quartile of the peaks of the seed-sized objects, HU (NaN when there are none)
 * @param seedSizedObjects  how many metal objects are seed-sized
 * @param largeObjects      how many metal objects are larger
 * @param largestMm3        volume of the largest metal object, mm³
 */
record MetalLevel(double seedPeakHu, int seedSizedObjects, int largeObjects, double largestMm3) {

    /**
     * Largest volume above the minimum metal level of one object that may be seeds, mm³: a bundle of
     * three seeds lying along 5 mm slices covers about 3 × 40 mm³; the smallest screw is ten times that.
     */
    static final double MAX_SEED_OBJECT_MM3 = 200;

    /** Least volume of a seed's metal core above the minimum metal level, mm³ (4.5 × 0.8 × 0.8 mm); smaller objects are noise on bone. */
    static final double MIN_SEED_OBJECT_MM3 = 3;

    static MetalLevel of(Grid g, float[] hu, double minMetalHu) {
        boolean[] metal = new boolean[hu.length];
        float floor = (float) minMetalHu;
        for (int v = 0; v < hu.length; v++) {
            metal[v] = hu[v] >= floor;
        }
        double voxelMm3 = g.dxMm() * g.dyMm() * g.dzMm();
        List<Double> peaks = new ArrayList<>();
        int large = 0;
        double largest = 0;
        for (int[] comp : ConnectedComponents.of(g, metal, null)) {
            double volume = comp.length * voxelMm3;
            largest = Math.max(largest, volume);
            if (volume > MAX_SEED_OBJECT_MM3) {
                large++;
                continue;
            }
            if (volume < MIN_SEED_OBJECT_MM3) {
                continue;
            }
            float peak = Float.NEGATIVE_INFINITY;
            for (int v : comp) {
                peak = Math.max(peak, hu[v]);
            }
            peaks.add((double) peak);
        }
        double[] p = peaks.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(p);
        double upperQuartile = p.length == 0 ? Double.NaN : p[(int) Math.floor(0.75 * (p.length - 1))];
        return new MetalLevel(upperQuartile, p.length, large, largest);
    }
}
