package org.seedplan.dvh;

import org.seedplan.structure.Mask;
import org.seedplan.structure.Structure;
import org.seedplan.structure.StructureType;

/** A region of interest for dose metrics: its name, its type (target or organ at risk …) and its mask. */
public record RoiMask(String name, StructureType type, Mask mask) {

    public RoiMask {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a region of interest for dose metrics needs a name");
        }
        if (type == null) {
            type = StructureType.OTHER;
        }
    }

    /** A drawn structure with its rasterised mask. */
    public static RoiMask of(Structure structure, Mask mask) {
        return new RoiMask(structure.name(), structure.type(), mask);
    }

    /** A derived mask (a margin expansion, a boolean combination), named like the mask. */
    public static RoiMask of(Mask mask, StructureType type) {
        return new RoiMask(mask.name(), type, mask);
    }

    /** Organs at risk enter the COIN product: ORGAN and AVOIDANCE structures. */
    public boolean isOrganAtRisk() {
        return type == StructureType.ORGAN || type == StructureType.AVOIDANCE;
    }
}
