package org.seedplan.geometry;

import java.util.Locale;

/**
 * Checks, before an array over a grid is allocated, that the Java heap can hold it, and refuses with
 * a message saying how large a grid fits: a too fine or too large grid is bad input, never an
 * out-of-memory stack trace half-way through.
 */
public final class MemoryBudget {

    /** Share of the free heap one computation may claim: the rest is for the JVM, the structures and the output. */
    static final double SHARE = 0.8;

    private MemoryBudget() {
    }

    /**
     * Refuses unless {@code bytesPerVoxel} bytes for every voxel of {@code grid} fit in the heap still free.
     *
     * @param what what the memory is for and the option that sets the grid, e.g. "the dose grid (--grid-mm)"
     */
    public static void require(Grid grid, long bytesPerVoxel, String what) {
        long voxels = (long) grid.nx() * grid.ny() * grid.nz();
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long allowed = (long) (SHARE * free);
        if (voxels * bytesPerVoxel > allowed) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s of %d × %d × %d = %.3g voxels needs about %d MB, but only %d MB of memory are free: grids up to about"
                            + " %.3g voxels fit; use a coarser spacing or a smaller region (or give java more memory with -Xmx)",
                    what, grid.nx(), grid.ny(), grid.nz(), (double) voxels, voxels * bytesPerVoxel >> 20, allowed >> 20,
                    (double) (allowed / bytesPerVoxel)));
        }
    }
}
