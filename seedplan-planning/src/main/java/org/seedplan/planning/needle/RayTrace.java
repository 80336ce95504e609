package org.seedplan.planning.needle;

import java.util.Map;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.PlanningGeometry;

/** Follows a straight needle path into the patient and decides where its tip goes, or why it cannot be used. */
final class RayTrace {

    /** How far beyond the length limit a path is followed to tell "too long" from "misses the target", mm. */
    private static final double LOOK_BEYOND_MM = 300;

    private RayTrace() {
    }

    /**
     * The needle entering at {@code entry} along {@code direction}: its tip is the last point where
     * a seed may go before the path first meets an obstacle or reaches {@code maxLengthMm}. Returns
     * null, counting the reason in {@code refused}, when the path reaches no seed position, or
     * meets an organ keep-out region or bone before it does.
     */
    static Needle trace(PlanningGeometry geometry, Vec3 entry, Vec3 direction, double maxLengthMm, String hole,
                        Map<String, Integer> refused) {
        double step = geometry.pathStepMm();
        double lastInside = -1;
        int n = (int) Math.ceil((maxLengthMm + LOOK_BEYOND_MM) / step);
        for (int s = 0; s <= n; s++) {
            double t = s * step;
            Vec3 p = entry.plus(direction.times(t));
            String why = geometry.blockedAt(p);
            if (why != null) {
                if (lastInside < 0) {
                    refused.merge("crosses " + why + " before reaching the target", 1, Integer::sum);
                    return null;
                }
                break;
            }
            if (geometry.seedAllowed(p)) {
                if (t > maxLengthMm) {
                    if (lastInside < 0) {
                        refused.merge("target lies beyond max_length_mm", 1, Integer::sum);
                        return null;
                    }
                    break;
                }
                lastInside = t;
            } else if (lastInside >= 0 && t > maxLengthMm) {
                break;
            }
        }
        if (lastInside < 0) {
            refused.merge("misses the target", 1, Integer::sum);
            return null;
        }
        if (lastInside == 0) {
            lastInside = step;
        }
        return new Needle(entry, entry.plus(direction.times(lastInside)), hole, false);
    }
}
