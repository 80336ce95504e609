package org.seedplan.verify.seedfinder;

/**
 * What a metal object that is not seeds looks like, from the extents of its voxels along their
 * principal axes (the extent of a uniform bar is √12 × its standard deviation) and how much of its
 * bounding cylinder it fills: a long thin object is a wire, a long wide hollow one a stent, a long
 * solid one a screw or rod, a compact ball a coil, a short flat one a clip.
 */
public enum MetalShape {
    /** Not metal, or not classified (bone, calcification, a fragment). */
    NONE("not metal"),
    /** Long (≥ 12 mm), solid and thicker than a wire: a pedicle screw, a rod, a needle left in place. */
    SCREW_OR_ROD("screw or rod"),
    /** Long, wide (≥ 7 mm) and hollow: a stent or a mesh. */
    STENT("stent"),
    /** Long (≥ 15 mm) and thin (at most {@value #MAX_WIRE_SECTION_MM2} mm² of cross-section): a wire. */
    WIRE("wire"),
    /** Compact (widest extent at least half the longest) and larger than three seeds: an embolisation coil. */
    COIL("coil"),
    /** Short (5–12 mm) and flat: a surgical clip. */
    CLIP("clip"),
    /** Metal of no recognised shape. */
    UNKNOWN("metal object");

    /** Largest mean cross-section of a wire's voxels, mm² (volume over length). */
    static final double MAX_WIRE_SECTION_MM2 = 8;

    private final String label;

    MetalShape(String label) {
        this.label = label;
    }

    /** The word a report uses. */
    public String label() {
        return label;
    }

    /** Classifies a blob of voxels; {@code seedVolumeMm3} is the volume of one seed's blob on this scan. */
    static MetalShape classify(Blob b, double voxelMm3, double seedVolumeMm3) {
        PrincipalAxes pa = PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size());
        double length = extent(pa.variances()[0]);
        double width = extent(pa.variances()[1]);
        double thickness = extent(pa.variances()[2]);
        double volume = b.size() * voxelMm3;
        // A solid rod of radius r has σ² = r²/4 across (extent 1.73 r): its volume π r² L is 1.05 × width² × length;
        // a hollow one (σ² = r²/2, extent 2.45 r) fills far less of that.
        double fill = volume / (1.05 * width * Math.max(width, thickness) * length);
        // Cross-section: a wire of 0.5–1 mm blurs to a few mm² above the threshold, a screw's shaft to tens.
        if (length >= 15 && volume / length <= MAX_WIRE_SECTION_MM2) {
            return WIRE;
        }
        if (length >= 12 && width >= 7 && fill < 0.35) {
            return STENT;
        }
        if (length >= 12) {
            return SCREW_OR_ROD;
        }
        if (width >= 0.5 * length && volume >= 3 * seedVolumeMm3) {
            return COIL;
        }
        if (length >= 5 && thickness <= 0.5 * width) {
            return CLIP;
        }
        return UNKNOWN;
    }

    /** Length of the object along its first principal axis, mm. */
    static double length(Blob b) {
        return extent(PrincipalAxes.of(b.x, b.y, b.z, BlobSplitter.ones(b.size()), null, b.size()).variances()[0]);
    }

    private static double extent(double variance) {
        return Math.sqrt(12 * variance);
    }
}
