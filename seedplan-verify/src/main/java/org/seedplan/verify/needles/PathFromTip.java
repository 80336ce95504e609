package org.seedplan.verify.needles;

import java.util.List;
import org.seedplan.geometry.Vec3;

/**
 * A found needle's path (hub side first, tip last, mm) walked back from the tip at growing distances: each {@link #reach}
 * moves to the segment holding the place {@code s} mm from the tip (the distance to the tip, not the length along the path:
 * the paths are nearly straight). Used where a statement samples the last few cm of a needle every 0.5 mm.
 */
final class PathFromTip {

    private final List<Vec3> pathMm;
    private final Vec3 tip;
    private int q;
    private double s;
    private Vec3 a;
    private Vec3 b;
    private double da;
    private double db;

    PathFromTip(List<Vec3> pathMm) {
        this.pathMm = pathMm;
        this.tip = pathMm.get(pathMm.size() - 1);
        this.q = pathMm.size() - 1;
    }

    /** Moves to {@code sMm} from the tip (never back towards it); false where the path ends before it. */
    boolean reach(double sMm) {
        while (q > 0 && tip.distanceTo(pathMm.get(q - 1)) < sMm) {
            q--;
        }
        if (q == 0) {
            return false;
        }
        s = sMm;
        a = pathMm.get(q);
        b = pathMm.get(q - 1);
        da = tip.distanceTo(a);
        db = tip.distanceTo(b);
        return true;
    }

    /** The place reached, interpolated on its segment, mm. */
    Vec3 point() {
        return db > da ? a.plus(b.minus(a).times((s - da) / (db - da))) : a;
    }

    /** The place reached's z alone, mm. */
    double z() {
        return db > da ? a.z() + (b.z() - a.z()) * (s - da) / (db - da) : a.z();
    }

    /** The segment's tip-side point, mm. */
    Vec3 tipSide() {
        return a;
    }

    /** The segment's hub-side point, mm. */
    Vec3 hubSide() {
        return b;
    }
}
