package org.seedplan.dose.montecarlo;

/**
 * One coaxial cylinder of a seed's geometry, centred on the seed centre with its axis along the seed axis: the
 * region is the part of this cylinder outside the next inner one.
 *
 * @param material material name in {@link MaterialLibrary}
 * @param densityGPerCm3 density of the region
 * @param radiusCm outer radius
 * @param halfLengthCm half of the outer length
 */
public record SeedRegion(String material, double densityGPerCm3, double radiusCm, double halfLengthCm) {

    public SeedRegion {
        if (!(radiusCm > 0) || !(halfLengthCm > 0) || !(densityGPerCm3 >= 0)) {
            throw new IllegalArgumentException("seed region of " + material + ": radius, half-length must be positive and density not negative");
        }
    }
}
