package org.seedplan.planning.template;

import org.seedplan.geometry.Vec3;

/**
 * A planned needle as the template needs it: its name in messages ("needle 3"), the number
 * embossed beside its channel, a point on its path outside the target ({@code fromMm}, e.g. the
 * planned entry), its tip, and its deepest seed's centre (mm LPS).
 */
public record TemplateNeedle(String name, int label, Vec3 fromMm, Vec3 tipMm, Vec3 deepestSeedMm) {

    public TemplateNeedle {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("template needle without a name");
        }
        if (label < 0 || label > 999) {
            throw new IllegalArgumentException(name + ": label " + label + " must lie in 0 … 999");
        }
        if (!fromMm.isFinite() || !tipMm.isFinite() || !(fromMm.distanceTo(tipMm) > 1e-6)) {
            throw new IllegalArgumentException(name + ": entry " + fromMm + " and tip " + tipMm + " do not give a direction");
        }
        if (deepestSeedMm == null) {
            deepestSeedMm = tipMm;
        }
    }

    /** Unit vector along the needle, into the patient. */
    public Vec3 direction() {
        return tipMm.minus(fromMm).normalized();
    }
}
