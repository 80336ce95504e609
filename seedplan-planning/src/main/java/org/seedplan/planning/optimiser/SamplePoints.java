package org.seedplan.planning.optimiser;

import java.util.List;

/** Dose sample points for the optimiser, patient mm, stored by group (each group a contiguous range). */
public record SamplePoints(float[] x, float[] y, float[] z, List<SampleGroup> groups) {

    public SamplePoints {
        groups = List.copyOf(groups);
    }

    public int size() {
        return x.length;
    }
}
