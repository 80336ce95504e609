package org.seedplan.dose.tissue;

import org.seedplan.structure.Mask;

/**
 * A contour that overrides the CT's tissue class (TG-186 §IV.C): every dose voxel at least half inside the
 * structure gets {@code material}, at {@code densityGPerCm3} when given or else at the CT's own density
 * (a GTV in lung as soft tissue: tumour composition, the CT's density).
 */
public record TissueOverride(String structure, Mask mask, String material, Double densityGPerCm3) {

    public TissueOverride {
        if (densityGPerCm3 != null && !(densityGPerCm3 > 0 && densityGPerCm3 <= HuDensityCurve.MAX_DENSITY_G_PER_CM3)) {
            throw new IllegalArgumentException("tissue override of '" + structure + "': density " + densityGPerCm3
                    + " g/cm³ is not in (0, " + HuDensityCurve.MAX_DENSITY_G_PER_CM3 + "]: give g/cm³ (soft tissue 1.03) or none to keep the CT's");
        }
    }

    /** The structure as {@code material} at the density the CT gives each voxel. */
    public static TissueOverride keepingCtDensity(Mask mask, String material) {
        return new TissueOverride(mask.name(), mask, material, null);
    }
}
