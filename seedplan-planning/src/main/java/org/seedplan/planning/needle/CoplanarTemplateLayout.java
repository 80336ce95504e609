package org.seedplan.planning.needle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedplan.geometry.SegmentDistance;
import org.seedplan.geometry.Vec3;
import org.seedplan.planning.PlanningGeometry;
import org.seedplan.planning.intent.Approach;
import org.seedplan.planning.intent.PlanIntent;

/**
 * Needles through a flat grid template: parallel paths through holes on a square lattice in the
 * template plane. Holes are labelled by column letter (A, B, … along the template's u axis) and
 * row number (1, 2, … along v), as printed on brachytherapy templates. The template plane sits
 * {@code standoffMm} outside the skin along the needle direction (found on the CT) unless the intent
 * places it.
 */
public final class CoplanarTemplateLayout implements NeedleLayout {

    @Override
    public Result layout(PlanningGeometry geometry, PlanIntent intent) {
        Approach.CoplanarTemplate t = (Approach.CoplanarTemplate) intent.approach();
        Vec3 d = t.needleDirection();
        Vec3[] uv = templateAxes(d);
        Vec3 u = uv[0];
        Vec3 v = uv[1];
        Vec3 origin = templateOrigin(geometry, t);
        double h = t.holeSpacingMm();

        Vec3 lo = geometry.candidateRegion().minMm();
        Vec3 hi = geometry.candidateRegion().maxMm();
        double uMin = Double.POSITIVE_INFINITY, uMax = Double.NEGATIVE_INFINITY;
        double vMin = Double.POSITIVE_INFINITY, vMax = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 8; c++) {
            Vec3 corner = new Vec3((c & 1) == 0 ? lo.x() : hi.x(), (c & 2) == 0 ? lo.y() : hi.y(), (c & 4) == 0 ? lo.z() : hi.z());
            Vec3 rel = corner.minus(origin);
            uMin = Math.min(uMin, rel.dot(u));
            uMax = Math.max(uMax, rel.dot(u));
            vMin = Math.min(vMin, rel.dot(v));
            vMax = Math.max(vMax, rel.dot(v));
        }
        int aMin = (int) Math.floor(uMin / h) - 1;
        int aMax = (int) Math.ceil(uMax / h) + 1;
        int bMin = (int) Math.floor(vMin / h) - 1;
        int bMax = (int) Math.ceil(vMax / h) + 1;

        List<Needle> fixed = NeedleLayout.fixedNeedles(geometry, intent);
        List<Needle> needles = new ArrayList<>(fixed);
        Map<String, Integer> refused = new HashMap<>();
        for (int b = bMin; b <= bMax; b++) {
            for (int a = aMin; a <= aMax; a++) {
                Vec3 hole = origin.plus(u.times(a * h)).plus(v.times(b * h));
                Needle n = RayTrace.trace(geometry, hole, d, t.maxLengthMm(), label(a - aMin, b - bMin), refused);
                if (n != null && farFromAll(n, fixed, h * 0.9)) {
                    needles.add(n);
                }
            }
        }
        return new Result(needles, refused);
    }

    /** Whether the needle keeps at least {@code minMm} from every given needle. */
    static boolean farFromAll(Needle n, List<Needle> others, double minMm) {
        for (Needle o : others) {
            if (SegmentDistance.between(n.entryMm(), n.tipMm(), o.entryMm(), o.tipMm()) < minMm) {
                return false;
            }
        }
        return true;
    }

    /** Template in-plane axes (u, v): u is the patient x axis made perpendicular to d (y if d is along x), v = d × u. */
    static Vec3[] templateAxes(Vec3 d) {
        Vec3 ref = Math.abs(d.x()) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
        Vec3 u = ref.minus(d.times(ref.dot(d))).normalized();
        Vec3 v = d.cross(u).normalized();
        return new Vec3[] {u, v};
    }

    /** A point of the template plane: the given one, or the skin (or target front) minus the standoff. */
    static Vec3 templateOrigin(PlanningGeometry geometry, Approach.CoplanarTemplate t) {
        Vec3 d = t.needleDirection();
        if (t.templatePointMm() != null) {
            return t.templatePointMm();
        }
        Vec3 c = geometry.targetCentroidMm();
        double back = frontDistanceMm(geometry, c, d);
        return c.minus(d.times(back + t.standoffMm()));
    }

    /** Distance from the centre back along −d to the skin (with a CT) or to the front of the candidate region (without). */
    private static double frontDistanceMm(PlanningGeometry geometry, Vec3 centre, Vec3 d) {
        double step = 1.0;
        if (geometry.ct() != null) {
            int outside = 0;
            for (double s = 0; s < 1000; s += step) {
                if (!geometry.inBody(centre.minus(d.times(s)))) {
                    if (++outside >= 3) {
                        return s - 2 * step;
                    }
                } else {
                    outside = 0;
                }
            }
        }
        Vec3 lo = geometry.candidateRegion().minMm();
        Vec3 hi = geometry.candidateRegion().maxMm();
        double front = Double.POSITIVE_INFINITY;
        for (int c = 0; c < 8; c++) {
            Vec3 corner = new Vec3((c & 1) == 0 ? lo.x() : hi.x(), (c & 2) == 0 ? lo.y() : hi.y(), (c & 4) == 0 ? lo.z() : hi.z());
            front = Math.min(front, corner.minus(centre).dot(d));
        }
        return -front;
    }

    /** Template hole label: column letters (A … Z, AA …) and row number from 1. */
    static String label(int column, int row) {
        StringBuilder s = new StringBuilder();
        int c = column;
        do {
            s.insert(0, (char) ('A' + c % 26));
            c = c / 26 - 1;
        } while (c >= 0);
        return s.toString() + (row + 1);
    }
}
