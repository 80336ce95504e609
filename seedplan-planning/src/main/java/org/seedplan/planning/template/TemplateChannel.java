package org.seedplan.planning.template;

import org.seedplan.geometry.Vec3;

/**
 * A guide channel of a built template (mm LPS): where the needle enters it ({@code topMm}, the sleeve
 * top), where it leaves the template's skin side ({@code bottomMm}), where it meets the skin, its
 * tip and deepest seed, the depths from the channel top to the deepest seed's centre and to the
 * tip (to set the needle's depth stop), and the angle between the needle and the skin surface.
 */
public record TemplateChannel(String name, int label, Vec3 topMm, Vec3 bottomMm, Vec3 skinEntryMm, Vec3 tipMm, Vec3 deepestSeedMm,
                              double depthToDeepestSeedMm, double depthToTipMm, double skinAngleDeg) {

    /** Unit vector along the channel, into the patient. */
    public Vec3 direction() {
        return tipMm.minus(topMm).normalized();
    }
}
