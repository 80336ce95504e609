package org.seedplan.planning.template;

import org.seedplan.geometry.Volume;
import org.seedplan.structure.Mask;

/**
 * A body contour as a CT-like volume for the template's skin: -1000 HU outside, 0 HU inside and the
 * voxel's inside fraction in between, so that the skin at {@value #SKIN_HU} HU is the contour.
 */
public final class BodyContourSkin {

    /** The skin threshold that puts the skin on the contour (half-inside voxels). */
    public static final double SKIN_HU = -500;

    private BodyContourSkin() {
    }

    public static Volume of(Mask body) {
        float[] hu = new float[body.fraction().length];
        for (int i = 0; i < hu.length; i++) {
            hu[i] = -1000f + 1000f * Math.max(0f, Math.min(1f, body.fraction()[i]));
        }
        return new Volume(body.grid(), hu);
    }
}
