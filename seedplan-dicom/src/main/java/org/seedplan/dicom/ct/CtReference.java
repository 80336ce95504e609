package org.seedplan.dicom.ct;

import java.util.List;
import org.seedplan.geometry.Grid;

/**
 * What other RT objects need to refer to a CT series: study, series and frame of reference
 * UIDs, the grid, and the SOP Instance UID of each slice in grid order (slice k at grid z(k)).
 */
public record CtReference(String studyInstanceUid, String seriesInstanceUid, String frameOfReferenceUid, Grid grid,
                          List<String> sliceSopInstanceUids) {

    public CtReference {
        sliceSopInstanceUids = List.copyOf(sliceSopInstanceUids);
        if (sliceSopInstanceUids.size() != grid.nz()) {
            throw new IllegalArgumentException("CT reference has " + sliceSopInstanceUids.size() + " slice UIDs for "
                    + grid.nz() + " slices");
        }
    }

    /** The reference to a series read from files. */
    public static CtReference of(CtSeries ct) {
        return new CtReference(ct.studyInstanceUid(), ct.seriesInstanceUid(), ct.frameOfReferenceUid(), ct.volume().grid(),
                ct.sliceSopInstanceUids());
    }

    /** Index of the slice whose plane lies within half a slice of {@code zMm}, or -1. */
    public int sliceAt(double zMm) {
        long k = Math.round((zMm - grid.z(0)) / grid.dzMm());
        if (k < 0 || k >= grid.nz() || Math.abs(grid.z((int) k) - zMm) > grid.dzMm() / 2) {
            return -1;
        }
        return (int) k;
    }
}
