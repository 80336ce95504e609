package org.seedplan.dose.tissue;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.seedplan.structure.Mask;

/**
 * A contour that sets the tissue composition (TG-186 §IV.C): every dose voxel at least half inside the structure gets
 * {@code material}, at {@code densityGPerCm3} when given or else at the CT's own density. {@code basis} says why, for the
 * reports ({@link #GIVEN}; otherwise the organ rule of {@link StructureTissues}). It changes only the voxels
 * the CT puts in one of {@code ctClasses}: the automatic ones leave air, lung, bone and metal inside the contour as the CT
 * shows them; a user's override changes every voxel (all classes). With {@code oneComposition} (a target in no organ of
 * Table III, {@link StructureTissues}) the material is decided when the CT's classes are known: liver when the CT's liver
 * class holds most of the target's own voxels of the classes it changes, {@code material} otherwise.
 */
public record TissueOverride(String structure, Mask mask, String material, Double densityGPerCm3, String basis,
                             Set<TissueClass> ctClasses, OneComposition oneComposition) {

    /** The basis of a user's override. */
    public static final String GIVEN = "user's override";

    /**
     * One composition for all of a target's voxels of the classes it changes, chosen on the CT's (noise-smoothed,
     * {@link CtClassMap}) classes of the target's own voxels: those at least half inside it and not at least half inside a
     * target of {@code insideTargets} (the targets within it, which decide their own voxels; each mask on the override's grid).
     */
    public record OneComposition(Map<String, Mask> insideTargets) {
        public OneComposition {
            insideTargets = Collections.unmodifiableMap(new LinkedHashMap<>(insideTargets));
        }
    }

    public TissueOverride {
        ctClasses = ctClasses.isEmpty() ? EnumSet.noneOf(TissueClass.class) : EnumSet.copyOf(ctClasses);
        if (densityGPerCm3 != null && !(densityGPerCm3 > 0 && densityGPerCm3 <= HuDensityCurve.MAX_DENSITY_G_PER_CM3)) {
            throw new IllegalArgumentException("tissue override of '" + structure + "': density " + densityGPerCm3
                    + " g/cm³ is not in (0, " + HuDensityCurve.MAX_DENSITY_G_PER_CM3 + "]: give g/cm³ (soft tissue 1.03) or none to keep the CT's");
        }
    }

    /** A user's override: every voxel of the structure as {@code material}, at the density given or the CT's. */
    public TissueOverride(String structure, Mask mask, String material, Double densityGPerCm3) {
        this(structure, mask, material, densityGPerCm3, GIVEN, EnumSet.allOf(TissueClass.class), null);
    }

    /** An automatic composition of {@code material} on the voxels of {@code ctClasses}, at the CT's density. */
    public TissueOverride(String structure, Mask mask, String material, String basis, Set<TissueClass> ctClasses) {
        this(structure, mask, material, null, basis, ctClasses, null);
    }

    /** The structure as {@code material} at the density the CT gives each voxel (a user's override). */
    public static TissueOverride keepingCtDensity(Mask mask, String material) {
        return new TissueOverride(mask.name(), mask, material, null);
    }
}
